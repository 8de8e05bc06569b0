/*
 * store-apply.c: bringing changes into the derived state.  The one path
 * that local saves (store-record.c), merges (store-sync.c) and rebuild
 * (store-dump.c) share: a change enters the log once; its parents become
 * superseded and leave the heads; it becomes a head unless something
 * already names it as a parent (a child that arrived first); the field's
 * winner is the head with the highest (hlc, device, seq).  Heads and
 * winners are marked in the log's own head column (see store-int.h).
 * The usual change (a field's first value, no parents) is marked as it is
 * inserted, with at most one look-up; anything else recomputes its field
 * (store_refresh_field).  Record and case rows are recomputed from their
 * changes before commit.  The result depends only on the set of changes,
 * never on the order they arrived in.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Compares two changes by (hlc, device, seq), the order of the log. */
static int
store_order(int64_t hlc, const char *dev, int64_t seq, int64_t hlc2,
    const char *dev2, int64_t seq2)
{
	int	c;

	if (hlc != hlc2)
		return hlc < hlc2 ? -1 : 1;
	if ((c = strcmp(dev != NULL ? dev : "", dev2 != NULL ? dev2 :
	    "")) != 0)
		return c;
	return seq < seq2 ? -1 : seq > seq2;
}

/* Whether sql (parameters device and seq) gives a row: 1, 0 or -1. */
static int
store_has(struct store *st, const char *sql, const char *device, int64_t seq,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_stmt(st, sql);
	store_bind(s, 1, device);
	sqlite3_bind_int64(s, 2, seq);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return rc == SQLITE_ROW;
}

/* Marks a record or case id for store_refresh_dirty. */
static void
store_mark(struct store *st, const char *id, enum store_kind kind)
{
	struct store_dirty	*d;

	if (*id == '@')		/* a reserved record, "@device:" */
		return;
	if (st->ndirty > 0 && strcmp(st->dirty[st->ndirty - 1].id, id) == 0)
		return;
	st->dirty = xreallocarray(st->dirty, st->ndirty + 1,
	    sizeof *st->dirty);
	d = &st->dirty[st->ndirty++];
	d->id = xstrdup(id);
	d->kind = kind;
}

/* The kind of record a change belongs to. */
static enum store_kind
store_kind_of(const struct change *c)
{
	return c->case_id != NULL && strcmp(c->case_id, c->record) == 0 ?
	    STORE_CASE : STORE_RECORD;
}

/* Ends the run of store_add_change (see struct store). */
static void
store_forget_run(struct store *st)
{
	size_t	i;

	free(st->run_record);
	st->run_record = NULL;
	st->run_fresh = false;
	for (i = 0; i < st->nrun_paths; i++)
		free(st->run_paths[i]);
	st->nrun_paths = 0;
}

/* Forgets the marks and the run (see store-int.h). */
void
store_forget_marks(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->ndirty; i++)
		free(st->dirty[i].id);
	st->ndirty = 0;
	store_forget_run(st);
	store_erase_forget(st);
}

/*
 * Follows the run of changes store_add_change is given: a change of
 * another record starts a new run, fresh if the log has nothing of that
 * record yet.  *fresh_field is true when the change's field has no change
 * in the log (a fresh run that has not set it).  Records' changes come
 * together in a bundle, so this costs one look-up per record, not one
 * per change.
 */
static int
store_run(struct store *st, const struct change *c, bool *fresh_field,
    char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc;

	*fresh_field = false;
	if (st->run_record == NULL || strcmp(st->run_record, c->record) != 0) {
		store_forget_run(st);
		s = store_stmt(st, "SELECT 1 FROM change WHERE record = ? "
		    "LIMIT 1");
		store_bind(s, 1, c->record);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(st, rc, cause);
		st->run_record = xstrdup(c->record);
		st->run_fresh = rc == SQLITE_DONE;
	}
	if (!st->run_fresh)
		return 0;
	for (i = 0; i < st->nrun_paths; i++) {
		if (strcmp(st->run_paths[i], c->path) == 0)
			return 0;
	}
	*fresh_field = true;
	st->run_paths = xreallocarray(st->run_paths, st->nrun_paths + 1,
	    sizeof *st->run_paths);
	st->run_paths[st->nrun_paths++] = xstrdup(c->path);
	return 0;
}

