#!/bin/sh
# The erasure property: two stores make random records, edits, visits
# and closures and merge each other's bundles; then one erases a random
# case while the other, not knowing yet, keeps writing to it; both merge
# every bundle in a random order, some twice.  Then both print the same
# dump, a rebuild prints it again, and no value ever written to the erased
# case is left anywhere: not in a dump, not in a store file, not in a
# bundle exported afterwards.  ERASE_SEEDS picks the runs (default three).
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_DATA ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT
unset USER

seed=1
# rand N: a number 0..N-1 in $r.
rand() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 ))
}
# pick_line TEXT: a random line of TEXT in $line ("" when empty).
pick_line() {
	local n
	n=$(printf '%s\n' "$1" | grep -c .)
	line=""
	[ "$n" -gt 0 ] || return 0
	rand "$n"
	line=$(printf '%s\n' "$1" | grep . | sed -n "$((r + 1))p")
}
# shuffled FILES...: the files in a random order, one a line.
shuffled() {
	local f
	for f in "$@"; do
		rand 100000
		printf '%06d %s\n' "$r" "$f"
	done | sort | cut -d' ' -f2-
}
on() {
	local s=$1
	shift
	# Store a has an account (boss, an admin): what it writes is signed.
	if [ "$s" = a ] && [ "$1" = record ] && [ -n "${a_signed:-}" ]; then
		"$ONWARD" --db "$T/$run/$s.db" "$@" --as boss \
		    --passphrase-file "$T/sup"
	else
		"$ONWARD" --db "$T/$run/$s.db" "$@"
	fi
}
# A value no other value contains.
k=0
val() { k=$((k + 1)); v="Q$1${k}Q"; }

# One random step of store $1; $2 when given is the case to write to.
step() {
	local s=$1 recs cases
	rand 5
	# Writing to case $2: an edit of its register or a visit or leave.
	[ -z "$2" ] || r=$((r % 3 + 2))
	case $r in
	0|1)
		val "$s"
		on "$s" record add register "name=$v" "note=$v" >/dev/null ;;
	2)
		recs=$(on "$s" dump | sed -n "s/^record \([^ ]*\) register .* case ${2:-[^ ]*} .*/\1/p")
		pick_line "$recs"
		val "$s"
		[ -z "$line" ] || on "$s" record edit "$line" "note=$v" \
			>/dev/null 2>&1 || true ;;
	*)
		cases=$(on "$s" dump | sed -n 's/^case \([^ ]*\) person open$/\1/p')
		[ -z "$2" ] || cases=$2
		pick_line "$cases"
		val "$s"
		if [ -n "$line" ]; then
			rand 3
			if [ "$r" -eq 0 ]; then
				on "$s" record add leave --case "$line" \
					"reason=$v" >/dev/null 2>&1 || true
			else
				on "$s" record add visit --case "$line" \
					"status=$v" >/dev/null 2>&1 || true
			fi
		fi ;;
	esac
}
n=0
export_now() {
	n=$((n + 1))
	on "$1" export -o "$T/$run/pool/$1-$n.onward" >/dev/null 2>&1 ||
		echo "export failed: $1" >>"$T/$run/errors"
}
exchange() {
	local s f
	for s in a b; do
		for f in $(shuffled "$T/$run"/pool/*.onward); do
			on "$s" merge "$f" >>"$T/$run/merge.log" 2>&1 ||
				echo "merge failed: $s $f" >>"$T/$run/errors"
		done
	done
}
# The values of case $2 and its records in store $1's dump, one a line.
values_of() {
	on "$1" dump | awk -v c="$2" '
	    /^case / { in_c = ($2 == c) }
	    /^record / { in_c = ($6 == c) }
	    /^conflict / { in_c = 0 }
	    in_c && /= Q/ { sub(/.*= /, ""); sub(/\t.*/, ""); print }'
}

