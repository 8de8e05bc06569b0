/*
 * cmd-keys.c: `onward keys [export [-o FILE] | import FILE]`: this
 * store's device keys and the devices it knows (store-keys.h).  export
 * writes the public keys (any account signs in); import enrols another
 * device's (an admin: headquarters imports a field store's file, a field
 * store headquarters'); both print the fingerprint to compare by phone
 * or on paper.
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
#include "store.h"
#include "store-account.h"
#include "store-keys.h"
#include "util.h"

static const struct option keys_options[] = {
	{ "as",			required_argument,	NULL, 'a' },
	{ "output",		required_argument,	NULL, 'o' },
	{ "passphrase-file",	required_argument,	NULL, 'p' },
	{ NULL,			0,			NULL, 0 }
};

/* Lists this store's keys and the devices it knows. */
static int
keys_list(struct app *app)
{
	unsigned char		 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	struct store_peer	*v;
	char			 fp[KEYS_FP_SIZE], *role, *cause;
	size_t			 i, n;

	if (store_keys_public(app->store, spk, bpk) != 1)
		printf("%s\n", _("this store has no device keys yet: they are "
		    "made with its first account"));
	else {
		role = store_keys_role(app->store);
		keys_fingerprint(spk, fp);
		printf(_("this device\t%s\t%s\t%s\n"),
		    store_device(app->store), role != NULL ? role : "-", fp);
		free(role);
	}
	if (store_peer_list(app->store, &v, &n, &cause) == -1)
		return cmd_failed(cause);
	for (i = 0; i < n; i++) {
		keys_fingerprint(v[i].sign_pk, fp);
		printf("%s\t%s\t%s\t%s\n", v[i].device, v[i].role,
		    v[i].status, fp);
	}
	store_peer_free(v, n);
	return 0;
}

/* Writes this store's public keys to path (NULL: standard output). */
static int
keys_export(struct app *app, const char *path)
{
	unsigned char	 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	unsigned char	*ssk, *bsk;
	char		 fp[KEYS_FP_SIZE], *cause;
	int		 rc;

	if (store_keys_secret(app->store, app->store_key, &ssk, &bsk,
	    &cause) == -1)
		return cmd_failed(cause);
	rc = store_keys_export(app->store, path, ssk, &cause);
	secret_free(ssk);
	secret_free(bsk);
	if (rc == -1)
		return cmd_failed(cause);
	store_keys_public(app->store, spk, bpk);
	keys_fingerprint(spk, fp);
	fprintf(path != NULL ? stdout : stderr, _("wrote the keys of device "
	    "%s to '%s'; fingerprint %s\n"), store_device(app->store),
	    path != NULL ? path : "-", fp);
	return 0;
}

/* Enrols the device of the keys file path. */
static int
keys_import(struct app *app, const char *path)
{
	struct store_peer	 p;
	unsigned char		 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	char			 fp[KEYS_FP_SIZE], *cause;
	int			 rc;

	if (store_keys_read(path, &p, &cause) == -1)
		return cmd_failed(cause);
	if (store_keys_public(app->store, spk, bpk) == 1 &&
	    memcmp(spk, p.sign_pk, sizeof spk) == 0) {
		store_peer_clear(&p);
		return cmd_failed(xasprintf(_("'%s' holds this store's own keys"),
		    path));
	}
	rc = store_peer_put(app->store, &p, &cause);
	keys_fingerprint(p.sign_pk, fp);
	if (rc == 0)
		printf(_("imported device %s (%s) from '%s'; fingerprint %s: "
		    "compare it with the sender's\n"), p.device, p.role, path,
		    fp);
	store_peer_clear(&p);
	return rc == -1 ? cmd_failed(cause) : 0;
}

/* The least role that may import keys: admin, or any account on a store
 * with no enabled admin (a field laptop's worker). */
static const char *
import_role(struct app *app)
{
	struct store_account	*v;
	char			*cause;
	size_t			 i, n;
	bool			 admin = false;

	if (store_account_list(app->store, &v, &n, &cause) == -1) {
		free(cause);
		return "admin";
	}
	for (i = 0; i < n; i++)
		admin = admin || (strcmp(v[i].role, "admin") == 0 &&
		    !v[i].disabled);
	store_account_free(v, n);
	return admin ? "admin" : "worker";
}

/* keys [export [-o FILE] | import FILE] [--as ACCOUNT]
 * [--passphrase-file FILE] */
static int
cmd_keys_exec(struct app *app, int argc, char **argv)
{
	struct app_pass	 pass;
	const char	*sub = "list", *as = NULL, *file = NULL, *out = NULL;
	int		 ch, rc;

	if (argc >= 2 && argv[1][0] != '-') {
		sub = argv[1];
		argc--;
		argv++;
	}
	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:", keys_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			file = optarg;
			break;
		default:
			return cmd_usage(&cmd_keys_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if ((strcmp(sub, "list") == 0 && argc == 0 && out == NULL) ||
	    (strcmp(sub, "export") == 0 && argc == 0) ||
	    (strcmp(sub, "import") == 0 && argc == 1 && out == NULL))
		;
	else
		return cmd_usage(&cmd_keys_entry);
	if (app_ready(app) == -1)
		return 1;
	if (strcmp(sub, "list") == 0 && as == NULL)
		return keys_list(app);
	if (app_as(app, as) == NULL) {
		fprintf(stderr, _("onward: 'keys %s' needs --as ACCOUNT\n"),
		    sub);
		return 1;
	}
	if (app_pass_open(&pass, file) == -1)
		return 1;
	rc = app_sign_in(app, &pass, as, strcmp(sub, "import") == 0 ?
	    import_role(app) : NULL, _("import keys"));
	app_pass_close(&pass);
	if (rc == -1)
		return 1;
	if (strcmp(sub, "export") == 0)
		return keys_export(app, out);
	if (strcmp(sub, "import") == 0)
		return keys_import(app, argv[0]);
	return keys_list(app);
}

const struct cmd_entry cmd_keys_entry = {
	"keys",
	N_("[export [-o FILE] | import FILE] [--as ACCOUNT] "
	    "[--passphrase-file FILE]"),
	N_("show, export and import device keys"),
	N_("keys\n"
	    "    lists this device's keys and the devices this store knows:\n"
	    "    DEVICE<tab>ROLE<tab>enrolled|held<tab>FINGERPRINT.\n"
	    "keys export [-o FILE]\n"
	    "    writes this device's public keys (a small text file, to\n"
	    "    standard output without -o) and prints their fingerprint;\n"
	    "    --as any account.\n"
	    "keys import FILE\n"
	    "    enrols the device of FILE: headquarters imports each field\n"
	    "    store's file (its signed bundles then merge), a field store\n"
	    "    headquarters' (its exports are then sealed to it); --as an\n"
	    "    admin (on a store without one, any account).  Compare the\n"
	    "    fingerprint it prints with the sender's, by phone or on\n"
	    "    paper, before trusting it.\n"),
	APP_STORE | APP_STORE_NOPACK,
	cmd_keys_exec
};
