/*
 * cmd-merge.c: `onward merge BUNDLE... [--as ACCOUNT]`: brings each
 * bundle into the store in its own transaction and reports what each one
 * did (app-merge.h: which bundles are trusted, which are held).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-merge.h"
#include "cmd.h"
#include "i18n.h"
#include "util.h"

static const struct option merge_options[] = {
	APP_PASS_OPTIONS,
	{ NULL,			0,			NULL, 0 }
};

/* merge BUNDLE...: each in turn; exit 1 if any was refused or held. */
static int
cmd_merge_exec(struct app *app, int argc, char **argv)
{
	struct app_merge	 m;
	struct app_pass		 pass;
	const char		*file = NULL;
	int			 ch, i, rc = 0;

	memset(&m, 0, sizeof m);
	while ((ch = getopt_long(argc, argv, "", merge_options,
	    NULL)) != -1) {
		if (!app_pass_option(ch, &m.as, &file))
			return cmd_usage(&cmd_merge_entry);
	}
	if (optind >= argc)
		return cmd_usage(&cmd_merge_entry);
	if (app_ready(app) == -1 || app_pass_open(&pass, file) == -1)
		return 1;
	m.app = app;
	m.pass = &pass;
	for (i = optind; i < argc; i++) {
		if (app_merge_file(&m, argv[i]) != 0)
			rc = 1;
	}
	app_merge_done(&m);
	app_pass_close(&pass);
	return rc;
}

const struct cmd_entry cmd_merge_entry = {
	"merge",
	N_("BUNDLE... [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("bring bundles into this store"),
	N_("Merges each bundle in one transaction: every change this store\n"
	    "does not have yet is added, so merging a bundle twice, or many\n"
	    "bundles in any order, gives the same state.  A damaged bundle\n"
	    "is refused whole and the store is left as it was.  For each\n"
	    "bundle it prints the new and already known changes, new\n"
	    "conflicts, records and cases touched, gaps in a device's\n"
	    "changes (a bundle not merged yet) and form versions this store\n"
	    "lacks (their changes are kept).\n"
	    "A signed and sealed bundle (format 2) opens with this store's\n"
	    "key: --as a supervisor or admin.  It merges when its signer is\n"
	    "an enrolled device (keys import); one from a device this store\n"
	    "does not know is held, not merged (see 'onward devices').  An\n"
	    "unsigned bundle merges unless the setting accept_unsigned is\n"
	    "no (as on headquarters).\n"),
	APP_FORMS | APP_STORE,
	cmd_merge_exec
};
