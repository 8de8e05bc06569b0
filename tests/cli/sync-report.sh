#!/bin/sh
# onward export, merge, bundle inspect and conflicts as a supervisor sees
# them: file names, "nothing new", the same bytes twice, the merge report
# (new, known, conflicts, records, cases), gaps, forms this store lacks,
# a forked device refused, and resolving with a new value.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
USER=tester
export USER
a="$T/a.db"
b="$T/b.db"
mkdir "$T/out"
for s in a b c f; do accounts -u "$T/$s.db" amina:supervisor; done

"$ONWARD" --db "$a" settings site 'Kisumu East' >/dev/null
"$ONWARD" --db "$a" settings worker amina >/dev/null
out=$("$ONWARD" --db "$a" record add register name=Ann note=one)
rid=$(printf '%s\n' "$out" | sed -n 1p)
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
out=$("$ONWARD" --db "$a" export -o "$T/out")
like 'export names the file after site, device and range' "$out" \
	"^wrote '$T/out/Kisumu_East-[0-9a-f]{8}-1-[0-9]+\\.onward' \\(changes: [0-9]+, devices: 1,"
first=$(ls "$T/out")
is 'nothing new: says so' "$("$ONWARD" --db "$a" export -o "$T/out")" \
	"nothing new to export; 'onward export --all' exports everything"
is 'and writes nothing' "$(ls "$T/out")" "$first"
"$ONWARD" --db "$a" export --all -o "$T/all1.onward" >/dev/null
"$ONWARD" --db "$a" export --all -o "$T/all2.onward" >/dev/null
ok 'the same changes give the same bytes' cmp "$T/all1.onward" "$T/all2.onward"
like 'zcat shows the header' "$(zcat "$T/all1.onward" | head -1)" \
	'^onward-bundle	1	origin=[0-9a-f]{32}	site=Kisumu East	worker=amina	'
like 'bundle inspect describes it' "$("$ONWARD" bundle inspect "$T/all1.onward")" \
	'register version 1: [0-9]+ changes, records: 1, cases: 1, records deleted: 0'

n=$(zcat "$T/all1.onward" | sed -n 's/^end	changes=\([0-9]*\)	.*/\1/p')
out=$("$ONWARD" --db "$b" merge "$T/out/$first")
is 'merge reports new changes, records and cases' "$out" \
	"'$T/out/$first': changes: $n, new: $n, already known: 0, new conflicts: 0 (open: 0), records touched: 1, cases touched: 1"
out=$("$ONWARD" --db "$b" merge "$T/out/$first")
like 'merging twice: all already known' "$out" "new: 0, already known: $n,"
is 'both stores print the same dump' "$("$ONWARD" --db "$b" dump)" \
	"$("$ONWARD" --db "$a" dump)"

# A failed export counts nothing as exported.
"$ONWARD" --db "$a" record edit "$rid" note=retry >/dev/null
fails 'an export to a missing folder fails' 1 \
	"$ONWARD" --db "$a" export -o "$T/no/such/dir/x.onward"
like 'saying so' "$(cat "$T/.out")" "cannot create a file in '$T/no/such/dir'"
out=$("$ONWARD" --db "$a" export -o "$T/retry.onward")
like 'the next export still carries those changes' "$out" '\(changes: [1-9]'
"$ONWARD" --db "$b" merge "$T/retry.onward" >/dev/null

# A gap: the second bundle of a device merged before the first.
"$ONWARD" --db "$a" record edit "$rid" note=two >/dev/null
"$ONWARD" --db "$a" export -o "$T/second.onward" >/dev/null
"$ONWARD" --db "$a" record edit "$rid" note=three >/dev/null
"$ONWARD" --db "$a" export -o "$T/third.onward" >/dev/null
dev=$(zcat "$T/all1.onward" | head -1 | sed 's/.*origin=\(........\).*/\1/')
out=$("$ONWARD" --db "$b" merge "$T/third.onward")
like 'a bundle merged before an earlier one reports the gap' "$out" \
	"^  device $dev: change [0-9]+ missing; an earlier bundle was not merged$"
