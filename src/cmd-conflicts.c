/*
 * cmd-conflicts.c: `onward conflicts [list]` and `onward conflicts
 * resolve ID --pick N | --value V`: fields changed on two devices
 * without either seeing the other's change, and settling them.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-conflict.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option resolve_options[] = {
	{ "pick",	required_argument,	NULL, 'p' },
	{ "value",	required_argument,	NULL, 'v' },
	{ "as",		required_argument,	NULL, 'a' },
	{ "passphrase-file", required_argument,	NULL, 'f' },
	{ NULL,		0,			NULL, 0 }
};

/* Prints a value on one line, quoted: newlines, tabs, CRs and
 * backslashes escaped. */
static void
print_value(const char *s)
{
	if (s == NULL) {
		fputs(_("(deleted)"), stdout);
		return;
	}
	putchar('\'');
	str_escape_write(stdout, s, strlen(s), ESCAPE_SHOW);
	putchar('\'');
}

/* One line per conflict: id, case, record, field, then each value. */
static int
conflicts_list(struct store *st)
{
	struct conflict	*v;
	size_t		 n, i, j;
	char		*cause;

	if (store_conflicts(st, &v, &n, &cause) != 0) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		printf("%s\t%s\t%s\t%s", v[i].id,
		    v[i].case_id != NULL ? v[i].case_id : "-", v[i].record_id,
		    v[i].path);
		for (j = 0; j < v[i].nvalues; j++) {
			printf("\t%zu=", j + 1);
			print_value(v[i].values[j].value);
			printf(" (%s, %.8s, %s)", v[i].values[j].author,
			    v[i].values[j].device, v[i].values[j].time);
		}
		if (v[i].twin != NULL)
			printf("\talso=%s", v[i].twin);
		putchar('\n');
		conflict_free(&v[i]);
	}
	free(v);
	return 0;
}

/* resolve ID --pick N | --value V [--as WORKER] */
static int
conflicts_resolve(struct app *app, int argc, char **argv)
{
	struct store	*st = app->store;
	struct conflict	*v;
	const char	*pick = NULL, *value = NULL, *as = NULL;
	char		*cause = NULL, *worker = NULL, *chosen = NULL, *end;
	char		*problem;
	size_t		 n, i;
	long		 k;
	int		 ch, rc = 1;

	while ((ch = getopt_long(argc, argv, "", resolve_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'p':
			pick = optarg;
			break;
		case 'v':
			value = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'f':
			app->passfile = optarg;
			break;
		default:
			return cmd_usage(&cmd_conflicts_entry);
		}
	}
	if (optind + 1 != argc || (pick == NULL) == (value == NULL))
		return cmd_usage(&cmd_conflicts_entry);
	if ((worker = app_author(app, as, "supervisor",
	    _("settle conflicts"))) == NULL)
		return 1;
	if (store_conflicts(st, &v, &n, &cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, argv[optind]) == 0 || (v[i].twin != NULL &&
		    strcmp(v[i].twin, argv[optind]) == 0))
			break;
	}
	if (i == n)
		cause = xasprintf(_("no conflict '%s'; see 'onward "
		    "conflicts'"), argv[optind]);
	else if (pick != NULL) {
		k = strtol(pick, &end, 10);
		if (*end == '\0' && k >= 1 && (size_t)k <= v[i].nvalues &&
		    v[i].values[k - 1].value != NULL)
			chosen = xstrdup(v[i].values[k - 1].value);
		else
			cause = xasprintf(_("conflict '%s' has no value %s "
			    "to pick"), argv[optind], pick);
		value = chosen;
	} else if ((problem = app_conflict_problem(app, &v[i], value)) !=
	    NULL) {
		/* The question's own check, as the form would make it. */
		cause = xasprintf(_("value '%s' cannot settle '%s': %s"),
		    value, argv[optind], problem);
		free(problem);
	}
	for (i = 0; i < n; i++)
		conflict_free(&v[i]);
	free(v);
	if (cause != NULL)
		goto fail;
	if (store_resolve_conflict(st, argv[optind], value, worker,
	    &cause) != 0)
		goto fail;
	printf(_("resolved '%s'\n"), argv[optind]);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "onward: %s\n", cause);
	free(cause);
out:
	free(chosen);
	free(worker);
	return rc;
}

/* conflicts [list] | conflicts resolve ... */
static int
cmd_conflicts_exec(struct app *app, int argc, char **argv)
{

	if (argc >= 2 && strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "resolve") != 0)
		return cmd_usage(&cmd_conflicts_entry);
	if (argc > 2 && strcmp(argv[1], "list") == 0)
		return cmd_usage(&cmd_conflicts_entry);
	if (app_ready(app) == -1)
		return 1;
	if (argc >= 2 && strcmp(argv[1], "resolve") == 0)
		return conflicts_resolve(app, argc - 1, argv + 1);
	return conflicts_list(app->store);
}

const struct cmd_entry cmd_conflicts_entry = {
	"conflicts",
	N_("[list] | resolve ID --pick N | --value V [--as WORKER] "
	    "[--passphrase-file FILE]"),
	N_("review and settle concurrent edits"),
	N_("Lists the fields changed on two devices without either seeing\n"
	    "the other's change, one a line, tab-separated: the id, the case,\n"
	    "the record, the field, then each value numbered from 1 (the one\n"
	    "shown first) with its author, device and time, and for an answer\n"
	    "saved to a case property, also=CASE/PROPERTY: the property, which\n"
	    "the same edits changed, is the same conflict.\n"
	    "'resolve ID' settles one (and its property) with the value\n"
	    "numbered N, or with a new value V: one more change, which travels\n"
	    "in later bundles.\n"
	    "On a store with accounts, settling needs a supervisor or an\n"
	    "admin signed in: --as ACCOUNT and its passphrase, from\n"
	    "--passphrase-file FILE (mode 0600) or the terminal.\n"),
	APP_FORMS_TRY | APP_STORE,
	cmd_conflicts_exec
};
