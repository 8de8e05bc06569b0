/*
 * cmd-account.c: `onward account add NAME --role ROLE | list | passwd NAME
 * | disable NAME [--everywhere]`: the accounts of this store
 * (store-account.h); disabling everywhere is a change that travels
 * (store-revoke.c).  The
 * first account of a store is added by anyone; after that an admin adds
 * and disables accounts, an account or an admin changes its passphrase,
 * and any enabled account lists them, each signing in with --as and its
 * passphrase.
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
#include "secret.h"
#include "store-account.h"
#include "store-keys.h"
#include "util.h"

static const struct option account_options[] = {
	{ "as", required_argument, NULL, 'a' },
	{ "everywhere", no_argument, NULL, 'e' },
	{ "passphrase-file", required_argument, NULL, 'p' },
	{ "role", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

/* What one run of the verb works with. */
struct account_run {
	struct app	*app;
	const char	*sub;
	const char	*name;		/* the account acted on, NULL for list */
	const char	*role;		/* --role */
	const char	*as;		/* --as */
	bool		 everywhere;	/* disable --everywhere */
	struct app_pass	 pass;
};

/* Reads the new passphrase of run->name (twice at a terminal), or NULL
 * after saying why. */
static char *
new_passphrase(struct account_run *run)
{
	char	*prompt, *what, *p;

	prompt = xasprintf(_("New passphrase for '%s': "), run->name);
	what = xasprintf(_("the new passphrase of '%s'"), run->name);
	p = app_passphrase(&run->pass, prompt, what, true);
	free(prompt);
	free(what);
	return p;
}

/* 0 when the signed-in account may do run->sub, else 1 after saying
 * why. */
static int
allowed(struct account_run *run)
{
	bool	admin = strcmp(run->app->role, "admin") == 0;

	if (admin || strcmp(run->sub, "list") == 0 ||
	    (strcmp(run->sub, "passwd") == 0 &&
	    strcmp(run->as, run->name) == 0))
		return 0;
	if (strcmp(run->sub, "passwd") == 0)
		fprintf(stderr, _("onward: '%s' may not change the passphrase "
		    "of '%s': only that account or an admin may\n"), run->as,
		    run->name);
	else
		fprintf(stderr, _("onward: '%s' may not add or disable "
		    "accounts: that needs an admin\n"), run->as);
	return 1;
}

/* Prints every account: name, role, enabled or disabled. */
static int
account_list(struct account_run *run)
{
	struct store_account	*list;
	char			*cause;
	size_t			 i, n;

	if (store_account_list(run->app->store, &list, &n, &cause) == -1)
		return cmd_failed(cause);
	for (i = 0; i < n; i++) {
		printf("%s\t%s\t%s", list[i].name, list[i].role,
		    list[i].disabled ? list[i].everywhere ?
		    "disabled everywhere" : "disabled" : "enabled");
		/* A merged disabling leaves the last enabled admin. */
		if (list[i].everywhere && !list[i].disabled)
			printf("\t%s", _("disabled everywhere, but kept: the "
			    "last enabled admin of this store"));
		putchar('\n');
	}
	store_account_free(list, n);
	return 0;
}

/* Does run->sub once signed in (or for the first account). */
static int
account_do(struct account_run *run)
{
	struct store	*st = run->app->store;
	char		*p, *cause;
	int64_t		 hlc;
	int		 rc;

	if (strcmp(run->sub, "list") == 0)
		return account_list(run);
	if (run->everywhere)
		rc = store_disable_everywhere(st, run->name, run->as, &hlc,
		    &cause);
	else if (strcmp(run->sub, "disable") == 0)
		rc = store_account_disable(st, run->name, &cause);
	else {
		if ((p = new_passphrase(run)) == NULL)
			return 1;
		if (strcmp(run->sub, "add") == 0)
			rc = store_account_add(st, run->name, run->role, p,
			    run->app->store_key, &cause);
		else
			rc = store_account_set_passphrase(st, run->name, p,
			    run->app->store_key, &cause);
		secret_free(p);
	}
	return rc == -1 ? cmd_failed(cause) : 0;
}

/* The first account of a store: admin or worker, without --as. */
static int
account_first(struct account_run *run)
{
	if (strcmp(run->sub, "list") == 0)
		return 0;
	if (strcmp(run->sub, "add") != 0) {
		fprintf(stderr, _("onward: no account '%s': this store has "
		    "no account yet\n"), run->name);
		return 1;
	}
	if (strcmp(run->role, "admin") != 0 &&
	    strcmp(run->role, "worker") != 0) {
		fprintf(stderr, _("onward: the first account of a store is an "
		    "admin (headquarters) or a worker (a field laptop), not a "
		    "%s\n"), run->role);
		return 1;
	}
	return account_do(run);
}

