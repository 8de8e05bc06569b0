/*
 * store-conflict.c: conflicts, the fields with more than one head, and
 * settling them.
 *
 * An answer saved to a case property (save_to) is two fields, the
 * record's and the case's, changed by the same saves: two concurrent
 * edits of it make both conflicted at once.  That is one conflict for
 * people: the case property's is folded into the answer's (its twin),
 * when every head of the one was written by the same save (the same
 * device and clock) as a head of the other and the record's form saves
 * that answer to that property.  Settling the answer settles its twin
 * with the same value, in one transaction, so the two cannot end up
 * different.  Each value also carries the site its device last sent a
 * bundle from (the "site:DEVICE" meta key, which merging keeps; this
 * store's own site setting for its own changes).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Frees what a conflict holds. */
void
conflict_free(struct conflict *c)
{
	size_t	i;

	if (c == NULL)
		return;
	free(c->id);
	free(c->record_id);
	free(c->case_id);
	free(c->path);
	free(c->form);
	free(c->twin);
	for (i = 0; i < c->nvalues; i++) {
		free(c->values[i].value);
		free(c->values[i].author);
		free(c->values[i].device);
		free(c->values[i].time);
		free(c->values[i].site);
	}
	free(c->values);
	memset(c, 0, sizeof *c);
}

/* The site device last exported from (NULL when not known; caller
 * frees). */
static char *
device_site(struct store *st, const char *device)
{
	char	*key, *site;

	if (strcmp(device, st->device) == 0)
		site = store_setting(st, "site");
	else {
		key = xasprintf("site:%s", device);
		site = store_meta_get(st, key);
		free(key);
	}
	if (site != NULL && *site == '\0') {
		free(site);
		site = NULL;
	}
	return site;
}

/* The heads of (record, path) as conflict values, winner first, with
 * their sites when sites is true. */
