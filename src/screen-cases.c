/*
 * screen-cases.c: the case list, the home screen.  Search as you type,
 * filters by case type, open or closed, and follow-ups due; a count; one
 * page of rows fetched at a time, so 100,000 cases open as fast as ten.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "form.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	CA_OPEN,
	CA_NEW,
	CA_TYPE,
	CA_CLOSED,
	CA_DUE,
	CA_WORK,
	CA_MINE,
	CA_HANDOVER,
	CA_SYNC,
	CA_CONFLICTS,
	CA_REPORT,
	CA_SETTINGS,
	CA_QUIT,
	CA_CLEAR,
	CA_UP,
	CA_DOWN,
	CA_PGUP,
	CA_PGDN
};
static const struct tui_key cases_key_list[] = {
	{ CA_OPEN,	{ TUI_ENTER },			N_("Open"),
	  TUI_KEY_LINE },
	{ CA_NEW,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('n') },		N_("New"),
	  TUI_KEY_LINE },
	{ CA_TYPE,	{ TUI_FKEY(KEY_F(3)), TUI_CTRL('t') },		N_("Filter by type"),
	  0 },
	{ CA_CLOSED,	{ TUI_FKEY(KEY_F(4)), TUI_CTRL('p') },
	  N_("Filter open, closed or both"), 0 },
	{ CA_SYNC,	{ TUI_FKEY(KEY_F(5)), TUI_CTRL('y') },		N_("Sync"),
	  TUI_KEY_LINE },
	{ CA_WORK,	{ TUI_FKEY(KEY_F(6)) },	N_("Work list"),
	  TUI_KEY_LINE },
	{ CA_DUE,	{ TUI_CTRL('v') },
	  N_("Filter follow-ups due"), 0 },
	/* Conflicts and reports are a supervisor's: the first to leave
	 * the line when it does not fit (F1 lists them). */
	{ CA_CONFLICTS,	{ TUI_FKEY(KEY_F(7)), TUI_CTRL('r') },		N_("Conflicts"),
	  TUI_KEY_LINE | TUI_KEY_SPARE },
	{ CA_MINE,	{ TUI_FKEY(KEY_F(11)) },
	  N_("My cases or everyone's"), 0 },
	{ CA_HANDOVER,	{ TUI_FKEY(KEY_F(12)) },
	  N_("Hand over a worker's cases (supervisors)"), 0 },
	{ CA_REPORT,	{ TUI_FKEY(KEY_F(8)), TUI_CTRL('x') },		N_("Reports"),
	  TUI_KEY_LINE | TUI_KEY_SPARE },
	{ CA_SETTINGS,	{ TUI_FKEY(KEY_F(9)), TUI_CTRL('o') },		N_("Settings"),
	  TUI_KEY_LINE },
	{ CA_QUIT,	{ TUI_FKEY(KEY_F(10)), TUI_CTRL('q') },	N_("Quit"),
	  TUI_KEY_LINE },
	{ CA_CLEAR,	{ TUI_ESC },			N_("Clear the search"),
	  0 },
	{ CA_UP,	{ TUI_FKEY(KEY_UP) },		N_("Previous case"), 0 },
	{ CA_DOWN,	{ TUI_FKEY(KEY_DOWN) },		N_("Next case"), 0 },
	{ CA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Previous page"), 0 },
	{ CA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },	N_("Next page"), 0 },
};
static const struct tui_keymap cases_keys = {
	N_("Case list"), cases_key_list, nitems(cases_key_list)
};

static struct {
	bool		 open;
	struct tui_text	 search;
	int		 type;		/* index in pack->case_types, -1 all */
	int		 closed;	/* as struct case_query */
	bool		 due;
	bool		 everyone;	/* else only the worker's own */
	struct case_row	*rows;		/* the page shown */
	size_t		 nrows;
	size_t		 total;
	bool		 any;		/* the store has cases at all */
	size_t		 top;		/* offset of rows[0] */
	size_t		 sel;		/* absolute index of the selection */
	size_t		 page;		/* rows that fit */
	size_t		 drafts;	/* unfinished registrations */
	char		*error;
} cl;

static void
rows_free(void)
{
	size_t	i;

	for (i = 0; i < cl.nrows; i++)
		case_row_free(&cl.rows[i]);
	free(cl.rows);
	cl.rows = NULL;
	cl.nrows = 0;
}

/* Whose cases "my cases" are: the account signed in, else (a store
 * without accounts) the worker setting; NULL for nobody. */
static const char *
my_name(void)
{
	return tui.app->account != NULL ? tui.app->account : tui.app->worker;
}

