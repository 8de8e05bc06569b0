#!/bin/sh
# The terminal UI starts, draws its home screen, and quits on 'q'.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"

tui_start 80x24 --db "$T/store.db"
ok 'the home screen shows the name and the help line' tui_wait 'Onward' 10
like 'the help line names the quit key' "$(tui_screen)" 'q.*Quit'
tui_keys q
ok 'q leaves the program with status 0' tui_wait '\[exited 0\]' 10
tui_stop

tui_start 40x10 --db "$T/store.db"
ok 'a terminal below the minimum says so' tui_wait 'too small' 10
tui_keys q
tui_stop
done_testing
