/*
 * store-case.c: cases.  A case is the set of changes whose record is the
 * case id: "@case" holds its type, "@closed" is set when a closing form
 * closed it, and every other path is a case property written by a form's
 * save_to.  They merge like any field (heads, winner, conflicts).
 *
 * Case ids are made offline: PREFIX-NNNN-C, where PREFIX is four
 * characters from the device id, NNNN this store's counter (more digits
 * past 9999) and C a Luhn mod 32 check character over the other
 * characters, which catches every single mistyped character and most
 * swaps of neighbours.
 *
 * Its next follow-up (kase.next_due) is the earliest visit or date not
 * done that store-due.c finds; a closed case has none.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

static const char case_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The value of an id character in the alphabet, or -1. */
static int
case_code(char c)
{
	const char	*p;

	c = (char)toupper((unsigned char)c);
	if (c == '\0' || (p = strchr(case_alphabet, c)) == NULL)
		return -1;
	return (int)(p - case_alphabet);
}

/* Luhn mod 32 over the alphabet characters of s (dashes skipped); with
 * `check` the last character is the check character and the sum is 0. */
static int
case_luhn(const char *s, bool check)
{
	int	factor = check ? 1 : 2, sum = 0, code, addend;
	size_t	i;

	for (i = strlen(s); i > 0; i--) {
		if (s[i - 1] == '-')
			continue;
		if ((code = case_code(s[i - 1])) == -1)
			return -1;
		addend = factor * code;
		factor = factor == 2 ? 1 : 2;
		sum += addend / 32 + addend % 32;
	}
	return sum % 32;
}

/* A new case id from this store's prefix and counter (caller frees). */
char *
store_new_case_id(struct store *st)
{
	char	*body, *id;
	int	 r;

	body = xasprintf("%s-%04" PRId64, st->prefix, ++st->case_counter);
	r = case_luhn(body, false);
	id = xasprintf("%s-%c", body, case_alphabet[(32 - r) % 32]);
	free(body);
	return id;
}

/* True when id is PPPP-NNNN-C with a right check character. */
bool
store_case_id_valid(const char *id)
{
	size_t	i, len = strlen(id), digits;

	if (len < 11)
		return false;
	for (i = 0; i < 4; i++) {
		if (case_code(id[i]) == -1)
			return false;
	}
	if (id[4] != '-')
		return false;
	digits = strspn(id + 5, "0123456789");
	if (digits < 4 || id[5 + digits] != '-' || len != 5 + digits + 2)
		return false;
	return case_luhn(id, true) == 0;
}

/* Frees what a case row holds. */
void
case_row_free(struct case_row *r)
{
	size_t	i;

	if (r == NULL)
		return;
	free(r->id);
	free(r->type);
	free(r->name);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->next_due);
	memset(r, 0, sizeof *r);
}

/* The winning value of a case property, or NULL (caller frees); an
 * error reading it counts as no value. */
static char *
case_prop(struct store *st, const char *case_id, const char *prop)
{
	char	*v, *cause = NULL;

	if (store_field_value(st, case_id, prop, &v, &cause) == -1) {
		free(cause);
		return NULL;
	}
	return v;
}

/*
 * One pass over a case's changes: the winners are its properties, into
 * props (tombstones left out), the first and last times its creation and
 * update.
 */
static int
case_read_changes(struct store *st, const char *case_id,
    struct answers *props, int64_t *created, int64_t *updated, char **cause)
{
	sqlite3_stmt	*s;
	int64_t		 n;
	size_t		 i;
	int		 rc;

