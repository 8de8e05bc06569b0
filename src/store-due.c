/*
 * store-due.c: what falls due in a case, from its schedules (schedule.h)
 * and the dates of its records with `due:` (onward-forms(5)), kept in
 * due_item whenever the case is refreshed: every visit not done yet and
 * every date not yet done by its form, with the case's name, type and
 * worker, so that the work list of every case is one indexed query.
 * Which of them is due, late or missed follows from today when read.
 * Done visits and extras are not kept: the case page computes the whole
 * schedule of one case afresh.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* A live record of the case: its form, when it was made, its date. */
struct due_rec {
	char	*id;
	char	*form;
	int64_t	 created;
	long	 date;
};

/* What due_compute hands on. */
typedef void	(*due_emit)(void *, const struct due_row *);

/* Frees what a due row holds. */
void
due_row_free(struct due_row *r)
{
	if (r == NULL)
		return;
	free(r->case_id);
	free(r->name);
	free(r->worker);
	free(r->type);
	free(r->item);
	free(r->form);
	free(r->record);
	memset(r, 0, sizeof *r);
}

/* Who the case is with (see store.h): its owner (store-owner.c: the
 * account that registered it, until it is assigned). */
char *
store_case_worker(struct store *st, const char *case_id)
{
	return store_case_owner(st, case_id);
}

/* The day (since 1970) of an hlc. */
static long
due_hlc_day(int64_t hlc)
{
	return (long)((hlc >> 16) / 1000 / 86400);
}

/* The question that dates a record of f: form_date_field, else its first
 * date question outside groups and repeats; NULL when none. */
static const struct field *
due_date_field(const struct form *f)
{
	const struct field	*fl;
	size_t			 i;

	if ((fl = form_date_field(f)) != NULL)
		return fl;
	for (i = 0; i < f->ntop; i++) {
		if (f->top[i]->type == FT_DATE)
			return f->top[i];
	}
	return NULL;
}

/* The live records of a case, each dated by its form's date question
 * (due_date_field) or else by the day it was made. */
static int
due_records(struct store *st, const char *case_id, struct due_rec **out,
    size_t *n, char **cause)
{
	const struct form	*f;
	const struct field	*df;
	struct due_rec		*r;
	sqlite3_stmt		*s;
	char			*v, *why = NULL;
	size_t			 i;
	int			 rc;

	*out = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT id, form, created FROM record WHERE "
	    "case_id = ? AND deleted = 0 ORDER BY created, id");
	store_bind(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->id = store_col(s, 0);
		r->form = store_col(s, 1);
		r->created = sqlite3_column_int64(s, 2);
		r->date = due_hlc_day(r->created);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	for (i = 0; i < *n; i++) {
		r = &(*out)[i];
		if ((f = form_pack_find(st->pack, r->form)) == NULL ||
		    (df = due_date_field(f)) == NULL)
			continue;
		v = NULL;
		if (store_field_value(st, r->id, df->id, &v, &why) == -1) {
			free(why);
			why = NULL;
		} else if (v != NULL)
			(void)expr_parse_date(v, &r->date);
		free(v);
	}
	return 0;
}

/* Frees n records. */
static void
due_records_free(struct due_rec *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].form);
	}
	free(v);
}

/* The case's facts due_compute reads. */
struct due_case {
	const char		*id;
	const struct case_type	*ct;
	const struct answers	*props;
	bool			 closed;
	struct due_rec		*recs;
	size_t			 nrecs;
	long			 today;
	bool			 all;	/* done and extra too (case page) */
};

