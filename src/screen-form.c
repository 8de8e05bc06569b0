/*
 * screen-form.c: filling a form.  Every relevant question of the form in
 * order, with its label, required mark, hint and widget; groups and
 * repeats as headings.  Relevance, calculations and messages come from
 * record.h after every key, so the screen and the store never disagree.
 * Answers go to a draft in the store as the worker moves between fields
 * (and after a pause in typing), so a crash loses at most the field being
 * typed.  Finalizing checks the whole record and takes the worker to the
 * first problem.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	FA_NEXT,
	FA_PREV,
	FA_FINALIZE,
	FA_LEAVE,
	FA_REMOVE,
	FA_DISCARD,
	FA_PICK,
	FA_PGUP,
	FA_PGDN
};
static const struct tui_key form_key_list[] = {
	{ FA_NEXT,	{ TUI_TAB, TUI_ENTER, TUI_FKEY(KEY_DOWN) },
	  N_("Next"), TUI_KEY_LINE },
	{ FA_PREV,	{ TUI_FKEY(KEY_BTAB), TUI_FKEY(KEY_UP) },
	  N_("Previous"), 0 },
	{ FA_FINALIZE,	{ TUI_FKEY(KEY_F(2)) },	N_("Finalize"), TUI_KEY_LINE },
	{ FA_PICK,	{ ' ' },		N_("Choose (in a list)"), 0 },
	{ FA_REMOVE,	{ TUI_FKEY(KEY_F(4)) },
	  N_("Remove this repeat"), 0 },
	{ FA_DISCARD,	{ TUI_FKEY(KEY_F(8)) },	N_("Discard"), TUI_KEY_LINE },
	{ FA_LEAVE,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },
	  N_("Leave"), TUI_KEY_LINE },
	{ FA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },
	  N_("Previous page of questions"), 0 },
	{ FA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },
	  N_("Next page of questions"), 0 },
};
const struct tui_keymap form_keys = {
	N_("Form"), form_key_list, nitems(form_key_list)
};

/* Choices shown at once in a list; longer lists scroll and filter. */
#define CHOICE_ROWS	8

enum item_kind {
	I_FIELD,	/* a question with a widget */
	I_HEADING,	/* a group or a repeat */
	I_INSTANCE,	/* one instance of a repeat */
	I_ADD,		/* "add another" of a repeat */
	I_NOTE,
	I_CALC		/* a read-only value */
};

struct item {
	enum item_kind		 kind;
	const struct field	*f;
	char			*prefix;	/* instance prefix of f */
	char			*path;		/* answer path, or the
						   instance or repeat path */
	char			*iid;		/* I_INSTANCE: instance id */
	int			 depth;
	int			 number;	/* I_INSTANCE: 1-based */
};

static struct {
	bool			 open;
	const struct form	*form;
	char			*case_id;
	char			*record_id;
	char			*draft_id;
	struct answers		 a;
	struct answers		 touched;	/* paths left or typed in */
	struct item		*items;
	size_t			 nitems;
	size_t			 focus;
	int			 top;
	char			*focus_key;	/* survives rebuilding items */
	struct tui_text		 edit;		/* the focused text field */
	struct tui_text		 filter;	/* the focused list's filter */
	size_t			 ccur;		/* cursor in filtered choices */
	bool			 dirty;		/* changed since opened */
	bool			 field_dirty;	/* not yet in the draft */
	bool			 show_all;	/* after a finalize attempt */
} fs;

/* What form_open asks before resuming a draft. */
static struct {
	char	*form_id;
	char	*case_id;
	char	*draft_id;
} offer;

static bool
is_text(const struct field *f)
{
	return f->type == FT_TEXT || f->type == FT_INTEGER ||
	    f->type == FT_DECIMAL || f->type == FT_DATE;
}

static bool
is_select(const struct field *f)
{
	return f->type == FT_SELECT_ONE || f->type == FT_SELECT_MULTIPLE;
}

static bool
focusable(const struct item *it)
{
	return it->kind == I_FIELD || it->kind == I_ADD;
}

static char *
item_key(const struct item *it)
{
	return xasprintf("%d:%s", (int)it->kind, it->path);
}

static void
items_free(void)
{
	size_t	i;

	for (i = 0; i < fs.nitems; i++) {
		free(fs.items[i].prefix);
		free(fs.items[i].path);
		free(fs.items[i].iid);
	}
	free(fs.items);
	fs.items = NULL;
	fs.nitems = 0;
}

