#!/bin/bash
# A form changed without its version being raised, after records were
# saved with that version: `forms check` names it as a problem (with the
# store), every verb warns, the UI says so on its message line.  Wording
# alone (labels) is no such change; raising the version settles it.
. "$top_srcdir/tests/lib.sh"
cp -R "$top_srcdir/tests/data/forms-sync" "$T/forms"
ONWARD_FORMS="$T/forms"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
USER=tester
export ONWARD_FORMS ONWARD_DATA USER
db="$T/s.db"
accounts "$db"
f="$T/forms/visit.yaml"

ok 'the pack checks without a store' "$ONWARD" --db "$T/none.db" forms check
[ ! -e "$T/none.db" ]
is 'and makes none' "$?" 0
cid=$("$ONWARD" --db "$db" record add register name=Ann | sed -n 's/^case //p')
ok 'a visit is saved with version 1' "$ONWARD" --db "$db" record add visit \
    --case "$cid" status=working
ok 'the pack checks with the store' "$ONWARD" --db "$db" forms check

sed -i 's/label: Status}/label: Current status}/' "$f"
ok 'a new label is no change of meaning' "$ONWARD" --db "$db" forms check

sed -i 's/{id: status, type: text/{id: status, type: integer/' "$f"
fails 'a new type under the same version is a problem' 1 \
    "$ONWARD" --db "$db" forms check
like 'naming the file, the form and the store' "$(cat "$T/.out")" \
    "visit.yaml:[0-9]+:1: form 'visit' has changed since records were saved with its version 1 in store '.*s.db'"
like 'and what to do' "$(cat "$T/.out")" "raise 'version'"
"$ONWARD" --db "$db" cases >/dev/null 2>"$T/err"
like 'other verbs warn' "$(cat "$T/err")" \
    "warning: form 'visit' has changed since records were saved here with its version 1"

. "$top_srcdir/tests/tui/tmux-lib.sh"
"$ONWARD" --db "$db" settings worker 'Amina Yusuf'
"$ONWARD" --db "$db" settings site Kano
tui_start 100x24 --db "$db"
ok 'the UI says so on its message line' \
    tui_wait "Form 'visit' has changed without a new version" 20
tui_stop

sed -i 's/^version: 1/version: 2/' "$f"
ok 'raising the version settles it' "$ONWARD" --db "$db" forms check
like 'checking leaves the store'"'"'s SQL views as they were' \
    "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'views'")" \
    'visit:1;'
"$ONWARD" --db "$db" cases >/dev/null 2>"$T/err"
is 'no more warning' "$(cat "$T/err")" ""
ok 'version 2 saves' "$ONWARD" --db "$db" record add visit --case "$cid" \
    status=3
sed -i 's/{id: note, type: text/{id: remark, type: text/' "$f"
fails 'renaming a question under version 2 is a problem too' 1 \
    "$ONWARD" --db "$db" forms check
done_testing