/* Fetches the page that holds the selection. */
static void
fetch(void)
{
	struct case_query	 q;
	char			*cause = NULL;

	rows_free();
	free(cl.error);
	cl.error = NULL;
	if (cl.page == 0)
		cl.page = 1;
	if (cl.sel < cl.top)
		cl.top = cl.sel;
	if (cl.sel >= cl.top + cl.page)
		cl.top = cl.sel - cl.page + 1;
	memset(&q, 0, sizeof q);
	q.type = cl.type >= 0 ? tui.app->pack->case_types[cl.type]->id : NULL;
	q.search = cl.search.s;
	q.closed = cl.closed;
	q.due_only = cl.due;
	q.owner = cl.everyone ? NULL : my_name();
	q.offset = cl.top;
	q.limit = cl.page;
	if (store_cases(tui.app->store, &q, &cl.rows, &cl.nrows, &cl.total,
	    &cause) == -1) {
		cl.error = cause;
		cl.rows = NULL;
		cl.nrows = 0;
		cl.total = 0;
	}
	/* Nothing shown: are there no cases at all, or do the filters hide
	 * them? The message says which. */
	cl.any = cl.total > 0;
	if (cl.error == NULL && cl.total == 0) {
		struct case_query	 all = { .closed = -1, .limit = 1 };
		struct case_row		*r = NULL;
		size_t			 n = 0, t = 0, i;

		if (store_cases(tui.app->store, &all, &r, &n, &t, &cause) == 0) {
			cl.any = t > 0;
			for (i = 0; i < n; i++)
				case_row_free(&r[i]);
			free(r);
		} else
			free(cause);
	}
	if (cl.total > 0 && cl.sel >= cl.total) {
		cl.sel = cl.total - 1;
		if (cl.sel < cl.top) {
			cl.top = cl.sel >= cl.page ? cl.sel - cl.page + 1 : 0;
			fetch();
		}
	}
}

/* Counts the drafts that belong to no case yet (registrations begun and
 * not finalized): F2 offers them again. */
static void
count_drafts(void)
{
	struct draft_info	*d = NULL;
	char			*cause = NULL;
	size_t			 n = 0, i;

	cl.drafts = 0;
	if (store_drafts(tui.app->store, NULL, &d, &n, &cause) == -1) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		if (d[i].case_id == NULL && d[i].record_id == NULL)
			cl.drafts++;
		draft_info_free(&d[i]);
	}
	free(d);
}

/* Rows of the list that fit on this terminal. */
static size_t
page_rows(void)
{
	int	n = LINES - 7;

	return n > 1 ? (size_t)n : 1;
}

static int
cases_open(const void *arg)
{
	(void)arg;
	if (!cl.open) {
		tui_text_init(&cl.search);
		cl.open = true;
		cl.type = -1;
		cl.closed = 0;
		/* The list opens on the worker's own cases. */
		cl.everyone = my_name() == NULL;
	}
	cl.sel = cl.top = 0;
	cl.page = page_rows();
	fetch();
	count_drafts();
	return 0;
}

/* Shown again (a form was saved): the rows and drafts anew. */
static void
cases_refresh(void)
{
	if (cl.open) {
		fetch();
		count_drafts();
	}
}

static void
cases_close(void)
{
	if (!cl.open)
		return;
	rows_free();
	tui_text_free(&cl.search);
	free(cl.error);
	memset(&cl, 0, sizeof cl);
}

/* The search field always has the focus. */
static bool
cases_typing(void)
{
	return true;
}

/* A row's own list columns but its name, run together (caller frees). */
static char *
row_details(const struct case_row *r)
{
	const struct case_type	*rt;
	struct buf		 b;
	size_t			 k;

	buf_init(&b);
	rt = r->type != NULL ? form_pack_case_type(tui.app->pack, r->type) : NULL;
	for (k = 0; rt != NULL && k < r->ncols && k < rt->ncolumns; k++) {
		if (r->cols[k] == NULL || *r->cols[k] == '\0' ||
		    (rt->name_property != NULL &&
		    strcmp(rt->columns[k], rt->name_property) == 0))
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, tui_prop_text(rt, rt->columns[k], r->cols[k]));
	}
	return buf_detach(&b);
}

/* The case type whose columns head the list, or NULL for a mix. */
static const struct case_type *
shown_type(void)
{
	if (cl.type >= 0)
		return tui.app->pack->case_types[cl.type];
	if (tui.app->pack->ncase_types == 1)
		return tui.app->pack->case_types[0];
	return NULL;
}

