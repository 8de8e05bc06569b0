/*
 * report-figures.c: the figures of a report.  Each figure has lines (one,
 * or one per choice or value it splits by) and each line a cell per group
 * of the breakdown, group 0 being everyone; a row is added into every
 * line it belongs to, in group 0 and its own group.  Overdue indicators
 * count the cases rather than rows.  Once every row is in, the shared
 * denominators are filled in, values sorted for medians, and the groups
 * sorted by label.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "report.h"
#include "report-int.h"
#include "store.h"
#include "util.h"

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

/* Whether a form saves a link (a `case` field) to property prop. */
static bool
report_prop_link(const struct form_pack *pack, const char *prop)
{
	const struct field	*f;
	size_t			 i, k;

	for (i = 0; i < pack->nforms; i++) {
		for (k = 0; k < pack->forms[i]->nfields; k++) {
			f = pack->forms[i]->fields[k];
			if (f->save_to != NULL && strcmp(f->save_to, prop) == 0 &&
			    field_is_link(f))
				return true;
		}
	}
	return false;
}

/* The index of group key, adding it when new. */
static size_t
report_group(struct rrun *rr, const char *key)
{
	struct report	*rep = rr->rep;
	char		*name;
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
	else if (rep->by->property != NULL && report_prop_link(rr->pack,
	    rep->by->property) && (name = store_case_name(rr->st, key)) !=
	    NULL)
		rep->group_labels[rep->ngroups] = name;	/* a cohort by name */
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
void
report_seed_lines(struct report_figure *fig)
{
	const struct indicator	*ind = fig->ind;
	const struct field	*f = NULL;
	size_t			 i;

	if (ind->kind == IND_CASES) {
		fig->split = true;
		report_line(fig, "open", _("open"));
		report_line(fig, "closed", _("closed"));
		return;
	}
	if (ind->kind == IND_SHARES || ind->kind == IND_FUNNEL)
		f = ind->field;
	else if (ind->split != NULL)
		f = ind->split;
	fig->split = f != NULL || ind->split_author || ind->split_month;
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
	case IND_CASES:
	case IND_SHARES:
	case IND_FUNNEL:
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

	for (i = 0; i < r->lines.n; i++) {
		if (strcmp(r->lines.v[i], key) == 0)
			return true;
	}
	return false;
}

/* True when the lines of a figure share one denominator: the rows (or
 * the answers) in the group, whichever line they fall in. */
static bool
report_shared_den(const struct report_figure *fig)
{
	return fig->ind->kind == IND_SHARES || fig->ind->kind == IND_COUNT ||
	    fig->ind->kind == IND_CASES;
}

/* Adds a row to every line of a figure, in group 0 and its own group. */
void
report_fold(struct rrun *rr, struct report_figure *fig, const struct rrow *r)
{
	const struct indicator	*ind = fig->ind;
	struct report_line	*l;
	size_t			 g[2], ng = 1, i, k;

	g[0] = 0;
	if (rr->rep->by != NULL)
		g[ng++] = report_group(rr, r->group != NULL ? r->group : "");
	if (report_shared_den(fig) &&
	    (ind->kind != IND_SHARES || r->have)) {
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
	for (i = 0; fig->split && i < r->lines.n; i++)
		(void)report_line(fig, r->lines.v[i], r->lines.v[i]);
	for (i = 0; i < fig->nlines; i++) {
		l = &fig->lines[i];
		if (fig->split && !report_row_has(r, l->key))
			continue;
		for (k = 0; k < ng; k++)
			report_add(ind, report_cell(l, g[k]), r);
	}
}

/* Overdue and cases indicators, from the cases: of the open cases with
 * a follow-up to come, the overdue ones; or every case, open or closed. */
void
report_overdue(struct rrun *rr, size_t fi)
{
	struct report_figure	*fig = &rr->rep->v[fi];
	struct rcase		*c;
	struct rrow		 r;
	const struct strmap_slot *slot;
	char			 open[] = "open", closed[] = "closed", *line;
	bool			 cases = fig->ind->kind == IND_CASES;
	size_t			 i;

	for (i = 0; (slot = strmap_next(&rr->cases, &i)) != NULL;) {
		c = slot->val;
		if ((!cases && (c->closed || !c->due)) ||
		    strcmp(c->type, fig->ind->case_type->id) != 0)
			continue;
		memset(&r, 0, sizeof r);
		r.group = c->group;
		r.num = c->overdue;
		line = c->closed ? closed : open;
		/* Lines borrowed, not freed. */
		if (cases || fig->ind->split_author) {
			r.lines.v = cases ? &line : &c->author;
			r.lines.n = 1;
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

/* Once every row is in: the shared denominators, medians' values and
 * authors' lines sorted, the groups sorted by label. */
void
report_finish(struct report *rep)
{
	struct report_figure	*fig;
	size_t			 i, l, g;

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
		/* A funnel's steps are out of the first step. */
		for (l = 0; fig->ind->kind == IND_FUNNEL && l < fig->nlines;
		    l++) {
			for (g = 0; g < rep->ngroups; g++)
				fig->lines[l].cells[g].den =
				    fig->lines[0].cells[g].num;
		}
		/* Authors and unlisted values in a stable order. */
		if ((fig->ind->split_author || fig->ind->split_month) &&
		    fig->nlines > 1)
			qsort(fig->lines, fig->nlines, sizeof *fig->lines,
			    report_line_cmp);
	}
	report_sort_groups(rep);
}
