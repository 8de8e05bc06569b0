#!/bin/sh
# A bundle cut at every byte offset, and with single bytes flipped at many
# offsets, is refused by `onward merge` and `onward bundle inspect`, with
# a message naming the file, and the store is left exactly as it was.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
USER=tester
export USER

a="$T/a.db"
b="$T/b.db"
accounts "$a" && accounts -u "$b"
"$ONWARD" --db "$a" record add registration 'full_name=Zoë Öberg' \
	birth_date=1990-01-02 household_size=1 >/dev/null
"$ONWARD" --db "$b" record add registration 'full_name=Ann Bo' \
	household_size=2 >/dev/null
ok 'export a small bundle' "$ONWARD" --db "$a" export -o "$T/good.onward"
good="$T/good.onward"
size=$(wc -c <"$good")
before=$("$ONWARD" --db "$b" dump)

# Cut at every offset.
refused=0
accepted=""
i=0
while [ "$i" -lt "$size" ]; do
	head -c "$i" "$good" >"$T/cut.onward"
	if "$ONWARD" --db "$b" merge "$T/cut.onward" >/dev/null 2>&1; then
		accepted="$accepted $i"
	else
		refused=$((refused + 1))
	fi
	i=$((i + 1))
done
is "a cut at each of $size offsets is refused" "$refused" "$size"
[ -z "$accepted" ] || diag "accepted cuts at:$accepted"
head -c $((size / 2)) "$good" >"$T/cut.onward"
err=$("$ONWARD" --db "$b" merge "$T/cut.onward" 2>&1)
like 'a cut says where, naming the file' "$err" \
	"cut.onward': truncated: the file ends at byte $((size / 2))"

# Flip one bit at every offset (the low bit at even offsets, the high
# bit at odd ones).
flips=0
accepted=""
i=0
while [ "$i" -lt "$size" ]; do
	if [ $((i % 2)) -eq 0 ]; then x=1; else x=128; fi
	{ head -c "$i" "$good"
	  head -c $((i + 1)) "$good" | tail -c 1 | perl -e 'binmode STDIN;
		binmode STDOUT; read STDIN, $c, 1; print chr(ord($c) ^ $ARGV[0])' "$x"
	  tail -c +$((i + 2)) "$good"; } >"$T/flip.onward"
	flips=$((flips + 1))
	if "$ONWARD" --db "$b" merge "$T/flip.onward" >/dev/null 2>&1; then
		accepted="$accepted $i"
	fi
	i=$((i + 1))
done
is "a byte flipped at $flips places: every one refused" "$accepted" ""

after=$("$ONWARD" --db "$b" dump)
is 'the store is exactly as it was' "$after" "$before"

printf 'not a bundle\n' >"$T/text.onward"
fails 'a text file is refused' 1 "$ONWARD" --db "$b" merge "$T/text.onward"
like 'as not a bundle' "$(cat "$T/.out")" "text.onward' is not an onward bundle"
: >"$T/empty.onward"
fails 'an empty file is refused' 1 "$ONWARD" bundle inspect "$T/empty.onward"
fails 'inspect refuses a cut bundle' 1 "$ONWARD" bundle inspect "$T/cut.onward"
ok 'inspect accepts the good one' "$ONWARD" bundle inspect "$good"

# A bundle of a format version this onward does not read (a newer one's)
# is refused by name, and nothing of it is imported.  It is built as
# onward builds one: the text with its trailer's digest made anew, gzipped
# with onward's gzip header and seal.
reversion() {
	perl -MCompress::Zlib -MDigest::SHA=sha256,sha256_hex -e '
	binmode STDIN; binmode STDOUT; local $/;
	my $t = Compress::Zlib::memGunzip(<STDIN>) // die "not gzip\n";
	$t =~ s/^onward-bundle\t1\t/onward-bundle\t$ARGV[0]\t/ or die;
	my $i = rindex($t, "\nend\t") + 1;
	my ($body, $end) = (substr($t, 0, $i), substr($t, $i));
	$end =~ s/sha256=[0-9a-f]{64}/"sha256=" . sha256_hex($body)/e;
	$t = $body . $end;
	my $d = deflateInit(-Level => 6, -WindowBits => -15) or die;
	my ($a) = $d->deflate($t);
	my ($b) = $d->flush();
	my $z = $a . $b . pack("VV", crc32($t), length($t));
	print "\x1f\x8b\x08\x04\0\0\0\0\0\x03\x24\0OB\x20\0", sha256($z), $z;
	' "$1" <"$good"
}
reversion 1 >"$T/v1.onward"
ok 'a bundle rebuilt as onward builds one is accepted' \
	"$ONWARD" bundle inspect "$T/v1.onward"
reversion 99 >"$T/v99.onward"
fails 'a bundle of format version 99 is refused' 1 \
	"$ONWARD" --db "$b" merge "$T/v99.onward"
like 'naming the file, its version and the versions read' "$(cat "$T/.out")" \
	"v99.onward': format version '99' is not one this onward reads \(versions it reads: 1\); a newer onward wrote it"
is 'and nothing of it is imported' "$("$ONWARD" --db "$b" dump)" "$before"
fails 'inspect refuses it too' 1 "$ONWARD" bundle inspect "$T/v99.onward"
ok 'and the good one still merges' "$ONWARD" --db "$b" merge "$good"
done_testing
