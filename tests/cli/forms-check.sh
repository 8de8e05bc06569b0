#!/bin/sh
# onward forms check and forms list: every broken form in
# tests/data/forms-broken gives exactly the messages of its .expected file
# (and exit 1); the small valid pack of tests/data/forms-ok checks clean and
# lists its forms; hostile files (too big, too deep) fail fast.
. "$top_srcdir/tests/lib.sh"

ok_pack="$top_srcdir/tests/data/forms-ok"
ok_data="$top_srcdir/tests/data/data-ok"

out=$(ONWARD_DATA="$ok_data" "$ONWARD" --forms "$ok_pack" forms check 2>&1)
is 'the valid pack checks clean' "$out" '3 forms OK'
ok 'and exits 0' env ONWARD_DATA="$ok_data" "$ONWARD" --forms "$ok_pack" forms check
out=$(ONWARD_DATA="$ok_data" "$ONWARD" --forms "$ok_pack" forms list)
is 'forms list prints id, version, title and case type' "$out" \
"$(printf 'follow_up_visit\t3\tFollow-up visit\tbeneficiary\nregistration\t1\tRegistration\tbeneficiary\nshop_visit\t2\tVisit to a business\t')"
out=$(ONWARD_DATA="$ok_data" "$ONWARD" --forms "$ok_pack" forms check \
	"$ok_pack/registration.yaml" "$ok_pack/cases.yaml" 2>&1)
is 'chosen files (a form and the case types) check clean' "$out" '2 forms OK'
fails 'forms with no subcommand is a usage error' 2 "$ONWARD" forms
fails 'an unknown subcommand is a usage error' 2 "$ONWARD" forms frob
out=$(ONWARD_DATA="$ok_data" "$ONWARD" --forms "$T/nosuch" forms list 2>&1)
like 'forms list on a missing folder says so' "$out" 'cannot open the forms folder'
fails 'and exits 1' 1 "$ONWARD" --forms "$T/nosuch" forms list

# Every broken form, with the exact messages beside it.
cd "$top_srcdir/tests/data/forms-broken" || exit 1
for f in *.yaml; do
	[ "$f" = cases.yaml ] && continue
	want="${f%.yaml}.expected"
	rc=0
	got=$(ONWARD_DATA=../data-broken "$ONWARD" --forms . forms check "$f" 2>&1) || rc=$?
	is "$f: the expected messages" "$got" "$(cat "$want")"
	is "$f: exit 1" "$rc" 1
done

# The whole broken pack: every file's problems, then their number.
rc=0
got=$(ONWARD_DATA=../data-broken "$ONWARD" --forms . forms check 2>&1) || rc=$?
is 'checking the broken pack exits 1' "$rc" 1
like 'and ends with the number of problems' "$(printf '%s\n' "$got" | tail -n 1)" '^[0-9]+ problems$'
like 'it reports forms of every file' "$got" '^zero-version.yaml:2:10: '

# Files the loader refuses before parsing, and nesting it stops early.
cd "$T" || exit 1
mkdir big
cp "$top_srcdir/tests/data/forms-broken/cases.yaml" big/
{ printf 'form: big\nversion: 1\ntitle: Big\nfields:\n'
  i=0; while [ $i -lt 30000 ]; do
	printf '  - {id: f%d, type: text, label: A field label to fill space}\n' $i
	i=$((i + 1)); done; } > big/big.yaml
got=$("$ONWARD" --forms big forms check 2>&1)
like 'a file over 1 MiB is refused' "$got" '^big/big.yaml: the file is larger than 1048576 bytes$'
mkdir deep
printf 'form: deep\nversion: 1\ntitle: Deep\nfields: ' > deep/deep.yaml
head -c 81920 /dev/zero | tr '\0' '[' >> deep/deep.yaml
start=$(date +%s)
got=$("$ONWARD" --forms deep forms check 2>&1)
end=$(date +%s)
like '80 KB of [ stops at the nesting limit' "$got" 'nested deeper than 32 levels'
is '... at once' "$(( end - start < 2 ))" 1
done_testing
