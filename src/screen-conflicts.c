/*
 * screen-conflicts.c: fields edited on two devices, for a supervisor.
 * Each conflict shows every value with its author and time; the
 * supervisor picks one or types a new value, which the store records as
 * one more change replacing them all.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	XA_OPEN,
	XA_TYPE,
	XA_BACK,
	XA_UP,
	XA_DOWN
};
static const struct tui_key conflicts_key_list[] = {
	{ XA_OPEN,	{ TUI_ENTER },	N_("Choose"), TUI_KEY_LINE },
	{ XA_TYPE,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('n') },	N_("Type a new value"),
	  TUI_KEY_LINE },
	{ XA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ XA_UP,	{ TUI_FKEY(KEY_UP) },	N_("Previous"), 0 },
	{ XA_DOWN,	{ TUI_FKEY(KEY_DOWN) },	N_("Next"), 0 },
};
static const struct tui_keymap conflicts_keys = {
	N_("Conflicts"), conflicts_key_list, nitems(conflicts_key_list)
};

static struct {
	struct conflict	*v;
	size_t		 n;
	size_t		 sel;
	bool		 detail;	/* one conflict's values shown */
	size_t		 vsel;
	bool		 typing;	/* a new value being typed */
	struct tui_text	 text;
	bool		 text_init;
	char		*error;
	char		**what;		/* per conflict: whose, which question */
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
	s = xasprintf("%s: %s%s%s", name != NULL ? name : c->record_id,
	    title != NULL ? title : "", title != NULL ? ", " : "", label);
	free(filled);
	free(name);
	answers_free(&props);
	return s;
}

/* Frees the conflicts shown. */
static void
list_free(void)
{
	size_t	i;

	for (i = 0; i < cf.n; i++) {
		conflict_free(&cf.v[i]);
		free(cf.what[i]);
	}
	free(cf.v);
	free(cf.what);
	cf.v = NULL;
	cf.what = NULL;
	cf.n = 0;
	free(cf.error);
	cf.error = NULL;
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
	for (i = 0; i < cf.n; i++)
		cf.what[i] = conflict_what(&cf.v[i]);
	if (cf.sel >= cf.n)
		cf.sel = cf.n > 0 ? cf.n - 1 : 0;
}

static int
conflicts_open(const void *arg)
{
	(void)arg;
	if (!cf.text_init) {
		tui_text_init(&cf.text);
		cf.text_init = true;
	}
	cf.sel = 0;
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
	memset(&cf, 0, sizeof cf);
}

/* A new value is typed only after F2. */
static bool
conflicts_typing(void)
{
	return cf.typing;
}

static void
conflicts_draw(void)
{
	const struct conflict	*c;
	char			*s;
	const char		*v;
	size_t			 i;
	int			 y = 2, attr, cy, cx;

	s = xasprintf(ngettext("%zu conflict", "%zu conflicts", cf.n), cf.n);
	tui_draw_title(_("Conflicts"), s);
	free(s);
	if (cf.error != NULL) {
		attron(tui_attr(TR_ERROR));
		tui_put(y, 1, cf.error, COLS - 2);
		attroff(tui_attr(TR_ERROR));
	} else if (cf.n == 0) {
		tui_put(y, 1, _("No conflicts: every field has one value."),
		    COLS - 2);
	} else if (!cf.detail) {
		tui_put(1, 1, _("Fields changed on two devices. Enter shows "
		    "the values; pick one, or F2 to type another."), COLS - 2);
		for (i = 0; i < cf.n && y < LINES - 3; i++, y++) {
			c = &cf.v[i];
			s = xasprintf(_("%s  (%zu values)"), cf.what[i],
			    c->nvalues);
			attr = i == cf.sel ? tui_attr(TR_SELECTED) : 0;
			attron(attr);
			tui_put_pad(y, 1, s, COLS - 2);
			attroff(attr);
			if (i == cf.sel)
				mvaddch(y, 0, '>');
			free(s);
		}
	} else {
		c = &cf.v[cf.sel];
		s = xasprintf(_("%s (record %s, field %s)"), cf.what[cf.sel],
		    c->record_id, c->path);
		attron(A_BOLD);
		tui_put(1, 1, s, COLS - 2);
		attroff(A_BOLD);
		free(s);
		for (i = 0; i < c->nvalues && y < LINES - 5; i++, y++) {
			v = c->values[i].value;
			/* A link (a case id) by the name of its case. */
			if (v != NULL && store_case_id_valid(v))
				v = tui_link_text(v);
			s = xasprintf(_("%s   by %s on device %.8s, %.19s"),
			    v != NULL ? v : _("(deleted)"), c->values[i].author,
			    c->values[i].device, c->values[i].time);
			attr = !cf.typing && i == cf.vsel ?
			    tui_attr(TR_SELECTED) : 0;
			attron(attr);
			tui_put_pad(y, 1, s, COLS - 2);
			attroff(attr);
			if (!cf.typing && i == cf.vsel)
				mvaddch(y, 0, '>');
			free(s);
		}
		y++;
		if (cf.typing) {
			int	x = tui_put(y, 1, _("New value:"), COLS / 3) + 2;

			tui_text_draw(&cf.text, y, x, COLS - x - 2, true);
		}
	}
	getyx(stdscr, cy, cx);
	tui_draw_helpline();
	if (cf.typing && cf.detail)
		move(cy, cx);
}

static int
resolve(const char *value)
{
	char	*cause = NULL;

	if (store_resolve_conflict(tui.app->store, cf.v[cf.sel].id, value,
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

static int
conflicts_key(int key)
{
	switch (tui_key_action(&conflicts_keys, key, cf.typing)) {
	case XA_OPEN:
		if (cf.n == 0)
			return TUI_NONE;
		if (!cf.detail) {
			cf.detail = true;
			cf.vsel = 0;
			return TUI_REDRAW;
		}
		if (cf.typing)
			return resolve(cf.text.s);
		return resolve(cf.v[cf.sel].values[cf.vsel].value);
	case XA_TYPE:
		if (!cf.detail || cf.n == 0)
			return TUI_NONE;
		cf.typing = true;
		tui_text_set(&cf.text, cf.v[cf.sel].values[0].value);
		return TUI_REDRAW;
	case XA_BACK:
		if (cf.typing)
			cf.typing = false;
		else if (cf.detail)
			cf.detail = false;
		else
			tui_pop();
		return TUI_REDRAW;
	case XA_UP:
		if (cf.detail && !cf.typing && cf.vsel > 0)
			cf.vsel--;
		else if (!cf.detail && cf.sel > 0)
			cf.sel--;
		return TUI_REDRAW;
	case XA_DOWN:
		if (cf.detail && !cf.typing &&
		    cf.vsel + 1 < cf.v[cf.sel].nvalues)
			cf.vsel++;
		else if (!cf.detail && cf.sel + 1 < cf.n)
			cf.sel++;
		return TUI_REDRAW;
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
