/*
 * store-record-load.c: reading records: a record's row with the winning
 * value of each answer (store_load_record), and its history, every change
 * oldest first with the values it replaced (store_record_history).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Frees what a record_info holds. */
void
record_info_free(struct record_info *ri)
{
	if (ri == NULL)
		return;
	free(ri->id);
	free(ri->form);
	free(ri->case_id);
	free(ri->author);
	free(ri->created);
	free(ri->updated);
	memset(ri, 0, sizeof *ri);
}

/* An hlc as ISO 8601 text (caller frees). */
static char *
store_time(int64_t hlc)
{
	char	buf[32];

	store_hlc_time(hlc, buf, sizeof buf);
	return xstrdup(buf);
}

/* A record's row and the winning value of each answer. */
int
store_load_record(struct store *st, const char *record_id,
    struct record_info *ri, struct answers *a, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(ri, 0, sizeof *ri);
	s = store_stmt(st, "SELECT form, form_version, case_id, author, "
	    "created, updated, deleted, conflict FROM record WHERE id = ?");
	store_bind(s, 1, record_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		ri->id = xstrdup(record_id);
		ri->form = store_col(s, 0);
		ri->form_version = sqlite3_column_int(s, 1);
		ri->case_id = store_col(s, 2);
		ri->author = store_col(s, 3);
		ri->created = store_time(sqlite3_column_int64(s, 4));
		ri->updated = store_time(sqlite3_column_int64(s, 5));
		ri->deleted = sqlite3_column_int(s, 6) != 0;
		ri->conflict = sqlite3_column_int(s, 7) != 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		*cause = xasprintf(_("no record '%s'"), record_id);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	s = store_stmt(st, "SELECT path, value FROM field WHERE record = ? "
	    "AND value IS NOT NULL AND substr(path, 1, 1) != '@'");
	store_bind(s, 1, record_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		answers_set(a, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		record_info_free(ri);
		return store_fail(st, rc, cause);
	}
	return 0;
}

/* The values of the changes named in parents, " | "-separated ("(deleted)"
 * for a tombstone), or NULL when none is known. */
static char *
store_parent_values(struct store *st, const char *parents)
{
	sqlite3_stmt	*s;
	struct buf	 b;
	const char	*p, *sp, *colon, *v;
	char		*dev;
	int		 found = 0;

	buf_init(&b);
	for (p = parents; *p != '\0'; p = *sp != '\0' ? sp + 1 : sp) {
		sp = p + strcspn(p, " ");
		if ((colon = memchr(p, ':', (size_t)(sp - p))) == NULL)
			continue;
		dev = xstrndup(p, (size_t)(colon - p));
		s = store_stmt(st, "SELECT value FROM change WHERE "
		    "device = ? AND seq = ?");
		store_bind(s, 1, dev);
		sqlite3_bind_int64(s, 2, strtoll(colon + 1, NULL, 10));
		if (sqlite3_step(s) == SQLITE_ROW) {
			/* A parent that deleted the value (a record's
			 * tombstone, before it was restored) says so. */
			v = (const char *)sqlite3_column_text(s, 0);
			if (found++ > 0)
				buf_adds(&b, " | ");
			buf_adds(&b, v != NULL ? v : _("(deleted)"));
		}
		sqlite3_reset(s);
		free(dev);
	}
	if (found == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Every change of a record, oldest first, with the values it replaced. */
int
store_record_history(struct store *st, const char *record_id,
    void (*fn)(void *, const struct change_info *), void *arg, char **cause)
{
	sqlite3_stmt		 *s;
	struct change_info	 *v = NULL, *ci;
	size_t			  n = 0, i;
	int			  rc;
	char			 *parents;

	s = store_stmt(st, "SELECT hlc, author, device, path, value, parents "
	    "FROM change WHERE record = ? ORDER BY hlc, device, seq");
	store_bind(s, 1, record_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		ci = &v[n++];
		ci->time = store_time(sqlite3_column_int64(s, 0));
		ci->author = store_col(s, 1);
		ci->device = store_col(s, 2);
		ci->path = store_col(s, 3);
		ci->value = store_col(s, 4);
		ci->old_value = store_col(s, 5);	/* parents, for now */
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE && n == 0) {
		*cause = xasprintf(_("no record '%s'"), record_id);
		rc = -1;
	} else if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, cause);
	else
		rc = 0;
	for (i = 0; i < n; i++) {
		parents = v[i].old_value;
		v[i].old_value = rc == 0 ? store_parent_values(st, parents) :
		    NULL;
		free(parents);
		if (rc == 0)
			fn(arg, &v[i]);
		free(v[i].time);
		free(v[i].author);
		free(v[i].device);
		free(v[i].path);
		free(v[i].value);
		free(v[i].old_value);
	}
	free(v);
	return rc;
}
