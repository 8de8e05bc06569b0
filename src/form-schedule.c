/*
 * form-schedule.c: the schedules of a case type in cases.yaml and the
 * `due:` of date fields (see onward-forms(5)), checked as they are read;
 * what needs every form (the form a schedule names, a due's done_by) is
 * checked once the pack is loaded.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

static const char *const sched_keys[] = {
	"id", "label", "form", "from", "days", "window", "every", "until",
	"when", "stop", "grace"
};
enum { SK_ID, SK_LABEL, SK_FORM, SK_FROM, SK_DAYS, SK_WINDOW, SK_EVERY,
    SK_UNTIL, SK_WHEN, SK_STOP, SK_GRACE };
static const char *const due_keys[] = { "label", "done_by" };

/* The most visits an `every` schedule makes. */
#define SCHED_MAX_REPEATS	400

/* Frees what n schedules hold, and the array. */
void
form_schedules_free(struct schedule *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].label);
		free(v[i].form);
		expr_free(v[i].from);
		expr_free(v[i].when);
		expr_free(v[i].stop);
		free(v[i].days);
	}
	free(v);
}

/* Reads a whole number of days between min and max into *out; false
 * (reported) otherwise. */
static bool
load_int(struct lctx *c, const struct ynode *v, const char *key, int min,
    int max, int *out)
{
	const char	*s;
	long long	 n = 0;
	bool		 neg;

	if (v->kind == YN_SCALAR && v->len > 0 && v->len <= 10) {
		s = v->s;
		if ((neg = *s == '-'))
			s++;
		for (; *s >= '0' && *s <= '9' && n < INT_MAX; s++)
			n = n * 10 + (*s - '0');
		if (neg)
			n = -n;
		if (*s == '\0' && s[-1] != '-' && n >= min && n <= max) {
			*out = (int)n;
			return true;
		}
	}
	if (min > 0)
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' must be a positive number of days, not '%s'"), key,
		    v->kind == YN_SCALAR ? v->s : "...");
	else if (min == 0)
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' must be a number of days (0 or more), not '%s'"),
		    key, v->kind == YN_SCALAR ? v->s : "...");
	else
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' must be a number of days, not '%s'"), key,
		    v->kind == YN_SCALAR ? v->s : "...");
	return false;
}

/*
 * Parses a schedule expression (key) over the case's properties: every
 * ${...} must be ${case.PROP} of ct, and of type date when `dates`.  A
 * bare property name stands for ${case.NAME}.  NULL (reported) when bad.
 */
static struct expr *
load_case_expr(struct lctx *c, const struct case_type *ct,
    const struct ynode *v, const char *key, bool dates)
{
	const struct case_property	*p;
	const char *const		*deps;
	struct fexpr			 x;
	struct ynode			 bare;
	struct expr			*e;
	char				*src;
	size_t				 i, n;
	int				 line, col;

	memset(&x, 0, sizeof x);
	if (v->kind == YN_SCALAR && form_is_name(v->s, false) &&
	    form_case_prop(ct, v->s) != NULL) {
		/* `from: training_end_date`, as packs wrote it first. */
		src = xasprintf("${case.%s}", v->s);
		bare = *v;
		bare.s = src;
		bare.len = strlen(src);
		bare.exact = false;
		e = form_load_expr(c, &bare, key, &x, NULL, false);
		free(src);
		v = &bare;
	} else
		e = form_load_expr(c, v, key, &x, NULL, false);
	if (e == NULL)
		return NULL;
	n = expr_deps(e, &deps);
	for (i = 0; i < n; i++) {
		form_expr_pos(&x, expr_dep_col(e, i), &line, &col);
		if (strncmp(deps[i], "case.", 5) != 0) {
			diags_add(c->d, c->path, line, col,
			    _("'%s' reads only case properties, as "
			    "${case.PROPERTY}, not ${%s}"), key, deps[i]);
			continue;
		}
		if ((p = form_case_prop(ct, deps[i] + 5)) == NULL) {
			diags_add(c->d, c->path, line, col,
			    _("'%s': case type '%s' has no property '%s'"),
			    key, ct->id, deps[i] + 5);
			continue;
		}
		if (dates && strcmp(p->type, "date") != 0)
			diags_add(c->d, c->path, line, col,
			    _("'from' must give a date; property '%s' has "
			    "type %s"), p->id, p->type);
	}
	if (dates && n == 0)
		diags_add(c->d, c->path, v->line, v->col,
		    _("'from' must give a date from the case's date "
		    "properties"));
	return e;
}

/* Reads `window: [BEFORE, AFTER]` into s. */
static void
load_window(struct lctx *c, struct schedule *s, const struct ynode *v)
{
	if (v->kind != YN_SEQ || v->n != 2) {
		diags_add(c->d, c->path, v->line, v->col,
		    _("'window' must be [days before, days after], e.g. "
		    "[-7, 21]"));
		return;
	}
	if (load_int(c, v->kids[0], "window", -100000, 0, &s->win_lo))
		load_int(c, v->kids[1], "window", 0, 100000, &s->win_hi);
}