/* Runs the checked sub-verb on the opened store. */
static int
account_run(struct account_run *run)
{
	char	*cause;
	size_t	 n;

	if (store_account_count(run->app->store, &n, &cause) == -1)
		return cmd_failed(cause);
	if (n == 0)
		return account_first(run);
	if (run->as == NULL && strcmp(run->sub, "passwd") == 0)
		run->as = run->name;
	if ((run->as = app_as_given(run->as)) == NULL) {
		fprintf(stderr, _("onward: 'account %s' needs --as ACCOUNT: "
		    "%s\n"), run->sub, strcmp(run->sub, "list") == 0 ?
		    _("any enabled account") : _("an admin"));
		return EXIT_USAGE;
	}
	if (app_sign_in(run->app, &run->pass, run->as, NULL, NULL) != 0 ||
	    allowed(run) != 0)
		return 1;
	return account_do(run);
}

/* onward account SUB [ARGS] [--as A] [--passphrase-file F]. */
static int
cmd_account_exec(struct app *app, int argc, char **argv)
{
	struct account_run	 run;
	const char		*file = NULL;
	int			 ch, rc, nargs;

	memset(&run, 0, sizeof run);
	run.app = app;
	if (argc < 2)
		return cmd_usage(&cmd_account_entry);
	run.sub = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", account_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			run.as = optarg;
			break;
		case 'e':
			run.everywhere = true;
			break;
		case 'p':
			file = optarg;
			break;
		case 'r':
			run.role = optarg;
			break;
		default:
			return cmd_usage(&cmd_account_entry);
		}
	}
	argc -= optind;
	argv += optind;
	nargs = strcmp(run.sub, "list") == 0 ? 0 : 1;
	if ((strcmp(run.sub, "add") != 0 && strcmp(run.sub, "list") != 0 &&
	    strcmp(run.sub, "passwd") != 0 && strcmp(run.sub, "disable") != 0) ||
	    argc != nargs || (run.role != NULL) != (strcmp(run.sub, "add") == 0) ||
	    (run.everywhere && strcmp(run.sub, "disable") != 0))
		return cmd_usage(&cmd_account_entry);
	run.name = nargs > 0 ? argv[0] : NULL;
	if (run.role != NULL && !store_account_role_ok(run.role)) {
		fprintf(stderr, _("onward: '%s' is not a role (there are "
		    "worker, supervisor and admin)\n"), run.role);
		return EXIT_USAGE;
	}
	if (app_ready(app) == -1)
		return 1;
	if (app_pass_open(&run.pass, file) == -1)
		return 1;
	rc = account_run(&run);
	app_pass_close(&run.pass);
	return rc;
}

const struct cmd_entry cmd_account_entry = {
	"account",
	N_("add NAME --role ROLE | list | passwd NAME | disable NAME "
	    "[--everywhere] [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("add, list, disable accounts and change their passphrases"),
	N_("account add NAME --role worker|supervisor|admin\n"
	    "    adds an account (asks its new passphrase twice).  On a store\n"
	    "    with no account yet, anyone adds the first one: admin for\n"
	    "    headquarters, worker for a field laptop.  After that, --as an\n"
	    "    admin.\n"
	    "account list\n"
	    "    prints NAME<tab>ROLE<tab>enabled|disabled|disabled everywhere;\n"
	    "    --as any enabled account.\n"
	    "account passwd NAME\n"
	    "    changes NAME's passphrase; --as NAME (the default) or an\n"
	    "    admin.\n"
	    "account disable NAME\n"
	    "    NAME can no longer sign in; --as an admin.  With\n"
	    "    --everywhere, a change that travels in bundles: every store\n"
	    "    that merges it disables its account NAME (never its last\n"
	    "    enabled admin) and refuses bundles with NAME's changes\n"
	    "    numbered above the last this store had of their device\n"
	    "    (stamped after it, for a device it never heard of).\n"
	    "--as ACCOUNT signs in with that account's passphrase, read from\n"
	    "the terminal without echo, or from --passphrase-file FILE (mode\n"
	    "0600 or stricter: one passphrase a line, the acting account's\n"
	    "first, then the new one).  A passphrase has at least 6\n"
	    "characters; a PIN of 6 digits is fine."),
	APP_STORE | APP_STORE_NOPACK,
	cmd_account_exec
};
