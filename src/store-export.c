/*
 * store-export.c: reading every record and case out of the store for
 * export and reports, and the SQL views (export.h).  Reads the derived
 * tables of store-int.h: record (one row per record), field (the display
 * winner of each path), kase, and change for who made a record on which
 * device.  One statement walks a whole form: the record table in id order
 * joined to its fields by their primary key, so nothing is sorted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "expr.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* The device and author of the first change of record id, into *device
 * (caller frees) and, when not NULL, *author. */
static void
store_export_origin(struct store *st, const char *id, const char *path,
    char **device, char **author)
{
	sqlite3_stmt	*s;

	*device = NULL;
	if (author != NULL)
		*author = NULL;
	if (path != NULL) {
		s = store_stmt(st, "SELECT device, author FROM change WHERE "
		    "record = ? AND path = ? ORDER BY hlc, device, seq "
		    "LIMIT 1");
		store_bind(s, 2, path);
	} else
		s = store_stmt(st, "SELECT device, author FROM change WHERE "
		    "record = ? ORDER BY hlc, device, seq LIMIT 1");
	store_bind(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*device = store_col(s, 0);
		if (author != NULL)
			*author = store_col(s, 1);
	}
	sqlite3_reset(s);
}

/* Steps past the rows of the record or case in column 0 equal to id,
 * adding each (path, value) of columns pc, pc + 1 to *a.  Returns the
 * SQLite result of the last step (SQLITE_ROW: on the next one). */
static int
store_export_fields(sqlite3_stmt *s, const char *id, int pc,
    struct answers *a)
{
	const char	*path, *value;
	int		 rc;

	do {
		path = (const char *)sqlite3_column_text(s, pc);
		value = (const char *)sqlite3_column_text(s, pc + 1);
		if (path != NULL && value != NULL && *path != '@')
			answers_set(a, path, value);
		rc = sqlite3_step(s);
	} while (rc == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(s, 0), id) == 0);
	return rc;
}

/* Export reads the whole store once: a larger page cache and memory
 * mapping spare it a read() per page.  Best effort: failure only costs
 * speed. */
