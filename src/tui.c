/*
 * tui.c: curses set-up, the main loop and the placeholder home screen.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "tui.h"
#include "util.h"

static int	curses_on;

static void
tui_restore(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

static void
home_draw(struct cmd_ctx *ctx)
{
	erase();
	if (LINES < 20 || COLS < 60) {
		mvaddstr(0, 0, _("Terminal too small"));
		refresh();
		return;
	}
	attron(A_BOLD);
	mvaddstr(0, 0, "Onward");
	attroff(A_BOLD);
	mvprintw(2, 2, _("Store: %s"), ctx->db_path);
	mvprintw(3, 2, _("Forms: %s"), ctx->forms_dir);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddstr(LINES - 1, 0, _("q Quit"));
	attroff(A_REVERSE);
	refresh();
}

int
tui_main(struct cmd_ctx *ctx)
{
	int	ch;

	initscr();
	curses_on = 1;
	fatal_add_hook(tui_restore);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	for (;;) {
		home_draw(ctx);
		ch = getch();
		if (ch == 'q' || ch == 'Q')
			break;
	}
	tui_restore();
	return 0;
}
