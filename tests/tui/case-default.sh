#!/bin/bash
# A follow-up form reads the case it is filled for: ${case.phone} fills in
# the phone recorded at registration, which the worker may change.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case 80x50
ok 'the follow-up form opens' ui_follow_up
like 'naming whose case it is' "$(tui_screen)" 'New record for Grace Akello \('
ok "the case's phone is filled in" tui_wait 'Phone to call next time' 10
like 'with the number from the registration' \
	"$(tui_screen | grep -A1 'Phone to call next time')" '256 77 123'
tui_stop
done_testing