/* Sets change n's head column (see store-int.h). */
static int
store_set_head(struct store *st, int64_t n, int head, char **cause)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, "UPDATE change SET head = ? WHERE n = ?");
	sqlite3_bind_int(s, 1, head);
	sqlite3_bind_int64(s, 2, n);
	return store_done(st, s, cause);
}

/*
 * Recomputes the head column of (record, path)'s changes from the
 * superseded table: those brought in so far, numbered up to `upto`.  A
 * merge brings changes in one at a time, so later ones are not in the log
 * yet; a rebuild has the whole log there while it replays it, and must not
 * count a change before its turn (it would be counted again when it comes).
 */
static int
store_refresh_field(struct store *st, const char *record, const char *path,
    int64_t upto, char **cause)
{
	sqlite3_stmt	*s;
	struct {
		int64_t	n;
		int	head;	/* as stored; INT_MIN for NULL */
		int	sup;
	}		*v = NULL;
	size_t		 nv = 0, i;
	int		 nheads = 0, want, rc;
	bool		 first = true;

	s = store_stmt(st, "SELECT c.n, c.head, EXISTS(SELECT 1 FROM "
	    "superseded s WHERE s.device = c.device AND s.seq = c.seq) "
	    "FROM change c WHERE c.record = ?1 AND c.path = ?2 AND "
	    "c.n <= ?3 ORDER BY " STORE_WINNER_FIRST);
	store_bind(s, 1, record);
	store_bind(s, 2, path);
	sqlite3_bind_int64(s, 3, upto);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		v[nv].n = sqlite3_column_int64(s, 0);
		v[nv].head = sqlite3_column_type(s, 1) == SQLITE_NULL ?
		    INT_MIN : sqlite3_column_int(s, 1);
		v[nv].sup = sqlite3_column_int(s, 2);
		nheads += !v[nv].sup;
		nv++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, rc, cause);
	}
	/* Updated after the query is done: never while stepping it. */
	for (i = 0, rc = 0; i < nv && rc == 0; i++) {
		if (v[i].sup)
			want = 0;
		else if (first) {
			want = nheads;
			first = false;
		} else
			want = -1;
		if (v[i].head != want)
			rc = store_set_head(st, v[i].n, want, cause);
	}
	free(v);
	return rc;
}

/*
 * The head column a change without parents takes, and what it does to
 * its field's winner so far: none (*win_n 0), or the winner's new head
 * column in *win_head.  One indexed read; the usual case (a field's first
 * value) writes nothing but the change itself.
 */
static int
store_head_of_root(struct store *st, const struct change *c, bool fresh,
    int *head, int64_t *win_n, int *win_head, char **cause)
{
	sqlite3_stmt	*s;
	const char	*wdev;
	int64_t		 whlc, wseq;
	int		 rc, wheads, cmp;

	*win_n = 0;
	if ((rc = store_has(st, "SELECT 1 FROM superseded WHERE device = ? "
	    "AND seq = ?", c->device, c->seq, cause)) != 0) {
		*head = 0;	/* a child of it came first */
		return rc;
	}
	if (fresh) {
		*head = 1;	/* the field's first value */
		return 0;
	}
	s = store_stmt(st, "SELECT n, head, hlc, device, seq FROM change "
	    "WHERE record = ? AND path = ? AND head > 0");
	store_bind(s, 1, c->record);
	store_bind(s, 2, c->path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		*head = 1;
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, rc, cause);
	}
	*win_n = sqlite3_column_int64(s, 0);
	wheads = sqlite3_column_int(s, 1);
	whlc = sqlite3_column_int64(s, 2);
	wdev = (const char *)sqlite3_column_text(s, 3);
	wseq = sqlite3_column_int64(s, 4);
	cmp = store_order(c->hlc, c->device, c->seq, whlc, wdev, wseq);
	sqlite3_reset(s);
	if (cmp > 0) {
		*head = wheads + 1;
		*win_head = -1;
	} else {
		*head = -1;
		*win_head = wheads + 1;
	}
	return 0;
}

