/*
 * report.c: computing the indicators (report.h).  One walk over the cases
 * (for breakdowns and overdue follow-ups), then one walk over the records
 * of each form that indicators name, evaluating every indicator of that
 * form on each row.  Rows of an indicator that picks the first or latest
 * per case are kept, one per case, until the walk ends; everything else
 * is added up as it goes, so memory stays small on 100,000 cases.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "expr.h"
#include "i18n.h"
#include "report.h"
#include "util.h"

/* A string-keyed hash table (open addressing). */
struct rmap_slot {
	char	*key;
	void	*val;
};
struct rmap {
	struct rmap_slot	*v;
	size_t			 cap, n;
};

static uint64_t
rmap_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of key (empty when absent). */
static struct rmap_slot *
rmap_slot(struct rmap *m, const char *key)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	for (i = rmap_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->v[i].key == NULL || strcmp(m->v[i].key, key) == 0)
			return &m->v[i];
	}
}

static void *
rmap_get(struct rmap *m, const char *key)
{
	struct rmap_slot	*s = rmap_slot(m, key);

	return s != NULL && s->key != NULL ? s->val : NULL;
}

/* Sets key to val (the map copies the key). */
static void
rmap_put(struct rmap *m, const char *key, void *val)
{
	struct rmap_slot	*old = m->v, *s;
	size_t			 oldcap = m->cap, i;

	if ((m->n + 1) * 2 > m->cap) {
		m->cap = m->cap == 0 ? 64 : m->cap * 2;
		m->v = xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].key != NULL) {
				s = rmap_slot(m, old[i].key);
				*s = old[i];
				m->n++;
			}
		}
		free(old);
	}
	s = rmap_slot(m, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		m->n++;
	}
	s->val = val;
}

