/*
 * store-record-draft.c: drafts, the unfinished forms.  They are local to
 * this store (tables draft and draft_value, never changes, so never
 * merged): made empty, then each answer written at once as it is given,
 * outside any save transaction, one commit a write; listed, loaded and
 * discarded.  A test-only seam, $ONWARD_DRAFT_FAIL naming a file, makes
 * every draft write fail as a full disk would while that file exists.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Now as ISO 8601 UTC, for drafts (caller frees). */
static char *
store_now_text(void)
{
	char		buf[32];
	time_t		t = time(NULL);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

/* Runs a prepared write statement outside a save transaction. */
static int
store_write(struct store *st, sqlite3_stmt *s, char **cause)
{
	const char	*seam = getenv("ONWARD_DRAFT_FAIL");	/* tests */

	if (st->readonly) {
		sqlite3_reset(s);
		return store_fail(st, SQLITE_READONLY, cause);
	}
	if (seam != NULL && *seam != '\0' && access(seam, F_OK) == 0) {
		sqlite3_reset(s);
		return store_fail(st, SQLITE_FULL, cause);
	}
	return store_done(st, s, cause);
}

/* Makes an empty draft; *out_draft is its id (caller frees). */
int
store_draft_new(struct store *st, const char *form_id, const char *case_id,
    const char *record_id, char **out_draft, char **cause)
{
	sqlite3_stmt	*s;
	char		*now = store_now_text();
	int		 rc;

	s = store_stmt(st, "INSERT INTO draft(form, case_id, record_id, "
	    "updated) VALUES(?, ?, ?, ?)");
	store_bind(s, 1, form_id);
	store_bind(s, 2, case_id);
	store_bind(s, 3, record_id);
	store_bind(s, 4, now);
	rc = store_write(st, s, cause);
	free(now);
	if (rc == 0)
		*out_draft = xasprintf("%lld",
		    (long long)sqlite3_last_insert_rowid(st->db));
	return rc;
}

/* Saves one answer of a draft at once (NULL removes it). */
int
store_draft_set(struct store *st, const char *draft_id, const char *path,
    const char *value, char **cause)
{
	sqlite3_stmt	*s;
	char		*now;
	int		 rc;
	bool		 tx = !st->in_tx;

	if (value != NULL && !utf8_valid(value, strlen(value))) {
		*cause = xasprintf(_("'%s': not valid UTF-8 text"), path);
		return -1;
	}
	/* The answer and the time in one commit: one fsync a write. */
	if (tx && store_exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	if (value == NULL) {
		s = store_stmt(st, "DELETE FROM draft_value WHERE draft = ? "
		    "AND path = ?");
		sqlite3_bind_int64(s, 1, strtoll(draft_id, NULL, 10));
		store_bind(s, 2, path);
	} else {
		s = store_stmt(st, "INSERT INTO draft_value(draft, path, "
		    "value) VALUES(?, ?, ?) ON CONFLICT(draft, path) DO "
		    "UPDATE SET value = excluded.value");
		sqlite3_bind_int64(s, 1, strtoll(draft_id, NULL, 10));
		store_bind(s, 2, path);
		store_bind(s, 3, value);
	}
	rc = store_write(st, s, cause);
	if (rc == 0) {
		now = store_now_text();
		s = store_stmt(st, "UPDATE draft SET updated = ? WHERE n = ?");
		store_bind(s, 1, now);
		sqlite3_bind_int64(s, 2, strtoll(draft_id, NULL, 10));
		rc = store_write(st, s, cause);
		free(now);
	}
	if (tx && rc == 0)
		rc = store_exec(st, "COMMIT", cause);
	if (tx && rc == -1 && sqlite3_get_autocommit(st->db) == 0)
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Frees what a draft_info holds. */
void
draft_info_free(struct draft_info *d)
{
	if (d == NULL)
		return;
	free(d->id);
	free(d->form);
	free(d->case_id);
	free(d->record_id);
	free(d->updated);
	memset(d, 0, sizeof *d);
}

/* Fills d from a row (n, form, case_id, record_id, updated). */
static void
store_draft_row(sqlite3_stmt *s, struct draft_info *d)
{
	d->id = xasprintf("%lld", (long long)sqlite3_column_int64(s, 0));
	d->form = store_col(s, 1);
	d->case_id = store_col(s, 2);
	d->record_id = store_col(s, 3);
	d->updated = store_col(s, 4);
}

/* The drafts, of one case or of all, oldest first. */
int
store_drafts(struct store *st, const char *case_id, struct draft_info **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (case_id == NULL)
		s = store_stmt(st, "SELECT n, form, case_id, record_id, "
		    "updated FROM draft ORDER BY n");
	else {
		s = store_stmt(st, "SELECT n, form, case_id, record_id, "
		    "updated FROM draft WHERE case_id = ? ORDER BY n");
		store_bind(s, 1, case_id);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		store_draft_row(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* A draft and its answers. */
int
store_draft_load(struct store *st, const char *draft_id,
    struct draft_info *d, struct answers *a, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(d, 0, sizeof *d);
	s = store_stmt(st, "SELECT n, form, case_id, record_id, updated "
	    "FROM draft WHERE n = ?");
	sqlite3_bind_int64(s, 1, strtoll(draft_id, NULL, 10));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_draft_row(s, d);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		*cause = xasprintf(_("no draft '%s'"), draft_id);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	s = store_stmt(st, "SELECT path, value FROM draft_value WHERE "
	    "draft = ?");
	sqlite3_bind_int64(s, 1, strtoll(draft_id, NULL, 10));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		answers_set(a, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		draft_info_free(d);
		return store_fail(st, rc, cause);
	}
	return 0;
}

/* Deletes a draft and its answers. */
int
store_draft_discard(struct store *st, const char *draft_id, char **cause)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, "DELETE FROM draft WHERE n = ?");
	sqlite3_bind_int64(s, 1, strtoll(draft_id, NULL, 10));
	return store_write(st, s, cause);
}
