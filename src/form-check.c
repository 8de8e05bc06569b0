/*
 * form-check.c: the checks that need a whole form, run by the loader on the
 * same pass: unique field ids, every ${name} naming a field, '.' only in
 * constraints, no cycle among relevance, calculations, defaults and repeat
 * counts, save_to naming a property of the case type; and, for the UI, the
 * dependents of every field.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* Suggestions cost a distance per field: only this many per form. */
#define MAX_SUGGEST 50

/* Orders fields by id, then by position. */
static int
byid_cmp(const void *a, const void *b)
{
	const struct field	*fa = *(const struct field *const *)a;
	const struct field	*fb = *(const struct field *const *)b;
	int			 c;

	if ((c = strcmp(fa->id, fb->id)) != 0)
		return c;
	return fa->index < fb->index ? -1 : fa->index > fb->index;
}

/* Compares a name with a field's id, for bsearch. */
static int
byid_find(const void *key, const void *elt)
{
	return strcmp(key, (*(const struct field *const *)elt)->id);
}

/* Finds a field of form fm by id, or NULL (the first when repeated). */
static struct field *
find(const struct form *fm, const char *id)
{
	struct field	**p;

	if (fm->byid == NULL)
		return NULL;
	p = bsearch(id, fm->byid, fm->nfields, sizeof *fm->byid, byid_find);
	if (p == NULL)
		return NULL;
	while (p > fm->byid && strcmp(p[-1]->id, id) == 0)
		p--;
	return *p;
}

/* Sorts the fields by id and reports ids used twice. */
static void
check_ids(struct lctx *c)
{
	struct form	*fm = c->form;
	size_t		 i;

	if (fm->nfields == 0)
		return;
	fm->byid = xreallocarray(NULL, fm->nfields, sizeof *fm->byid);
	memcpy(fm->byid, fm->fields, fm->nfields * sizeof *fm->byid);
	qsort(fm->byid, fm->nfields, sizeof *fm->byid, byid_cmp);
	for (i = 1; i < fm->nfields; i++) {
		if (*fm->byid[i]->id == '\0' ||
		    strcmp(fm->byid[i]->id, fm->byid[i - 1]->id) != 0)
			continue;
		diags_add(c->d, c->path, fm->byid[i]->line, fm->byid[i]->col,
		    _("duplicate field id '%s' (first at line %d)"),
		    fm->byid[i]->id, find(fm, fm->byid[i]->id)->line);
	}
}

/* True when dependency name is a filter column of field f's choices. */
static bool
is_column(const struct field *f, const char *name)
{
	size_t	i;

	if (f->choices == NULL || (name = form_filter_column(name)) == NULL)
		return false;
	for (i = 0; i < f->choices->ncolumns; i++) {
		if (strcmp(f->choices->columns[i], name) == 0)
			return true;
	}
	return false;
}

/* The nearest field id to name, or NULL when none is close. */
static const char *
suggest_field(const struct form *fm, const char *name)
{
	const char	*best = NULL;
	size_t		 i, dist, bestd;

	bestd = form_suggest_cap(name);
	for (i = 0; i < fm->nfields; i++) {
		dist = str_distance(name, fm->fields[i]->id, bestd);
		if (dist < bestd) {
			bestd = dist;
			best = fm->fields[i]->id;
		}
	}
	return best;
}

/* Checks the names and '.' of every expression of every field. */
/* ${case.PROP}: the form must update or close a case whose type has
 * PROP (a form that opens its case has none to read yet). */
static void
check_case_ref(struct lctx *c, const char *name, int line, int col)
{
	const char	*prop = name + strlen(FORM_CASE_PREFIX);
	size_t		 i;

	if (c->ct == NULL) {
		diags_add(c->d, c->path, line, col, _("'${%s}': the form has "
		    "no case to read a property of"), name);
		return;
	}
	if (c->form->case_action == CASE_OPEN) {
		diags_add(c->d, c->path, line, col, _("'${%s}': this form "
		    "opens its case, which has no properties yet"), name);
		return;
	}
	for (i = 0; i < c->ct->nprops; i++)
		if (strcmp(c->ct->props[i].id, prop) == 0)
			return;
	diags_add(c->d, c->path, line, col, _("'${%s}': the case type '%s' "
	    "has no property '%s'"), name, c->ct->id, prop);
}

