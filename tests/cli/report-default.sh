#!/bin/sh
# A pack's indicators are its own: a pack without data/indicators.yaml
# gets the plain default report (records per form per month, open and
# closed cases, late follow-ups of those due), never the installed pack's
# file, and 'forms pot' leaves indicators out; a pack with a data folder
# of its own reads its indicators from there.
. "$top_srcdir/tests/lib.sh"

unset ONWARD_DATA
mkdir -p "$T/pack"
cp -r "$top_srcdir/tests/data/forms-report" "$T/pack/forms"
cat >"$T/pack/forms/closing.yaml" <<'YAML'
form: closing
version: 1
title: Closing
case: {type: beneficiary, action: close}
fields:
  - {id: reason, type: text, label: Reason}
YAML
cat >"$T/pack/forms/steps.yaml" <<'YAML'
form: steps
version: 1
title: Steps
case: {type: beneficiary, action: update}
fields:
  - {id: visit_date, type: date, label: Day, default: today()}
  - id: step
    type: select_one
    label: Step
    choices: [{value: a, label: Market}, {value: b, label: Plan}, {value: c, label: Capital}]
YAML
export ONWARD_FORMS="$T/pack/forms" ONWARD_DB="$T/d.db"
export ONWARD_TODAY=2026-06-15
accounts "$ONWARD_DB" ana:supervisor

