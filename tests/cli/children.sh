#!/bin/bash
# Child cases (case: {action: open, parent: TYPE}): a referral filled on a
# person opens a referral case of its own under that person, with its
# own properties and status, closed by its own form; a child form with no
# parent, a parent of another type, closed or unknown is refused naming
# the form and the id; the parent travels in bundles, and a child merged
# before its parent keeps it.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/tests/data/forms-link"
a="$T/a.db" h="$T/h.db"
accounts "$a" amina
accounts "$h" sup:supervisor
"$ONWARD" --db "$h" settings accept_unsigned yes --as admin >/dev/null
on() { ONWARD_ACCOUNT=amina "$ONWARD" --db "$a" "$@"; }
case_of() { sed -n 's/^case //p' "$T/.out"; }

ok 'a person' on record add person --as amina 'full_name=Grace Akello'
p=$(case_of)
ok 'an employer' on record add employer --as amina 'employer_name=Coastal Steel'
e=$(case_of)
on export -o "$T/parent.onward" >/dev/null
ok 'a referral filled on the person' on record add referral --case "$p" \
    --as amina 'service=Job search club'
r=$(case_of)
like 'opens a case of its own' "$r" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
like 'a referral, open, with its properties' "$(on cases --type referral)" \
    "^$r	referral	Job search club	open	"
like 'under the person' "$(on dump)" "case $r referral open"
is 'the person is still one case' "$(on cases --type person | wc -l)" 1
ok 'a second referral' on record add referral --case "$p" --as amina \
    'service=Business training'
r2=$(case_of)

before=$(on dump)
fails 'a referral with no person is refused' 1 on record add referral \
    --as amina 'service=Counselling'
like 'saying it needs its parent' "$(cat "$T/.out")" \
    "form 'referral' opens a child case: it needs the case it belongs to"
fails 'a referral on an employer is refused' 1 on record add referral \
    --case "$e" --as amina 'service=Counselling'
like 'naming both types' "$(cat "$T/.out")" \
    "form 'referral' opens child cases of a 'person', and case '$e' is a 'employer'"
fails 'a referral on no case is refused' 1 on record add referral \
    --case ZZZZ-9999-Z --as amina 'service=Counselling'
like 'naming the id' "$(cat "$T/.out")" "'ZZZZ-9999-Z'"
is 'nothing is written' "$(on dump)" "$before"

ok 'the referral is completed by its own form' on record add referral_done \
    --case "$r" --as amina
like 'it is closed, with its own status' "$(on cases --type referral --closed)" \
    "^$r	referral	Job search club	closed	"
like 'the other referral stays open' "$(on cases --type referral --open)" "^$r2	"
like 'the person stays open' "$(on cases --type person --open)" "^$p	"
ok 'the person is closed' on record add person_close --case "$p" --as amina \
    'why=Moved away'
fails 'no referral is made on a closed person' 1 on record add referral \
    --case "$p" --as amina 'service=Counselling'
like 'saying so' "$(cat "$T/.out")" "case '$p' is closed: form 'referral'"

# The referrals travel; merged before their person, they keep it.
on export -o "$T/children.onward" >/dev/null
ok 'headquarters merges the referrals first' "$ONWARD" --db "$h" merge \
    "$T/children.onward" --as sup
ok 'then the person' "$ONWARD" --db "$h" merge "$T/parent.onward" --as sup
is 'to the same state' "$("$ONWARD" --db "$h" dump)" "$(on dump)"

# The shipped pack: each referral of a person is a case of its own, and
# the report counts the referrals by their own latest status.
. "$top_srcdir/tests/cli/pack-lib.sh"
s="$T/s.db"
accounts "$s" amina lena:supervisor
ben=$(pack_case "$(pack_register "$s" amina 'Grace Akello')")
prov=$(ONWARD_DATA="$top_srcdir/data" "$ONWARD" --db "$s" record add \
    provider_registration --as amina 'provider_name=Eastport Business Centre' \
    provider_type=bds 'services=business_plan start_up business_advice' \
    availability=visiting visit_frequency=monthly region=coast \
    district=fairhaven 'contact_person=Yaw Boateng' \
    'phone=+233 30 444 5555' cost=programme \
    'eligibility=Anyone with a business idea' capacity=30 \
    accessible=partly women_friendly=yes capacity_building=yes \
    'capacity_needs=Training of trainers' referral_agreement=yes |
    sed -n 's/^case //p')
refer() {
	"$ONWARD" --db "$s" record add referral --case "$ben" --as amina \
	    "service=$1" "provider=$prov" \
	    provider_mode=local 'reason=Vacancies' urgency=soon \
	    consent_share=yes 'shared=contact' how_sent=phone \
	    check_by=2026-06-30 | sed -n 's/^case //p'
}
ra=$(refer placement)
rb=$(refer cv)
ok 'two referrals of one person' test -n "$ra" -a -n "$rb" -a "$ra" != "$rb"
ok 'one is declined' "$ONWARD" --db "$s" record add referral_update \
    --case "$ra" --as amina status=declined declined_by=provider \
    declined_reason=no_capacity
ok 'the other accepted' "$ONWARD" --db "$s" record add referral_update \
    --case "$rb" --as amina status=accepted service_start=2026-06-15
like 'the declined one is closed' "$("$ONWARD" --db "$s" cases --closed)" "^$ra"
like 'the accepted one stays open' "$("$ONWARD" --db "$s" cases --open)" "^$rb"
rep=$(ONWARD_DATA="$top_srcdir/data" "$ONWARD" --db "$s" \
    --forms "$top_srcdir/forms" report --as lena \
    --indicators "$top_srcdir/data/indicators.yaml")
like 'the report counts both referrals, each by its own status' \
    "$(printf '%s\n' "$rep" | grep -A6 '^Referrals with an answer')" 'n = 2'
like 'referrals made' "$rep" '^Referrals made +2$'
like 'the report by provider names the provider' \
    "$(ONWARD_DATA="$top_srcdir/data" "$ONWARD" --db "$s" \
    --forms "$top_srcdir/forms" report --by provider --as lena \
    --indicators "$top_srcdir/data/indicators.yaml")" 'Eastport Business Centre'
done_testing