static void
store_export_tune(struct store *st)
{
	(void)sqlite3_exec(st->db, "PRAGMA cache_size = -65536; "
	    "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
}

/*
 * How export_walk hands on one record or case: take reads columns 1 to 6
 * of its first row (before the walk steps past its fields), give hands
 * it on with its id and fields and frees what take kept, returning what
 * the caller's fn returned.
 */
struct export_walk {
	struct store	*st;
	void		(*take)(struct export_walk *, sqlite3_stmt *);
	int		(*give)(struct export_walk *, const char *id,
			    const struct answers *);
};

/*
 * Walks sql (with arg bound to ?1 when it has parameters): rows grouped
 * by the id in column 0, six columns of its own, then path and value of
 * each field (columns 7 and 8).  A statement of its own: the origin
 * look-ups use the cache.  Returns 0, fn's first non-zero result, or -1
 * with *cause.
 */
static int
export_walk(struct export_walk *w, const char *sql, const char *arg,
    char **cause)
{
	sqlite3_stmt	*s;
	struct answers	 a;
	char		*id;
	int		 rc, ret = 0;

	store_export_tune(w->st);
	rc = sqlite3_prepare_v2(w->st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail(w->st, rc, cause);
	if (sqlite3_bind_parameter_count(s) > 0)
		store_bind(s, 1, arg);
	answers_init(&a);
	rc = sqlite3_step(s);
	while (rc == SQLITE_ROW) {
		id = store_col(s, 0);
		w->take(w, s);
		rc = store_export_fields(s, id, 7, &a);
		ret = w->give(w, id, &a);
		free(id);
		answers_free(&a);
		answers_init(&a);
		if (ret != 0)
			break;
	}
	answers_free(&a);
	sqlite3_finalize(s);
	if (ret == 0 && rc != SQLITE_DONE)
		return store_fail(w->st, rc, cause);
	return ret;
}

/* A walk over records. */
struct export_records {
	struct export_walk	  w;
	struct export_record	  er;
	char			 *form, *case_id, *author;
	int			(*fn)(void *, const struct export_record *);
	void			 *arg;
};

/* Reads a record's columns (export_walk's take). */
static void
records_take(struct export_walk *w, sqlite3_stmt *s)
{
	struct export_records	*x = (struct export_records *)w;

	memset(&x->er, 0, sizeof x->er);
	x->form = store_col(s, 1);
	x->er.form_version = sqlite3_column_int(s, 2);
	x->case_id = store_col(s, 3);
	x->author = store_col(s, 4);
	store_hlc_time(sqlite3_column_int64(s, 5), x->er.created,
	    sizeof x->er.created);
	store_hlc_time(sqlite3_column_int64(s, 6), x->er.updated,
	    sizeof x->er.updated);
}

/* Hands a record on (export_walk's give). */
static int
records_give(struct export_walk *w, const char *id, const struct answers *a)
{
	struct export_records	*x = (struct export_records *)w;
	char			*device;
	int			 ret;

	store_export_origin(w->st, id, "@record", &device, NULL);
	x->er.id = id;
	x->er.form = x->form;
	x->er.case_id = x->case_id;
	x->er.author = x->author;
	x->er.device = device != NULL ? device : "";
	x->er.answers = a;
	ret = x->fn(x->arg, &x->er);
	free(x->form);
	free(x->case_id);
	free(x->author);
	free(device);
	return ret;
}

int
store_export_records(struct store *st, const char *form_id,
    int (*fn)(void *, const struct export_record *), void *arg,
    char **cause)
{
	struct export_records	x;

	memset(&x, 0, sizeof x);
	x.w.st = st;
	x.w.take = records_take;
	x.w.give = records_give;
	x.fn = fn;
	x.arg = arg;
	return export_walk(&x.w, "SELECT r.id, r.form, r.form_version, "
	    "r.case_id, r.author, r.created, r.updated, f.path, f.value "
	    "FROM record r LEFT JOIN field f ON f.record = r.id "
	    "WHERE r.deleted = 0 AND (?1 IS NULL OR r.form = ?1) "
	    "ORDER BY r.id, f.path", form_id, cause);
}

int
store_export_case_order(struct store *st, const char *form_id,
    int (*fn)(void *, const char *, const char *), void *arg, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, ret = 0;

	rc = sqlite3_prepare_v2(st->db, "SELECT id, case_id FROM record "
	    "WHERE form = ? AND deleted = 0 AND case_id IS NOT NULL "
	    "ORDER BY case_id, created, id", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause);
	store_bind(s, 1, form_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ret = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
		if (ret != 0)
			break;
	}
	sqlite3_finalize(s);
	if (ret == 0 && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return ret;
}

/* A walk over cases. */
struct export_cases {
	struct export_walk	  w;
	struct export_case	  ec;
	char			 *type;
	long			  today;
	int			(*fn)(void *, const struct export_case *);
	void			 *arg;
};

/* Reads a case's columns (export_walk's take). */
static void
cases_take(struct export_walk *w, sqlite3_stmt *s)
{
	struct export_cases	*x = (struct export_cases *)w;

	memset(&x->ec, 0, sizeof x->ec);
	x->type = store_col(s, 1);
	store_hlc_time(sqlite3_column_int64(s, 2), x->ec.created,
	    sizeof x->ec.created);
	store_hlc_time(sqlite3_column_int64(s, 3), x->ec.updated,
	    sizeof x->ec.updated);
	x->ec.closed = sqlite3_column_int(s, 4) != 0;
	if (sqlite3_column_type(s, 5) != SQLITE_NULL) {
		expr_format_date((long)sqlite3_column_int64(s, 5),
		    x->ec.next_due, sizeof x->ec.next_due);
		x->ec.overdue = x->today >= sqlite3_column_int64(s, 6);
	}
}

/* Hands a case on (export_walk's give). */
static int
cases_give(struct export_walk *w, const char *id, const struct answers *a)
{
	struct export_cases	*x = (struct export_cases *)w;
	char			*author, *device, *owner;
	int			 ret;

	store_export_origin(w->st, id, NULL, &device, &author);
	owner = store_case_owner(w->st, id);
	x->ec.id = id;
	x->ec.type = x->type;
	x->ec.author = author != NULL ? author : "";
	x->ec.owner = owner != NULL ? owner : x->ec.author;
	x->ec.device = device != NULL ? device : "";
	x->ec.props = a;
	ret = x->fn(x->arg, &x->ec);
	free(x->type);
	free(owner);
	free(author);
	free(device);
	return ret;
}

int
store_export_cases(struct store *st,
    int (*fn)(void *, const struct export_case *), void *arg, char **cause)
{
	struct export_cases	x;

	memset(&x, 0, sizeof x);
	x.w.st = st;
	x.w.take = cases_take;
	x.w.give = cases_give;
	x.today = expr_today();
	x.fn = fn;
	x.arg = arg;
	return export_walk(&x.w, "SELECT k.id, k.type, k.created, "
	    "k.updated, k.closed, k.next_due, k.overdue_from, f.path, f.value "
	    "FROM kase k LEFT JOIN field f ON f.record = k.id "
	    "WHERE k.type IS NOT NULL ORDER BY k.id, f.path", NULL, cause);
}

/* Appends s as an SQL string literal. */
static void
views_literal(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			buf_addc(b, '\'');
		buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

/* Appends s as an SQL identifier. */
static void
views_ident(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* The meta columns every view starts with, from record r. */
static void
views_meta(struct buf *b)
{
	buf_adds(b, "r.id AS _record, r.case_id AS _case, "
	    "r.author AS _author, (SELECT c.device FROM change c "
	    "WHERE c.record = r.id AND c.path = '@record' "
	    "ORDER BY c.hlc, c.device, c.seq LIMIT 1) AS _device, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', (r.created >> 16) / 1000, "
	    "'unixepoch') AS _created, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', (r.updated >> 16) / 1000, "
	    "'unixepoch') AS _updated");
}

/* The column expressions of table t, whose instance path (or NULL at the
 * top) is the SQL expression inst.  An answer is its text as stored, cast
 * when its type's row (form-type.c) gives another SQL type (an empty
 * answer is NULL, never 0); a choice's column is 0 or 1. */
static void
views_columns(struct buf *b, const struct form_pack *pack,
    const struct export_table *t, const char *inst)
{
	const struct export_column	*col;
	const struct case_type		*ct;
	const char			*cast;
	size_t				 i;

	for (i = 0; i < t->ncols; i++) {
		col = &t->cols[i];
		cast = form_type(col->field->type)->sql_type;
		if (col->choice != NULL || strcmp(cast, "TEXT") == 0)
			cast = NULL;
		buf_adds(b, cast != NULL ? ", CAST(NULLIF(" : ", ");
		/* A link's name: the linked case's name property. */
		ct = col->case_name ? form_pack_case_type(pack,
		    col->field->case_type) : NULL;
		if (ct != NULL) {
			buf_adds(b, "(SELECT n.value FROM field n WHERE "
			    "n.path = ");
			views_literal(b, ct->name_property);
			buf_adds(b, " AND n.record = ");
		} else if (col->case_name)
			buf_adds(b, "(SELECT NULL WHERE 0 = ");
		if (col->choice != NULL)
			buf_adds(b, "(SELECT instr(' ' || v.value || ' ', ");
		else
			buf_adds(b, "(SELECT v.value");
		if (col->choice != NULL) {
			char	*w = xasprintf(" %s ", col->choice->value);

			views_literal(b, w);
			free(w);
			buf_adds(b, ") > 0");
		}
		buf_adds(b, " FROM field v WHERE v.record = r.id AND v.path = ");
		if (inst != NULL) {
			buf_adds(b, inst);
			buf_adds(b, " || ");
			views_literal(b, ".");
			buf_adds(b, " || ");
		}
		views_literal(b, col->field->id);
		buf_adds(b, col->case_name ? "))" : ")");
		if (cast != NULL)
			buf_addf(b, ", '') AS %s)", cast);
		buf_adds(b, " AS ");
		views_ident(b, col->name);
	}
}

/*
 * The FROM clause of a repeat table at depth d (1 at the top): joins one
 * alias i1..id of the field table per level, each the instance rows under
 * the previous level ("members[X]" holds the instance's ordering key).
 */
static void
views_instances(struct buf *b, const struct export_layout *l, size_t ti)
{
	size_t	chain[FORM_MAX_REPEAT_DEPTH + 2], depth = 0, k;

	for (k = ti; k != 0; k = l->v[k].parent)
		chain[depth++] = k;
	buf_adds(b, " FROM record r");
	for (k = 0; k < depth; k++) {
		const struct export_table *t = &l->v[chain[depth - 1 - k]];

		buf_addf(b, " JOIN field i%zu ON i%zu.record = r.id AND "
		    "i%zu.value IS NOT NULL AND ", k + 1, k + 1, k + 1);
		if (k == 0) {
			char	*lo = xasprintf("%s[", t->repeat->id);
			char	*hi = xasprintf("%s\\", t->repeat->id);

			buf_addf(b, "i1.path > ");
			views_literal(b, lo);
			buf_addf(b, " AND i1.path < ");
			views_literal(b, hi);
			buf_addf(b, " AND instr(i1.path, '.') = 0");
			free(lo);
			free(hi);
		} else {
			char	*lo = xasprintf(".%s[", t->repeat->id);
			char	*hi = xasprintf(".%s\\", t->repeat->id);

			buf_addf(b, "i%zu.path > i%zu.path || ", k + 1, k);
			views_literal(b, lo);
			buf_addf(b, " AND i%zu.path < i%zu.path || ", k + 1, k);
			views_literal(b, hi);
			buf_addf(b, " AND instr(substr(i%zu.path, "
			    "length(i%zu.path) + 2), '.') = 0", k + 1, k);
			free(lo);
			free(hi);
		}
	}
	buf_adds(b, " WHERE r.deleted = 0 AND r.form = ");
	views_literal(b, l->v[0].form->id);
}

/* CREATE VIEW for table ti of a layout. */
static char *
views_table_sql(const struct form_pack *pack, const struct export_layout *l,
    size_t ti)
{
	const struct export_table	*t = &l->v[ti];
	struct buf			 b;
	char				*name, *inst;
	size_t				 depth = 0, k;

	buf_init(&b);
	name = xasprintf("form_%s", t->name);
	buf_adds(&b, "CREATE VIEW ");
	views_ident(&b, name);
	free(name);
	buf_adds(&b, " AS SELECT ");
	views_meta(&b);
	if (ti == 0) {
		views_columns(&b, pack, t, NULL);
		buf_adds(&b, " FROM record r WHERE r.deleted = 0 AND "
		    "r.form = ");
		views_literal(&b, t->form->id);
		return buf_detach(&b);
	}
	for (k = ti; k != 0; k = l->v[k].parent)
		depth++;
	buf_addf(&b, ", i%zu.path AS _instance, ", depth);
	if (depth == 1)
		buf_adds(&b, "'' AS _parent, ");
	else
		buf_addf(&b, "i%zu.path AS _parent, ", depth - 1);
	if (depth == 1)
		buf_adds(&b, "row_number() OVER (PARTITION BY r.id");
	else
		buf_addf(&b, "row_number() OVER (PARTITION BY r.id, i%zu.path",
		    depth - 1);
	buf_addf(&b, " ORDER BY CAST(i%zu.value AS INTEGER), i%zu.path) "
	    "AS _position", depth, depth);
	inst = xasprintf("i%zu.path", depth);
	views_columns(&b, pack, t, inst);
	free(inst);
	views_instances(&b, l, ti);
	return buf_detach(&b);
}

/* The SQL type of a case property, by its field type (form-type.c);
 * NULL when it stays text. */
static const char *
views_prop_type(const struct case_property *p)
{
	const struct form_type	*t;

	if (p->type == NULL || (t = form_type_named(p->type)) == NULL ||
	    t->sql_type == NULL || strcmp(t->sql_type, "TEXT") == 0)
		return NULL;
	return t->sql_type;
}

/* CREATE VIEW for the cases of a case type, each property typed as its
 * field type says. */
static char *
views_case_sql(const struct case_type *ct)
{
	struct buf	 b;
	const char	*cast;
	char		*name;
	size_t		 i;

	buf_init(&b);
	name = xasprintf("case_%s", ct->id);
	buf_adds(&b, "CREATE VIEW ");
	views_ident(&b, name);
	free(name);
	buf_adds(&b, " AS SELECT k.id AS _case, (SELECT c.author FROM change c "
	    "WHERE c.record = k.id ORDER BY c.hlc, c.device, c.seq LIMIT 1) "
	    "AS _author, strftime('%Y-%m-%dT%H:%M:%SZ', (k.created >> 16) / "
	    "1000, 'unixepoch') AS _created, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', (k.updated >> 16) / 1000, "
	    "'unixepoch') AS _updated, k.closed AS _closed, "
	    "date(k.next_due * 86400, 'unixepoch') AS _next_due");
	for (i = 0; i < ct->nprops; i++) {
		cast = views_prop_type(&ct->props[i]);
		buf_adds(&b, cast != NULL ? ", CAST(NULLIF(" : ", ");
		buf_adds(&b, "(SELECT v.value FROM field v WHERE "
		    "v.record = k.id AND v.path = ");
		views_literal(&b, ct->props[i].id);
		buf_adds(&b, ")");
		if (cast != NULL)
			buf_addf(&b, ", '') AS %s)", cast);
		buf_adds(&b, " AS ");
		views_ident(&b, ct->props[i].id);
	}
	buf_adds(&b, " FROM kase k WHERE k.type = ");
	views_literal(&b, ct->id);
	return buf_detach(&b);
}

/* Runs sql, reporting failure as -1 with *cause. */
static int
views_run(struct store *st, const char *sql, char **cause)
{
	int	rc;

	if ((rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(st, rc, cause);
	return 0;
}

/* What the views are made from: each form's id and version, each case
 * type's id and properties.  Forms raise their version on every change. */
static char *
views_signature(const struct form_pack *pack)
{
	struct buf	b;
	size_t		i, k;

	buf_init(&b);
	for (i = 0; i < pack->nforms; i++)
		buf_addf(&b, "%s:%d;", pack->forms[i]->id,
		    pack->forms[i]->version);
	for (i = 0; i < pack->ncase_types; i++) {
		buf_addf(&b, "%s(", pack->case_types[i]->id);
		for (k = 0; k < pack->case_types[i]->nprops; k++)
			buf_addf(&b, "%s,", pack->case_types[i]->props[k].id);
		buf_adds(&b, ");");
	}
	return buf_detach(&b);
}

void
store_views_ensure(struct store *st, const struct form_pack *pack)
{
	char	*sig, *old, *cause = NULL;

	sig = views_signature(pack);
	old = store_meta_get(st, "views");
	if (old == NULL || strcmp(old, sig) != 0) {
		if (store_export_views(st, pack, NULL, &cause) == -1)
			free(cause);
	}
	free(old);
	free(sig);
}

int
store_export_views(struct store *st, const struct form_pack *pack,
    size_t *nviews, char **cause)
{
	sqlite3_stmt		 *s;
	struct export_layout	  l;
	char			**old = NULL, *sql, *drop, *sig;
	size_t			  nold = 0, i, k, n = 0;
	int			  rc;

	if (nviews != NULL)
		*nviews = 0;
	if (st->readonly)
		return store_fail(st, SQLITE_READONLY, cause);
	if (views_run(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	rc = sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master "
	    "WHERE type = 'view' AND (name GLOB 'form_*' OR "
	    "name GLOB 'case_*')", -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		old = xreallocarray(old, nold + 1, sizeof *old);
		old[nold++] = store_col(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	for (i = 0; i < nold; i++) {
		struct buf	b;

		buf_init(&b);
		buf_adds(&b, "DROP VIEW ");
		views_ident(&b, old[i]);
		drop = buf_detach(&b);
		rc = sqlite3_exec(st->db, drop, NULL, NULL, NULL);
		free(drop);
		if (rc != SQLITE_OK)
			goto fail;
	}
	for (i = 0; i < pack->nforms; i++) {
		export_layout(pack->forms[i], &l);
		for (k = 0; k < l.n; k++) {
			sql = views_table_sql(pack, &l, k);
			rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
			free(sql);
			if (rc != SQLITE_OK)
				break;
			n++;
		}
		export_layout_free(&l);
		if (rc != SQLITE_OK)
			goto fail;
	}
	for (i = 0; i < pack->ncase_types; i++) {
		sql = views_case_sql(pack->case_types[i]);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
		n++;
	}
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
	sig = views_signature(pack);
	rc = store_meta_set(st, "views", sig, cause);
	free(sig);
	if (rc == -1) {
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (views_run(st, "COMMIT", cause) == -1) {
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (nviews != NULL)
		*nviews = n;
	return 0;
fail:
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
	store_fail(st, rc, cause);
	(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