add() {
	"$ONWARD" record add --as ana "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}
P1=$(add registration full_name=A sex=f income_before=1200000)
P2=$(add registration full_name=B sex=m income_before=950.5)
P3=$(add registration full_name=C sex=f)
# P1's first follow-up was due 2026-01-31 (late), P2's is due 2026-07-10.
add --case "$P1" training end_date=2026-01-01 >/dev/null
add --case "$P2" training end_date=2026-06-10 >/dev/null
# Steps: P1 reaches c, P2 b, P3 only a (P1 a twice); in three months.
add --case "$P1" steps visit_date=2026-03-02 step=a >/dev/null
add --case "$P1" steps visit_date=2026-03-20 step=a >/dev/null
add --case "$P2" steps visit_date=2026-03-05 step=a >/dev/null
add --case "$P3" steps visit_date=2026-04-01 step=a >/dev/null
add --case "$P1" steps visit_date=2026-04-10 step=b >/dev/null
add --case "$P2" steps visit_date=2026-05-10 step=b >/dev/null
add --case "$P1" steps visit_date=2026-05-11 step=c >/dev/null
# P3 closed after its step (a closed case takes no more steps).
add --case "$P3" closing reason=moved >/dev/null

ok 'report works on a pack without indicators' "$ONWARD" report
out=$(cat "$T/.out")
unlike 'and does not borrow the installed ones' "$out" "no form|People registered"
"$ONWARD" csv registration -o "$T/csv" >/dev/null
month=$(sed -n 2p "$T/csv/registration.csv" | cut -d, -f5 | cut -c1-7)
like 'it is the default report' "$out" '^Records and cases$'
like 'records of a form by month' "$out" "^Registration: records\$"
like '... as a plain count' "$out" "^  $month +3\$"
like 'a form with one record' "$out" "^  $month +1\$"
like 'open cases of those of the type' "$out" '^  open +67% +2 / 3$'
like 'closed cases' "$out" '^  closed +33% +1 / 3$'
like 'late follow-ups of those due' "$out" \
	'^Beneficiary: follow-ups late, of those due +50% +1 / 2$'
ok 'report --html too' "$ONWARD" report --html "$T/r.html"
like 'the page has the default figures' "$(cat "$T/r.html")" 'Registration: records'
block() {	# TEXT HEADING: the heading's line and the indented ones after it
	printf '%s\n' "$1" | sed -n "/^$2\$/,/^[^ ]/p" | sed '1!{/^[^ ]/d}' | tr -s ' '
}
is 'months by the form'"'"'s date' "$(block "$out" 'Steps: records')" 'Steps: records
 2026-03 3
 2026-04 2
 2026-05 2'
like 'a figure by month is drawn as a small chart' "$(cat "$T/r.html")" \
	'<svg class="trend" width="44" .*<title>2026-03: 3</title>.*<title>2026-05: 2</title></rect></svg>'
fails 'the default report has no breakdowns' 1 "$ONWARD" report --by sex
like 'and says so' "$(cat "$T/.out")" "no breakdown 'sex' in 'the default report'"
fails 'an --indicators file that is not there is an error' 1 \
	"$ONWARD" report --indicators "$T/nosuch.yaml"

ok 'forms pot works on a pack without indicators' "$ONWARD" forms pot
unlike 'and has no indicators in it' "$(cat "$T/.out")" 'People registered|Programme indicators'
like 'but its forms' "$(cat "$T/.out")" 'msgid "Closing"'

# A data folder of its own beside the forms: its indicators are read.
mkdir "$T/pack/data"
cp "$top_srcdir/tests/data/report-indicators.yaml" "$T/pack/data/indicators.yaml"
ok 'report with the pack'"'"'s own indicators' "$ONWARD" report
like 'reads them' "$(cat "$T/.out")" '^Test programme$'
ok 'forms pot too' "$ONWARD" forms pot
like 'with their text' "$(cat "$T/.out")" 'msgid "People certified"'

# split: _month in a programme's own file.
cat >"$T/pack/data/indicators.yaml" <<'YAML'
title: By month
min_n: 0
indicators:
  - {id: reg, label: Registered by month, kind: count, form: registration, split: _month}
  - {id: open, label: Cases, kind: cases, case_type: beneficiary}
YAML
ok 'an indicators file may split by _month and count cases' "$ONWARD" report
like 'by month' "$(cat "$T/.out")" "^  $month +3\$"
like 'and cases' "$(cat "$T/.out")" '^  closed +33% +1 / 3$'

# A funnel: the cases at each step, out of those at the first.
cat >"$T/pack/data/indicators.yaml" <<'YAML'
title: Funnel
min_n: 0
indicators:
  - {id: f, label: Business steps, kind: funnel, form: steps, field: step}
YAML
ok 'a funnel' "$ONWARD" report
is 'counts each case once at each step' "$(block "$(cat "$T/.out")" 'Business steps')" 'Business steps
 Market 100% 3 / 3
 Plan 67% 2 / 3
 Capital 33% 1 / 3'
ok 'the page draws it' "$ONWARD" report --html "$T/f.html"
like 'as bars' "$(cat "$T/f.html")" 'Capital</th><td class="v">33%</td><td class="b">1 / 3</td><td class="bar"><svg'
printf '  - {id: g, label: Bad, kind: funnel, form: registration, field: languages}\n' \
	>>"$T/pack/data/indicators.yaml"
fails 'a funnel needs a select_one' 1 "$ONWARD" report
like 'saying so' "$(cat "$T/.out")" "'languages' must be a select_one for a funnel"

# Money: the file's currency and thousands separators.
cat >"$T/pack/data/indicators.yaml" <<'YAML'
title: Money
min_n: 0
currency: KES
indicators:
  - {id: income, label: Income before, kind: sum, form: registration, field: income_before, money: true}
  - {id: plain, label: Plain sum, kind: sum, form: registration, field: income_before}
YAML
ok 'money: true on a sum' "$ONWARD" report
like 'is money in the currency, digits grouped' "$(cat "$T/.out")" \
	'^Income before +1,200,950.5 KES +n = 2$'
like 'a sum that is not money is a plain number' "$(cat "$T/.out")" \
	'^Plain sum +1200950.5 +n = 2$'
ok 'the page says the same' "$ONWARD" report --html "$T/m.html"
like 'there' "$(cat "$T/m.html")" '1,200,950.5 KES'
printf '  - {id: bad, label: Bad, kind: count, form: registration, money: true}\n' \
	>>"$T/pack/data/indicators.yaml"
fails 'money on a count is refused' 1 "$ONWARD" report
like 'saying where' "$(cat "$T/.out")" "indicators.yaml:7:.*'money' is for a mean, median or sum"
done_testing