PASSPHRASE=sup-pass
printf 'sup-pass\n' >"$T/sup"
chmod 600 "$T/sup"
for run in ${ERASE_SEEDS:-5 17 29}; do
	seed=$run
	mkdir -p "$T/$run/pool"
	: >"$T/$run/errors"
	a_signed=
	# Both have the account boss (an admin) and exchange format 1.
	for s in a b; do accounts -u "$T/$run/$s.db" boss:admin; done
	for s in a b; do on "$s" settings worker "w$s" >/dev/null; done
	a_signed=yes
	for s in a b; do
		val "$s"
		on "$s" record add register "name=$v" "note=$v" >/dev/null
	done
	round=0
	while [ "$round" -lt 4 ]; do
		for s in a b; do
			step "$s"; step "$s"
			rand 2
			[ "$r" -eq 1 ] || export_now "$s"
		done
		round=$((round + 1))
	done
	for s in a b; do export_now "$s"; done
	exchange
	pick_line "$(on a dump | sed -n 's/^case \([^ ]*\) .*/\1/p')"
	x=$line
	# A conflict in the case, then the erasure.
	rx=$(on a dump | sed -n "s/^record \([^ ]*\) register .* case $x .*/\1/p")
	for s in a b; do
		val "$s"
		on "$s" record edit "$rx" "note=$v" >/dev/null
		export_now "$s"
	done
	exchange
	is "seed $run: a conflict in the case" "$(on a conflicts | cut -f1)" \
		"$rx/note"
	values_of a "$x" >"$T/$run/gone"
	on a erase "$x" --reason "seed $run" --as boss \
		--passphrase-file "$T/sup" >/dev/null ||
		echo "erase failed" >>"$T/$run/errors"
	# b writes to the case without knowing; both go on elsewhere.
	for i in 1 2 3; do
		step b "$x"
		values_of b "$x" >>"$T/$run/gone"
		step a; step b
		rand 2
		[ "$r" -eq 1 ] || export_now a
		[ "$r" -eq 0 ] || export_now b
	done
	values_of b "$x" >>"$T/$run/gone"
	for s in a b; do export_now "$s"; done
	exchange
	exchange
	is "seed $run: every export, merge and the erasure succeeded" \
		"$(cat "$T/$run/errors")" ""
	on a dump >"$T/$run/a.dump"
	on b dump >"$T/$run/b.dump"
	diag "seed $run: erased $x: $(sort -u "$T/$run/gone" | grep -c .) values, $(grep -c '^record' "$T/$run/a.dump") records, $(grep -c '^conflict' "$T/$run/a.dump") conflicts"
	ok "seed $run: a and b print the same dump" \
		cmp "$T/$run/a.dump" "$T/$run/b.dump"
	like "seed $run: the dump shows the erasure" \
		"$(cat "$T/$run/a.dump")" "= seed $run	by boss"
	on b rebuild >/dev/null
	on b dump >"$T/$run/b.rebuilt"
	ok "seed $run: a rebuild prints the same dump" \
		cmp "$T/$run/a.dump" "$T/$run/b.rebuilt"
	on a export --all -o "$T/$run/all-a.onward" >/dev/null
	on b export --all -o "$T/$run/all-b.onward" >/dev/null
	sort -u "$T/$run/gone" | grep . >"$T/$run/words"
	is "seed $run: no erased value in the dumps, stores or bundles" \
		"$(for f in "$T/$run/a.dump" "$T/$run/b.rebuilt" \
		    "$T/$run/a.db" "$T/$run/b.db"; do
			grep -a -F -f "$T/$run/words" "$f" >/dev/null &&
			    echo "$f"
		done
		for f in "$T/$run/all-a.onward" "$T/$run/all-b.onward"; do
			zcat "$f" | grep -a -F -f "$T/$run/words" >/dev/null &&
			    echo "$f"
		done)" ""
	unlike "seed $run: no conflict of the erased case listed" \
		"$(on a conflicts | cut -f1)" "$x"
	is "seed $run: a merge counts only the conflicts listed" \
		"$(tail -n 1 "$T/$run/merge.log" |
		    sed -n 's/.*(open: \([0-9]*\)).*/\1/p')" \
		"$(on b conflicts | grep -c .)"
done
done_testing
