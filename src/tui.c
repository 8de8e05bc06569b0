/*
 * tui.c: what every screen shares: drawing the current screen and routing
 * a key to it (the two halves of the main loop in tui-main.c) through the
 * table of screens (screen.c), the stack of open screens, the title bar, the message line, yes/no questions, pick
 * lists, colours and the "terminal too small" screen.
 *
 * Layout of every screen: line 0 the title, lines 1..LINES-3 the screen's
 * own, line LINES-2 messages and questions, line LINES-1 the help line.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen.h"
#include "store.h"
#include "strmap.h"
#include "tui.h"
#include "util.h"

struct tui	tui;

static bool		 colour;

/* The open screens, the shown one on top (v[n - 1]).  A screen is on it
 * at most once, so eight is room to spare. */
static struct {
	enum screen_id	v[8];
	size_t		n;
} stack;

/* A pending yes/no question. */
static struct {
	char	*question;
	bool	 dflt;
	int	(*fn)(void *, bool);
	void	*arg;
} ask;

/* A pending pick list. */
static struct {
	char	 *title;
	char	**items;
	size_t	  n;
	size_t	  cur;
	int	(*fn)(void *, size_t);
	void	 *arg;
} pick;

enum {
	GA_HELP,
	GA_REDRAW
};
static const struct tui_key global_key_list[] = {
	{ GA_HELP,	{ TUI_FKEY(KEY_F(1)), TUI_CTRL('g') },	N_("Help"),	TUI_KEY_LINE },
	{ GA_HELP,	{ '?' },		N_("Help"),	TUI_KEY_NOTEXT },
	{ GA_REDRAW,	{ TUI_CTRL('l') },	N_("Redraw the screen"), 0 },
};
const struct tui_keymap tui_global_keys = {
	N_("Everywhere"), global_key_list, nitems(global_key_list)
};

enum {
	PAIR_TITLE = 1, PAIR_SELECTED, PAIR_HEADING, PAIR_ERROR, PAIR_DIM,
	PAIR_KEY, PAIR_OK
};

int
tui_attr(enum tui_role role)
{
	switch (role) {
	case TR_NORMAL:
		return A_NORMAL;
	case TR_TITLE:
		return colour ? COLOR_PAIR(PAIR_TITLE) : A_REVERSE;
	case TR_SELECTED:
		return colour ? COLOR_PAIR(PAIR_SELECTED) : A_REVERSE;
	case TR_HEADING:
		return colour ? (int)(COLOR_PAIR(PAIR_HEADING) | A_BOLD) :
		    A_BOLD;
	case TR_ERROR:
		return colour ? (int)(COLOR_PAIR(PAIR_ERROR) | A_BOLD) :
		    A_BOLD;
	case TR_DIM:
		return colour ? COLOR_PAIR(PAIR_DIM) : A_DIM;
	case TR_FIELD:
		return A_UNDERLINE;
	case TR_KEY:
		return colour ? (int)(COLOR_PAIR(PAIR_KEY) | A_BOLD) :
		    (int)(A_REVERSE | A_BOLD);
	case TR_OK:
		return colour ? (int)(COLOR_PAIR(PAIR_OK) | A_BOLD) : A_BOLD;
	}
	return A_NORMAL;
}

void
tui_colours_init(void)
{
	const char	*nc = getenv("NO_COLOR");

	colour = false;
	if (!has_colors() || (nc != NULL && *nc != '\0'))
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
	init_pair(PAIR_KEY, COLOR_YELLOW, COLOR_BLUE);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	colour = true;
}

char *
tui_store_dir(void)
{
	const char	*p = tui.app->db_path, *slash;

	slash = strrchr(p, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(slash - p));
}

/* Shows a message, an error when error is true, until the next key. */
static void
message_set(bool error, const char *fmt, va_list ap)
{
	free(tui.message);
	tui.message = xvasprintf(fmt, ap);
	tui.message_error = error;
}

void
tui_message(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message_set(false, fmt, ap);
	va_end(ap);
}

