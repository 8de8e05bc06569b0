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

void
screen_case_pane_draw(struct case_pane *p)
{
	int	rows = LINES - 4, y, i;

	if (p->top > (int)p->n - rows)
		p->top = (int)p->n - rows;
	if (p->top < 0)
		p->top = 0;
	attron(A_BOLD);
	tui_put(1, 1, p->title, COLS - 2);
	attroff(A_BOLD);
	for (i = 0, y = 2; i < rows - 1 && p->top + i < (int)p->n;
	    i++, y++)
		tui_put(y, 1, p->lines[p->top + i], COLS - 2);
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

int
screen_case_pane_record(struct case_pane *p, const struct record_info *r)
{
	const struct form	*f;
	struct hist_ctx		 h;
	const struct answers	*a = &h.a;
	char			*dp, *label;
	const char		*inst, *end;
	size_t			 i, len;

	if (hist_ctx_load(&h, r) == -1) {
		hist_ctx_free(&h);
		return TUI_REDRAW;
	}
	f = h.f;
	screen_case_pane_free(p);
	for (i = 0; i < a->n; i++) {
		len = strlen(a->v[i].path);
		if (len > 0 && a->v[i].path[len - 1] == ']')
			continue;
		dp = record_display_path(a, a->v[i].path);
		label = tui_answer_label(f, a, a->v[i].path);
		/* Inside a repeat: the instance numbers after the label,
		 * "Age of the child [1]" (the path's field id left out). */
		if ((inst = strchr(dp, '[')) != NULL &&
		    (end = strrchr(inst, '.')) != NULL)
			pane_add(p, xasprintf("%s %.*s: %s", label,
			    (int)(end - inst), inst,
			    value_text(f, a->v[i].path, a->v[i].value)));
		else
			pane_add(p, xasprintf("%s: %s", label,
			    value_text(f, a->v[i].path, a->v[i].value)));
		free(label);
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
