/*
 * cmd-devices.c: `onward devices [accept|refuse ID]`: the devices whose
 * signed bundles this store holds because it has not enrolled them
 * (app-merge.h).  accept enrols the device's key and merges its held
 * bundles; refuse drops them; both need a supervisor or above.  revoke
 * (an admin) records a device's last change number (store-revoke.c).
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
#include "store-keys.h"
#include "util.h"

static const struct option devices_options[] = {
	APP_PASS_OPTIONS,
	{ NULL,			0,			NULL, 0 }
};

/* Lists the held devices: DEVICE TAB FINGERPRINT TAB bundles held. */
static int
devices_list(struct app *app)
{
	struct store_peer	*v;
	struct strvec		 files;
	char			 fp[KEYS_FP_SIZE], *cause;
	size_t			 i, n;
	int64_t			*last;

	if (store_peer_list(app->store, &v, &n, &cause) == -1)
		return cmd_failed(cause);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].status, "held") != 0)
			continue;
		memset(&files, 0, sizeof files);
		if (store_held_files(app->store, v[i].sign_pk, &files,
		    &cause) == -1)
			free(cause);
		keys_fingerprint(v[i].sign_pk, fp);
		printf(_("%s\t%s\theld bundles: %zu\n"), v[i].device, fp,
		    files.n);
		strvec_free(&files);
	}
	store_peer_free(v, n);
	memset(&files, 0, sizeof files);
	if (store_revoked_list(app->store, &files, &last, &cause) == -1)
		return cmd_failed(cause);
	for (i = 0; i < files.n; i++)
		printf(_("%s\trevoked after its change %lld\n"), files.v[i],
		    (long long)last[i]);
	free(last);
	strvec_free(&files);
	return 0;
}

/* revoke the device id (a device id or a known key's fingerprint),
 * signed in as an admin. */
static int
devices_revoke(struct app *app, struct app_pass *pass, const char *as,
    const char *id)
{
	struct store_peer	*v;
	char			 fp[KEYS_FP_SIZE], *cause, *device = NULL;
	size_t			 i, n;
	int64_t			 last;
	int			 rc;

	if (app_as(app, as) == NULL) {
		fprintf(stderr, "%s\n", _("onward: devices revoke needs --as "
		    "ACCOUNT (an admin)"));
		return 1;
	}
	if (app_sign_in(app, pass, as, "admin", _("revoke devices")) == -1)
		return 1;
	if (store_peer_list(app->store, &v, &n, &cause) == -1)
		return cmd_failed(cause);
	for (i = 0; i < n && device == NULL; i++) {
		keys_fingerprint(v[i].sign_pk, fp);
		if (strcmp(v[i].device, id) == 0 || strcmp(fp, id) == 0)
			device = xstrdup(v[i].device);
	}
	store_peer_free(v, n);
	rc = store_revoke(app->store, device != NULL ? device : id,
	    device != NULL, app->account, &last, &cause);
	if (rc == 0)
		printf(_("device %s revoked: its changes after %lld will be "
		    "refused wherever this revocation is merged\n"),
		    device != NULL ? device : id, (long long)last);
	free(device);
	return rc == 0 ? 0 : cmd_failed(cause);
}

/* devices [accept|refuse ID] [--as ACCOUNT] [--passphrase-file FILE] */
static int
cmd_devices_exec(struct app *app, int argc, char **argv)
{
	struct app_merge	 m;
	struct app_pass		 pass;
	const char		*file = NULL;
	int			 ch, rc;

	memset(&m, 0, sizeof m);
	while ((ch = getopt_long(argc, argv, "", devices_options,
	    NULL)) != -1) {
		if (!app_pass_option(ch, &m.as, &file))
			return cmd_usage(&cmd_devices_entry);
	}
	argc -= optind;
	argv += optind;
	if (!(argc == 0 || (argc == 2 && (strcmp(argv[0], "accept") == 0 ||
	    strcmp(argv[0], "refuse") == 0 ||
	    strcmp(argv[0], "revoke") == 0))))
		return cmd_usage(&cmd_devices_entry);
	if (app_ready(app) == -1)
		return 1;
	if (argc == 0)
		return devices_list(app);
	if (app_pass_open(&pass, file) == -1)
		return 1;
	if (strcmp(argv[0], "revoke") == 0) {
		rc = devices_revoke(app, &pass, m.as, argv[1]);
		app_pass_close(&pass);
		return rc;
	}
	m.app = app;
	m.pass = &pass;
	rc = app_merge_decide(&m, strcmp(argv[0], "accept") == 0, argv[1]);
	app_merge_done(&m);
	app_pass_close(&pass);
	return rc;
}

const struct cmd_entry cmd_devices_entry = {
	"devices",
	N_("[accept|refuse|revoke ID] [--as ACCOUNT] [--passphrase-file "
	    "FILE]"),
	N_("list, accept or refuse devices whose bundles are held; revoke "
	    "a device"),
	N_("devices\n"
	    "    lists the devices whose signed bundles this store holds\n"
	    "    (beside the store, in STORE.held/) because it has not\n"
	    "    enrolled them: DEVICE<tab>FINGERPRINT<tab>held bundles,\n"
	    "    then the revoked devices: DEVICE<tab>revoked after N.\n"
	    "devices accept ID\n"
	    "    enrols the device (ID: its device id or fingerprint; compare\n"
	    "    the fingerprint with the device's own first) and merges its\n"
	    "    held bundles; --as a supervisor or admin.\n"
	    "devices refuse ID\n"
	    "    drops its held bundles; --as a supervisor or admin.\n"
	    "devices revoke ID\n"
	    "    (a stolen device) records the last change number this\n"
	    "    store has of it, as a change that travels in bundles: any\n"
	    "    bundle from that device, or with its changes numbered\n"
	    "    above it, is refused wherever the revocation is merged;\n"
	    "    --as an admin.\n"),
	APP_FORMS | APP_STORE,
	cmd_devices_exec
};