/* Brings change n into the derived state (see store-int.h). */
int
store_derive(struct store *st, int64_t n, const struct change *c,
    const char *parents, enum store_kind kind, char **cause)
{
	sqlite3_stmt	*s;
	const char	*p, *colon, *sp, *record = c->record, *path = c->path;
	char		*pdev, *prec, *ppath;
	int64_t		 pseq, win_n;
	int		 rc, head, win_head;

	/* No parents: the winner so far decides, as when merging. */
	if (*parents == '\0') {
		if (store_head_of_root(st, c, false, &head, &win_n, &win_head,
		    cause) == -1 || store_set_head(st, n, head, cause) == -1 ||
		    (win_n != 0 && store_set_head(st, win_n, win_head,
		    cause) == -1))
			return -1;
		store_mark(st, record, kind);
		return 0;
	}

	for (p = parents; *p != '\0'; p = *sp != '\0' ? sp + 1 : sp) {
		sp = p + strcspn(p, " ");
		colon = memchr(p, ':', (size_t)(sp - p));
		if (colon == NULL)
			continue;
		pdev = xstrndup(p, (size_t)(colon - p));
		pseq = strtoll(colon + 1, NULL, 10);
		s = store_stmt(st, "INSERT OR IGNORE INTO superseded(device, "
		    "seq) VALUES(?, ?)");
		store_bind(s, 1, pdev);
		sqlite3_bind_int64(s, 2, pseq);
		if (store_done(st, s, cause) == -1) {
			free(pdev);
			return -1;
		}
		/* Already superseded: it was no head, nothing changes. */
		if (sqlite3_changes(st->db) == 0) {
			free(pdev);
			continue;
		}
		/* Its parent, if it came before (see store_refresh_field). */
		s = store_stmt(st, "SELECT record, path FROM change "
		    "WHERE device = ? AND seq = ? AND n < ?");
		store_bind(s, 1, pdev);
		sqlite3_bind_int64(s, 2, pseq);
		sqlite3_bind_int64(s, 3, n);
		rc = sqlite3_step(s);
		free(pdev);
		if (rc == SQLITE_ROW) {
			prec = store_col(s, 0);
			ppath = store_col(s, 1);
			sqlite3_reset(s);
			rc = 0;
			/* Another field: its heads change now; this one's
			 * are recomputed below in any case. */
			if (strcmp(prec, record) != 0 ||
			    strcmp(ppath, path) != 0) {
				rc = store_refresh_field(st, prec, ppath, n,
				    cause);
				store_mark(st, prec, STORE_UNKNOWN);
			}
			free(prec);
			free(ppath);
			if (rc == -1)
				return -1;
		} else {
			sqlite3_reset(s);
			if (rc != SQLITE_DONE)
				return store_fail(st, rc, cause);
		}
	}
	if (store_refresh_field(st, record, path, n, cause) == -1)
		return -1;
	store_mark(st, record, kind);
	return 0;
}

/* The parents as stored: ids sorted and space-separated (caller frees). */
static int
store_parent_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The parents of c as stored: sorted, unique, space-separated
 * (caller frees).
 */
static char *
store_parents_text(const struct change *c)
{
	char		**v;
	struct buf	  b;
	size_t		  i;

	buf_init(&b);
	if (c->nparents == 0)
		return buf_detach(&b);
	v = xreallocarray(NULL, c->nparents, sizeof *v);
	memcpy(v, c->parents, c->nparents * sizeof *v);
	qsort(v, c->nparents, sizeof *v, store_parent_cmp);
	for (i = 0; i < c->nparents; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, v[i]);
	}
	free(v);
	return buf_detach(&b);
}

