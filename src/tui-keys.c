/*
 * tui-keys.c: the key tables at work.  Each screen has one table of
 * {action, keys, label}; this file looks keys up in it, names keys for
 * people and draws the help line from it, so the keys that work, the help
 * line and the help screen can never drift apart (calcurse's keydef[]).
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
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

/* Draws the entries of map meant for the help line from column x;
 * returns the next column, or -1 when the line is full. */
static int
helpline_entries(const struct tui_keymap *map, bool typing, int x)
{
	char		 kb[32];
	const char	*name;
	size_t		 i;
	int		 y = LINES - 1, need;

	for (i = 0; i < map->n; i++) {
		if (!(map->v[i].flags & TUI_KEY_LINE))
			continue;
		if (typing && (map->v[i].flags & TUI_KEY_NOTEXT))
			continue;
		name = tui_key_name(map->v[i].keys[0], kb, sizeof kb);
		need = tui_width(name) + 1 + tui_width(_(map->v[i].label));
		if (x + need > COLS)
			return -1;
		attron(tui_attr(TR_KEY));
		x += tui_put(y, x, name, COLS - x);
		attroff(tui_attr(TR_KEY));
		attron(tui_attr(TR_TITLE));
		x += 1;
		x += tui_put(y, x, _(map->v[i].label), COLS - x);
		x += 2;
		attroff(tui_attr(TR_TITLE));
	}
	return x;
}

void
tui_draw_helpline(const struct tui_keymap *map, bool typing)
{
	int	x;

	attron(tui_attr(TR_TITLE));
	mvhline(LINES - 1, 0, ' ', COLS);
	attroff(tui_attr(TR_TITLE));
	/* On the help screen F1 goes back, so "F1 Help" would mislead. */
	x = tui.screen == TUI_HELP ? 0 :
	    helpline_entries(&tui_global_keys, typing, 0);
	if (x >= 0 && map != &tui_global_keys)
		helpline_entries(map, typing, x);
}
