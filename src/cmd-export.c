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
#include "app-passphrase.h"
#include "cmd.h"
#include "i18n.h"
#include "secret.h"
#include "store.h"
#include "store-keys.h"
#include "store-sync.h"
#include "util.h"

static const struct option export_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "as",		required_argument,	NULL, 'A' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "passphrase-file", required_argument,	NULL, 'p' },
	{ "to",		required_argument,	NULL, 't' },
	{ NULL,		0,			NULL, 0 }
};

/* Who a sealed export goes to and who signs it. */
struct export_keys {
	const char		*as;
	const char		*pfile;
	struct strvec		 to;		/* --to keys files */
	unsigned char		(*rcpt)[KEYS_BOX_PK];
	size_t			 n;
	unsigned char		*sign_sk;	/* secret buffer */
};

/* Adds a recipient's box key. */
static void
rcpt_add(struct export_keys *k, const unsigned char *pk)
{
	k->rcpt = xreallocarray(k->rcpt, k->n + 1, sizeof *k->rcpt);
	memcpy(k->rcpt[k->n++], pk, KEYS_BOX_PK);
}

/*
 * Fills k: every headquarters key this store knows and each --to file's;
 * with any, signs --as in and unseals this device's signing key.  Returns
 * 0 (k->n 0: format 1), or -1 after saying why.
 */
static int
export_keys(struct app *app, struct export_keys *k)
{
	struct store_peer	*v, p;
	struct app_pass		 pass;
	unsigned char		*bsk;
	char			*cause;
	size_t			 i, n;
	int			 rc;

	if (store_peer_list(app->store, &v, &n, &cause) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].role, "headquarters") == 0 &&
		    strcmp(v[i].status, "enrolled") == 0 && v[i].has_box)
			rcpt_add(k, v[i].box_pk);
	}
	store_peer_free(v, n);
	for (i = 0; i < k->to.n; i++) {
		if (store_keys_read(k->to.v[i], &p, &cause) == -1)
			goto fail;
		rcpt_add(k, p.box_pk);
		store_peer_clear(&p);
	}
	if (k->n == 0)
		return 0;
	if (k->as == NULL) {
		fprintf(stderr, "%s\n", _("onward: this export is sealed to "
		    "headquarters and signed with this device's key: it needs "
		    "--as ACCOUNT"));
		return -1;
	}
	if (app_pass_open(&pass, k->pfile) == -1)
		return -1;
	rc = app_sign_in(app, &pass, k->as, NULL, _("export"));
	app_pass_close(&pass);
	if (rc == -1)
		return -1;
	if (store_keys_secret(app->store, app->store_key, &k->sign_sk, &bsk,
	    &cause) == -1)
		goto fail;
	secret_free(bsk);
	return 0;
fail:
	fprintf(stderr, "onward: %s\n", cause);
	free(cause);
	return -1;
}

/* export [-o FILE|DIR] [--all] */
static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	struct export_result	 r;
	struct export_keys	 k;
	struct bundle_keys	 bk;
	const char		*dest = NULL;
	char			*cause;
	bool			 all = false;
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
	if (app_ready(app) == -1 || export_keys(app, &k) == -1)
		rc = -1;
	bk.sign_sk = k.sign_sk;
	bk.to = (const unsigned char (*)[KEYS_BOX_PK])k.rcpt;
	bk.nto = k.n;
	if (rc == -1)
		rc = 1;
	else if (store_export_sealed(app->store, dest, all, k.n > 0 ? &bk :
	    NULL, NULL, &r, &cause) != 0) {
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
		if (k.n > 0)
			printf(_("  signed by this device and sealed to %zu "
			    "keys\n"), k.n);
		export_result_free(&r);
	}
	secret_free(k.sign_sk);
	free(k.rcpt);
	strvec_free(&k.to);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	"export",
	N_("[-o FILE|DIR] [--all] [--to KEYS]... [--as ACCOUNT] "
	    "[--passphrase-file FILE]"),
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
	    "  --to KEYS               seal it to this keys file's device too\n"),
	APP_STORE,
	cmd_export_exec
};
