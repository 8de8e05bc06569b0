/*
 * screen.c: the table of the terminal UI's screens, indexed by enum
 * screen_id.  tui.c draws, routes keys, shows help, runs the idle timer,
 * saves what is typed and closes screens only through it, so nothing
 * else lists the screens.
 *
 * How to add a screen (three places, the build list counting as one):
 *  1. src/screen-<name>.c: its key table, its state as a static struct,
 *     static hooks (draw, key, typing; open, close, resume, idle,
 *     save_typing when it needs them) and one exported entry,
 *     `const struct screen screen_<name>`;
 *  2. its line SCREEN(<NAME>, <name>) in SCREENS in screen.h (with a
 *     struct screen_<name>_arg there when it takes an argument): that
 *     makes its id and declares its entry, and puts the entry in
 *     screen_table below at its id;
 *  3. the file in Makefile.am (src_libonward_a_SOURCES) and in
 *     po/POTFILES.in.
 * Other screens reach it with tui_push(SCREEN_<NAME>, &arg); test-tui-text
 * checks that every id has a whole entry at its index.
 */
#include "config.h"

#include <stddef.h>

#include "screen.h"
#include "tui.h"

const struct screen *const screen_table[SCREEN_COUNT] = {
#define SCREEN(id, name)	[SCREEN_##id] = &screen_##name,
	SCREENS
#undef SCREEN
};

/* The entry of s; the help screen for an id out of range, so a bad id
 * shows something to leave with instead of crashing. */
const struct screen *
screen_get(enum screen_id s)
{
	if ((size_t)s >= SCREEN_COUNT || screen_table[s] == NULL)
		return &screen_help;
	return screen_table[s];
}
