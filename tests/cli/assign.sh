#!/bin/bash
# Owners and handover: every case belongs to the account that registered
# it until a supervisor assigns it (onward assign CASE... --to, or every
# open case of a worker with --from); cases --owner lists a caseload; the
# report's per-worker figures follow the owner; a worker, an unknown case
# or an unknown worker is refused and nothing changes; an assignment
# travels in bundles, and two made at once on two laptops are a conflict
# for a supervisor, settled by assigning again.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/pack-lib.sh"
a="$T/a.db" b="$T/b.db" c="$T/c.db" h="$T/h.db"
for s in "$a" "$b" "$c" "$h"; do
	accounts "$s" sup:supervisor amina kofi
	"$ONWARD" --db "$s" settings accept_unsigned yes --as admin >/dev/null
done
on() { "$ONWARD" --db "$a" "$@"; }
register() { pack_case "$(pack_register "$a" "$1" "$2")"; }
owned() { on cases --owner "$1" | cut -f1 | sort | tr '\n' ' '; }
c1=$(register amina 'Grace Akello')
c2=$(register amina 'Ama Owusu')
c3=$(register amina 'Efua Mensah')
k1=$(register kofi 'Yaw Boateng')
ok 'cases are registered' test -n "$c1" -a -n "$k1"
on record add closure --case "$c3" --as amina closure_reason=moved \
    work_status=seeking >/dev/null
is "a case is its registering worker's" "$(owned amina)" \
    "$(printf '%s\n' "$c1" "$c2" "$c3" | sort | tr '\n' ' ')"
is 'and only theirs' "$(owned kofi)" "$k1 "

# The overdue follow-up of Grace is amina's in the report.
on record add training --case "$c1" --as amina training_status=completed \
    end_date=2026-01-01 certificate=yes result=passed course=Tailoring \
    training_kind=tvet provider=Centre delivery=centre \
    schedule_mode=full_time start_date=2025-09-01 \
    planned_end_date=2026-01-01 >/dev/null
like "the report counts the overdue visit as amina's" \
    "$(on report --indicators "$top_srcdir/data/indicators.yaml")" \
    '^  amina +too few cases  n = 1$'

before=$(on dump)
fails 'a worker cannot assign' 1 on assign "$c1" --to kofi --as amina
fails 'an unknown worker is refused' 1 on assign "$c1" --to nobody --as sup
like 'naming the worker' "$(cat "$T/.out")" \
    "cannot assign to 'nobody': there is no account 'nobody'"
fails 'an unknown case is refused' 1 on assign "$c1" ZZZZ-9999-Z --to kofi \
    --as sup
like 'naming the case' "$(cat "$T/.out")" "no case 'ZZZZ-9999-Z'"
is 'nothing changed' "$(on dump)" "$before"
fails 'no --to is a usage error' 2 on assign "$c1" --as sup

ok 'a supervisor assigns a case' on assign "$c1" --to kofi --as sup
like 'saying how many' "$(cat "$T/.out")" '^1 case assigned to kofi$'
is "it is kofi's now" "$(owned kofi)" \
    "$(printf '%s\n' "$c1" "$k1" | sort | tr '\n' ' ')"
like 'the report follows the owner' \
    "$(on report --indicators "$top_srcdir/data/indicators.yaml")" \
    '^  kofi +too few cases  n = 1$'
ok 'assigning it again' on assign "$c1" --to kofi --as sup
like 'changes nothing' "$(cat "$T/.out")" '^0 cases assigned to kofi$'
ok 'a handover of every open case' on assign --from amina --to kofi --as sup
like 'moves the open one' "$(cat "$T/.out")" '^1 case assigned to kofi$'
is 'amina keeps only the closed case' "$(owned amina)" "$c3 "

# Two laptops hand the same case over at once.
on export --all -o "$T/a.onward" >/dev/null
"$ONWARD" --db "$b" merge "$T/a.onward" --as sup >/dev/null
"$ONWARD" --db "$c" merge "$T/a.onward" --as sup >/dev/null
ok 'laptop b gives it to amina' "$ONWARD" --db "$b" assign "$k1" --to amina \
    --as sup
ok 'laptop c to sup' "$ONWARD" --db "$c" assign "$k1" --to sup --as sup
"$ONWARD" --db "$b" export -o "$T/b.onward" >/dev/null
"$ONWARD" --db "$c" export -o "$T/c.onward" >/dev/null
ok 'headquarters merges everything' "$ONWARD" --db "$h" merge \
    "$T/a.onward" "$T/c.onward" "$T/b.onward" --as sup
conf=$("$ONWARD" --db "$h" conflicts)
like 'the owner is a conflict for the supervisor' "$conf" \
    "	$k1	$k1	@owner	"
like 'with both workers' "$conf" 'amina.*sup|sup.*amina'
ok 'assigning it settles it' "$ONWARD" --db "$h" assign "$k1" --to kofi \
    --as sup
is 'no conflict is left' "$("$ONWARD" --db "$h" conflicts)" ''
is "the case is kofi's at headquarters" \
    "$("$ONWARD" --db "$h" cases --owner kofi | cut -f1 | grep -c "^$k1$")" 1
done_testing