out=$("$ONWARD" --db "$b" merge "$T/second.onward")
unlike 'the gap closes once the earlier one arrives' "$out" 'missing'
is 'same dump again' "$("$ONWARD" --db "$b" dump)" "$("$ONWARD" --db "$a" dump)"

# A form version this store lacks: kept and reported.
c="$T/c.db"
out=$(ONWARD_FORMS="$top_srcdir/tests/data/forms-ok" "$ONWARD" --db "$c" merge "$T/all1.onward")
like 'a form this store lacks is reported' "$out" \
	"^  form 'register' version 1 is not in this store's form pack; its [0-9]+ changes were kept$"
like 'its changes are kept' "$out" "new: $n,"

# A fork: a copied store makes a different change under the same number.
cp "$a" "$T/copy.db"
"$ONWARD" --db "$a" record edit "$rid" note=original >/dev/null
"$ONWARD" --db "$T/copy.db" record edit "$rid" note=copy >/dev/null
"$ONWARD" --db "$a" export --all -o "$T/orig.onward" >/dev/null
"$ONWARD" --db "$T/copy.db" export --all -o "$T/copy.onward" >/dev/null
"$ONWARD" --db "$b" merge "$T/orig.onward" >/dev/null
before=$("$ONWARD" --db "$b" dump)
fails 'a bundle from a copied store is refused' 1 \
	"$ONWARD" --db "$b" merge "$T/copy.onward"
like 'saying why' "$(cat "$T/.out")" \
	"copy.onward': line [0-9]+: change [0-9a-f]+:[0-9]+ \\(record $rid, field note, by [^)]*\\) differs from the one this store already has \\(record $rid, field note, by [^)]*\\): device $dev has two histories"
is 'and the store is unchanged' "$("$ONWARD" --db "$b" dump)" "$before"

# Resolve with a new value.
"$ONWARD" --db "$b" record edit "$rid" note=from-b >/dev/null
"$ONWARD" --db "$a" record edit "$rid" note=from-a >/dev/null
"$ONWARD" --db "$a" export -o "$T/ca.onward" >/dev/null
out=$("$ONWARD" --db "$b" merge "$T/ca.onward")
like 'a concurrent edit is a new conflict' "$out" 'new conflicts: 1 \(open: 1\)'
fails 'resolve needs --pick or --value' 2 "$ONWARD" --db "$b" conflicts resolve "$rid/note"
fails 'an unknown conflict' 1 "$ONWARD" --db "$b" conflicts resolve nope/x --pick 1
ok 'resolve --value' "$ONWARD" --db "$b" conflicts resolve "$rid/note" --value agreed
is 'no conflict left' "$("$ONWARD" --db "$b" conflicts list)" ""
like 'the new value shows' "$("$ONWARD" --db "$b" record show "$rid")" '^note = agreed$'
"$ONWARD" --db "$b" export -o "$T/cb.onward" >/dev/null
"$ONWARD" --db "$a" merge "$T/cb.onward" >/dev/null
is 'the resolution travels' "$("$ONWARD" --db "$a" conflicts)" ""
is 'same dump at last' "$("$ONWARD" --db "$b" dump)" "$("$ONWARD" --db "$a" dump)"
# A store restored from a backup is not brought up to date by a merge of
# its own lost changes: no store takes a change claiming its own device
# id (a bundle could forge them).  Its next changes reuse the lost
# numbers, and a store that has the lost ones refuses them as a
# collision, naming both, never a silent winner.
cp "$a" "$T/backup.db"
"$ONWARD" --db "$a" record edit "$rid" note=after-backup >/dev/null
"$ONWARD" --db "$a" export --all -o "$T/latest.onward" >/dev/null
fails 'a store refuses changes under its own device id' 1 \
	"$ONWARD" --db "$T/backup.db" merge "$T/latest.onward"
