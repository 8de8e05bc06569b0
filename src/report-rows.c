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

	strvec_free(&r->lines);
	free(r->order);
	free(r->group);
	free(r);
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

/* Evaluates indicator i (of figure fig) on the current row. */
static void
report_row(struct rrun *rr, size_t fi)
{
	struct report_figure	*fig = &rr->rep->v[fi];
	const struct indicator	*ind = fig->ind;
	const struct export_record *er = rr->er;
	struct rcase		*c = NULL;
	struct rrow		*r, *old;
	const char		*date, *v, *key;
	char			*end;
	double			 d;
	int			 cmp;

	date = rrun_answer(rr, ind->date);
	if (date == NULL)
		date = ind->date != NULL ? "" : er->created;
	if (rr->rep->from != NULL && strncmp(date, rr->rep->from, 10) < 0)
		return;
	if (rr->rep->to != NULL && strncmp(date, rr->rep->to, 10) > 0)
		return;
	if (!rrun_bool(rr, ind->where))
		return;
	r = xcalloc(1, sizeof *r);
	if (er->case_id != NULL)
		c = strmap_get(&rr->cases, er->case_id);
	if (rr->rep->by != NULL)
		r->group = xstrdup(rr->rep->by->author ? er->author :
		    c != NULL ? c->group : "");
	if (ind->kind == IND_SHARE)
		r->num = rrun_bool(rr, ind->numerator);
	if (ind->kind == IND_SHARES) {
		v = rrun_answer(rr, ind->field);
		r->have = v != NULL;
		rrow_words(r, v);
	} else {
		if (ind->split_author)
			rrow_words(r, er->author);
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
	const struct case_type		*ct;
	const struct schedule		*sc;
	struct rcase			*c;
	intptr_t			 visit;
	size_t				 i;

	rr->er = er;
	rr->prefix = "";
	rr->visit[0] = rr->day[0] = '\0';
	visit = (intptr_t)strmap_get(&rr->visits, er->id);
	if (visit > 0) {
		snprintf(rr->visit, sizeof rr->visit, "%ld", (long)visit);
		c = strmap_get(&rr->cases, er->case_id);
		ct = c != NULL ? form_pack_case_type(rr->pack, c->type) : NULL;
		for (i = 0; ct != NULL && i < ct->nschedules; i++) {
			sc = &ct->schedules[i];
			if (strcmp(sc->form, er->form) == 0 &&
			    (size_t)visit <= sc->ndays) {
				snprintf(rr->day, sizeof rr->day, "%d",
				    sc->days[visit - 1]);
				break;
			}
		}
	}
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