/* Adds a change the log does not have (see store-int.h). */
int
store_add_change(struct store *st, const struct change *c, char **cause)
{
	sqlite3_stmt	*s;
	char		*parents;
	int64_t		 n, win_n = 0;
	int		 head = 0, win_head = 0, rc;
	bool		 fresh, erase;

	if (store_run(st, c, &fresh, cause) == -1 ||
	    store_erase_arriving(st, c, &erase, cause) == -1)
		return -1;
	if (c->nparents == 0 && store_head_of_root(st, c, fresh, &head,
	    &win_n, &win_head, cause) == -1)
		return -1;
	parents = store_parents_text(c);
	s = store_stmt(st, "INSERT INTO change(device, seq, hlc, record, "
	    "form, form_version, case_id, path, value, parents, author, "
	    "head) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	store_bind(s, 1, c->device);
	sqlite3_bind_int64(s, 2, c->seq);
	sqlite3_bind_int64(s, 3, c->hlc);
	store_bind(s, 4, c->record);
	store_bind(s, 5, c->form);
	sqlite3_bind_int(s, 6, c->form_version);
	store_bind(s, 7, c->case_id);
	store_bind(s, 8, c->path);
	store_bind(s, 9, erase ? NULL : c->value);
	store_bind(s, 10, parents);
	store_bind(s, 11, c->author);
	if (c->nparents == 0)
		sqlite3_bind_int(s, 12, head);	/* else NULL until derived */
	if (store_done(st, s, cause) == -1) {
		free(parents);
		return -1;
	}
	n = sqlite3_last_insert_rowid(st->db);
	store_hlc_observe(st, c->hlc);
	if (c->nparents > 0)
		rc = store_derive(st, n, c, parents, store_kind_of(c),
		    cause);
	else {
		rc = win_n != 0 ? store_set_head(st, win_n, win_head, cause) :
		    0;
		store_mark(st, c->record, store_kind_of(c));
	}
	free(parents);
	return rc;
}

/* Adds a change to the log and the derived state (see store-int.h). */
int
store_apply_change(struct store *st, const struct change *c, bool *is_new,
    char **cause)
{
	int	rc;

	if (is_new != NULL)
		*is_new = false;
	if ((rc = store_has(st, "SELECT 1 FROM change WHERE device = ? AND "
	    "seq = ?", c->device, c->seq, cause)) != 0)
		return rc == 1 ? 0 : -1;
	if (is_new != NULL)
		*is_new = true;
	return store_add_change(st, c, cause);
}

/* Recomputes one record's row from its changes. */
static int
store_refresh_record(struct store *st, const char *id, char **case_id,
    char **cause)
{
	sqlite3_stmt	*s;
	char		*form = NULL, *author = NULL;
	char		*first_dev = NULL, *last_dev = NULL;
	const char	*dev, *path;
	int		 version = 0, deleted = 0, conflict = 0, rc, head;
	int64_t		 created = 0, updated = 0, hlc, seq;
	int64_t		 first_seq = 0, last_seq = 0;

	*case_id = NULL;
	/*
	 * One pass over the record's changes: the last one (by hlc, device,
	 * seq) gives the form, version and update time, the first one the
	 * author, creation time and case; the winner of "@record" whether
	 * it is deleted; a winner with more than one head a conflict.
	 */
	s = store_stmt(st, "SELECT hlc, device, seq, form, form_version, "
	    "author, case_id, path, head, value IS NULL FROM change "
	    "WHERE record = ?");
	store_bind(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		hlc = sqlite3_column_int64(s, 0);
		dev = (const char *)sqlite3_column_text(s, 1);
		seq = sqlite3_column_int64(s, 2);
		head = sqlite3_column_int(s, 8);
		if (head > 1)
			conflict = 1;
		if (head > 0) {
			path = (const char *)sqlite3_column_text(s, 7);
			if (path != NULL && strcmp(path, "@record") == 0)
				deleted = sqlite3_column_int(s, 9);
		}
		if (form == NULL || store_order(hlc, dev, seq, updated,
		    last_dev, last_seq) > 0) {
			free(form);
			form = store_col(s, 3);
			version = sqlite3_column_int(s, 4);
			updated = hlc;
			free(last_dev);
			last_dev = xstrdup(dev);
			last_seq = seq;
		}
		if (author == NULL || store_order(hlc, dev, seq, created,
		    first_dev, first_seq) < 0) {
			free(author);
			free(*case_id);
			author = store_col(s, 5);
			*case_id = store_col(s, 6);
			created = hlc;
			free(first_dev);
			first_dev = xstrdup(dev);
			first_seq = seq;
		}
	}
	sqlite3_reset(s);
	free(first_dev);
	free(last_dev);
	if (rc != SQLITE_DONE) {
		free(form);
		free(author);
		free(*case_id);
		*case_id = NULL;
		return store_fail(st, rc, cause);
	}
	if (form == NULL) {
		free(author);
		return 0;
	}
	s = store_stmt(st, "INSERT OR REPLACE INTO record(id, form, "
	    "form_version, case_id, author, created, updated, deleted, "
	    "conflict) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
	store_bind(s, 1, id);
	store_bind(s, 2, form);
	sqlite3_bind_int(s, 3, version);
	store_bind(s, 4, *case_id);
	store_bind(s, 5, author != NULL ? author : "");
	sqlite3_bind_int64(s, 6, created);
	sqlite3_bind_int64(s, 7, updated);
	sqlite3_bind_int(s, 8, deleted);
	sqlite3_bind_int(s, 9, conflict);
	rc = store_done(st, s, cause);
	free(form);
	free(author);
	return rc;
}

/* qsort comparison of marks by id. */
static int
store_dirty_cmp(const void *a, const void *b)
{
	const struct store_dirty	*x = a, *y = b;

	return strcmp(x->id, y->id);
}

/* qsort comparison of strings. */
static int
store_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether a marked id whose kind the marker did not know is a case. */
static int
store_is_case(struct store *st, const char *id, bool *is, char **cause)
{
	int64_t	v;

	if (store_query_int(st, "SELECT case_id = record FROM change WHERE "
	    "record = ? LIMIT 1", id, &v, cause) == -1)
		return -1;
	*is = v == 1;
	return 0;
}

/* Recomputes the rows of every marked record, then of their cases. */
int
store_refresh_dirty(struct store *st, char **cause)
{
	struct store_dirty	 *d;
	char			**cases = NULL, *cid;
	size_t			  ncases = 0, i;
	int			  rc = 0;
	bool			  iscase;

	if (st->ndirty > 1)
		qsort(st->dirty, st->ndirty, sizeof *st->dirty,
		    store_dirty_cmp);
	for (i = 0; i < st->ndirty && rc == 0; i++) {
		d = &st->dirty[i];
		if (i > 0 && strcmp(d->id, st->dirty[i - 1].id) == 0)
			continue;
		iscase = d->kind == STORE_CASE;
		if (d->kind == STORE_UNKNOWN &&
		    (rc = store_is_case(st, d->id, &iscase, cause)) == -1)
			break;
		if (iscase)
			cid = xstrdup(d->id);
		else if ((rc = store_refresh_record(st, d->id, &cid,
		    cause)) == -1)
			break;
		if (cid != NULL) {
			cases = xreallocarray(cases, ncases + 1,
			    sizeof *cases);
			cases[ncases++] = cid;
		}
	}
	/* The records' rows are there: erase what cases erased now had. */
	if (rc == 0)
		rc = store_erase_apply(st, cause);
	if (ncases > 1)
		qsort(cases, ncases, sizeof *cases, store_str_cmp);
	for (i = 0; i < ncases && rc == 0; i++) {
		if (i == 0 || strcmp(cases[i], cases[i - 1]) != 0)
			rc = store_refresh_case(st, cases[i], cause);
	}
	if (rc == 0)
		rc = store_erase_search(st, cause);
	for (i = 0; i < ncases; i++)
		free(cases[i]);
	free(cases);
	store_forget_marks(st);
	return rc;
}
