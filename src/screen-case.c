/*
 * screen-case.c: one case.  Its properties; follow-ups due and overdue;
 * drafts; the timeline of its records (date, form, author).  From here the
 * worker fills a follow-up, views or edits a past record, reads a record's
 * history, or closes the case.  The pane that shows a record's history,
 * its answers or every detail of the case is screen-case-pane.c.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen-case.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	KA_OPEN,
	KA_FILL,
	KA_HISTORY,
	KA_DETAILS,
	KA_CLOSE,
	KA_DELETE,
	KA_ERASE,
	KA_BACK,
	KA_UP,
	KA_DOWN,
	KA_PGUP,
	KA_PGDN
};
static const struct tui_key case_key_list[] = {
	{ KA_OPEN,	{ TUI_ENTER },			N_("Open"),
	  TUI_KEY_LINE },
	{ KA_FILL,	{ TUI_FKEY(KEY_F(2)), 'f' },	N_("Fill a form"),
	  TUI_KEY_LINE },
	{ KA_HISTORY,	{ TUI_FKEY(KEY_F(3)), 'h' },	N_("History"),
	  TUI_KEY_LINE },
	{ KA_DETAILS,	{ TUI_FKEY(KEY_F(4)), 'd' },	N_("All details"),
	  TUI_KEY_LINE },
	/* What writes (closing, deleting, erasing) has its F-key alone: a
	 * stray letter never opens the closing form. */
	{ KA_CLOSE,	{ TUI_FKEY(KEY_F(8)) },		N_("Close case"),
	  TUI_KEY_LINE },
	{ KA_DELETE,	{ TUI_FKEY(KEY_F(6)) },
	  N_("Delete the record (kept in its history), or restore it"), 0 },
	{ KA_ERASE,	{ TUI_FKEY(KEY_F(7)) },
	  N_("Erase the case: its values gone for good (a supervisor)"), 0 },
	{ KA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)), 'q' },	N_("Back"),
	  TUI_KEY_LINE },
	{ KA_UP,	{ TUI_FKEY(KEY_UP), 'k' },	N_("Previous line"), 0 },
	{ KA_DOWN,	{ TUI_FKEY(KEY_DOWN), 'j' },	N_("Next line"), 0 },
	{ KA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Page up"), 0 },
	{ KA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },	N_("Page down"), 0 },
};
static const struct tui_keymap case_keys = {
	N_("Case"), case_key_list, nitems(case_key_list)
};

/* A line of the page that can be chosen. */
enum entry_kind { E_FOLLOWUP, E_DRAFT, E_PARENT, E_CHILD, E_RECORD };
struct entry {
	enum entry_kind	 kind;
	size_t		 i;	/* index in its array */
};

static struct {
	char			*id;
	struct case_row		 row;
	bool			 have_row;
	struct answers		 props;
	struct due_row		*fu;		/* the schedule */
	size_t			 nfu;
	struct draft_info	*drafts;
	size_t			 ndrafts;
	struct case_row		*kids;		/* its parent first, when it
						   has one, then its children */
	size_t			 nkids;
	bool			 has_parent;
	struct record_info	*recs;
	char			**rdate;	/* per record: its date */
	size_t			 nlines;	/* of the schedule */
	size_t			 nrecs;
	struct entry		*entries;
	size_t			 nentries;
	size_t			 sel;
	int			 top;
	char			*error;
	struct case_pane	 pane;		/* over the page when it has
						   lines */
	bool			 erased;
	struct case_erase	 erase;		/* the reason being typed */
} cp;

/* The date a record goes under (caller frees): see data_load. */
static char *
record_date(const struct record_info *r)
{
	const struct form	*f;
	const struct field	*df;
	char			*v = NULL, *cause = NULL;
	long			 days;

	if (tui.app->pack != NULL &&
	    (f = form_pack_find(tui.app->pack, r->form)) != NULL &&
	    (df = form_date_field(f)) != NULL) {
		if (store_field_value(tui.app->store, r->id, df->id, &v,
		    &cause) == 1 && v != NULL && expr_parse_date(v, &days))
			return v;
		free(v);
		free(cause);
	}
	return xstrndup(r->created != NULL ? r->created : "", 10);
}

/* Orders record entries newest first: by date, then as entered. */
static int
record_newer_first(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;
	int			 c;

	c = strcmp(cp.rdate[y->i], cp.rdate[x->i]);
	if (c != 0)
		return c;
	return x->i < y->i ? 1 : x->i > y->i ? -1 : 0;
}

