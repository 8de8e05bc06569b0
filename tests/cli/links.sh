#!/bin/bash
# Links between cases (a `case` field) on the shipped pack: a job
# placement names its employer case; the answer is the case id, shown and
# exported with the employer's name (csv FIELD__name, the SQL views); a
# link to a case that is not there, of another type, closed or erased is
# refused naming the field and the id; a link that reaches a store before
# its case is kept, and named once the case arrives, in any merge order.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/pack-lib.sh"
a="$T/a.db" h="$T/h.db" g="$T/g.db"
accounts "$a" amina sup:supervisor
for s in "$h" "$g"; do
	accounts "$s" sup:supervisor
	"$ONWARD" --db "$s" settings accept_unsigned yes --as admin >/dev/null
done
on() { "$ONWARD" --db "$a" "$@"; }

employer() {
	on record add employer_registration --as amina \
	    registration_date=2026-05-01 "employer_name=$1" \
	    employer_type=private sector=c workers=12 region=coast \
	    district=fairhaven 'contact_person=Kofi Mensah' \
	    'contact_role=Owner' phone=0244123456 \
	    'checks=registered visited wages' trusted=yes agreement=written \
	    offers=jobs | sed -n 's/^case //p'
}
emp=$(employer 'Coastal Steel')
ok 'an employer case is made' test -n "$emp"
[ -n "$emp" ] || diag "$(employer 'Coastal Steel' 2>&1)"
on export -o "$T/employer.onward" >/dev/null

ben=$(pack_case "$(pack_register "$a" amina 'Grace Akello')")
placement() {
	on record add job_placement --case "$ben" --as amina \
	    session_date=2026-06-01 placement_stage=placed "employer=$1" \
	    employer_sector=c job_title=Welder job_major=7 job_occupation=72 \
	    start_date=2026-06-01 contract=written_fixed contract_months=12 \
	    hours_week=40 wage=1200 wage_period=month wage_check=yes \
	    social_security=yes employment_support=applied \
	    next_session=2026-07-15
}
before=$(on dump)
fails 'a link to no case is refused' 1 placement ZZZZ-9999-Z
like 'naming the field and the id' "$(cat "$T/.out")" \
    "^employer: there is no case 'ZZZZ-9999-Z'$"
fails 'a link to a case of another type is refused' 1 placement "$ben"
like 'naming the types' "$(cat "$T/.out")" \
    "^employer: case '$ben' is a 'beneficiary', not a 'employer'$"
is 'nothing is written' "$(on dump)" "$before"
ok 'a placement with the employer' placement "$emp"
pid=$(head -1 "$T/.out")
like 'the answer is the case id' "$(on record show "$pid")" "^employer = $emp$"
like 'the person links to the employer' "$(on dump)" "employer.*$emp"

ok 'csv' on csv job_placement -o "$T/csv"
like 'exports the id and the name' "$(cat "$T/csv/job_placement.csv")" \
    ",employer,employer__name,"
like 'the name is the employer case' "$(cat "$T/csv/job_placement.csv")" \
    ",$emp,Coastal Steel,"
if command -v sqlite3 >/dev/null; then
	ok 'the views' on views
	is 'join the name' "$(sqlite3 "$a" "SELECT employer, employer__name \
	    FROM form_job_placement")" "$emp|Coastal Steel"
fi

# Participants link to their cohort; the report breaks down by it, by name.
coh=$(on record add cohort_registration --as amina \
    'cohort_name=Welding Eastport 2026-2' track_type=jobbspar sector=c \
    occupation_major=7 occupation=72 region=coast district=eastport \
    'employer_name=Coastal Steel' 'provider_name=Eastport TVET centre' \
    start_date=2026-01-12 end_date=2026-05-29 places=12 hires_expected=8 \
    'phases=recruitment vocational workplace closing' \
    employment_support=yes 'target_groups=returnees youth' |
    sed -n 's/^case //p')
ok 'a training in the cohort' on record add training --case "$ben" --as amina \
    training_status=completed end_date=2026-05-29 certificate=yes \
    result=passed course=Welding training_kind=tvet provider=Centre \
    delivery=centre schedule_mode=full_time start_date=2026-01-12 \
    planned_end_date=2026-05-29 "cohort=$coh"
like 'the person links to the cohort' "$(on dump)" "cohort = $coh"
like 'the report by cohort names it' \
    "$(on report --by cohort --indicators "$top_srcdir/data/indicators.yaml")" \
    'Welding Eastport 2026-2'

# The placement travels before its employer.
on export -o "$T/placement.onward" >/dev/null
ok 'a store merges the placement first' "$ONWARD" --db "$h" merge \
    "$T/placement.onward" --as sup
ok 'and its csv' "$ONWARD" --db "$h" csv job_placement -o "$T/h1"
like 'keeps the link, not named yet' "$(cat "$T/h1/job_placement.csv")" \
    ",$emp,,"
ok 'then the employer' "$ONWARD" --db "$h" merge "$T/employer.onward" --as sup
ok 'its csv again' "$ONWARD" --db "$h" csv job_placement -o "$T/h2"
like 'the link is named now' "$(cat "$T/h2/job_placement.csv")" \
    ",$emp,Coastal Steel,"
ok 'a store merges them the other way round' "$ONWARD" --db "$g" merge \
    "$T/employer.onward" "$T/placement.onward" --as sup
is 'to the same state' "$("$ONWARD" --db "$g" dump)" \
    "$("$ONWARD" --db "$h" dump)"

# An erased employer takes no new links.
emp2=$(employer 'Harbour Works')
ok 'an employer is erased' on erase "$emp2" --reason 'asked to' --as sup
fails 'a link to an erased case is refused' 1 placement "$emp2"
like 'saying so' "$(cat "$T/.out")" "^employer: case '$emp2' is erased$"
done_testing
