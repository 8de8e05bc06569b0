#!/bin/sh
# Review before saving: F3 lists every problem with its message and every
# answer in form order with its label (choice labels, not codes); Enter
# on a problem goes to its question; F2 on the page saves.  F6 goes to a
# question: the page opens on the current one and Enter moves there.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# The row (from 1) of the first screen line matching PATTERN.
line_of() { tui_screen | grep -En -- "$1" | head -n 1 | cut -d: -f1; }

ui_with_case
ui_follow_up >/dev/null
tui_keys Tab Tab
tui_type 'Kampala Motors'
tui_keys F3
ok 'F3 opens the review page' tui_wait 'Review: Follow-up visit' 10
scr=$(tui_screen)
like 'it counts the problems' "$scr" '2 problems to fix'
like 'the required answer missing, in its own words, with its label' "$scr" \
	'Current situation of Grace Akello: Say what the beneficiary does now'
like 'every answer is listed: the date' "$scr" '\* Date of the visit: [0-9]{4}-[0-9]{2}-[0-9]{2}'
like 'a broken constraint, with its message' "$scr" \
	"Monthly income from .*: 'Kampala Motors' is not a number"
like 'an unanswered question says so' "$scr" 'Notes: \(no answer\)'
d=$(line_of 'Date of the visit:'); s=$(line_of '> *\* Current situation|^ +\* Current situation.*\(no answer\)')
ok 'in form order' test "$d" -lt "$s"
tui_keys Enter
ok 'Enter on the problem goes to its question' \
	tui_wait '^ *> \* Current situation' 10
tui_keys Down Space
tui_wait '\(\*\) Self-employed' 5 >/dev/null
tui_keys F3
ok 'once answered one problem is left' tui_wait '1 problem to fix' 10
tui_keys Enter
ok 'Enter goes to the income' tui_wait '^ *> Monthly income' 10
tui_keys C-u
tui_type 300
tui_keys F3
ok 'once fixed the page has no problem' tui_wait 'No problems: F2 saves' 10
like 'and shows the choice by its label' "$(tui_screen)" \
	'Current situation of Grace Akello: Self-employed'
unlike 'not its code' "$(tui_screen)" 'Grace Akello: self$'
tui_keys Escape
ok 'Esc goes back to the form' tui_wait '^ *> Monthly income' 10

# Going to a question.
tui_keys F6
ok 'F6 opens the list on the current question' \
	tui_wait '^ *> Monthly income from Self-employed: 300' 10
tui_keys Down Down Enter
ok 'Enter goes to the question chosen' tui_wait '^ *> Number of children' 10

tui_keys F3
tui_wait 'No problems' 10 >/dev/null
tui_keys F2
ok 'F2 on the review page saves the record' tui_wait 'Saved\.' 10
tui_stop
done_testing