/* Emits the lines of schedule sc of the case. */
static void
due_schedule(const struct due_case *dc, const struct schedule *sc,
    due_emit emit, void *arg)
{
	struct visit_rec	*vr;
	struct visit		*v;
	struct due_row		 r;
	size_t			 i, nv, nvr = 0;
	long			 start;
	bool			 open;

	memset(&r, 0, sizeof r);
	r.kind = DUE_VISIT;
	r.item = sc->id;
	r.form = sc->form;
	if (!schedule_start(sc, dc->props, &start)) {
		r.kind = DUE_NO_START;
		if (dc->all)
			emit(arg, &r);
		return;
	}
	open = !dc->closed && schedule_applies(sc, dc->props);
	if (!open && dc->all && !dc->closed) {
		r.kind = DUE_NOT_APPLYING;
		emit(arg, &r);
		r.kind = DUE_VISIT;
	}
	vr = xcalloc(dc->nrecs + 1, sizeof *vr);
	for (i = 0; i < dc->nrecs; i++) {
		if (strcmp(dc->recs[i].form, sc->form) != 0)
			continue;
		vr[nvr].id = dc->recs[i].id;
		vr[nvr++].date = dc->recs[i].date;
	}
	nv = schedule_visits(sc, start, open, vr, nvr, dc->today, &v);
	for (i = 0; i < nv; i++) {
		if (!dc->all && (v[i].state == VISIT_DONE ||
		    v[i].state == VISIT_EXTRA))
			continue;
		r.day = v[i].day;
		r.record = (char *)(uintptr_t)v[i].record;
		expr_format_date(v[i].lo, r.lo, sizeof r.lo);
		expr_format_date(v[i].target, r.target, sizeof r.target);
		expr_format_date(v[i].hi, r.hi, sizeof r.hi);
		r.state = v[i].state;
		r.late = dc->today > v[i].target ?
		    (int)(dc->today - v[i].target) : 0;
		emit(arg, &r);
	}
	free(v);
	free(vr);
}

/* Whether a record of form done_by, made after record k, is in the case. */
static bool
due_done(const struct due_case *dc, size_t k, const char *done_by)
{
	size_t	i;

	for (i = 0; i < dc->nrecs; i++) {
		if (i != k && dc->recs[i].created > dc->recs[k].created &&
		    strcmp(dc->recs[i].form, done_by) == 0)
			return true;
	}
	return false;
}

/* Emits the dates due of record k of the case. */
static void
due_dates(struct store *st, const struct due_case *dc, size_t k,
    due_emit emit, void *arg)
{
	const struct form	*f;
	const struct field	*fl;
	struct due_row		 r;
	char			*v, *why = NULL;
	size_t			 i;
	long			 date;
	bool			 done;

	if ((f = form_pack_find(st->pack, dc->recs[k].form)) == NULL)
		return;
	for (i = 0; i < f->nfields; i++) {
		if ((fl = f->fields[i])->due == NULL)
			continue;
		v = NULL;
		if (store_field_value(st, dc->recs[k].id, fl->id, &v,
		    &why) == -1) {
			free(why);
			why = NULL;
			continue;
		}
		if (v == NULL || !expr_parse_date(v, &date)) {
			free(v);
			continue;
		}
		free(v);
		done = due_done(dc, k, fl->due->done_by);
		if ((done && !dc->all) || (!done && dc->closed))
			continue;
		memset(&r, 0, sizeof r);
		r.kind = DUE_DATE;
		r.item = xasprintf("%s.%s", f->id, fl->id);
		r.form = fl->due->done_by;
		r.record = dc->recs[k].id;
		expr_format_date(date, r.lo, sizeof r.lo);
		expr_format_date(date, r.target, sizeof r.target);
		r.state = done ? VISIT_DONE : visit_state_at(date, date,
		    LONG_MAX, dc->today);
		r.late = dc->today > date ? (int)(dc->today - date) : 0;
		emit(arg, &r);
		free(r.item);
	}
}

/* Emits every line of the case's schedules and dates. */
static void
due_compute(struct store *st, const struct due_case *dc, due_emit emit,
    void *arg)
{
	size_t	i;

	if (dc->ct == NULL || answers_get(dc->props, "@erased") != NULL)
		return;
	for (i = 0; i < dc->ct->nschedules; i++)
		due_schedule(dc, &dc->ct->schedules[i], emit, arg);
	for (i = 0; i < dc->nrecs; i++)
		due_dates(st, dc, i, emit, arg);
}

/* What due_keep gathers while writing a case's rows. */
struct due_keep {
	struct store	*st;
	const char	*case_id;
	const char	*type;
	char		*name;
	char		*worker;
	int		 n;
	int		 rc;
	struct due_next	*next;
};

/* due_compute callback: writes a row not done into due_item and keeps
 * the earliest. */
