#!/bin/sh
# Switching to Swedish in the settings changes the labels at once, and the
# choice is kept for the next start.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
like 'the help line is in English' "$(tui_screen)" 'F1 Help'
tui_keys F9
ok 'the settings open' tui_wait 'Language.*English' 10
tui_keys Right
tui_wait 'Français' 10 >/dev/null
tui_keys Right
ok 'Svenska is offered' tui_wait 'Svenska' 10
ok 'the help line switches to Swedish at once' tui_wait 'F1 Hjälp' 10
tui_keys Escape
ok 'the case list is in Swedish too' tui_wait 'F1 Hjälp .*F5 .*F10 ' 10
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop

ui_start
ok 'the language is kept for the next start' tui_wait 'F1 Hjälp' 20
tui_stop
done_testing
