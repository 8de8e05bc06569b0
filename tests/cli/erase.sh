#!/bin/sh
# onward erase: a supervisor or an admin erases a case, and the values of
# the case and of its records leave the store (the log, the fields, the
# search, the file itself) and every bundle written afterwards; a worker,
# a wrong passphrase, an unknown case, a case erased already are refused
# and write nothing; the retention rule erases closed cases closed before
# a date; a store that merges the erasure erases the case too, and
# rebuilding gives the same dump.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
# Test-only seams: Argon2 at its minimum limits, no wait after a wrong
# passphrase.
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_DATA ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT
db="$T/s.db"

# pf NAME LINE...: a passphrase file of mode 0600.
on() { "$ONWARD" --db "$db" "$@"; }
er() { on erase "$@"; }
bs() { echo --as boss --passphrase-file "$T/boss"; }
dumped() { on dump $(bs) >"$T/dump.now" 2>&1; }
same() {
	cp "$T/dump.now" "$T/dump.was"
	dumped
	ok "$1: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
}
# The case id a `record add` printed ("case ID").
case_of() { printf "%s\n" "$1" | sed -n "s/^case //p"; }

pf boss 'boss-pass'
pf boss-sup 'boss-pass' 'sup-pass'
pf boss-wk 'boss-pass' 'wk-pass'
pf sup 'sup-pass'
pf wk 'wk-pass'
pf bad 'sup-paSS'
on account add boss --role admin --passphrase-file "$T/boss" >/dev/null
on account add sup --role supervisor --as boss \
    --passphrase-file "$T/boss-sup" >/dev/null
on account add wk --role worker --as boss \
    --passphrase-file "$T/boss-wk" >/dev/null
# Its first account is an admin, so it is headquarters and refuses
# unsigned bundles; these stores exchange format 1 (no keys enrolled).
on settings accept_unsigned yes --as boss --passphrase-file "$T/boss" >/dev/null
on settings worker field $(bs) >/dev/null
c1=$(case_of "$(on record add --as wk --passphrase-file "$T/wk" register name=QalphaQ note=QnoteQ)")
on record add --as wk --passphrase-file "$T/wk" visit --case "$c1" status=QvisitQ >/dev/null
c2=$(case_of "$(on record add --as wk --passphrase-file "$T/wk" register name=QbetaQ note=n)")
c3=$(case_of "$(on record add --as wk --passphrase-file "$T/wk" register name=QgammaQ note=n)")
on record add --as wk --passphrase-file "$T/wk" leave --case "$c3" reason=QdoneQ >/dev/null
like 'three cases' "$(on cases $(bs))" "^$c1	.*QalphaQ"
on export --all -o "$T/before.onward" $(bs) >/dev/null
accounts -u "$T/b.db" other
"$ONWARD" --db "$T/b.db" merge "$T/before.onward" >/dev/null
dumped

fails 'a worker is refused' 1 er "$c1" --reason 'asked' --as wk \
    --passphrase-file "$T/wk"
like 'saying it needs a supervisor' "$(cat "$T/.out")" \
    "'wk' is a worker and may not erase people's data"
same 'the worker refused'
fails 'a wrong passphrase is refused' 1 er "$c1" --reason 'asked' --as sup \
    --passphrase-file "$T/bad"
same 'the wrong passphrase'
fails 'an unknown case is refused' 1 er NOPE-0001-X --reason 'asked' \
    --as sup --passphrase-file "$T/sup"
like 'naming it' "$(cat "$T/.out")" "no case 'NOPE-0001-X'"
same 'the unknown case'
fails 'a record is no case' 1 er "$(on dump $(bs) | sed -n 's/^record \([^ ]*\) .*/\1/p' | head -n 1)" \
    --reason 'asked' --as sup --passphrase-file "$T/sup"
same 'the record'
fails 'no reason is a usage error' 2 er "$c1" --as sup --passphrase-file "$T/sup"
fails 'an empty reason too' 2 er "$c1" --reason '' --as sup \
    --passphrase-file "$T/sup"
fails 'without --as too' 2 env ONWARD_ACCOUNT= "$ONWARD" --db "$db" erase \
    "$c1" --reason 'asked'
fails 'a case and --closed-before together too' 2 er "$c1" \
    --closed-before 2026-01-01 --reason 'asked' --as sup \
    --passphrase-file "$T/sup"
same 'the usage errors'

ok 'a supervisor erases a case' er "$c1" --reason 'asked to be forgotten' \
    --as sup --passphrase-file "$T/sup"
is 'saying so' "$(cat "$T/.out")" 'erased 1 case'
dumped
like 'the dump shows the erasure: reason, who, when' "$(cat "$T/dump.now")" \
    "^		= asked to be forgotten	by sup on [0-9a-f]{32} at [0-9T:Z-]+$"
like '...as the case'"'"'s' "$(grep -A1 "^case $c1" "$T/dump.now")" '@erased:'
unlike 'no value of the case in the dump' "$(cat "$T/dump.now")" \
    'QalphaQ|QnoteQ|QvisitQ'
