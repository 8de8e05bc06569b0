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
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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

int
store_revoke(struct store *st, const char *device, bool known,
    const char *author, int64_t *last, char **cause)
{
	struct change	 c;
	char		*rec, *num;
	const char	*ids[1];
	int		 rc;

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
	if (store_begin(st, cause) == -1)
		return -1;
	rec = xasprintf("@device:%s", device);
	num = xasprintf("%lld", (long long)*last);
	ids[0] = rec;
	memset(&c, 0, sizeof c);
	if ((c.hlc = store_hlc_for(st, ids, 1, cause)) == -1) {
		store_rollback(st);
		free(rec);
		free(num);
		return -1;
	}
	c.device = xstrdup(st->device);
	c.seq = ++st->seq;
	c.record = rec;
	c.form = xstrdup("_onward");
	c.path = xstrdup("@revoked");
	c.value = num;
	c.author = xstrdup(author);
	rc = store_apply_change(st, &c, NULL, cause);
	change_free(&c);
	if (rc == 0)
		rc = store_commit(st, cause);
	if (rc != 0)
		store_rollback(st);
	return rc;
}
