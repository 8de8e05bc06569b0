/*
 * cmd-export.c: `onward export [-o FILE|DIR] [--all]`: writes the changes
 * this store has not exported yet as one bundle, and says what it wrote.
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "store-sync.h"
#include "util.h"

static const struct option export_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "output",	required_argument,	NULL, 'o' },
	{ NULL,		0,			NULL, 0 }
};

/* export [-o FILE|DIR] [--all] */
static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	struct export_result	 r;
	const char		*dest = NULL;
	char			*cause;
	bool			 all = false;
	int			 ch, rc = 0;

	while ((ch = getopt_long(argc, argv, "o:", export_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			all = true;
			break;
		case 'o':
			dest = optarg;
			break;
		default:
			return cmd_usage(&cmd_export_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_export_entry);
	if (app_ready(app) == -1)
		return 1;
	if (store_export(app->store, dest, all, NULL, &r, &cause) != 0) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	} else if (r.path == NULL)
		printf("%s\n", _("nothing new to export; 'onward export --all' "
		    "exports everything"));
	else {
		printf(_("wrote '%s' (changes: %llu, devices: %zu, this "
		    "store's changes %" PRId64 "-%" PRId64 ")\n"), r.path,
		    (unsigned long long)r.h.changes, r.h.ndevices, r.first,
		    r.last);
		export_result_free(&r);
	}
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export",
	N_("[-o FILE|DIR] [--all]"),
	N_("write a sync bundle of the changes not exported yet"),
	N_("Writes the changes this store has not exported yet as one\n"
	    "bundle (see onward-bundle(5)), named after the site, the device\n"
	    "and the range of changes, in DIR or the current folder, or to\n"
	    "FILE.  The file is written under a temporary name, flushed,\n"
	    "renamed and read back before the changes count as exported.\n"
	    "With nothing new it says so and writes nothing.\n"
	    "\n"
	    "  -o, --output FILE|DIR   where to write\n"
	    "  --all                   every change, exported before or not\n"),
	APP_STORE,
	cmd_export_exec
};