like 'the other cases keep theirs' "$(cat "$T/dump.now")" 'QbetaQ'
like 'the records stay, with their dates and authors' "$(cat "$T/dump.now")" \
    "^record [^ ]+ visit 1 case $c1 by wk created"
unlike 'the case list shows no name of it' "$(on cases $(bs))" 'QalphaQ'
like '...but still the case' "$(on cases $(bs))" "^$c1	"
is 'searching its name finds nothing' "$(on cases --search Qalpha $(bs))" ''
for f in "$db" "$db-wal"; do
	[ -f "$f" ] || continue
	fails "the store file $(basename "$f") holds no erased value" 1 \
	    grep -c -a -E 'QalphaQ|QnoteQ|QvisitQ' "$f"
done
on export --all -o "$T/after.onward" $(bs) >/dev/null
fails 'a bundle written afterwards carries no erased value' 1 \
    sh -c "zcat '$T/after.onward' | grep -a -E 'QalphaQ|QnoteQ|QvisitQ'"
ok '...but the erasure' sh -c "zcat '$T/after.onward' | grep -a -q 'asked to be forgotten'"
fails 'a case erased already is refused' 1 er "$c1" --reason again \
    --as boss --passphrase-file "$T/boss"
like 'saying so' "$(cat "$T/.out")" "case '$c1' is erased already"
same 'erasing twice'
on rebuild
on dump $(bs) >"$T/rebuilt"
ok 'rebuilding prints the same dump' cmp "$T/dump.now" "$T/rebuilt"

# The retention rule.
ok 'nothing closed before 2000' er --closed-before 2000-01-01 \
    --reason retention --as boss --passphrase-file "$T/boss"
is 'zero cases' "$(cat "$T/.out")" 'erased 0 cases'
same 'the rule with nothing to erase'
fails 'a bad date is refused' 1 er --closed-before 2026-13-01 \
    --reason retention --as boss --passphrase-file "$T/boss"
same 'the bad date'
ok 'closed before 2999: the closed case' er --closed-before 2999-01-01 \
    --reason 'kept five years' --as boss --passphrase-file "$T/boss"
is 'one case' "$(cat "$T/.out")" 'erased 1 case'
dumped
unlike 'its values are gone' "$(cat "$T/dump.now")" 'QgammaQ|QdoneQ'
like 'the open case is kept' "$(cat "$T/dump.now")" 'QbetaQ'
like 'erased by the rule' "$(grep -A2 "^case $c3" "$T/dump.now")" \
    'kept five years	by boss'

# Another store that had the case merges the erasure.
like 'the other store has the values' "$("$ONWARD" --db "$T/b.db" dump)" \
    'QalphaQ'
"$ONWARD" --db "$T/b.db" record add visit --case "$c1" status=QlateQ \
    --as other >/dev/null
on export --all -o "$T/all.onward" $(bs) >/dev/null
ok 'it merges the erasure' "$ONWARD" --db "$T/b.db" merge "$T/all.onward"
"$ONWARD" --db "$T/b.db" export --all -o "$T/b.onward" >/dev/null
ok 'and this store the late visit' on merge "$T/b.onward" $(bs)
"$ONWARD" --db "$T/b.db" dump >"$T/b.dump"
dumped
ok 'both print the same dump' cmp "$T/dump.now" "$T/b.dump"
unlike 'with no erased value, not even the late one' "$(cat "$T/b.dump")" \
    'QalphaQ|QnoteQ|QvisitQ|QlateQ|QgammaQ'
for f in "$db" "$T/b.db"; do
	fails "$(basename "$f") holds none either" 1 \
	    grep -c -a -E 'QalphaQ|QnoteQ|QvisitQ|QlateQ|QgammaQ' "$f"
done
is 'no conflicts listed' "$(on conflicts)" ''
# An erasure merged by an older version, which kept the values, is done
# when the store moves to this version.
accounts -u "$T/old.db"
"$ONWARD" --db "$T/old.db" merge "$T/before.onward" >/dev/null
sqlite3 "$T/old.db" "DROP INDEX change_erased; PRAGMA user_version = 3;
    INSERT INTO change(device, seq, hlc, record, form, form_version,
    case_id, path, value, parents, author, head) SELECT device, 999,
    hlc + 1, record, form, form_version, case_id, '@erased', 'old', '',
    'sup', 1 FROM change WHERE record = '$c1' LIMIT 1;"
ok 'an older store that merged an erasure opens' \
    "$ONWARD" --db "$T/old.db" dump
unlike 'and the case is erased now' "$(cat "$T/.out")" \
    'QalphaQ|QnoteQ|QvisitQ'
like '...the others not' "$(cat "$T/.out")" 'QbetaQ'
fails 'not in its file either' 1 grep -c -a -E 'QalphaQ|QnoteQ|QvisitQ' \
    "$T/old.db"
ok '--vacuum compacts the file' er "$c2" --reason 'asked' --vacuum \
    --as boss --passphrase-file "$T/boss"
fails 'and leaves no value of it' 1 grep -c -a QbetaQ "$db"
done_testing
