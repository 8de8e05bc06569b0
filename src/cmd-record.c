/*
 * cmd-record.c: `onward record add|edit|show|history|delete`: entering and
 * reading records without the terminal UI, for scripts, supervisors and
 * tests.  Values are checked exactly as the UI checks them (record.h);
 * an invalid record prints one line per problem and writes nothing.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "util.h"

static const struct option record_options[] = {
	{ "as",		required_argument,	NULL, 'a' },
	{ "passphrase-file", required_argument,	NULL, 'p' },
	{ "case",	required_argument,	NULL, 'c' },
	{ "key",	required_argument,	NULL, 'k' },
	{ NULL,		0,			NULL, 0 }
};

/* The properties of case_id, for ${case.PROP}; prints why not and
 * returns -1 on failure. */
static int
record_case_props(struct store *st, const char *case_id,
    struct answers *props)
{
	char	*cause = NULL;

	if (store_case_props(st, case_id, NULL, props, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Writes a value on one line: newlines, tabs, CRs, backslashes and
 * every other control character (escape sequences) escaped. */
static void
record_print_value(const char *s)
{
	str_escape_write(stdout, s != NULL ? s : "-", strlen(s != NULL ? s :
	    "-"), ESCAPE_SHOW);
}

/*
 * Applies FIELD=VALUE arguments to *a; one message per bad argument.
 * Answers outside repeats go first, then the repeats a count sizes get
 * their entries, then the answers inside repeats: household_size=2 and
 * members[2].age=5 work in any order on the command line.
 */
static int
record_assign(const struct form *form, struct store *st, struct answers *a,
    int argc, char **argv)
{
	char	*eq, *name, *path, *cause;
	int	 i, pass, bad = 0;
	bool	 inner;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			record_size_repeats(form, a, store_device(st));
		for (i = 0; i < argc; i++) {
			eq = strchr(argv[i], '=');
			inner = eq != NULL &&
			    memchr(argv[i], '[', (size_t)(eq - argv[i])) != NULL;
			if (inner != (pass == 1))
				continue;
			if (eq == NULL || eq == argv[i]) {
				fprintf(stderr, _("onward: '%s' is not "
				    "FIELD=VALUE\n"), argv[i]);
				bad++;
				continue;
			}
			name = xstrndup(argv[i], (size_t)(eq - argv[i]));
			if (!utf8_valid(eq + 1, strlen(eq + 1))) {
				fprintf(stderr, _("%s: not valid UTF-8 text\n"),
				    name);
				free(name);
				bad++;
				continue;
			}
			path = record_resolve_path(form, a, name,
			    store_device(st), &cause);
			if (path == NULL) {
				fprintf(stderr, "%s: %s\n", name, cause);
				free(cause);
				bad++;
			} else {
				answers_set(a, path, eq[1] != '\0' ? eq + 1 :
				    NULL);
				free(path);
			}
			free(name);
		}
	}
	return bad;
}

/* Prints "PATH: message" problems with entries by position. */
static void
record_print_problems(const struct answers *a, const struct diags *d)
{
	const char	*colon;
	char		*path, *dp;
	size_t		 i;

	for (i = 0; i < d->n; i++) {
		if ((colon = strstr(d->v[i], ": ")) == NULL) {
			fprintf(stderr, "%s\n", d->v[i]);
			continue;
		}
		path = xstrndup(d->v[i], (size_t)(colon - d->v[i]));
		dp = record_display_path(a, path);
		fprintf(stderr, "%s%s\n", dp, colon);
		free(dp);
		free(path);
	}
}

/* A FIELD= given empty stays empty: defaults fill only the questions
 * the command line did not name. */
static void
record_keep_empty(struct answers *a, int argc, char **argv,
    const struct form *form, struct store *st)
{
	char	*eq, *name, *path, *cause;
	int	 i;

	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq[1] != '\0')
			continue;
		name = xstrndup(argv[i], (size_t)(eq - argv[i]));
		path = record_resolve_path(form, a, name, store_device(st),
		    &cause);
		if (path != NULL)
			answers_set(a, path, NULL);
		else
			free(cause);
		free(path);
		free(name);
	}
}

/* After a bad FIELD=VALUE, prints the record's other problems too, so
 * one run shows them all. */
