/*
 * test-tui-text.c: text measured in columns and the one-line text field:
 * widths of accented, Arabic and Chinese text, invalid bytes, cropping by
 * columns on a virtual screen, control characters drawn harmless,
 * folding for search, wrapping, and every
 * editing key; and the table of screens the keys are routed through.
 */
#include "config.h"

#include "tui-curses.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "screen.h"
#include "tui.h"
#include "util.h"

/* The text of row y of the virtual screen, trailing blanks removed. */
static char *
row(int y)
{
	wchar_t	 w[256];
	char	 mb[1024];
	int	 n;

	n = mvinnwstr(y, 0, w, 255);
	if (n < 0)
		n = 0;
	w[n] = 0;
	wcstombs(mb, w, sizeof mb);
	n = (int)strlen(mb);
	while (n > 0 && mb[n - 1] == ' ')
		mb[--n] = '\0';
	return xstrdup(mb);
}

/*
 * No screen where text is typed binds a key the text field edits with
 * (^E opened the reports from the case list, where it must go to the end
 * of the search text), unless the key is flagged to stand back while text
 * is typed.
 */
static void
no_clash(void)
{
	static const struct {
		enum screen_id	 s;
		const char	*name;
	} typing[] = {
		{ SCREEN_FIRSTRUN, "first run" }, { SCREEN_CASES, "case list" },
		{ SCREEN_FORM, "form" }, { SCREEN_SYNC, "sync" },
		{ SCREEN_CONFLICTS, "conflicts" }, { SCREEN_REPORT, "reports" },
		{ SCREEN_SETTINGS, "settings" },
	};
	const struct tui_keymap	*m;
	const struct tui_key	*k;
	size_t			 i, j, x, nclash;

	for (i = 0; i < nitems(typing); i++) {
		m = screen_get(typing[i].s)->keys;
		nclash = 0;
		for (j = 0; m != NULL && j < m->n; j++) {
			k = &m->v[j];
			if (k->flags & TUI_KEY_NOTEXT)
				continue;
			for (x = 0; x < nitems(k->keys) && k->keys[x] != 0;
			    x++) {
				if (tui_key_action(&tui_text_keys, k->keys[x],
				    true) == -1)
					continue;
				diag("%s: '%s' uses a key of the text field",
				    typing[i].name, k->label);
				nclash++;
			}
		}
		ok(m != NULL && nclash == 0, "the %s screen leaves the text "
		    "field's keys to it", typing[i].name);
	}
}

/*
 * The table of screens: every id has an entry at its index with a title
 * (the one its help shows), keys, draw, key and typing hooks; an entry
 * missing from screen.c fails here.
 */
static void
table(void)
{
	const struct screen	*e;
	size_t			 i, whole = 0;

	for (i = 0; i < SCREEN_COUNT; i++) {
		e = screen_table[i];
		if (e == NULL) {
			diag("screen %zu has no entry in screen_table", i);
			continue;
		}
		if ((size_t)e->id != i)
			diag("screen %zu: its entry says it is %d", i,
			    (int)e->id);
		else if (e->title == NULL || *e->title == '\0' ||
		    e->keys == NULL || e->keys->n == 0 ||
		    e->keys->title == NULL ||
		    strcmp(e->keys->title, e->title) != 0)
			diag("screen %zu: no title, or no keys with it", i);
		else if (e->draw == NULL || e->key == NULL ||
		    e->typing == NULL)
			diag("screen %zu: no draw, key or typing hook", i);
		else if ((e->idle == NULL) != (e->idle_ms <= 0))
			diag("screen %zu: an idle hook without a time", i);
		else {
			whole++;
			continue;
		}
	}
	is_int((int)whole, SCREEN_COUNT, "every screen id has a whole entry "
	    "at its index in the table");
	ok(screen_get(SCREEN_CASES) == &screen_cases &&
	    screen_get(SCREEN_FORM) == &screen_form &&
	    screen_get(SCREEN_HELP) == &screen_help, "screen_get finds the "
	    "entries by id");
}