static const char *
prop_label(const struct case_type *ct, const char *id)
{
	size_t	i;

	for (i = 0; i < ct->nprops; i++) {
		if (strcmp(ct->props[i].id, id) == 0)
			return form_text(ct->props[i].label);
	}
	return id;
}

static const char *
type_title(const char *id)
{
	const struct case_type	*ct = form_pack_case_type(tui.app->pack, id);

	return ct != NULL ? form_text(ct->title) : id;
}

/* The columns of the list: name, the shown type's list columns (or the
 * type and each row's details), next due. */
struct layout {
	const struct case_type	*ct;		/* NULL: cases of every type */
	size_t			 cix[10];	/* shown columns of ct */
	size_t			 ncols;		/* between name and due */
	bool			 typecol;	/* type and details instead */
	int			 w[12];		/* widths, name first */
	int			 ncw;		/* widths used */
};

/* Lays the columns out for this terminal.  The name property is not
 * shown twice. */
static void
layout_make(struct layout *l, const struct case_type *ct)
{
	size_t	j;
	int	avail;

	memset(l, 0, sizeof *l);
	l->ct = ct;
	for (j = 0; ct != NULL && j < ct->ncolumns &&
	    l->ncols < nitems(l->w) - 2; j++)
		if (ct->name_property == NULL ||
		    strcmp(ct->columns[j], ct->name_property) != 0)
			l->cix[l->ncols++] = j;
	/* Cases of every type: the type, then each row's own list columns
	 * run together as its details. */
	l->typecol = l->ncols == 0;
	if (l->typecol)
		l->ncols = 2;
	l->ncw = (int)l->ncols + 2;
	avail = COLS - 2 - (l->ncw - 1);
	l->w[0] = avail / 3;
	l->w[l->ncw - 1] = 12;	/* "2026-06-15 !" */
	for (j = 1; j < (size_t)l->ncw - 1; j++)
		l->w[j] = (avail - l->w[0] - 12) / (int)l->ncols;
	if (l->typecol) {
		l->w[1] = 12;
		l->w[2] = avail - l->w[0] - 12 - l->w[1];
	}
}

/* The search field and the filters line; returns the search field's
 * column. */
static int
draw_search(void)
{
	char		*filters;
	const char	*closed;
	int		 sx;

	sx = tui_put(1, 1, _("Search:"), COLS / 3) + 2;
	tui_text_draw(&cl.search, 1, sx, COLS - sx - 1, true);
	closed = cl.closed == 0 ? _("open") : cl.closed == 1 ? _("closed") :
	    _("open and closed");
	/* TRANSLATORS: the filters of the case list and their keys. */
	filters = xasprintf(_("Showing: %s (F11), %s (F3), %s (F4), %s (^V)"),
	    cl.everyone ? _("everyone's") : _("mine"),
	    cl.type >= 0 ? type_title(tui.app->pack->case_types[cl.type]->id) :
	    tui.app->pack->ncase_types == 1 ?
	    type_title(tui.app->pack->case_types[0]->id) : _("every type"),
	    closed, cl.due ? _("follow-up due") : _("any follow-up"));
	attron(tui_attr(TR_DIM));
	tui_put(2, 1, filters, COLS - 2);
	attroff(tui_attr(TR_DIM));
	free(filters);
	return sx;
}

/* The column headings on row y. */
static void
draw_headings(const struct layout *l, int y)
{
	size_t	j;
	int	x = 1;

	attron(A_BOLD);
	tui_put(y, x, _("Name"), l->w[0]);
	x += l->w[0] + 1;
	for (j = 0; j < l->ncols; j++) {
		tui_put(y, x, !l->typecol ?
		    prop_label(l->ct, l->ct->columns[l->cix[j]]) : j == 0 ?
		    _("Type") : _("Details"), l->w[j + 1]);
		x += l->w[j + 1] + 1;
	}
	/* TRANSLATORS: the heading of the case list's last column; "!"
	 * marks an overdue follow-up there. */
	tui_put(y, x, _("Due (! late)"), COLS - x - 1);
	attroff(A_BOLD);
}

