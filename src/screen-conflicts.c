/*
 * screen-conflicts.c: fields edited on two devices, for a supervisor.
 * The list scrolls and names each conflict's person, case, form and
 * question, and the workers and sites of its values; F3 and F4 show only
 * one form's or one worker's.  Each conflict shows every value with its
 * author and time; the supervisor picks one or types a new value (checked
 * against the question's type and constraint), which the store records as
 * one more change replacing them all (an answer and the case property it
 * is saved to at once: store.h).
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-conflict.h"
#include "form.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	XA_OPEN,
	XA_TYPE,
	XA_FORM,
	XA_WORKER,
	XA_BACK,
	XA_UP,
	XA_DOWN,
	XA_PGUP,
	XA_PGDN,
	XA_HOME,
	XA_END
};
static const struct tui_key conflicts_key_list[] = {
	{ XA_OPEN,	{ TUI_ENTER },	N_("Choose"), TUI_KEY_LINE },
	{ XA_TYPE,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('n') },	N_("Type a new value"),
	  TUI_KEY_LINE },
	{ XA_FORM,	{ TUI_FKEY(KEY_F(3)) },	N_("Form"), TUI_KEY_LINE },
	{ XA_WORKER,	{ TUI_FKEY(KEY_F(4)) },	N_("Worker"), TUI_KEY_LINE },
	{ XA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ XA_UP,	{ TUI_FKEY(KEY_UP) },	N_("Previous"), 0 },
	{ XA_DOWN,	{ TUI_FKEY(KEY_DOWN) },	N_("Next"), 0 },
	{ XA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Page up"), 0 },
	{ XA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },	N_("Page down"), 0 },
	{ XA_HOME,	{ TUI_FKEY(KEY_HOME) },	N_("First"), TUI_KEY_NOTEXT },
	{ XA_END,	{ TUI_FKEY(KEY_END) },	N_("Last"), TUI_KEY_NOTEXT },
};
static const struct tui_keymap conflicts_keys = {
	N_("Conflicts"), conflicts_key_list, nitems(conflicts_key_list)
};

static struct {
	struct conflict	*v;
	size_t		 n;
	size_t		 sel;		/* in shown */
	size_t		 top;		/* first of shown on screen */
	bool		 detail;	/* one conflict's values shown */
	size_t		 vsel;
	bool		 typing;	/* a new value being typed */
	struct tui_text	 text;
	bool		 text_init;
	char		*error;
	char		**what;		/* per conflict: whose, which question */
	char		**who;		/* per conflict: workers and sites */
	size_t		*shown;		/* the conflicts the filters keep */
	size_t		 nshown;
	char		*form;		/* filter: only this form's, or NULL */
	char		*worker;	/* filter: only with this author's */
} cf;

/* "Grace Akello: Registration, Phone": the person (or employer...) and
 * the question a supervisor decides on, instead of ids. */
static char *
conflict_what(const struct conflict *c)
{
	const struct case_type	*ct = NULL;
	const struct form	*f = NULL;
	struct case_row		 row;
	struct answers		 a, props;
	struct record_info	 ri;
	const char		*label = c->path, *title = NULL;
	char			*name = NULL, *cause = NULL, *s, *filled = NULL;
	size_t			 i;

	memset(&row, 0, sizeof row);
	answers_init(&props);
	if (c->case_id != NULL && store_case_props(tui.app->store, c->case_id,
	    &row, &props, &cause) == 0) {
		if (row.name != NULL)
			name = xstrdup(row.name);
		if (row.type != NULL && tui.app->pack != NULL)
			ct = form_pack_case_type(tui.app->pack, row.type);
		case_row_free(&row);
	} else
		free(cause);
	if (c->case_id != NULL && strcmp(c->record_id, c->case_id) == 0) {
		/* A case property, kept by the forms' save_to. */
		for (i = 0; ct != NULL && i < ct->nprops; i++)
			if (strcmp(ct->props[i].id, c->path) == 0 &&
			    ct->props[i].label != NULL)
				label = form_text(ct->props[i].label);
		title = ct != NULL ? form_text(ct->title) : NULL;
	} else {
		answers_init(&a);
		cause = NULL;
		if (store_load_record(tui.app->store, c->record_id, &ri, &a,
		    &cause) == 0) {
			if (tui.app->pack != NULL)
				f = form_pack_find(tui.app->pack, ri.form);
			record_info_free(&ri);
		} else
			free(cause);
		/* A label that shows answers shows this record's. */
		a.case_props = &props;
		label = filled = tui_answer_label(f, &a, c->path);
		answers_free(&a);
		title = f != NULL ? form_text(f->title) : NULL;
	}
	/* TRANSLATORS: a conflict: the person, the case id, the form and
	 * the question. */
	s = xasprintf(_("%s (case %s): %s%s%s"), name != NULL ? name :
	    c->record_id, c->case_id != NULL ? c->case_id : "-",
	    title != NULL ? title : "", title != NULL ? ", " : "", label);
	free(filled);
	free(name);
	answers_free(&props);
	return s;
}

