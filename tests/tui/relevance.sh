#!/bin/sh
# Filling a follow-up: a relevance rule shows and hides a question as the
# worker answers, and a repeat follows the number its count names.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case
ok 'F2 on the case page opens the follow-up form' ui_follow_up
like 'the visit date starts as today' "$(tui_screen)" '2026-06-15'
like 'the expected date format is shown' "$(tui_screen)" 'YYYY-MM-DD'
unlike 'the employer is not asked yet' "$(tui_screen)" 'Name of the employer'
tui_keys Tab
ok 'the situation is a list' tui_wait '\( \) Wage employment' 10
tui_keys Enter
ok 'choosing wage employment asks for the employer' \
	tui_wait 'Name of the employer' 10
tui_keys BTab
tui_wait '> \* Current situation' 10 >/dev/null
tui_keys Down Down Space
ok 'choosing not working hides it again' tui_wait '\(\*\) Not working' 10
unlike 'the employer is gone' "$(tui_screen)" 'Name of the employer'
unlike 'and so is the income' "$(tui_screen)" 'Monthly income'
tui_keys Up Up Space
ok 'wage employment again shows it' tui_wait 'Name of the employer' 10

# A repeat sized by an answer: as many children as the number typed.
tui_keys Tab Tab Tab Tab Tab
tui_wait '> Number of children' 10 >/dev/null
tui_type '2'
tui_keys Tab Tab
ok 'two children are asked about' tui_wait 'Child 2' 10
tui_keys BTab BTab BSpace
tui_type '1'
tui_wait '^  1 ' 10 >/dev/null
ok 'one child less when the number drops' tui_gone 'Child 2' 10
tui_stop
done_testing
