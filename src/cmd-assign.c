/*
 * cmd-assign.c: `onward assign CASE... | --from WORKER --to WORKER --as
 * SUPERVISOR`: gives cases to another worker's caseload (store-owner.c),
 * the cases named or every open case of one worker (a handover when a
 * worker leaves).  The change travels in bundles like any other.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option assign_options[] = {
	APP_PASS_OPTIONS,
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

/* Assigns the cases, signed in as a supervisor; the exit status. */
static int
assign_do(struct app *app, const char *as, char **ids, size_t n,
    const char *to)
{
	char	*who, *cause;
	size_t	 changed;

	if ((who = app_author(app, as, "supervisor", _("assign cases"))) ==
	    NULL)
		return 1;
	if (store_assign(app->store, ids, n, to, who, &changed,
	    &cause) == -1) {
		fprintf(stderr, _("onward: cannot assign to '%s': %s\n"), to,
		    cause);
		free(cause);
		free(who);
		return 1;
	}
	printf(ngettext("%zu case assigned to %s\n",
	    "%zu cases assigned to %s\n", changed), changed, to);
	free(who);
	return 0;
}

/* onward assign CASE... | --from WORKER, --to WORKER, --as. */
static int
cmd_assign_exec(struct app *app, int argc, char **argv)
{
	const char	 *as = NULL, *from = NULL, *to = NULL;
	char		**ids = NULL, *cause;
	size_t		  n = 0, i;
	int		  ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", assign_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		default:
			if (!app_pass_option(ch, &as, &app->passfile))
				return cmd_usage(&cmd_assign_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (to == NULL || (from != NULL) == (argc > 0))
		return cmd_usage(&cmd_assign_entry);
	if (app_ready(app) == -1)
		return 1;
	if (from != NULL) {
		if (store_owned_cases(app->store, from, true, &ids, &n,
		    &cause) == -1) {
			fprintf(stderr, "onward: %s\n", cause);
			free(cause);
			return 1;
		}
	} else {
		ids = xreallocarray(NULL, (size_t)argc, sizeof *ids);
		for (i = 0; i < (size_t)argc; i++)
			ids[n++] = xstrdup(argv[i]);
	}
	rc = assign_do(app, as, ids, n, to);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}

const struct cmd_entry cmd_assign_entry = {
	"assign",
	N_("CASE... | --from WORKER --to WORKER [--as SUPERVISOR] "
	    "[--passphrase-file FILE]"),
	N_("give cases to another worker's caseload"),
	N_("assign CASE... --to WORKER\n"
	    "    makes WORKER the owner of the cases named.\n"
	    "assign --from WORKER --to WORKER\n"
	    "    a handover: every open case WORKER owns goes to the other.\n"
	    "Every case has an owner: the account that registered it, until\n"
	    "it is assigned.  The case list opens on the cases of the worker\n"
	    "signed in, and the report counts a worker's cases by owner.  An\n"
	    "assignment travels in bundles; two made at once on two laptops\n"
	    "are a conflict for a supervisor (onward conflicts).  On a store\n"
	    "with accounts WORKER must be one of them, and --as a supervisor\n"
	    "or an admin, with its passphrase from the terminal or\n"
	    "--passphrase-file FILE (mode 0600).  All or nothing: an unknown\n"
	    "or erased case assigns none."),
	APP_FORMS_TRY | APP_STORE,	/* the pack: a case's follow-ups */
	cmd_assign_exec
};