static void
check_refs(struct lctx *c)
{
	static const char *const keys[NFEXPR] = {
		[X_RELEVANT] = "relevant",
		[X_CONSTRAINT] = "constraint",
		[X_DEFAULT] = "default",
		[X_CALCULATION] = "calculation",
		[X_CHOICE_FILTER] = "choice_filter",
		[X_COUNT] = "count"
	};
	const struct form	*fm = c->form;
	const struct fexpr	*x;
	const struct field	*f;
	const char *const	*names;
	const char		*best;
	size_t			 i, j, k, n, nsuggest = 0;
	int			 line, col;

	for (i = 0; i < fm->nfields; i++) {
		f = fm->fields[i];
		for (j = 0; j < NFEXPR; j++) {
			x = &c->src[i].x[j];
			if (x->e == NULL)
				continue;
			if (j != X_CONSTRAINT && expr_uses_dot(x->e))
				diags_add(c->d, c->path, x->node->line,
				    x->node->col, _("'.' (this answer) is only "
				    "allowed in a constraint, not in '%s'"),
				    keys[j]);
			n = expr_deps(x->e, &names);
			for (k = 0; k < n; k++) {
				if (j == X_CHOICE_FILTER &&
				    is_column(f, names[k]))
					continue;
				if (find(fm, names[k]) != NULL)
					continue;
				form_expr_pos(x, expr_dep_col(x->e, k), &line,
				    &col);
				if (strncmp(names[k], FORM_CASE_PREFIX,
				    strlen(FORM_CASE_PREFIX)) == 0) {
					check_case_ref(c, names[k], line, col);
					continue;
				}
				best = nsuggest++ < MAX_SUGGEST ?
				    suggest_field(fm, names[k]) : NULL;
				if (best != NULL)
					diags_add(c->d, c->path, line, col,
					    _("'${%s}' names no field of the "
					    "form; did you mean '%s'?"),
					    names[k], best);
				else
					diags_add(c->d, c->path, line, col,
					    _("'${%s}' names no field of the "
					    "form"), names[k]);
			}
		}
	}
}

/*
 * The ${...} of every label and hint: a question of the form (not a group,
 * repeat or note) or a property of its case.
 */
static void
check_text_refs(struct lctx *c)
{
	static const char *const keys[] = { "label", "hint" };
	const struct form	*fm = c->form;
	const struct field	*f, *x;
	const struct ynode	*v;
	const char		*p, *ref, *text, *best;
	char			 name[128];
	size_t			 i, k, len;
	int			 line, col;

	for (i = 0; i < fm->nfields; i++) {
		f = fm->fields[i];
		for (k = 0; k < nitems(keys); k++) {
			text = k == 0 ? f->label : f->hint;
			if (text == NULL || strstr(text, "${") == NULL)
				continue;
			v = c->src[i].node != NULL ?
			    form_yaml_get(c->src[i].node, keys[k]) : NULL;
			line = v != NULL ? v->line : f->line;
			col = v != NULL ? v->col : f->col;
			for (p = text; (ref = form_text_ref(p, name,
			    sizeof name, &len)) != NULL; p = ref + len) {
				if (strncmp(name, FORM_CASE_PREFIX,
				    strlen(FORM_CASE_PREFIX)) == 0) {
					check_case_ref(c, name, line, col);
					continue;
				}
				if ((x = find(fm, name)) != NULL &&
				    field_has_value(x))
					continue;
				if (x != NULL)
					diags_add(c->d, c->path, line, col,
					    _("'${%s}' in this text has no "
					    "answer to show (a group, repeat "
					    "or note)"), name);
				else if ((best = suggest_field(fm, name)) !=
				    NULL)
					diags_add(c->d, c->path, line, col,
					    _("'${%s}' in this text names no "
					    "field of the form; did you mean "
					    "'%s'?"), name, best);
				else
					diags_add(c->d, c->path, line, col,
					    _("'${%s}' in this text names no "
					    "field of the form"), name);
			}
		}
	}
}

/*
 * The fields each field's value or relevance depends on (through
 * relevant, calculation, default, count), as a compact graph: the edges of
 * field i are to[start[i]..start[i + 1]).
 */
struct graph {
	size_t	*start;
	size_t	*to;
};

/* Calls fn(arg, slot, name) for each name the expressions of field i
 * read in the given slots. */
static void
each_dep(const struct lctx *c, size_t i, const int *slots, size_t nslots,
    void (*fn)(void *, int, const char *), void *arg)
{
	const struct fexpr	*x;
	const char *const	*names;
	size_t			 j, k, n;

	for (j = 0; j < nslots; j++) {
		x = &c->src[i].x[slots[j]];
		if (x->e == NULL)
			continue;
		n = expr_deps(x->e, &names);
		for (k = 0; k < n; k++)
			fn(arg, slots[j], names[k]);
	}
}

/* The graph being built, and its room. */
struct graph_build {
	const struct form	*fm;
	struct graph		*g;
	size_t			 nto, cap;
};

