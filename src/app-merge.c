/*
 * app-merge.c: merging one bundle with the trust rule (app-merge.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-merge.h"
#include "bundle.h"
#include "i18n.h"
#include "secret.h"
#include "store.h"
#include "store-keys.h"
#include "store-sync.h"
#include "util.h"

/* What the trust callback saw. */
struct merge_trust {
	struct app	*app;
	bool		 any;		/* trust every signer (to read a
					   bundle being held) */
	bool		 seen;		/* called: the signature is good */
	bool		 unknown;	/* the signer is not enrolled */
	bool		 revoked;	/* the signer's device is revoked */
	int64_t		 last;		/* after this change */
	char		*device;	/* the revoked signer's */
	unsigned char	 sender[KEYS_SIGN_PK];
};

/* Trusts an enrolled device's key; remembers the signer. */
static bool
trusted(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	struct merge_trust	*t = arg;
	struct store_peer	 p;
	char			*cause = NULL;
	bool			 ok;

	t->seen = true;
	memcpy(t->sender, pk, KEYS_SIGN_PK);
	ok = store_peer_get(t->app->store, pk, &p) == 1 &&
	    strcmp(p.status, "enrolled") == 0;
	t->unknown = !ok;
	if (ok && store_revoked(t->app->store, p.device, &t->last,
	    &cause) != 0) {
		free(cause);	/* an error refuses as a revocation does */
		free(t->device);
		t->device = xstrdup(p.device);
		t->revoked = true;
		ok = false;
	}
	store_peer_clear(&p);
	return ok || t->any;
}

/* Says one message: printed (to stderr when err), or given to m->say
 * without its "onward: " (or "onward : ") and its newline. */
static void __attribute__((format(printf, 3, 4)))
say(struct app_merge *m, bool err, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *t;
	size_t	 len;

	va_start(ap, fmt);
	if (m->say == NULL) {
		vfprintf(err ? stderr : stdout, fmt, ap);
		va_end(ap);
		return;
	}
	s = xvasprintf(fmt, ap);
	va_end(ap);
	t = s;
	if (strncmp(t, "onward", 6) == 0 && strchr(": ", t[6]) != NULL &&
	    (t = strchr(t, ':')) != NULL && t - s <= 7)
		t += strspn(t + 1, " ") + 1;
	else
		t = s;
	len = strlen(t);
	if (len > 0 && t[len - 1] == '\n')
		t[len - 1] = '\0';
	m->say(m->arg, t);
	free(s);
}

/* Prints the report of one merged bundle. */
static void
merge_print(const char *path, const struct merge_report *m)
{
	size_t	i;

	printf(_("'%s': changes: %llu, new: %llu, already known: %llu, "
	    "new conflicts: %llu (open: %llu), records touched: %llu, cases "
	    "touched: %llu\n"), path, (unsigned long long)m->changes,
	    (unsigned long long)m->added, (unsigned long long)m->known,
	    (unsigned long long)m->conflicts, (unsigned long long)m->open,
	    (unsigned long long)m->records, (unsigned long long)m->cases);
	for (i = 0; i < m->ngaps; i++)
		printf("  %s\n", m->gaps[i]);
	for (i = 0; i < m->nforms; i++)
		printf("  %s\n", m->forms[i]);
	for (i = 0; i < m->nclocks; i++)
		printf("  %s\n", m->clocks[i]);
}

/* True when path begins as format 2 does. */
static bool
is_sealed(const char *path)
{
	static const char	 magic[] = "onward-bundle\t2";
	char			 buf[sizeof magic - 1];
	FILE			*f;
	bool			 yes;

	if ((f = fopen(path, "rb")) == NULL)
		return false;
	yes = fread(buf, 1, sizeof buf, f) == sizeof buf &&
	    memcmp(buf, magic, sizeof buf) == 0;
	fclose(f);
	return yes;
}

/* With the account signed in already: 0 when it is a supervisor or
 * above, else -1 after saying so. */
static int
signed_in_role(struct app_merge *m)
{
	if (app_signed_in_as(m->app, "supervisor"))
		return 0;
	say(m, true, "%s\n", _("onward: merging a sealed bundle needs a "
	    "supervisor or an admin signed in"));
	return -1;
}

