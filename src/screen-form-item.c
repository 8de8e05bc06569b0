/*
 * screen-form-item.c: how the form screen (screen-form.c) lays out and
 * paints one item of the form being filled: a heading, a note or a
 * read-only value; an instance of a repeat and its "add another" line;
 * a question with its label, required mark, hint, widget (a text field,
 * a list with its filter and a page of choices) and message.  Measuring
 * and painting share one path, so the scrolling in screen-form.c
 * measures exactly what is painted.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen-form.h"
#include "tui-fill.h"
#include "tui.h"
#include "util.h"

/* Choices shown at once in a list; longer lists scroll and filter. */
#define CHOICE_ROWS	8

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
item_text(struct tui_fill_state *fs, const struct tui_fill_item *it, const char *text)
{
	return record_fill_text(fs->form, &fs->a, it->prefix,
	    text != NULL ? form_text(text) : NULL);
}

/* Where an item is laid out: its row, column and width, whether it is
 * painted (else only measured) and the row it must stay above. */
struct place {
	struct tui_fill_state	*fs;
	int			 y, x, w;
	bool			 draw;
	int			 ymax;
	int			*cy, *cx;	/* where the cursor goes */
};

/* True when row y of the place is painted. */
static bool
place_row(const struct place *p, int y)
{
	return p->draw && y < p->ymax;
}

/* A group's or a repeat's heading, a note, or a read-only value;
 * returns its height. */
static int
text_block(const struct tui_fill_item *it, const struct place *p)
{
	const struct field	*f = it->f;
	const char		*v;
	char			*s, *label;
	int			 h, attr = 0;

	label = item_text(p->fs, it, f->label);
	if (it->kind == FI_CALC) {
		v = answers_get(&p->fs->a, it->path);
		s = xasprintf("%s: %s", label, v != NULL ? v : "");
		free(label);
	} else {
		s = label;
		attr = it->kind == FI_HEADING ? tui_attr(TR_HEADING) :
		    tui_attr(TR_DIM);
	}
	if (p->draw)
		attron(attr);
	h = put_wrapped(p->y, it->kind == FI_HEADING ? p->x - 1 : p->x, s,
	    p->w, p->draw, p->ymax);
	if (p->draw)
		attroff(attr);
	free(s);
	/* A note's hint is what the worker reads out (the consent
	 * statement): always shown, whole. */
	if (f->hint != NULL && *f->hint != '\0') {
		s = item_text(p->fs, it, f->hint);
		if (p->draw)
			attron(tui_attr(TR_DIM));
		h += put_wrapped(p->y + h, p->x + (it->kind == FI_NOTE ? 2 : 0),
		    s, p->w - (it->kind == FI_NOTE ? 2 : 0),
		    place_row(p, p->y + h), p->ymax);
		if (p->draw)
			attroff(tui_attr(TR_DIM));
		free(s);
	}
	return h;
}

/* One instance of a repeat ("Child 2"), one line. */
static void
draw_instance(const struct tui_fill_item *it, const struct place *p)
{
	char	*s;
	int	 x = p->x;

	s = xasprintf("%s %d", form_text(it->f->label), it->number);
	attron(A_BOLD);
	x += tui_put(p->y, x, s, p->w);
	attroff(A_BOLD);
	free(s);
	attron(tui_attr(TR_DIM));
	if (it->f->count == NULL)
		tui_put(p->y, x + 2, _("(F4 removes it)"), p->w - x - 2);
	attroff(tui_attr(TR_DIM));
}

/* The "add another" line of a repeat. */
static void
draw_add(const struct tui_fill_item *it, const struct place *p, bool focused)
{
	char	*s;
	int	 attr;

	s = xasprintf(_("[+] Add: %s"), form_text(it->f->label));
	attr = focused ? tui_attr(TR_SELECTED) : 0;
	if (focused)
		mvaddch(p->y, p->x - 2, '>');
	attron(attr);
	tui_put(p->y, p->x, s, p->w);
	attroff(attr);
	free(s);
}

/* A question's label with its required mark, and its hint when it has
 * the focus; returns the lines used. */