/* Adds an edge to the field called name, if there is one. */
static void
graph_edge(void *arg, int slot, const char *name)
{
	struct graph_build	*gb = arg;
	const struct field	*t;

	(void)slot;
	if ((t = find(gb->fm, name)) == NULL)
		return;
	if (gb->nto == gb->cap) {
		gb->cap = gb->cap == 0 ? 64 : gb->cap * 2;
		gb->g->to = xreallocarray(gb->g->to, gb->cap,
		    sizeof *gb->g->to);
	}
	gb->g->to[gb->nto++] = t->index;
}

/* Builds the graph of what feeds what, for the cycle check. */
static void
graph_build(struct lctx *c, struct graph *g)
{
	static const int	 slots[] = { X_RELEVANT, X_DEFAULT,
	    X_CALCULATION, X_COUNT };
	const struct form	*fm = c->form;
	struct graph_build	 gb = { fm, g, 0, 0 };
	size_t			 i;

	g->start = xcalloc(fm->nfields + 1, sizeof *g->start);
	g->to = NULL;
	for (i = 0; i < fm->nfields; i++) {
		g->start[i] = gb.nto;
		each_dep(c, i, slots, nitems(slots), graph_edge, &gb);
	}
	g->start[fm->nfields] = gb.nto;
}

/* Reports the cycle that closes at field w: the fields on the DFS stack
 * from w to the top, then w again. */
static void
report_cycle(struct lctx *c, const size_t *stack, size_t depth, size_t w)
{
	const struct form	*fm = c->form;
	const struct field	*f = fm->fields[w];
	struct buf		 b;
	size_t			 i;

	for (i = depth; i > 0 && stack[2 * (i - 1)] != w; i--)
		;
	buf_init(&b);
	for (i = i - 1; i < depth; i++) {
		buf_adds(&b, fm->fields[stack[2 * i]]->id);
		buf_adds(&b, " -> ");
	}
	buf_adds(&b, f->id);
	diags_add(c->d, c->path, f->line, f->col,
	    _("calculation or relevance cycle: %s"), b.s);
	buf_free(&b);
}

/* Finds cycles with an iterative depth-first search (forms may be long
 * chains of calculations; no recursion). */
static void
check_cycles(struct lctx *c)
{
	const struct form	*fm = c->form;
	struct graph		 g;
	unsigned char		*color;		/* 0 new, 1 on stack, 2 done */
	size_t			*stack;		/* pairs: field, next edge */
	size_t			 depth, i, v, w;

	graph_build(c, &g);
	color = xcalloc(fm->nfields + 1, 1);
	stack = xreallocarray(NULL, fm->nfields + 1, 2 * sizeof *stack);
	for (i = 0; i < fm->nfields; i++) {
		if (color[i] != 0)
			continue;
		depth = 0;
		stack[0] = i;
		stack[1] = g.start[i];
		depth = 1;
		color[i] = 1;
		while (depth > 0) {
			v = stack[2 * (depth - 1)];
			if (stack[2 * (depth - 1) + 1] == g.start[v + 1]) {
				color[v] = 2;
				depth--;
				continue;
			}
			w = g.to[stack[2 * (depth - 1) + 1]++];
			if (color[w] == 1)
				report_cycle(c, stack, depth, w);
			else if (color[w] == 0) {
				color[w] = 1;
				stack[2 * depth] = w;
				stack[2 * depth + 1] = g.start[w];
				depth++;
			}
		}
	}
	free(stack);
	free(color);
	free(g.start);
	free(g.to);
}

/* The dependents being counted (pass 0) or filled (pass 1). */
struct dependents {
	const struct form	*fm;
	struct field		*g;	/* the field whose expressions read */
	size_t			 i;	/* its index */
	size_t			*last;	/* by field: the last reader counted */
	int			 pass;
};

/* Counts or adds field g as a dependent of the field called name. */
static void
dependent_add(void *arg, int slot, const char *name)
{
	struct dependents	*dp = arg;
	struct field		*t;

	if (slot == X_CHOICE_FILTER && is_column(dp->g, name))
		return;
	if ((t = find(dp->fm, name)) == NULL || t == dp->g ||
	    dp->last[t->index] == dp->i)
		return;
	dp->last[t->index] = dp->i;
	if (dp->pass == 1)
		t->dependents[t->ndependents] = dp->g;
	t->ndependents++;
}

/* Fills each field's dependents: who reads it in relevant, calculation,
 * constraint, choice_filter or count. */
