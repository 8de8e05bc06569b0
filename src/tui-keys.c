/*
 * tui-keys.c: the key tables at work.  Each screen has one table of
 * {action, keys, label}; this file looks keys up in it, names keys for
 * people and draws the help line from it, so the keys that work, the help
 * line and the help screen can never drift apart (calcurse's keydef[]).
 */
#include "config.h"

#include "tui-curses.h"
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "screen.h"
#include "tui.h"
#include "util.h"

int
tui_key_action(const struct tui_keymap *map, int key, bool typing)
{
	size_t	i, j;

	for (i = 0; i < map->n; i++) {
		if (typing && (map->v[i].flags & TUI_KEY_NOTEXT))
			continue;
		for (j = 0; j < nitems(map->v[i].keys) &&
		    map->v[i].keys[j] != 0; j++) {
			if (map->v[i].keys[j] == key)
				return map->v[i].action;
		}
	}
	return -1;
}

const char *
tui_key_name(int key, char *buf, size_t len)
{
	int	k;

	if (key & TUI_FKEY(0)) {
		k = key & ~TUI_FKEY(0);
		if (k >= KEY_F(1) && k <= KEY_F(12)) {
			snprintf(buf, len, "F%d", k - KEY_F(0));
			return buf;
		}
		switch (k) {
		/* TRANSLATORS: names of keys on the keyboard. */
		case KEY_UP:	return _("Up");
		case KEY_DOWN:	return _("Down");
		case KEY_LEFT:	return _("Left");
		case KEY_RIGHT:	return _("Right");
		case KEY_PPAGE:	return _("PgUp");
		case KEY_NPAGE:	return _("PgDn");
		case KEY_HOME:	return _("Home");
		case KEY_END:	return _("End");
		case KEY_DC:	return _("Del");
		case KEY_IC:	return _("Ins");
		case KEY_BTAB:	return _("Shift-Tab");
		case KEY_ENTER:	return _("Enter");
		case KEY_BACKSPACE: return _("Backspace");
		}
		snprintf(buf, len, "#%d", k);
		return buf;
	}
	switch (key) {
	case TUI_ENTER:
	case '\n':	return _("Enter");
	case TUI_ESC:	return _("Esc");
	case TUI_TAB:	return _("Tab");
	case ' ':	return _("Space");
	case 0x7f:	return _("Backspace");
	}
	if (key < 0x20) {
		snprintf(buf, len, "^%c", key + '@');
		return buf;
	}
	if (key < 0x80) {
		snprintf(buf, len, "%c", key);
		return buf;
	}
	snprintf(buf, len, "%lc", (wint_t)key);
	return buf;
}

/* One entry of the help line: a key's name and what it does. */
struct hl_entry {
	char		 key[32];
	const char	*label;		/* translated */
	int		 width;		/* of "KEY label" */
	int		 spare;		/* the order it goes in when the
					   line does not fit: 2 Enter
					   (every list has it), 1 a
					   TUI_KEY_SPARE key, 0 others */
};
#define HL_MAX	32

/* Adds the entries of map meant for the help line to v. */
static void
helpline_collect(const struct tui_keymap *map, bool typing,
    struct hl_entry *v, size_t *n)
{
	const char	*name;
	size_t		 i;

	for (i = 0; i < map->n && *n < HL_MAX; i++) {
		if (!(map->v[i].flags & TUI_KEY_LINE))
			continue;
		if (typing && (map->v[i].flags & TUI_KEY_NOTEXT))
			continue;
		name = tui_key_name(map->v[i].keys[0], v[*n].key,
		    sizeof v[*n].key);
		if (name != v[*n].key)
			snprintf(v[*n].key, sizeof v[*n].key, "%s", name);
		v[*n].label = _(map->v[i].label);
		v[*n].width = tui_width(v[*n].key) + 1 +
		    tui_width(v[*n].label);
		v[*n].spare = map->v[i].keys[0] == TUI_ENTER ? 2 :
		    (map->v[i].flags & TUI_KEY_SPARE) ? 1 : 0;
		(*n)++;
	}
}

/*
 * Draws the help line: the global keys, then those of the screen shown.
 * When a language's words make it longer than the screen, the gaps narrow
 * to one column, then Enter goes (every list opens with it), then the
 * keys flagged TUI_KEY_SPARE from the end (the Swedish and French case
 * lists keep F9 Settings at 80 columns so), then entries are left out
 * from the end of the middle: the first (F1 Help) and the
 * last (quit or back) always show, and every key is on the help screen
 * anyway.
 */
void
tui_draw_helpline(void)
{
	const struct screen	*top = tui_top();
	const struct tui_keymap	*map = top != NULL ? top->keys :
	    &tui_global_keys;
	bool		 typing = top != NULL && top->typing();
	struct hl_entry	 v[HL_MAX];
	bool		 shown[HL_MAX];
	size_t		 n = 0, i, k;
	int		 gap = 2, total, x = 0, y = LINES - 1;

	attron(tui_attr(TR_TITLE));
	mvhline(y, 0, ' ', COLS);
	attroff(tui_attr(TR_TITLE));
	/* On the help screen F1 goes back, so "F1 Help" would mislead. */
	if (top == NULL || top->id != SCREEN_HELP)
		helpline_collect(&tui_global_keys, typing, v, &n);
	if (map != &tui_global_keys)
		helpline_collect(map, typing, v, &n);
	for (i = 0; i < n; i++)
		shown[i] = true;
	for (;;) {
		total = 0;
		k = 0;
		for (i = 0; i < n; i++)
			if (shown[i]) {
				total += v[i].width;
				k++;
			}
		if (k > 1)
			total += gap * (int)(k - 1);
		if (total <= COLS || k <= 2)
			break;
		if (gap == 2) {
			gap = 1;
			continue;
		}
		for (i = 1; i + 1 < n && !(shown[i] && v[i].spare == 2); i++)
			;
		if (i + 1 < n) {
			shown[i] = false;
			continue;
		}
		for (i = n - 2; i > 0 && !(shown[i] && v[i].spare == 1); i--)
			;
		if (i > 0) {
			shown[i] = false;
			continue;
		}
		for (i = n - 2; i > 0 && !shown[i]; i--)
			;
		if (i == 0)
			break;
		shown[i] = false;
	}
	for (i = 0; i < n && x < COLS; i++) {
		if (!shown[i])
			continue;
		attron(tui_attr(TR_KEY));
		x += tui_put(y, x, v[i].key, COLS - x);
		attroff(tui_attr(TR_KEY));
		attron(tui_attr(TR_TITLE));
		x += 1;
		if (x < COLS)
			x += tui_put(y, x, v[i].label, COLS - x);
		x += gap;
		attroff(tui_attr(TR_TITLE));
	}
}
