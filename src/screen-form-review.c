/*
 * screen-form-review.c: the review page of the form screen
 * (screen-form.c), shown over the form before it is saved (F3) or to go
 * to a question (F6).  It lists the problems that block finalizing
 * (required answers missing, constraints broken), each with its message,
 * then every question shown in form order with its label and answer
 * (choice labels, groups and repeats as headings), all wrapped.  Enter on
 * a problem or an answer goes to that question; F2 finalizes from here.
 * The page is built once when it opens (record.h judges the answers), so
 * typing in the form pays nothing for it.
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

/* One row of the page: its text, how it is drawn, and the question it
 * goes to (NULL: a heading). */
struct review_row {
	char		*text;
	char		*path;
	enum tui_role	 role;
	int		 depth;
};

/* The page while it is shown. */
static struct {
	bool			 on;
	struct review_row	*v;
	size_t			 n;
	size_t			 sel;		/* a row with a path */
	size_t			 nproblems;
	int			 top;		/* first row drawn */
} rv;

/* Adds a row; text is taken over, path copied. */
static void
row_add(char *text, const char *path, enum tui_role role, int depth)
{
	rv.v = xreallocarray(rv.v, rv.n + 1, sizeof *rv.v);
	rv.v[rv.n].text = text;
	rv.v[rv.n].path = path != NULL ? xstrdup(path) : NULL;
	rv.v[rv.n].role = role;
	rv.v[rv.n].depth = depth;
	rv.n++;
}

/* The label of item it, with the answers it shows filled in (caller
 * frees). */
static char *
item_label(struct tui_fill_state *fs, const struct tui_fill_item *it)
{
	return record_fill_text(fs->form, &fs->a, it->prefix,
	    it->f->label != NULL ? form_text(it->f->label) : NULL);
}

/* The problems of record_check, each "label: message" going to its
 * question. */
static void
add_problems(struct tui_fill_state *fs)
{
	struct diags	 d;
	const char	*sep, *msg;
	char		*path, *label;
	size_t		 i, k;

	memset(&d, 0, sizeof d);
	record_calculate(fs->form, &fs->a);
	rv.nproblems = record_check(fs->form, &fs->a, &d);
	if (d.n > 0)
		row_add(xstrdup(_("Problems to fix before finalizing")), NULL,
		    TR_HEADING, 0);
	for (i = 0; i < d.n; i++) {
		sep = strstr(d.v[i], ": ");
		path = sep != NULL ? xstrndup(d.v[i], (size_t)(sep - d.v[i])) :
		    xstrdup(d.v[i]);
		msg = sep != NULL ? sep + 2 : d.v[i];
		for (k = 0; k < fs->nitems; k++) {
			if (strcmp(fs->items[k].path, path) == 0)
				break;
		}
		label = k < fs->nitems ? item_label(fs, &fs->items[k]) :
		    xstrdup(tui_path_label(fs->form, path));
		row_add(xasprintf("%s: %s", label, msg), path, TR_ERROR, 1);
		free(label);
		free(path);
	}
	diags_free(&d);
}

/* Every item shown in the form, in order: headings, then each question
 * with its answer as people read it. */
static void
add_answers(struct tui_fill_state *fs)
{
	const struct tui_fill_item	*it;
	const char			*v;
	char				*label, *shown;
	size_t				 i;

	row_add(xstrdup(_("Answers")), NULL, TR_HEADING, 0);
	for (i = 0; i < fs->nitems; i++) {
		it = &fs->items[i];
		switch (it->kind) {
		case FI_HEADING:
			row_add(item_label(fs, it), NULL, TR_HEADING,
			    it->depth + 1);
			break;
		case FI_INSTANCE:
			row_add(xasprintf("%s %d", form_text(it->f->label),
			    it->number), NULL, TR_HEADING, it->depth + 1);
			break;
		case FI_FIELD:
		case FI_CALC:
			v = answers_get(&fs->a, it->path);
			label = item_label(fs, it);
			shown = v == NULL || *v == '\0' ?
			    xstrdup(_("(no answer)")) :
			    tui_fill_is_select(it->f) ?
			    field_choice_text(it->f, v) : xstrdup(v);
			row_add(xasprintf("%s%s: %s", it->f->required ? "* " :
			    "", label, shown), it->kind == FI_FIELD ?
			    it->path : NULL, v == NULL || *v == '\0' ?
			    TR_DIM : TR_NORMAL, it->depth + 1);
			free(label);
			free(shown);
			break;
		case FI_ADD:
		case FI_NOTE:
			break;
		}
	}
}

/* The next row with a path from row i in direction dir, or i. */
static size_t
row_step(size_t i, int dir)
{
	size_t	k = i;

	while (dir > 0 ? k + 1 < rv.n : k > 0) {
		k = dir > 0 ? k + 1 : k - 1;
		if (rv.v[k].path != NULL)
			return k;
	}
	return i;
}

bool
screen_form_review_shown(void)
{
	return rv.on;
}

void
screen_form_review_close(void)
{
	size_t	i;

	for (i = 0; i < rv.n; i++) {
		free(rv.v[i].text);
		free(rv.v[i].path);
	}
	free(rv.v);
	memset(&rv, 0, sizeof rv);
}