/*
 * Whether text is typed is the screen's own state, answered without a
 * paint: the first run types a name and a site, then chooses the
 * language with keys that stand back while text is typed.  Moving through
 * the stack opens and closes screens through the table.
 */
static void
typing_from_state(void)
{
	struct screen_help_arg	 ha = { SCREEN_FIRSTRUN };
	const struct screen	*top;

	ok(tui_top() == NULL, "no screen is shown before the first opens");
	is_int(tui_push(SCREEN_FIRSTRUN, NULL), 0, "the first run opens");
	top = tui_top();
	ok(top == &screen_firstrun, "it is on top");
	ok(top->typing(), "the first run starts on the name, typed");
	top->key(TUI_TAB);
	ok(top->typing(), "the site is typed too");
	top->key(TUI_TAB);
	ok(!top->typing(), "the language is not typed (no paint between)");
	top->key(TUI_TAB);
	ok(top->typing(), "back on the name, typed again");
	ok(!screen_case.typing() && !screen_help.typing(),
	    "nothing is typed on the case page or the help");
	ok(screen_cases.typing() && screen_form.typing(),
	    "the case list and the form always type");
	is_int(tui_push(SCREEN_HELP, &ha), 0, "the help opens over it");
	ok(tui_top() == &screen_help, "the help is on top");
	tui_pop();
	ok(tui_top() == &screen_firstrun, "leaving the help shows the first "
	    "run again");
	ok(tui_idle_ms() == -1, "the first run has no idle timer");
	tui_close_all();
	ok(tui_top() == NULL, "closing all leaves no screen open");
	is_int(screen_form.idle_ms, 1000, "a form saves the field typed "
	    "after 1 s without a key");
}

static void
keys(struct tui_text *t, const int *k)
{
	for (; *k != 0; k++)
		tui_text_key(t, *k);
}

