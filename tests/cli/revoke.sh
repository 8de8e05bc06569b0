#!/bin/sh
# onward devices revoke: an admin revokes a device (a stolen laptop) at
# its last change number; a bundle from it, or with its later changes, is
# refused naming the file and the device, the dump unchanged, even in
# format 1; its changes up to the number still merge when another store
# relays them; the revocation travels in bundles, and a store that merges
# it refuses the same bundle; a worker, a supervisor, a wrong passphrase
# are refused and write nothing; `onward devices` lists it.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
# Test-only seams: Argon2 at its minimum limits, no wait after a wrong
# passphrase.
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT

printf '%s\n' 'pass-word' >"$T/p"
printf '%s\n' 'wrong-word' >"$T/bad"
chmod 600 "$T/p" "$T/bad"
o() { db=$1; shift; "$ONWARD" --db "$T/$db.db" "$@"; }
sign() { echo --as "$1" --passphrase-file "$T/p"; }
# o signed in as the store's account.
os() {
	db=$1
	shift
	case $db in hq) a=boss ;; g) a=gina ;; f) a=ana ;; p) a=pat ;;
	q) a=quin ;; esac
	o "$db" "$@" $(sign "$a")
}
dumped() { os "$1" dump >"$T/dump.now" 2>&1; }
same() {
	cp "$T/dump.now" "$T/dump.was"
	dumped "$2"
	ok "$1: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
}

o hq account add boss --role admin --passphrase-file "$T/p" >/dev/null
printf '%s\n' 'pass-word' 'pass-word' >"$T/p2"
chmod 600 "$T/p2"
o hq account add sue --role supervisor --as boss \
    --passphrase-file "$T/p2" >/dev/null
o hq account add wes --role worker --as boss \
    --passphrase-file "$T/p2" >/dev/null