/* Frees the map, calling fr on each value (when not NULL). */
static void
rmap_free(struct rmap *m, void (*fr)(void *))
{
	size_t	i;

	for (i = 0; i < m->cap; i++) {
		if (m->v[i].key == NULL)
			continue;
		free(m->v[i].key);
		if (fr != NULL)
			fr(m->v[i].val);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* What the report keeps of a case. */
struct rcase {
	char	*type;
	char	*group;		/* its breakdown value, "" for none */
	char	*author;
	bool	 closed;
	bool	 due;		/* a follow-up is still to come */
	bool	 overdue;
};

static void
rcase_free(void *p)
{
	struct rcase	*c = p;

	free(c->type);
	free(c->group);
	free(c->author);
	free(c);
}

/* One row's contribution to a figure, kept when picking per case. */
struct rrow {
	char	 *order;	/* date, created, id: what first/latest mean */
	char	 *group;
	char	**lines;	/* split or shares values */
	size_t	  nlines;
	bool	  num;
	bool	  have;		/* a value (or, for shares, an answer) */
	double	  value;
};

static void
rrow_free(void *p)
{
	struct rrow	*r = p;
	size_t		 i;

	for (i = 0; i < r->nlines; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r->order);
	free(r->group);
	free(r);
}

struct rrun {
	struct report		*rep;
	struct store		*st;
	const struct form_pack	*pack;
	struct rmap		 cases;		/* id -> struct rcase */
	struct rmap		 visits;	/* record id -> visit number */
	char			*vcase;		/* case of the last visit */
	intptr_t		 vn;
	struct rmap		*picks;		/* per figure: key -> rrow */
	const struct form	*form;		/* being walked */
	/* The row being evaluated. */
	const struct export_record *er;
	const char		*prefix;	/* repeat entry, or "" */
	char			 visit[24], day[24];
	const char		**all;		/* lookup_all's answer */
	size_t			  nall;
	struct buf		  path;
};

/* The label of value v of a case property: the choice label of a field
 * that saves to it, else v. */
static const char *
report_prop_label(const struct form_pack *pack, const char *prop,
    const char *v)
{
	const struct form	*form;
	const struct field	*f;
	const struct choice	*c;
	size_t			 i, k;

	for (i = 0; i < pack->nforms; i++) {
		form = pack->forms[i];
		for (k = 0; k < form->nfields; k++) {
			f = form->fields[k];
			if (f->save_to == NULL || f->choices == NULL ||
			    strcmp(f->save_to, prop) != 0)
				continue;
			if ((c = field_find_choice(f, v)) != NULL &&
			    c->label != NULL)
				return form_text(c->label);
		}
	}
	return v;
}

/* The index of group key, adding it when new. */
static size_t
report_group(struct rrun *rr, const char *key)
{
	struct report	*rep = rr->rep;
	size_t		 i;

	for (i = 1; i < rep->ngroups; i++) {
		if (strcmp(rep->groups[i], key) == 0)
			return i;
	}
	rep->groups = xreallocarray(rep->groups, rep->ngroups + 1,
	    sizeof *rep->groups);
	rep->group_labels = xreallocarray(rep->group_labels, rep->ngroups + 1,
	    sizeof *rep->group_labels);
	rep->groups[rep->ngroups] = xstrdup(key);
	if (*key == '\0')
		rep->group_labels[rep->ngroups] = xstrdup(_("(not recorded)"));
	else if (rep->by->property != NULL)
		rep->group_labels[rep->ngroups] = xstrdup(report_prop_label(
		    rr->pack, rep->by->property, key));
	else
		rep->group_labels[rep->ngroups] = xstrdup(key);
	return rep->ngroups++;
}

/* The line of figure fig with key, adding it (labelled) when new. */
static struct report_line *
report_line(struct report_figure *fig, const char *key, const char *label)
{
	struct report_line	*l;
	size_t			 i;

	for (i = 0; i < fig->nlines; i++) {
		if (strcmp(fig->lines[i].key, key) == 0)
			return &fig->lines[i];
	}
	fig->lines = xreallocarray(fig->lines, fig->nlines + 1,
	    sizeof *fig->lines);
	l = &fig->lines[fig->nlines++];
	memset(l, 0, sizeof *l);
	l->key = xstrdup(key);
	l->label = label != NULL ? xstrdup(label) : NULL;
	return l;
}

static struct report_cell *
report_cell(struct report_line *l, size_t g)
{
	if (g >= l->ncells) {
		l->cells = xreallocarray(l->cells, g + 1, sizeof *l->cells);
		memset(l->cells + l->ncells, 0,
		    (g + 1 - l->ncells) * sizeof *l->cells);
		l->ncells = g + 1;
	}
	return &l->cells[g];
}

/* The lines a figure starts with: one per choice it splits by. */
static void
report_seed_lines(struct report_figure *fig)
{
	const struct indicator	*ind = fig->ind;
	const struct field	*f = NULL;
	size_t			 i;

	if (ind->kind == IND_SHARES)
		f = ind->field;
	else if (ind->split != NULL)
		f = ind->split;
	fig->split = f != NULL || ind->split_author;
	if (f == NULL || f->choices == NULL) {
		if (!fig->split)
			report_line(fig, "", NULL);
		return;
	}
	for (i = 0; i < f->choices->n; i++)
		report_line(fig, f->choices->v[i].value,
		    form_text(f->choices->v[i].label));
}

/* Adds one row to a cell of a line it belongs to. */
static void
report_add(const struct indicator *ind, struct report_cell *c,
    const struct rrow *r)
{
	switch (ind->kind) {
	case IND_COUNT:
	case IND_SHARES:
		c->num++;
		break;
	case IND_SHARE:
	case IND_OVERDUE:
		c->den++;
		if (r->num)
			c->num++;
		break;
	case IND_MEAN:
	case IND_SUM:
	case IND_MEDIAN:
		if (!r->have)
			break;
		c->den++;
		c->sum += r->value;
		if (ind->kind == IND_MEDIAN) {
			c->values = xreallocarray(c->values, c->nvalues + 1,
			    sizeof *c->values);
			c->values[c->nvalues++] = r->value;
		}
		break;
	}
}

/* True when the row has line value key. */
static bool
report_row_has(const struct rrow *r, const char *key)
{
	size_t	i;

	for (i = 0; i < r->nlines; i++) {
		if (strcmp(r->lines[i], key) == 0)
			return true;
	}
	return false;
}

/* True when the lines of a figure share one denominator: the rows (or
 * the answers) in the group, whichever line they fall in. */
static bool
report_shared_den(const struct report_figure *fig)
{
	return fig->ind->kind == IND_SHARES || fig->ind->kind == IND_COUNT;
}

/* Adds a row to every line of a figure, in group 0 and its own group. */
static void
report_fold(struct rrun *rr, struct report_figure *fig, const struct rrow *r)
{
	const struct indicator	*ind = fig->ind;
	struct report_line	*l;
	size_t			 g[2], ng = 1, i, k;

	g[0] = 0;
	if (rr->rep->by != NULL)
		g[ng++] = report_group(rr, r->group != NULL ? r->group : "");
	if (report_shared_den(fig) &&
	    (ind->kind == IND_COUNT || r->have)) {
		for (k = 0; k < ng; k++) {
			if (g[k] >= fig->ntotals) {
				fig->totals = xreallocarray(fig->totals,
				    g[k] + 1, sizeof *fig->totals);
				memset(fig->totals + fig->ntotals, 0,
				    (g[k] + 1 - fig->ntotals) *
				    sizeof *fig->totals);
				fig->ntotals = g[k] + 1;
			}
			fig->totals[g[k]]++;
		}
	}
	/* Values outside the choices (and authors) get lines of their own. */
	for (i = 0; fig->split && i < r->nlines; i++)
		(void)report_line(fig, r->lines[i], r->lines[i]);
	for (i = 0; i < fig->nlines; i++) {
		l = &fig->lines[i];
		if (fig->split && !report_row_has(r, l->key))
			continue;
		for (k = 0; k < ng; k++)
			report_add(ind, report_cell(l, g[k]), r);
	}
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
		r->lines = xreallocarray(r->lines, r->nlines + 1,
		    sizeof *r->lines);
		r->lines[r->nlines++] = xstrndup(s, n);
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
		c = rmap_get(&rr->cases, er->case_id);
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
		rrow_free(r);
		return;
	}
	/* One row per case (or key value): the first or the latest. */
	key = ind->key != NULL ? rrun_answer(rr, ind->key) : er->case_id;
	if (key == NULL)
		key = er->id;
	r->order = xasprintf("%s\x01%s\x01%s", date, er->created, er->id);
	old = rmap_get(&rr->picks[fi], key);
	if (old != NULL) {
		cmp = strcmp(r->order, old->order);
		if ((ind->pick == PICK_FIRST && cmp >= 0) ||
		    (ind->pick == PICK_LATEST && cmp <= 0)) {
			rrow_free(r);
			return;
		}
		rrow_free(old);
	}
	rmap_put(&rr->picks[fi], key, r);
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

static int
report_record(void *arg, const struct export_record *er)
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
	visit = (intptr_t)rmap_get(&rr->visits, er->id);
	if (visit > 0) {
		snprintf(rr->visit, sizeof rr->visit, "%ld", (long)visit);
		c = rmap_get(&rr->cases, er->case_id);
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

static int
report_visit(void *arg, const char *record, const char *case_id)
{
	struct rrun	*rr = arg;

	if (rr->vcase == NULL || strcmp(rr->vcase, case_id) != 0) {
		free(rr->vcase);
		rr->vcase = xstrdup(case_id);
		rr->vn = 0;
	}
	rmap_put(&rr->visits, record, (void *)(++rr->vn));
	return 0;
}

static int
report_case(void *arg, const struct export_case *ec)
{
	struct rrun	*rr = arg;
	struct rcase	*c;
	const char	*v = NULL;

	c = xcalloc(1, sizeof *c);
	c->type = xstrdup(ec->type);
	c->author = xstrdup(ec->author);
	c->closed = ec->closed;
	c->due = ec->next_due[0] != '\0';
	c->overdue = ec->overdue;
	if (rr->rep->by != NULL && rr->rep->by->property != NULL)
		v = answers_get(ec->props, rr->rep->by->property);
	c->group = xstrdup(rr->rep->by != NULL && rr->rep->by->author ?
	    ec->author : v != NULL ? v : "");
	rmap_put(&rr->cases, ec->id, c);
	return 0;
}

/* Overdue indicators, from the cases. */
static void
report_overdue(struct rrun *rr, size_t fi)
{
	struct report_figure	*fig = &rr->rep->v[fi];
	struct rcase		*c;
	struct rrow		 r;
	size_t			 i;

	for (i = 0; i < rr->cases.cap; i++) {
		if (rr->cases.v[i].key == NULL)
			continue;
		c = rr->cases.v[i].val;
		if (c->closed || !c->due ||
		    strcmp(c->type, fig->ind->case_type->id) != 0)
			continue;
		memset(&r, 0, sizeof r);
		r.group = c->group;
		r.num = c->overdue;
		if (fig->ind->split_author) {
			r.lines = &c->author;
			r.nlines = 1;
		}
		report_fold(rr, fig, &r);
	}
}

static int
report_line_cmp(const void *a, const void *b)
{
	const struct report_line *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static int
report_double_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts the groups by label, "(not recorded)" last, remapping cells. */
static void
report_sort_groups(struct report *rep)
{
	size_t	*order, i, k, l, f, tmp;
	char	**g, **gl;
	struct report_cell *cells;

	if (rep->ngroups <= 2)
		return;
	order = xreallocarray(NULL, rep->ngroups, sizeof *order);
	for (i = 0; i < rep->ngroups; i++)
		order[i] = i;
	for (i = 2; i < rep->ngroups; i++) {
		for (k = i; k > 1; k--) {
			const char *a = rep->groups[order[k - 1]];
			const char *b = rep->groups[order[k]];
			bool swap = (*a == '\0' && *b != '\0') ||
			    (*a != '\0' && *b != '\0' &&
			    strcmp(rep->group_labels[order[k - 1]],
			    rep->group_labels[order[k]]) > 0);

			if (!swap)
				break;
			tmp = order[k];
			order[k] = order[k - 1];
			order[k - 1] = tmp;
		}
	}
	g = xreallocarray(NULL, rep->ngroups, sizeof *g);
	gl = xreallocarray(NULL, rep->ngroups, sizeof *gl);
	for (i = 0; i < rep->ngroups; i++) {
		g[i] = rep->groups[order[i]];
		gl[i] = rep->group_labels[order[i]];
	}
	free(rep->groups);
	free(rep->group_labels);
	rep->groups = g;
	rep->group_labels = gl;
	for (f = 0; f < rep->n; f++) {
		for (l = 0; l < rep->v[f].nlines; l++) {
			struct report_line *ln = &rep->v[f].lines[l];

			(void)report_cell(ln, rep->ngroups - 1);
			cells = xcalloc(rep->ngroups, sizeof *cells);
			for (i = 0; i < rep->ngroups; i++)
				cells[i] = ln->cells[order[i]];
			free(ln->cells);
			ln->cells = cells;
		}
	}
	free(order);
}

struct report *
report_run(struct store *st, const struct form_pack *pack,
    const struct indicator_set *set, const struct report_options *opt,
    char **cause)
{
	struct report		*rep;
	struct rrun		 rr;
	const struct form	*form;
	struct report_figure	*fig;
	size_t			 i, k, l, g;
	bool			 needed;
	int			 rc = 0;

	rep = xcalloc(1, sizeof *rep);
	rep->set = set;
	expr_format_date(expr_today(), rep->today, sizeof rep->today);
	if (opt->by != NULL) {
		for (i = 0; i < set->nby; i++) {
			if (strcmp(set->by[i].id, opt->by) == 0)
				rep->by = &set->by[i];
		}
		if (rep->by == NULL) {
			struct buf	b;

			buf_init(&b);
			for (i = 0; i < set->nby; i++)
				buf_addf(&b, "%s%s", i > 0 ? ", " : "",
				    set->by[i].id);
			*cause = xasprintf(_("no breakdown '%s' in '%s' "
			    "(there are: %s)"), opt->by, set->path,
			    b.s != NULL ? b.s : "");
			buf_free(&b);
			free(rep);
			return NULL;
		}
	}
	rep->from = opt->from != NULL ? xstrdup(opt->from) : NULL;
	rep->to = opt->to != NULL ? xstrdup(opt->to) : NULL;
	rep->groups = xcalloc(1, sizeof *rep->groups);
	rep->group_labels = xcalloc(1, sizeof *rep->group_labels);
	rep->groups[0] = xstrdup("");
	rep->group_labels[0] = xstrdup(_("All"));
	rep->ngroups = 1;
	rep->n = set->n;
	rep->v = xcalloc(set->n, sizeof *rep->v);
	for (i = 0; i < set->n; i++) {
		rep->v[i].ind = &set->v[i];
		report_seed_lines(&rep->v[i]);
	}

	memset(&rr, 0, sizeof rr);
	rr.rep = rep;
	rr.st = st;
	rr.pack = pack;
	rr.picks = xcalloc(set->n, sizeof *rr.picks);
	rc = store_export_cases(st, report_case, &rr, cause);
	for (i = 0; rc == 0 && i < pack->nforms; i++) {
		form = pack->forms[i];
		needed = false;
		for (k = 0; k < set->n; k++)
			needed = needed || set->v[k].form == form;
		if (!needed)
			continue;
		rr.form = form;
		rc = store_export_case_order(st, form->id, report_visit, &rr,
		    cause);
		free(rr.vcase);
		rr.vcase = NULL;
		if (rc == 0)
			rc = store_export_records(st, form->id, report_record,
			    &rr, cause);
		rmap_free(&rr.visits, NULL);
	}
	for (i = 0; rc == 0 && i < set->n; i++) {
		fig = &rep->v[i];
		if (fig->ind->kind == IND_OVERDUE)
			report_overdue(&rr, i);
		for (k = 0; k < rr.picks[i].cap; k++) {
			if (rr.picks[i].v[k].key != NULL)
				report_fold(&rr, fig, rr.picks[i].v[k].val);
		}
	}
	for (i = 0; i < set->n; i++)
		rmap_free(&rr.picks[i], rrow_free);
	free(rr.picks);
	rmap_free(&rr.cases, rcase_free);
	free(rr.all);
	buf_free(&rr.path);
	if (rc != 0) {
		report_free(rep);
		return NULL;
	}
	for (i = 0; i < rep->n; i++) {
		fig = &rep->v[i];
		for (l = 0; l < fig->nlines; l++) {
			(void)report_cell(&fig->lines[l], rep->ngroups - 1);
			for (g = 0; g < rep->ngroups; g++) {
				if (report_shared_den(fig))
					fig->lines[l].cells[g].den =
					    g < fig->ntotals ?
					    fig->totals[g] : 0;
				if (fig->lines[l].cells[g].nvalues > 1)
					qsort(fig->lines[l].cells[g].values,
					    fig->lines[l].cells[g].nvalues,
					    sizeof (double),
					    report_double_cmp);
			}
		}
		/* Authors and unlisted values in a stable order. */
		if (fig->ind->split_author && fig->nlines > 1)
			qsort(fig->lines, fig->nlines, sizeof *fig->lines,
			    report_line_cmp);
	}
	report_sort_groups(rep);
	return rep;
}

void
report_free(struct report *rep)
{
	size_t	i, l, g;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->n; i++) {
		for (l = 0; l < rep->v[i].nlines; l++) {
			for (g = 0; g < rep->v[i].lines[l].ncells; g++)
				free(rep->v[i].lines[l].cells[g].values);
			free(rep->v[i].lines[l].cells);
			free(rep->v[i].lines[l].key);
			free(rep->v[i].lines[l].label);
		}
		free(rep->v[i].lines);
		free(rep->v[i].totals);
	}
	free(rep->v);
	for (g = 0; g < rep->ngroups; g++) {
		free(rep->groups[g]);
		free(rep->group_labels[g]);
	}
	free(rep->groups);
	free(rep->group_labels);
	free(rep->from);
	free(rep->to);
	free(rep);
}
