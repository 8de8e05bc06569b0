#!/bin/bash
# A record entered by mistake is deleted from the case page (F6), after a
# question; it stays in the timeline, marked, with its history, and F6
# brings it back; the case's registration is not deleted (the case is
# closed instead).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# Moves the choice on the case page to the line matching PATTERN.
select_line() {
	local i=0
	while [ $i -lt 10 ] && ! tui_screen | grep -Eq "> +$1"; do
		tui_keys Down
		sleep 0.2
		i=$((i + 1))
	done
	while [ $i -lt 20 ] && ! tui_screen | grep -Eq "> +$1"; do
		tui_keys Up
		sleep 0.2
		i=$((i + 1))
	done
	tui_screen | grep -Eq "> +$1"
}

ui_with_case
ui_follow_up >/dev/null
tui_keys Tab
tui_wait '> \* Current situation' 10 >/dev/null
tui_keys Down Down Space F2
ok 'a visit is saved' tui_wait 'Saved\.' 10
ok 'the visit can be chosen in the timeline' \
	select_line '2026-06-15 +Follow-up visit'
tui_keys F6
ok 'F6 on it asks first' \
	tui_wait 'Delete this record \(Follow-up visit\)\? Its answers stay' 10
tui_keys n
tui_gone 'Delete this record' 10 >/dev/null
unlike 'no keeps it' "$(tui_screen)" 'Follow-up visit +by Amina Yusuf +\(deleted\)'
tui_keys Enter
ok "its answers, read, say F6 deletes it" tui_wait 'F6 deletes it' 10
tui_keys F6
tui_wait 'Delete this record' 10 >/dev/null
tui_keys y
ok 'yes deletes it' tui_wait 'Record deleted; its answers stay in its history' 10
like 'it stays listed, marked deleted' "$(tui_screen)" \
	'2026-06-15 +Follow-up visit +by Amina Yusuf +\(deleted\)'
# The visit (day 75) is in no window: an extra one, which deleting takes
# off the schedule.
like 'and the schedule has no extra visit' "$(tui_screen)" \
	'2026-06-30 +Follow-up visit: day 30 missed, day 90 planned *$'
select_line '2026-06-15 +Follow-up visit' >/dev/null
tui_keys F3
ok 'its history still has every answer' \
	tui_wait 'Current situation of Grace Akello: Not' 10
like 'folded at the edge, not cut' "$(tui_screen | tr -s ' \n' '  ')" \
	'Current situation of Grace Akello: Not working'
like 'and says it was deleted' "$(tui_screen)" 'record deleted'
tui_keys Escape
tui_gone 'History of the record' 10 >/dev/null
select_line '[0-9-]+ +Registration' >/dev/null
tui_keys F6
ok 'the registration is not deleted' \
	tui_wait "a case's registration is not deleted: to end the case, close it \(F8\)" 10

# Deleted by mistake: F6 on it again brings it back.
select_line '2026-06-15 +Follow-up visit' >/dev/null
tui_keys F6
ok 'F6 on a deleted record offers to restore it' \
	tui_wait 'Restore this deleted record \(Follow-up visit\)\?' 10
tui_keys y
ok 'yes restores it' tui_wait 'Record restored\.' 10
like 'no longer marked deleted' "$(tui_screen)" \
	'2026-06-15 +Follow-up visit +by Amina Yusuf *$'
like 'and the visit is on the schedule again, as extra' "$(tui_screen)" \
	'2026-06-30 +Follow-up visit: day 30 missed, extra 2026-06-15, day 90 planned'
tui_stop
done_testing
