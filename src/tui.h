/*
 * tui: the terminal UI.  Screens are generated from the form model; the UI
 * reads and writes data only through the store module.
 *
 * Owns: curses set-up and tear-down, the main loop, screen switching.
 * Never: speaks SQL.
 */
#ifndef ONWARD_TUI_H
#define ONWARD_TUI_H

struct cmd_ctx;

/* Runs the UI until the user quits; returns the exit status. */
int	tui_main(struct cmd_ctx *);

#endif
