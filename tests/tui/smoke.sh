#!/bin/sh
# The terminal UI starts, draws its first screen with a help line, and
# quits; NO_COLOR is respected; a terminal below the minimum size says so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ok 'a new store starts with the first-run screen' tui_wait 'Welcome to Onward' 20
like 'the help line names the keys' "$(tui_screen)" 'F1 Help.*F10 Quit'
like 'with colour when the terminal has it' \
	"$(_tmux capture-pane -e -p -t t)" '\[[0-9;]*(3[0-7]|4[0-7])m'
tui_keys F10
ok 'F10 leaves the program with status 0' tui_wait '\[exited 0\]' 10
unlike 'nothing stray was written on the screen' "$(tui_screen)" 'onward:'
tui_stop

NO_COLOR=1 ui_start
tui_wait 'Welcome to Onward' 20 >/dev/null
unlike 'NO_COLOR=1 turns colour off' \
	"$(_tmux capture-pane -e -p -t t)" '\[[0-9;]*(3[0-7]|4[0-7])m'
tui_stop

ui_start 40x10
ok 'a terminal below the minimum says so' tui_wait 'too small' 20
tui_stop
done_testing