/* "Ann at Kano, Bob": who wrote a conflict's values, and where. */
static char *
conflict_who(const struct conflict *c)
{
	struct buf	 b;
	char		*s;
	size_t		 i, j;

	buf_init(&b);
	for (i = 0; i < c->nvalues; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(c->values[j].author, c->values[i].author) ==
			    0 && (c->values[j].site == NULL) ==
			    (c->values[i].site == NULL) &&
			    (c->values[j].site == NULL ||
			    strcmp(c->values[j].site, c->values[i].site) == 0))
				break;
		if (j < i)
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		if (c->values[i].site != NULL) {
			/* TRANSLATORS: a worker and the site they work
			 * from. */
			s = xasprintf(_("%s at %s"), c->values[i].author,
			    c->values[i].site);
			buf_adds(&b, s);
			free(s);
		} else
			buf_adds(&b, c->values[i].author);
	}
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}

/* Frees the conflicts shown. */
static void
list_free(void)
{
	size_t	i;

	for (i = 0; i < cf.n; i++) {
		conflict_free(&cf.v[i]);
		free(cf.what[i]);
		free(cf.who[i]);
	}
	free(cf.v);
	free(cf.what);
	free(cf.who);
	free(cf.shown);
	cf.v = NULL;
	cf.what = cf.who = NULL;
	cf.shown = NULL;
	cf.n = cf.nshown = 0;
	free(cf.error);
	cf.error = NULL;
}

/* True when some value of c is by worker w. */
static bool
has_author(const struct conflict *c, const char *w)
{
	size_t	i;

	for (i = 0; i < c->nvalues; i++)
		if (strcmp(c->values[i].author, w) == 0)
			return true;
	return false;
}

/* The conflicts the filters keep, into cf.shown. */
static void
filter_apply(void)
{
	const struct conflict	*c;
	size_t			 i;

	cf.nshown = 0;
	for (i = 0; i < cf.n; i++) {
		c = &cf.v[i];
		if (cf.form != NULL && (c->form == NULL ||
		    strcmp(c->form, cf.form) != 0))
			continue;
		if (cf.worker != NULL && !has_author(c, cf.worker))
			continue;
		cf.shown[cf.nshown++] = i;
	}
	if (cf.sel >= cf.nshown)
		cf.sel = cf.nshown > 0 ? cf.nshown - 1 : 0;
}

static void
load(void)
{
	char	*cause = NULL;
	size_t	 i;

	list_free();
	if (store_conflicts(tui.app->store, &cf.v, &cf.n, &cause) == -1)
		cf.error = cause;
	cf.what = xreallocarray(NULL, cf.n + 1, sizeof *cf.what);
	cf.who = xreallocarray(NULL, cf.n + 1, sizeof *cf.who);
	cf.shown = xreallocarray(NULL, cf.n + 1, sizeof *cf.shown);
	for (i = 0; i < cf.n; i++) {
		cf.what[i] = conflict_what(&cf.v[i]);
		cf.who[i] = conflict_who(&cf.v[i]);
	}
	filter_apply();
}

