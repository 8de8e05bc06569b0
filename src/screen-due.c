/*
 * screen-due.c: the work list (F6 on the case list): one line per visit
 * or date due, the same rows as `onward due` (store_due), sorted by date:
 * the date, the person, what is due and how late.  Filters on screen:
 * today, this week, overdue, missed; the worker's own cases or everyone's.
 * Enter opens the form that completes the item for that person, with the
 * item shown at the top of the form.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	DU_OPEN,
	DU_TODAY,
	DU_WEEK,
	DU_OVERDUE,
	DU_MISSED,
	DU_MINE,
	DU_BACK,
	DU_UP,
	DU_DOWN,
	DU_PGUP,
	DU_PGDN
};
static const struct tui_key due_key_list[] = {
	{ DU_OPEN,	{ TUI_ENTER },			N_("Open the form"),
	  TUI_KEY_LINE },
	{ DU_TODAY,	{ TUI_FKEY(KEY_F(2)), 't' },	N_("Today"),
	  TUI_KEY_LINE },
	{ DU_WEEK,	{ TUI_FKEY(KEY_F(3)), 'w' },	N_("This week"),
	  TUI_KEY_LINE },
	{ DU_OVERDUE,	{ TUI_FKEY(KEY_F(4)), 'o' },	N_("Overdue"),
	  TUI_KEY_LINE },
	{ DU_MISSED,	{ TUI_FKEY(KEY_F(5)), 'm' },	N_("Missed"),
	  TUI_KEY_LINE },
	{ DU_MINE,	{ TUI_FKEY(KEY_F(6)), 'u' },
	  N_("My cases or everyone's"), TUI_KEY_LINE },
	{ DU_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ DU_UP,	{ TUI_FKEY(KEY_UP) },		N_("Previous"), 0 },
	{ DU_DOWN,	{ TUI_FKEY(KEY_DOWN) },		N_("Next"), 0 },
	{ DU_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Previous page"), 0 },
	{ DU_PGDN,	{ TUI_FKEY(KEY_NPAGE) },	N_("Next page"), 0 },
};
static const struct tui_keymap due_keys = {
	N_("Work list"), due_key_list, nitems(due_key_list)
};

static struct {
	struct due_row	*v;
	size_t		 n;
	size_t		 sel;
	size_t		 top;
	enum due_filter	 filter;
	bool		 mine;		/* only the cases of who works here */
} du;

/* Frees the rows. */
static void
due_free(void)
{
	size_t	i;

	for (i = 0; i < du.n; i++)
		due_row_free(&du.v[i]);
	free(du.v);
	du.v = NULL;
	du.n = 0;
}

/* Who works here: the account signed in, else the worker setting. */
static const char *
due_me(void)
{
	return tui.app->account != NULL ? tui.app->account : tui.app->worker;
}

