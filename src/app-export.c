/*
 * app-export.c: the recipients and signing key of a sealed export
 * (app-export.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-export.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "secret.h"
#include "store.h"
#include "store-keys.h"

/* Adds a recipient's box key. */
static void
rcpt_add(struct app_export *k, const unsigned char *pk)
{
	k->rcpt = xreallocarray(k->rcpt, k->n + 1, sizeof *k->rcpt);
	memcpy(k->rcpt[k->n++], pk, KEYS_BOX_PK);
}

/* Signs k->as in when given (the sign-in says why it failed). */
static int
sign_in(struct app *app, struct app_export *k, char **cause)
{
	struct app_pass	pass;
	int		rc;

	*cause = NULL;
	if (app->store_key != NULL)
		return 0;
	if (app_as(app, k->as) == NULL) {
		*cause = xstrdup(_("this export is sealed to headquarters and "
		    "signed with this device's key: it needs --as ACCOUNT"));
		return -1;
	}
	if (app_pass_open(&pass, k->pfile) == -1)
		return -1;
	rc = app_sign_in(app, &pass, k->as, NULL, _("export"));
	app_pass_close(&pass);
	return rc;
}

int
app_export_keys(struct app *app, struct app_export *k, char **cause)
{
	struct store_peer	*v, p;
	unsigned char		*bsk;
	size_t			 i, n;

	*cause = NULL;
	if (store_peer_list(app->store, &v, &n, cause) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].role, "headquarters") == 0 &&
		    strcmp(v[i].status, "enrolled") == 0 && v[i].has_box)
			rcpt_add(k, v[i].box_pk);
	}
	store_peer_free(v, n);
	for (i = 0; i < k->to.n; i++) {
		if (store_keys_read(k->to.v[i], &p, cause) == -1)
			return -1;
		rcpt_add(k, p.box_pk);
		store_peer_clear(&p);
	}
	if (k->n == 0)
		return 0;
	if (sign_in(app, k, cause) == -1)
		return -1;
	if (store_keys_secret(app->store, app->store_key, &k->sign_sk, &bsk,
	    cause) == -1)
		return -1;
	secret_free(bsk);
	return 0;
}

const struct bundle_keys *
app_export_bundle_keys(struct app_export *k)
{
	if (k->n == 0)
		return NULL;
	k->bk.sign_sk = k->sign_sk;
	k->bk.to = (const unsigned char (*)[KEYS_BOX_PK])k->rcpt;
	k->bk.nto = k->n;
	return &k->bk;
}

void
app_export_done(struct app_export *k)
{
	secret_free(k->sign_sk);
	k->sign_sk = NULL;
	free(k->rcpt);
	k->rcpt = NULL;
	k->n = 0;
	strvec_free(&k->to);
}
