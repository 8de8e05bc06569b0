#!/bin/sh
# Device keys and enrolment: keys export and import with fingerprints,
# sealed export to headquarters, merge of format 2 from enrolled devices
# only, held bundles accepted or refused, headquarters refusing unsigned
# bundles.  Attacks, each refused with a reason naming the file and the
# dump unchanged: one byte changed, another device's signature, a key
# not enrolled (held), sealed to someone else, truncated, a forged
# header.  A sealed bundle of the demo store shows none of its people.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT

printf '%s\n' 'pass-word' >"$T/p"
chmod 600 "$T/p"
o() { db=$1; shift; "$ONWARD" --db "$T/$db.db" "$@"; }
sign() { echo --as "$1" --passphrase-file "$T/p"; }

o hq account add boss --role admin --passphrase-file "$T/p" >/dev/null
o f account add ana --role worker --passphrase-file "$T/p" >/dev/null
o g account add bo --role worker --passphrase-file "$T/p" >/dev/null
o x account add xena --role admin --passphrase-file "$T/p" >/dev/null
o y account add yan --role worker --passphrase-file "$T/p" >/dev/null
is 'headquarters accepts only signed bundles' \
    "$(sqlite3 "$T/hq.db" "SELECT value FROM setting WHERE key = 'accept_unsigned'")" no
is 'a field store keeps accepting unsigned ones' \
    "$(sqlite3 "$T/f.db" "SELECT count(*) FROM setting WHERE key = 'accept_unsigned'")" 0
like 'no secret key in clear in meta' \
    "$(sqlite3 "$T/f.db" "SELECT length(value) FROM meta WHERE key = 'keys_sign_sk'")" '^2'

