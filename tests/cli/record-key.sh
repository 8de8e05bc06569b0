#!/bin/sh
# onward record add --key KEY: a retry with the same key (a script killed
# after the commit, before it read the id) saves nothing and prints the
# first record's id and case; another key saves another record.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
db="$T/k.db"
export ONWARD_FORMS ONWARD_DATA
on() { "$ONWARD" --db "$db" "$@"; }
accounts "$db" ann:worker

add() {
	on record add registration --as ann "$@" full_name=Ama \
	    training_end=2026-05-01
}
first=$(add --key 'import-7 row 12')
like 'the first add prints a record id' "$first" '^[0-9a-f]{8}-1'
like 'and its case' "$first" 'case [0-9A-Z]{4}-0001-[0-9A-Z]'
before=$(on dump)
again=$(add --key 'import-7 row 12')
is 'a retry with the same key prints the same ids' "$again" "$first"
is 'and writes nothing' "$(on dump)" "$before"
is 'one record, not two' "$(on dump | grep -c '^record ')" 1
other=$(add --key 'import-7 row 13')
like 'another key saves another record' "$other" '^[0-9a-f]{8}-2'
plain=$(add)
like 'without a key every add saves' "$plain" '^[0-9a-f]{8}-3'
fails 'an empty key is wrong usage' 2 add --key ''
fails 'a key on edit is wrong usage' 2 \
	on record edit "$(printf '%s\n' "$first" | sed -n 1p)" --key x full_name=B
# A save whose answers are refused keeps no key: the retry saves.
fails 'a refused add' 1 on record add registration --as ann --key bad \
	full_name= training_end=2026-05-01
like 'a corrected retry under the same key saves' \
	"$(add --key bad)" '^[0-9a-f]{8}-4'
done_testing
