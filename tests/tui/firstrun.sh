#!/bin/sh
# First run: the worker's name, site and language are asked once, then
# the case list opens, now and at every later start.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ok 'the first run asks for the name' tui_wait 'Your name' 20
like 'it asks for the site and the language too' "$(tui_screen)" 'Site'
like 'the language is offered' "$(tui_screen)" 'Language'
tui_keys F2
ok 'an empty name is refused' tui_wait 'type your name first' 10
tui_type 'Amina Yusuf'
tui_keys Tab
tui_type 'Kano'
tui_keys F2
ok 'the case list greets the worker' tui_wait 'Welcome, Amina Yusuf' 10
like 'an empty store says how to begin' "$(tui_screen)" 'No cases yet'
tui_keys F10
ok 'quits' tui_wait '\[exited 0\]' 10
tui_stop

ui_start
ok 'the second start goes straight to the case list' tui_wait 'Search:' 20
unlike 'and does not ask again' "$(tui_screen)" 'Your name'
tui_keys F9
ok 'the settings keep the name' tui_wait 'Amina Yusuf' 10
like 'and the site' "$(tui_screen)" 'Kano'
tui_stop
done_testing
