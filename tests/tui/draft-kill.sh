#!/bin/sh
# A draft survives the program being killed mid-form: what was typed in
# the questions left behind is offered again at the next start.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Nadia Haddad'
tui_keys Tab
tui_wait '> Phone' 10 >/dev/null
tui_type '961 3 123'
tui_keys Tab
ok 'the draft is saved when leaving a question' tui_wait 'draft saved' 10
pid=$(ui_pid)
ok 'onward is running' test -n "$pid"
kill -9 "$pid"
ok 'killed with SIGKILL' tui_wait '\[exited 137\]' 10
tui_stop

ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
ok 'the case list says a registration is not finished' \
	tui_wait '1 registration not finished' 10
tui_keys F2
ok 'opening the form again offers the draft' tui_wait 'Continue it\?' 10
tui_keys y
ok 'the name typed before is back' tui_wait 'Nadia Haddad' 10
like 'and the phone' "$(tui_screen)" '961 3 123'
tui_keys Tab Tab Tab
tui_type '2026-05-30'
tui_keys F2
ok 'the draft becomes a record' tui_wait 'Saved\.' 10
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F2
ok 'a finished draft is not offered again' tui_wait '> \* Full name' 10
unlike 'no question about a draft' "$(tui_screen)" 'Continue it'
tui_stop

# Killed by the terminal going away (SIGHUP) while typing: the field
# being typed is kept too.
ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Yusuf Ali'
# On screen first: the keys reached onward before the hang-up.
tui_wait 'Yusuf Ali' 10 >/dev/null
tui_stop
ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F2
ok 'after a hang-up the draft is offered' tui_wait 'Continue it\?' 10
tui_keys Enter
ok 'with the field that was being typed' tui_wait 'Yusuf Ali' 10
tui_stop
done_testing
