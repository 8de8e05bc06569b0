#!/bin/sh
# onward due: the work list over tests/data/forms-due, on 2026-04-25.
# Amina: training ended 2026-01-01; a visit during training (extra), the
# 30-day visit done, the 90-day window (2026-03-25 to 2026-04-22) missed.
# Bo: no training, a job from 2026-04-01: follow-ups from the job start
# and employer check-ins while employed, until the stage changes.  Dates
# due: a plan review, a referral's check-back, the next placement session.
. "$top_srcdir/tests/lib.sh"

export ONWARD_FORMS="$top_srcdir/tests/data/forms-due"
export ONWARD_DB="$T/due.db"
export ONWARD_TODAY=2026-04-25

accounts "$ONWARD_DB" ana bo sup:supervisor
add() {
	"$ONWARD" record add --as "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}
# name, what, state, days late of each line
due() { "$ONWARD" due "$@" | cut -f3-6; }

A=$(add ana registration full_name=Amina training_end=2026-01-01)
B=$(add bo registration full_name=Bo)
add ana --case "$A" follow_up_visit visit_date=2025-12-20 >/dev/null
add ana --case "$A" follow_up_visit visit_date=2026-02-05 >/dev/null
add bo --case "$B" job_placement session_date=2026-04-01 \
    start_date=2026-04-01 stage=employed next_session=2026-04-28 >/dev/null
add ana --case "$A" plan plan_date=2026-03-01 review_date=2026-04-20 >/dev/null
add ana --case "$A" referral referral_date=2026-04-10 check_by=2026-04-25 >/dev/null

tab=$(printf '\t')
# Bo's 30-day visit is on 2026-05-01; its window opened on 2026-04-24.
is 'today: what is due and late, by date' "$(due)" \
"Amina${tab}Plan review${tab}late${tab}5
Amina${tab}Referral: check back${tab}due${tab}0
Bo${tab}Follow-up visit, day 30${tab}due${tab}0"
is '--today is the default' "$(due --today)" "$(due)"
is 'the week adds what opens in 7 days' "$(due --week)" \
"Amina${tab}Plan review${tab}late${tab}5
Amina${tab}Referral: check back${tab}due${tab}0
Bo${tab}Placement session${tab}planned${tab}0
Bo${tab}Employer check-in, day 28${tab}planned${tab}0
Bo${tab}Follow-up visit, day 30${tab}due${tab}0"
is '--overdue: only what is past its day' "$(due --overdue)" \
"Amina${tab}Plan review${tab}late${tab}5"
is '--missed: the 90-day window passed with an extra visit before it, the first check-in' \
    "$(due --missed)" \
"Amina${tab}Follow-up visit, day 90${tab}missed${tab}24
Bo${tab}Employer check-in, day 14${tab}missed${tab}10"
is '--worker: only the cases bo registered' "$(due --week --worker bo | cut -f1 | sort -u)" "Bo"
is 'the dates and the worker columns' \
    "$("$ONWARD" due --overdue | cut -f1,2,7,8)" \
    "2026-04-20${tab}$A${tab}plan${tab}ana"
fails 'two filters are a usage error' 2 "$ONWARD" due --today --week
fails 'an unknown case type is refused' 1 "$ONWARD" due --type nosuch
is '--type of the pack' "$(due --type beneficiary)" "$(due)"

before_week=$(due --week)
before_missed=$(due --missed)
ok 'rebuild' "$ONWARD" rebuild
is 'rebuild makes the same work list' "$(due --week)" "$before_week"
is '...and the same missed visits' "$(due --missed)" "$before_missed"

# Done by their forms: a plan review (a plan saved later), the referral's
# update; the next placement session is done by the next session.
add ana --case "$A" plan plan_date=2026-04-25 >/dev/null
add ana --case "$A" referral_update update_date=2026-04-25 >/dev/null
is 'a later plan and the referral update take them off' "$(due)" \
"Bo${tab}Follow-up visit, day 30${tab}due${tab}0"
# Bo's stage changes: the check-ins no longer apply.
add bo --case "$B" job_placement session_date=2026-04-25 \
    start_date=2026-04-01 stage=job_search >/dev/null
is 'a when that stops applying: no check-in left, none missed' \
    "$(due --week; due --missed)" \
"Bo${tab}Follow-up visit, day 30${tab}due${tab}0
Amina${tab}Follow-up visit, day 90${tab}missed${tab}24"
# The visit for day 30 in its window completes it.
add bo --case "$B" follow_up_visit visit_date=2026-04-25 >/dev/null
is 'a visit in the window completes it' "$(due)" ""
# Closed cases have nothing due; erased ones neither.
add ana --case "$A" closure closure_date=2026-04-25 >/dev/null
is 'a closed case has nothing missed' "$(due --missed)" ""
# Two schedules and a date on one case: follow-ups from the end of
# training (2026-03-20), check-ins from the job start (2026-04-20).
C=$(add ana registration full_name=Chen training_end=2026-03-20)
add ana --case "$C" job_placement start_date=2026-04-20 stage=employed \
    next_session=2026-04-26 >/dev/null
is 'several schedules on one case' "$(due --week)" \
"Chen${tab}Follow-up visit, day 30${tab}late${tab}6
Chen${tab}Placement session${tab}planned${tab}0
Chen${tab}Employer check-in, day 14${tab}planned${tab}0"
ok 'erase' "$ONWARD" erase "$C" --reason test --as sup
is 'an erased case has nothing due' "$(due --week)" ""
done_testing
