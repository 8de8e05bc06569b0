/*
 * tui-curses.h: the one way the UI includes curses.  configure finds
 * ncursesw (pkg-config first, else -lncursesw); its wide-character calls
 * (wget_wch, mvaddnwstr, cchar_t) are declared only when
 * _XOPEN_SOURCE_EXTENDED comes before <curses.h>, so every UI file
 * includes this header, right after config.h, instead of that pair.
 */
#ifndef ONWARD_TUI_CURSES_H
#define ONWARD_TUI_CURSES_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#endif