/* Reads `days: [...]`, in increasing order with windows apart. */
static void
load_sched_days(struct lctx *c, struct schedule *s, const struct ynode *v)
{
	const struct ynode	*k;
	size_t			 j;
	int			 d;

	if (v->kind != YN_SEQ || v->n == 0) {
		diags_add(c->d, c->path, v->line, v->col,
		    _("'days' must be a list of numbers of days, e.g. "
		    "[30, 90]"));
		return;
	}
	s->days = xcalloc(v->n, sizeof *s->days);
	for (j = 0; j < v->n; j++) {
		k = v->kids[j];
		if (!load_int(c, k, "days", -100000, 100000, &d))
			continue;
		if (s->ndays > 0 && d <= s->days[s->ndays - 1])
			diags_add(c->d, c->path, k->line, k->col,
			    _("'days' must be in increasing order"));
		else if (s->ndays > 0 &&
		    s->days[s->ndays - 1] + s->win_hi >= d + s->win_lo)
			diags_add(c->d, c->path, k->line, k->col,
			    _("the window of day %d overlaps the window of "
			    "day %d: windows must not overlap"), d,
			    s->days[s->ndays - 1]);
		s->days[s->ndays++] = d;
	}
}

/* Reads `every: N` and `until: DAYS` into s. */
static void
load_sched_every(struct lctx *c, struct schedule *s, const struct ynode *every,
    const struct ynode *until, bool window)
{
	if (!load_int(c, every, "every", 1, 100000, &s->every))
		return;
	if (!window)
		s->win_hi = s->every - 1;
	else if (s->win_hi - s->win_lo >= s->every)
		diags_add(c->d, c->path, every->line, every->col,
		    _("a window of %d days overlaps the next visit, %d days "
		    "later"), s->win_hi - s->win_lo + 1, s->every);
	if (until == NULL) {
		diags_add(c->d, c->path, every->line, every->col,
		    _("'every' needs 'until' (the last day)"));
		return;
	}
	if (!load_int(c, until, "until", s->every, 100000, &s->until))
		return;
	if (s->until / s->every > SCHED_MAX_REPEATS)
		diags_add(c->d, c->path, until->line, until->col,
		    _("'until' makes more than %d visits"), SCHED_MAX_REPEATS);
}

/* Reads one schedule item into s. */
static void
load_schedule(struct lctx *c, const struct case_type *ct, struct schedule *s,
    const struct ynode **v, const struct ynode *item)
{
	s->line = item->line;
	s->col = item->col;
	s->form = form_get_text(c, v[SK_FORM], "form");
	if (s->form == NULL)
		s->form = xstrdup("");
	else {
		s->line = v[SK_FORM]->line;
		s->col = v[SK_FORM]->col;
	}
	if (v[SK_ID] == NULL)
		s->id = xstrdup(s->form);
	else if ((s->id = form_get_text(c, v[SK_ID], "id")) == NULL ||
	    !form_is_name(s->id, true)) {
		diags_add(c->d, c->path, v[SK_ID]->line, v[SK_ID]->col,
		    _("schedule id must be a lower-case letter followed by "
		    "lower-case letters, digits or _"));
		free(s->id);
		s->id = xstrdup("");
	}
	s->label = form_get_text(c, v[SK_LABEL], "label");
	s->from = load_case_expr(c, ct, v[SK_FROM], "from", true);
	if (v[SK_WHEN] != NULL)
		s->when = load_case_expr(c, ct, v[SK_WHEN], "when", false);
	if (v[SK_STOP] != NULL)
		s->stop = load_case_expr(c, ct, v[SK_STOP], "stop", false);
	if (v[SK_WINDOW] != NULL && v[SK_GRACE] != NULL)
		diags_add(c->d, c->path, v[SK_GRACE]->line, v[SK_GRACE]->col,
		    _("a schedule has 'window' or 'grace', not both"));
	else if (v[SK_WINDOW] != NULL)
		load_window(c, s, v[SK_WINDOW]);
	else if (v[SK_GRACE] != NULL)
		load_int(c, v[SK_GRACE], "grace", 0, 100000, &s->win_hi);
	if (v[SK_DAYS] != NULL && v[SK_EVERY] == NULL) {
		if (v[SK_WINDOW] == NULL && v[SK_GRACE] == NULL)
			diags_add(c->d, c->path, v[SK_DAYS]->line,
			    v[SK_DAYS]->col, _("'days' needs a 'window' "
			    "(e.g. [-7, 21]) saying when a visit counts"));
		if (v[SK_UNTIL] != NULL)
			diags_add(c->d, c->path, v[SK_UNTIL]->line,
			    v[SK_UNTIL]->col, _("'until' goes with 'every', "
			    "not 'days'"));
		load_sched_days(c, s, v[SK_DAYS]);
	} else if (v[SK_EVERY] != NULL && v[SK_DAYS] == NULL)
		load_sched_every(c, s, v[SK_EVERY], v[SK_UNTIL],
		    v[SK_WINDOW] != NULL);
	else
		diags_add(c->d, c->path, item->line, item->col,
		    _("a schedule has either 'days' (with 'window') or "
		    "'every' (with 'until')"));
}

