/*
 * store-owner.c: who a case belongs to.  Every case has an owner, the
 * worker whose caseload it is: the account that registered it, until a
 * supervisor assigns it to another (onward assign, the handover screen).
 * An assignment is one change of the case, path "@owner", its value the
 * worker, replacing the heads of "@owner": it travels in bundles and
 * merges like any field, so two supervisors handing the same case to
 * different workers on two laptops make a conflict for a supervisor to
 * settle, never a silent winner.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-account.h"
#include "store-int.h"
#include "store-sync.h"
#include "strmap.h"
#include "util.h"

/* The owner of case id (see store.h). */
char *
store_case_owner(struct store *st, const char *id)
{
	sqlite3_stmt	*s;
	char		*owner = NULL;

	s = store_stmt(st, "SELECT " STORE_OWNER_OF("?1"));
	store_bind(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		owner = store_col(s, 0);
	sqlite3_reset(s);
	return owner;
}

/* The cases owned by owner (see store.h). */
int
store_owned_cases(struct store *st, const char *owner, bool open_only,
    char ***ids, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*ids = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT k.id FROM kase k WHERE k.type IS NOT NULL "
	    "AND (?2 = 0 OR k.closed = 0) AND " STORE_OWNER_OF("k.id")
	    " = ?1 AND NOT EXISTS (SELECT 1 FROM change e WHERE "
	    "e.record = k.id AND e.path = '@erased') ORDER BY k.id");
	store_bind(s, 1, owner);
	sqlite3_bind_int(s, 2, open_only);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = store_col(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Whether worker may own cases here: on a store with accounts, an
 * account not disabled; else any name.  0, or -1 with *cause. */
static int
owner_check_worker(struct store *st, const char *worker, char **cause)
{
	struct store_account	a;
	size_t			n;
	int			rc;

	if (store_check_author(worker, cause) != 0)
		return -1;
	if (store_account_count(st, &n, cause) == -1)
		return -1;
	if (n == 0)
		return 0;
	memset(&a, 0, sizeof a);
	if ((rc = store_account_get(st, worker, &a, cause)) == -1)
		return -1;
	if (rc == 0)
		*cause = xasprintf(_("there is no account '%s'"), worker);
	else if (a.disabled)
		*cause = xasprintf(_("the account '%s' is disabled"), worker);
	store_account_clear(&a);
	return *cause != NULL ? -1 : 0;
}

/* How many heads the case's "@owner" has (0 when never assigned; more
 * than 1 in conflict). */
static int
owner_nheads(struct store *st, const char *id)
{
	sqlite3_stmt	*s;
	int		 n = 0;

	s = store_stmt(st, "SELECT nheads FROM field WHERE record = ? AND "
	    "path = '@owner'");
	store_bind(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

/* Writes "@owner" = to on case id, unless to owns it already; *changed
 * counts the cases changed.  0, or -1 with *cause. */
static int
owner_set(struct store *st, const char *id, const char *to,
    const char *author, size_t *changed, char **cause)
{
	struct change	 c;
	const char	*ids[1] = { id };
	char		*old;
	int		 rc;

	memset(&c, 0, sizeof c);
	if (store_case_form(st, id, &c, cause) == -1)
		return -1;
	if ((rc = store_case_erased(st, id, cause)) != 0) {
		if (rc == 1)
			*cause = xasprintf(_("case '%s' is erased"), id);
		free(c.form);
		return -1;
	}
	old = store_case_owner(st, id);
	rc = old != NULL && strcmp(old, to) == 0;
	free(old);
	if (rc && owner_nheads(st, id) <= 1) {
		free(c.form);
		return 0;
	}
	if (store_heads(st, id, "@owner", &c.parents, &c.nparents,
	    cause) == -1 || (c.hlc = store_hlc_for(st, ids, 1, cause)) == -1) {
		change_free(&c);
		return -1;
	}
	c.device = xstrdup(st->device);
	c.seq = ++st->seq;
	c.record = xstrdup(id);
	c.case_id = xstrdup(id);
	c.path = xstrdup("@owner");
	c.value = xstrdup(to);
	c.author = xstrdup(author);
	rc = store_apply_change(st, &c, NULL, cause);
	change_free(&c);
	if (rc == 0)
		(*changed)++;
	return rc;
}

/* Assigns cases to a worker (see store.h). */
int
store_assign(struct store *st, char *const *ids, size_t n, const char *to,
    const char *author, size_t *changed, char **cause)
{
	size_t	i;

	*cause = NULL;
	*changed = 0;
	if (store_check_author(author, cause) != 0 ||
	    owner_check_worker(st, to, cause) != 0)
		return -1;
	if (store_begin(st, cause) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (owner_set(st, ids[i], to, author, changed, cause) == -1) {
			store_rollback(st);
			*changed = 0;
			return -1;
		}
	}
	if (*changed == 0) {
		store_rollback(st);
		return 0;
	}
	if (store_commit(st, cause) == -1) {
		*changed = 0;
		return -1;
	}
	return 0;
}

/* Adds to set the cases the values of case id's records and properties
 * name (links), its parent and its children. */
static int
owner_linked(struct store *st, const char *id, struct strmap *set,
    char **cause)
{
	sqlite3_stmt	*s;
	const char	*v;
	int		 rc;

	s = store_stmt(st, "SELECT f.value FROM field f WHERE f.value IS NOT "
	    "NULL AND (f.record = ?1 OR f.record IN (SELECT r.id FROM record "
	    "r WHERE r.case_id = ?1)) AND f.value IN (SELECT k.id FROM kase k) "
	    "UNION SELECT p.record FROM field p WHERE p.path = '@parent' AND "
	    "p.value = ?1");
	store_bind(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(s, 0);
		if (v != NULL)
			strmap_put(set, v, set);	/* present: non-NULL */
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Whether the export for one worker carries a change (see
 * store-sync.h). */
bool
store_export_wanted(struct store *st, const char *case_id,
    const char *record, const char *form)
{
	if (st->export_only == NULL)
		return true;
	if (case_id == NULL)
		return form != NULL && strcmp(form, "_onward") == 0;
	(void)record;
	return strmap_get(st->export_only, case_id) != NULL;
}

/* The bundle for one worker (see store-sync.h). */
int
store_export_for(struct store *st, const char *dest, const char *worker,
    const struct bundle_keys *keys, const struct sync_progress *prog,
    struct export_result *r, size_t *ncases, char **cause)
{
	struct strmap	  set;
	char		**ids;
	size_t		  n, i;
	int		  rc = 0;

	memset(&set, 0, sizeof set);
	memset(r, 0, sizeof *r);
	*ncases = 0;
	*cause = NULL;
	if (owner_check_worker(st, worker, cause) == -1 ||
	    store_owned_cases(st, worker, false, &ids, &n, cause) == -1)
		return -1;
	if (n == 0) {
		*cause = xasprintf(_("'%s' owns no case: there is nothing to "
		    "export for them"), worker);
		return -1;
	}
	for (i = 0; i < n; i++)
		strmap_put(&set, ids[i], &set);	/* present: non-NULL */
	for (i = 0; i < n && rc == 0; i++)
		rc = owner_linked(st, ids[i], &set, cause);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	/* A linked case's own parent (a referral's provider's...) is not
	 * followed further: the worker's cases and what they link to. */
	*ncases = set.n;
	if (rc == 0) {
		st->export_only = &set;
		rc = store_export_sealed(st, dest, true, keys, prog, r, cause);
		st->export_only = NULL;
	}
	strmap_free(&set, NULL);
	return rc;
}
