#!/bin/sh
# The case page: edit a past record from the timeline, read its history,
# and close the case with the closing form.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case
ok 'the follow-ups due are listed' tui_wait 'Follow-ups' 10
like 'the schedule on one line: the 30-day window missed, the 90-day visit planned, dated' \
	"$(tui_screen)" '2026-06-30 +Follow-up visit: day 30 missed, day 90 planned'

tui_keys Down Down
ok 'the registration can be chosen in the timeline' \
	tui_wait '> +[0-9-]+ +Registration' 10
tui_keys Enter
ok 'Enter shows its answers to read' tui_wait "The record's answers" 10
like 'by their labels' "$(tui_screen)" 'Phone: 256 77 123'
tui_keys Escape
ok 'Esc goes back without opening the form' tui_wait 'Timeline' 10
tui_keys Enter
tui_wait "The record's answers" 10 >/dev/null
tui_keys Enter
ok 'Enter again opens it for editing, naming the person' tui_wait 'Editing the record of Grace Akello' 10
like 'with its answers' "$(tui_screen)" '256 77 123'
tui_keys Escape
ok 'leaving without changes asks nothing' tui_wait 'Timeline' 10
tui_keys Enter
tui_wait "The record's answers" 10 >/dev/null
tui_keys Enter
tui_wait 'Editing the record of' 10 >/dev/null
tui_keys Tab C-u
tui_type '256 77 999'
tui_keys Escape
ok 'leaving with changes asks first' tui_wait 'Leave this form\?' 10
tui_keys Escape
ok 'Esc keeps the form open' tui_gone 'Leave this form' 10
tui_keys F2
ok 'F2 saves the change' tui_wait 'Saved\.' 10
like 'the case shows the new phone' "$(tui_screen)" '256 77 999'
tui_keys F3
ok 'F3 shows the history' tui_wait 'History of the record' 10
like 'with the old and new phone' "$(tui_screen)" 'Phone: 256 77 123 -> 256 77 999'
tui_keys Escape
tui_keys F8
ok 'F8 opens the closing form' tui_wait 'Why is the case closed' 10
tui_keys Enter
tui_keys F2
ok 'closing saves' tui_wait '\(closed\)' 10
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
ok 'a closed case leaves the list of open cases' tui_wait '0 cases' 10
like 'and the list says the filters hide it' "$(tui_screen)" 'No case matches these filters'
tui_keys F4
ok 'F4 shows the closed ones' tui_wait 'Grace Akello' 10
tui_stop
done_testing
