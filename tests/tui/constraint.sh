#!/bin/sh
# A constraint message appears as the worker types, and goes away once the
# answer is right.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Test Person'
tui_keys Tab Tab
tui_wait '> Age' 10 >/dev/null
tui_type '12'
ok 'a too young age shows the message at once' \
	tui_wait 'Age must be between 15 and 80' 10
tui_keys BSpace BSpace
tui_type '25'
tui_wait '^  25 ' 10 >/dev/null
ok 'a right age clears it' tui_gone 'Age must be' 10
tui_keys BTab
tui_wait '> Phone' 10 >/dev/null
tui_type 'call me'
ok 'letters in a phone number show its message' \
	tui_wait 'only digits, spaces and \+' 10
tui_keys C-u
tui_type 'abc'
tui_keys Tab
tui_wait '> Age' 10 >/dev/null
ok 'the message stays after leaving the question' \
	tui_wait 'only digits, spaces and \+' 10
tui_keys F2
ok 'and blocks finalizing' tui_wait 'to fix before finalizing' 10
tui_stop
done_testing
