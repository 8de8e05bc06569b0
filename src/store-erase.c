/*
 * store-erase.c: erasing a case, people's data gone for good.  An erasure
 * is one change of the case record at path "@erased", its value the
 * reason, signed and timed like any change, so it travels in bundles and
 * merges as any change does.  Wherever it is in the log, the value of
 * every other change of the case and of its records is NULL, except the
 * "@" paths (type, closed, a record's existence), which hold no one's
 * data: ids, dates, authors, devices and seqs stay, so sync still counts
 * and dedupes, dumps and rebuilds agree.  A change of an erased case
 * merged later (from a device that had not seen the erasure) enters the
 * log without its value.  The drafts of the case go; its search entry
 * keeps only its id, and the search index is merged anew so no old
 * words stay in it.  The store runs with secure_delete on (store.c), so
 * what is erased is overwritten, not left in free pages.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* The records of a case, the case included, for "record IN" ?1. */
#define ERASE_RECORDS "(SELECT id FROM record WHERE case_id = ?1 " \
	"UNION ALL SELECT ?1)"

/* Frees the erasure state of the transaction (see struct store). */
void
store_erase_forget(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->nerase_new; i++)
		free(st->erase_new[i]);
	free(st->erase_new);
	st->erase_new = NULL;
	st->nerase_new = 0;
	free(st->erase_case);
	st->erase_case = NULL;
	st->erase_any = 0;
}

/* Whether case_id has an erasure in the log: 1, 0, or -1 with *cause. */
static int
erase_is_erased(struct store *st, const char *case_id, char **cause)
{
	int64_t	v;

	return store_query_int(st, "SELECT 1 FROM change WHERE record = ? "
	    "AND path = '@erased' LIMIT 1", case_id, &v, cause);
}

/* Whether the value of c must stay out of the log (see store-int.h). */
int
store_erase_arriving(struct store *st, const struct change *c, bool *erase,
    char **cause)
{
	int64_t	v;
	int	rc;

	*erase = false;
	if (c->case_id == NULL)
		return 0;
	if (strcmp(c->path, "@erased") == 0 &&
	    strcmp(c->record, c->case_id) == 0) {
		st->erase_new = xreallocarray(st->erase_new,
		    st->nerase_new + 1, sizeof *st->erase_new);
		st->erase_new[st->nerase_new++] = xstrdup(c->case_id);
		st->erase_any = 2;
		free(st->erase_case);
		st->erase_case = xstrdup(c->case_id);
		st->erase_case_erased = true;
		return 0;
	}
	if (st->erase_any == 0) {
		if ((rc = store_query_int(st, "SELECT 1 FROM change WHERE "
		    "path = '@erased' AND ?1 IS NULL LIMIT 1", NULL,
		    &v, cause)) == -1)
			return -1;
		st->erase_any = rc == 1 ? 2 : 1;
	}
	if (st->erase_any == 1)
		return 0;
	if (st->erase_case == NULL || strcmp(st->erase_case,
	    c->case_id) != 0) {
		if ((rc = erase_is_erased(st, c->case_id, cause)) == -1)
			return -1;
		free(st->erase_case);
		st->erase_case = xstrdup(c->case_id);
		st->erase_case_erased = rc == 1;
	}
	*erase = st->erase_case_erased && c->path[0] != '@';
	return 0;
}

/* Runs sql (one parameter: case_id) that returns no rows. */
static int
erase_run(struct store *st, const char *sql, const char *case_id,
    char **cause)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, sql);
	store_bind(s, 1, case_id);
	return store_done(st, s, cause);
}

/* Erases the changes and drafts of the cases erased in this transaction
 * (see store-int.h). */
int
store_erase_apply(struct store *st, char **cause)
{
	const char	*id;
	size_t		 i;

	for (i = 0; i < st->nerase_new; i++) {
		id = st->erase_new[i];
		if (erase_run(st, "UPDATE change SET value = NULL WHERE "
		    "record IN " ERASE_RECORDS " AND value IS NOT NULL AND "
		    "substr(path, 1, 1) <> '@'", id, cause) == -1 ||
		    erase_run(st, "DELETE FROM draft WHERE case_id = ?1 OR "
		    "record_id IN " ERASE_RECORDS, id, cause) == -1)
			return -1;
	}
	return 0;
}