o g account add gina --role admin --passphrase-file "$T/p" >/dev/null
o f account add ana --role worker --passphrase-file "$T/p" >/dev/null
for s in hq:boss g:gina; do
	o ${s%%:*} settings accept_unsigned yes $(sign ${s#*:}) >/dev/null
done
os f record add register name="Ana One" note=one >/dev/null
dev=$(sqlite3 "$T/f.db" "SELECT value FROM meta WHERE key = 'device'")
os f record add register name="Ana Two" note=two >/dev/null
os f export --all -o "$T/f1.onward" >/dev/null
n=$(sqlite3 "$T/f.db" "SELECT max(seq) FROM change")
ok 'headquarters merges the field device' os hq merge "$T/f1.onward"

dumped hq
fails 'a worker may not revoke' 1 o hq devices revoke "$dev" $(sign wes)
same 'after the worker' hq
fails 'a supervisor may not revoke' 1 o hq devices revoke "$dev" $(sign sue)
same 'after the supervisor' hq
fails 'a wrong passphrase is refused' 1 o hq devices revoke "$dev" \
    --as boss --passphrase-file "$T/bad"
same 'after the wrong passphrase' hq
fails 'revoke needs --as' 1 o hq devices revoke "$dev" --passphrase-file "$T/p"
fails 'an unknown device is refused' 1 o hq devices revoke 0123abcd $(sign boss)
like 'naming it' "$(cat "$T/.out")" "no device '0123abcd'"
ok 'the admin revokes it' o hq devices revoke "$dev" $(sign boss)
like 'at its last change' "$(cat "$T/.out")" "device $dev revoked: .* after $n "
like 'devices lists it as revoked' "$(o hq devices)" \
    "$dev	revoked after its change $n"
fails 'not twice' 1 o hq devices revoke "$dev" $(sign boss)

os f record add register name="Stolen Three" note=three >/dev/null
os f export --all -o "$T/f2.onward" >/dev/null
dumped hq
fails 'its later changes are refused' 1 os hq merge "$T/f2.onward"
like 'naming the file' "$(cat "$T/.out")" "f2.onward"
like 'and the device' "$(cat "$T/.out")" "$dev"
same 'after the refusal' hq
fails 'a bundle from it is refused, even one made before' 1 \
    os hq merge "$T/f1.onward"
like 'saying it comes from a revoked device' "$(cat "$T/.out")" \
    "comes from device $dev, which is revoked"

# The revocation travels: g gets headquarters' bundle, with the changes
# up to the number and the revocation.
os hq export --all -o "$T/hq1.onward" >/dev/null
ok 'another store merges the revocation' os g merge "$T/hq1.onward"
like 'with the changes up to the number' "$(os g dump)" "Ana Two"
like 'and lists the device as revoked' "$(o g devices)" \
    "$dev	revoked after its change $n"
dumped g
fails 'it refuses the same bundle' 1 os g merge "$T/f2.onward"
like 'naming the device' "$(cat "$T/.out")" "$dev"
same 'after the refusal there' g
like 'the revocation is in the bundle as a change' \
    "$(o hq bundle inspect "$T/hq1.onward")" '_onward'

# A signed device: its format-2 bundles are refused once it is revoked,
# named by its fingerprint.
o k account add kim --role worker --passphrase-file "$T/p" >/dev/null
o k keys export -o "$T/k.keys" $(sign kim) >/dev/null
ok 'headquarters enrols the device k' o hq keys import "$T/k.keys" $(sign boss)
fp=$(sed -n 's/.*fingerprint \([A-Z2-7-]*\).*/\1/p' "$T/.out")
o hq keys export -o "$T/hq.keys" $(sign boss) >/dev/null
o k keys import "$T/hq.keys" $(sign kim) >/dev/null
o k record add register $(sign kim) name="Kim One" note=one >/dev/null
o k export -o "$T/k1.onward" $(sign kim) >/dev/null
ok 'headquarters merges the signed device' o hq merge "$T/k1.onward" \
    $(sign boss)
ok 'revoked by its fingerprint' o hq devices revoke "$fp" $(sign boss)
kdev=$(sqlite3 "$T/k.db" "SELECT value FROM meta WHERE key = 'device'")
o k record add register $(sign kim) name="Kim Two" note=two >/dev/null
o k export -o "$T/k2.onward" $(sign kim) >/dev/null
dumped hq
fails 'its signed bundle is refused' 1 o hq merge "$T/k2.onward" $(sign boss)
like 'naming the file and the device' "$(cat "$T/.out")" \
    "k2.onward' is signed by device $kdev, which is revoked"
same 'after the signed refusal' hq
# The revoked device f, never enrolled, gets headquarters' keys: its
# signed bundle is refused, not held for a supervisor to accept.
o f keys import "$T/hq.keys" $(sign ana) >/dev/null
os f export --all -o "$T/f4.onward" >/dev/null
dumped hq
fails 'a signed bundle of a revoked device never enrolled is refused' 1 \
    os hq merge "$T/f4.onward"
like 'naming the file and the device' "$(cat "$T/.out")" \
    "f4.onward' is signed by device $dev, which is revoked"
is 'and not held' "$(o hq devices | grep -c held)" 0
same 'after the refusal of the never enrolled' hq

# Two stores revoke the device at once, at different numbers: the lower
# counts, and no supervisor is asked to settle it as a conflict.
for s in p:pat q:quin; do
	o ${s%%:*} account add ${s#*:} --role admin --passphrase-file "$T/p" \
	    >/dev/null
	os ${s%%:*} settings accept_unsigned yes >/dev/null
done
os p merge "$T/f2.onward" >/dev/null
os q merge "$T/f1.onward" >/dev/null
os p devices revoke "$dev" >/dev/null
os q devices revoke "$dev" >/dev/null
os q export --all -o "$T/q1.onward" >/dev/null
ok 'a store merges a revocation made at once with its own' \
    os p merge "$T/q1.onward"
like 'no new conflict' "$(cat "$T/.out")" 'new conflicts: 0 \(open: 0\)'
is 'none to settle' "$(o p conflicts 2>&1)" ''
like 'the lower number counts' "$(os p devices)" \
    "$dev	revoked after its change $n"
done_testing