/* Row i of the page on screen row y. */
static void
draw_row(const struct layout *l, size_t i, int y)
{
	const struct case_row	*r = &cl.rows[i];
	const struct case_type	*ct = l->ct;
	size_t			 j;
	int			 attr, x;
	char			 due[64];

	attr = cl.top + i == cl.sel ? tui_attr(TR_SELECTED) :
	    r->overdue ? tui_attr(TR_ERROR) :
	    r->closed ? tui_attr(TR_DIM) : 0;
	attron(attr);
	mvhline(y, 0, ' ', COLS);
	if (cl.top + i == cl.sel)
		mvaddch(y, 0, '>');
	x = 1;
	tui_put_pad(y, x, r->name != NULL ? r->name : r->id, l->w[0]);
	x += l->w[0] + 1;
	for (j = 0; j < l->ncols; j++) {
		size_t	    c = !l->typecol ? l->cix[j] : 0;
		char	   *det = NULL;
		const char *v = l->typecol ? (j == 0 ?
		    type_title(r->type) : (det = row_details(r))) :
		    c < r->ncols && r->cols[c] != NULL ?
		    tui_prop_text(ct, ct->columns[c], r->cols[c]) : "";

		tui_put_pad(y, x, v, l->w[j + 1]);
		free(det);
		x += l->w[j + 1] + 1;
	}
	/* Overdue in words too, not only in colour: the selected row, a
	 * monochrome screen and colour-blind eyes lose it. */
	if (!r->closed && r->next_due != NULL && r->overdue)
		snprintf(due, sizeof due, "%s !", r->next_due);
	else
		snprintf(due, sizeof due, "%s", r->closed ? _("closed") :
		    r->next_due != NULL ? r->next_due : "");
	tui_put_pad(y, x, due, l->w[l->ncw - 1]);
	attroff(attr);
}

/* Why the list is empty, on row y, when it is. */
static void
draw_empty(int y)
{
	if (cl.error != NULL) {
		attron(tui_attr(TR_ERROR));
		tui_put(y, 1, cl.error, COLS - 2);
		attroff(tui_attr(TR_ERROR));
	} else if (cl.total == 0) {
		attron(tui_attr(TR_DIM));
		tui_put(y, 1, cl.search.len > 0 ?
		    _("No case matches the search.") : cl.any ?
		    _("No case matches these filters (F3, F4, F6 change "
		    "them).") :
		    _("No cases yet. F2 registers a new one."), COLS - 2);
		attroff(tui_attr(TR_DIM));
	}
}

/* The line under the list: unfinished registrations, and which rows of
 * how many are shown. */
static void
draw_footer(void)
{
	char	*s;

	if (cl.drafts > 0) {
		s = xasprintf(ngettext("%zu registration not finished: F2 "
		    "continues it", "%zu registrations not finished: F2 "
		    "continues the latest", cl.drafts), cl.drafts);
		attron(tui_attr(TR_HEADING));
		tui_put(LINES - 3, 1, s, COLS / 2 + 10);
		attroff(tui_attr(TR_HEADING));
		free(s);
	}
	if (cl.total > cl.page) {
		s = xasprintf(_("%zu-%zu of %zu"), cl.top + 1,
		    cl.top + cl.nrows, cl.total);
		attron(tui_attr(TR_DIM));
		tui_put(LINES - 3, COLS - 1 - tui_width(s), s, tui_width(s));
		attroff(tui_attr(TR_DIM));
		free(s);
	}
}

static void
cases_draw(void)
{
	struct layout	 l;
	char		*s;
	size_t		 i;
	int		 y = 4, sx;

	if (cl.page != page_rows()) {
		cl.page = page_rows();
		fetch();
	}
	s = xasprintf(ngettext("%zu case", "%zu cases", cl.total), cl.total);
	tui_draw_title(_("Onward: cases"), s);
	free(s);
	sx = draw_search();
	layout_make(&l, shown_type());
	draw_headings(&l, y - 1);
	draw_empty(y);
	for (i = 0; i < cl.nrows; i++, y++)
		draw_row(&l, i, y);
	draw_footer();
	tui_draw_helpline();
	/* The cursor belongs to the search field. */
	tui_text_draw(&cl.search, 1, sx, COLS - sx - 1, true);
}

static int
new_case(void *arg, size_t i)
{
	const struct form	**forms = arg;
	struct screen_form_arg	  fa = { forms[i]->id, NULL, NULL, NULL,
	    false, NULL };

	tui_push(SCREEN_FORM, &fa);
	return TUI_REDRAW;
}