/* Reads the schedules of case type ct (see form-int.h). */
void
form_load_schedules(struct lctx *c, struct case_type *ct,
    const struct ynode *seq)
{
	const struct ynode	*v[nitems(sched_keys)], *item;
	struct schedule		*s;
	size_t			 i, j;

	if (seq->kind != YN_SEQ) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'schedules' must be a list of {id, label, form, from, "
		    "days, window}"));
		return;
	}
	ct->schedules = xcalloc(seq->n, sizeof *ct->schedules);
	for (i = 0; i < seq->n; i++) {
		item = seq->kids[i];
		if (!form_map_keys(c, item, sched_keys, nitems(sched_keys), v,
		    _("a schedule")))
			continue;
		if (v[SK_FORM] == NULL || v[SK_FROM] == NULL) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("a schedule needs 'form' and 'from'"));
			continue;
		}
		s = &ct->schedules[ct->nschedules++];
		load_schedule(c, ct, s, v, item);
		for (j = 0; j + 1 < ct->nschedules; j++) {
			if (strcmp(ct->schedules[j].id, s->id) == 0)
				diags_add(c->d, c->path, item->line,
				    item->col, _("duplicate schedule id "
				    "'%s' in case type '%s'"), s->id, ct->id);
		}
	}
}

/* The form of forms with id, or NULL. */
static const struct form *
find_form(struct form *const *forms, size_t nforms, const char *id)
{
	size_t	i;

	for (i = 0; i < nforms; i++) {
		if (strcmp(forms[i]->id, id) == 0)
			return forms[i];
	}
	return NULL;
}

/* Checks schedules against the loaded forms (see form-int.h). */
void
form_check_schedules(const char *path, struct case_type *const *cts,
    size_t ncts, struct form *const *forms, size_t nforms, struct diags *d)
{
	const struct schedule	*s;
	const struct form	*f;
	size_t			 i, j;

	for (i = 0; i < ncts; i++) {
		for (j = 0; j < cts[i]->nschedules; j++) {
			s = &cts[i]->schedules[j];
			if ((f = find_form(forms, nforms, s->form)) == NULL)
				diags_add(d, path, s->line, s->col,
				    _("schedule names form '%s', which the "
				    "pack does not have"), s->form);
			else if (f->case_type == NULL ||
			    strcmp(f->case_type, cts[i]->id) != 0 ||
			    f->case_action == CASE_OPEN)
				diags_add(d, path, s->line, s->col,
				    _("scheduled form '%s' must update or "
				    "close cases of type '%s'"), s->form,
				    cts[i]->id);
		}
	}
}

/* Reads `due: {label, done_by}` of date field f (see form-int.h). */
struct field_due *
form_load_due(struct lctx *c, const struct field *f, const struct ynode *n)
{
	const struct ynode	*v[nitems(due_keys)];
	struct field_due	*due;

	if (!form_map_keys(c, n, due_keys, nitems(due_keys), v, "'due'"))
		return NULL;
	if (v[0] == NULL || v[1] == NULL || v[1]->kind != YN_SCALAR) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("'due' needs 'label' and 'done_by' (a form)"));
		return NULL;
	}
	if (c->form->case_type == NULL) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("'due' on field '%s' needs a form with a case"), f->id);
		return NULL;
	}
	if (field_repeat(f) != NULL) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("'due' on field '%s' cannot be inside a repeat"), f->id);
		return NULL;
	}
	due = xcalloc(1, sizeof *due);
	due->label = form_get_text(c, v[0], "label");
	due->done_by = xstrdup(v[1]->s);
	due->line = v[1]->line;
	due->col = v[1]->col;
	if (due->label == NULL)
		due->label = xstrdup("");
	return due;
}

/* Frees a due. */
void
form_due_free(struct field_due *due)
{
	if (due == NULL)
		return;
	free(due->label);
	free(due->done_by);
	free(due);
}

/* Checks the done_by forms of form's dues (see form-int.h). */
void
form_check_dues(const char *path, const struct form *form,
    struct form *const *forms, size_t nforms, struct diags *d)
{
	const struct field_due	*due;
	const struct form	*f;
	size_t			 i;

	for (i = 0; i < form->nfields; i++) {
		if ((due = form->fields[i]->due) == NULL)
			continue;
		if ((f = find_form(forms, nforms, due->done_by)) == NULL)
			diags_add(d, path, due->line, due->col,
			    _("'done_by' names form '%s', which the pack "
			    "does not have"), due->done_by);
		else if (f->case_type == NULL || form->case_type == NULL ||
		    strcmp(f->case_type, form->case_type) != 0)
			diags_add(d, path, due->line, due->col,
			    _("'done_by' form '%s' must be a form of case "
			    "type '%s'"), due->done_by, form->case_type);
	}
}