int
main(void)
{
	struct tui_text	 t;
	SCREEN		*scr;
	FILE		*out, *in;
	size_t		*st, *ln, n;
	char		*s;
	wchar_t		 wc;

	plan_lazy();
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip_all("no C.UTF-8 locale");

	no_clash();
	table();
	typing_from_state();
	is_int(tui_width("abc"), 3, "ASCII is one column a character");
	is_int(tui_width("Zoë"), 3, "a precomposed accent is one column");
	is_int(tui_width("Zoe\xcc\x88"), 3, "a combining accent is none");
	is_int(tui_width("王小明"), 6, "Chinese is two columns a character");
	is_int(tui_width("محمد"), 4, "Arabic is one column a letter");
	is_int(tui_width("a\xff" "b"), 3, "an invalid byte counts as one U+FFFD");
	is_int(tui_width("\xe2\x82"), 2, "a truncated sequence is U+FFFD each");
	is_int((int)tui_utf8_next("\xc0\xaf", 2, &wc), 1, "overlong: one byte");
	ok(wc == 0xfffd, "an overlong encoding is U+FFFD");
	tui_utf8_next("\xed\xa0\x80", 3, &wc);
	ok(wc == 0xfffd, "a surrogate is U+FFFD");

	s = tui_fold("Amélie ÅNGSTRÖM Çelik");
	is_str(s, "amelie angstrom celik", "folding drops accents and case");
	free(s);
	s = tui_fold("Zoe\xcc\x88 王");
	is_str(s, "zoe 王", "folding drops combining marks, keeps CJK");
	free(s);

	n = tui_wrap("one two three four", 9, &st, &ln);
	is_int((int)n, 3, "wrapping at spaces gives three lines");
	ok(n == 3 && st[1] == 8 && ln[1] == 5, "the second line is 'three'");
	free(st);
	free(ln);
	n = tui_wrap("王小明王小明", 5, &st, &ln);
	is_int((int)n, 3, "wide characters wrap by columns");
	ok(n == 3 && ln[0] == 6, "two Chinese characters fit in five columns");
	free(st);
	free(ln);

	/* Editing. */
	tui_text_init(&t);
	tui_text_set(&t, "Amelie");
	keys(&t, (const int[]){ TUI_FKEY(KEY_HOME), TUI_FKEY(KEY_RIGHT),
	    TUI_FKEY(KEY_RIGHT), TUI_FKEY(KEY_RIGHT), 0x7f, 0xe9, 0 });
	is_str(t.s, "Amélie", "backspace and a typed é");
	ok(t.changed, "the field knows it changed");
	keys(&t, (const int[]){ TUI_CTRL('k'), 0 });
	is_str(t.s, "Amé", "^K deletes to the end");
	keys(&t, (const int[]){ TUI_FKEY(KEY_LEFT), TUI_FKEY(KEY_DC), 0 });
	is_str(t.s, "Am", "Left then Delete removes a two-byte character");
	keys(&t, (const int[]){ TUI_FKEY(KEY_END), 0x738b, 0x5c0f, 0 });
	is_str(t.s, "Am王小", "Chinese characters are typed whole");
	keys(&t, (const int[]){ TUI_FKEY(KEY_LEFT), TUI_CTRL('u'), 0 });
	is_str(t.s, "小", "^U deletes to the start");
	keys(&t, (const int[]){ TUI_FKEY(KEY_END), ' ', 'a', 'b', ' ', 'c',
	    TUI_CTRL('w'), TUI_CTRL('w'), 0 });
	is_str(t.s, "小 ", "^W deletes words");
	tui_text_set(&t, "e\xcc\x88x");
	keys(&t, (const int[]){ TUI_FKEY(KEY_LEFT), TUI_FKEY(KEY_LEFT),
	    TUI_FKEY(KEY_DC), 0 });
	is_str(t.s, "x", "Delete removes a letter with its combining mark");
	tui_text_set(&t, "a\xff");
	is_str(t.s, "a\xef\xbf\xbd", "invalid bytes become U+FFFD in a field");
	ok(!t.changed, "setting the text is not a change");
	ok(!tui_text_key(&t, TUI_FKEY(KEY_F(2))), "function keys are not text");

	/* Drawing on a virtual 20-column screen. */
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	setenv("TERM", "xterm", 1);
	if (out == NULL || in == NULL ||
	    (scr = newterm("xterm", out, in)) == NULL) {
		tui_text_free(&t);
		return done_testing();
	}
	set_term(scr);
	resizeterm(5, 20);
	is_int(tui_put(0, 0, "王小明王小明王小明王小明", 7), 7,
	    "cropping a wide text to 7 columns uses 7");
	s = row(0);
	is_str(s, "王小明", "three wide characters and a blank");
	free(s);
	tui_put_from(1, 0, "王小明", 1, 10);
	s = row(1);
	is_str(s, " 小明", "a wide character cut by the left edge is a blank");
	free(s);
	tui_put(2, 0, "abcdefghijklmnopqrstuvwxyz", 100);
	s = row(2);
	is_str(s, "abcdefghijklmnopqrst", "never past the right edge");
	free(s);
	tui_text_set(&t, "0123456789abcdefghij");
	tui_text_draw(&t, 3, 0, 10, false);
	s = row(3);
	is_str(s, "bcdefghij", "the field scrolls to keep the cursor visible");
	free(s);
	/* Stored text from any bundle: no escape sequence reaches the
	 * terminal, every control character is drawn as U+FFFD. */
	tui_put(4, 0, "A\x1b[31mB\xc2\x9b" "C\a", 20);
	s = row(4);
	is_str(s, "A\xef\xbf\xbd[31mB\xef\xbf\xbd" "C\xef\xbf\xbd",
	    "ESC, CSI (U+009B) and BEL are drawn as U+FFFD");
	free(s);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	tui_text_free(&t);
	return done_testing();
}
