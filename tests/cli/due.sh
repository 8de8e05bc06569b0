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

# Indicators by window (schedule: follow_up, window: DAY), against a count
# by hand on 2026-04-25.  P: a visit during training (extra), the 30-day
# visit (not working), the 90-day window missed.  Q: the 30-day visit
# (wage), the 90-day one late, its window still open.  R: no visit, both
# windows missed.  30 days: wage 1, not working 1, no visit 1, of 3.
# 90 days: no visit 2 of 2 (Q's is not counted yet).
export ONWARD_DB="$T/w.db"
accounts "$ONWARD_DB" ana sup:supervisor
P=$(add ana registration full_name=P training_end=2026-01-01)
Q=$(add ana registration full_name=Q training_end=2026-01-10)
R=$(add ana registration full_name=R training_end=2025-12-01)
add ana --case "$P" follow_up_visit visit_date=2025-12-20 situation=wage >/dev/null
add ana --case "$P" follow_up_visit visit_date=2026-02-05 situation=none >/dev/null
add ana --case "$Q" follow_up_visit visit_date=2026-02-12 situation=wage >/dev/null
cat >"$T/ind.yaml" <<'EOF'
title: Windows
min_n: 1
indicators:
  - {id: w30, label: Work at 30 days, kind: shares, form: follow_up_visit, field: situation, schedule: follow_up, window: 30}
  - {id: w90, label: Work at 90 days, kind: shares, form: follow_up_visit, field: situation, schedule: follow_up, window: 90}
  - {id: e30, label: Employed at 30 days, kind: share, form: follow_up_visit, numerator: "${situation} = 'wage'", schedule: follow_up, window: 30}
EOF
out=$("$ONWARD" report --as sup --indicators "$T/ind.yaml")
is 'by window: the 30-day visit of each, a missed one as its own row' \
    "$(printf '%s\n' "$out" | sed -n '/^Work at 30/,/^Work at 90/p' | tr -s ' ')" \
"Work at 30 days
 Wage employment 33% 1 / 3
 Not working 33% 1 / 3
 No visit in the window 33% 1 / 3
Work at 90 days"
is 'the 90-day window: two missed, the late one not yet' \
    "$(printf '%s\n' "$out" | sed -n '/^Work at 90/,/^Employed/p' | tr -s ' ')" \
"Work at 90 days
 Wage employment 0% 0 / 2
 Not working 0% 0 / 2
 No visit in the window 100% 2 / 2
Employed at 30 days 33% 1 / 3"
cat >"$T/bad.yaml" <<'EOF'
title: Bad windows
indicators:
  - {id: a, label: A, kind: count, form: follow_up_visit, schedule: nosuch, window: 30}
  - {id: b, label: B, kind: count, form: follow_up_visit, schedule: follow_up, window: 45}
EOF
is 'an unknown schedule and a day with no visit, with file:line:col' \
    "$("$ONWARD" report --as sup --indicators "$T/bad.yaml" 2>&1 | sed "s|$T/||")" \
"bad.yaml:3:69: no schedule 'nosuch' whose visits this indicator's form makes
bad.yaml:4:88: schedule 'follow_up' has no visit at that day
onward: the indicators in 'bad.yaml' have problems"
done_testing