/* The conflict chosen, or NULL when none is shown. */
static const struct conflict *
chosen(void)
{
	return cf.nshown > 0 ? &cf.v[cf.shown[cf.sel]] : NULL;
}

static int
conflicts_open(const void *arg)
{
	(void)arg;
	if (!cf.text_init) {
		tui_text_init(&cf.text);
		cf.text_init = true;
	}
	cf.sel = cf.top = 0;
	cf.detail = cf.typing = false;
	load();
	return 0;
}

static void
conflicts_close(void)
{
	list_free();
	if (cf.text_init)
		tui_text_free(&cf.text);
	free(cf.form);
	free(cf.worker);
	memset(&cf, 0, sizeof cf);
}

/* A new value is typed only after F2. */
static bool
conflicts_typing(void)
{
	return cf.typing;
}

/* Draws s folded from row y, at most maxrows rows; returns the rows
 * used. */
static int
put_folded(int y, const char *s, int maxrows)
{
	size_t	*st, *ln, n, i;
	char	*line;

	n = tui_wrap(s, COLS - 2, &st, &ln);
	for (i = 0; i < n && (int)i < maxrows; i++) {
		line = xstrndup(s + st[i], ln[i]);
		tui_put(y + (int)i, 1, line, COLS - 2);
		free(line);
	}
	free(st);
	free(ln);
	return (int)i;
}

/* The rows of the list a screen holds: two a conflict. */
static size_t
list_rows(int y)
{
	int	rows = (LINES - 3 - y) / 2;

	return rows > 0 ? (size_t)rows : 1;
}

/* The list, from row 1: what it is, the filters, then the conflicts,
 * scrolled to keep the one chosen in view. */
static void
draw_list(void)
{
	const struct conflict	*c;
	char			*s;
	size_t			 i, k, rows;
	int			 y = 1, attr;

	y += put_folded(y, _("Fields changed on two devices. Enter shows "
	    "the values; pick one, or F2 to type another."), 4);
	/* TRANSLATORS: the conflicts' filters and their keys. */
	s = xasprintf(_("Showing: %s (F3), %s (F4)"), cf.form != NULL ?
	    (form_pack_find(tui.app->pack, cf.form) != NULL ?
	    form_text(form_pack_find(tui.app->pack, cf.form)->title) :
	    cf.form) : _("every form"), cf.worker != NULL ? cf.worker :
	    _("every worker"));
	attron(tui_attr(TR_DIM));
	y += put_folded(y, s, 1);
	attroff(tui_attr(TR_DIM));
	free(s);
	if (cf.nshown == 0) {
		tui_put(y + 1, 1, _("No conflict matches these filters."),
		    COLS - 2);
		return;
	}
	rows = list_rows(y);
	if (cf.sel < cf.top)
		cf.top = cf.sel;
	if (cf.sel >= cf.top + rows)
		cf.top = cf.sel - rows + 1;
	for (k = cf.top; k < cf.nshown && k < cf.top + rows; k++, y += 2) {
		i = cf.shown[k];
		c = &cf.v[i];
		attr = k == cf.sel ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y, 1, cf.what[i], COLS - 2);
		attroff(attr);
		if (k == cf.sel)
			mvaddch(y, 0, '>');
		/* TRANSLATORS: how many values a conflict has, who wrote
		 * them and where ("Ann at Kano, Bob"). */
		s = xasprintf(ngettext("%zu value, by %s", "%zu values, by %s",
		    c->nvalues), c->nvalues, cf.who[i]);
		attron(tui_attr(TR_DIM));
		tui_put(y + 1, 3, s, COLS - 4);
		attroff(tui_attr(TR_DIM));
		free(s);
	}
}

