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
ok 'and the good one still merges' "$ONWARD" --db "$b" merge "$good"
done_testing