/* After the erased cases' search entries are rewritten: merges the
 * search index into one, so the deleted entries' words leave it. */
int
store_erase_search(struct store *st, char **cause)
{
	if (st->nerase_new == 0)
		return 0;
	return store_exec(st, "INSERT INTO case_search(case_search) "
	    "VALUES('optimize')", cause);
}

/* The form of a case's first change (see store-int.h). */
int
store_case_form(struct store *st, const char *case_id, struct change *c,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_stmt(st, "SELECT form, form_version FROM change WHERE "
	    "record = ?1 AND case_id = ?1 ORDER BY hlc, device, seq LIMIT 1");
	store_bind(s, 1, case_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->form = store_col(s, 0);
		c->form_version = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE) {
			*cause = xasprintf(_("no case '%s'"), case_id);
			return -1;
		}
		return store_fail(st, rc, cause);
	}
	return 0;
}

/* Adds the erasure change of one case, which exists and is not erased. */
static int
erase_one(struct store *st, const char *case_id, const char *reason,
    const char *author, char **cause)
{
	struct change	 c;
	const char	*ids[1] = { case_id };
	int		 rc;

	memset(&c, 0, sizeof c);
	if (store_case_form(st, case_id, &c, cause) == -1)
		return -1;
	if ((c.hlc = store_hlc_for(st, ids, 1, cause)) == -1) {
		free(c.form);
		return -1;
	}
	c.device = xstrdup(st->device);
	c.seq = ++st->seq;
	c.record = xstrdup(case_id);
	c.case_id = xstrdup(case_id);
	c.path = xstrdup("@erased");
	c.value = xstrdup(reason);
	c.author = xstrdup(author);
	rc = store_apply_change(st, &c, NULL, cause);
	change_free(&c);
	return rc;
}

int
store_case_erased(struct store *st, const char *case_id, char **cause)
{
	return erase_is_erased(st, case_id, cause);
}

int
store_erase_cases(struct store *st, char *const *ids, size_t n,
    const char *reason, const char *author, char **cause)
{
	size_t	i;
	int	rc = 0;

	*cause = NULL;
	if (store_check_author(author, cause) != 0)
		return -1;
	if (reason == NULL || *reason == '\0') {
		*cause = xstrdup(_("an erasure needs a reason"));
		return -1;
	}
	if (store_begin(st, cause) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((rc = erase_is_erased(st, ids[i], cause)) == -1)
			break;
		if (rc == 1) {
			*cause = xasprintf(_("case '%s' is erased already"),
			    ids[i]);
			rc = -1;
			break;
		}
		if ((rc = erase_one(st, ids[i], reason, author, cause)) == -1)
			break;
	}
	if (rc == 0)
		rc = store_commit(st, cause);
	if (rc == -1)
		store_rollback(st);
	else	/* no page of the old values left in the WAL either */
		(void)sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)",
		    NULL, NULL, NULL);
	return rc;
}

int
store_erase_closed_before(struct store *st, int64_t before_ms,
    char ***ids, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*ids = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT k.id FROM kase k JOIN field f ON "
	    "f.record = k.id AND f.path = '@closed' WHERE k.closed AND "
	    "(f.hlc >> 16) < ? AND NOT EXISTS (SELECT 1 FROM change e "
	    "WHERE e.record = k.id AND e.path = '@erased') ORDER BY k.id");
	sqlite3_bind_int64(s, 1, before_ms);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = store_col(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		while (*n > 0)
			free((*ids)[--*n]);
		free(*ids);
		*ids = NULL;
		return store_fail(st, rc, cause);
	}
	return 0;
}

int
store_vacuum(struct store *st, char **cause)
{
	*cause = NULL;
	if (store_exec(st, "VACUUM", cause) == -1)
		return -1;
	return store_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", cause);
}