static void
data_free(void)
{
	size_t	i;

	if (cp.have_row)
		case_row_free(&cp.row);
	cp.have_row = false;
	answers_free(&cp.props);
	for (i = 0; i < cp.nfu; i++)
		due_row_free(&cp.fu[i]);
	free(cp.fu);
	for (i = 0; i < cp.ndrafts; i++)
		draft_info_free(&cp.drafts[i]);
	free(cp.drafts);
	for (i = 0; i < cp.nkids; i++)
		case_row_free(&cp.kids[i]);
	free(cp.kids);
	cp.kids = NULL;
	cp.nkids = 0;
	for (i = 0; i < cp.nrecs; i++) {
		record_info_free(&cp.recs[i]);
		free(cp.rdate[i]);
	}
	free(cp.recs);
	free(cp.rdate);
	cp.rdate = NULL;
	free(cp.entries);
	free(cp.error);
	cp.fu = NULL;
	cp.drafts = NULL;
	cp.recs = NULL;
	cp.entries = NULL;
	cp.error = NULL;
	cp.nfu = cp.ndrafts = cp.nrecs = cp.nentries = 0;
}

static void
load(void)
{
	char	*cause = NULL;
	size_t	 i, n = 0;

	data_free();
	answers_init(&cp.props);
	memset(&cp.row, 0, sizeof cp.row);
	if (store_case_props(tui.app->store, cp.id, &cp.row, &cp.props,
	    &cause) == -1 ||
	    store_case_schedule(tui.app->store, cp.id, &cp.fu, &cp.nfu,
	    &cause) == -1 ||
	    store_drafts(tui.app->store, cp.id, &cp.drafts, &cp.ndrafts,
	    &cause) == -1 ||
	    store_case_records(tui.app->store, cp.id, &cp.recs, &cp.nrecs,
	    &cause) == -1) {
		cp.error = cause;
		return;
	}
	cp.have_row = true;
	cp.erased = store_case_erased(tui.app->store, cp.id, &cause) == 1;
	free(cause);
	cause = NULL;
	cp.nkids = screen_case_kids_load(cp.id, &cp.kids, &cp.has_parent);
	cp.entries = xreallocarray(NULL, cp.nfu + cp.ndrafts + cp.nkids +
	    cp.nrecs + 1, sizeof *cp.entries);
	for (i = 0; i < cp.nfu; i += screen_case_sched_len(&cp.fu[i],
	    cp.nfu - i))
		cp.entries[n++] = (struct entry){ E_FOLLOWUP, i };
	cp.nlines = n;
	for (i = 0; i < cp.ndrafts; i++)
		cp.entries[n++] = (struct entry){ E_DRAFT, i };
	for (i = 0; i < cp.nkids; i++)
		cp.entries[n++] = (struct entry){ i == 0 && cp.has_parent ?
		    E_PARENT : E_CHILD, i };
	/* Each record under its own date (the answer to its form's date
	 * question: a visit entered days later still shows the day of the
	 * visit), else the day it was entered; newest first. */
	cp.rdate = xreallocarray(NULL, cp.nrecs + 1, sizeof *cp.rdate);
	for (i = 0; i < cp.nrecs; i++)
		cp.rdate[i] = record_date(&cp.recs[i]);
	for (i = cp.nrecs; i > 0; i--)
		cp.entries[n++] = (struct entry){ E_RECORD, i - 1 };
	qsort(cp.entries + cp.nlines + cp.ndrafts + cp.nkids, cp.nrecs,
	    sizeof *cp.entries, record_newer_first);
	cp.nentries = n;
	if (cp.sel >= n)
		cp.sel = n > 0 ? n - 1 : 0;
}

/* Opens the case of arg, a struct screen_case_arg. */
static int
case_open(const void *arg)
{
	const struct screen_case_arg	*ca = arg;

	free(cp.id);
	cp.id = xstrdup(ca->case_id);
	cp.sel = 0;
	cp.top = 0;
	screen_case_pane_free(&cp.pane);
	load();
	return 0;
}

/* Shown again (a form was saved, a record deleted): reads the case
 * anew. */
static void
case_refresh(void)
{
	if (cp.id != NULL)
		load();
}

static void
case_close(void)
{
	data_free();
	screen_case_pane_free(&cp.pane);
	screen_case_erase_free(&cp.erase);
	free(cp.id);
	cp.id = NULL;
}

