#!/bin/sh
# onward account disable NAME --everywhere: an admin at headquarters
# disables ana everywhere; ana's later bundle is refused naming the file
# and the account, the dump unchanged; her changes from before still
# merge; the disabling travels to ana's laptop, which disables its
# account ana (sign-in refused); a worker, a supervisor, a wrong
# passphrase are refused and write nothing.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
# Test-only seams: Argon2 at its minimum limits, no wait after a wrong
# passphrase.
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT

printf '%s\n' 'pass-word' >"$T/p"
printf '%s\n' 'wrong-word' >"$T/bad"
printf '%s\n' 'pass-word' 'pass-word' >"$T/p2"
chmod 600 "$T/p" "$T/bad" "$T/p2"
o() { db=$1; shift; "$ONWARD" --db "$T/$db.db" "$@"; }
sign() { echo --as "$1" --passphrase-file "$T/p"; }
dumped() { o "$1" dump $(sign boss) >"$T/dump.now" 2>&1; }
same() {
	cp "$T/dump.now" "$T/dump.was"
	dumped "$2"
	ok "$1: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
}

o hq account add boss --role admin --passphrase-file "$T/p" >/dev/null
o hq account add sue --role supervisor --as boss \
    --passphrase-file "$T/p2" >/dev/null
o hq account add wes --role worker --as boss \
    --passphrase-file "$T/p2" >/dev/null
o hq account add ana --role worker --as boss \
    --passphrase-file "$T/p2" >/dev/null
o hq settings accept_unsigned yes $(sign boss) >/dev/null
o f account add ana --role worker --passphrase-file "$T/p" >/dev/null
o f record add register $(sign ana) name="Ana One" note=one >/dev/null
o f export --all -o "$T/f1.onward" $(sign ana) >/dev/null
ok 'headquarters merges the field laptop' o hq merge "$T/f1.onward" $(sign boss)
# A laptop g headquarters never hears from before the disabling, and a
# store h whose only admin is ana.
o g account add ana --role worker --passphrase-file "$T/p" >/dev/null
o g record add register $(sign ana) name="Ana Gee" note=one >/dev/null
o h account add ana --role admin --passphrase-file "$T/p" >/dev/null
o h settings accept_unsigned yes $(sign ana) >/dev/null

dumped hq
fails 'a worker may not disable everywhere' 1 \
    o hq account disable ana --everywhere $(sign wes)
same 'after the worker' hq
fails 'a supervisor may not disable everywhere' 1 \
    o hq account disable ana --everywhere $(sign sue)
same 'after the supervisor' hq
fails 'a wrong passphrase is refused' 1 o hq account disable ana \
    --everywhere --as boss --passphrase-file "$T/bad"
same 'after the wrong passphrase' hq
fails '--everywhere is for disable only' 2 \
    o hq account list --everywhere $(sign boss)
ok 'the admin disables ana everywhere' \
    o hq account disable ana --everywhere $(sign boss)
fails 'not twice' 1 o hq account disable ana --everywhere $(sign boss)
like 'saying so' "$(cat "$T/.out")" "disabled everywhere already"
like 'account list says so' "$(o hq account list $(sign boss))" \
    "$(printf 'ana\tworker\tdisabled everywhere')"
ok 'headquarters merges the bundle from before again' \
    o hq merge "$T/f1.onward" $(sign boss)

sleep 1
o f record add register $(sign ana) name="Ana Two" note=two >/dev/null
o f export --all -o "$T/f2.onward" $(sign ana) >/dev/null
dumped hq
fails "ana's later bundle is refused" 1 o hq merge "$T/f2.onward" $(sign boss)
like 'naming the file' "$(cat "$T/.out")" "f2.onward"
like 'and the account' "$(cat "$T/.out")" "account 'ana'"
same 'after the refusal' hq

# The numbers, not the clocks: a later change of f stamped as if before
# the disabling is refused too.
n=$(sqlite3 "$T/f.db" "SELECT max(seq) FROM change")
o f record add register $(sign ana) name="Ana Back" note=back >/dev/null
sqlite3 "$T/f.db" "UPDATE change SET hlc = (SELECT min(hlc) FROM change)
    WHERE seq > $n"
o f export -o "$T/f3.onward" $(sign ana) >/dev/null
like 'its bundle has only the back-dated change' \
    "$(o f bundle inspect "$T/f3.onward")" 'register version 1: [0-9]+ changes, records: 1,'
fails 'a back-dated later change is refused' 1 o hq merge "$T/f3.onward" \
    $(sign boss)
like 'naming the account' "$(cat "$T/.out")" "account 'ana'"
same 'after the back-dated refusal' hq
# A disabling of an older store (its clock only) lets it in: the clock
# rule cannot know better.
cp "$T/hq.db" "$T/old.db"
sqlite3 "$T/old.db" "UPDATE change SET value = CAST(value AS INTEGER)
    WHERE path = '@disabled'"
ok 'an older disabling (the clock only) takes the back-dated change' \
    o old merge "$T/f3.onward" $(sign boss)
fails 'and refuses the later one' 1 o old merge "$T/f2.onward" $(sign boss)
# A device headquarters never heard of: the clock decides.
o g export --all -o "$T/g1.onward" $(sign ana) >/dev/null
ok 'a change from before the disabling, of a device never heard of, merges' \
    o hq merge "$T/g1.onward" $(sign boss)
o g record add register $(sign ana) name="Ana Gee Two" note=two >/dev/null
o g export -o "$T/g2.onward" $(sign ana) >/dev/null
fails 'its change from after the disabling is refused' 1 \
    o hq merge "$T/g2.onward" $(sign boss)

# The disabling travels to ana's laptop.
o hq export --all -o "$T/hq1.onward" $(sign boss) >/dev/null
like 'the disabling is in the bundle as a change' \
    "$(o hq bundle inspect "$T/hq1.onward")" '_onward'
ok "ana's laptop merges the disabling" o f merge "$T/hq1.onward" $(sign ana)
like 'its account ana is disabled' "$(o f account list $(sign ana) 2>&1)" \
    "account 'ana' is disabled"
fails 'ana can no longer sign in' 1 \
    o f record add register $(sign ana) name="Ana Three" note=three
like 'with the usual message' "$(cat "$T/.out")" "account 'ana' is disabled"
ok 'a store whose last enabled admin is ana merges the disabling' \
    o h merge "$T/hq1.onward" $(sign ana)
like 'ana is kept, and account list says so' "$(o h account list $(sign ana))" \
    "$(printf 'ana\tadmin\tenabled\tdisabled everywhere, but kept: the last enabled admin')"
done_testing