static void
due_keep_fn(void *arg, const struct due_row *r)
{
	struct due_keep	*k = arg;
	sqlite3_stmt	*s;
	long		 target, hi;

	if (k->rc != SQLITE_DONE || !expr_parse_date(r->target, &target))
		return;
	hi = r->kind == DUE_VISIT && expr_parse_date(r->hi, &hi) ? hi : -1;
	s = store_stmt(k->st, "INSERT INTO due_item(case_id, n, kind, item, "
	    "day, form, record, lo, target, hi, name, worker, type) "
	    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	store_bind(s, 1, k->case_id);
	sqlite3_bind_int(s, 2, k->n++);
	sqlite3_bind_int(s, 3, r->kind);
	store_bind(s, 4, r->item);
	sqlite3_bind_int(s, 5, r->day);
	store_bind(s, 6, r->form);
	store_bind(s, 7, r->kind == DUE_DATE ? r->record : NULL);
	if (expr_parse_date(r->lo, &target))
		sqlite3_bind_int64(s, 8, target);
	(void)expr_parse_date(r->target, &target);
	sqlite3_bind_int64(s, 9, target);
	if (hi >= 0)
		sqlite3_bind_int64(s, 10, hi);
	store_bind(s, 11, k->name);
	store_bind(s, 12, k->worker);
	store_bind(s, 13, k->type);
	k->rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (!k->next->have || target < k->next->due) {
		k->next->have = true;
		k->next->due = target;
		k->next->overdue_from = (hi >= 0 ? hi : target) + 1;
	}
}

/* Writes the case's rows of due_item (see store-int.h). */
int
store_due_refresh(struct store *st, const char *case_id,
    const struct case_type *ct, const struct answers *props, bool closed,
    struct due_next *next, char **cause)
{
	struct due_case	 dc;
	struct due_keep	 k;
	sqlite3_stmt	*s;
	int		 rc;

	memset(next, 0, sizeof *next);
	s = store_stmt(st, "DELETE FROM due_item WHERE case_id = ?");
	store_bind(s, 1, case_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	if (ct == NULL || st->pack == NULL || closed)
		return 0;
	memset(&dc, 0, sizeof dc);
	dc.id = case_id;
	dc.ct = ct;
	dc.props = props;
	dc.closed = closed;
	dc.today = expr_today();
	if (due_records(st, case_id, &dc.recs, &dc.nrecs, cause) == -1)
		return -1;
	memset(&k, 0, sizeof k);
	k.st = st;
	k.case_id = case_id;
	k.type = ct->id;
	if (answers_get(props, ct->name_property) != NULL)
		k.name = xstrdup(answers_get(props, ct->name_property));
	k.worker = store_case_worker(st, case_id);
	k.rc = SQLITE_DONE;
	k.next = next;
	due_compute(st, &dc, due_keep_fn, &k);
	due_records_free(dc.recs, dc.nrecs);
	free(k.name);
	free(k.worker);
	if (k.rc != SQLITE_DONE)
		return store_fail(st, k.rc, cause);
	return 0;
}

/* Makes the rows of every case (see store-int.h). */
int
store_due_fill(struct store *st, char **cause)
{
	sqlite3_stmt	 *s;
	char		**ids = NULL;
	size_t		  n = 0, i;
	int		  rc;

	if (st->pack == NULL)
		return 0;
	s = store_stmt(st, "SELECT id FROM kase WHERE type IS NOT NULL AND "
	    "closed = 0");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = store_col(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, cause);
	else
		rc = 0;
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = store_refresh_case(st, ids[i], cause);
		free(ids[i]);
	}
	free(ids);
	return rc;
}

/* The columns store_due reads (due_read_row), up to its WHERE. */
#define DUE_COLS "SELECT case_id, kind, item, day, form, record, lo, " \
	"target, hi, name, worker, type, n FROM due_item WHERE "

/* The state of a kept row, today. */
static enum visit_state
due_state(enum due_kind kind, long lo, long target, long hi, long today)
{
	return visit_state_at(lo, target, kind == DUE_DATE ? LONG_MAX : hi,
	    today);
}

/* Reads a row of due_item (the columns of store_due's query). */
static void
due_read_row(sqlite3_stmt *s, long today, struct due_row *r)
{
	long	lo, target, hi;

	memset(r, 0, sizeof *r);
	r->case_id = store_col(s, 0);
	r->kind = sqlite3_column_int(s, 1);
	r->item = store_col(s, 2);
	r->day = sqlite3_column_int(s, 3);
	r->form = store_col(s, 4);
	r->record = store_col(s, 5);
	lo = (long)sqlite3_column_int64(s, 6);
	target = (long)sqlite3_column_int64(s, 7);
	hi = sqlite3_column_type(s, 8) == SQLITE_NULL ? LONG_MAX :
	    (long)sqlite3_column_int64(s, 8);
	r->name = store_col(s, 9);
	r->worker = store_col(s, 10);
	r->type = store_col(s, 11);
	expr_format_date(lo, r->lo, sizeof r->lo);
	expr_format_date(target, r->target, sizeof r->target);
	if (hi != LONG_MAX)
		expr_format_date(hi, r->hi, sizeof r->hi);
	r->state = due_state(r->kind, lo, target, hi, today);
	r->late = today > target ? (int)(today - target) : 0;
}

/* The widest window of the pack's schedules, in days: a visit open today
 * opened at most that long ago, which bounds the index range read. */
static long
due_widest(const struct form_pack *pack)
{
	const struct schedule	*sc;
	long			 w = 0;
	size_t			 i, j;

	if (pack == NULL)
		return 1000000;
	for (i = 0; i < pack->ncase_types; i++) {
		for (j = 0; j < pack->case_types[i]->nschedules; j++) {
			sc = &pack->case_types[i]->schedules[j];
			if (sc->win_hi - sc->win_lo > w)
				w = sc->win_hi - sc->win_lo;
		}
	}
	return w;
}

/* The work list (see store.h).  Visits whose window is open are read
 * from the index on lo within the widest window (due_open), dates due
 * from their own (due_date), missed visits from the index on hi. */
int
store_due(struct store *st, const struct due_query *q, struct due_row **out,
    size_t *n, char **cause)
{
	static const char *const sql[] = {
		[DUE_TODAY] = "hi IS NOT NULL AND lo BETWEEN ?1 - ?4 AND ?1 "
		    "AND hi >= ?1 UNION ALL " DUE_COLS "hi IS NULL AND lo <= ?1",
		[DUE_WEEK] = "hi IS NOT NULL AND lo BETWEEN ?1 - ?4 AND ?1 + 7 "
		    "AND hi >= ?1 UNION ALL " DUE_COLS "hi IS NULL AND "
		    "lo <= ?1 + 7",
		[DUE_OVERDUE] = "hi IS NOT NULL AND lo BETWEEN ?1 - ?4 AND ?1 "
		    "AND hi >= ?1 AND target < ?1 UNION ALL " DUE_COLS
		    "hi IS NULL AND lo < ?1",
		[DUE_MISSED] = "hi < ?1 AND ?4 IS ?4",
	};
	static char	*stmt[nitems(sql)];
	sqlite3_stmt	*s;
	long		 today = expr_today();
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (stmt[q->filter] == NULL)
		stmt[q->filter] = xasprintf("SELECT * FROM (" DUE_COLS "%s) "
		    "WHERE (?2 IS NULL OR worker = ?2) AND (?3 IS NULL OR "
		    "type = ?3) ORDER BY target, name, case_id, n",
		    sql[q->filter]);
	s = store_stmt(st, stmt[q->filter]);
	sqlite3_bind_int64(s, 1, today);
	store_bind(s, 2, q->worker);
	store_bind(s, 3, q->type);
	sqlite3_bind_int64(s, 4, due_widest(st->pack));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		due_read_row(s, today, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* What due_list_fn gathers. */
struct due_list {
	struct due_row	**out;
	size_t		 *n;
	const char	 *case_id;
	const char	 *type;
};

/* due_compute callback: copies a row into the list. */
static void
due_list_fn(void *arg, const struct due_row *r)
{
	struct due_list	*l = arg;
	struct due_row	*c;

	*l->out = xreallocarray(*l->out, *l->n + 1, sizeof **l->out);
	c = &(*l->out)[(*l->n)++];
	*c = *r;
	c->case_id = xstrdup(l->case_id);
	c->name = c->worker = NULL;
	c->type = xstrdup(l->type);
	c->item = xstrdup(r->item != NULL ? r->item : "");
	c->form = xstrdup(r->form != NULL ? r->form : "");
	c->record = r->record != NULL ? xstrdup(r->record) : NULL;
}

/* A case's whole schedule (see store.h). */
int
store_case_schedule(struct store *st, const char *case_id,
    struct due_row **out, size_t *n, char **cause)
{
	struct due_case	 dc;
	struct due_list	 l;
	struct answers	 props;
	sqlite3_stmt	*s;
	char		*type = NULL;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st->pack == NULL)
		return 0;
	memset(&dc, 0, sizeof dc);
	answers_init(&props);
	s = store_stmt(st, "SELECT path, value FROM field WHERE record = ? "
	    "AND value IS NOT NULL");
	store_bind(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		answers_set(&props, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		answers_free(&props);
		return store_fail(st, rc, cause);
	}
	if (answers_get(&props, "@case") != NULL)
		type = xstrdup(answers_get(&props, "@case"));
	dc.ct = type != NULL ? form_pack_case_type(st->pack, type) : NULL;
	if (dc.ct != NULL &&
	    due_records(st, case_id, &dc.recs, &dc.nrecs, cause) == -1) {
		answers_free(&props);
		free(type);
		return -1;
	}
	dc.id = case_id;
	dc.props = &props;
	dc.closed = answers_get(&props, "@closed") != NULL;
	dc.today = expr_today();
	dc.all = true;
	l.out = out;
	l.n = n;
	l.case_id = case_id;
	l.type = type;
	due_compute(st, &dc, due_list_fn, &l);
	due_records_free(dc.recs, dc.nrecs);
	answers_free(&props);
	free(type);
	return 0;
}

/* The visit each record of form completes (see store.h). */
int
store_visit_days(struct store *st, const char *form,
    void (*fn)(void *, const char *, const char *, const char *, int),
    void *arg,
    char **cause)
{
	struct due_row	 *v;
	sqlite3_stmt	 *s;
	char		**ids = NULL;
	size_t		  n = 0, nv, i, k;
	int		  rc;

	/* Every case: one with no record of form may have missed it. */
	s = store_stmt(st, "SELECT id FROM kase WHERE type IS NOT NULL AND "
	    "?1 IS ?1");
	store_bind(s, 1, form);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = store_col(s, 0);
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, cause);
	for (i = 0; i < n; i++) {
		if (rc == 0 &&
		    (rc = store_case_schedule(st, ids[i], &v, &nv, cause)) == 0) {
			for (k = 0; k < nv; k++) {
				if (v[k].kind == DUE_VISIT &&
				    (v[k].state == VISIT_DONE ||
				    v[k].state == VISIT_MISSED) &&
				    strcmp(v[k].form, form) == 0)
					fn(arg, v[k].state == VISIT_DONE ?
					    v[k].record : NULL, ids[i],
					    v[k].item, v[k].day);
				due_row_free(&v[k]);
			}
			free(v);
		}
		free(ids[i]);
	}
	free(ids);
	return rc;
}

/* The schedule a row belongs to, or NULL. */
static const struct schedule *
due_find_schedule(const struct form_pack *pack, const struct due_row *r)
{
	const struct case_type	*ct;
	size_t			 i;

	if (pack == NULL || r->type == NULL ||
	    (ct = form_pack_case_type(pack, r->type)) == NULL)
		return NULL;
	for (i = 0; i < ct->nschedules; i++) {
		if (strcmp(ct->schedules[i].id, r->item) == 0)
			return &ct->schedules[i];
	}
	return NULL;
}

/* What a row is (see store.h). */
char *
due_row_label(const struct form_pack *pack, const struct due_row *r)
{
	const struct schedule	*sc;
	const struct form	*f;
	const struct field	*fl;
	const char		*what, *dot;
	char			*fid;

	if (r->kind == DUE_DATE) {
		dot = strchr(r->item, '.');
		fid = xstrndup(r->item, dot != NULL ?
		    (size_t)(dot - r->item) : strlen(r->item));
		f = pack != NULL ? form_pack_find(pack, fid) : NULL;
		free(fid);
		fl = f != NULL && dot != NULL ? form_find_field(f, dot + 1) :
		    NULL;
		if (fl != NULL && fl->due != NULL && fl->due->label[0] != '\0')
			return xstrdup(form_text(fl->due->label));
		return xstrdup(r->item);
	}
	sc = due_find_schedule(pack, r);
	f = pack != NULL ? form_pack_find(pack, r->form) : NULL;
	what = sc != NULL && sc->label != NULL ? form_text(sc->label) :
	    f != NULL ? form_text(f->title) : r->item;
	if (r->kind == DUE_NO_START)
		/* TRANSLATORS: a schedule whose start date is not known. */
		return xasprintf(_("%s: no schedule yet"), what);
	if (r->kind == DUE_NOT_APPLYING)
		return xasprintf(_("%s: does not apply now"), what);
	if (r->state == VISIT_EXTRA)
		/* TRANSLATORS: a visit outside the schedule's windows. */
		return xasprintf(_("%s, extra visit"), what);
	/* TRANSLATORS: "Follow-up visit, day 90": the visit due 90 days
	 * after the schedule starts. */
	return xasprintf(_("%s, day %d"), what, r->day);
}
