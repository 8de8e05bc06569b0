#!/bin/sh
# The work list (F6 on the case list): the rows of `onward due`, sorted by
# date, with the filters on screen (today, this week, overdue, missed; my
# cases or everyone's); Enter opens the form that completes the row, the
# visit or date shown at the top.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"

export ONWARD_FORMS="$top_srcdir/tests/data/forms-due"
export ONWARD_TODAY=2026-04-25
DB="$T/due.db"
accounts "$DB" ana bo
add() {
	"$ONWARD" --db "$DB" record add --as "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}
A=$(add ana registration full_name=Amina training_end=2026-01-01)
B=$(add bo registration full_name=Bo)
add ana --case "$A" follow_up_visit visit_date=2026-02-05 >/dev/null
add bo --case "$B" job_placement session_date=2026-04-01 \
    start_date=2026-04-01 stage=employed next_session=2026-04-28 >/dev/null
add ana --case "$A" plan plan_date=2026-03-01 review_date=2026-04-20 >/dev/null

TUI_ENV="ONWARD_TODAY=2026-04-25"
tui_start 100x24 --db "$DB" --forms "$ONWARD_FORMS"
tui_wait 'Sign in' 20 >/dev/null
tui_type ana
tui_keys Tab
tui_type "$PASSPHRASE"
tui_keys Enter
tui_wait 'Search:' 10 >/dev/null
tui_keys F6
ok 'F6 opens the work list, today and every worker first' \
    tui_wait 'Showing: due today \(F2-F5\), every worker.s cases \(F6\): 2' 10
like 'the plan review, 5 days late' "$(tui_screen)" \
    '2026-04-20 +Amina +Plan review +5 days late'
like 'then the follow-up whose window opened' "$(tui_screen)" \
    '2026-05-01 +Bo +Follow-up visit, day 30 +due'
tui_keys F3
ok 'F3: this week adds the placement session and a check-in' \
    tui_wait 'due this week .*: 4' 10
like 'by date' "$(tui_screen | grep -oE '^ *>? *2026-[0-9-]{5}' | grep -oE '2026.*' | tr '\n' ' ')" \
    '^2026-04-20 2026-04-28 2026-04-29 2026-05-01 $'
tui_keys F4
ok 'F4: overdue' tui_wait 'overdue .*: 1' 10
tui_keys F5
ok 'F5: missed' tui_wait 'missed .*: 2' 10
like 'the 90-day visit whose window closed' "$(tui_screen)" \
    'Amina +Follow-up visit, day 90 +missed \(window closed 2026-04-22\)'
tui_keys F6
ok 'F6: my cases only' tui_wait 'missed .*my cases.*: 1' 10
unlike 'Bo is not ana.s' "$(tui_screen)" ' Bo '
tui_keys F6 F2
tui_wait 'due today .*: 2' 10 >/dev/null
tui_keys Enter
ok 'Enter opens the form for that person' tui_wait 'New record for Amina' 10
like 'with what it completes at the top' "$(tui_screen)" \
    'Plan review, due 2026-04-20'
tui_keys F2
ok 'the plan saves' tui_wait 'Saved\.' 10
ok 'and the review is off the list' tui_wait 'due today .*: 1' 10
tui_stop
done_testing