/* Only the reason of an erasure is typed on the case page. */
static bool
case_typing(void)
{
	return cp.erase.typing;
}

/* Opens the form screen on form_id for this case: a new record, or
 * record_id (and draft_id) to edit. */
static void
open_form(const char *form_id, const char *record_id, const char *draft_id)
{
	struct screen_form_arg	fa = { form_id, cp.id, record_id, draft_id,
	    false, NULL };

	tui_push(SCREEN_FORM, &fa);
}

/* Opens the form that completes the next visit of a line of the
 * schedule (from v, n rows), the visit shown at its top. */
static void
open_visit(const struct due_row *v, size_t n)
{
	struct screen_form_arg	 fa;
	const struct due_row	*f;
	char			*label;

	if ((f = screen_case_sched_next(v, n)) == NULL) {
		tui_error("%s", _("nothing is due on this line"));
		return;
	}
	label = due_row_label(tui.app->pack, f);
	memset(&fa, 0, sizeof fa);
	fa.form_id = f->form;
	fa.case_id = cp.id;
	fa.visit = label;
	tui_push(SCREEN_FORM, &fa);
	free(label);
}

static const struct case_type *
this_type(void)
{
	return cp.have_row && cp.row.type != NULL ?
	    form_pack_case_type(tui.app->pack, cp.row.type) : NULL;
}

static const char *
form_title(const char *id)
{
	const struct form	*f = form_pack_find(tui.app->pack, id);

	return f != NULL ? form_text(f->title) : id;
}

/* The text of one entry line. */
static char *
entry_text(const struct entry *e, int *attr)
{
	const struct draft_info		*d;
	const struct record_info	*r;

	*attr = A_NORMAL;
	switch (e->kind) {
	case E_FOLLOWUP:
		return screen_case_sched_line(tui.app->pack, &cp.fu[e->i],
		    screen_case_sched_len(&cp.fu[e->i], cp.nfu - e->i), attr);
	case E_DRAFT:
		d = &cp.drafts[e->i];
		return xasprintf("%.10s  %s  %s", d->updated != NULL ?
		    d->updated : "", form_title(d->form), _("(draft)"));
	case E_PARENT:
	case E_CHILD:
		return screen_case_kid_text(&cp.kids[e->i]);
	case E_RECORD:
		r = &cp.recs[e->i];
		if (r->deleted)
			*attr = tui_attr(TR_DIM);
		return xasprintf(_("%.10s  %s  by %s%s"), cp.rdate[e->i],
		    form_title(r->form), r->author != NULL ? r->author : "?",
		    r->deleted ? _("  (deleted)") : r->conflict ?
		    _("  (conflict)") : "");
	}
	return xstrdup("");
}

/* Whether property id is the case type's name or one of its list
 * columns. */
static bool
is_column(const struct case_type *ct, const char *id)
{
	size_t	i;

	if (ct->name_property != NULL && strcmp(ct->name_property, id) == 0)
		return true;
	for (i = 0; i < ct->ncolumns; i++)
		if (strcmp(ct->columns[i], id) == 0)
			return true;
	return false;
}

/* Draws the case's properties from row y, two columns when wide enough
 * and as many as fit; returns the row below them. */
