/*
 * store-revoke.c: revoking a device (a stolen laptop).  A revocation is
 * one change of the reserved record "@device:DEVICE" (form "_onward",
 * no case) at path "@revoked", its value the last change number of that
 * device the revoking store had received, its author the admin who
 * revoked it.  So it travels in bundles, signed as their changes are,
 * and older readers keep it as any change.  Wherever it is in the log,
 * a bundle that brings changes of that device numbered above it, or
 * that comes from that device, is refused whole (store-sync.c).  Two
 * revocations of one device: the lower number counts.  Records whose id
 * begins with '@' get no record row (store-apply.c): nothing lists them.
 *
 * Disabling an account everywhere is the same: a change of the reserved
 * record "@account:NAME" at path "@disabled", its author the admin, its
 * value the change's own clock value (HLC) followed, for every device the
 * disabling store had changes of, by a tab and DEVICE=N, N the last
 * change number of that device it had received (its own included).  A
 * store that merges it disables a local account NAME (never its last
 * enabled admin: store_account_disable_all), and refuses whole any
 * bundle that brings new changes authored by NAME numbered above N of
 * their device, whatever their clocks say; only for a device the
 * disabling store had never heard of does the clock decide (stamped
 * after the HLC: refused).  A value of only the HLC (older stores) keeps
 * the clock rule for every device, and an older reader takes the HLC
 * (SQLite's CAST reads the leading number).  Two disablings: a change
 * either refuses is refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-account.h"
#include "store-int.h"
#include "store-keys.h"
#include "util.h"

int
store_revoked(struct store *st, const char *device, int64_t *last,
    char **cause)
{
	return store_query_int(st, "SELECT CAST(value AS INTEGER) FROM "
	    "change WHERE record = '@device:' || ? AND path = '@revoked' "
	    "ORDER BY CAST(value AS INTEGER) LIMIT 1", device, last, cause);
}

int
store_revoked_list(struct store *st, struct strvec *devices,
    int64_t **lasts, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 n = 0;
	int		 rc;

	*lasts = NULL;
	s = store_stmt(st, "SELECT substr(record, 9), min(CAST(value AS "
	    "INTEGER)) FROM change WHERE path = '@revoked' AND record LIKE "
	    "'@device:%' GROUP BY record ORDER BY record");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		strvec_add(devices, (const char *)sqlite3_column_text(s, 0));
		*lasts = xreallocarray(*lasts, n + 1, sizeof **lasts);
		(*lasts)[n++] = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*lasts);
		*lasts = NULL;
		return store_fail(st, rc, cause);
	}
	return 0;
}

/* A disabling's value (see above) for clock value hlc, or NULL with
 * *cause (caller frees). */
