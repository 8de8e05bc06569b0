/*
 * screen-form-case.c: the case picker of the form screen, the widget of a
 * `case` field (a link to an employer, a provider, a cohort).  Unfocused
 * it shows the linked case by its name; focused, a search line that
 * finds open cases of the field's case type as the case list's search
 * does (each word typed begins a word of the case's name or searched
 * properties), a page of them, and Enter links the one under the
 * cursor.  The answer saved is the case id.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "screen-form.h"
#include "store.h"
#include "tui-fill.h"
#include "tui.h"
#include "util.h"

/* Cases shown at once under the search line. */
#define CASE_ROWS	8

/* The open cases of f's type matching the typed search, at most
 * CASE_ROWS of *total (caller frees with cases_free); 0 on an error. */
static size_t
cases_found(struct tui_fill_state *fs, const struct field *f,
    struct case_row **rows, size_t *total)
{
	struct case_query	 q;
	char			*cause = NULL;
	size_t			 n = 0;

	size_t			 i, k = 0;

	memset(&q, 0, sizeof q);
	q.type = f->case_type;
	q.search = fs->filter.s;
	q.closed = 0;
	/* A filter over the cases' properties is applied here, on a few
	 * pages of them: type more to find one further down. */
	q.limit = f->case_filter != NULL ? CASE_ROWS * 8 : CASE_ROWS;
	*rows = NULL;
	*total = 0;
	if (store_cases(tui.app->store, &q, rows, &n, total, &cause) == -1) {
		free(cause);
		return 0;
	}
	if (f->case_filter == NULL)
		return n;
	for (i = 0; i < n; i++) {
		if (k < CASE_ROWS &&
		    store_case_fits(tui.app->store, f, (*rows)[i].id))
			(*rows)[k++] = (*rows)[i];
		else
			case_row_free(&(*rows)[i]);
	}
	*total = k;
	return k;
}

static void
cases_free(struct case_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		case_row_free(&rows[i]);
	free(rows);
}

/* Paints a dim line at y when it is shown. */
static void
dim_line(int y, int x, int w, bool draw, const char *s)
{
	if (!draw)
		return;
	attron(tui_attr(TR_DIM));
	tui_put(y, x, s, w);
	attroff(tui_attr(TR_DIM));
}

/* The picker of item it from row y (see screen-form.h). */
int
screen_form_case_draw(struct tui_fill_state *fs, const struct tui_fill_item *it,
    int y, int x, int w, int ymax, bool draw, bool focused, int *cy, int *cx)
{
	const char	*v = answers_get(&fs->a, it->path);
	struct case_row	*rows;
	size_t		 n, total, k;
	char		*s;
	int		 h = 0, fw, attr;

	if (draw && y < ymax) {
		attron(tui_attr(TR_FIELD));
		tui_put_pad(y, x, v != NULL && *v != '\0' ? tui_link_text(v) :
		    _("(none chosen)"), w > 50 ? 50 : w);
		attroff(tui_attr(TR_FIELD));
	}
	h++;
	if (!focused)
		return h;
	if (draw && y + h < ymax) {
		fw = tui_put(y + h, x, _("Search:"), w) + 1;
		tui_text_draw(&fs->filter, y + h, x + fw, w - fw > 30 ? 30 :
		    w - fw, true);
		getyx(stdscr, *cy, *cx);
	}
	h++;
	n = cases_found(fs, it->f, &rows, &total);
	if (fs->ccur >= n)
		fs->ccur = n > 0 ? n - 1 : 0;
	for (k = 0; k < n; k++, h++) {
		if (!draw || y + h >= ymax)
			continue;
		s = xasprintf("%s %s  %s", v != NULL && strcmp(v,
		    rows[k].id) == 0 ? "(*)" : "( )", rows[k].name != NULL ?
		    rows[k].name : "", rows[k].id);
		attr = k == fs->ccur ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y + h, x, s, w > 60 ? 60 : w);
		attroff(attr);
		free(s);
	}
	if (n == 0) {
		dim_line(y + h, x, w, draw && y + h < ymax,
		    _("no open case matches"));
		h++;
	} else if (total > n) {
		s = xasprintf(_("%zu of %zu cases: type more to narrow"), n,
		    total);
		dim_line(y + h, x, w, draw && y + h < ymax, s);
		h++;
		free(s);
	}
	cases_free(rows, n);
	return h;
}

/* A key for the focused picker of item it (see screen-form.h). */
int
screen_form_case_key(struct tui_fill_state *fs, const struct tui_fill_item *it,
    int key)
{
	struct case_row	*rows;
	size_t		 n, total;

	if (key == TUI_FKEY(KEY_UP) || key == TUI_FKEY(KEY_DOWN) ||
	    key == TUI_ENTER) {
		n = cases_found(fs, it->f, &rows, &total);
		if (key == TUI_FKEY(KEY_UP) && fs->ccur > 0)
			fs->ccur--;
		else if (key == TUI_FKEY(KEY_DOWN) && fs->ccur + 1 < n)
			fs->ccur++;
		else if (key == TUI_ENTER && fs->ccur < n) {
			tui_fill_pick(fs, it, rows[fs->ccur].id);
			tui_fill_focus_step(fs, 1);
		} else if (key == TUI_ENTER) {
			cases_free(rows, n);
			return TUI_NONE;	/* nothing to link: next */
		}
		cases_free(rows, n);
		return TUI_REDRAW;
	}
	if (tui_text_key(&fs->filter, key)) {
		fs->ccur = 0;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}