static int
draw_props(const struct case_type *ct, int y)
{
	const char	*v;
	char		*s;
	size_t		 i, hidden;
	int		 col, cw, lines, lw, pass;

	/* Properties, two columns when wide enough. */
	cw = COLS >= 100 ? (COLS - 2) / 2 : COLS - 2;
	col = 0;
	lines = 0;
	lw = 0;
	for (i = 0; ct != NULL && i < ct->nprops; i++) {
		if (tui_width(form_text(ct->props[i].label)) + 2 > lw)
			lw = tui_width(form_text(ct->props[i].label)) + 2;
	}
	if (lw > cw / 2)
		lw = cw / 2;
	hidden = 0;
	/* The case list's columns first (where the person is now: stage,
	 * work), then the rest in the case type's order. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; ct != NULL && i < ct->nprops; i++) {
		if (is_column(ct, ct->props[i].id) != (pass == 0))
			continue;
		v = answers_get(&cp.props, ct->props[i].id);
		if (v == NULL || *v == '\0')
			continue;
		if (lines >= (LINES - 8) / 2 - 1) {
			hidden++;
			continue;
		}
		v = tui_prop_text(ct, ct->props[i].id, v);
		attron(A_BOLD);
		s = xasprintf("%s:", form_text(ct->props[i].label));
		tui_put(y, 1 + col * cw, s, lw);
		attroff(A_BOLD);
		tui_put(y, 1 + col * cw + lw, v, cw - lw - 1);
		free(s);
		if (cw == COLS - 2 || col == 1) {
			col = 0;
			y++;
			lines++;
		} else
			col = 1;
	}
	if (col == 1)
		y++;
	if (hidden > 0) {
		s = xasprintf(ngettext("%zu more detail: F4 shows them all",
		    "%zu more details: F4 shows them all", hidden), hidden);
		attron(tui_attr(TR_DIM));
		tui_put(y++, 1, s, COLS - 2);
		attroff(tui_attr(TR_DIM));
		free(s);
	}
	return y;
}

static void
case_draw(void)
{
	const struct case_type	*ct = this_type();
	const char		*name, *section;
	char			*s;
	size_t			 i;
	int			 y = 1, rows, attr;
	enum entry_kind		 last = (enum entry_kind)-1;

	name = cp.have_row && cp.row.name != NULL ? cp.row.name : cp.id;
	s = ct != NULL ? xasprintf("%s  %s", form_text(ct->title),
	    cp.erased ? _("(erased)") : cp.row.closed ? _("(closed)") : "") :
	    xstrdup(cp.erased ? _("(erased)") : "");
	tui_draw_title(name, s);
	free(s);
	if (cp.pane.n > 0) {
		screen_case_pane_draw(&cp.pane);
		tui_draw_helpline();
		return;
	}
	if (cp.error != NULL) {
		attron(tui_attr(TR_ERROR));
		tui_put(2, 1, cp.error, COLS - 2);
		attroff(tui_attr(TR_ERROR));
		tui_draw_helpline();
		return;
	}
	s = xasprintf(_("Case %s"), cp.id);
	attron(tui_attr(TR_DIM));
	tui_put(y++, 1, s, COLS - 2);
	attroff(tui_attr(TR_DIM));
	free(s);
	y = draw_props(ct, y);
	y++;
	rows = LINES - 3 - y;
	if (cp.nentries == 0) {
		attron(tui_attr(TR_DIM));
		tui_put(y, 1, _("No records yet. F2 fills a form."), COLS - 2);
		attroff(tui_attr(TR_DIM));
	}
	if ((int)cp.sel < cp.top)
		cp.top = (int)cp.sel;
	/* Section headings take a line each: leave room for three. */
	if ((int)cp.sel >= cp.top + rows - 3)
		cp.top = (int)cp.sel - rows + 4;
	if (cp.top < 0)
		cp.top = 0;
	for (i = (size_t)cp.top; i < cp.nentries && y < LINES - 2; i++) {
		if (cp.entries[i].kind != last) {
			last = cp.entries[i].kind;
			section = last == E_FOLLOWUP ? _("Follow-ups") :
			    last == E_DRAFT ? _("Drafts") : last == E_PARENT ?
			    _("Part of") : last == E_CHILD ? _("Its cases") :
			    _("Timeline");
			attron(tui_attr(TR_HEADING));
			tui_put(y++, 1, section, COLS - 2);
			attroff(tui_attr(TR_HEADING));
			if (y >= LINES - 2)
				break;
		}
		s = entry_text(&cp.entries[i], &attr);
		if (i == cp.sel)
			attr = tui_attr(TR_SELECTED);
		attron(attr);
		mvhline(y, 1, ' ', COLS - 2);
		if (i == cp.sel)
			mvaddch(y, 1, '>');
		tui_put(y, 3, s, COLS - 4);
		attroff(attr);
		free(s);
		y++;
	}
	tui_draw_helpline();
	screen_case_erase_draw(&cp.erase);
}

static int
open_entry(void)
{
	const struct entry	*e;
	const struct draft_info	*d;
	struct screen_case_arg	 ca;
	char			*id;

	if (cp.nentries == 0)
		return TUI_NONE;
	e = &cp.entries[cp.sel];
	switch (e->kind) {
	case E_FOLLOWUP:
		open_visit(&cp.fu[e->i], screen_case_sched_len(&cp.fu[e->i],
		    cp.nfu - e->i));
		break;
	case E_DRAFT:
		d = &cp.drafts[e->i];
		open_form(d->form, d->record_id, d->id);
		break;
	case E_PARENT:
	case E_CHILD:
		/* The page shows the other case instead. */
		ca.case_id = id = xstrdup(cp.kids[e->i].id);
		tui_switch(SCREEN_CASE, &ca);
		free(id);
		break;
	case E_RECORD:
		if (cp.recs[e->i].deleted) {
			tui_error("%s", _("this record was deleted; F6 "
			    "restores it"));
			break;
		}
		return screen_case_pane_record(&cp.pane, &cp.recs[e->i]);
	}
	return TUI_REDRAW;
}