static struct item *
item_add(enum item_kind kind, const struct field *f, const char *prefix,
    char *path, int depth)
{
	struct item	*it;

	fs.items = xreallocarray(fs.items, fs.nitems + 1, sizeof *fs.items);
	it = &fs.items[fs.nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->f = f;
	it->prefix = xstrdup(prefix);
	it->path = path;
	it->depth = depth;
	return it;
}

static void
walk(struct field *const *fields, size_t n, const char *prefix, int depth)
{
	const struct field	*f;
	struct item		*it;
	char			**ids, *ipre;
	size_t			  i, k, nids;

	for (i = 0; i < n; i++) {
		f = fields[i];
		if (!record_relevant(fs.form, &fs.a, f, prefix))
			continue;
		switch (f->type) {
		case FT_GROUP:
			if (f->label != NULL && *f->label != '\0')
				item_add(I_HEADING, f, prefix,
				    record_path(f, prefix), depth);
			walk(f->children, f->nchildren, prefix, depth + 1);
			break;
		case FT_REPEAT:
			item_add(I_HEADING, f, prefix, record_path(f, prefix),
			    depth);
			nids = record_instances(&fs.a, f, prefix, &ids);
			for (k = 0; k < nids; k++) {
				it = item_add(I_INSTANCE, f, prefix,
				    xasprintf("%s%s[%s]", prefix, f->id,
				    ids[k]), depth);
				it->iid = xstrdup(ids[k]);
				it->number = (int)k + 1;
				ipre = xasprintf("%s%s[%s].", prefix, f->id,
				    ids[k]);
				walk(f->children, f->nchildren, ipre,
				    depth + 1);
				free(ipre);
			}
			record_free_ids(ids, nids);
			if (f->count == NULL && (f->max == 0 ||
			    nids < (size_t)f->max))
				item_add(I_ADD, f, prefix,
				    record_path(f, prefix), depth);
			break;
		case FT_NOTE:
			item_add(I_NOTE, f, prefix, record_path(f, prefix),
			    depth);
			break;
		case FT_CALCULATE:
			if (f->label != NULL && *f->label != '\0')
				item_add(I_CALC, f, prefix,
				    record_path(f, prefix), depth);
			break;
		default:
			item_add(f->read_only ? I_CALC : I_FIELD, f, prefix,
			    record_path(f, prefix), depth);
			break;
		}
	}
}

static void
focus_load(void)
{
	const struct item	*it;

	tui_text_set(&fs.filter, "");
	fs.ccur = 0;
	if (fs.nitems == 0)
		return;
	it = &fs.items[fs.focus];
	if (it->kind == I_FIELD && is_text(it->f))
		tui_text_set(&fs.edit, answers_get(&fs.a, it->path));
	else
		tui_text_set(&fs.edit, "");
}

/* Rebuilds the list of shown items after answers changed, keeping the
 * focus on the same item when it is still shown. */
static void
rebuild(bool keep_edit)
{
	size_t	i, old = fs.focus;
	char	*k;
	bool	 found = false;

	items_free();
	walk(fs.form->top, fs.form->ntop, "", 0);
	for (i = 0; i < fs.nitems && fs.focus_key != NULL; i++) {
		k = item_key(&fs.items[i]);
		if (strcmp(k, fs.focus_key) == 0) {
			fs.focus = i;
			found = true;
		}
		free(k);
		if (found)
			break;
	}
	if (!found) {
		fs.focus = old < fs.nitems ? old : 0;
		while (fs.focus < fs.nitems &&
		    !focusable(&fs.items[fs.focus]))
			fs.focus++;
		if (fs.focus >= fs.nitems) {
			fs.focus = fs.nitems;
			while (fs.focus > 0 &&
			    !focusable(&fs.items[fs.focus - 1]))
				fs.focus--;
			fs.focus = fs.focus > 0 ? fs.focus - 1 : 0;
		}
		keep_edit = false;
	}
	free(fs.focus_key);
	fs.focus_key = fs.nitems > 0 ? item_key(&fs.items[fs.focus]) : NULL;
	if (!keep_edit)
		focus_load();
}

/* Answers changed: recalculate, then show and hide questions. */
static void
recompute(void)
{
	record_calculate(fs.form, &fs.a);
	rebuild(true);
}

static int
ensure_draft(void)
{
	char	*cause = NULL;

	if (fs.draft_id != NULL)
		return 0;
	if (store_draft_new(tui.store, fs.form->id, fs.case_id, fs.record_id,
	    &fs.draft_id, &cause) == -1) {
		tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
draft_set(const char *path, const char *value)
{
	char	*cause = NULL;

	if (ensure_draft() == -1)
		return -1;
	if (store_draft_set(tui.store, fs.draft_id, path,
	    value != NULL ? value : "", &cause) == -1) {
		tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Saves the focused field to the draft if it changed. */
static void
save_field(void)
{
	const struct item	*it;

	if (!fs.open || !fs.field_dirty || fs.nitems == 0)
		return;
	it = &fs.items[fs.focus];
	if (it->kind == I_FIELD &&
	    draft_set(it->path, answers_get(&fs.a, it->path)) == 0)
		fs.field_dirty = false;
}

void
form_save_typing(void)
{
	save_field();
}

bool
form_idle(void)
{
	if (!fs.open || !fs.field_dirty)
		return false;
	save_field();
	return true;
}

/* Moves the focus to item i (a focusable one), leaving the old field. */
static void
focus_to(size_t i)
{
	if (i == fs.focus || i >= fs.nitems)
		return;
	save_field();
	if (fs.focus < fs.nitems && fs.items[fs.focus].kind == I_FIELD)
		answers_set(&fs.touched, fs.items[fs.focus].path, "1");
	fs.focus = i;
	free(fs.focus_key);
	fs.focus_key = item_key(&fs.items[i]);
	focus_load();
}

static bool
focus_step(int dir)
{
	size_t	i = fs.focus;

	for (;;) {
		if (dir > 0 && i + 1 >= fs.nitems)
			return false;
		if (dir < 0 && i == 0)
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (focusable(&fs.items[i])) {
			focus_to(i);
			return true;
		}
	}
}

static void
form_free(void)
{
	items_free();
	answers_free(&fs.a);
	answers_free(&fs.touched);
	tui_text_free(&fs.edit);
	tui_text_free(&fs.filter);
	free(fs.case_id);
	free(fs.record_id);
	free(fs.draft_id);
	free(fs.focus_key);
	memset(&fs, 0, sizeof fs);
}

void
form_close(void)
{
	if (fs.open)
		form_free();
	free(offer.form_id);
	free(offer.case_id);
	free(offer.draft_id);
	memset(&offer, 0, sizeof offer);
}

/* Overlays a draft's answers ("" removes an answer). */
static int
load_draft(const char *draft_id, char **cause)
{
	struct draft_info	info;
	struct answers		da;
	size_t			i;

	answers_init(&da);
	memset(&info, 0, sizeof info);
	if (store_draft_load(tui.store, draft_id, &info, &da, cause) == -1) {
		answers_free(&da);
		return -1;
	}
	for (i = 0; i < da.n; i++)
		answers_set(&fs.a, da.v[i].path,
		    *da.v[i].value != '\0' ? da.v[i].value : NULL);
	answers_free(&da);
	draft_info_free(&info);
	return 0;
}

static int
open_now(const char *form_id, const char *case_id, const char *record_id,
    const char *draft_id)
{
	const struct form	*f;
	struct record_info	 ri;
	char			*cause = NULL;

	if ((f = form_pack_find(tui.pack, form_id)) == NULL) {
		tui_error(_("no form '%s' in the form pack"), form_id);
		return -1;
	}
	if (fs.open)
		form_free();
	fs.form = f;
	answers_init(&fs.a);
	answers_init(&fs.touched);
	tui_text_init(&fs.edit);
	tui_text_init(&fs.filter);
	fs.case_id = case_id != NULL ? xstrdup(case_id) : NULL;
	fs.record_id = record_id != NULL ? xstrdup(record_id) : NULL;
	fs.draft_id = draft_id != NULL ? xstrdup(draft_id) : NULL;
	fs.open = true;
	if (record_id != NULL) {
		memset(&ri, 0, sizeof ri);
		if (store_load_record(tui.store, record_id, &ri, &fs.a,
		    &cause) == -1)
			goto fail;
		record_info_free(&ri);
	}
	if (draft_id != NULL && load_draft(draft_id, &cause) == -1)
		goto fail;
	if (record_id == NULL)
		record_apply_defaults(fs.form, &fs.a);
	record_calculate(fs.form, &fs.a);
	rebuild(false);
	fs.focus = 0;
	while (fs.focus < fs.nitems && !focusable(&fs.items[fs.focus]))
		fs.focus++;
	if (fs.focus >= fs.nitems)
		fs.focus = 0;
	free(fs.focus_key);
	fs.focus_key = fs.nitems > 0 ? item_key(&fs.items[fs.focus]) : NULL;
	focus_load();
	tui_push(TUI_FORM);
	if (draft_id != NULL)
		tui_message("%s", _("Draft reopened."));
	return 0;
fail:
	tui_error(_("cannot open the record: %s"), cause);
	free(cause);
	form_free();
	return -1;
}

static int
offer_answer(void *arg, bool yes)
{
	(void)arg;
	open_now(offer.form_id, offer.case_id, NULL,
	    yes ? offer.draft_id : NULL);
	free(offer.form_id);
	free(offer.case_id);
	free(offer.draft_id);
	memset(&offer, 0, sizeof offer);
	return TUI_REDRAW;
}

int
form_open(const char *form_id, const char *case_id, const char *record_id,
    const char *draft_id)
{
	struct draft_info	*d = NULL;
	char			*cause = NULL, *q;
	size_t			 n = 0, i, found = (size_t)-1;

	if (record_id != NULL || draft_id != NULL)
		return open_now(form_id, case_id, record_id, draft_id);
	/* A new record: offer the latest draft of the same form. */
	if (store_drafts(tui.store, case_id, &d, &n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(d[i].form, form_id) != 0 || d[i].record_id != NULL)
			continue;
		if ((case_id == NULL) != (d[i].case_id == NULL))
			continue;
		if (found == (size_t)-1 || (d[i].updated != NULL &&
		    d[found].updated != NULL &&
		    strcmp(d[i].updated, d[found].updated) > 0))
			found = i;
	}
	if (found != (size_t)-1) {
		offer.form_id = xstrdup(form_id);
		offer.case_id = case_id != NULL ? xstrdup(case_id) : NULL;
		offer.draft_id = xstrdup(d[found].id);
		q = xasprintf(_("A draft of this form from %s exists. "
		    "Continue it?"), d[found].updated != NULL ?
		    d[found].updated : "?");
		tui_ask(q, true, offer_answer, NULL);
		free(q);
	}
	for (i = 0; i < n; i++)
		draft_info_free(&d[i]);
	free(d);
	if (found != (size_t)-1)
		return 0;
	return open_now(form_id, case_id, NULL, NULL);
}

/*
 * A list's choice_filter, evaluated for one choice: a filter column of the
 * choice by its bare name first, then the answer of the same repeat
 * instance, then the top-level answer (onward-forms(5)).  record.h has no
 * call for this yet; it is the one piece of form logic the screen does.
 */
struct choice_env {
	const struct choice	*c;
	const char		*prefix;
	char			*tmp;
};

static const char *
choice_lookup(void *arg, const char *name)
{
	struct choice_env	*e = arg;
	const char		*v;
	size_t			 k;

	for (k = 0; k < e->c->nf; k++) {
		if (strcmp(e->c->fkeys[k], name) == 0)
			return e->c->fvals[k];
	}
	free(e->tmp);
	e->tmp = xasprintf("%s%s", e->prefix, name);
	if ((v = answers_get(&fs.a, e->tmp)) != NULL)
		return v;
	v = answers_get(&fs.a, name);
	return v != NULL ? v : "";
}

static bool
choice_allowed(const struct field *f, const char *prefix,
    const struct choice *c)
{
	struct choice_env	e;
	struct expr_env		env;
	bool			ok;

	if (f->choice_filter == NULL)
		return true;
	e.c = c;
	e.prefix = prefix;
	e.tmp = NULL;
	memset(&env, 0, sizeof env);
	env.arg = &e;
	env.lookup = choice_lookup;
	ok = expr_eval_bool(f->choice_filter, &env);
	free(e.tmp);
	return ok;
}

/* Choices of the focused list that match the filter, as indexes. */
static size_t
filtered(const struct field *f, size_t **out)
{
	const struct choice_list	*cl = f->choices;
	char				*ff, *lab, *val;
	size_t				 i, n = 0;

	*out = NULL;
	if (cl == NULL)
		return 0;
	*out = xreallocarray(NULL, cl->n + 1, sizeof **out);
	ff = tui_fold(fs.filter.s);
	for (i = 0; i < cl->n; i++) {
		if (!choice_allowed(f, fs.items[fs.focus].prefix, &cl->v[i]))
			continue;
		if (*ff != '\0') {
			lab = tui_fold(form_text(cl->v[i].label));
			val = tui_fold(cl->v[i].value);
			if (strstr(lab, ff) == NULL && strstr(val, ff) == NULL) {
				free(lab);
				free(val);
				continue;
			}
			free(lab);
			free(val);
		}
		(*out)[n++] = i;
	}
	free(ff);
	return n;
}

/* True when value (space separated for select_multiple) holds v. */
static bool
has_value(const char *value, const char *v)
{
	size_t	len = strlen(v);
	const char *p = value;

	if (value == NULL)
		return false;
	while ((p = strstr(p, v)) != NULL) {
		if ((p == value || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			return true;
		p += len;
	}
	return false;
}

/* The labels of the chosen values, for an unfocused list. */
static char *
chosen_text(const struct field *f, const char *value)
{
	struct buf	 b;
	char		*copy, *tok, *save = NULL;
	const struct choice *c;

	buf_init(&b);
	copy = xstrdup(value);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		c = field_find_choice(f, tok);
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, c != NULL ? form_text(c->label) : tok);
	}
	free(copy);
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}

static void
pick_choice(const struct item *it, const char *v)
{
	const char	*cur = answers_get(&fs.a, it->path);
	struct buf	 b;
	char		*copy, *tok, *save = NULL;
	bool		 had = false;

	if (it->f->type == FT_SELECT_ONE) {
		if (cur != NULL && strcmp(cur, v) == 0)
			return;
		answers_set(&fs.a, it->path, v);
	} else {
		buf_init(&b);
		copy = xstrdup(cur != NULL ? cur : "");
		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			if (strcmp(tok, v) == 0) {
				had = true;
				continue;
			}
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, tok);
		}
		if (!had) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, v);
		}
		free(copy);
		answers_set(&fs.a, it->path, b.len > 0 ? b.s : NULL);
		buf_free(&b);
	}
	fs.dirty = true;
	fs.field_dirty = true;
	save_field();
	recompute();
}

/* Wrapped text at y,x; returns lines used (all counted, drawn when
 * draw and inside the rows [ymin, ymax)). */
static int
put_wrapped(int y, int x, const char *s, int cols, bool draw, int ymax)
{
	size_t	*st, *ln, n, i;
	char	*line;

	n = tui_wrap(s, cols, &st, &ln);
	for (i = 0; draw && i < n; i++) {
		if (y + (int)i >= ymax)
			break;
		line = xstrndup(s + st[i], ln[i]);
		tui_put(y + (int)i, x, line, cols);
		free(line);
	}
	free(st);
	free(ln);
	return (int)n;
}

/* Where the terminal cursor goes after drawing, -1 for nowhere. */
static int	cur_y = -1, cur_x;

/* Lays out (and when draw, paints) item i at row y; returns its height. */
static int
item_block(size_t i, int y, bool draw, int ymax)
{
	const struct item	*it = &fs.items[i];
	const struct field	*f = it->f;
	bool			 focused = i == fs.focus;
	int			 x = 2 + 2 * it->depth, w = COLS - x - 2, h = 0;
	int			 fw, attr;
	const char		*v;
	char			*s, *msg = NULL;
	size_t			*idx, nidx, k, top;

	if (w < 20) {
		x = COLS - 22;
		w = 20;
	}
	draw = draw && y < ymax;
	switch (it->kind) {
	case I_HEADING:
		if (draw)
			attron(tui_attr(TR_HEADING));
		h = put_wrapped(y, x - 1, form_text(f->label), w, draw, ymax);
		if (draw)
			attroff(tui_attr(TR_HEADING));
		return h;
	case I_INSTANCE:
		if (draw) {
			s = xasprintf("%s %d", form_text(f->label), it->number);
			attron(A_BOLD);
			x += tui_put(y, x, s, w);
			attroff(A_BOLD);
			free(s);
			attron(tui_attr(TR_DIM));
			tui_put(y, x + 2, _("(F4 removes it)"), w - x - 2);
			attroff(tui_attr(TR_DIM));
		}
		return 1;
	case I_ADD:
		if (draw) {
			s = xasprintf(_("[+] Add: %s"), form_text(f->label));
			attr = focused ? tui_attr(TR_SELECTED) : 0;
			attron(attr);
			tui_put(y, x, s, w);
			attroff(attr);
			free(s);
		}
		return 1;
	case I_NOTE:
		if (draw)
			attron(tui_attr(TR_DIM));
		h = put_wrapped(y, x, form_text(f->label), w, draw, ymax);
		if (draw)
			attroff(tui_attr(TR_DIM));
		return h;
	case I_CALC:
		v = answers_get(&fs.a, it->path);
		s = xasprintf("%s: %s", form_text(f->label),
		    v != NULL ? v : "");
		h = put_wrapped(y, x, s, w, draw, ymax);
		free(s);
		return h;
	case I_FIELD:
		break;
	}

	/* The label, with the required mark. */
	s = xasprintf("%s%s", f->required ? "* " : "", form_text(f->label));
	attr = focused ? (int)A_BOLD : 0;
	if (draw) {
		attron(attr);
		if (focused)
			mvaddch(y, x - 2, '>');
	}
	h = put_wrapped(y, x, s, w, draw, ymax);
	if (draw)
		attroff(attr);
	free(s);
	if (focused && f->hint != NULL && *f->hint != '\0') {
		if (draw)
			attron(tui_attr(TR_DIM));
		h += put_wrapped(y + h, x, form_text(f->hint), w,
		    draw && y + h < ymax, ymax);
		if (draw)
			attroff(tui_attr(TR_DIM));
	}

	/* The widget. */
	v = answers_get(&fs.a, it->path);
	if (is_text(f)) {
		fw = w > 50 ? 50 : w;
		if (f->type == FT_DATE)
			fw = 12;
		else if (f->type == FT_INTEGER || f->type == FT_DECIMAL)
			fw = 16;
		if (draw && y + h < ymax) {
			if (focused) {
				tui_text_draw(&fs.edit, y + h, x, fw, true);
				getyx(stdscr, cur_y, cur_x);
			} else {
				attron(tui_attr(TR_FIELD));
				tui_put_pad(y + h, x, v != NULL ? v : "", fw);
				attroff(tui_attr(TR_FIELD));
			}
			attron(tui_attr(TR_DIM));
			if (f->type == FT_DATE)
				tui_put(y + h, x + fw + 2, _("YYYY-MM-DD"),
				    w - fw - 2);
			else if (f->type == FT_INTEGER)
				tui_put(y + h, x + fw + 2, _("a whole number"),
				    w - fw - 2);
			else if (f->type == FT_DECIMAL)
				tui_put(y + h, x + fw + 2, _("a number"),
				    w - fw - 2);
			attroff(tui_attr(TR_DIM));
		}
		h++;
	} else if (is_select(f) && !focused) {
		s = chosen_text(f, v != NULL ? v : "");
		if (draw && y + h < ymax) {
			attron(tui_attr(TR_FIELD));
			tui_put_pad(y + h, x, s, w > 50 ? 50 : w);
			attroff(tui_attr(TR_FIELD));
		}
		free(s);
		h++;
	} else if (is_select(f)) {
		nidx = filtered(f, &idx);
		if (f->choices != NULL && (f->choices->n > CHOICE_ROWS ||
		    fs.filter.len > 0)) {
			if (draw && y + h < ymax) {
				fw = tui_put(y + h, x, _("Filter:"), w) + 1;
				tui_text_draw(&fs.filter, y + h, x + fw,
				    w - fw > 30 ? 30 : w - fw, true);
				getyx(stdscr, cur_y, cur_x);
			}
			h++;
		}
		if (fs.ccur >= nidx)
			fs.ccur = nidx > 0 ? nidx - 1 : 0;
		top = fs.ccur >= CHOICE_ROWS ? fs.ccur - CHOICE_ROWS + 1 : 0;
		for (k = top; k < nidx && k < top + CHOICE_ROWS; k++, h++) {
			const struct choice *c = &f->choices->v[idx[k]];
			bool on = has_value(v, c->value);

			if (!draw || y + h >= ymax)
				continue;
			s = xasprintf("%s %s", f->type == FT_SELECT_ONE ?
			    (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]"),
			    form_text(c->label));
			attr = k == fs.ccur ? tui_attr(TR_SELECTED) : 0;
			attron(attr);
			tui_put_pad(y + h, x, s, w > 50 ? 50 : w);
			attroff(attr);
			free(s);
		}
		if (nidx == 0) {
			if (draw && y + h < ymax) {
				attron(tui_attr(TR_DIM));
				tui_put(y + h, x, _("no choice matches"), w);
				attroff(tui_attr(TR_DIM));
			}
			h++;
		} else if (nidx > CHOICE_ROWS) {
			if (draw && y + h < ymax) {
				s = xasprintf(_("%zu of %zu choices"),
				    fs.ccur + 1, nidx);
				attron(tui_attr(TR_DIM));
				tui_put(y + h, x, s, w);
				attroff(tui_attr(TR_DIM));
				free(s);
			}
			h++;
		}
		free(idx);
	}

	/* Its message: as the worker types, after leaving, or after a
	 * finalize attempt. */
	if (fs.show_all || answers_get(&fs.touched, it->path) != NULL ||
	    (focused && v != NULL && *v != '\0'))
		msg = record_check_field(fs.form, &fs.a, f, it->prefix);
	if (msg != NULL) {
		if (draw)
			attron(tui_attr(TR_ERROR));
		h += put_wrapped(y + h, x, msg, w, draw && y + h < ymax, ymax);
		if (draw)
			attroff(tui_attr(TR_ERROR));
		free(msg);
	}
	return h;
}

/* Question N of M among the relevant ones. */
static void
progress(size_t *n, size_t *m)
{
	size_t	i;

	*n = *m = 0;
	for (i = 0; i < fs.nitems; i++) {
		if (fs.items[i].kind != I_FIELD)
			continue;
		(*m)++;
		if (i <= fs.focus)
			*n = *m;
	}
}

void
form_draw(void)
{
	int	ymin = 2, ymax = LINES - 2, avail = ymax - ymin, y, h, sum;
	size_t	i, n, m;
	char	*s;
	bool	 before = false;

	tui.typing = true;
	cur_y = -1;
	progress(&n, &m);
	s = xasprintf(_("Question %zu of %zu"), n, m);
	tui_draw_title(form_text(fs.form->title), s);
	free(s);
	attron(tui_attr(TR_DIM));
	s = fs.record_id != NULL ? xasprintf(_("Editing record %s"),
	    fs.record_id) : fs.case_id != NULL ?
	    xasprintf(_("New record for case %s"), fs.case_id) :
	    xstrdup(_("New record"));
	tui_put(1, 1, s, COLS / 2);
	free(s);
	if (fs.draft_id != NULL)
		tui_put(1, COLS / 2, fs.field_dirty ? _("typing...") :
		    _("draft saved"), COLS / 2 - 1);
	attroff(tui_attr(TR_DIM));

	/* Scroll so that the focused item fits, with its heading if any. */
	if (fs.focus < (size_t)fs.top)
		fs.top = (int)fs.focus;
	if (fs.top > 0 && (size_t)fs.top == fs.focus &&
	    fs.items[fs.top - 1].kind != I_FIELD &&
	    fs.items[fs.top - 1].kind != I_ADD)
		fs.top--;
	for (;;) {
		sum = 0;
		for (i = (size_t)fs.top; i <= fs.focus && i < fs.nitems; i++)
			sum += item_block(i, 0, false, 0) + 1;
		if (sum <= avail || (size_t)fs.top >= fs.focus)
			break;
		fs.top++;
	}
	y = ymin;
	if (fs.top > 0) {
		attron(tui_attr(TR_DIM));
		tui_put(ymin - 1, COLS - 4, "^", 1);
		attroff(tui_attr(TR_DIM));
	}
	for (i = (size_t)fs.top; i < fs.nitems && y < ymax; i++) {
		if (fs.items[i].kind == I_HEADING && before)
			y++;
		h = item_block(i, y, true, ymax);
		y += h + (fs.items[i].kind == I_FIELD ||
		    fs.items[i].kind == I_ADD ? 1 : 0);
		before = true;
	}
	if (fs.nitems == 0)
		tui_put(ymin, 2, _("This form has no questions to show."),
		    COLS - 4);
	tui_draw_helpline(&form_keys, true);
	/* The cursor goes where the worker types. */
	if (cur_y >= 0) {
		move(cur_y, cur_x);
		curs_set(1);
	}
}

/* Moves the focus to the item with this answer path. */
static bool
focus_path(const char *path)
{
	size_t	i;

	for (i = 0; i < fs.nitems; i++) {
		if (fs.items[i].kind == I_FIELD &&
		    strcmp(fs.items[i].path, path) == 0) {
			focus_to(i);
			return true;
		}
	}
	return false;
}

/* Shows the problems of a finalize attempt and goes to the first. */
static void
show_problems(const struct diags *d)
{
	char		*path;
	const char	*sep;

	fs.show_all = true;
	if (d->n == 0)
		return;
	sep = strstr(d->v[0], ": ");
	path = sep != NULL ? xstrndup(d->v[0], (size_t)(sep - d->v[0])) :
	    xstrdup(d->v[0]);
	focus_path(path);
	free(path);
	tui_error(ngettext("%zu problem to fix before finalizing; it is "
	    "shown", "%zu problems to fix before finalizing; the first is "
	    "shown", d->n), d->n);
}

static int
finalize(void)
{
	struct diags	 problems;
	char		*cause = NULL, *rec = NULL, *cas = NULL;
	bool		 new_case;

	memset(&problems, 0, sizeof problems);
	save_field();
	record_calculate(fs.form, &fs.a);
	if (record_check(fs.form, &fs.a, &problems) > 0) {
		show_problems(&problems);
		diags_free(&problems);
		return TUI_REDRAW;
	}
	if (store_save_record(tui.store, fs.form, fs.record_id, fs.case_id,
	    &fs.a, tui.worker, &rec, &cas, &problems, &cause) == -1) {
		if (cause == NULL)
			show_problems(&problems);
		else {
			tui_error(_("cannot save the record: %s"), cause);
			free(cause);
		}
		diags_free(&problems);
		return TUI_REDRAW;
	}
	diags_free(&problems);
	if (fs.draft_id != NULL &&
	    store_draft_discard(tui.store, fs.draft_id, &cause) == -1) {
		free(cause);	/* a stale draft is harmless */
		cause = NULL;
	}
	new_case = fs.case_id == NULL && cas != NULL;
	form_free();
	tui_pop();
	if (new_case)
		case_open(cas);
	tui_message("%s", _("Saved."));
	free(rec);
	free(cas);
	return TUI_REDRAW;
}

static int
leave_answer(void *arg, bool yes)
{
	(void)arg;
	if (!yes)
		return TUI_REDRAW;
	save_field();
	form_free();
	tui_pop();
	tui_message("%s", _("The answers are kept in a draft."));
	return TUI_REDRAW;
}

static int
discard_answer(void *arg, bool yes)
{
	char	*cause = NULL;

	(void)arg;
	if (!yes)
		return TUI_REDRAW;
	if (fs.draft_id != NULL &&
	    store_draft_discard(tui.store, fs.draft_id, &cause) == -1) {
		tui_error(_("cannot discard the draft: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	form_free();
	tui_pop();
	tui_message("%s", _("Discarded."));
	return TUI_REDRAW;
}

static int
add_instance(const struct item *it)
{
	char	*iid, *path;
	size_t	 i;

	save_field();
	iid = record_add_instance(&fs.a, it->f, it->prefix,
	    store_device(tui.store));
	path = xasprintf("%s%s[%s]", it->prefix, it->f->id, iid);
	draft_set(path, answers_get(&fs.a, path));
	fs.dirty = true;
	recompute();
	/* Go to the new instance's first question. */
	for (i = 0; i < fs.nitems; i++) {
		if (fs.items[i].kind == I_INSTANCE &&
		    strcmp(fs.items[i].path, path) == 0)
			break;
	}
	for (; i < fs.nitems; i++) {
		if (focusable(&fs.items[i])) {
			focus_to(i);
			break;
		}
	}
	free(path);
	free(iid);
	return TUI_REDRAW;
}

/* The instance item enclosing item i, or NULL. */
static const struct item *
enclosing_instance(size_t i)
{
	int	depth = fs.items[i].depth;

	while (i-- > 0) {
		if (fs.items[i].kind == I_INSTANCE &&
		    fs.items[i].depth < depth)
			return &fs.items[i];
		if (fs.items[i].depth < depth && fs.items[i].kind != I_INSTANCE)
			depth = fs.items[i].depth;
	}
	return NULL;
}

static int
remove_answer(void *arg, bool yes)
{
	const struct item	*inst;
	char			*ipath = arg, *sub;
	char			**gone = NULL;
	size_t			  ngone = 0, i, len = strlen(ipath);

	if (!yes) {
		free(ipath);
		return TUI_REDRAW;
	}
	for (i = 0; i < fs.nitems; i++) {
		if (fs.items[i].kind == I_INSTANCE &&
		    strcmp(fs.items[i].path, ipath) == 0)
			break;
	}
	if (i == fs.nitems) {
		free(ipath);
		return TUI_REDRAW;
	}
	inst = &fs.items[i];
	for (i = 0; i < fs.a.n; i++) {
		sub = fs.a.v[i].path;
		if (strncmp(sub, ipath, len) == 0 &&
		    (sub[len] == '\0' || sub[len] == '.')) {
			gone = xreallocarray(gone, ngone + 1, sizeof *gone);
			gone[ngone++] = xstrdup(sub);
		}
	}
	record_remove_instance(&fs.a, inst->f, inst->prefix, inst->iid);
	for (i = 0; i < ngone; i++) {
		draft_set(gone[i], NULL);
		free(gone[i]);
	}
	free(gone);
	free(ipath);
	fs.dirty = true;
	fs.field_dirty = false;
	recompute();
	focus_load();
	return TUI_REDRAW;
}

int
form_key(int key)
{
	struct item	*it;
	size_t		*idx, nidx;
	const struct item *inst;
	char		*q;
	int		 action;

	if (!fs.open)
		return TUI_NONE;
	action = tui_key_action(&form_keys, key, true);
	it = fs.nitems > 0 ? &fs.items[fs.focus] : NULL;

	/* Lists take Up, Down, Space and Enter for their choices. */
	if (it != NULL && it->kind == I_FIELD && is_select(it->f) &&
	    (key == TUI_FKEY(KEY_UP) || key == TUI_FKEY(KEY_DOWN) ||
	    action == FA_PICK || key == TUI_ENTER)) {
		nidx = filtered(it->f, &idx);
		if (key == TUI_FKEY(KEY_UP) && fs.ccur > 0) {
			fs.ccur--;
			free(idx);
			return TUI_REDRAW;
		}
		if (key == TUI_FKEY(KEY_DOWN) && fs.ccur + 1 < nidx) {
			fs.ccur++;
			free(idx);
			return TUI_REDRAW;
		}
		if ((action == FA_PICK || (key == TUI_ENTER &&
		    it->f->type == FT_SELECT_ONE)) && fs.ccur < nidx) {
			pick_choice(it, it->f->choices->v[idx[fs.ccur]].value);
			free(idx);
			if (key == TUI_ENTER)
				focus_step(1);
			return TUI_REDRAW;
		}
		free(idx);
		if (action == FA_PICK)
			return TUI_NONE;
	}

	switch (action) {
	case FA_NEXT:
		if (it != NULL && it->kind == I_ADD && key == TUI_ENTER)
			return add_instance(it);
		focus_step(1);
		return TUI_REDRAW;
	case FA_PREV:
		focus_step(-1);
		return TUI_REDRAW;
	case FA_PGDN:
		for (nidx = 0; nidx < 5 && focus_step(1); nidx++)
			;
		return TUI_REDRAW;
	case FA_PGUP:
		for (nidx = 0; nidx < 5 && focus_step(-1); nidx++)
			;
		return TUI_REDRAW;
	case FA_FINALIZE:
		return finalize();
	case FA_LEAVE:
		if (!fs.dirty) {
			form_free();
			tui_pop();
			return TUI_REDRAW;
		}
		save_field();
		tui_ask(_("Leave this form? Your answers stay in a draft."),
		    true, leave_answer, NULL);
		return TUI_REDRAW;
	case FA_DISCARD:
		tui_ask(_("Discard the answers typed in this form?"), false,
		    discard_answer, NULL);
		return TUI_REDRAW;
	case FA_REMOVE:
		if (it == NULL ||
		    (inst = enclosing_instance(fs.focus)) == NULL) {
			tui_error("%s", _("this question is not in a repeat"));
			return TUI_REDRAW;
		}
		q = xasprintf(_("Remove %s %d and its answers?"),
		    form_text(inst->f->label), inst->number);
		tui_ask(q, false, remove_answer, xstrdup(inst->path));
		free(q);
		return TUI_REDRAW;
	}

	if (it == NULL || it->kind != I_FIELD)
		return TUI_NONE;
	if (is_text(it->f)) {
		if (!tui_text_key(&fs.edit, key))
			return TUI_NONE;
		if (fs.edit.changed) {
			fs.edit.changed = false;
			answers_set(&fs.a, it->path,
			    fs.edit.len > 0 ? fs.edit.s : NULL);
			fs.dirty = true;
			fs.field_dirty = true;
			recompute();
		}
		return TUI_REDRAW;
	}
	if (is_select(it->f) && tui_text_key(&fs.filter, key)) {
		fs.ccur = 0;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}