static void
build_dependents(struct lctx *c)
{
	static const int	 slots[] = { X_RELEVANT, X_CONSTRAINT,
	    X_CALCULATION, X_CHOICE_FILTER, X_COUNT };
	const struct form	*fm = c->form;
	struct dependents	 dp;
	struct field		*t;
	size_t			 i;

	dp.fm = fm;
	dp.last = xreallocarray(NULL, fm->nfields, sizeof *dp.last);
	for (dp.pass = 0; dp.pass < 2; dp.pass++) {
		for (i = 0; i < fm->nfields; i++)
			dp.last[i] = (size_t)-1;
		for (i = 0; i < fm->nfields; i++) {
			dp.g = fm->fields[i];
			dp.i = i;
			each_dep(c, i, slots, nitems(slots), dependent_add,
			    &dp);
		}
		if (dp.pass == 1)
			break;
		for (i = 0; i < fm->nfields; i++) {
			t = fm->fields[i];
			if (t->ndependents > 0)
				t->dependents = xreallocarray(NULL,
				    t->ndependents, sizeof *t->dependents);
			t->ndependents = 0;
		}
	}
	free(dp.last);
}

/* True when an answer of field type ft may be saved to a property of type
 * pt (a text property takes anything; decimals take integers). */
static bool
save_compatible(enum field_type ft, const char *pt)
{
	if (strcmp(pt, "text") == 0 ||
	    (form_type(ft)->flags & FTF_CALCULATED) != 0)
		return true;
	if (strcmp(pt, "decimal") == 0 &&
	    (form_type(ft)->flags & FTF_NUMERIC) != 0)
		return true;
	return strcmp(pt, field_type_name(ft)) == 0;
}

/* Checks every save_to against the case type of the form. */
static void
check_save_to(struct lctx *c)
{
	const struct form		*fm = c->form;
	const struct case_type		*ct = c->ct;
	const struct case_property	*p;
	const struct ynode		*n;
	const struct field		*f;
	const char			*best;
	size_t				 i, k, bestd, dist;

	for (i = 0; i < fm->nfields; i++) {
		f = fm->fields[i];
		if ((n = c->src[i].save_to) == NULL || f->save_to == NULL)
			continue;
		if (fm->case_type == NULL) {
			diags_add(c->d, c->path, n->line, n->col,
			    _("'save_to' in a form without a 'case'"));
			continue;
		}
		if (field_repeat(f) != NULL) {
			diags_add(c->d, c->path, n->line, n->col,
			    _("'save_to' inside a repeat (which answer would "
			    "the case keep?)"));
			continue;
		}
		if (ct == NULL)
			continue;
		p = NULL;
		best = NULL;
		bestd = form_suggest_cap(f->save_to);
		for (k = 0; k < ct->nprops && p == NULL; k++) {
			if (strcmp(ct->props[k].id, f->save_to) == 0)
				p = &ct->props[k];
			else if ((dist = str_distance(f->save_to,
			    ct->props[k].id, bestd)) < bestd) {
				bestd = dist;
				best = ct->props[k].id;
			}
		}
		if (p == NULL && best != NULL)
			diags_add(c->d, c->path, n->line, n->col,
			    _("case type '%s' has no property '%s'; did you "
			    "mean '%s'?"), ct->id, f->save_to, best);
		else if (p == NULL)
			diags_add(c->d, c->path, n->line, n->col,
			    _("case type '%s' has no property '%s'"), ct->id,
			    f->save_to);
		else if (!save_compatible(f->type, p->type))
			diags_add(c->d, c->path, n->line, n->col,
			    _("field '%s' has type %s but case property '%s' "
			    "has type %s"), f->id, field_type_name(f->type), p->id,
			    p->type);
	}
}

/* Runs the whole-form checks (see form-int.h). */
/* The reason of a reopening form names a required question outside
 * repeats: a case is never reopened without saying why. */
static void
check_reason(struct lctx *c)
{
	const struct field	*f;

	if (c->form->reason == NULL)
		return;
	f = form_find_field(c->form, c->form->reason);
	if (f == NULL || !field_has_value(f) || field_repeat(f) != NULL ||
	    (!f->required && f->calculation == NULL))
		diags_add(c->d, c->path, c->form->line, 1, _("'reason' "
		    "names '%s', which is not a required question of the "
		    "form outside repeats"), c->form->reason);
}

/* close_when names questions of the form outside repeats. */
static void
check_close_when(struct lctx *c)
{
	const char *const	*names;
	const struct field	*f;
	size_t			 i, n;

	if (c->form->close_when == NULL)
		return;
	n = expr_deps(c->form->close_when, &names);
	for (i = 0; i < n; i++) {
		f = form_find_field(c->form, names[i]);
		if (f == NULL || !field_has_value(f) || field_repeat(f) != NULL)
			diags_add(c->d, c->path, c->close_when.node->line,
			    c->close_when.node->col, _("'close_when' names "
			    "'%s', which is not a question of the form outside "
			    "repeats"), names[i]);
	}
}

void
form_check_form(struct lctx *c)
{
	check_ids(c);
	check_refs(c);
	check_text_refs(c);
	check_cycles(c);
	check_save_to(c);
	check_reason(c);
	check_close_when(c);
	build_dependents(c);
}
