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
 *  2. SCREEN_<NAME> in enum screen_id and the extern entry in screen.h
 *     (with a struct screen_<name>_arg when it takes an argument), and
 *     the entry in screen_table below, at its id;
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
	[SCREEN_FIRSTRUN] =	&screen_firstrun,
	[SCREEN_CASES] =	&screen_cases,
	[SCREEN_CASE] =		&screen_case,
	[SCREEN_FORM] =		&screen_form,
	[SCREEN_SYNC] =		&screen_sync,
	[SCREEN_CONFLICTS] =	&screen_conflicts,
	[SCREEN_REPORT] =	&screen_report,
	[SCREEN_SETTINGS] =	&screen_settings,
	[SCREEN_HELP] =		&screen_help,
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
