#!/bin/sh
# A value edited on two devices from the same earlier value: the merged
# store holds two heads, and 'onward rebuild' (which replays the whole log
# while all of it is in the table) gives exactly the same state: the old
# value must not come back as a third head.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
USER=tester
export ONWARD_FORMS ONWARD_DATA USER
a="$T/a.db"
b="$T/b.db"
accounts -u "$a" amina jonas && accounts -u "$b" amina jonas

rid=$("$ONWARD" --db "$a" record add register name=Ann note=one | sed -n 1p)
"$ONWARD" --db "$a" export --all -o "$T/a1.onward" >/dev/null
"$ONWARD" --db "$b" merge "$T/a1.onward" >/dev/null
ok 'device A edits the note' "$ONWARD" --db "$a" record edit "$rid" --as amina note=two
ok 'device B edits it too' "$ONWARD" --db "$b" record edit "$rid" --as jonas note=three
"$ONWARD" --db "$b" export -o "$T/b1.onward" >/dev/null
ok 'A merges B' "$ONWARD" --db "$a" merge "$T/b1.onward"
like 'one new conflict' "$(cat "$T/.out")" 'new conflicts: 1'
"$ONWARD" --db "$a" dump >"$T/before"
like 'two values in conflict' "$(cat "$T/before")" 'conflict .* note 2'
ok 'rebuild' "$ONWARD" --db "$a" rebuild
"$ONWARD" --db "$a" dump >"$T/after"
ok 'gives the same state' cmp "$T/before" "$T/after"
like 'still two values, not three' "$(cat "$T/after")" 'conflict .* note 2'
done_testing