like 'saying so' "$(cat "$T/.out")" \
	"latest.onward': line [0-9]+: change [0-9a-f]+:[0-9]+ claims this store's own device id"
"$ONWARD" --db "$T/backup.db" record edit "$rid" note=restored >/dev/null
"$ONWARD" --db "$T/backup.db" export -o "$T/restored.onward" >/dev/null
before=$("$ONWARD" --db "$a" dump)
fails 'its next bundle is refused where the lost ones went' 1 \
	"$ONWARD" --db "$a" merge "$T/restored.onward"
like 'naming both changes' "$(cat "$T/.out")" \
	"by [^)]*\\) differs from the one this store already has \\(record $rid, field note"
is 'and nothing is written' "$("$ONWARD" --db "$a" dump)" "$before"
# The clock: a change from a device whose clock runs an hour ahead moves
# this store's clock past it, so its next change sorts after.  (The store
# ignores clocks more than a day ahead: see store_hlc_observe.)
# The bundle is made by hand: text, digest, deflate, gzip header and seal
# (onward-bundle(5)), with python3.
if command -v python3 >/dev/null 2>&1; then
f="$T/f.db"
"$ONWARD" --db "$f" record add register name=Future >/dev/null
"$ONWARD" --db "$f" export --all -o "$T/f.onward" >/dev/null
secs=$(($(date +%s) + 3600))
future=$((secs * 1000))
ftime=$(date -u -d "@$secs" +%Y-%m-%dT%H:%M:%SZ)
zcat "$T/f.onward" | awk -F'\t' -v OFS='\t' -v h="$future" -v t="$ftime" '
	NR == 1 { sub(/time=[^\t]*/, "time=" t); print; next }
	$1 != "end" { $3 = h; print }' >"$T/f.txt"
size=$(tail -n +2 "$T/f.txt" | wc -c)
sed -i "1s/	size=[0-9]*	/	size=$size	/" "$T/f.txt"
printf 'end\tchanges=%s\tsha256=%s\n' "$(($(wc -l <"$T/f.txt") - 1))" \
	"$(sha256sum "$T/f.txt" | cut -d' ' -f1)" >>"$T/f.txt"
python3 - "$T/f.txt" "$T/future.onward" <<'PY' || echo 'cannot make it' >&2
import hashlib, struct, sys, zlib
text = open(sys.argv[1], 'rb').read()
c = zlib.compressobj(6, zlib.DEFLATED, -15)
body = c.compress(text) + c.flush()
body += struct.pack('<II', zlib.crc32(text), len(text) & 0xffffffff)
head = bytes.fromhex('1f8b08040000000000032400') + b'OB' + bytes.fromhex('2000')
open(sys.argv[2], 'wb').write(head + hashlib.sha256(body).digest() + body)
PY
ok 'a hand-made bundle from a clock an hour ahead is accepted' \
	"$ONWARD" --db "$b" merge "$T/future.onward"
"$ONWARD" --db "$b" record edit "$rid" note=after-the-future >/dev/null
"$ONWARD" --db "$b" export -o "$T/after.onward" >/dev/null
bdev=$(zcat "$T/after.onward" | head -1 | sed 's/.*origin=\([0-9a-f]*\).*/\1/')
last=$(zcat "$T/after.onward" | awk -F'\t' -v d="$bdev" '$1 == d { h = $3 } END { print h }')
ms=${last%%.*}
[ "$ms" -gt "$future" ] || { [ "$ms" -eq "$future" ] && [ "$last" != "$ms" ]; }
_tap $? "the next local change has a later clock ($last) than the merged one ($future)"
else
	_tap 0 'a bundle from a clock an hour ahead # SKIP no python3'
	_tap 0 'moves the clock past it # SKIP no python3'
fi

fails 'export with an extra argument is wrong usage' 2 "$ONWARD" --db "$a" export x
fails 'merge with no bundle is wrong usage' 2 "$ONWARD" --db "$a" merge
fails 'bundle with no subcommand is wrong usage' 2 "$ONWARD" bundle
done_testing
