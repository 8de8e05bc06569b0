/*
 * cmd-dump.c: `onward dump`: the whole state of the store as canonical
 * sorted text; two stores with the same changes print the same bytes.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option dump_options[] = {
	APP_PASS_OPTIONS,
	{ NULL,			0,			NULL, 0 }
};

/* onward dump [--as ACCOUNT] [--passphrase-file FILE]. */
static int
cmd_dump_exec(struct app *app, int argc, char **argv)
{
	const char	*as = NULL, *file = NULL;
	char		*cause;
	int		 ch, rc = 0;

	while ((ch = getopt_long(argc, argv, "", dump_options,
	    NULL)) != -1) {
		if (!app_pass_option(ch, &as, &file))
			return cmd_usage(&cmd_dump_entry);
	}
	if (optind != argc)
		return cmd_usage(&cmd_dump_entry);
	if (app_ready(app) == -1 || app_sign_in_reader(app, as, file,
	    "worker", _("read the store")) == -1)
		return 1;
	if (store_dump(app->store, stdout, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	}
	return rc;
}

const struct cmd_entry cmd_dump_entry = {
	"dump",
	N_("[--as ACCOUNT] [--passphrase-file FILE]"),
	N_("print the whole state as canonical text"),
	N_("Prints every case (type, open or closed, properties), every\n"
	    "record (form, version, case, author, times, fields) and every\n"
	    "conflict (all its values, the shown one first), sorted, so that\n"
	    "two stores holding the same changes print identical bytes.\n"
	    "Nothing local is printed: drafts, settings, the device id.\n"
	    "On a store with accounts, --as any account signed in.\n"),
	APP_STORE,
	cmd_dump_exec
};