/* Reads the rows anew for the filters. */
static void
due_load(void)
{
	struct due_query	 q;
	char			*cause;

	due_free();
	memset(&q, 0, sizeof q);
	q.filter = du.filter;
	q.worker = du.mine ? due_me() : NULL;
	if (store_due(tui.app->store, &q, &du.v, &du.n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
	}
	if (du.sel >= du.n)
		du.sel = du.n > 0 ? du.n - 1 : 0;
	if (du.top > du.sel)
		du.top = du.sel;
}

static int
due_open(const void *arg)
{
	(void)arg;
	memset(&du, 0, sizeof du);
	du.filter = DUE_TODAY;
	due_load();
	return 0;
}

static void
due_close(void)
{
	due_free();
}

static void
due_resume(void)
{
	due_load();
}

static bool
due_typing(void)
{
	return false;
}

/* How late a row is, in words (caller frees). */
static char *
due_how_late(const struct due_row *r)
{
	switch (r->state) {
	case VISIT_MISSED:
		/* TRANSLATORS: a visit whose window closed on that date. */
		return xasprintf(_("missed (window closed %s)"), r->hi);
	case VISIT_LATE:
		return xasprintf(ngettext("%d day late", "%d days late",
		    r->late), r->late);
	case VISIT_PLANNED:
		return xasprintf(_("from %s"), r->lo);
	default:
		return xstrdup(strcmp(r->target, r->lo) == 0 ||
		    r->kind == DUE_DATE ? _("due today") : _("due"));
	}
}

/* The filters' line. */
static void
due_draw_filters(void)
{
	static const char *const names[] = {
		[DUE_TODAY] = N_("due today"),
		[DUE_WEEK] = N_("due this week"),
		[DUE_OVERDUE] = N_("overdue"),
		[DUE_MISSED] = N_("missed"),
	};
	char	*s;

	/* TRANSLATORS: the work list's filters: what, whose, how many. */
	s = xasprintf(_("Showing: %s (F2-F5), %s (F6): %zu"),
	    _(names[du.filter]), du.mine ? _("my cases") :
	    _("every worker's cases"), du.n);
	attron(tui_attr(TR_HEADING));
	tui_put(1, 1, s, COLS - 2);
	attroff(tui_attr(TR_HEADING));
	free(s);
}

static void
due_draw(void)
{
	char	*label, *late, *s;
	size_t	 i, rows;
	int	 y = 3, attr;

	tui_draw_title(_("Work list"), tui.app->site);
	due_draw_filters();
	if (du.n == 0) {
		attron(tui_attr(TR_DIM));
		tui_put(y, 2, _("nothing is due for these filters (F2-F6 "
		    "change them)"), COLS - 4);
		attroff(tui_attr(TR_DIM));
	}
	rows = LINES > 6 ? (size_t)(LINES - 6) : 1;
	if (du.sel >= du.top + rows)
		du.top = du.sel - rows + 1;
	for (i = du.top; i < du.n && i < du.top + rows; i++, y++) {
		label = due_row_label(tui.app->pack, &du.v[i]);
		late = due_how_late(&du.v[i]);
		/* TRANSLATORS: date, person, what is due, how late. */
		s = xasprintf(_("%s  %-24s  %s  %s"), du.v[i].target,
		    du.v[i].name != NULL ? du.v[i].name : du.v[i].case_id,
		    label, late);
		attr = i == du.sel ? tui_attr(TR_SELECTED) :
		    du.v[i].state == VISIT_LATE ||
		    du.v[i].state == VISIT_MISSED ? tui_attr(TR_ERROR) : 0;
		attron(attr);
		tui_put_pad(y, 2, s, COLS - 4);
		attroff(attr);
		if (i == du.sel)
			mvaddch(y, 0, '>');
		free(s);
		free(late);
		free(label);
	}
	tui_draw_helpline();
}

/* Opens the form that completes the row selected, for its case. */
static int
due_open_form(void)
{
	struct screen_form_arg	 fa;
	const struct due_row	*r;
	char			*label, *visit;

	if (du.sel >= du.n)
		return TUI_NONE;
	r = &du.v[du.sel];
	if (form_pack_find(tui.app->pack, r->form) == NULL) {
		tui_error(_("the pack has no form '%s'"), r->form);
		return TUI_REDRAW;
	}
	label = due_row_label(tui.app->pack, r);
	/* TRANSLATORS: shown at the top of the form: what it completes. */
	visit = xasprintf(_("%s, due %s"), label, r->target);
	memset(&fa, 0, sizeof fa);
	fa.form_id = r->form;
	fa.case_id = r->case_id;
	fa.visit = visit;
	tui_push(SCREEN_FORM, &fa);
	free(visit);
	free(label);
	return TUI_REDRAW;
}

/* Sets the filter and reads the rows again. */
static int
due_filter(enum due_filter f)
{
	du.filter = f;
	du.sel = du.top = 0;
	due_load();
	return TUI_REDRAW;
}

static int
due_key(int key)
{
	size_t	page = LINES > 6 ? (size_t)(LINES - 6) : 1;

	switch (tui_key_action(&due_keys, key, false)) {
	case DU_OPEN:
		return due_open_form();
	case DU_TODAY:
		return due_filter(DUE_TODAY);
	case DU_WEEK:
		return due_filter(DUE_WEEK);
	case DU_OVERDUE:
		return due_filter(DUE_OVERDUE);
	case DU_MISSED:
		return due_filter(DUE_MISSED);
	case DU_MINE:
		du.mine = !du.mine;
		return due_filter(du.filter);
	case DU_BACK:
		tui_pop();
		return TUI_REDRAW;
	case DU_UP:
		if (du.sel > 0)
			du.sel--;
		if (du.top > du.sel)
			du.top = du.sel;
		return TUI_REDRAW;
	case DU_DOWN:
		if (du.sel + 1 < du.n)
			du.sel++;
		return TUI_REDRAW;
	case DU_PGUP:
		du.sel = du.sel > page ? du.sel - page : 0;
		if (du.top > du.sel)
			du.top = du.sel;
		return TUI_REDRAW;
	case DU_PGDN:
		du.sel = du.sel + page < du.n ? du.sel + page :
		    du.n > 0 ? du.n - 1 : 0;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_due = {
	.id = SCREEN_DUE,
	.title = N_("Work list"),
	.keys = &due_keys,
	.open = due_open,
	.close = due_close,
	.resume = due_resume,
	.draw = due_draw,
	.key = due_key,
	.typing = due_typing,
};