void
screen_form_review_open(struct tui_fill_state *fs, bool at_focus)
{
	size_t	i;

	screen_form_review_close();
	tui_fill_save_field(fs);
	add_problems(fs);
	add_answers(fs);
	rv.on = true;
	rv.sel = row_step(0, 1);
	if (!at_focus || fs->nitems == 0)
		return;
	for (i = 0; i < rv.n; i++) {
		if (rv.v[i].path != NULL && rv.v[i].role != TR_ERROR &&
		    strcmp(rv.v[i].path, fs->items[fs->focus].path) == 0) {
			rv.sel = i;
			break;
		}
	}
}

/* The rows row i takes at width w. */
static int
row_height(size_t i, int w)
{
	size_t	*st, *ln, n;

	n = tui_wrap(rv.v[i].text, w - 2 * rv.v[i].depth, &st, &ln);
	free(st);
	free(ln);
	return n > 0 ? (int)n : 1;
}

/* Paints row i from line y, above ymax; returns the lines used. */
static int
row_draw(size_t i, int y, int w, int ymax)
{
	const struct review_row	*r = &rv.v[i];
	size_t			*st, *ln, n, k;
	char			*line;
	int			 x = 2 + 2 * r->depth, attr;

	attr = i == rv.sel ? tui_attr(TR_SELECTED) : tui_attr(r->role);
	if (i == rv.sel)
		mvaddch(y, x - 2, '>');
	n = tui_wrap(r->text, w - 2 * r->depth, &st, &ln);
	attron(attr);
	for (k = 0; k < n && y + (int)k < ymax; k++) {
		line = xstrndup(r->text + st[k], ln[k]);
		tui_put(y + (int)k, x, line, w - 2 * r->depth);
		free(line);
	}
	attroff(attr);
	free(st);
	free(ln);
	return n > 0 ? (int)n : 1;
}

void
screen_form_review_draw(struct tui_fill_state *fs)
{
	int	 ymin = 2, ymax = LINES - 2, w = COLS - 4, y, sum;
	size_t	 i;
	char	*s;

	s = xasprintf(_("Review: %s"), form_text(fs->form->title));
	tui_draw_title(s, NULL);
	free(s);
	s = rv.nproblems > 0 ? xasprintf(ngettext("%zu problem to fix: "
	    "Enter on it goes to its question.", "%zu problems to fix: "
	    "Enter on one goes to its question.", rv.nproblems),
	    rv.nproblems) : xstrdup(_("No problems: F2 saves the record; "
	    "Enter on an answer goes to its question."));
	attron(tui_attr(rv.nproblems > 0 ? TR_ERROR : TR_OK));
	tui_put(1, 1, s, COLS - 2);
	attroff(tui_attr(rv.nproblems > 0 ? TR_ERROR : TR_OK));
	free(s);
	/* Scroll so that the selected row is on the page. */
	if (rv.sel < (size_t)rv.top)
		rv.top = (int)rv.sel;
	if (rv.top > 0 && rv.v[rv.top - 1].path == NULL &&
	    (size_t)rv.top == rv.sel)
		rv.top--;
	for (;;) {
		sum = 0;
		for (i = (size_t)rv.top; i <= rv.sel && i < rv.n; i++)
			sum += row_height(i, w);
		if (sum <= ymax - ymin || (size_t)rv.top >= rv.sel)
			break;
		rv.top++;
	}
	y = ymin;
	for (i = (size_t)rv.top; i < rv.n && y < ymax; i++)
		y += row_draw(i, y, w, ymax);
	attron(tui_attr(TR_KEY));
	tui_put_pad(LINES - 1, 0, _("Enter Go to the question  F2 Finalize  "
	    "Esc Back to the form"), COLS);
	attroff(tui_attr(TR_KEY));
}

int
screen_form_review_key(struct tui_fill_state *fs, int key)
{
	int	n;

	switch (key) {
	case TUI_FKEY(KEY_UP):
	case TUI_FKEY(KEY_BTAB):
		rv.sel = row_step(rv.sel, -1);
		return REVIEW_STAY;
	case TUI_FKEY(KEY_DOWN):
	case TUI_TAB:
		rv.sel = row_step(rv.sel, 1);
		return REVIEW_STAY;
	case TUI_FKEY(KEY_PPAGE):
	case TUI_FKEY(KEY_NPAGE):
		for (n = 0; n < LINES / 2; n++)
			rv.sel = row_step(rv.sel,
			    key == TUI_FKEY(KEY_NPAGE) ? 1 : -1);
		return REVIEW_STAY;
	case TUI_ENTER:
		if (rv.sel < rv.n && rv.v[rv.sel].path != NULL &&
		    !tui_fill_focus_path(fs, rv.v[rv.sel].path))
			tui_error("%s", _("that question is not shown now"));
		screen_form_review_close();
		return REVIEW_CLOSED;
	case TUI_FKEY(KEY_F(2)):
	case TUI_CTRL('s'):
		screen_form_review_close();
		return REVIEW_FINALIZE;
	case TUI_ESC:
	case TUI_FKEY(KEY_F(3)):
	case TUI_FKEY(KEY_F(10)):
		screen_form_review_close();
		return REVIEW_CLOSED;
	}
	return REVIEW_STAY;
}