void
tui_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message_set(true, fmt, ap);
	va_end(ap);
}

void
tui_ask(const char *question, bool dflt, int (*fn)(void *, bool), void *arg)
{
	free(ask.question);
	free(ask.arg);
	ask.question = xstrdup(question);
	ask.dflt = dflt;
	ask.fn = fn;
	ask.arg = arg;
}

void
tui_pick(const char *title, const char *const *items, size_t n,
    int (*fn)(void *, size_t), void *arg)
{
	size_t	i;

	pick.title = xstrdup(title);
	pick.items = xreallocarray(NULL, n, sizeof *pick.items);
	for (i = 0; i < n; i++)
		pick.items[i] = xstrdup(items[i]);
	pick.n = n;
	pick.cur = 0;
	pick.fn = fn;
	pick.arg = arg;
}

static void
pick_free(void)
{
	size_t	i;

	for (i = 0; i < pick.n; i++)
		free(pick.items[i]);
	free(pick.items);
	free(pick.title);
	free(pick.arg);
	memset(&pick, 0, sizeof pick);
}

static void
draw_pick(void)
{
	int	w, h, x0, y0, y, i, top, rows;

	w = tui_width(pick.title) + 4;
	for (i = 0; i < (int)pick.n; i++) {
		if (tui_width(pick.items[i]) + 6 > w)
			w = tui_width(pick.items[i]) + 6;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	rows = (int)pick.n;
	if (rows > LINES - 8)
		rows = LINES - 8;
	h = rows + 2;
	x0 = (COLS - w) / 2;
	y0 = (LINES - h) / 2;
	top = (int)pick.cur >= rows ? (int)pick.cur - rows + 1 : 0;
	attron(tui_attr(TR_TITLE));
	for (y = y0; y < y0 + h; y++)
		mvhline(y, x0, ' ', w);
	tui_put(y0, x0 + 2, pick.title, w - 4);
	attroff(tui_attr(TR_TITLE));
	/* Without colour the frame and the selection would both be
	 * reverse video: the items are plain then, and '>' marks the
	 * chosen one either way. */
	for (i = 0; i < rows; i++) {
		int	k = top + i, attr;

		attr = k == (int)pick.cur ? tui_attr(TR_SELECTED) : colour ?
		    tui_attr(TR_TITLE) : (int)A_NORMAL;
		attron(attr);
		mvhline(y0 + 1 + i, x0 + 1, ' ', w - 2);
		if (k == (int)pick.cur)
			mvaddch(y0 + 1 + i, x0 + 1, '>');
		tui_put(y0 + 1 + i, x0 + 3, pick.items[k], w - 5);
		attroff(attr);
	}
}

static int
pick_key(int key)
{
	int	(*fn)(void *, size_t);
	void	*arg;
	int	 rc;
	size_t	 i;

	switch (key) {
	case TUI_FKEY(KEY_UP):
		if (pick.cur > 0)
			pick.cur--;
		return TUI_REDRAW;
	case TUI_FKEY(KEY_DOWN):
	case TUI_TAB:
		if (pick.cur + 1 < pick.n)
			pick.cur++;
		return TUI_REDRAW;
	case TUI_ENTER:
		fn = pick.fn;
		arg = pick.arg;
		i = pick.cur;
		pick.arg = NULL;	/* freed once fn is done with it */
		pick_free();
		rc = fn(arg, i) | TUI_REDRAW;
		free(arg);
		return rc;
	case TUI_ESC:
	case TUI_FKEY(KEY_F(10)):
		pick_free();
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

/* The text of each linked case shown since the last screen change: a
 * case page names the same employer on many lines. */
static struct strmap	links;

const char *
tui_link_text(const char *id)
{
	char	*s, *name;

	if (id == NULL || *id == '\0')
		return "";
	/* Text from before the property was a link (a cohort's name). */
	if (!store_case_id_valid(id))
		return id;
	if ((s = strmap_get(&links, id)) != NULL)
		return s;
	if ((name = store_case_name(tui.app->store, id)) == NULL)
		s = xasprintf(_("%s (not in this store yet)"), id);
	else
		s = xasprintf("%s (%s)", name, id);
	free(name);
	strmap_put(&links, id, s);
	return s;
}

int
tui_push(enum screen_id s, const void *arg)
{
	const struct screen	*e = screen_get(s);

	strmap_free(&links, free);
	if (stack.n >= nitems(stack.v))
		return -1;
	if (e->open != NULL && e->open(arg) == -1)
		return -1;
	stack.v[stack.n++] = s;
	return 0;
}

/* Takes the top screen off the stack and closes it. */
static void
stack_close_top(void)
{
	const struct screen	*e;

	if (stack.n == 0)
		return;
	e = screen_get(stack.v[--stack.n]);
	if (e->close != NULL)
		e->close();
}

void
tui_pop(void)
{
	const struct screen	*e;

	strmap_free(&links, free);
	stack_close_top();
	if (stack.n == 0) {
		(void)tui_push(SCREEN_CASES, NULL);
		return;
	}
	e = screen_get(stack.v[stack.n - 1]);
	if (e->resume != NULL)
		e->resume();
}

int
tui_switch(enum screen_id s, const void *arg)
{
	stack_close_top();
	return tui_push(s, arg);
}

void
tui_close_all(void)
{
	while (stack.n > 0)
		stack_close_top();
}

const struct screen *
tui_top(void)
{
	return stack.n > 0 ? screen_get(stack.v[stack.n - 1]) : NULL;
}

void
tui_save_typing(void)
{
	const struct screen	*e;
	size_t			 i;

	for (i = stack.n; i > 0; i--) {
		e = screen_get(stack.v[i - 1]);
		if (e->save_typing != NULL)
			e->save_typing();
	}
}

/* The last key, in milliseconds of the monotonic clock. */
static long long	last_key_ms;

long long
tui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
tui_lock_load(void)
{
	const char	*seam = getenv("ONWARD_LOCK_SECONDS");	/* tests */
	long		 n;

	last_key_ms = tui_now_ms();
	if (seam != NULL && *seam != '\0') {
		n = strtol(seam, NULL, 10);
		tui.lock_secs = n > 0 && n < 86400 ? (int)n : 0;
		return;
	}
	tui.lock_secs = app_lock_seconds(tui.app);
}

/* True when a screen on the stack is s. */
static bool
stack_has(enum screen_id s)
{
	size_t	i;

	for (i = 0; i < stack.n; i++) {
		if (stack.v[i] == s)
			return true;
	}
	return false;
}

/* Milliseconds until the lock screen, or -1 when it is not due: nobody
 * signed in, no lock time, or locked already. */
static int
lock_in_ms(void)
{
	long long	left;

	if (tui.lock_secs <= 0 || tui.app == NULL ||
	    tui.app->account == NULL || stack_has(SCREEN_SIGNIN))
		return -1;
	left = last_key_ms + (long long)tui.lock_secs * 1000 - tui_now_ms();
	return left > 0 ? (int)(left < 0x7fffffff ? left : 0x7fffffff) : 0;
}

int
tui_idle_ms(void)
{
	const struct screen	*e = tui_top();
	int			 ms, lock = lock_in_ms();

	ms = e != NULL && e->idle != NULL && e->idle_ms > 0 ? e->idle_ms : -1;
	if (lock >= 0 && (ms == -1 || lock < ms))
		ms = lock;
	return ms;
}

/* Saves what is typed and shows the lock screen, over everything. */
static void
lock(void)
{
	struct screen_signin_arg	a = { true };

	tui_save_typing();
	free(ask.question);
	free(ask.arg);
	ask.question = NULL;
	ask.arg = NULL;
	pick_free();
	free(tui.message);
	tui.message = NULL;
	(void)tui_push(SCREEN_SIGNIN, &a);
}

bool
tui_idle(void)
{
	const struct screen	*e = tui_top();

	if (lock_in_ms() == 0) {
		lock();
		return true;
	}
	return e != NULL && e->idle != NULL && e->idle();
}

/* True when the screen shown has a text field with the focus. */
static bool
top_typing(void)
{
	const struct screen	*e = tui_top();

	return e != NULL && e->typing();
}

void
tui_draw_title(const char *left, const char *right)
{
	int	rw = right != NULL ? tui_width(right) : 0, lw;

	attron(tui_attr(TR_TITLE));
	mvhline(0, 0, ' ', COLS);
	lw = tui_put(0, 1, left, COLS - 2);
	if (right != NULL && 1 + lw + 2 + rw < COLS)
		tui_put(0, COLS - 1 - rw, right, rw);
	attroff(tui_attr(TR_TITLE));
}

static void
draw_too_small(void)
{
	char	*s;
	size_t	*st, *ln, n, i;
	int	 cols = COLS > 2 ? COLS - 2 : COLS;

	s = xasprintf(_("Terminal too small: %dx%d. Onward needs at least "
	    "%dx%d; make the window larger. Nothing typed is lost."),
	    COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	n = tui_wrap(s, cols, &st, &ln);
	for (i = 0; i < n && (int)i < LINES; i++) {
		char	*line = xstrndup(s + st[i], ln[i]);

		tui_put((int)i, COLS > 2 ? 1 : 0, line, cols);
		free(line);
	}
	free(st);
	free(ln);
	free(s);
}

static void
draw_message(void)
{
	int	 y = LINES - 2, x;
	size_t	*st, *ln, n, i;
	char	*line;

	move(y, 0);
	clrtoeol();
	if (ask.question != NULL) {
		attron(tui_attr(TR_HEADING));
		x = tui_put(y, 1, ask.question, COLS - 2);
		attroff(tui_attr(TR_HEADING));
		tui_put(y, 1 + x + 1, ask.dflt ? _("[Y/n]") : _("[y/N]"),
		    COLS - x - 3);
		return;
	}
	if (tui.message == NULL)
		return;
	/* A long message (a merge refused, a French sentence) folds
	 * upward over the screen's last lines, four at most, never cut at
	 * the edge. */
	n = tui_wrap(tui.message, COLS - 2, &st, &ln);
	if (n > 4)
		n = 4;
	if (tui.message_error)
		attron(tui_attr(TR_ERROR));
	for (i = 0; i < n; i++) {
		line = xstrndup(tui.message + st[i], ln[i]);
		move(y - (int)(n - 1 - i), 0);
		clrtoeol();
		tui_put(y - (int)(n - 1 - i), 1, line, COLS - 2);
		free(line);
	}
	if (tui.message_error)
		attroff(tui_attr(TR_ERROR));
	free(st);
	free(ln);
}

/* Where tui_cursor_at put the cursor for this painting; -1: nowhere. */
static int	cursor_y = -1, cursor_x = -1;

void
tui_cursor_at(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

/* Paints the current screen from scratch. */
void
tui_draw(void)
{
	erase();
	curs_set(0);
	cursor_y = cursor_x = -1;
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
		draw_too_small();
		refresh();
		return;
	}
	if (tui_top() != NULL)
		tui_top()->draw();
	draw_message();
	if (pick.title != NULL) {
		curs_set(0);
		draw_pick();
	}
	if (ask.question != NULL || pick.title != NULL || cursor_y < 0)
		curs_set(0);
	else {
		move(cursor_y, cursor_x);
		curs_set(1);
	}
	refresh();
}

const struct field *
tui_path_field(const struct form *f, const char *path)
{
	const struct field	*fld;
	const char		*id = strrchr(path, '.');
	char			*bare;

	id = id != NULL ? id + 1 : path;
	bare = xstrndup(id, strcspn(id, "["));
	fld = f != NULL ? form_find_field(f, bare) : NULL;
	free(bare);
	return fld;
}

const char *
tui_path_label(const struct form *f, const char *path)
{
	const struct field	*fld = tui_path_field(f, path);

	if (fld == NULL || fld->label == NULL || *fld->label == '\0')
		return path;
	return form_text(fld->label);
}

/* The label of an answer, filled in from its record (see tui.h). */
char *
tui_answer_label(const struct form *f, const struct answers *a,
    const char *path)
{
	const char	*label = tui_path_label(f, path), *dot;
	char		*prefix, *s;

	if (f == NULL || strstr(label, "${") == NULL)
		return xstrdup(label);
	dot = strrchr(path, '.');
	prefix = dot != NULL ? xstrndup(path, (size_t)(dot - path + 1)) :
	    xstrdup("");
	s = record_fill_text(f, a, prefix, label);
	free(prefix);
	return s;
}

/* Routes one key: a pending question first, then global keys, then the
 * current screen.  Returns the reaction. */
int
tui_key(int key)
{
	int	(*fn)(void *, bool);
	void	*arg;
	int	 action, yes, r;
	/* TRANSLATORS: the letters that answer yes and no to a question
	 * shown with [Y/n] or [y/N]; 'y' and 'n' always work too. */
	const char *y = _("y"), *n = _("n");

	last_key_ms = tui_now_ms();
	if (key == TUI_FKEY(KEY_RESIZE))
		return TUI_REDRAW;
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES)
		return TUI_NONE;
	free(tui.message);
	tui.message = NULL;
	if (ask.question != NULL) {
		if (key == TUI_ENTER || key == '\n')
			yes = ask.dflt;
		else if (key == 'y' || key == 'Y' || key == (unsigned char)*y)
			yes = 1;
		else if (key == 'n' || key == 'N' || key == (unsigned char)*n)
			yes = 0;
		else if (key == TUI_ESC) {
			free(ask.question);
			free(ask.arg);
			ask.question = NULL;
			ask.arg = NULL;
			return TUI_REDRAW;
		} else
			return TUI_REDRAW;
		fn = ask.fn;
		arg = ask.arg;
		free(ask.question);
		ask.question = NULL;
		ask.arg = NULL;
		r = fn(arg, yes) | TUI_REDRAW;
		free(arg);		/* the ask's, whatever fn did */
		return r;
	}
	if (pick.title != NULL)
		return pick_key(key);
	if (tui_top() == NULL)
		return TUI_NONE;
	action = tui_key_action(&tui_global_keys, key, top_typing());
	if (action == GA_HELP && tui_top()->id != SCREEN_HELP) {
		struct screen_help_arg	ha = { tui_top()->id };

		tui_push(SCREEN_HELP, &ha);
		return TUI_REDRAW;
	}
	if (action == GA_REDRAW) {
		clearok(curscr, TRUE);
		return TUI_REDRAW;
	}
	return tui_top()->key(key);
}

void
tui_reset(void)
{
	free(tui.message);
	free(ask.question);
	free(ask.arg);
	ask.question = NULL;
	ask.arg = NULL;
	pick_free();
	memset(&stack, 0, sizeof stack);
	memset(&tui, 0, sizeof tui);
	strmap_free(&links, free);
}

const char *
tui_prop_text(const struct case_type *ct, const char *prop, const char *value)
{
	const struct form	*f;
	const struct field	*fld;
	const struct choice	*c;
	size_t			 i, j;

	for (i = 0; i < ct->nprops; i++) {
		if (strcmp(ct->props[i].id, prop) == 0 &&
		    strcmp(ct->props[i].type, "case") == 0)
			return tui_link_text(value);
	}
	for (i = 0; i < tui.app->pack->nforms; i++) {
		f = tui.app->pack->forms[i];
		if (f->case_type == NULL || strcmp(f->case_type, ct->id) != 0)
			continue;
		for (j = 0; j < f->nfields; j++) {
			fld = f->fields[j];
			if (fld->save_to == NULL ||
			    strcmp(fld->save_to, prop) != 0 ||
			    !field_is_select(fld) || field_is_multiple(fld))
				continue;
			if ((c = field_find_choice(fld, value)) != NULL)
				return form_text(c->label);
		}
	}
	return value;
}
