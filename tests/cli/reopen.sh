#!/bin/bash
# Closed cases on the shipped pack: a form on a closed case is refused
# naming the case and the form, unless the form says `on_closed: true`; a
# reopening form (action: reopen, with its reason) opens the case again,
# and only a closed one; a case's registration is never deleted, as the
# case page refuses it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/pack-lib.sh"
db="$T/p.db"
on() { "$ONWARD" --db "$db" "$@"; }
accounts "$db" amina

out=$(pack_register "$db" amina 'Grace Akello')
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
rid=$(printf '%s\n' "$out" | sed -n 's/^record //p')
ok 'a registration opens a case' test -n "$cid"
[ -n "$rid" ] || rid=$(printf '%s\n' "$out" | grep -E '^[0-9a-f]{8}-[0-9]+$' | head -1)

fails 'the registration is not deleted' 1 on record delete "$rid" --as amina
like 'saying why, as the case page does' "$(cat "$T/.out")" \
    "cannot delete record '$rid': a case's registration is not deleted"
like 'and it is still there' "$(on record show "$rid")" '^full_name = Grace Akello$'

fails 'a reopening of an open case is refused' 1 on record add reopening \
    --case "$cid" --as amina reopen_reason=returned
like 'naming the case' "$(cat "$T/.out")" "case '$cid' is not closed"

ok 'the case is closed' on record add closure --case "$cid" --as amina \
    closure_reason=moved work_status=seeking
like 'it shows closed' "$(on cases --closed)" "^$cid"
before=$(on dump)
visit() {
	on record add follow_up_visit --case "$cid" --as amina \
	    visit_date=2026-06-10 contact_mode=home has_business=no \
	    work_situation=wage employer='Sunrise Solar' job_title=Electrician \
	    monthly_income=90000
}
fails 'a follow-up on the closed case is refused' 1 visit
like 'naming the case and the form' "$(cat "$T/.out")" \
    "case '$cid' is closed: form 'follow_up_visit' is not used on closed cases"
is 'nothing is written' "$(on dump)" "$before"
fails 'a reopening without its reason is refused' 1 on record add reopening \
    --case "$cid" --as amina
is 'still nothing is written' "$(on dump)" "$before"

ok 'the case is reopened with a reason' on record add reopening \
    --case "$cid" --as amina reopen_reason=returned
unlike 'it is no longer closed' "$(on cases --closed)" "^$cid"
like 'it is open' "$(on cases)" "^$cid"
ok 'a follow-up is taken again' visit
like 'and updates the case' "$(on dump)" "work_status.*wage"
ok 'the case can be closed again' on record add closure --case "$cid" \
    --as amina closure_reason=completed work_status=wage
like 'closed again' "$(on cases --closed)" "^$cid"
fails 'a form with on_closed: false is refused' 1 visit
done_testing