static int
question_label(const struct tui_fill_item *it, const struct place *p,
    bool focused)
{
	const struct field	*f = it->f;
	char			*s, *msg;
	int			 h, attr = focused ? (int)A_BOLD : 0;

	msg = item_text(p->fs, it, f->label);
	s = xasprintf("%s%s", f->required ? "* " : "", msg);
	free(msg);
	if (p->draw) {
		attron(attr);
		if (focused)
			mvaddch(p->y, p->x - 2, '>');
	}
	h = put_wrapped(p->y, p->x, s, p->w, p->draw, p->ymax);
	if (p->draw)
		attroff(attr);
	free(s);
	if (focused && f->hint != NULL && *f->hint != '\0') {
		if (p->draw)
			attron(tui_attr(TR_DIM));
		msg = item_text(p->fs, it, f->hint);
		h += put_wrapped(p->y + h, p->x, msg, p->w,
		    place_row(p, p->y + h), p->ymax);
		free(msg);
		if (p->draw)
			attroff(tui_attr(TR_DIM));
	}
	return h;
}

/* A free-text answer not focused, wrapped in fields of fw columns from
 * row y; returns the lines used. */
static int
long_answer(const struct place *p, int y, int fw, const char *v)
{
	size_t	*st, *ln, n, i;
	char	*line;

	n = tui_wrap(v, fw, &st, &ln);
	attron(tui_attr(TR_FIELD));
	for (i = 0; i < n && place_row(p, y + (int)i); i++) {
		line = xstrndup(v + st[i], ln[i]);
		tui_put_pad(y + (int)i, p->x, line, fw);
		free(line);
	}
	attroff(tui_attr(TR_FIELD));
	free(st);
	free(ln);
	return n > 0 ? (int)n : 1;
}

/* A text, number or date field on row y, with what it takes beside it,
 * or below it when that does not fit; returns the lines used. */
static int
text_widget(const struct tui_fill_item *it, const struct place *p, int y,
    bool focused, const char *v)
{
	const struct form_type	*ft = form_type(it->f->type);
	int			 fw, x = p->x, w = p->w, h = 1;
	char			*hint = NULL;
	bool			 below = false;

	fw = ft->width > 0 ? ft->width : w > 50 ? 50 : w;
	/* A date takes words too (tui-fill.c). */
	if (ft->hint != NULL)
		hint = (ft->flags & FTF_DATE) != 0 ? xasprintf("%s (%s, %s)",
		    _(ft->hint), _("today"), _("yesterday")) :
		    xstrdup(_(ft->hint));
	if (hint != NULL && tui_width(hint) > w - fw - 2) {
		attron(tui_attr(TR_DIM));
		h += put_wrapped(y + 1, x, hint, w, place_row(p, y + 1),
		    p->ymax);
		attroff(tui_attr(TR_DIM));
		below = true;
	}
	/* A long answer, or one with line breaks, is read whole. */
	if (!focused && v != NULL && tui_fill_is_multiline(it->f) &&
	    (tui_width(v) > fw || strchr(v, '\n') != NULL)) {
		free(hint);
		return long_answer(p, y, fw, v);
	}
	if (!place_row(p, y)) {
		free(hint);
		return h;
	}
	if (focused) {
		tui_text_draw(&p->fs->edit, y, x, fw, true);
		getyx(stdscr, *p->cy, *p->cx);
	} else {
		attron(tui_attr(TR_FIELD));
		tui_put_pad(y, x, v != NULL ? v : "", fw);
		attroff(tui_attr(TR_FIELD));
	}
	attron(tui_attr(TR_DIM));
	if (hint != NULL && !below)
		tui_put(y, x + fw + 2, hint, w - fw - 2);
	attroff(tui_attr(TR_DIM));
	free(hint);
	return h;
}

/* A dim line of a list (no match, "3 of 40 choices") on row y. */
static void
list_note(const struct place *p, int y, const char *s)
{
	if (!place_row(p, y))
		return;
	attron(tui_attr(TR_DIM));
	tui_put(y, p->x, s, p->w);
	attroff(tui_attr(TR_DIM));
}

/* The focused list from row y: its filter when long or filtered, a page
 * of its choices, and where the cursor is in them; returns the lines
 * used. */
