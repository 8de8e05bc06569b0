#!/bin/sh
# A required question blocks finalizing, shows its message and gets the
# focus.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case
tui_keys F2
tui_wait 'YYYY-MM-DD' 10 >/dev/null
tui_keys Tab Tab
tui_keys F2
ok 'finalizing is refused' tui_wait 'to fix before finalizing' 10
like 'the question says why, in its own words' "$(tui_screen)" \
	'Say what the beneficiary does now'
like 'and has the focus' "$(tui_screen)" '> \* Current situation'
unlike 'nothing was saved' "$(tui_screen)" 'Saved\.'
tui_keys Down Down Space
tui_keys F2
ok 'once answered, the record is saved' tui_wait 'Saved\.' 10
ok 'and shows in the timeline' tui_wait 'Follow-up visit +by Amina' 10
tui_stop
done_testing
