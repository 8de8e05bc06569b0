/*
 * report-rows.c: the rows indicators are evaluated on.  The cases come
 * first (their type, breakdown value and follow-ups), then, for each form
 * that indicators name, the order of its records within each case (which
 * makes ${_visit} and ${_day}) and its records, or the entries of a
 * repeat when an indicator counts those.  Each indicator of the form
 * evaluates its date range and `where` on the row; the row is added into
 * the figure at once (report-figures.c) or, when the indicator picks the
 * first or latest per case, kept until the walk ends.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "report.h"
#include "report-int.h"
#include "util.h"

/* Frees a struct rcase (for strmap_free). */
void
report_case_free(void *p)
{
	struct rcase	*c = p;

	free(c->type);
	free(c->group);
	free(c->author);
	free(c);
}

/* Frees a struct rrow (for strmap_free). */
void
report_row_free(void *p)
{
	struct rrow	*r = p;

	if (r == NULL)
		return;
	strvec_free(&r->lines);
	free(r->order);
	free(r->group);
	free(r);
}

/* Whether the record walked makes the visit of figure fi's window. */
static bool
report_in_window(struct rrun *rr, const struct indicator *ind)
{
	const char	*sc;
	intptr_t	 day;

	if (ind->schedule == NULL)
		return true;
	sc = strmap_get(&rr->vsched, rr->er->id);
	day = (intptr_t)strmap_get(&rr->days, rr->er->id);
	return sc != NULL && strcmp(sc, ind->schedule) == 0 &&
	    day - REPORT_DAY0 == ind->window;
}

/* expr lookup over the row being evaluated. */
static const char *
rrun_lookup(void *arg, const char *name)
{
	struct rrun		*rr = arg;
	const struct field	*f;
	const char		*v;

	if (strcmp(name, "_visit") == 0)
		return rr->visit;
	if (strcmp(name, "_day") == 0)
		return rr->day;
	if (strcmp(name, "_author") == 0)
		return rr->er->author;
	if ((f = form_find_field(rr->form, name)) == NULL)
		return NULL;
	buf_reset(&rr->path);
	if (field_repeat(f) != NULL) {
		if (*rr->prefix == '\0')
			return "";
		buf_adds(&rr->path, rr->prefix);
	}
	buf_adds(&rr->path, name);
	v = answers_get(rr->er->answers, rr->path.s);
	return v != NULL ? v : "";
}

/* expr lookup_all: every answer of a field in any repeat entry, or one
 * entry per instance of a repeat. */
static size_t
rrun_lookup_all(void *arg, const char *name, const char *const **values)
{
	struct rrun		*rr = arg;
	const struct answers	*a = rr->er->answers;
	const char		*p, *last;
	size_t			 i, nl = strlen(name);

	rr->nall = 0;
	for (i = 0; i < a->n; i++) {
		p = a->v[i].path;
		last = strrchr(p, '.');
		last = last != NULL ? last + 1 : p;
		if ((strcmp(last, name) == 0 && last != p) ||
		    (strncmp(last, name, nl) == 0 && last[nl] == '[')) {
			rr->all = xreallocarray(rr->all, rr->nall + 1,
			    sizeof *rr->all);
			rr->all[rr->nall++] = a->v[i].value;
		}
	}
	*values = rr->all;
	return rr->nall;
}

static bool
rrun_bool(struct rrun *rr, const struct expr *e)
{
	struct expr_env	env;

	if (e == NULL)
		return true;
	memset(&env, 0, sizeof env);
	env.arg = rr;
	env.lookup = rrun_lookup;
	env.lookup_all = rrun_lookup_all;
	env.today = expr_today();
	return expr_eval_bool(e, &env);
}

/* The answer of field f in the row, or NULL when empty. */
static const char *
rrun_answer(struct rrun *rr, const struct field *f)
{
	const char	*v;

	if (f == NULL)
		return NULL;
	v = rrun_lookup(rr, f->id);
	return v != NULL && *v != '\0' ? v : NULL;
}

/* Adds the space-separated words of s to the row's lines. */
static void
rrow_words(struct rrow *r, const char *s)
{
	size_t	n;

	while (s != NULL && *s != '\0') {
		s += strspn(s, " ");
		if ((n = strcspn(s, " ")) == 0)
			break;
		strvec_addn(&r->lines, s, n);
		s += n;
	}
}

/* The row's line of a split by month: YYYY-MM of its date, none when
 * it has none. */
