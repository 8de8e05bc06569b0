/*
 * cmd-erase.c: `onward erase CASE... | --closed-before DATE --reason TEXT
 * --as ACCOUNT [--passphrase-file F] [--vacuum]`: erases cases, people's
 * data gone for good from this store and, through bundles, from every
 * store that merges the erasure (store-erase.c).  A supervisor or an
 * admin decides it and signs in to do it.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "expr.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* More cases than this in one erasure: say that VACUUM reclaims space. */
#define ERASE_LARGE	100

static const struct option erase_options[] = {
	{ "as", required_argument, NULL, 'a' },
	{ "closed-before", required_argument, NULL, 'c' },
	{ "passphrase-file", required_argument, NULL, 'p' },
	{ "reason", required_argument, NULL, 'r' },
	{ "vacuum", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

/* Prints a store message and returns 1. */
static int
erase_failed(char *cause)
{
	fprintf(stderr, "onward: %s\n", cause);
	free(cause);
	return 1;
}

/* The cases to erase: those named, after checking each exists, or the
 * retention rule's.  0, or 1 after saying why. */
static int
erase_targets(struct app *app, char **names, int nnames, const char *before,
    char ***ids, size_t *n)
{
	char	*cause;
	long	 days;
	int	 i, rc;

	*ids = NULL;
	*n = 0;
	if (before != NULL) {
		if (!expr_parse_date(before, &days)) {
			fprintf(stderr, _("onward: '%s' is not a date "
			    "(YYYY-MM-DD)\n"), before);
			return 1;
		}
		if (store_erase_closed_before(app->store,
		    (int64_t)days * 86400000, ids, n, &cause) == -1)
			return erase_failed(cause);
		return 0;
	}
	for (i = 0; i < nnames; i++) {
		if ((rc = store_case_erased(app->store, names[i],
		    &cause)) == -1)
			return erase_failed(cause);
		if (rc == 1) {
			fprintf(stderr, _("onward: case '%s' is erased "
			    "already\n"), names[i]);
			return 1;
		}
	}
	*ids = xreallocarray(NULL, (size_t)nnames, sizeof **ids);
	for (i = 0; i < nnames; i++)
		(*ids)[(*n)++] = xstrdup(names[i]);
	return 0;
}

/* Erases the cases once signed in; --vacuum compacts the file after. */
static int
erase_do(struct app *app, char **ids, size_t n, const char *reason,
    bool vacuum)
{
	char	*cause;

	if (store_erase_cases(app->store, ids, n, reason, app->account,
	    &cause) == -1)
		return erase_failed(cause);
	printf(ngettext("erased %zu case\n", "erased %zu cases\n", n), n);
	if (vacuum) {
		if (store_vacuum(app->store, &cause) == -1)
			return erase_failed(cause);
	} else if (n > ERASE_LARGE)
		printf(_("'onward erase --vacuum' or a VACUUM of the store "
		    "gives the space the erased data took back to the disk\n"));
	return 0;
}

/* onward erase CASE... | --closed-before DATE, --reason, --as. */
static int
cmd_erase_exec(struct app *app, int argc, char **argv)
{
	struct app_pass	  pass;
	const char	 *as = NULL, *file = NULL, *reason = NULL;
	const char	 *before = NULL;
	char		**ids = NULL;
	size_t		  n = 0, i;
	int		  ch, rc;
	bool		  vacuum = false;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", erase_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'c':
			before = optarg;
			break;
		case 'p':
			file = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'v':
			vacuum = true;
			break;
		default:
			return cmd_usage(&cmd_erase_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if ((before != NULL) == (argc > 0) || reason == NULL ||
	    app_as(app, as) == NULL)
		return cmd_usage(&cmd_erase_entry);
	if (*reason == '\0') {
		fprintf(stderr, _("onward: an erasure needs a reason\n"));
		return EXIT_USAGE;
	}
	if (app_ready(app) == -1 || app_pass_open(&pass, file) == -1)
		return 1;
	rc = app_sign_in(app, &pass, as, "supervisor",
	    _("erase people's data")) != 0;
	app_pass_close(&pass);
	if (rc == 0)
		rc = erase_targets(app, argv, argc, before, &ids, &n);
	if (rc == 0)
		rc = erase_do(app, ids, n, reason, vacuum);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}

const struct cmd_entry cmd_erase_entry = {
	"erase",
	N_("CASE... | --closed-before DATE --reason TEXT --as ACCOUNT "
	    "[--passphrase-file FILE] [--vacuum]"),
	N_("erase cases: people's data gone from every store that merges it"),
	N_("erase CASE... --reason TEXT --as ACCOUNT\n"
	    "    erases the cases named: the values of every record of each\n"
	    "    case and its properties leave the store, its drafts and its\n"
	    "    search entry; only ids, dates and the erasure (who ordered\n"
	    "    it, when, why) stay.  The erasure travels in bundles: every\n"
	    "    store that merges it erases the case too, and a change of\n"
	    "    the case merged later arrives without its value.  It cannot\n"
	    "    be undone.\n"
	    "erase --closed-before DATE --reason TEXT --as ACCOUNT\n"
	    "    a retention rule: erases every closed case closed before\n"
	    "    DATE (YYYY-MM-DD, UTC).\n"
	    "--as a supervisor or an admin, with its passphrase from the\n"
	    "terminal or --passphrase-file FILE (mode 0600).  --vacuum\n"
	    "compacts the store file afterwards."),
	APP_FORMS_TRY | APP_STORE,
	cmd_erase_exec
};
