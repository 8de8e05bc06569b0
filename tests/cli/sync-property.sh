#!/bin/sh
# The sync property: three stores make random records, edits, deletes and
# case closures, export at random moments and merge each other's bundles
# in random orders, some twice.  Once all have seen every change, all
# print the same `onward dump`; no change is lost (every device's changes
# arrive without gaps); and conflicts appear exactly where two stores
# edited a field without seeing each other's edit.  SYNC_SEEDS picks the
# random runs (default three).
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-sync"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
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
	"$ONWARD" --db "$T/$run/$s.db" "$@"
}

# One random step of store $1.
step() {
	local s=$1 recs cases
	rand 5
	case $r in
	0|1)
		on "$s" record add register "name=n$s$seed" note=x >/dev/null ;;
	2)
		recs=$(on "$s" dump | sed -n 's/^record \([^ ]*\) register .*/\1/p')
		pick_line "$recs"
		[ -z "$line" ] || on "$s" record edit "$line" \
			"note=e$s$seed" >/dev/null 2>&1 || true ;;
	3)
		recs=$(on "$s" dump | sed -n 's/^record \([^ ]*\) register .*/\1/p')
		pick_line "$recs"
		[ -z "$line" ] || on "$s" record delete "$line" \
			>/dev/null 2>&1 || true ;;
	4)
		cases=$(on "$s" dump | sed -n 's/^case \([^ ]*\) person open$/\1/p')
		pick_line "$cases"
		if [ -n "$line" ]; then
			rand 2
			if [ "$r" -eq 0 ]; then
				on "$s" record add visit --case "$line" \
					"status=s$seed" >/dev/null 2>&1 || true
			else
				on "$s" record add leave --case "$line" \
					reason=done >/dev/null 2>&1 || true
			fi
		fi ;;
	esac
}