static void
rrow_month(struct rrow *r, const char *date)
{
	if (strlen(date) >= 7 && date[4] == '-')
		strvec_addn(&r->lines, date, 7);
}

/* Evaluates indicator i (of figure fig) on the current row. */
static void
report_row(struct rrun *rr, size_t fi)
{
	struct report_figure	*fig = &rr->rep->v[fi];
	const struct indicator	*ind = fig->ind;
	const struct export_record *er = rr->er;
	struct rcase		*c = NULL;
	struct rrow		*r, *old;
	const char		*date, *v = NULL, *key;
	char			*end, *pk;
	double			 d;
	int			 cmp;

	date = rrun_answer(rr, ind->date);
	if (date == NULL)
		date = ind->date != NULL ? "" : er->created;
	if (rr->rep->from != NULL && strncmp(date, rr->rep->from, 10) < 0)
		return;
	if (rr->rep->to != NULL && strncmp(date, rr->rep->to, 10) > 0)
		return;
	if (!report_in_window(rr, ind) || !rrun_bool(rr, ind->where))
		return;
	r = xcalloc(1, sizeof *r);
	if (er->case_id != NULL)
		c = strmap_get(&rr->cases, er->case_id);
	if (rr->rep->by != NULL)
		r->group = xstrdup(rr->rep->by->author ? er->author :
		    c != NULL ? c->group : "");
	if (ind->kind == IND_SHARE)
		r->num = rrun_bool(rr, ind->numerator);
	if (ind->kind == IND_SHARES || ind->kind == IND_FUNNEL) {
		v = rrun_answer(rr, ind->field);
		r->have = v != NULL;
		rrow_words(r, v);
	} else {
		if (ind->split_author)
			rrow_words(r, er->author);
		else if (ind->split_month)
			rrow_month(r, date);
		else
			rrow_words(r, rrun_answer(rr, ind->split));
		if ((v = rrun_answer(rr, ind->field)) != NULL) {
			d = strtod(v, &end);
			if (*end == '\0' && isfinite(d)) {
				r->have = true;
				r->value = d;
			}
		}
	}
	if (ind->kind == IND_FUNNEL) {
		/* A case counts once at each step it reached. */
		key = er->case_id != NULL ? er->case_id : er->id;
		if (v != NULL) {
			pk = xasprintf("%s\x01%s", key, v);
			if (strmap_add(&rr->picks[fi], pk))
				report_fold(rr, fig, r);
			free(pk);
		}
		report_row_free(r);
		return;
	}
	if (ind->pick == PICK_ALL) {
		report_fold(rr, fig, r);
		report_row_free(r);
		return;
	}
	/* One row per case (or key value): the first or the latest. */
	key = ind->key != NULL ? rrun_answer(rr, ind->key) : er->case_id;
	if (key == NULL)
		key = er->id;
	r->order = xasprintf("%s\x01%s\x01%s", date, er->created, er->id);
	old = strmap_get(&rr->picks[fi], key);
	if (old != NULL) {
		cmp = strcmp(r->order, old->order);
		if ((ind->pick == PICK_FIRST && cmp >= 0) ||
		    (ind->pick == PICK_LATEST && cmp <= 0)) {
			report_row_free(r);
			return;
		}
		report_row_free(old);
	}
	strmap_put(&rr->picks[fi], key, r);
}

/* Walks the entries of a repeat at the top of the current record for
 * figure fi (nested repeats are not rows of indicators). */
static void
report_entries(struct rrun *rr, size_t fi, const struct field *repeat)
{
	char	**ids, *prefix;
	size_t	  n, i;

	n = record_instances(rr->er->answers, repeat, "", &ids);
	for (i = 0; i < n; i++) {
		prefix = xasprintf("%s[%s].", repeat->id, ids[i]);
		rr->prefix = prefix;
		report_row(rr, fi);
		free(prefix);
	}
	rr->prefix = "";
	record_free_ids(ids, n);
}

/* store_export_records: every indicator of the form being walked,
 * evaluated on a record (or on the entries of its repeat). */
