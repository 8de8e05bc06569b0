/*
 * cmd-export.c: `onward export [-o FILE|DIR] [--all] [--to KEYS]...
 * [--as ACCOUNT]`: writes the changes this store has not exported yet as
 * one bundle, and says what it wrote.  When the store knows a
 * headquarters key (or --to names more), the bundle is format 2: sealed
 * to each of them and signed with this device's key, which --as unwraps;
 * else format 1, as stores without keys always wrote.
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-export.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "store-sync.h"
#include "util.h"

static const struct option export_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "as",		required_argument,	NULL, 'A' },
	{ "for",	required_argument,	NULL, 'f' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "passphrase-file", required_argument,	NULL, 'p' },
	{ "to",		required_argument,	NULL, 't' },
	{ NULL,		0,			NULL, 0 }
};

/* export [-o FILE|DIR] [--all] */
static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	struct export_result	 r;
	struct app_export	 k;
	const char		*dest = NULL, *worker = NULL;
	char			*cause;
	bool			 all = false;
	size_t			 ncases = 0;
	int			 ch, rc = 0;

	memset(&k, 0, sizeof k);
	while ((ch = getopt_long(argc, argv, "o:", export_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'A':
			k.as = optarg;
			break;
		case 'p':
			k.pfile = optarg;
			break;
		case 't':
			strvec_add(&k.to, optarg);
			break;
		case 'a':
			all = true;
			break;
		case 'f':
			worker = optarg;
			break;
		case 'o':
			dest = optarg;
			break;
		default:
			strvec_free(&k.to);
			return cmd_usage(&cmd_export_entry);
		}
	}
	if (optind != argc) {
		strvec_free(&k.to);
		return cmd_usage(&cmd_export_entry);
	}
	if (app_ready(app) == -1 || app_sign_in_reader(app, k.as, k.pfile,
	    "worker", _("export")) == -1)
		rc = 1;
	else if (app_export_keys(app, &k, &cause) == -1) {
		if (cause != NULL)
			fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	} else if (worker != NULL ? store_export_for(app->store, dest,
	    worker, app_export_bundle_keys(&k), NULL, &r, &ncases,
	    &cause) != 0 : store_export_sealed(app->store, dest, all,
	    app_export_bundle_keys(&k), NULL, &r, &cause) != 0) {
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
		if (worker != NULL)
			printf(ngettext("  for %s: %zu case and what links "
			    "it\n", "  for %s: %zu cases and what they link "
			    "to\n", ncases), worker, ncases);
		if (k.n > 0)
			printf(_("  signed by this device and sealed to %zu "
			    "keys\n"), k.n);
		export_result_free(&r);
	}
	app_export_done(&k);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export",
	N_("[-o FILE|DIR] [--all | --for WORKER] [--to KEYS]... "
	    "[--as ACCOUNT] [--passphrase-file FILE]"),
	N_("write a sync bundle of the changes not exported yet"),
	N_("Writes the changes this store has not exported yet as one\n"
	    "bundle (see onward-bundle(5)), named after the site, the device\n"
	    "and the range of changes, in DIR or the current folder, or to\n"
	    "FILE.  The file is written under a temporary name, flushed,\n"
	    "renamed and read back before the changes count as exported.\n"
	    "With nothing new it says so and writes nothing.\n"
	    "When this store knows a headquarters key (keys import), the\n"
	    "bundle is sealed to every headquarters key and signed with this\n"
	    "device's key, which --as ACCOUNT (any account) unwraps; without\n"
	    "one it is written unsealed, as before.\n"
	    "\n"
	    "  -o, --output FILE|DIR   where to write\n"
	    "  --all                   every change, exported before or not\n"
	    "  --for WORKER            a bundle for one worker's laptop: the\n"
	    "                          cases WORKER owns and the cases they\n"
	    "                          link to, are part of or have, nothing\n"
	    "                          else (counts nothing as exported)\n"
	    "  --to KEYS               seal it to this keys file's device too\n"),
	APP_STORE,
	cmd_export_exec
};
