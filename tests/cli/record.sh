#!/bin/sh
# onward record add|edit|show|history|delete|restore, cases, dump, rebuild and
# settings, end to end on the small pack in tests/data/forms-ok.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
ONWARD_DB="$T/onward.db"
export ONWARD_FORMS ONWARD_DATA ONWARD_DB
unset USER

fails 'a store with no account is refused' 1 \
	"$ONWARD" record add registration full_name=Nobody
like 'saying how to make the first' "$(cat "$T/.out")" 'account add NAME --role admin'
accounts "$ONWARD_DB" ann bea
ok 'settings worker sets the worker' "$ONWARD" settings worker ann
is 'settings worker reads it back' "$("$ONWARD" settings worker)" ann
fails 'an unknown setting is refused' 1 "$ONWARD" settings colour blue

out=$("$ONWARD" record add registration 'full_name=Zoë Öberg' \
	birth_date=1990-01-02 'needs=credit training' credit_amount=500 \
	household_size=2 'members[1].member_age=30' 'members[2].member_age=40' \
	training_end=2026-05-01)
rid=$(printf '%s\n' "$out" | sed -n 1p)
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
like 'record add prints the record id' "$rid" '^[0-9a-f]{8}-1$'
like 'and the new case on a second line' "$cid" '^[0-9A-Z]{4}-0001-[0-9A-Z]$'
[ "$(stat -c %a "$ONWARD_DB")" = 600 ]; _tap $? 'the store is created mode 0600'

show=$("$ONWARD" record show "$rid")
like 'record show prints the answers' "$show" '^full_name = Zoë Öberg$'
like 'select_multiple values are space separated' "$show" '^needs = credit training$'
like 'repeat entries show by position, as record add takes them' "$show" '^members\[1\]\.member_age = 30$'
like '...the second one too' "$show" '^members\[2\]\.member_age = 40$'
like 'calculations are stored' "$show" '^total_age = 70$'
like 'the author is the worker setting' "$show" '^by ann$'

# Invalid input: every problem, the form's own message, nothing written.
before=$("$ONWARD" dump)
fails 'an invalid record exits 1' 1 "$ONWARD" record add registration \
	birth_date=2030-13-01 needs=credit credit_amount=-5
err=$(cat "$T/.out")
like 'the required message is the form'"'"'s' "$err" '^full_name: Every beneficiary has a name$'
like 'a bad date names the field' "$err" '^birth_date: '
like 'a constraint names the field' "$err" '^credit_amount: '
is 'one line per problem' "$(printf '%s\n' "$err" | wc -l)" 3
is 'nothing is written' "$("$ONWARD" dump)" "$before"
fails 'an unknown field exits 1' 1 "$ONWARD" record add registration full_name=X nosuch=1
like 'naming it' "$(cat "$T/.out")" "nosuch"
fails 'an unknown form exits 1' 1 "$ONWARD" record add nosuch a=b
fails 'a bad argument is a usage error' 2 "$ONWARD" record frobnicate
bad=$(printf 'full_name=\377\376')
fails 'invalid UTF-8 is refused' 1 "$ONWARD" record add registration "$bad"
like 'with a message' "$(cat "$T/.out")" 'UTF-8'

# Cases, follow-ups, search.
like 'cases lists the case, id first' "$("$ONWARD" cases)" "^$cid	beneficiary	Zoë Öberg	open	2026-05-31	overdue"
like 'search ignores case and accents' "$("$ONWARD" cases --search 'zoe OBER')" "^$cid	"
is 'search for nobody finds nothing' "$("$ONWARD" cases --search nobody)" ''
like 'cases --due lists the overdue case' "$(ONWARD_TODAY=2026-06-05 "$ONWARD" cases --due)" "^$cid	.*	due"
is 'nothing is due before the date' "$(ONWARD_TODAY=2026-05-05 "$ONWARD" cases --due)" ''
like 'before its day the visit is planned, not due' \
	"$(ONWARD_TODAY=2026-05-05 "$ONWARD" cases)" "^$cid	.*	2026-05-31	planned"
typo=$(printf '%s' "$cid" | sed 's/-0001-/-0002-/')
fails 'a mistyped case id is caught' 1 "$ONWARD" record add follow_up_visit --case "$typo" visit_date=2026-06-01
like 'saying so' "$(cat "$T/.out")" 'mistyped'
fid=$("$ONWARD" record add follow_up_visit --as bea --case "$cid" visit_date=2026-06-01 situation=wage employer=ACME 'household[1].member_name=Kwame')
like 'a follow-up saves' "$fid" '^[0-9a-f]{8}-2$'
is 'and completes the first visit' "$(ONWARD_TODAY=2026-06-05 "$ONWARD" cases --due)" ''
like 'save_to updates the case' "$("$ONWARD" cases)" "	wage	2026-05-01$"
fails 'a form that needs a case refuses none' 1 "$ONWARD" record add follow_up_visit visit_date=2026-06-01
# An answer to a question that does not apply is not stored, and said so.
ok 'an answer that does not apply does not stop the save' "$ONWARD" record add \
	follow_up_visit --case "$cid" visit_date=2026-06-03 situation=none employer=ACME
like 'but is named as not stored' "$(cat "$T/.out")" \
	'employer: not stored: the question does not apply'
nid=$(grep -E '^[0-9a-f]{8}-[0-9]+$' "$T/.out")
ok 'the record is there' "$ONWARD" record show "$nid"
unlike 'without the answer' "$(cat "$T/.out")" 'employer'