int
report_load_record(void *arg, const struct export_record *er)
{
	struct rrun			*rr = arg;
	intptr_t			 visit, day;
	size_t				 i;

	rr->er = er;
	rr->prefix = "";
	rr->visit[0] = rr->day[0] = '\0';
	visit = (intptr_t)strmap_get(&rr->visits, er->id);
	if (visit > 0)
		snprintf(rr->visit, sizeof rr->visit, "%ld", (long)visit);
	/* The day of the visit whose window the record's date falls in;
	 * none for an extra visit. */
	if ((day = (intptr_t)strmap_get(&rr->days, er->id)) != 0)
		snprintf(rr->day, sizeof rr->day, "%ld",
		    (long)(day - REPORT_DAY0));
	for (i = 0; i < rr->rep->n; i++) {
		if (rr->rep->v[i].ind->form != rr->form)
			continue;
		if (rr->rep->v[i].ind->repeat != NULL)
			report_entries(rr, i, rr->rep->v[i].ind->repeat);
		else
			report_row(rr, i);
	}
	return 0;
}

/* store_visit_days: keeps the day of the visit a record completes. */
void
report_load_day(void *arg, const char *record, const char *case_id,
    const char *schedule, int day)
{
	struct rrun	*rr = arg;
	char		*s;

	if (record == NULL) {
		s = xasprintf("%s\t%s\t%d", case_id, schedule, day);
		strvec_take(&rr->missed, s);
		return;
	}
	strmap_put(&rr->days, record, (void *)(intptr_t)(day + REPORT_DAY0));
	free(strmap_get(&rr->vsched, record));
	strmap_put(&rr->vsched, record, xstrdup(schedule));
}

/* The missed visits as rows (see report-int.h): each counts in the
 * denominator, on a line of its own for shares. */
void
report_missed(struct rrun *rr)
{
	const struct indicator	*ind;
	struct report_figure	*fig;
	struct rcase		*c;
	struct rrow		*r;
	char			*cid, *sc, *day;
	size_t			 i, fi;

	for (i = 0; i < rr->missed.n; i++) {
		cid = xstrdup(rr->missed.v[i]);
		sc = strchr(cid, '\t');
		*sc++ = '\0';
		day = strchr(sc, '\t');
		*day++ = '\0';
		c = strmap_get(&rr->cases, cid);
		for (fi = 0; fi < rr->rep->n; fi++) {
			fig = &rr->rep->v[fi];
			ind = fig->ind;
			if (ind->form != rr->form || ind->schedule == NULL ||
			    strcmp(ind->schedule, sc) != 0 ||
			    ind->window != atoi(day) || ind->repeat != NULL ||
			    (ind->kind != IND_SHARE && ind->kind != IND_SHARES))
				continue;
			r = xcalloc(1, sizeof *r);
			if (rr->rep->by != NULL)
				r->group = xstrdup(c != NULL && !rr->rep->by->author ?
				    c->group : "");
			r->have = true;
			/* TRANSLATORS: the row of a visit not made. */
			strvec_add(&r->lines, _("No visit in the window"));
			if (ind->pick == PICK_ALL ||
			    strmap_get(&rr->picks[fi], cid) != NULL) {
				if (ind->pick == PICK_ALL)
					report_fold(rr, fig, r);
				report_row_free(r);
				continue;
			}
			r->order = xstrdup("");
			strmap_put(&rr->picks[fi], cid, r);
		}
		free(cid);
	}
}

/* store_export_case_order: numbers the records of each case from 1. */
int
report_load_visit(void *arg, const char *record, const char *case_id)
{
	struct rrun	*rr = arg;

	if (rr->vcase == NULL || strcmp(rr->vcase, case_id) != 0) {
		free(rr->vcase);
		rr->vcase = xstrdup(case_id);
		rr->vn = 0;
	}
	strmap_put(&rr->visits, record, (void *)(++rr->vn));
	return 0;
}

/* store_export_cases: what the report keeps of a case. */
int
report_load_case(void *arg, const struct export_case *ec)
{
	struct rrun	*rr = arg;
	struct rcase	*c;
	const char	*v = NULL;

	c = xcalloc(1, sizeof *c);
	c->type = xstrdup(ec->type);
	c->author = xstrdup(ec->owner);	/* a worker's cases: by owner */
	c->closed = ec->closed;
	c->due = ec->next_due[0] != '\0';
	c->overdue = ec->overdue;
	if (rr->rep->by != NULL && rr->rep->by->property != NULL)
		v = answers_get(ec->props, rr->rep->by->property);
	c->group = xstrdup(rr->rep->by != NULL && rr->rep->by->author ?
	    ec->owner : v != NULL ? v : "");
	strmap_put(&rr->cases, ec->id, c);
	return 0;
}