static void
record_report(const struct form *form, const struct answers *in)
{
	struct answers	a;
	struct diags	problems = { 0 };

	answers_copy(&a, in);
	record_calculate(form, &a);
	record_prune(form, &a);
	record_calculate(form, &a);
	record_check(form, &a, &problems);
	record_print_problems(&a, &problems);
	diags_free(&problems);
	answers_free(&a);
}

/*
 * After a save: names every FIELD=VALUE given whose question does not apply
 * to the answers (its relevant is false), so was not stored.  A script
 * must not lose an answer without a word.
 */
static void
record_warn_dropped(const struct form *form, struct store *st,
    const struct answers *in, int argc, char **argv)
{
	struct answers	 kept, any;
	char		*eq, *name, *path, *cause;
	int		 i;

	answers_copy(&kept, in);
	answers_copy(&any, in);
	record_calculate(form, &kept);
	record_prune(form, &kept);
	record_calculate(form, &kept);
	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq[1] == '\0')
			continue;
		name = xstrndup(argv[i], (size_t)(eq - argv[i]));
		path = record_resolve_path(form, &any, name, store_device(st),
		    &cause);
		if (path == NULL)
			free(cause);
		else if (answers_get(&kept, path) == NULL)
			fprintf(stderr, _("onward: %s: not stored: the "
			    "question does not apply to these answers\n"),
			    name);
		free(path);
		free(name);
	}
	answers_free(&kept);
	answers_free(&any);
}

/* Saves, printing problems; returns the exit status. */
static int
record_save(struct store *st, const struct form *form, const char *rid,
    const char *cid, struct answers *a, const char *worker, const char *key)
{
	struct diags	 problems = { 0 };
	char		*out_rid, *out_cid, *cause;
	int		 rc;

	if (key != NULL)
		rc = store_save_record_key(st, key, form, cid, a, worker,
		    &out_rid, &out_cid, &problems, &cause);
	else
		rc = store_save_record(st, form, rid, cid, a, worker, &out_rid,
		    &out_cid, &problems, &cause);
	if (rc == -1) {
		if (cause != NULL) {
			fprintf(stderr, _("onward: cannot save the record: "
			    "%s\n"), cause);
			free(cause);
		} else
			record_print_problems(a, &problems);
		diags_free(&problems);
		return 1;
	}
	printf("%s\n", out_rid);
	if (rid == NULL && form->case_action == CASE_OPEN && out_cid != NULL)
		printf("case %s\n", out_cid);
	free(out_rid);
	free(out_cid);
	diags_free(&problems);
	return 0;
}

/* record add: checks and saves a new record; the exit status. */
static int
record_add(struct app *app, const char *as, char *case_id, const char *key,
    int argc, char **argv)
{
	struct store		*st = app->store;
	const struct form_pack	*pack = app->pack;
	const struct form	*form;
	struct answers		 a, props;
	char			*worker, *p;
	int			 rc;

	if ((form = form_pack_find(pack, argv[0])) == NULL) {
		fprintf(stderr, _("onward: no form '%s'; see 'onward forms "
		    "list'\n"), argv[0]);
		return 1;
	}
	if (case_id != NULL) {
		for (p = case_id; *p != '\0'; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!store_case_id_valid(case_id)) {
			fprintf(stderr, _("onward: '%s' is not a case id (a "
			    "character is mistyped or missing)\n"), case_id);
			return 1;
		}
	}
	if ((worker = app_author(app, as, "worker", _("enter records"))) ==
	    NULL)
		return 1;
	answers_init(&a);
	answers_init(&props);
	if (case_id != NULL && record_case_props(st, case_id, &props) == -1) {
		answers_free(&props);
		free(worker);
		return 1;
	}
	a.case_props = &props;
	if (record_assign(form, st, &a, argc - 1, argv + 1) > 0) {
		record_apply_defaults(form, &a);
		record_report(form, &a);
		rc = 1;
	} else {
		record_size_repeats(form, &a, store_device(st));
		record_apply_defaults(form, &a);
		record_keep_empty(&a, argc - 1, argv + 1, form, st);
		rc = record_save(st, form, NULL, case_id, &a, worker, key);
		if (rc == 0)
			record_warn_dropped(form, st, &a, argc - 1, argv + 1);
	}
	answers_free(&a);
	answers_free(&props);
	free(worker);
	return rc;
}