/* What F6 asks about: deleting a record, or restoring a deleted one. */
struct existence {
	bool	restore;
	char	id[];
};

/* tui_ask callback: deletes or restores the record (arg, a struct
 * existence). */
static int
existence_answered(void *arg, bool yes)
{
	struct existence	*x = arg;
	char			*cause = NULL;
	int			 rc;

	if (!yes)
		return TUI_REDRAW;
	rc = x->restore ? store_restore_record(tui.app->store, x->id, tui.app->worker,
	    &cause) : store_delete_record(tui.app->store, x->id, tui.app->worker,
	    &cause);
	if (rc == -1) {
		if (x->restore)
			tui_error(_("cannot restore the record: %s"), cause);
		else
			tui_error(_("cannot delete the record: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	screen_case_pane_free(&cp.pane);
	case_refresh();
	tui_message("%s", x->restore ? _("Record restored.") :
	    _("Record deleted; its answers stay in its history (F6 on it "
	    "restores it)."));
	return TUI_REDRAW;
}

/* The question's argument for record id. */
static struct existence *
existence_new(const char *id, bool restore)
{
	struct existence	*x;

	x = xmalloc(sizeof *x + strlen(id) + 1);
	x->restore = restore;
	memcpy(x->id, id, strlen(id) + 1);
	return x;
}

/*
 * F6 on a record: a record entered by mistake (a visit written twice, the
 * wrong person) is deleted after a question; the case's registration is
 * not (the case is closed instead).  F6 on a deleted record restores it.
 */
static int
ask_delete(const struct record_info *r)
{
	const struct form	*f;
	char			*q;

	f = tui.app->pack != NULL ? form_pack_find(tui.app->pack, r->form) : NULL;
	if (r->deleted) {
		q = xasprintf(_("Restore this deleted record (%s)?"),
		    f != NULL ? form_text(f->title) : r->form);
		tui_ask(q, false, existence_answered,
		    existence_new(r->id, true));
		free(q);
		return TUI_REDRAW;
	}
	if (f != NULL && f->case_action == CASE_OPEN) {
		tui_error("%s", _("a case's registration is not deleted: to "
		    "end the case, close it (F8)"));
		return TUI_REDRAW;
	}
	q = xasprintf(_("Delete this record (%s)? Its answers stay in its "
	    "history."), f != NULL ? form_text(f->title) : r->form);
	tui_ask(q, false, existence_answered, existence_new(r->id, false));
	free(q);
	return TUI_REDRAW;
}

static int
tui_fill_picked(void *arg, size_t i)
{
	const struct form	**forms = arg;

	open_form(forms[i]->id, NULL, NULL);
	return TUI_REDRAW;
}

/* Whether form f is offered by F2 (want CASE_UPDATE) or F8 (CASE_CLOSE)
 * on a case closed or not: on a closed case, F2 offers the forms that
 * reopen it and those that say `on_closed: true`. */
static bool
form_fits(const struct form *f, enum case_action want, bool closed)
{
	/* F2 also opens a child case (a referral) of this one. */
	if (!closed && want == CASE_UPDATE && f->parent != NULL)
		return strcmp(f->parent, "this") == 0 ?
		    strcmp(f->case_type, cp.row.type) != 0 :
		    strcmp(f->parent, cp.row.type) == 0;
	if (!closed)
		return f->case_action == want;
	if (want == CASE_UPDATE && f->case_action == CASE_REOPEN)
		return true;
	return f->case_action == want && f->on_closed;
}

/* F2 (want CASE_UPDATE) or F8 (want CASE_CLOSE): the forms of this case
 * type that do that; one opens at once, more are offered. */
static int
fill(enum case_action want)
{
	const struct form	**forms;
	const char		**titles;
	size_t			  i, n = 0;

	if (!cp.have_row)
		return TUI_NONE;
	forms = xreallocarray(NULL, tui.app->pack->nforms + 1, sizeof *forms);
	titles = xreallocarray(NULL, tui.app->pack->nforms + 1, sizeof *titles);
	for (i = 0; i < tui.app->pack->nforms; i++) {
		const struct form *f = tui.app->pack->forms[i];

		if (f->case_type == NULL || (f->parent == NULL &&
		    strcmp(f->case_type, cp.row.type) != 0))
			continue;
		if (!form_fits(f, want, cp.row.closed))
			continue;
		titles[n] = form_text(f->title);
		forms[n++] = f;
	}
	if (n == 0 && cp.row.closed) {
		tui_error("%s", _("this case is closed"));
	} else if (n == 0) {
		tui_error("%s", want == CASE_CLOSE ?
		    _("no form in the pack closes this type of case") :
		    _("no form in the pack updates this type of case"));
	} else if (n == 1)
		tui_fill_picked(forms, 0);
	else {
		/* The pick owns forms from here. */
		tui_pick(_("Fill which form?"), titles, n, tui_fill_picked, forms);
		forms = NULL;
	}
	free(forms);
	free(titles);
	return TUI_REDRAW;
}

/* A key while the pane shows. */
static int
pane_key(int action)
{
	const struct record_info	*r = cp.pane.rec;

	switch (action) {
	case KA_OPEN:
		if (r == NULL)
			return TUI_NONE;
		screen_case_pane_free(&cp.pane);
		open_form(r->form, r->id, NULL);
		return TUI_REDRAW;
	case KA_DELETE:
		return r != NULL ? ask_delete(r) : TUI_NONE;
	case KA_BACK:
	case KA_HISTORY:
	case KA_DETAILS:
		screen_case_pane_free(&cp.pane);
		return TUI_REDRAW;
	case KA_UP:
		cp.pane.top--;
		return TUI_REDRAW;
	case KA_DOWN:
		cp.pane.top++;
		return TUI_REDRAW;
	case KA_PGUP:
		cp.pane.top -= LINES - 6;
		return TUI_REDRAW;
	case KA_PGDN:
		cp.pane.top += LINES - 6;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

/* H: the history of the record chosen in the timeline. */
static int
show_history(void)
{
	const struct entry	*e;

	if (cp.nentries == 0)
		return TUI_NONE;
	e = &cp.entries[cp.sel];
	if (e->kind != E_RECORD) {
		tui_error("%s", _("choose a record of the timeline first"));
		return TUI_REDRAW;
	}
	return screen_case_pane_history(&cp.pane, &cp.recs[e->i]);
}

static int
case_key(int key)
{
	int	action;

	if (cp.erase.typing)
		return screen_case_erase_key(&cp.erase, key);
	action = tui_key_action(&case_keys, key, case_typing());
	if (cp.pane.n > 0)
		return pane_key(action);
	switch (action) {
	case KA_OPEN:
		return open_entry();
	case KA_FILL:
		return fill(CASE_UPDATE);
	case KA_HISTORY:
		return show_history();
	case KA_DETAILS:
		return cp.have_row ? screen_case_pane_details(&cp.pane,
		    this_type(), &cp.props) : TUI_NONE;
	case KA_CLOSE:
		return fill(CASE_CLOSE);
	case KA_DELETE:
		if (cp.nentries == 0 || cp.entries[cp.sel].kind != E_RECORD)
			return TUI_NONE;
		return ask_delete(&cp.recs[cp.entries[cp.sel].i]);
	case KA_ERASE:
		cp.erase.erased = case_refresh;
		return screen_case_erase_start(&cp.erase, cp.id, cp.have_row ?
		    cp.row.name : NULL, cp.erased);
	case KA_BACK:
		tui_pop();
		return TUI_REDRAW;
	case KA_UP:
		if (cp.sel > 0)
			cp.sel--;
		return TUI_REDRAW;
	case KA_DOWN:
		if (cp.sel + 1 < cp.nentries)
			cp.sel++;
		return TUI_REDRAW;
	case KA_PGUP:
		cp.sel = cp.sel > 10 ? cp.sel - 10 : 0;
		return TUI_REDRAW;
	case KA_PGDN:
		cp.sel += 10;
		if (cp.sel >= cp.nentries)
			cp.sel = cp.nentries > 0 ? cp.nentries - 1 : 0;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_case = {
	.id = SCREEN_CASE,
	.title = N_("Case"),
	.keys = &case_keys,
	.open = case_open,
	.close = case_close,
	.resume = case_refresh,
	.draw = case_draw,
	.key = case_key,
	.typing = case_typing,
};
