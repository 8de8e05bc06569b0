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

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen.h"
#include "store.h"
#include "tui-fill.h"
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
	{ FA_FINALIZE,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('s') },	N_("Finalize"), TUI_KEY_LINE },
	{ FA_PICK,	{ ' ' },		N_("Choose (in a list)"), 0 },
	{ FA_REMOVE,	{ TUI_FKEY(KEY_F(4)), TUI_CTRL('r') },
	  N_("Remove this repeat"), 0 },
	{ FA_DISCARD,	{ TUI_FKEY(KEY_F(8)), TUI_CTRL('x') },	N_("Discard"), TUI_KEY_LINE },
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

/* What form_open asks before resuming a draft. */
static struct {
	char	*form_id;
	char	*case_id;
	char	*draft_id;
} offer;

void
form_save_typing(void)
{
	fill_save_field();
}

bool
form_idle(void)
{
	if (!fill.open || !fill.field_dirty)
		return false;
	fill_save_field();
	return true;
}

void
form_close(void)
{
	if (fill.open)
		fill_free();
	free(offer.form_id);
	free(offer.case_id);
	free(offer.draft_id);
	memset(&offer, 0, sizeof offer);
}

static int
offer_answer(void *arg, bool yes)
{
	(void)arg;
	fill_open(offer.form_id, offer.case_id, NULL,
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
		return fill_open(form_id, case_id, record_id, draft_id);
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
	return fill_open(form_id, case_id, NULL, NULL);
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

/* A label or hint of an item, translated, with the answers it shows
 * filled in as seen from the item's instance (caller frees). */
static char *
item_text(const struct fill_item *it, const char *text)
{
	return record_fill_text(fill.form, &fill.a, it->prefix,
	    text != NULL ? form_text(text) : NULL);
}

/* Where the terminal cursor goes after drawing, -1 for nowhere. */
static int	cur_y = -1, cur_x;

/* Lays out (and when draw, paints) item i at row y; returns its height. */
static int
item_block(size_t i, int y, bool draw, int ymax)
{
	const struct fill_item	*it = &fill.items[i];
	const struct field	*f = it->f;
	bool			 focused = i == fill.focus;
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
	case FI_HEADING:
		if (draw)
			attron(tui_attr(TR_HEADING));
		s = item_text(it, f->label);
		h = put_wrapped(y, x - 1, s, w, draw, ymax);
		free(s);
		if (draw)
			attroff(tui_attr(TR_HEADING));
		return h;
	case FI_INSTANCE:
		if (draw) {
			s = xasprintf("%s %d", form_text(f->label), it->number);
			attron(A_BOLD);
			x += tui_put(y, x, s, w);
			attroff(A_BOLD);
			free(s);
			attron(tui_attr(TR_DIM));
			if (f->count == NULL)
				tui_put(y, x + 2, _("(F4 removes it)"),
				    w - x - 2);
			attroff(tui_attr(TR_DIM));
		}
		return 1;
	case FI_ADD:
		if (draw) {
			s = xasprintf(_("[+] Add: %s"), form_text(f->label));
			attr = focused ? tui_attr(TR_SELECTED) : 0;
			if (focused)
				mvaddch(y, x - 2, '>');
			attron(attr);
			tui_put(y, x, s, w);
			attroff(attr);
			free(s);
		}
		return 1;
	case FI_NOTE:
		if (draw)
			attron(tui_attr(TR_DIM));
		s = item_text(it, f->label);
		h = put_wrapped(y, x, s, w, draw, ymax);
		free(s);
		if (draw)
			attroff(tui_attr(TR_DIM));
		return h;
	case FI_CALC:
		v = answers_get(&fill.a, it->path);
		msg = item_text(it, f->label);
		s = xasprintf("%s: %s", msg, v != NULL ? v : "");
		free(msg);
		msg = NULL;
		h = put_wrapped(y, x, s, w, draw, ymax);
		free(s);
		return h;
	case FI_FIELD:
		break;
	}

	/* The label, with the required mark. */
	msg = item_text(it, f->label);
	s = xasprintf("%s%s", f->required ? "* " : "", msg);
	free(msg);
	msg = NULL;
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
		msg = item_text(it, f->hint);
		h += put_wrapped(y + h, x, msg, w, draw && y + h < ymax, ymax);
		free(msg);
		msg = NULL;
		if (draw)
			attroff(tui_attr(TR_DIM));
	}

	/* The widget. */
	v = answers_get(&fill.a, it->path);
	if (fill_is_text(f)) {
		fw = w > 50 ? 50 : w;
		if (f->type == FT_DATE)
			fw = 12;
		else if (f->type == FT_INTEGER || f->type == FT_DECIMAL)
			fw = 16;
		if (draw && y + h < ymax) {
			if (focused) {
				tui_text_draw(&fill.edit, y + h, x, fw, true);
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
	} else if (fill_is_select(f) && !focused) {
		s = field_choice_text(f, v != NULL ? v : "");
		if (draw && y + h < ymax) {
			attron(tui_attr(TR_FIELD));
			tui_put_pad(y + h, x, s, w > 50 ? 50 : w);
			attroff(tui_attr(TR_FIELD));
		}
		free(s);
		h++;
	} else if (fill_is_select(f)) {
		nidx = fill_choices(f, &idx);
		if (f->choices != NULL && (f->choices->n > CHOICE_ROWS ||
		    fill.filter.len > 0)) {
			if (draw && y + h < ymax) {
				fw = tui_put(y + h, x, _("Filter:"), w) + 1;
				tui_text_draw(&fill.filter, y + h, x + fw,
				    w - fw > 30 ? 30 : w - fw, true);
				getyx(stdscr, cur_y, cur_x);
			}
			h++;
		}
		if (fill.ccur >= nidx)
			fill.ccur = nidx > 0 ? nidx - 1 : 0;
		top = fill.ccur >= CHOICE_ROWS ? fill.ccur - CHOICE_ROWS + 1 : 0;
		for (k = top; k < nidx && k < top + CHOICE_ROWS; k++, h++) {
			const struct choice *c = &f->choices->v[idx[k]];
			bool on = fill_has_value(v, c->value);

			if (!draw || y + h >= ymax)
				continue;
			s = xasprintf("%s %s", f->type == FT_SELECT_ONE ?
			    (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]"),
			    form_text(c->label));
			attr = k == fill.ccur ? tui_attr(TR_SELECTED) : 0;
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
				    fill.ccur + 1, nidx);
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
	if (fill.show_all || answers_get(&fill.touched, it->path) != NULL ||
	    (focused && v != NULL && *v != '\0'))
		msg = record_check_field(fill.form, &fill.a, f, it->prefix);
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
	for (i = 0; i < fill.nitems; i++) {
		if (fill.items[i].kind != FI_FIELD)
			continue;
		(*m)++;
		if (i <= fill.focus)
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
	const struct case_type	*ct;
	const char		*who;

	tui.typing = true;
	cur_y = -1;
	progress(&n, &m);
	s = xasprintf(_("Question %zu of %zu"), n, m);
	tui_draw_title(form_text(fill.form->title), s);
	free(s);
	attron(tui_attr(TR_DIM));
	/* Whose case this is, by name: the worker checks it is the right
	 * person before typing. */
	who = NULL;
	if (fill.case_id != NULL && fill.form->case_type != NULL &&
	    (ct = form_pack_case_type(tui.pack, fill.form->case_type)) != NULL &&
	    ct->name_property != NULL)
		who = answers_get(&fill.case_props, ct->name_property);
	s = fill.record_id != NULL ? (who != NULL ?
	    xasprintf(_("Editing the record of %s (%s)"), who, fill.case_id) :
	    xasprintf(_("Editing record %s"), fill.record_id)) :
	    fill.case_id != NULL ? (who != NULL ?
	    xasprintf(_("New record for %s (%s)"), who, fill.case_id) :
	    xasprintf(_("New record for case %s"), fill.case_id)) :
	    xstrdup(_("New record"));
	tui_put(1, 1, s, COLS / 2 + COLS / 4);
	free(s);
	if (fill.draft_id != NULL)
		tui_put(1, COLS / 2 + COLS / 4 + 1, fill.field_dirty ?
		    _("typing...") : _("draft saved"), COLS / 4 - 2);
	attroff(tui_attr(TR_DIM));

	/* Scroll so that the focused item fits, with its heading if any. */
	if (fill.focus < (size_t)fill.top)
		fill.top = (int)fill.focus;
	if (fill.top > 0 && (size_t)fill.top == fill.focus &&
	    fill.items[fill.top - 1].kind != FI_FIELD &&
	    fill.items[fill.top - 1].kind != FI_ADD)
		fill.top--;
	for (;;) {
		sum = 0;
		for (i = (size_t)fill.top; i <= fill.focus && i < fill.nitems; i++)
			sum += item_block(i, 0, false, 0) + 1;
		if (sum <= avail || (size_t)fill.top >= fill.focus)
			break;
		fill.top++;
	}
	y = ymin;
	if (fill.top > 0) {
		attron(tui_attr(TR_DIM));
		tui_put(ymin - 1, COLS - 4, "^", 1);
		attroff(tui_attr(TR_DIM));
	}
	for (i = (size_t)fill.top; i < fill.nitems && y < ymax; i++) {
		if (fill.items[i].kind == FI_HEADING && before)
			y++;
		h = item_block(i, y, true, ymax);
		y += h + (fill.items[i].kind == FI_FIELD ||
		    fill.items[i].kind == FI_ADD ? 1 : 0);
		before = true;
	}
	if (fill.nitems == 0)
		tui_put(ymin, 2, _("This form has no questions to show."),
		    COLS - 4);
	tui_draw_helpline(&form_keys, true);
	/* The cursor goes where the worker types. */
	if (cur_y >= 0) {
		move(cur_y, cur_x);
		curs_set(1);
	}
}

/* Shows the problems of a finalize attempt and goes to the first. */
static void
show_problems(const struct diags *d)
{
	char		*path;
	const char	*sep;

	fill.show_all = true;
	if (d->n == 0)
		return;
	sep = strstr(d->v[0], ": ");
	path = sep != NULL ? xstrndup(d->v[0], (size_t)(sep - d->v[0])) :
	    xstrdup(d->v[0]);
	fill_focus_path(path);
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
	fill_save_field();
	record_calculate(fill.form, &fill.a);
	if (record_check(fill.form, &fill.a, &problems) > 0) {
		show_problems(&problems);
		diags_free(&problems);
		return TUI_REDRAW;
	}
	if (store_save_record(tui.store, fill.form, fill.record_id, fill.case_id,
	    &fill.a, tui.worker, &rec, &cas, &problems, &cause) == -1) {
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
	if (fill.draft_id != NULL &&
	    store_draft_discard(tui.store, fill.draft_id, &cause) == -1) {
		free(cause);	/* a stale draft is harmless */
		cause = NULL;
	}
	new_case = fill.case_id == NULL && cas != NULL;
	fill_free();
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
	fill_save_field();
	fill_free();
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
	if (fill.draft_id != NULL &&
	    store_draft_discard(tui.store, fill.draft_id, &cause) == -1) {
		tui_error(_("cannot discard the draft: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	fill_free();
	tui_pop();
	tui_message("%s", _("Discarded."));
	return TUI_REDRAW;
}

static int
remove_answer(void *arg, bool yes)
{
	const struct fill_item	*inst;
	char			*ipath = arg, *sub;
	char			**gone = NULL;
	size_t			  ngone = 0, i, len = strlen(ipath);

	if (!yes)
		return TUI_REDRAW;
	for (i = 0; i < fill.nitems; i++) {
		if (fill.items[i].kind == FI_INSTANCE &&
		    strcmp(fill.items[i].path, ipath) == 0)
			break;
	}
	if (i == fill.nitems)
		return TUI_REDRAW;
	inst = &fill.items[i];
	for (i = 0; i < fill.a.n; i++) {
		sub = fill.a.v[i].path;
		if (strncmp(sub, ipath, len) == 0 &&
		    (sub[len] == '\0' || sub[len] == '.')) {
			gone = xreallocarray(gone, ngone + 1, sizeof *gone);
			gone[ngone++] = xstrdup(sub);
		}
	}
	record_remove_instance(&fill.a, inst->f, inst->prefix, inst->iid);
	for (i = 0; i < ngone; i++) {
		fill_draft_set(gone[i], NULL);
		free(gone[i]);
	}
	free(gone);
	fill.dirty = true;
	fill.field_dirty = false;
	fill_recompute();
	fill_focus_load();
	return TUI_REDRAW;
}

int
form_key(int key)
{
	struct fill_item	*it;
	size_t		*idx, nidx;
	const struct fill_item *inst;
	char		*q;
	int		 action;

	if (!fill.open)
		return TUI_NONE;
	action = tui_key_action(&form_keys, key, true);
	it = fill.nitems > 0 ? &fill.items[fill.focus] : NULL;

	/* Lists take Up, Down, Space and Enter for their choices. */
	if (it != NULL && it->kind == FI_FIELD && fill_is_select(it->f) &&
	    (key == TUI_FKEY(KEY_UP) || key == TUI_FKEY(KEY_DOWN) ||
	    action == FA_PICK || key == TUI_ENTER)) {
		nidx = fill_choices(it->f, &idx);
		if (key == TUI_FKEY(KEY_UP) && fill.ccur > 0) {
			fill.ccur--;
			free(idx);
			return TUI_REDRAW;
		}
		if (key == TUI_FKEY(KEY_DOWN) && fill.ccur + 1 < nidx) {
			fill.ccur++;
			free(idx);
			return TUI_REDRAW;
		}
		if ((action == FA_PICK || (key == TUI_ENTER &&
		    it->f->type == FT_SELECT_ONE)) && fill.ccur < nidx) {
			fill_pick(it, it->f->choices->v[idx[fill.ccur]].value);
			free(idx);
			if (key == TUI_ENTER)
				fill_focus_step(1);
			return TUI_REDRAW;
		}
		free(idx);
		if (action == FA_PICK)
			return TUI_NONE;
	}

	switch (action) {
	case FA_NEXT:
		if (it != NULL && it->kind == FI_ADD && key == TUI_ENTER)
			fill_add_instance(it);
		else
			fill_focus_step(1);
		return TUI_REDRAW;
	case FA_PREV:
		fill_focus_step(-1);
		return TUI_REDRAW;
	case FA_PGDN:
		for (nidx = 0; nidx < 5 && fill_focus_step(1); nidx++)
			;
		return TUI_REDRAW;
	case FA_PGUP:
		for (nidx = 0; nidx < 5 && fill_focus_step(-1); nidx++)
			;
		return TUI_REDRAW;
	case FA_FINALIZE:
		return finalize();
	case FA_LEAVE:
		if (!fill.dirty) {
			fill_free();
			tui_pop();
			return TUI_REDRAW;
		}
		fill_save_field();
		tui_ask(_("Leave this form? Your answers stay in a draft."),
		    true, leave_answer, NULL);
		return TUI_REDRAW;
	case FA_DISCARD:
		tui_ask(_("Discard the answers typed in this form?"), false,
		    discard_answer, NULL);
		return TUI_REDRAW;
	case FA_REMOVE:
		if (it == NULL ||
		    (inst = fill_enclosing_instance(fill.focus)) == NULL) {
			tui_error("%s", _("this question is not in a repeat"));
			return TUI_REDRAW;
		}
		if (inst->f->count != NULL) {
			tui_error("%s", _("the number of these comes from an "
			    "answer; change that answer instead"));
			return TUI_REDRAW;
		}
		q = xasprintf(_("Remove %s %d and its answers?"),
		    form_text(inst->f->label), inst->number);
		tui_ask(q, false, remove_answer, xstrdup(inst->path));
		free(q);
		return TUI_REDRAW;
	}

	if (it == NULL || it->kind != FI_FIELD)
		return TUI_NONE;
	if (fill_is_text(it->f)) {
		if (!tui_text_key(&fill.edit, key))
			return TUI_NONE;
		if (fill.edit.changed) {
			fill.edit.changed = false;
			answers_set(&fill.a, it->path,
			    fill.edit.len > 0 ? fill.edit.s : NULL);
			fill.dirty = true;
			fill.field_dirty = true;
			fill_recompute();
		}
		return TUI_REDRAW;
	}
	if (fill_is_select(it->f) && tui_text_key(&fill.filter, key)) {
		fill.ccur = 0;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}
