#!/bin/bash
# onward demo: a new store filled through the real form pack with people
# at every stage, follow-ups due and overdue, names in many scripts; a
# store that has cases is refused and left as it was.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"
db="$T/demo.db"
# The demo's accounts all have the one passphrase it prints; the report
# needs its supervisor.
pf demo demo-2026
export ONWARD_PASSPHRASE_FILE="$T/demo" ONWARD_ACCOUNT='Lena Holm'
export ONWARD_PWHASH_FAST=1

ok 'demo fills a new store' "$ONWARD" --db "$db" demo
# 144 people, employers, providers and cohorts, and 84 referrals (cases
# of their own).
like 'it says what it wrote' "$(cat "$T/.out")" '^228 cases and [0-9]+ records'
like 'and the passphrase of its accounts' "$(cat "$T/.out")" \
	'^The passphrase of each: demo-2026$'
is 'a worker per demo worker, a supervisor, an admin' \
	"$("$ONWARD" --db "$db" account list | tr '\t\n' ':,')" \
	'Amina Yusuf:worker:enabled,Fatou Sow:worker:enabled,Jonas Berg:worker:enabled,Lena Holm:supervisor:enabled,admin:admin:enabled,'
fails 'a demo worker may not read the report' 1 \
	"$ONWARD" --db "$db" report --as 'Amina Yusuf'
like 'saying it needs a supervisor' "$(cat "$T/.out")" \
	"'Amina Yusuf' is a worker and may not read reports"
is '120 people by default' "$("$ONWARD" --db "$db" cases --type beneficiary | wc -l)" 120
cases=$("$ONWARD" --db "$db" cases)
like 'employers are there' "$cases" $'\temployer\t'
like 'service providers are there' "$cases" $'\tprovider\t'
like 'cohorts are there' "$cases" $'\tcohort\t'
like 'some people are closed' "$cases" $'\tbeneficiary\t[^\t]+\tclosed\t'
like 'names with accents' "$cases" 'Núñez|Ibáñez|Ødegård|Çelik|Traoré|Nguyễn'
like 'names in Arabic' "$cases" 'محمد|أحمد|فاطمة|مريم|ليلى|نور|يوسف|عمر'
like 'names in Chinese' "$cases" '[王李张刘陈](芳|秀英|丽|静|伟|强|磊|军)'
due=$("$ONWARD" --db "$db" cases --due)
like 'follow-ups are overdue' "$due" $'\toverdue\t'
like 'follow-ups are due' "$due" $'\tdue\t'
for stage in registered assessed planned in_training trained employed business closed; do
	like "someone is at the stage $stage" "$cases" $'\t'"$stage"$'\t'
done
report=$("$ONWARD" --db "$db" report)
like 'the report has trained people' "$report" 'People who completed training +[1-9]'
like 'the report has needs with no provider' "$report" 'Childcare +100%'
like 'the report has job track hires' "$report" 'Participants hired +[0-9]+%'
like 'the report has cash-for-work days' "$report" 'Days worked +[1-9]'
# --from/--to select by the day things happened (the registration date),
# not by the day they were typed in (today, for the whole demo).
all=$("$ONWARD" --db "$db" report --from 2000-01-01 --to "$ONWARD_TODAY")
like 'every registration falls before today' "$all" 'People registered +120$'
recent=$("$ONWARD" --db "$db" report --from "$(date -d "$ONWARD_TODAY - 60 days" +%F)" --to "$ONWARD_TODAY" |
	sed -n 's/^People registered  *\([0-9][0-9]*\)$/\1/p')
ok 'the last 60 days hold some of them, not all' test "${recent:-0}" -gt 0 -a "${recent:-0}" -lt 120
"$ONWARD" --db "$db" dump >"$T/dump1"
ok 'a rebuild from the change log' "$ONWARD" --db "$db" rebuild
"$ONWARD" --db "$db" dump >"$T/dump2"
ok 'gives the same state' cmp "$T/dump1" "$T/dump2"
conf=$("$ONWARD" --db "$db" conflicts)
like 'there are concurrent edits for a supervisor' "$conf" 'phone.*Jonas Berg.*Amina Yusuf|phone.*Amina Yusuf.*Jonas Berg'
is 'three people, each one conflict: the answer and the case property it is saved to' "$(printf '%s\n' "$conf" | grep -c phone)" 3
is 'the temporary second store is gone' "$(ls "$T" | grep -c 'demo-')" 0
is 'the UI opens as a demo worker' "$("$ONWARD" --db "$db" settings worker)" 'Amina Yusuf'

fails 'a store with cases is refused' 1 "$ONWARD" --db "$db" demo
like 'saying why' "$(cat "$T/.out")" "already has 228 cases.*--db"
"$ONWARD" --db "$db" dump >"$T/dump3"
ok 'and left as it was' cmp "$T/dump1" "$T/dump3"

ok 'a smaller demo' "$ONWARD" --db "$T/small.db" demo --cases 20
is 'has 20 people' "$("$ONWARD" --db "$T/small.db" cases --type beneficiary | wc -l)" 20
"$ONWARD" --db "$T/again.db" demo --cases 20 >/dev/null
is 'the same seed makes the same people' \
	"$("$ONWARD" --db "$T/again.db" cases | cut -f2- | sort)" \
	"$("$ONWARD" --db "$T/small.db" cases | cut -f2- | sort)"
"$ONWARD" --db "$T/other.db" demo --cases 20 --seed 7 >/dev/null
names() { "$ONWARD" --db "$1" cases --type beneficiary | cut -f3 | sort; }
ok 'another seed makes other people' test "$(names "$T/other.db")" != "$(names "$T/small.db")"
fails 'a bad number is refused' 2 "$ONWARD" --db "$T/bad.db" demo --cases lots
like 'naming the option' "$(cat "$T/.out")" "--cases .*'lots'"
done_testing
