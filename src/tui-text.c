/*
 * tui-text.c: UTF-8 text measured in columns, and the one-line text field.
 *
 * Everything here works on UTF-8 bytes as stored, decodes them with the
 * shared decoder (utf8.h: invalid bytes become U+FFFD, never a crash or a
 * shifted layout) and measures with wcwidth, so Chinese takes two columns,
 * combining accents none, and a string is always cropped on a character
 * boundary.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "tui.h"
#include "utf8.h"
#include "util.h"

#define REPLACEMENT	UTF8_REPLACEMENT

/* The character actually drawn for wc. */
static wchar_t
shown(wchar_t wc)
{
	if (wc == '\n')		/* a line break in a pasted answer */
		return i18n_utf8() ? 0x21b5 : '|';
	if (wc < 0x20 || wc == 0x7f || wcwidth(wc) < 0)
		return REPLACEMENT;
	return wc;
}

int
tui_width(const char *s)
{
	return (int)utf8_width(s, strlen(s));
}

int
tui_put_from(int y, int x, const char *s, int skip, int maxcols)
{
	size_t	n = strlen(s), i, k;
	wchar_t	wc, out[2];
	int	used = 0, w, maxx;

	maxx = getmaxx(stdscr);
	if (y < 0 || y >= getmaxy(stdscr) || x >= maxx)
		return 0;
	if (maxcols > maxx - x)
		maxcols = maxx - x;
	if (maxcols <= 0)
		return 0;
	move(y, x);
	i = skip > 0 ? utf8_skip(s, n, (size_t)skip) : 0;
	if (i < n && (int)utf8_width(s, i) < skip) {
		/* A wide character cut by the left edge: a blank. */
		i += tui_utf8_next(s + i, n - i, &wc);
		addch(' ');
		used++;
	}
	while (i < n) {
		k = tui_utf8_next(s + i, n - i, &wc);
		i += k;
		w = tui_wcwidth(wc);
		if (w == 0) {
			if (used > 0) {
				out[0] = shown(wc);
				out[1] = 0;
				addnwstr(out, 1);
			}
			continue;
		}
		if (used + w > maxcols) {
			while (used < maxcols) {
				addch(' ');
				used++;
			}
			break;
		}
		out[0] = shown(wc);
		out[1] = 0;
		addnwstr(out, 1);
		used += w;
	}
	return used;
}

int
tui_put(int y, int x, const char *s, int maxcols)
{
	return tui_put_from(y, x, s, 0, maxcols);
}

void
tui_put_pad(int y, int x, const char *s, int cols)
{
	int	used, maxx = getmaxx(stdscr);

	if (cols > maxx - x)
		cols = maxx - x;
	used = tui_put(y, x, s, cols);
	if (used < cols && y >= 0 && y < getmaxy(stdscr)) {
		move(y, x + used);
		while (used++ < cols)
			addch(' ');
	}
}

/* Width of s[from..to). */
static int
width_range(const char *s, size_t from, size_t to)
{
	return (int)utf8_width(s + from, to - from);
}

size_t
tui_wrap(const char *s, int cols, size_t **startsp, size_t **lensp)
{
	size_t	 n = strlen(s), i = 0, k, start = 0, brk = 0, nl = 0, cap = 4;
	size_t	*starts, *lens;
	wchar_t	 wc;
	int	 w = 0, cw;

	if (cols < 1)
		cols = 1;
	starts = xreallocarray(NULL, cap, sizeof *starts);
	lens = xreallocarray(NULL, cap, sizeof *lens);
	for (;;) {
		if (i >= n || s[i] == '\n' || nl == cap) {
			if (nl == cap) {
				cap *= 2;
				starts = xreallocarray(starts, cap,
				    sizeof *starts);
				lens = xreallocarray(lens, cap, sizeof *lens);
			}
			if (i >= n || s[i] == '\n') {
				starts[nl] = start;
				lens[nl++] = i - start;
				if (i >= n)
					break;
				start = ++i;
				brk = 0;
				w = 0;
			}
			continue;
		}
		k = tui_utf8_next(s + i, n - i, &wc);
		cw = tui_wcwidth(wc);
		if (w + cw > cols && i > start) {
			if (brk > start) {
				starts[nl] = start;
				lens[nl++] = brk - 1 - start;
				start = brk;
				w = width_range(s, start, i);
			} else {
				starts[nl] = start;
				lens[nl++] = i - start;
				start = i;
				w = 0;
			}
			brk = 0;
			continue;
		}
		w += cw;
		i += k;
		if (wc == ' ')
			brk = i;
	}
	*startsp = starts;
	*lensp = lens;
	return nl;
}