# Every store merges every bundle of the pool, each in its own order.
exchange() {
	local s f
	for s in a b c; do
		for f in $(shuffled "$T/$run"/pool/*.onward); do
			on "$s" merge "$f" >>"$T/$run/merge.log" 2>&1 ||
				echo "merge failed: $s $f" >>"$T/$run/errors"
		done
	done
}

n=0
export_now() {
	n=$((n + 1))
	on "$1" export -o "$T/$run/pool/$1-$n.onward" >/dev/null 2>&1 ||
		echo "export failed: $1" >>"$T/$run/errors"
}

for run in ${SYNC_SEEDS:-11 22 33}; do
	seed=$run
	mkdir -p "$T/$run/pool"
	: >"$T/$run/errors"
	for s in a b c; do
		accounts -u "$T/$run/$s.db" "w$s" && unset ONWARD_ACCOUNT
		on "$s" settings worker "w$s" --as "w$s" >/dev/null
	done
	round=0
	while [ "$round" -lt 5 ]; do
		for s in a b c; do
			rand 3
			k=$((r + 1))
			while [ "$k" -gt 0 ]; do step "$s"; k=$((k - 1)); done
			rand 2
			[ "$r" -eq 1 ] || export_now "$s"
			# merge up to three bundles of the pool, maybe twice
			rand 4
			k=$r
			while [ "$k" -gt 0 ]; do
				pick_line "$(ls "$T/$run"/pool/ 2>/dev/null)"
				[ -z "$line" ] || on "$s" merge \
					"$T/$run/pool/$line" >/dev/null 2>&1 ||
					echo "merge failed: $s $line" >>"$T/$run/errors"
				k=$((k - 1))
			done
		done
		round=$((round + 1))
	done
	for s in a b c; do export_now "$s"; done
	exchange
	for s in a b c; do export_now "$s"; done
	exchange
	is "seed $run: every export and merge succeeded" \
		"$(cat "$T/$run/errors")" ""
	unlike "seed $run: no gaps once every bundle is merged" \
		"$(tail -n 30 "$T/$run/merge.log")" 'missing'
	on a dump >"$T/$run/a.dump"
	on b dump >"$T/$run/b.dump"
	on c dump >"$T/$run/c.dump"
	diag "seed $run: $(grep -c '^record' "$T/$run/a.dump") records, $(grep -c '^record.* deleted' "$T/$run/a.dump") deleted, $(grep -c '^case .* closed' "$T/$run/a.dump") cases closed, $(grep -c '^conflict' "$T/$run/a.dump") conflicts, $(ls "$T/$run/pool" | wc -l) bundles"
	ok "seed $run: a and b print the same dump" cmp "$T/$run/a.dump" "$T/$run/b.dump"
	ok "seed $run: a and c print the same dump" cmp "$T/$run/a.dump" "$T/$run/c.dump"
	# The derived state is a function of the log: replaying it gives the
	# same dump, conflicts and all.
	on a rebuild >/dev/null
	on a dump >"$T/$run/a.rebuilt"
	ok "seed $run: a rebuild prints the same dump" cmp "$T/$run/a.dump" "$T/$run/a.rebuilt"
	# No change lost: each device's own count arrives everywhere.
	for s in a b c; do
		on "$s" export --all -o "$T/$run/all-$s.onward" >/dev/null
		"$ONWARD" bundle inspect "$T/$run/all-$s.onward" |
			sed -n 's/^    \([0-9a-f]\{32\}\) .*/&/p' >"$T/$run/devs-$s"
	done
	ok "seed $run: a and b hold the same changes of every device" \
		cmp "$T/$run/devs-a" "$T/$run/devs-b"
	ok "seed $run: a and c too" cmp "$T/$run/devs-a" "$T/$run/devs-c"
	like "seed $run: each device's changes are 1-N, no gap" \
		"$(cat "$T/$run/devs-a")" '^    [0-9a-f]{32} 1-[0-9]+ \('
	unlike "seed $run: ...and only one range each" \
		"$(cat "$T/$run/devs-a")" ','
	is "seed $run: three devices" "$(wc -l <"$T/$run/devs-a")" 3
done

# Conflicts exactly where edits were concurrent.
run=conflict
mkdir -p "$T/$run/pool"
: >"$T/$run/errors"
for s in a b c; do
	accounts -u "$T/$run/$s.db" "w$s:supervisor" && unset ONWARD_ACCOUNT
	on "$s" settings worker "w$s" --as "w$s" >/dev/null
done
out=$(on a record add register name=X note=one)
x=$(printf '%s\n' "$out" | sed -n 1p)
out=$(on a record add register name=Y note=one)
y=$(printf '%s\n' "$out" | sed -n 1p)
export_now a
exchange
on a record edit "$x" note=from-a >/dev/null
on b record edit "$x" note=from-b >/dev/null
on c record edit "$y" note=from-c >/dev/null
export_now a; export_now b; export_now c
exchange
for s in a b c; do
	is "store $s: one conflict, on the field edited concurrently" \
		"$(on "$s" conflicts | cut -f1)" "$x/note"
done
like 'it lists both values with author and device' \
	"$(on a conflicts)" "^$x/note	[^	]+	$x	note	1='from-[ab]' \(w[ab], [0-9a-f]{8}, [0-9T:Z-]+\)	2='from-[ab]'"
on b record edit "$y" note=after-c >/dev/null
export_now b
exchange
is 'an edit made after seeing the other is no conflict' \
	"$(on c conflicts | cut -f1)" "$x/note"
ok 'resolve --pick 2' on a conflicts resolve "$x/note" --pick 2
is 'the conflict is gone where it was resolved' "$(on a conflicts)" ""
export_now a
exchange
for s in b c; do
	is "and in store $s once the resolution arrives" "$(on "$s" conflicts)" ""
done
on a dump >"$T/$run/a.dump"
on b dump >"$T/$run/b.dump"
on c dump >"$T/$run/c.dump"
ok 'all three stores print the same dump' cmp "$T/$run/a.dump" "$T/$run/b.dump"
ok '...all three' cmp "$T/$run/a.dump" "$T/$run/c.dump"
is 'no export or merge failed' "$(cat "$T/$run/errors")" ""
done_testing
