#!/bin/sh
# Forms that would exhaust memory: 40 chained concat() calculations, each
# doubling the one before.  forms check warns of the growth it can see
# (and still passes: the form loads); record add refuses the record with
# a message naming the first field whose text passes the answer cap, and
# saves nothing, instead of dying out of memory.
. "$top_srcdir/tests/lib.sh"

mkdir "$T/forms"
cp "$top_srcdir/tests/data/forms-ok/"*.yaml "$T/forms/"
{
	printf 'form: chain\nversion: 1\ntitle: Chain\nfields:\n'
	printf '  - {id: seed, type: text, label: Seed}\n'
	printf '  - {id: c1, type: calculate, calculation: "concat(${seed}, ${seed})"}\n'
	i=2
	while [ $i -le 40 ]; do
		printf '  - {id: c%d, type: calculate, calculation: "concat(${c%d}, ${c%d})"}\n' \
			$i $((i - 1)) $((i - 1))
		i=$((i + 1))
	done
	printf '  - {id: full, type: calculate, calculation: "concat(${seed}, %s, ${seed})"}\n' "' '"
} >"$T/forms/chain.yaml"
ONWARD_FORMS="$T/forms"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
db="$T/g.db"
export ONWARD_FORMS ONWARD_DATA
on() { "$ONWARD" --db "$db" "$@"; }

ok 'forms check passes the form' on forms check
like 'warning of the chain' "$(on forms check 2>&1)" \
	"chain.yaml:[0-9]+:[0-9]+: warning: field 'c10': its calculation can multiply"
unlike 'not of a plain concat' "$(on forms check 2>&1)" "field 'full'"
accounts "$db" ann:worker
fails 'record add refuses the record' 1 \
	on record add chain --as ann seed=abcdefghijklmnop
like 'naming the field past the cap' "$(cat "$T/.out")" \
	'^c17: its calculation makes a text longer than 1048576 bytes'
is 'and saves nothing' "$(on dump | grep -c '^record ')" 0
ok 'a short seed is fine up to the cap' on record add chain --as ann seed=
done_testing