static char *
disabling_value(struct store *st, int64_t hlc, char **cause)
{
	sqlite3_stmt	*s;
	struct buf	 b;
	int		 rc;

	buf_init(&b);
	buf_addf(&b, "%lld", (long long)hlc);
	s = store_stmt(st, "SELECT device, max(seq) FROM change GROUP BY "
	    "device ORDER BY device");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		buf_addf(&b, "\t%s=%lld", (const char *)sqlite3_column_text(s,
		    0), (long long)sqlite3_column_int64(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		buf_free(&b);
		store_fail(st, rc, cause);
		return NULL;
	}
	return buf_detach(&b);
}

/* Records one change of the reserved record rec (form "_onward") at
 * path, value value (NULL: a disabling's, its clock value into *hlc), by
 * author, within the caller's transaction. */
static int
reserved_apply(struct store *st, char *rec, const char *path,
    const char *value, const char *author, int64_t *hlc, char **cause)
{
	struct change	 c;
	const char	*ids[1];
	int		 rc;

	ids[0] = rec;
	memset(&c, 0, sizeof c);
	if ((c.hlc = store_hlc_for(st, ids, 1, cause)) == -1)
		return -1;
	if ((c.value = value != NULL ? xstrdup(value) :
	    disabling_value(st, c.hlc, cause)) == NULL)
		return -1;
	c.device = xstrdup(st->device);
	c.seq = ++st->seq;
	c.record = xstrdup(rec);
	c.form = xstrdup("_onward");
	c.path = xstrdup(path);
	c.author = xstrdup(author);
	if (hlc != NULL)
		*hlc = c.hlc;
	rc = store_apply_change(st, &c, NULL, cause);
	change_free(&c);
	return rc;
}

/* reserved_apply in its own transaction. */
static int
reserved_change(struct store *st, char *rec, const char *path,
    const char *value, const char *author, int64_t *hlc, char **cause)
{
	int	rc;

	if (store_begin(st, cause) == -1)
		return -1;
	rc = reserved_apply(st, rec, path, value, author, hlc, cause);
	if (rc == 0)
		rc = store_commit(st, cause);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

int
store_revoke(struct store *st, const char *device, bool known,
    const char *author, int64_t *last, char **cause)
{
	char	*rec, *num;
	int	 rc;

	*cause = NULL;
	if (store_check_author(author, cause) != 0)
		return -1;
	if (strcmp(device, st->device) == 0) {
		*cause = xstrdup(_("a store cannot revoke its own device"));
		return -1;
	}
	if ((rc = store_revoked(st, device, last, cause)) != 0) {
		if (rc == 1)
			*cause = xasprintf(_("device %s is revoked already "
			    "(after its change %lld)"), device,
			    (long long)*last);
		return -1;
	}
	if (store_query_int(st, "SELECT coalesce(max(seq), 0) FROM change "
	    "WHERE device = ?", device, last, cause) == -1)
		return -1;
	if (*last == 0 && !known) {
		*cause = xasprintf(_("no device '%s': this store has neither "
		    "its keys nor any of its changes"), device);
		return -1;
	}
	rec = xasprintf("@device:%s", device);
	num = xasprintf("%lld", (long long)*last);
	rc = reserved_change(st, rec, "@revoked", num, author, NULL, cause);
	free(rec);
	free(num);
	return rc;
}

int
store_disabled(struct store *st, const char *name, int64_t *hlc,
    char **cause)
{
	return store_query_int(st, "SELECT CAST(value AS INTEGER) FROM "
	    "change WHERE record = '@account:' || ? AND path = '@disabled' "
	    "ORDER BY CAST(value AS INTEGER) LIMIT 1", name, hlc, cause);
}

int
store_disable_everywhere(struct store *st, const char *name,
    const char *author, int64_t *hlc, char **cause)
{
	struct store_account	 a;
	char			*rec;
	int			 rc;

	*cause = NULL;
	if (store_check_author(author, cause) != 0 ||
	    store_check_author(name, cause) != 0)
		return -1;
	if ((rc = store_disabled(st, name, hlc, cause)) != 0) {
		if (rc == 1)
			*cause = xasprintf(_("account '%s' is disabled "
			    "everywhere already"), name);
		return -1;
	}
	/* The local disabling and the change, both or neither. */
	if (store_begin(st, cause) == -1)
		return -1;
	if ((rc = store_account_get(st, name, &a, cause)) == 1) {
		rc = a.disabled ? 0 : 1;
		store_account_clear(&a);
		if (rc == 1)
			rc = store_account_disable(st, name, cause);
	}
	if (rc != -1) {
		rec = xasprintf("@account:%s", name);
		rc = reserved_apply(st, rec, "@disabled", NULL, author, hlc,
		    cause);
		free(rec);
	}
	if (rc == 0)
		rc = store_commit(st, cause);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

int
store_disabled_merged(struct store *st, int64_t before, const char *path,
    char **cause)
{
	sqlite3_stmt	*s;
	char		*who;
	int		 rc;

	/* Above the number of its device the disabling names, else after
	 * its clock. */
	s = store_stmt(st, "SELECT c.author FROM change c JOIN change d ON "
	    "d.record = '@account:' || c.author AND d.path = '@disabled' "
	    "WHERE c.n > ?1 AND CASE WHEN instr(d.value, char(9) || c.device "
	    "|| '=') > 0 THEN c.seq > CAST(substr(d.value, instr(d.value, "
	    "char(9) || c.device || '=') + length(c.device) + 2) AS INTEGER) "
	    "ELSE c.hlc > CAST(d.value AS INTEGER) END LIMIT 1");
	sqlite3_bind_int64(s, 1, before);
	rc = sqlite3_step(s);
	who = rc == SQLITE_ROW ? store_col(s, 0) : NULL;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	if (who != NULL) {
		*cause = xasprintf(_("'%s' carries changes by account '%s' "
		    "made after it was disabled everywhere; bundle refused"),
		    path, who);
		free(who);
		return -1;
	}
	return store_account_disable_all(st, cause);
}