void
tui_text_init(struct tui_text *t)
{
	memset(t, 0, sizeof *t);
	t->cap = 16;
	t->s = xmalloc(t->cap);
	t->s[0] = '\0';
}

void
tui_text_free(struct tui_text *t)
{
	free(t->s);
	t->s = NULL;
	t->len = t->cap = t->cur = 0;
}

static void
text_reserve(struct tui_text *t, size_t more)
{
	if (t->len + more + 1 > t->cap) {
		while (t->len + more + 1 > t->cap)
			t->cap *= 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
}

static void
text_insert(struct tui_text *t, const char *s, size_t n)
{
	text_reserve(t, n);
	memmove(t->s + t->cur + n, t->s + t->cur, t->len - t->cur + 1);
	memcpy(t->s + t->cur, s, n);
	t->len += n;
	t->cur += n;
	t->changed = true;
}

static void
text_delete(struct tui_text *t, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(t->s + from, t->s + to, t->len - to + 1);
	t->len -= to - from;
	if (t->cur > to)
		t->cur -= to - from;
	else if (t->cur > from)
		t->cur = from;
	t->changed = true;
}

void
tui_text_set(struct tui_text *t, const char *s)
{
	size_t	n, i = 0, k;
	wchar_t	wc;

	if (s == NULL)
		s = "";
	n = strlen(s);
	t->len = t->cur = 0;
	t->s[0] = '\0';
	t->scroll = 0;
	while (i < n) {
		k = tui_utf8_next(s + i, n - i, &wc);
		if (wc == REPLACEMENT && k == 1)
			text_insert(t, "\xef\xbf\xbd", 3);
		else
			text_insert(t, s + i, k);
		i += k;
	}
	t->changed = false;
}

/* The byte offset of the character before off, skipping back over
 * zero-width marks so the cursor never sits inside a cluster. */
static size_t
text_prev(const struct tui_text *t, size_t off)
{
	size_t	i, k, last = 0, lastbase = 0;
	wchar_t	wc;

	for (i = 0; i < off; i += k) {
		k = tui_utf8_next(t->s + i, t->len - i, &wc);
		last = i;
		if (tui_wcwidth(wc) > 0 || i == 0)
			lastbase = i;
	}
	(void)last;
	return lastbase;
}

static size_t
text_next(const struct tui_text *t, size_t off)
{
	size_t	k;
	wchar_t	wc;

	if (off >= t->len)
		return t->len;
	off += tui_utf8_next(t->s + off, t->len - off, &wc);
	while (off < t->len) {
		k = tui_utf8_next(t->s + off, t->len - off, &wc);
		if (tui_wcwidth(wc) != 0 || wc < 0x20)
			break;
		off += k;
	}
	return off;
}

enum {
	TE_LEFT, TE_RIGHT, TE_HOME, TE_END, TE_BACKSPACE, TE_DELETE,
	TE_KILL_START, TE_KILL_END, TE_KILL_WORD
};
static const struct tui_key text_key_list[] = {
	{ TE_LEFT,	{ TUI_FKEY(KEY_LEFT), TUI_CTRL('b') },
	  N_("Move left"), 0 },
	{ TE_RIGHT,	{ TUI_FKEY(KEY_RIGHT), TUI_CTRL('f') },
	  N_("Move right"), 0 },
	{ TE_HOME,	{ TUI_FKEY(KEY_HOME), TUI_CTRL('a') },
	  N_("Go to the start"), 0 },
	{ TE_END,	{ TUI_FKEY(KEY_END), TUI_CTRL('e') },
	  N_("Go to the end"), 0 },
	{ TE_BACKSPACE,	{ TUI_FKEY(KEY_BACKSPACE), 0x7f, TUI_CTRL('h') },
	  N_("Delete the character before the cursor"), 0 },
	{ TE_DELETE,	{ TUI_FKEY(KEY_DC), TUI_CTRL('d') },
	  N_("Delete the character under the cursor"), 0 },
	{ TE_KILL_START, { TUI_CTRL('u') },
	  N_("Delete to the start"), 0 },
	{ TE_KILL_END,	{ TUI_CTRL('k') },
	  N_("Delete to the end"), 0 },
	{ TE_KILL_WORD,	{ TUI_CTRL('w') },
	  N_("Delete the word before the cursor"), 0 },
};
const struct tui_keymap tui_text_keys = {
	N_("Typing text"), text_key_list, nitems(text_key_list)
};

bool
tui_text_key(struct tui_text *t, int key)
{
	char		 mb[8];
	size_t		 m, p;

	switch (tui_key_action(&tui_text_keys, key, true)) {
	case TE_LEFT:
		if (t->cur > 0)
			t->cur = text_prev(t, t->cur);
		return true;
	case TE_RIGHT:
		t->cur = text_next(t, t->cur);
		return true;
	case TE_HOME:
		t->cur = 0;
		return true;
	case TE_END:
		t->cur = t->len;
		return true;
	case TE_BACKSPACE:
		if (t->cur > 0)
			text_delete(t, text_prev(t, t->cur), t->cur);
		return true;
	case TE_DELETE:
		text_delete(t, t->cur, text_next(t, t->cur));
		return true;
	case TE_KILL_START:
		text_delete(t, 0, t->cur);
		return true;
	case TE_KILL_END:
		text_delete(t, t->cur, t->len);
		return true;
	case TE_KILL_WORD:
		p = t->cur;
		while (p > 0 && t->s[p - 1] == ' ')
			p--;
		while (p > 0 && t->s[p - 1] != ' ')
			p--;
		text_delete(t, p, t->cur);
		return true;
	}
	if ((key & TUI_FKEY(0)) != 0 || key < 0x20 || key == 0x7f)
		return false;
	if (key < 0x80) {
		mb[0] = (char)key;
		text_insert(t, mb, 1);
		return true;
	}
	m = utf8_encode((wchar_t)key, mb);
	text_insert(t, mb, m);
	return true;
}

void
tui_text_newline(struct tui_text *t)
{
	text_insert(t, "\n", 1);
}

void
tui_text_wipe(struct tui_text *t)
{
	if (t->s != NULL)
		explicit_bzero(t->s, t->cap);
	tui_text_free(t);
}

void
tui_text_draw_hidden(struct tui_text *t, int y, int x, int cols,
    bool focused)
{
	struct tui_text	 b;
	const char	*dot = i18n_utf8() ? "\xe2\x80\xa2" : "*";
	size_t		 i, n = 0, before = 0;

	for (i = 0; i < t->len; i++) {
		if (((unsigned char)t->s[i] & 0xc0) == 0x80)
			continue;
		if (i < t->cur)
			before++;
		n++;
	}
	tui_text_init(&b);
	for (i = 0; i < n; i++)
		text_insert(&b, dot, strlen(dot));
	b.cur = before * strlen(dot);
	b.scroll = t->scroll;
	tui_text_draw(&b, y, x, cols, focused);
	t->scroll = b.scroll;
	tui_text_free(&b);
}

void
tui_text_draw(struct tui_text *t, int y, int x, int cols, bool focused)
{
	char	save;
	int	cc, used, attr = tui_attr(TR_FIELD);

	if (cols < 2)
		return;
	save = t->s[t->cur];
	t->s[t->cur] = '\0';
	cc = tui_width(t->s);
	t->s[t->cur] = save;
	if (cc < t->scroll)
		t->scroll = cc > cols / 2 ? cc - cols / 2 : 0;
	if (cc >= t->scroll + cols)
		t->scroll = cc - cols + 1;
	attron(attr);
	used = tui_put_from(y, x, t->s, t->scroll, cols);
	move(y, x + used);
	while (used++ < cols)
		addch(' ');
	attroff(attr);
	if (focused) {
		move(y, x + cc - t->scroll);
		tui_cursor_at(y, x + cc - t->scroll);
	}
}