int
app_merge_sign_in(struct app_merge *m)
{
	unsigned char	 spk[KEYS_SIGN_PK], *ssk;
	char		*cause;

	if (m->tried)
		return m->box_sk != NULL ? 0 : -1;
	m->tried = true;
	if (m->app->store_key != NULL) {
		if (signed_in_role(m) == -1)
			return -1;
	} else if (app_has_accounts(m->app, _("merge bundles")) == -1)
		return -1;
	else if (app_as(m->app, m->as) == NULL) {
		say(m, true, "%s\n", _("onward: a signed and sealed bundle "
		    "opens with this store's key: it needs --as ACCOUNT (a "
		    "supervisor or above)"));
		return -1;
	} else if (app_sign_in(m->app, m->pass, m->as, "supervisor",
	    _("merge bundles")) == -1)
		return -1;
	if (store_keys_secret(m->app->store, m->app->store_key, &ssk,
	    &m->box_sk, &cause) == -1) {
		say(m, true, "onward: %s\n", cause);
		free(cause);
		return -1;
	}
	secret_free(ssk);
	store_keys_public(m->app->store, spk, m->box_pk);
	return 0;
}

/* Holds the bundle at path of an unenrolled signer, once it reads
 * whole. */
static int
hold(struct app_merge *m, const char *path, struct merge_trust *t)
{
	struct bundle_trust	 bt = { m->box_pk, m->box_sk, trusted, t };
	struct bundle_header	 h;
	struct store_peer	 p;
	char			 fp[KEYS_FP_SIZE], *cause;
	int64_t			 last;
	int			 known, rc;

	t->any = true;
	if (bundle_verify_trust(path, NULL, &bt, &h, &cause) == -1) {
		say(m, true, _("onward: %s; nothing of it was merged\n"),
		    cause);
		free(cause);
		return 1;
	}
	known = store_peer_get(m->app->store, t->sender, &p);
	if (known != 1) {
		p.device = xstrdup(h.origin);
		p.role = xstrdup("field");
		p.status = xstrdup("held");
		memcpy(p.sign_pk, t->sender, KEYS_SIGN_PK);
	}
	/* A revoked device is refused, enrolled or never. */
	if ((rc = store_revoked(m->app->store, p.device, &last,
	    &cause)) != 0) {
		if (rc == -1)
			free(cause);
		cause = xasprintf(_("'%s' is signed by device %s, which is "
		    "revoked (after its change %lld); bundle refused"), path,
		    p.device, (long long)last);
		say(m, true, _("onward: %s; nothing of it was merged\n"),
		    cause);
		free(cause);
		store_peer_clear(&p);
		bundle_header_free(&h);
		return 1;
	}
	if ((known != 1 && store_peer_put(m->app->store, &p, &cause) ==
	    -1) || store_held_add(m->app->store, path, t->sender,
	    &cause) == -1) {
		say(m, true, "onward: %s\n", cause);
		free(cause);
		store_peer_clear(&p);
		bundle_header_free(&h);
		return 1;
	}
	keys_fingerprint(t->sender, fp);
	m->held = true;
	if (m->say != NULL)
		say(m, true, _("held: device %s is not enrolled; a supervisor "
		    "accepts it under Devices"), fp);
	else
		fprintf(stderr, _("onward: '%s': held, not merged: it is "
		    "signed by device %s (fingerprint %s), which this store "
		    "has not enrolled; 'onward devices accept %s' merges "
		    "it\n"), path, p.device, fp, p.device);
	store_peer_clear(&p);
	bundle_header_free(&h);
	return 1;
}

