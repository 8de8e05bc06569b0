/*
 * screen-case-pane.c: the case page's pane of lines (see screen-case.h):
 * a record's history, oldest first; a record's answers to read, with
 * labels that show answers filled in from the record and its case; every
 * detail of the case.  The pane only reads the store.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen-case.h"
#include "store.h"
#include "tui.h"
#include "util.h"

void
screen_case_pane_free(struct case_pane *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = 0;
	p->rec = NULL;
}

/* Adds a line (malloc'd; the pane owns it from here). */
static void
pane_add(struct case_pane *p, char *line)
{
	p->lines = xreallocarray(p->lines, p->n + 1, sizeof *p->lines);
	p->lines[p->n++] = line;
}

/* The rows of line s folded to cols columns, its continuation rows
 * indented two more than its own leading spaces; adds them to *rows
 * (offsets into s: starts, lens, indents), returns how many. */
static size_t
pane_fold(const char *s, int cols, size_t **st, size_t **ln, int **ind,
    size_t n)
{
	size_t	*ws, *wl, k, i;
	int	 lead = (int)strspn(s, " ");

	k = tui_wrap(s + lead, cols - lead - 2 > 8 ? cols - lead - 2 : 8, &ws,
	    &wl);
	*st = xreallocarray(*st, n + k, sizeof **st);
	*ln = xreallocarray(*ln, n + k, sizeof **ln);
	*ind = xreallocarray(*ind, n + k, sizeof **ind);
	for (i = 0; i < k; i++) {
		(*st)[n + i] = (size_t)lead + ws[i];
		(*ln)[n + i] = wl[i];
		(*ind)[n + i] = i == 0 ? lead : lead + 2;
	}
	free(ws);
	free(wl);
	return k;
}

void
screen_case_pane_draw(struct case_pane *p)
{
	size_t	*st = NULL, *ln = NULL, *line = NULL, nrows = 0, k, i, j;
	int	*ind = NULL, rows = LINES - 4, y, r, cols = COLS - 2;
	char	*s;

	/* Every line folded to the screen's width, never cut. */
	for (i = 0; i < p->n; i++) {
		k = pane_fold(p->lines[i], cols, &st, &ln, &ind, nrows);
		line = xreallocarray(line, nrows + k, sizeof *line);
		for (j = 0; j < k; j++)
			line[nrows + j] = i;
		nrows += k;
	}
	if (p->top > (int)nrows - (rows - 1))
		p->top = (int)nrows - (rows - 1);
	if (p->top < 0)
		p->top = 0;
	attron(A_BOLD);
	tui_put(1, 1, p->title, COLS - 2);
	attroff(A_BOLD);
	for (r = 0, y = 2; r < rows - 1 && p->top + r < (int)nrows;
	    r++, y++) {
		k = (size_t)(p->top + r);
		s = xstrndup(p->lines[line[k]] + st[k], ln[k]);
		tui_put(y, 1 + ind[k], s, cols - ind[k]);
		free(s);
	}
	free(st);
	free(ln);
	free(ind);
	free(line);
}

/* A value as people read it: a one-choice answer by its label. */
static const char *
value_text(const struct form *f, const char *path, const char *v)
{
	const struct field	*fld = tui_path_field(f, path);
	const struct choice	*c;

	if (v == NULL)
		return _("(deleted)");
	if (fld != NULL && field_is_link(fld))
		return tui_link_text(v);
	if (fld != NULL && field_is_select(fld) && !field_is_multiple(fld) &&
	    (c = field_find_choice(fld, v)) != NULL)
		return form_text(c->label);
	return v;
}

/* What the history's lines are made from: the record's form, and its
 * answers now (with its case's) for labels that show answers. */
struct hist_ctx {
	const struct form	*f;
	struct answers		 a, props;
	struct case_pane	*pane;		/* where the lines go */
};

