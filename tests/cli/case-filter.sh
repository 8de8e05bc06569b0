#!/bin/bash
# A case field's case_filter: only cases whose properties meet it may be
# linked (here employers in Eastport); another is refused naming the
# field, the id and the filter, and nothing is written.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/tests/data/forms-link"
a="$T/a.db"
accounts "$a" amina
on() { "$ONWARD" --db "$a" "$@"; }
made() { "$@" >"$T/made" && sed -n 's/^case //p' "$T/made"; }
east=$(made on record add employer --as amina 'employer_name=Coastal Steel' \
    town=Eastport)
west=$(made on record add employer --as amina 'employer_name=Harbour Works' \
    town=Fairhaven)
p=$(made on record add person --as amina 'full_name=Grace Akello')
ok 'the cases are made' test -n "$east" -a -n "$west" -a -n "$p"
before=$(on dump)
fails 'an employer outside the filter is refused' 1 on record add \
    visit_employer --case "$p" --as amina "employer=$west"
like 'naming the field, the id and the filter' "$(cat "$T/.out")" \
    "^employer: case '$west' is not one this question takes \\(\\\$\\{town\\} = 'Eastport'\\)$"
is 'nothing is written' "$(on dump)" "$before"
ok 'one that meets it is linked' on record add visit_employer --case "$p" \
    --as amina "employer=$east"
ok 'a field without a filter takes either' on record add placement \
    --case "$p" --as amina "employer=$west"
done_testing