for s in hq:boss f:ana g:bo x:xena y:yan; do
	ok "keys export of ${s%%:*}" o ${s%%:*} keys export -o "$T/${s%%:*}.keys" \
	    $(sign ${s#*:})
done
like 'export prints the fingerprint' "$(cat "$T/.out")" \
    'fingerprint [A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}'
like 'the keys file says its role' "$(cat "$T/hq.keys")" 'role	headquarters'
fails 'keys export needs --as' 1 o f keys export -o "$T/none.keys"
fails 'a worker may not import keys at headquarters' 1 \
    o hq keys import "$T/f.keys" $(sign nobody)
ok 'headquarters enrols the field store f' o hq keys import "$T/f.keys" \
    $(sign boss)
fp=$(sed -n 's/.*fingerprint \([A-Z2-7-]*\).*/\1/p' "$T/.out")
like 'the same fingerprint as f printed' \
    "$(o f keys export -o "$T/f2.keys" $(sign ana))" "$fp"
o hq keys import "$T/y.keys" $(sign boss) >/dev/null
for s in f:ana g:bo; do
	ok "${s%%:*} imports headquarters' keys" o ${s%%:*} keys import \
	    "$T/hq.keys" $(sign ${s#*:})
done
o y keys import "$T/x.keys" $(sign yan) >/dev/null
like 'keys lists them' "$(o hq keys)" "field	enrolled	$fp"
# One hex digit of the box key changed (a 0 to 1, else to 0).
sed 's/^box	0/box	1/; t; s/^box	./box	0/' "$T/f.keys" >"$T/bad.keys"
fails 'a keys file with a changed box key is refused' 1 \
    o hq keys import "$T/bad.keys" $(sign boss)
like 'naming the file' "$(cat "$T/.out")" "bad.keys"

for s in f:ana g:bo x:xena y:yan; do
	o ${s%%:*} record add register $(sign ${s#*:}) name="Name ${s%%:*}" \
	    note=one >/dev/null
done
fails 'a sealed export needs --as' 1 o f export -o "$T/f1.onward"
ok 'f exports a sealed bundle' o f export -o "$T/f1.onward" $(sign ana)
like 'signed and sealed' "$(cat "$T/.out")" 'sealed to 1 keys'
o g export -o "$T/g1.onward" $(sign bo) >/dev/null
o y export -o "$T/y1.onward" $(sign yan) >/dev/null
like 'inspect: signed, with the fingerprint' \
    "$("$ONWARD" bundle inspect "$T/f1.onward")" "sender: +$fp"
o x export -o "$T/x1.onward" $(sign xena) >/dev/null
like 'inspect: unsigned' "$("$ONWARD" bundle inspect "$T/x1.onward")" \
    'sender: +unsigned'
fails 'a format-2 merge needs --as' 1 o hq merge "$T/f1.onward"
fails 'a worker may not merge it' 1 o f merge "$T/g1.onward" $(sign ana)

o hq dump $(sign boss) >"$T/dump.was"
same() {
	o hq dump $(sign boss) >"$T/dump.now"
	ok "$1: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
}
# refused NAME FILE REASON
refused() {
	fails "$1: refused" 1 o hq merge "$2" $(sign boss)
	like "$1: saying why, naming the file" "$(cat "$T/.out")" \
	    "${2##*/}.*$3"
	same "$1"
}
size=$(wc -c <"$T/f1.onward")
cp "$T/f1.onward" "$T/byte.onward"
printf 'Z' | dd of="$T/byte.onward" bs=1 seek=$((size / 2)) conv=notrunc \
    2>/dev/null
refused 'one byte changed' "$T/byte.onward" 'bad signature|damaged'
gsize=$(wc -c <"$T/g1.onward")
head -c $((size - 64)) "$T/f1.onward" >"$T/othersig.onward"
tail -c 64 "$T/g1.onward" >>"$T/othersig.onward"
refused "another device's signature" "$T/othersig.onward" 'bad signature'
head -c $((size / 2)) "$T/f1.onward" >"$T/trunc.onward"
refused 'truncated' "$T/trunc.onward" 'truncated'
refused 'sealed to someone else' "$T/y1.onward" 'not sealed to this store'
# The header names f's key and id (its first 120 bytes), but g signed it.
head -c 120 "$T/f1.onward" >"$T/forged.onward"
tail -c +121 "$T/g1.onward" >>"$T/forged.onward"
refused 'a forged header naming an enrolled device' "$T/forged.onward" \
    'bad signature'
refused 'unsigned at headquarters' "$T/x1.onward" 'not signed'
fails 'an unenrolled device: held' 1 o hq merge "$T/g1.onward" $(sign boss)
like 'held, saying so' "$(cat "$T/.out")" "g1.onward.*held, not merged"
same 'held'
ok 'the bundle is kept beside the store' test -f "$T/hq.db.held/g1.onward"
gdev=$(sed -n 's/^device	//p' "$T/g.keys")
like 'devices lists it' "$(o hq devices)" "^$gdev	.*held bundles: 1"
fails 'a worker may not accept it' 1 o g devices accept "$gdev" $(sign bo)
ok 'accepted' o hq devices accept "$gdev" $(sign boss)
like 'and merged' "$(cat "$T/.out")" 'new: 5'
like 'now in the dump' "$(o hq dump $(sign boss))" 'Name g'
is 'nothing held any more' "$(o hq devices)" ''
ok 'f merges at headquarters' o hq merge "$T/f1.onward" $(sign boss)
like 'with its changes' "$(cat "$T/.out")" 'new: 5'
# Replayed: the same sealed bundle again adds nothing and doubles nothing.
o hq dump $(sign boss) >"$T/dump.once"
ok 'the same sealed bundle merged again (a replay)' \
    o hq merge "$T/f1.onward" $(sign boss)
like 'finds every change already known' "$(cat "$T/.out")" 'new: 0, already known: 5'
o hq dump $(sign boss) >"$T/dump.twice"
ok 'and the store is as it was' cmp "$T/dump.once" "$T/dump.twice"

# A device refused: its held bundles go.
o z account add zed --role worker --passphrase-file "$T/p" >/dev/null
o z keys import "$T/hq.keys" $(sign zed) >/dev/null
o z record add register $(sign zed) name=Zed note=one >/dev/null
o z export -o "$T/z1.onward" $(sign zed) >/dev/null
o hq merge "$T/z1.onward" $(sign boss) >/dev/null 2>&1
o hq dump $(sign boss) >"$T/dump.was"
zdev=$(o hq devices | cut -f1)
ok 'refused' o hq devices refuse "$zdev" $(sign boss)
ok 'its bundle is gone' test ! -f "$T/hq.db.held/z1.onward"
same 'refused'

# The demo store, sealed: none of its people in the file.
ONWARD_FORMS="$top_srcdir/forms"
o demo demo --cases 20 >/dev/null
pf demo demo-2026
o demo keys import "$T/hq.keys" --as admin --passphrase-file "$T/demo" >/dev/null
ok 'the demo store exports sealed' o demo export --all -o "$T/demo.onward" \
    --as admin --passphrase-file "$T/demo"
o demo dump --as admin --passphrase-file "$T/demo" | sed -n 's/^	\(full_name\|phone\|id_number\) = //p' |
    sort -u >"$T/secrets"
ok 'the demo has names and phones to look for' test "$(wc -l <"$T/secrets")" -gt 10
found=0
while IFS= read -r s; do
	if grep -aqF -- "$s" "$T/demo.onward"; then found=$((found + 1)); fi
	if gzip -dc <"$T/demo.onward" 2>/dev/null | grep -aqF -- "$s"; then
		found=$((found + 1))
	fi
done <"$T/secrets"
is 'none of them in the file, nor in what zcat makes of it' "$found" 0
if command -v python3 >/dev/null 2>&1; then
	n=$(python3 - "$T/demo.onward" "$T/secrets" <<'PY'
import sys, zlib
data = open(sys.argv[1], "rb").read()
secrets = [l.rstrip("\n").encode() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
hits = 0
for off in range(0, min(len(data), 1 << 16)):
    for wbits in (-15, 15, 31):
        try:
            out = zlib.decompressobj(wbits).decompress(data[off:off + 65536])
        except zlib.error:
            continue
        hits += sum(1 for s in secrets if s in out)
print(hits)
PY
)
	is 'nor in anything inflated from any offset' "$n" 0
fi
done_testing