static void
hist_line(void *arg, const struct change_info *c)
{
	struct hist_ctx		*h = arg;
	const struct form	*f = h->f;
	const char		*who = c->author != NULL ? c->author : "?";
	char			*s, *p, *label;

	if (strcmp(c->path, "@record") == 0)
		s = xasprintf("%.10s %.5s  %-12s  %s", c->time, c->time + 11,
		    who, c->value != NULL ? _("record created") :
		    _("record deleted"));
	else {
		label = tui_answer_label(f, &h->a, c->path);
		if (c->old_value == NULL)
			s = xasprintf("%.10s %.5s  %-12s  %s: %s", c->time,
			    c->time + 11, who, label,
			    value_text(f, c->path, c->value));
		else
			s = xasprintf("%.10s %.5s  %-12s  %s: %s -> %s",
			    c->time, c->time + 11, who, label,
			    value_text(f, c->path, c->old_value),
			    value_text(f, c->path, c->value));
		free(label);
	}
	/* One line each: a value's tabs and line breaks become spaces. */
	for (p = s; *p != '\0'; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	pane_add(h->pane, s);
}

static void
hist_ctx_free(struct hist_ctx *h)
{
	answers_free(&h->a);
	answers_free(&h->props);
}

/* The record's answers now and its case's properties, for labels that
 * show answers; -1 (said, with none) when the record cannot be read. */
static int
hist_ctx_load(struct hist_ctx *h, const struct record_info *r)
{
	struct record_info	 ri;
	char			*cause = NULL;

	h->f = tui.app->pack != NULL ? form_pack_find(tui.app->pack, r->form) : NULL;
	answers_init(&h->a);
	answers_init(&h->props);
	if (store_load_record(tui.app->store, r->id, &ri, &h->a, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
		return -1;
	}
	if (ri.case_id != NULL && store_case_props(tui.app->store, ri.case_id,
	    NULL, &h->props, &cause) == -1)
		free(cause);
	h->a.case_props = &h->props;
	record_info_free(&ri);
	return 0;
}

int
screen_case_pane_details(struct case_pane *p, const struct case_type *ct,
    const struct answers *props)
{
	const char		*v;
	size_t			 i;

	if (ct == NULL)
		return TUI_NONE;
	screen_case_pane_free(p);
	for (i = 0; i < ct->nprops; i++) {
		v = answers_get(props, ct->props[i].id);
		if (v == NULL || *v == '\0')
			continue;
		pane_add(p, xasprintf("%s: %s", form_text(ct->props[i].label),
		    tui_prop_text(ct, ct->props[i].id, v)));
	}
	if (p->n == 0) {
		tui_error("%s", _("nothing is recorded about this case yet"));
		return TUI_REDRAW;
	}
	p->title = _("All details of the case");
	p->top = 0;
	return TUI_REDRAW;
}

int
screen_case_pane_history(struct case_pane *p, const struct record_info *r)
{
	struct hist_ctx		 h;
	char			*cause = NULL;

	p->title = _("History of the record, oldest first");
	screen_case_pane_free(p);
	(void)hist_ctx_load(&h, r);	/* labels unfilled */
	h.pane = p;
	if (store_record_history(tui.app->store, r->id, hist_line, &h,
	    &cause) == -1)
		screen_case_pane_free(p);
	hist_ctx_free(&h);
	if (cause != NULL) {
		tui_error("%s", cause);
		free(cause);
		return TUI_REDRAW;
	}
	if (p->n == 0)
		tui_message("%s", _("This record has no history."));
	p->top = 0;
	return TUI_REDRAW;
}

/* What the lines of a record's answers are made from. */
struct read_ctx {
	const struct form	*f;
	const struct answers	*a;
	struct case_pane	*pane;
};

/* A line of the record's answers, indented depth steps. */
static void
read_line(struct read_ctx *r, int depth, const char *label, const char *v)
{
	if (v != NULL)
		pane_add(r->pane, xasprintf("%*s%s: %s", depth * 2, "", label,
		    v));
	else
		pane_add(r->pane, xasprintf("%*s%s", depth * 2, "", label));
}

/* True when some answer of the record lies under container c inside
 * instance prefix. */
static bool
read_has_answers(const struct read_ctx *r, const struct field *c,
    const char *prefix)
{
	const struct field	*f;
	char			**ids, *path;
	size_t			  i, n;
	bool			  has = false;

	for (i = 0; i < c->nchildren && !has; i++) {
		f = c->children[i];
		if (field_is_repeat(f)) {
			n = record_instances(r->a, f, prefix, &ids);
			record_free_ids(ids, n);
			has = n > 0;
		} else if (field_is_container(f))
			has = read_has_answers(r, f, prefix);
		else {
			path = record_path(f, prefix);
			has = answers_get(r->a, path) != NULL;
			free(path);
		}
	}
	return has;
}

static void	read_fields(struct read_ctx *, struct field *const *, size_t,
		    const char *, int);

/* A repeat's instances, each numbered under the repeat's label. */
static void
read_repeat(struct read_ctx *r, const struct field *f, const char *prefix,
    int depth)
{
	char	**ids, *label, *inner;
	size_t	  n, i;

	n = record_instances(r->a, f, prefix, &ids);
	for (i = 0; i < n; i++) {
		inner = xasprintf("%s%s[%s].", prefix, f->id, ids[i]);
		label = xasprintf("%s %zu", f->label != NULL ?
		    form_text(f->label) : f->id, i + 1);
		read_line(r, depth, label, NULL);
		free(label);
		read_fields(r, f->children, f->nchildren, inner, depth + 1);
		free(inner);
	}
	record_free_ids(ids, n);
}

/* The answered fields of v (inside instance prefix) in form order:
 * groups under their label, repeats by instance. */
static void
read_fields(struct read_ctx *r, struct field *const *v, size_t n,
    const char *prefix, int depth)
{
	const struct field	*f;
	const char		*ans;
	char			*path, *label, *text;
	size_t			 i;

	for (i = 0; i < n; i++) {
		f = v[i];
		if (field_is_repeat(f)) {
			read_repeat(r, f, prefix, depth);
			continue;
		}
		if (field_is_container(f)) {
			if (!read_has_answers(r, f, prefix))
				continue;
			if (f->label != NULL && *f->label != '\0') {
				read_line(r, depth, form_text(f->label), NULL);
				read_fields(r, f->children, f->nchildren,
				    prefix, depth + 1);
			} else
				read_fields(r, f->children, f->nchildren,
				    prefix, depth);
			continue;
		}
		path = record_path(f, prefix);
		ans = answers_get(r->a, path);
		/* A calculation without a label is the form's own
		 * bookkeeping, not an answer to read. */
		if (ans != NULL && *ans != '\0' && f->type != FT_NOTE &&
		    (f->type != FT_CALCULATE ||
		    (f->label != NULL && *f->label != '\0'))) {
			label = tui_answer_label(r->f, r->a, path);
			text = field_is_select(f) ? field_choice_text(f, ans) :
			    xstrdup(ans);
			read_line(r, depth, label, text);
			free(text);
			free(label);
		}
		free(path);
	}
}

int
screen_case_pane_record(struct case_pane *p, const struct record_info *r)
{
	struct hist_ctx		 h;
	struct read_ctx		 rc;
	const struct answers	*a = &h.a;
	char			*dp;
	size_t			 i, len;

	if (hist_ctx_load(&h, r) == -1) {
		hist_ctx_free(&h);
		return TUI_REDRAW;
	}
	screen_case_pane_free(p);
	memset(&rc, 0, sizeof rc);
	rc.f = h.f;
	rc.a = a;
	rc.pane = p;
	if (h.f != NULL)
		read_fields(&rc, h.f->top, h.f->ntop, "", 0);
	/* Answers the form does not know (a field of an older version, or
	 * no form at all): by their path, last. */
	for (i = 0; i < a->n; i++) {
		len = strlen(a->v[i].path);
		if ((len > 0 && a->v[i].path[len - 1] == ']') ||
		    (h.f != NULL && tui_path_field(h.f, a->v[i].path) != NULL))
			continue;
		dp = record_display_path(a, a->v[i].path);
		read_line(&rc, 0, dp, value_text(h.f, a->v[i].path,
		    a->v[i].value));
		free(dp);
	}
	hist_ctx_free(&h);
	if (p->n == 0)
		pane_add(p, xstrdup(_("(no answers)")));
	p->title = _("The record's answers: Enter edits it, F6 deletes it, "
	    "Esc goes back");
	p->rec = r;
	p->top = 0;
	return TUI_REDRAW;
}