/* One conflict's values, and the new value while it is typed. */
static void
draw_detail(void)
{
	const struct conflict	*c = chosen();
	const struct form	*f;
	const struct field	*fld = app_conflict_field(tui.app, c, &f);
	char			*s, *v;
	size_t			 i, rows, top;
	int			 y, attr, x;

	s = xasprintf(_("%s (record %s, field %s)"), cf.what[cf.shown[cf.sel]],
	    c->record_id, c->path);
	attron(A_BOLD);
	y = 1 + put_folded(1, s, 2);
	attroff(A_BOLD);
	free(s);
	y++;
	/* The values scroll too: twenty laptops may have written one. */
	rows = LINES - 5 - y > 1 ? (size_t)(LINES - 5 - y) : 1;
	top = cf.vsel >= rows ? cf.vsel - rows + 1 : 0;
	for (i = top; i < c->nvalues && i < top + rows; i++, y++) {
		v = c->values[i].value == NULL ? xstrdup(_("(deleted)")) :
		    fld != NULL && field_is_select(fld) ?
		    field_choice_text(fld, c->values[i].value) :
		    /* A link (a case id) by the name of its case. */
		    store_case_id_valid(c->values[i].value) ?
		    xstrdup(tui_link_text(c->values[i].value)) :
		    xstrdup(c->values[i].value);
		s = xasprintf(_("%s   by %s on device %.8s, %.19s"), v,
		    c->values[i].author, c->values[i].device,
		    c->values[i].time);
		free(v);
		attr = !cf.typing && i == cf.vsel ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y, 1, s, COLS - 2);
		attroff(attr);
		if (!cf.typing && i == cf.vsel)
			mvaddch(y, 0, '>');
		free(s);
	}
	y++;
	if (cf.typing) {
		x = tui_put(y, 1, _("New value:"), COLS / 3) + 2;
		tui_text_draw(&cf.text, y, x, COLS - x - 2, true);
	}
}

static void
conflicts_draw(void)
{
	char	*s;
	int	 cy, cx;

	if (cf.nshown < cf.n)
		s = xasprintf(ngettext("%zu of %zu conflict",
		    "%zu of %zu conflicts", cf.n), cf.nshown, cf.n);
	else
		s = xasprintf(ngettext("%zu conflict", "%zu conflicts", cf.n),
		    cf.n);
	tui_draw_title(_("Conflicts"), s);
	free(s);
	if (cf.error != NULL) {
		attron(tui_attr(TR_ERROR));
		put_folded(2, cf.error, LINES - 5);
		attroff(tui_attr(TR_ERROR));
	} else if (cf.n == 0) {
		tui_put(2, 1, _("No conflicts: every field has one value."),
		    COLS - 2);
	} else if (!cf.detail || chosen() == NULL)
		draw_list();
	else
		draw_detail();
	getyx(stdscr, cy, cx);
	tui_draw_helpline();
	if (cf.typing && cf.detail)
		move(cy, cx);
}