/* record edit: changes answers of a record; the exit status. */
static int
record_edit(struct app *app, const char *as, int argc, char **argv)
{
	struct store		*st = app->store;
	const struct form_pack	*pack = app->pack;
	const struct form	*form;
	struct record_info	 ri;
	struct answers		 a, props;
	char			*worker = NULL, *cause;
	int			 rc = 1;

	answers_init(&a);
	answers_init(&props);
	if (store_load_record(st, argv[0], &ri, &a, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	if ((form = form_pack_find(pack, ri.form)) == NULL) {
		fprintf(stderr, _("onward: no form '%s'; see 'onward forms "
		    "list'\n"), ri.form);
		goto out;
	}
	if (ri.deleted) {
		fprintf(stderr, _("onward: record '%s' is deleted\n"), ri.id);
		goto out;
	}
	if ((worker = app_author(app, as, "worker", _("enter records"))) ==
	    NULL)
		goto out;
	if (ri.case_id != NULL &&
	    record_case_props(st, ri.case_id, &props) == -1)
		goto out;
	a.case_props = &props;
	if (record_assign(form, st, &a, argc - 1, argv + 1) == 0) {
		record_size_repeats(form, &a, store_device(st));
		rc = record_save(st, form, ri.id, ri.case_id, &a, worker, NULL);
		if (rc == 0)
			record_warn_dropped(form, st, &a, argc - 1, argv + 1);
	}
	else
		record_report(form, &a);
out:
	free(worker);
	record_info_free(&ri);
	answers_free(&a);
	answers_free(&props);
	return rc;
}

/* record show: the record's row and answers; the exit status. */
static int
record_show(struct store *st, const char *id)
{
	struct record_info	 ri;
	struct answers		 a;
	char			*cause;
	size_t			 i;

	answers_init(&a);
	if (store_load_record(st, id, &ri, &a, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	fputs("record ", stdout);
	record_print_value(ri.id);
	printf("\nform %s %d\ncase ", ri.form, ri.form_version);
	record_print_value(ri.case_id);
	fputs("\nby ", stdout);
	record_print_value(ri.author);
	printf("\ncreated %s\nupdated %s\n", ri.created, ri.updated);
	if (ri.deleted)
		printf("deleted\n");
	if (ri.conflict)
		printf("conflict\n");
	printf("\n");
	/* Entries by position, as record add and edit take them; the
	 * entries themselves show through their answers. */
	for (i = 0; i < a.n; i++) {
		size_t	len = strlen(a.v[i].path);
		char	*dp;

		if (len > 0 && a.v[i].path[len - 1] == ']')
			continue;
		dp = record_display_path(&a, a.v[i].path);
		record_print_value(dp);
		fputs(" = ", stdout);
		free(dp);
		record_print_value(a.v[i].value);
		putchar('\n');
	}
	record_info_free(&ri);
	answers_free(&a);
	return 0;
}

/* Prints one change of record history. */
static void
record_history_line(void *arg, const struct change_info *ci)
{
	(void)arg;
	printf("%s\t", ci->time);
	record_print_value(ci->author);
	printf("\t%s\t", ci->device);
	record_print_value(ci->path);
	fputs(": ", stdout);
	if (ci->old_value != NULL)
		record_print_value(ci->old_value);
	else
		fputs("(none)", stdout);
	fputs(" -> ", stdout);
	if (ci->value != NULL)
		record_print_value(ci->value);
	else
		fputs("(deleted)", stdout);
	putchar('\n');
}

/* record history: every change; the exit status. */
static int
record_history(struct store *st, const char *id)
{
	char	*cause;

	if (store_record_history(st, id, record_history_line, NULL,
	    &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}

/* record delete (restore false: the tombstone) or record restore; the
 * exit status. */
static int
record_delete(struct app *app, const char *as, const char *id,
    bool restore)
{
	struct store	*st = app->store;
	char	*worker, *cause;
	int	 rc = 0;

	if ((worker = app_author(app, as, "worker", _("enter records"))) ==
	    NULL)
		return 1;
	if (!restore && store_delete_record(st, id, worker, &cause) == -1) {
		fprintf(stderr, _("onward: cannot delete record '%s': %s\n"),
		    id, cause);
		free(cause);
		rc = 1;
	} else if (restore && store_restore_record(st, id, worker,
	    &cause) == -1) {
		fprintf(stderr, _("onward: cannot restore record '%s': %s\n"),
		    id, cause);
		free(cause);
		rc = 1;
	}
	free(worker);
	return rc;
}

/* onward record SUBCOMMAND ...: parses options and runs one. */
static int
cmd_record_exec(struct app *app, int argc, char **argv)
{
	struct store		*st;
	const char		*sub, *as = NULL, *key = NULL;
	char			*case_id = NULL;
	int			 ch, rc;

	if (argc < 2)
		return cmd_usage(&cmd_record_entry);
	sub = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", record_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'c':
			free(case_id);
			case_id = xstrdup(optarg);
			break;
		case 'k':
			key = optarg;
			break;
		case 'p':
			app->passfile = optarg;
			break;
		default:
			free(case_id);
			return cmd_usage(&cmd_record_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || (strcmp(sub, "add") != 0 && strcmp(sub, "edit") != 0 &&
	    argc != 1) || ((case_id != NULL || key != NULL) &&
	    strcmp(sub, "add") != 0) || (key != NULL && (*key == '\0' ||
	    strlen(key) > 1024))) {
		free(case_id);
		return cmd_usage(&cmd_record_entry);
	}
	if (strcmp(sub, "add") == 0 || strcmp(sub, "edit") == 0 ||
	    strcmp(sub, "show") == 0 || strcmp(sub, "history") == 0 ||
	    strcmp(sub, "delete") == 0 || strcmp(sub, "restore") == 0) {
		/* Reading and deleting need no forms. */
		if ((strcmp(sub, "add") == 0 || strcmp(sub, "edit") == 0) &&
		    app_open(app, APP_FORMS) == -1) {
			free(case_id);
			return 1;
		}
	} else {
		free(case_id);
		return cmd_usage(&cmd_record_entry);
	}
	if (app_ready(app) == -1) {
		free(case_id);
		return 1;
	}
	st = app->store;
	if ((strcmp(sub, "show") == 0 || strcmp(sub, "history") == 0) &&
	    app_sign_in_reader(app, as, app->passfile, "worker",
	    _("read records")) == -1) {
		free(case_id);
		return 1;
	}
	if (strcmp(sub, "add") == 0)
		rc = record_add(app, as, case_id, key, argc, argv);
	else if (strcmp(sub, "edit") == 0)
		rc = record_edit(app, as, argc, argv);
	else if (strcmp(sub, "show") == 0)
		rc = record_show(st, argv[0]);
	else if (strcmp(sub, "history") == 0)
		rc = record_history(st, argv[0]);
	else
		rc = record_delete(app, as, argv[0],
		    strcmp(sub, "restore") == 0);
	free(case_id);
	return rc;
}

const struct cmd_entry cmd_record_entry = {
	"record",
	N_("add FORM [--case ID] [--key KEY] [--as WORKER] FIELD=VALUE... | "
	    "edit ID [--as WORKER] FIELD=VALUE... | show ID | history ID | "
	    "delete ID [--as WORKER] | restore ID [--as WORKER]"),
	N_("enter, change, read or delete a record"),
	N_("record add FORM [--case ID] [--key KEY] [--as WORKER] FIELD=VALUE...\n"
	    "    Checks and saves a new record of FORM and prints its id; a\n"
	    "    form that opens a case prints 'case ID' on a second line.\n"
	    "    A select_multiple takes its values space separated; a field\n"
	    "    in a repeat is written household[2].member_name (1-based;\n"
	    "    one past the last adds an entry).  Problems are printed one\n"
	    "    a line as FIELD: message, and nothing is saved.  With --key\n"
	    "    KEY (any text up to 1024 bytes), a second add with the same\n"
	    "    KEY saves nothing and prints the first record's id: a\n"
	    "    script retries safely.  Keys stay in this store.\n"
	    "record edit ID FIELD=VALUE...   changes fields (FIELD= clears)\n"
	    "record show ID                  prints the record's answers\n"
	    "record history ID               every change: when, who,\n"
	    "                                device, path: old -> new\n"
	    "record delete ID                deletes it (kept in the history)\n"
	    "record restore ID               brings a deleted record back\n"
	    "The author is the account signed in: --as ACCOUNT (else\n"
	    "$ONWARD_ACCOUNT, else the 'worker' setting) and its passphrase,\n"
	    "from --passphrase-file FILE (mode 0600) or the terminal; show\n"
	    "and history sign in the same way.  A store with no account yet\n"
	    "takes no record until its first ('onward account add')."),
	APP_STORE,
	cmd_record_exec
};