# A choice_filter (occupation: major = ${occupation_major}) is checked too.
before=$("$ONWARD" dump)
fails 'an occupation outside the chosen group is refused' 1 "$ONWARD" \
	record add follow_up_visit --case "$cid" visit_date=2026-06-02 \
	occupation_major=7 occupation=2211
is 'naming the field and the value' "$(cat "$T/.out")" \
	"occupation: '2211' is not one of the choices the other answers allow"
is 'and nothing is written' "$("$ONWARD" dump)" "$before"
oid=$("$ONWARD" record add follow_up_visit --case "$cid" visit_date=2026-06-02 \
	occupation_major=7 occupation=7212)
like 'one inside the group is accepted' "$("$ONWARD" record show "$oid")" \
	'^occupation = 7212$'
fails 'record edit checks the filter against the new answers' 1 "$ONWARD" \
	record edit "$oid" occupation_major=2
like 'naming the field' "$(cat "$T/.out")" "^occupation: '7212' is not one"
ok 'and accepts both changed together' "$ONWARD" record edit "$oid" \
	occupation_major=2 occupation=2211

# Edit, history, delete.
ok 'record edit' "$ONWARD" record edit "$rid" --as bea 'full_name=Zoë Öberg-Mensah'
hist=$("$ONWARD" record history "$rid")
like 'history shows old -> new with who and device' "$hist" "	bea	[0-9a-f]{32}	full_name: Zoë Öberg -> Zoë Öberg-Mensah$"
n1=$(printf '%s\n' "$hist" | wc -l)
ok 'an edit that changes nothing' "$ONWARD" record edit "$rid" 'full_name=Zoë Öberg-Mensah'
is 'writes nothing' "$("$ONWARD" record history "$rid" | wc -l)" "$n1"
like 'the case name follows' "$("$ONWARD" cases --search mensah)" "Zoë Öberg-Mensah"
ok 'record delete' "$ONWARD" record delete "$fid"
like 'the record is marked deleted' "$("$ONWARD" record show "$fid")" '^deleted$'
like 'its deletion is in the history' "$("$ONWARD" record history "$fid")" '@record: 1 -> \(deleted\)$'
fails 'editing a deleted record is refused' 1 "$ONWARD" record edit "$fid" employer=X
fails 'deleting it again is refused' 1 "$ONWARD" record delete "$fid"
like 'saying it is deleted' "$(cat "$T/.out")" "record '$fid' is deleted"
# (The restoring is its latest change, so "updated" may move on.)
before=$("$ONWARD" record show "$fid" | grep -v -e '^deleted$' -e '^updated ')
ok 'record restore brings it back' "$ONWARD" record restore "$fid" --as bea
unlike 'no longer deleted' "$("$ONWARD" record show "$fid")" '^deleted$'
is 'with every answer it had' \
	"$("$ONWARD" record show "$fid" | grep -v '^updated ')" "$before"
like 'the restoring is in the history' "$("$ONWARD" record history "$fid")" \
	'	bea	[0-9a-f]{32}	@record: \(deleted\) -> 1$'
fails 'restoring a record that is not deleted is refused' 1 \
	"$ONWARD" record restore "$fid"
like 'saying so' "$(cat "$T/.out")" "record '$fid' is not deleted"
fails 'restoring no record' 1 "$ONWARD" record restore nosuch
ok 'it can be deleted again' "$ONWARD" record delete "$fid"
fails 'show of no record exits 1' 1 "$ONWARD" record show nosuch

# Dump and rebuild.
d1=$("$ONWARD" dump)
like 'dump prints cases and records' "$d1" "^record $rid registration 1 case $cid by ann "
ok 'rebuild' "$ONWARD" rebuild
is 'rebuild gives the identical dump' "$("$ONWARD" dump)" "$d1"
# Schema versions.
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$ONWARD_DB" "$T/newer.db"
	sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
	fails 'a store from a newer onward is refused' 1 "$ONWARD" --db "$T/newer.db" dump
	like 'saying so' "$(cat "$T/.out")" "newer onward"
	sqlite3 "$T/other.db" 'CREATE TABLE t(x)'
	fails 'another program'"'"'s database is refused' 1 "$ONWARD" --db "$T/other.db" dump
	like 'saying so' "$(cat "$T/.out")" "not an onward store"
	is 'and left alone' "$(sqlite3 "$T/other.db" .tables)" t
fi
printf 'not a database at all, just text that is long enough' >"$T/text.db"
fails 'a file that is not a database is refused' 1 "$ONWARD" --db "$T/text.db" dump
like 'saying so' "$(cat "$T/.out")" "not an onward store"
# A count sizes its repeat before the entries' answers are placed, so the
# order of the arguments does not matter.
ok 'an entry named before the count that makes it' "$ONWARD" record add registration \
	full_name='Ama Late' 'members[2].member_age=7' household_size=2 training_end=2026-05-01
late=$(grep -E '^[0-9a-f]{8}-[0-9]+$' "$T/.out")
like 'is stored in its place' "$("$ONWARD" record show "$late")" '^members\[2\]\.member_age = 7$'
"$ONWARD" record delete "$late" >/dev/null
fails 'a problem inside an entry' 1 "$ONWARD" record add registration \
	full_name='Ama Bad' household_size=1 'members[1].member_age=four' training_end=2026-05-01
like 'names the entry by its position' "$(cat "$T/.out")" '^members\[1\]\.member_age: '
done_testing