static int
conflict_values(struct store *st, struct conflict *c, bool sites,
    char **cause)
{
	sqlite3_stmt		*s;
	struct conflict_value	*v;
	char			 t[32];
	size_t			 i;
	int			 rc;

	s = store_stmt(st, "SELECT c.value, c.author, c.device, c.hlc, "
	    "c.case_id, c.form FROM change c WHERE " STORE_HEADS " ORDER BY "
	    STORE_WINNER_FIRST);
	store_bind(s, 1, c->record_id);
	store_bind(s, 2, c->path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->values = xreallocarray(c->values, c->nvalues + 1,
		    sizeof *c->values);
		v = &c->values[c->nvalues++];
		v->value = store_col(s, 0);
		v->author = store_col(s, 1);
		v->device = store_col(s, 2);
		v->hlc = sqlite3_column_int64(s, 3);
		store_hlc_time(v->hlc, t, sizeof t);
		v->time = xstrdup(t);
		v->site = NULL;
		if (c->case_id == NULL)
			c->case_id = store_col(s, 4);
		if (c->form == NULL)
			c->form = store_col(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	for (i = 0; sites && i < c->nvalues; i++)
		c->values[i].site = device_site(st, c->values[i].device);
	return 0;
}

/* Every field with more than one head, by record and path: of the whole
 * store, or (case_id not NULL) of one case and its records; the values'
 * sites when sites is true. */
static int
conflicts_query(struct store *st, const char *case_id, bool sites,
    struct conflict **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	struct conflict	*c;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	/* Not those of erased cases and their records: no values left; nor
	 * those of the reserved records (two revocations of one device, two
	 * disablings of one account), which their rule settles
	 * (store-revoke.c), not a supervisor. */
	s = store_stmt(st, "SELECT record, path FROM field WHERE nheads > 1 "
	    "AND record NOT GLOB '@*' AND " STORE_NOT_ERASED " AND (?1 IS NULL OR record = ?1 OR "
	    "record IN (SELECT id FROM record WHERE case_id = ?1)) "
	    "ORDER BY record, path");
	if (case_id != NULL)
		store_bind(s, 1, case_id);
	else
		sqlite3_bind_null(s, 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->record_id = store_col(s, 0);
		c->path = store_col(s, 1);
		c->id = xasprintf("%s/%s", c->record_id, c->path);
	}
	sqlite3_reset(s);
	rc = rc != SQLITE_DONE ? store_fail(st, rc, cause) : 0;
	for (i = 0; i < *n && rc == 0; i++)
		rc = conflict_values(st, &(*out)[i], sites, cause);
	if (rc == -1) {
		for (i = 0; i < *n; i++)
			conflict_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* True when a conflict is on a case property (its record is the case). */
static bool
is_property(const struct conflict *c)
{
	return c->case_id != NULL && strcmp(c->record_id, c->case_id) == 0;
}

/* True when the heads of a and b came from the same saves. */
static bool
same_saves(const struct conflict *a, const struct conflict *b)
{
	size_t	i;

	if (a->nvalues != b->nvalues)
		return false;
	for (i = 0; i < a->nvalues; i++) {
		if (a->values[i].hlc != b->values[i].hlc ||
		    strcmp(a->values[i].device, b->values[i].device) != 0)
			return false;
	}
	return true;
}

/* True when answer a's form saves it to property p (without a pack:
 * when the path is not inside a repeat, as save_to needs). */
static bool
saves_to(const struct store *st, const struct conflict *a,
    const struct conflict *p)
{
	const struct form	*f;
	const struct field	*fld;

	if (strchr(a->path, '[') != NULL)
		return false;
	if (st->pack == NULL)
		return true;
	if (a->form == NULL || (f = form_pack_find(st->pack, a->form)) == NULL ||
	    (fld = form_find_field(f, a->path)) == NULL)
		return false;
	return fld->save_to != NULL && strcmp(fld->save_to, p->path) == 0;
}

/* Orders conflict indices by case id (NULL last), then index. */
static struct conflict	*fold_v;
static int
by_case(const void *a, const void *b)
{
	const struct conflict	*x = &fold_v[*(const size_t *)a];
	const struct conflict	*y = &fold_v[*(const size_t *)b];
	int			 c;

	if (x->case_id == NULL || y->case_id == NULL)
		c = (x->case_id == NULL) - (y->case_id == NULL);
	else
		c = strcmp(x->case_id, y->case_id);
	if (c != 0)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The answer conflict among g[0..ng) (one case's) that property conflict
 * p is the twin of, or SIZE_MAX when none or no single one: the one
 * answer of its saves that is saved to it, else (without a pack, which
 * cannot tell) the one of the property's own name. */
static size_t
twin_of(struct store *st, struct conflict *v, const size_t *g, size_t ng,
    size_t p)
{
	size_t	j, any = SIZE_MAX, named = SIZE_MAX, nany = 0, nnamed = 0;
	const struct conflict *a;

	for (j = 0; j < ng; j++) {
		a = &v[g[j]];
		if (is_property(a) || a->twin != NULL ||
		    !same_saves(&v[p], a) || !saves_to(st, a, &v[p]))
			continue;
		any = g[j];
		nany++;
		if (strcmp(a->path, v[p].path) == 0) {
			named = g[j];
			nnamed++;
		}
	}
	if (nany == 1)
		return any;
	return nnamed == 1 ? named : SIZE_MAX;
}

/* Folds each case property's conflict into the answer conflict it is the
 * twin of (see the top of the file), case by case; *n shrinks, the order
 * stays. */
static void
conflicts_fold(struct store *st, struct conflict *v, size_t *n)
{
	size_t	*ix, i, j, k, t, m;
	bool	*gone;

	if (*n < 2)
		return;
	ix = xreallocarray(NULL, *n, sizeof *ix);
	gone = xcalloc(*n, sizeof *gone);
	for (i = 0; i < *n; i++)
		ix[i] = i;
	fold_v = v;
	qsort(ix, *n, sizeof *ix, by_case);
	for (i = 0; i < *n && v[ix[i]].case_id != NULL; i = j) {
		for (j = i + 1; j < *n && v[ix[j]].case_id != NULL &&
		    strcmp(v[ix[j]].case_id, v[ix[i]].case_id) == 0; j++)
			;
		for (k = i; k < j; k++) {
			if (!is_property(&v[ix[k]]) || (t = twin_of(st, v,
			    ix + i, j - i, ix[k])) == SIZE_MAX)
				continue;
			v[t].twin = xstrdup(v[ix[k]].id);
			gone[ix[k]] = true;
		}
	}
	for (i = m = 0; i < *n; i++) {
		if (gone[i])
			conflict_free(&v[i]);
		else
			v[m++] = v[i];
	}
	*n = m;
	free(gone);
	free(ix);
}

int
store_conflicts(struct store *st, struct conflict **out, size_t *n,
    char **cause)
{
	if (conflicts_query(st, NULL, true, out, n, cause) == -1)
		return -1;
	conflicts_fold(st, *out, n);
	return 0;
}

int
store_conflict_count(struct store *st, size_t *n, char **cause)
{
	struct conflict	*v;
	size_t		 i;

	if (conflicts_query(st, NULL, false, &v, n, cause) == -1)
		return -1;
	conflicts_fold(st, v, n);
	for (i = 0; i < *n; i++)
		conflict_free(&v[i]);
	free(v);
	return 0;
}

/* Adds to the open transaction one change settling (record, path) with
 * value, clock hlc, every head its parent; -1 with *cause (nothing
 * rolled back here). */
static int
settle(struct store *st, const char *record, const char *path,
    const char *value, const char *author, int64_t hlc, char **cause)
{
	sqlite3_stmt	*s;
	struct change	 c;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.record = xstrdup(record);
	c.path = xstrdup(path);
	s = store_stmt(st, "SELECT c.device, c.seq, c.form, c.form_version, "
	    "c.case_id FROM change c WHERE " STORE_HEADS " ORDER BY "
	    STORE_WINNER_FIRST);
	store_bind(s, 1, c.record);
	store_bind(s, 2, c.path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c.parents = xreallocarray(c.parents, c.nparents + 1,
		    sizeof *c.parents);
		c.parents[c.nparents++] = store_change_id(
		    (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1));
		if (c.form == NULL) {
			c.form = store_col(s, 2);
			c.form_version = sqlite3_column_int(s, 3);
			c.case_id = store_col(s, 4);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, cause);
	else if (c.nparents < 2) {
		*cause = xasprintf(_("no conflict '%s/%s'"), record, path);
		rc = -1;
	} else {
		c.device = xstrdup(st->device);
		c.seq = ++st->seq;
		c.hlc = hlc;
		c.value = value != NULL ? xstrdup(value) : NULL;
		c.author = xstrdup(author);
		rc = store_apply_change(st, &c, NULL, cause);
	}
	change_free(&c);
	return rc;
}

/* The case a record or case id belongs to (caller frees), or NULL. */
static char *
case_of(struct store *st, const char *record)
{
	sqlite3_stmt	*s;
	char		*case_id = NULL;

	s = store_stmt(st, "SELECT case_id FROM record WHERE id = ?");
	store_bind(s, 1, record);
	if (sqlite3_step(s) == SQLITE_ROW)
		case_id = store_col(s, 0);
	sqlite3_reset(s);
	return case_id != NULL ? case_id : xstrdup(record);
}

/* Settles the conflict named (its answer's id or its twin's) and its
 * twin, in one transaction; see store.h. */
int
store_resolve_conflict(struct store *st, const char *conflict_id,
    const char *value, const char *author, char **cause)
{
	struct conflict	*v = NULL, *c = NULL;
	const char	*ids[2];
	char		*record, *case_id, *slash;
	size_t		 n = 0, i;
	int64_t		 hlc;
	int		 rc = -1;

	if ((slash = strchr(conflict_id, '/')) == NULL) {
		*cause = xasprintf(_("no conflict '%s'"), conflict_id);
		return -1;
	}
	if (value != NULL && !utf8_valid(value, strlen(value))) {
		*cause = xstrdup(_("not valid UTF-8 text"));
		return -1;
	}
	if (store_check_author(author, cause) != 0)
		return -1;
	if (store_begin(st, cause) == -1)
		return -1;
	record = xstrndup(conflict_id, (size_t)(slash - conflict_id));
	case_id = case_of(st, record);
	if (conflicts_query(st, case_id, false, &v, &n, cause) == -1)
		goto out;
	conflicts_fold(st, v, &n);
	for (i = 0; i < n && c == NULL; i++) {
		if (strcmp(v[i].id, conflict_id) == 0 || (v[i].twin != NULL &&
		    strcmp(v[i].twin, conflict_id) == 0))
			c = &v[i];
	}
	if (c == NULL) {
		*cause = xasprintf(_("no conflict '%s'"), conflict_id);
		goto out;
	}
	ids[0] = c->record_id;
	ids[1] = c->case_id;
	if ((hlc = store_hlc_for(st, ids, c->twin != NULL ? 2 : 1,
	    cause)) == -1 ||
	    settle(st, c->record_id, c->path, value, author, hlc, cause) == -1)
		goto out;
	if (c->twin != NULL && settle(st, c->case_id,
	    strchr(c->twin, '/') + 1, value, author, hlc, cause) == -1)
		goto out;
	rc = store_commit(st, cause);
out:
	if (rc == -1)
		store_rollback(st);
	for (i = 0; i < n; i++)
		conflict_free(&v[i]);
	free(v);
	free(case_id);
	free(record);
	return rc;
}