int
app_merge_file(struct app_merge *m, const char *path)
{
	struct merge_report	 r;
	struct merge_trust	 t;
	struct bundle_trust	 bt;
	char			*cause, *yes;
	bool			 sealed = is_sealed(path);
	int			 rc;

	memset(&t, 0, sizeof t);
	t.app = m->app;
	if (!sealed) {
		yes = store_setting(m->app->store, "accept_unsigned");
		rc = yes != NULL && strcmp(yes, "no") == 0;
		free(yes);
		if (rc) {
			say(m, true, _("onward: '%s' is not signed, and "
			    "this store merges only signed bundles (setting "
			    "accept_unsigned is no); nothing of it was "
			    "merged\n"), path);
			return 1;
		}
	} else if (app_merge_sign_in(m) == -1)
		return 1;
	if (!sealed && m->app->account == NULL && app_sign_in(m->app, m->pass,
	    m->as, NULL, _("merge bundles")) == -1)
		return 1;
	bt.box_pk = m->box_pk;
	bt.box_sk = m->box_sk;
	bt.trusted = trusted;
	bt.arg = &t;
	m->held = false;
	if (store_merge_trust(m->app->store, path, sealed ? &bt : NULL,
	    m->progress, &r, &cause) != 0) {
		if (t.seen && t.unknown) {
			free(cause);
			return hold(m, path, &t);
		}
		if (t.revoked) {
			free(cause);
			cause = xasprintf(_("'%s' is signed by device %s, "
			    "which is revoked (after its change %lld); bundle "
			    "refused"), path, t.device, (long long)t.last);
			free(t.device);
		}
		say(m, true, _("onward: %s; nothing of it was merged\n"),
		    cause);
		free(cause);
		return 1;
	}
	if (m->merged != NULL)
		m->merged(m->arg, path, &r);
	else if (m->say == NULL)
		merge_print(path, &r);
	merge_report_free(&r);
	return 0;
}

/* Says a store message and returns 1. */
static int
failed(struct app_merge *m, char *cause)
{
	say(m, true, "onward: %s\n", cause);
	free(cause);
	return 1;
}

/* The held device named id (its device id or fingerprint) into *p:
 * 0, or 1 after saying there is none. */
static int
find_held(struct app_merge *m, const char *id, struct store_peer *p)
{
	struct store_peer	*v;
	char			 fp[KEYS_FP_SIZE], *cause;
	size_t			 i, n;
	int			 rc = 1;

	if (store_peer_list(m->app->store, &v, &n, &cause) == -1)
		return failed(m, cause);
	for (i = 0; i < n && rc == 1; i++) {
		keys_fingerprint(v[i].sign_pk, fp);
		if (strcmp(v[i].status, "held") == 0 &&
		    (strcmp(v[i].device, id) == 0 || strcmp(fp, id) == 0)) {
			*p = v[i];
			memset(&v[i], 0, sizeof v[i]);
			rc = 0;
		}
	}
	store_peer_free(v, n);
	if (rc == 1)
		say(m, true, _("onward: no held device '%s'; 'onward "
		    "devices' lists them\n"), id);
	return rc;
}

int
app_merge_decide(struct app_merge *m, bool accept, const char *id)
{
	struct store	*st = m->app->store;
	struct store_peer p;
	struct strvec	 files;
	char		 fp[KEYS_FP_SIZE], *cause;
	size_t		 i;
	int		 rc = 0;

	if (app_merge_sign_in(m) == -1 || find_held(m, id, &p) != 0)
		return 1;
	memset(&files, 0, sizeof files);
	if (store_held_files(st, p.sign_pk, &files, &cause) == -1) {
		store_peer_clear(&p);
		return failed(m, cause);
	}
	keys_fingerprint(p.sign_pk, fp);
	free(p.status);
	p.status = xstrdup("enrolled");
	if (accept && store_peer_put(st, &p, &cause) == -1)
		rc = failed(m, cause);
	else if (!accept && store_peer_drop(st, p.sign_pk, &cause) == -1)
		rc = failed(m, cause);
	for (i = 0; rc == 0 && i < files.n; i++) {
		if (accept && app_merge_file(m, files.v[i]) != 0)
			rc = 1;
		else if (store_held_drop(st, files.v[i], &cause) == -1)
			rc = failed(m, cause);
	}
	if (rc == 0)
		say(m, false, accept ? _("device %s (fingerprint %s) enrolled; its "
		    "%zu held bundles merged\n") : _("device %s (fingerprint "
		    "%s) refused; its %zu held bundles dropped\n"), p.device,
		    fp, files.n);
	strvec_free(&files);
	store_peer_clear(&p);
	return rc;
}

void
app_merge_done(struct app_merge *m)
{
	secret_free(m->box_sk);
	m->box_sk = NULL;
}