/* F2: the forms that open a case; one opens at once, more are offered. */
static int
cases_new(void)
{
	const struct form	**forms;
	const char		**titles;
	size_t			  i, t, n = 0;

	forms = xreallocarray(NULL, tui.app->pack->nforms + 1, sizeof *forms);
	titles = xreallocarray(NULL, tui.app->pack->nforms + 1, sizeof *titles);
	/* In the order of the case types in cases.yaml: the people a
	 * programme serves come first, then employers, providers... */
	for (t = 0; t < tui.app->pack->ncase_types; t++)
	for (i = 0; i < tui.app->pack->nforms; i++) {
		const struct form *f = tui.app->pack->forms[i];

		if (f->case_action != CASE_OPEN || f->case_type == NULL ||
		    strcmp(f->case_type, tui.app->pack->case_types[t]->id) != 0)
			continue;
		if (cl.type >= 0 && (size_t)cl.type != t)
			continue;
		titles[n] = form_text(f->title);
		forms[n++] = f;
	}
	if (n > 1) {
		/* The pick owns forms from here. */
		tui_pick(_("Register with which form?"), titles, n, new_case,
		    forms);
		forms = NULL;
	} else if (n == 1)
		new_case(forms, 0);
	else
		tui_error("%s", _("no form in the pack registers a case"));
	free(forms);
	free(titles);
	return TUI_REDRAW;
}

/* Opens the case of the selected row. */
static int
open_selected(void)
{
	struct screen_case_arg	ca;

	if (cl.total > 0 && cl.sel >= cl.top && cl.sel - cl.top < cl.nrows) {
		ca.case_id = cl.rows[cl.sel - cl.top].id;
		tui_push(SCREEN_CASE, &ca);
	}
	return TUI_REDRAW;
}

static int
cases_key(int key)
{
	switch (tui_key_action(&cases_keys, key, cases_typing())) {
	case CA_OPEN:
		return open_selected();
	case CA_NEW:
		return cases_new();
	case CA_TYPE:
		cl.type++;
		if (cl.type >= (int)tui.app->pack->ncase_types)
			cl.type = -1;
		cl.sel = cl.top = 0;
		fetch();
		return TUI_REDRAW;
	case CA_CLOSED:
		cl.closed = cl.closed == 0 ? 1 : cl.closed == 1 ? -1 : 0;
		cl.sel = cl.top = 0;
		fetch();
		return TUI_REDRAW;
	case CA_WORK:
		tui_push(SCREEN_DUE, NULL);
		return TUI_REDRAW;
	case CA_DUE:
		cl.due = !cl.due;
		cl.sel = cl.top = 0;
		fetch();
		return TUI_REDRAW;
	case CA_HANDOVER:
		if (!app_signed_in_as(tui.app, "supervisor")) {
			tui_error("%s", _("handing over cases needs a "
			    "supervisor or an admin signed in"));
			return TUI_REDRAW;
		}
		tui_push(SCREEN_HANDOVER, NULL);
		return TUI_REDRAW;
	case CA_MINE:
		cl.everyone = !cl.everyone || my_name() == NULL;
		cl.sel = cl.top = 0;
		fetch();
		return TUI_REDRAW;
	case CA_REPORT:
		tui_push(SCREEN_REPORT, NULL);
		return TUI_REDRAW;
	case CA_SYNC:
		tui_push(SCREEN_SYNC, NULL);
		return TUI_REDRAW;
	case CA_CONFLICTS:
		tui_push(SCREEN_CONFLICTS, NULL);
		return TUI_REDRAW;
	case CA_SETTINGS:
		tui_push(SCREEN_SETTINGS, NULL);
		return TUI_REDRAW;
	case CA_QUIT:
		return TUI_QUIT;
	case CA_CLEAR:
		if (cl.search.len == 0)
			return TUI_NONE;
		tui_text_set(&cl.search, "");
		cl.sel = cl.top = 0;
		fetch();
		return TUI_REDRAW;
	case CA_UP:
	case CA_DOWN:
	case CA_PGUP:
	case CA_PGDN:
		switch (tui_key_action(&cases_keys, key, cases_typing())) {
		case CA_UP:
			if (cl.sel > 0)
				cl.sel--;
			break;
		case CA_DOWN:
			if (cl.sel + 1 < cl.total)
				cl.sel++;
			break;
		case CA_PGUP:
			cl.sel = cl.sel > cl.page ? cl.sel - cl.page : 0;
			break;
		case CA_PGDN:
			cl.sel += cl.page;
			if (cl.sel >= cl.total)
				cl.sel = cl.total > 0 ? cl.total - 1 : 0;
			break;
		}
		if (cl.sel < cl.top || cl.sel >= cl.top + cl.nrows)
			fetch();
		return TUI_REDRAW;
	}
	if (tui_text_key(&cl.search, key)) {
		if (cl.search.changed) {
			cl.search.changed = false;
			cl.sel = cl.top = 0;
			fetch();
		}
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_cases = {
	.id = SCREEN_CASES,
	.title = N_("Case list"),
	.keys = &cases_keys,
	.open = cases_open,
	.close = cases_close,
	.resume = cases_refresh,
	.draw = cases_draw,
	.key = cases_key,
	.typing = cases_typing,
};