static int
resolve(const char *value)
{
	const struct conflict	*c = chosen();
	char			*cause = NULL;

	if (c == NULL)
		return TUI_NONE;
	if (cf.typing && value != NULL &&
	    (cause = app_conflict_problem(tui.app, c, value)) != NULL) {
		tui_error(_("cannot settle the conflict: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	if (store_resolve_conflict(tui.app->store, c->id, value,
	    tui.app->worker, &cause) == -1) {
		tui_error(_("cannot settle the conflict: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	tui_message("%s", _("Conflict settled."));
	cf.detail = cf.typing = false;
	load();
	return TUI_REDRAW;
}

/* tui_pick callback for F3 and F4: the filter chosen (0: none); arg
 * says which, the pick's strings stay the pick's. */
static int
filter_picked(void *arg, size_t i)
{
	char	**v = arg;
	char	**slot = v[0] != NULL ? &cf.worker : &cf.form;

	free(*slot);
	*slot = i > 0 ? xstrdup(v[i + 1]) : NULL;
	cf.sel = cf.top = 0;
	filter_apply();
	return TUI_REDRAW;
}

/* F3 (worker false) or F4 (worker true): a pick of the forms or the
 * workers the conflicts have, "all" first. */
static int
pick_filter(bool worker)
{
	const struct form	*f;
	const char		**items;
	char			**arg;
	size_t			  n = 1, i, j, k;
	const char		 *key;

	/* arg: [0] non-NULL for workers, then item i's key at [i + 1]
	 * (the conflicts' own strings): one block, which the pick frees. */
	items = xreallocarray(NULL, 1, sizeof *items);
	items[0] = worker ? _("Every worker") : _("Every form");
	arg = xreallocarray(NULL, 2, sizeof *arg);
	for (i = 0; i < cf.n; i++)
		for (k = 0; k < (worker ? cf.v[i].nvalues : 1); k++) {
			key = worker ? cf.v[i].values[k].author : cf.v[i].form;
			if (key == NULL)
				continue;
			for (j = 1; j < n && strcmp(arg[j + 1], key) != 0; j++)
				;
			if (j < n)
				continue;
			items = xreallocarray(items, n + 1, sizeof *items);
			arg = xreallocarray(arg, n + 2, sizeof *arg);
			arg[n + 1] = (char *)key;
			f = worker ? NULL : form_pack_find(tui.app->pack, key);
			items[n++] = f != NULL ? form_text(f->title) : key;
		}
	arg[0] = worker ? (char *)"w" : NULL;
	/* The pick owns arg from here. */
	tui_pick(worker ? _("Show the conflicts of which worker?") :
	    _("Show the conflicts of which form?"), items, n, filter_picked,
	    arg);
	free(items);
	return TUI_REDRAW;
}

/* Moves the choice in the list or among the values by d (clamped). */
static int
move_sel(long d)
{
	size_t	*sel = cf.detail ? &cf.vsel : &cf.sel;
	size_t	 n = cf.detail ? chosen()->nvalues : cf.nshown;
	long	 to = (long)*sel + d;

	if (cf.typing || n == 0)
		return TUI_NONE;
	*sel = to < 0 ? 0 : (size_t)to >= n ? n - 1 : (size_t)to;
	return TUI_REDRAW;
}

static int
conflicts_key(int key)
{
	long	page = (long)list_rows(4);

	switch (tui_key_action(&conflicts_keys, key, cf.typing)) {
	case XA_OPEN:
		if (chosen() == NULL)
			return TUI_NONE;
		if (!cf.detail) {
			cf.detail = true;
			cf.vsel = 0;
			return TUI_REDRAW;
		}
		if (cf.typing)
			return resolve(cf.text.s);
		return resolve(chosen()->values[cf.vsel].value);
	case XA_TYPE:
		if (!cf.detail || chosen() == NULL)
			return TUI_NONE;
		cf.typing = true;
		tui_text_set(&cf.text, "");
		return TUI_REDRAW;
	case XA_FORM:
	case XA_WORKER:
		if (cf.detail || cf.n == 0)
			return TUI_NONE;
		return pick_filter(tui_key_action(&conflicts_keys, key,
		    cf.typing) == XA_WORKER);
	case XA_BACK:
		if (cf.typing)
			cf.typing = false;
		else if (cf.detail)
			cf.detail = false;
		else
			tui_pop();
		return TUI_REDRAW;
	case XA_UP:
		return move_sel(-1);
	case XA_DOWN:
		return move_sel(1);
	case XA_PGUP:
		return move_sel(-page);
	case XA_PGDN:
		return move_sel(page);
	case XA_HOME:
		return move_sel(-(long)cf.n - 1);
	case XA_END:
		return move_sel((long)cf.n + 1);
	}
	if (cf.typing && tui_text_key(&cf.text, key))
		return TUI_REDRAW;
	return TUI_NONE;
}

const struct screen screen_conflicts = {
	.id = SCREEN_CONFLICTS,
	.title = N_("Conflicts"),
	.keys = &conflicts_keys,
	.open = conflicts_open,
	.close = conflicts_close,
	.draw = conflicts_draw,
	.key = conflicts_key,
	.typing = conflicts_typing,
};
