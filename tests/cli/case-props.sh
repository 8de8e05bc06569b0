#!/bin/bash
# save_to on the shipped pack: an answer updates its case property; a
# question that does not apply leaves the property as it was; a question
# that applies and is emptied clears it.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"
db="$T/p.db"
on() { "$ONWARD" --db "$db" "$@"; }
accounts "$db" 'Amina Yusuf'

out=$(on record add registration --as 'Amina Yusuf' consent=yes \
    full_name='Grace Akello' sex=female age_stated=30 region=north \
    district=amberfield programme=tree beneficiary_group=trainee \
    wg_seeing=none wg_hearing=none wg_walking=none wg_cognition=none \
    wg_selfcare=none wg_communication=none household_size=2 \
    education=primary work_status=seeking address='Near the market')
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
ok 'a registration opens a case' test -n "$cid"
visit() {
	local hb=has_business=no
	case "$*" in *has_business=*) hb= ;; esac
	on record add follow_up_visit --case "$cid" --as 'Amina Yusuf' \
	    visit_date=2026-06-01 contact_mode=home $hb "$@"
}
ok 'a visit in wage work' visit work_situation=wage \
    employer='Sunrise Solar' job_title=Electrician monthly_income=90000
on dump >"$T/d1"
like 'the employer is kept on the case' "$(cat "$T/d1")" "employer_name.*Sunrise Solar"
unlike 'a calculation that does not apply (no business) is not stored' \
    "$(cat "$T/d1")" 'business_status'
ok 'a visit to a running business' visit work_situation=self \
    monthly_income=40000 has_business=yes business_operating=yes \
    business_name='Akello Tailoring'
like 'its calculated status reaches the case' "$(on dump)" 'business_status.*operating'
ok 'a later visit with no business asked about' visit work_situation=wage \
    employer='Sunrise Solar' job_title=Electrician monthly_income=90000
like 'leaves the business status as it was' "$(on dump)" 'business_status.*operating'
on dump >"$T/d1"
ok 'a visit while looking for work' visit work_situation=seeking monthly_income=0
on dump >"$T/d2"
like 'the work situation follows' "$(cat "$T/d2")" "work_status.*seeking"
like 'the employer, not asked, is still there' "$(cat "$T/d2")" "employer_name.*Sunrise Solar"
# ${case.employer_name} is the employer's default: a visit that does not
# name one keeps the one recorded last.
ok 'a visit in wage work naming no employer' visit work_situation=wage \
    monthly_income=60000
vid=$(grep -E '^[0-9a-f]{8}-[0-9]+$' "$T/.out")
like 'takes the employer from the case' "$(on record show "$vid")" '^employer = Sunrise Solar$'
like 'and the job too' "$(on record show "$vid")" '^job_title = Electrician$'
ok 'a visit in wage work with the employer given empty' visit work_situation=wage \
    employer= job_title=Helper monthly_income=50000
on dump >"$T/d3"
unlike 'an employer asked and left empty is cleared' "$(cat "$T/d3")" "employer_name.*Sunrise Solar"
done_testing