static int
list_widget(const struct tui_fill_item *it, const struct place *p, int y,
    const char *v)
{
	const struct field	*f = it->f;
	size_t			*idx, nidx, k, top;
	char			*s;
	int			 h = 0, fw, attr, x = p->x, w = p->w;

	nidx = tui_fill_choices(p->fs, f, &idx);
	if (f->choices != NULL && (f->choices->n > CHOICE_ROWS ||
	    p->fs->filter.len > 0)) {
		if (place_row(p, y)) {
			fw = tui_put(y, x, _("Filter:"), w) + 1;
			tui_text_draw(&p->fs->filter, y, x + fw,
			    w - fw > 30 ? 30 : w - fw, true);
			getyx(stdscr, *p->cy, *p->cx);
		}
		h++;
	}
	if (p->fs->ccur >= nidx)
		p->fs->ccur = nidx > 0 ? nidx - 1 : 0;
	top = p->fs->ccur >= CHOICE_ROWS ? p->fs->ccur - CHOICE_ROWS + 1 : 0;
	for (k = top; k < nidx && k < top + CHOICE_ROWS; k++, h++) {
		const struct choice *c = &f->choices->v[idx[k]];
		bool on = tui_fill_has_value(v, c->value);

		if (!place_row(p, y + h))
			continue;
		s = xasprintf("%s %s", !field_is_multiple(f) ?
		    (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]"),
		    form_text(c->label));
		attr = k == p->fs->ccur ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y + h, x, s, w);
		attroff(attr);
		free(s);
	}
	if (nidx == 0)
		list_note(p, y + h++, _("no choice matches"));
	else if (nidx > CHOICE_ROWS) {
		s = xasprintf(_("%zu of %zu choices"), p->fs->ccur + 1, nidx);
		list_note(p, y + h++, s);
		free(s);
	}
	free(idx);
	return h;
}

/* The widget of a question from row y; returns the lines used. */
static int
question_widget(const struct tui_fill_item *it, const struct place *p, int y,
    bool focused)
{
	const struct field	*f = it->f;
	const char		*v = answers_get(&p->fs->a, it->path);
	char			*s;

	if (tui_fill_is_text(f))
		return text_widget(it, p, y, focused, v);
	if (tui_fill_is_select(f) && !focused) {
		s = field_choice_text(f, v != NULL ? v : "");
		if (place_row(p, y)) {
			attron(tui_attr(TR_FIELD));
			tui_put_pad(y, p->x, s, p->w);
			attroff(tui_attr(TR_FIELD));
		}
		free(s);
		return 1;
	}
	if (tui_fill_is_select(f))
		return list_widget(it, p, y, v);
	if (field_is_link(f))
		return screen_form_case_draw(p->fs, it, y, p->x, p->w, p->ymax,
		    p->draw, focused, p->cy, p->cx);
	return 0;
}

/* A question's message from row y: as the worker types, after leaving
 * it, or after a finalize attempt; returns the lines used. */
static int
question_message(const struct tui_fill_item *it, const struct place *p, int y,
    bool focused)
{
	const char	*v = answers_get(&p->fs->a, it->path);
	char		*msg = NULL;
	int		 h = 0;

	if (p->fs->show_all || answers_get(&p->fs->touched, it->path) != NULL ||
	    (focused && v != NULL && *v != '\0'))
		msg = record_check_field(p->fs->form, &p->fs->a, it->f,
		    it->prefix);
	if (msg != NULL) {
		if (p->draw)
			attron(tui_attr(TR_ERROR));
		h = put_wrapped(y, p->x, msg, p->w, place_row(p, y), p->ymax);
		if (p->draw)
			attroff(tui_attr(TR_ERROR));
		free(msg);
	}
	return h;
}

int
screen_form_item(struct tui_fill_state *fs, size_t i, int y, bool draw, int ymax,
    int *cy, int *cx)
{
	const struct tui_fill_item	*it = &fs->items[i];
	bool			 focused = i == fs->focus;
	struct place		 p;
	int			 h;

	p.fs = fs;
	p.cy = cy;
	p.cx = cx;
	p.y = y;
	p.x = 2 + 2 * it->depth;
	p.w = COLS - p.x - 2;
	if (p.w < 20) {
		p.x = COLS - 22;
		p.w = 20;
	}
	p.draw = draw && y < ymax;
	p.ymax = ymax;
	switch (it->kind) {
	case FI_HEADING:
	case FI_NOTE:
	case FI_CALC:
		return text_block(it, &p);
	case FI_INSTANCE:
		if (p.draw)
			draw_instance(it, &p);
		return 1;
	case FI_ADD:
		if (p.draw)
			draw_add(it, &p, focused);
		return 1;
	case FI_FIELD:
		break;
	}
	h = question_label(it, &p, focused);
	h += question_widget(it, &p, y + h, focused);
	h += question_message(it, &p, y + h, focused);
	return h;
}
