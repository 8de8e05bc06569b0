#!/bin/bash
# The case page's timeline lists each record under its own date (the answer
# to the form's date question), not the day it was typed in, newest first:
# a visit entered late goes where it happened.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case
visit() {
	ui_follow_up >/dev/null || return 1
	tui_keys C-u
	tui_type "$1"
	tui_keys Tab
	tui_wait '> \* Current situation' 10 >/dev/null || return 1
	tui_keys Down Down Space
	tui_keys F2
	tui_wait 'Saved\.' 10
}
ok 'a visit dated 2026-05-02 is saved' visit 2026-05-02
ok 'it is listed under the day of the visit' \
	tui_wait '2026-05-02 +Follow-up visit +by Amina Yusuf' 10
ok 'a visit dated 2026-06-10 is saved' visit 2026-06-10
ok 'and listed too' tui_wait '2026-06-10 +Follow-up visit +by Amina Yusuf' 10
screen=$(tui_screen)
first=$(printf '%s\n' "$screen" | grep -En '2026-06-10 +Follow-up visit' | cut -d: -f1)
second=$(printf '%s\n' "$screen" | grep -En '2026-05-02 +Follow-up visit' | cut -d: -f1)
ok 'the newest visit comes first' test "${first:-99}" -lt "${second:-0}"
tui_stop
done_testing