	*created = *updated = 0;
	s = store_stmt(st, "SELECT path, value, head > 0, hlc FROM change "
	    "WHERE record = ? ORDER BY path");
	store_bind(s, 1, case_id);
	for (i = 0; (rc = sqlite3_step(s)) == SQLITE_ROW; i++) {
		if (sqlite3_column_int(s, 2) &&
		    sqlite3_column_type(s, 1) != SQLITE_NULL)
			answers_set(props,
			    (const char *)sqlite3_column_text(s, 0),
			    (const char *)sqlite3_column_text(s, 1));
		n = sqlite3_column_int64(s, 3);
		if (i == 0 || n < *created)
			*created = n;
		if (i == 0 || n > *updated)
			*updated = n;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Writes the case's row in kase, with its next follow-up (cn). */
static int
case_write_row(struct store *st, const char *case_id,
    const struct due_next *cn, const char *type, bool closed,
    int64_t created, int64_t updated, char **cause)
{
	sqlite3_stmt		*s;
	int			 rc;

	s = store_stmt(st, "INSERT INTO kase(id, type, created, updated, "
	    "closed, next_due, overdue_from) VALUES(?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT(id) DO UPDATE SET type = excluded.type, "
	    "created = excluded.created, updated = excluded.updated, "
	    "closed = excluded.closed, next_due = excluded.next_due, "
	    "overdue_from = excluded.overdue_from");
	store_bind(s, 1, case_id);
	store_bind(s, 2, type);
	sqlite3_bind_int64(s, 3, created);
	sqlite3_bind_int64(s, 4, updated);
	sqlite3_bind_int(s, 5, closed);
	if (cn->have) {
		sqlite3_bind_int64(s, 6, cn->due);
		sqlite3_bind_int64(s, 7, cn->overdue_from);
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}


/*
 * Adds a searched value to a case's search text, and when it is not ASCII
 * its folding by str_fold as well: FTS5's unicode61 tokenizer (with
 * remove_diacritics 2) drops accents but keeps letters such as ø, ł, đ, æ
 * and ß, which the choice filter folds to o, l, d, a and s, so with both
 * forms indexed (and both asked for, case_fts_query) "ignoring accents"
 * finds the same names in the case search as in a choice filter.
 */
static void
case_search_value(struct buf *text, const char *v)
{
	char	*folded;

	buf_addc(text, ' ');
	buf_adds(text, v);
	if (!utf8_is_ascii(v, strlen(v))) {
		folded = str_fold(v);
		buf_addc(text, ' ');
		buf_adds(text, folded);
		free(folded);
	}
}
/* Appends the case's search text to b: the id, then the searched
 * properties (every property when the pack does not know the type). */
static void
case_search_text(const struct case_type *ct, const char *case_id,
    const struct answers *props, struct buf *b)
{
	const char	*extra[2], *name, *pv, *done[32];
	size_t		 i, k, ndone = 0;

	buf_adds(b, case_id);
	if (ct == NULL) {
		for (i = 0; i < props->n; i++) {
			if (props->v[i].path[0] == '@')
				continue;
			case_search_value(b, props->v[i].value);
		}
		return;
	}
	extra[0] = ct->name_property;
	extra[1] = "phone";
	for (i = 0; i < ct->nsearch + 2; i++) {
		name = i < ct->nsearch ? ct->search[i] : extra[i - ct->nsearch];
		for (k = 0; k < ndone; k++) {
			if (strcmp(done[k], name) == 0)
				break;
		}
		if (k < ndone)
			continue;	/* each property once */
		if (ndone < nitems(done))
			done[ndone++] = name;
		if ((pv = answers_get(props, name)) != NULL)
			case_search_value(b, pv);
	}
}

/* Replaces the case's entry in case_search (rowid: its kase.n) with text
 * and its tags. */
static int
case_write_search(struct store *st, const char *case_id, const char *text,
    bool closed, const char *type, char **cause)
{
	sqlite3_stmt	*s;
	char		*tags;
	int64_t		 n;
	int		 rc;

	s = store_stmt(st, "SELECT n FROM kase WHERE id = ?");
	store_bind(s, 1, case_id);
	n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	tags = xasprintf("state %s type %s", closed ? "closed" : "open",
	    type != NULL ? type : "");
	s = store_stmt(st, "DELETE FROM case_search WHERE rowid = ?");
	sqlite3_bind_int64(s, 1, n);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		s = store_stmt(st, "INSERT INTO case_search(rowid, text, tags) "
		    "VALUES(?, ?, ?)");
		sqlite3_bind_int64(s, 1, n);
		store_bind(s, 2, text);
		store_bind(s, 3, tags);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	free(tags);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Recomputes a case's row, due items, next follow-up and search entry. */
int
store_refresh_case(struct store *st, const char *case_id, char **cause)
{
	const struct case_type	*ct = NULL;
	const char		*type, *closed;
	struct answers		 props;
	struct buf		 text;
	struct due_next		 cn;
	int64_t			 created, updated;
	int			 rc;

	answers_init(&props);
	if (case_read_changes(st, case_id, &props, &created, &updated,
	    cause) != 0) {
		answers_free(&props);
		return -1;
	}
	type = answers_get(&props, "@case");
	closed = answers_get(&props, "@closed");
	if (st->pack != NULL && type != NULL)
		ct = form_pack_case_type(st->pack, type);
	rc = store_due_refresh(st, case_id, ct, &props, closed != NULL, &cn,
	    cause);
	if (rc == 0)
		rc = case_write_row(st, case_id, &cn, type, closed != NULL,
		    created, updated, cause);
	if (rc == 0) {
		buf_init(&text);
		case_search_text(ct, case_id, &props, &text);
		rc = case_write_search(st, case_id, text.s != NULL ? text.s :
		    "", closed != NULL, type, cause);
		buf_free(&text);
	}
	answers_free(&props);
	return rc;
}

/*
 * The FTS5 query for a case query: every word typed is a prefix in the
 * text column, all of them required; the state and type are phrases of the
 * tags column.  NULL when there is nothing to match (caller frees).
 */
static char *
case_fts_query(const struct case_query *q)
{
	struct buf	 b;
	const char	*p, *end, *c;
	char		*word_s, *folded;
	bool		 word;

	buf_init(&b);
	for (p = q->search != NULL ? q->search : ""; *p != '\0'; p = end) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, " \t");
		if (end == p)
			break;
		word = false;
		for (c = p; c < end; c++) {
			if (isalnum((unsigned char)*c) || (*c & 0x80))
				word = true;
		}
		if (!word)
			continue;
		if (b.len > 0)
			buf_adds(&b, " AND ");
		buf_adds(&b, "text : (\"");
		str_escape(&b, p, (size_t)(end - p), ESCAPE_QUOTES);
		buf_adds(&b, "\"*");
		if (!utf8_is_ascii(p, (size_t)(end - p))) {
			/* The word as the choice filter folds it too. */
			word_s = xstrndup(p, (size_t)(end - p));
			folded = str_fold(word_s);
			buf_adds(&b, " OR \"");
			str_escape(&b, folded, strlen(folded), ESCAPE_QUOTES);
			buf_adds(&b, "\"*");
			free(folded);
			free(word_s);
		}
		buf_adds(&b, ")");
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	if (q->closed >= 0)
		buf_addf(&b, " AND tags : \"state %s\"",
		    q->closed ? "closed" : "open");
	if (q->type != NULL) {
		buf_adds(&b, " AND tags : \"type ");
		str_escape(&b, q->type, strlen(q->type), ESCAPE_QUOTES);
		buf_adds(&b, "\"");
	}
	return buf_detach(&b);
}

/* Fills a row's name, columns and follow-up from the pack. */
static void
case_fill_row(struct store *st, struct case_row *r, sqlite3_stmt *s)
{
	const struct case_type	*ct = NULL;
	char			 buf[16], *cause = NULL;
	long			 today = expr_today();
	size_t			 i;

	r->id = store_col(s, 0);
	r->type = store_col(s, 1);
	r->closed = sqlite3_column_int(s, 2) != 0;
	if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
		expr_format_date((long)sqlite3_column_int64(s, 3), buf,
		    sizeof buf);
		r->next_due = xstrdup(buf);
		r->overdue = today >= sqlite3_column_int64(s, 4);
	}
	if (st->pack != NULL && r->type != NULL)
		ct = form_pack_case_type(st->pack, r->type);
	r->name = ct != NULL ? case_prop(st, r->id, ct->name_property) : NULL;
	if (r->name == NULL && store_case_erased(st, r->id, &cause) == 1)
		r->name = xstrdup(_("(erased)"));	/* errors: no name */
	free(cause);
	if (ct == NULL)
		return;
	if (ct->ncolumns > 0) {
		r->cols = xcalloc(ct->ncolumns, sizeof *r->cols);
		r->ncols = ct->ncolumns;
		for (i = 0; i < ct->ncolumns; i++)
			r->cols[i] = case_prop(st, r->id, ct->columns[i]);
	}
}

/* Binds what a case query filters on: type (?1), closed (?2), for due
 * follow-ups only, today (?3), and the owner (?7). */
static void
case_query_bind(sqlite3_stmt *s, const struct case_query *q)
{
	store_bind(s, 1, q->type);
	sqlite3_bind_int(s, 2, q->closed);
	if (q->due_only)
		sqlite3_bind_int64(s, 3, expr_today());
	store_bind(s, 7, q->owner);
}

/* The owner filter (?7) of the case queries on table T. */
#define CASE_OWNER(T) "(?7 IS NULL OR " STORE_OWNER_OF(T ".id") " = ?7)"

/* Lists cases (see store.h). */
int
store_cases(struct store *st, const struct case_query *q,
    struct case_row **out, size_t *n, size_t *total, char **cause)
{
	sqlite3_stmt	*s;
	char		*fts;
	int		 rc;
	int64_t		 limit;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	fts = case_fts_query(q);
	limit = q->limit > 0 ? (int64_t)q->limit : -1;
	/* Newest first: by arrival in this store (kase.n, the FTS rowid),
	 * which both FTS5 and the table give in order without sorting. */
	if (fts == NULL)
		s = store_stmt(st, "SELECT id, type, closed, next_due, "
		    "overdue_from FROM kase WHERE type IS NOT NULL AND "
		    "(?1 IS NULL OR type = ?1) AND (?2 < 0 OR closed = ?2) "
		    "AND (?3 IS NULL OR next_due <= ?3) AND " CASE_OWNER("kase")
		    " ORDER BY n DESC LIMIT ?4 OFFSET ?5");
	else {
		s = store_stmt(st, "SELECT k.id, k.type, k.closed, "
		    "k.next_due, k.overdue_from FROM case_search f "
		    "JOIN kase k ON k.n = f.rowid WHERE case_search MATCH ?6 "
		    "AND k.type IS NOT NULL AND (?3 IS NULL OR "
		    "k.next_due <= ?3) AND ?1 IS ?1 AND ?2 IS ?2 AND "
		    CASE_OWNER("k") " ORDER BY f.rowid DESC LIMIT ?4 OFFSET ?5");
		store_bind(s, 6, fts);
	}
	case_query_bind(s, q);
	sqlite3_bind_int64(s, 4, limit);
	sqlite3_bind_int64(s, 5, (int64_t)q->offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		case_fill_row(st, &(*out)[(*n)++], s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(fts);
		return store_fail(st, rc, cause);
	}
	if (total != NULL) {
		if (fts == NULL)
			s = store_stmt(st, "SELECT count(*) FROM kase WHERE "
			    "type IS NOT NULL AND (?1 IS NULL OR type = ?1) "
			    "AND (?2 < 0 OR closed = ?2) AND "
			    "(?3 IS NULL OR next_due <= ?3) AND " CASE_OWNER("kase"));
		else if (!q->due_only && q->owner == NULL) {
			s = store_stmt(st, "SELECT count(*) FROM case_search "
			    "WHERE case_search MATCH ?4 AND ?1 IS ?1 AND "
			    "?2 IS ?2 AND ?3 IS ?3");
			store_bind(s, 4, fts);
		} else {
			s = store_stmt(st, "SELECT count(*) FROM case_search f "
			    "JOIN kase k ON k.n = f.rowid WHERE "
			    "case_search MATCH ?4 AND k.type IS NOT NULL AND "
			    "?1 IS ?1 AND ?2 IS ?2 AND (?3 IS NULL OR "
			    "k.next_due <= ?3) AND " CASE_OWNER("k"));
			store_bind(s, 4, fts);
		}
		case_query_bind(s, q);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			*total = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW) {
			free(fts);
			return store_fail(st, rc, cause);
		}
	}
	free(fts);
	return 0;
}

/* A case's row and properties (see store.h). */
int
store_case_props(struct store *st, const char *case_id, struct case_row *r,
    struct answers *props, char **cause)
{
	struct case_row	 own;
	sqlite3_stmt	*s;
	int		 rc;

	if (r == NULL) {
		rc = store_case_props(st, case_id, &own, props, cause);
		if (rc == 0)
			case_row_free(&own);
		return rc;
	}

	memset(r, 0, sizeof *r);
	s = store_stmt(st, "SELECT id, type, closed, next_due, overdue_from "
	    "FROM kase WHERE id = ? AND type IS NOT NULL");
	store_bind(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->id = store_col(s, 0);
		r->type = store_col(s, 1);
		r->closed = sqlite3_column_int(s, 2) != 0;
		if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
			char	buf[16];

			expr_format_date((long)sqlite3_column_int64(s, 3),
			    buf, sizeof buf);
			r->next_due = xstrdup(buf);
			r->overdue = expr_today() >=
			    sqlite3_column_int64(s, 4);
		}
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		*cause = xasprintf(_("no case '%s'"), case_id);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	if (st->pack != NULL) {
		const struct case_type	*ct;
		size_t			 i;

		ct = form_pack_case_type(st->pack, r->type);
		if (ct != NULL) {
			r->name = case_prop(st, r->id, ct->name_property);
			if (ct->ncolumns > 0) {
				r->cols = xcalloc(ct->ncolumns,
				    sizeof *r->cols);
				r->ncols = ct->ncolumns;
				for (i = 0; i < ct->ncolumns; i++)
					r->cols[i] = case_prop(st, r->id,
					    ct->columns[i]);
			}
		}
	}
	s = store_stmt(st, "SELECT path, value FROM field WHERE record = ? "
	    "AND value IS NOT NULL AND substr(path, 1, 1) != '@'");
	store_bind(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		answers_set(props, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		case_row_free(r);
		return store_fail(st, rc, cause);
	}
	return 0;
}

/* A case's records, oldest first. */
int
store_case_records(struct store *st, const char *case_id,
    struct record_info **out, size_t *n, char **cause)
{
	sqlite3_stmt		*s;
	struct record_info	*ri;
	char			 buf[32];
	int			 rc;

	*out = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT id, form, form_version, author, created, "
	    "updated, deleted, conflict FROM record WHERE case_id = ? "
	    "ORDER BY created, id");
	store_bind(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		ri = &(*out)[(*n)++];
		memset(ri, 0, sizeof *ri);
		ri->id = store_col(s, 0);
		ri->form = store_col(s, 1);
		ri->form_version = sqlite3_column_int(s, 2);
		ri->case_id = xstrdup(case_id);
		ri->author = store_col(s, 3);
		store_hlc_time(sqlite3_column_int64(s, 4), buf, sizeof buf);
		ri->created = xstrdup(buf);
		store_hlc_time(sqlite3_column_int64(s, 5), buf, sizeof buf);
		ri->updated = xstrdup(buf);
		ri->deleted = sqlite3_column_int(s, 6) != 0;
		ri->conflict = sqlite3_column_int(s, 7) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}
