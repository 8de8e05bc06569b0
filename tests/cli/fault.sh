#!/bin/sh
# Fault injection as SQLite's tests do it (the test-only seam of fault.h):
# a save, a merge and an export run again and again, the Nth allocation
# (ONWARD_FAULT=alloc:N) or the Nth write or flush to disk (write:N)
# failing, for N = 1 up to the count the run makes.  Each run ends with
# status 0 or 1 (never a crash), says why when it fails, and leaves the
# store whole (integrity_check) in the state before or after: nothing
# half written, nothing lost; a failed export leaves no partial bundle,
# and the next one carries every change.  Every write N is run; allocations are
# run every FAULT_EVERY-th N (default: about 300 runs an operation; set
# FAULT_EVERY=1 for every N, some minutes).
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
command -v sqlite3 >/dev/null || skip_all 'no sqlite3'

a="$T/a.db"
b="$T/b.db"
accounts "$a" ann:worker
accounts "$b" ann:worker
"$ONWARD" --db "$a" settings accept_unsigned yes --as admin >/dev/null
add() { "$ONWARD" --db "$1" record add registration --as ann "full_name=$2" \
	training_end=2026-05-01; }
add "$a" Ama >/dev/null
add "$b" Kofi >/dev/null
"$ONWARD" --db "$b" record edit "$(add "$b" Esi | sed -n 1p)" \
	full_name=Efua >/dev/null
"$ONWARD" --db "$b" export -o "$T/b.onward" >/dev/null
base=$("$ONWARD" --db "$a" dump)
cp "$a" "$T/merged.db"
"$ONWARD" --db "$T/merged.db" merge "$T/b.onward" >/dev/null
merged=$("$ONWARD" --db "$T/merged.db" dump)
[ "$merged" != "$base" ] || diag 'the merge changes nothing'

# How many allocations and writes a run makes ("onward: fault: A
# allocations, W writes" at its exit).
counts() {
	cp "$a" "$T/c.db"
	ONWARD_FAULT=count "$@" 2>&1 >/dev/null | sed -n \
	    's/^onward: fault: \([0-9]*\) allocations, \([0-9]*\) writes$/\1 \2/p'
}

bad=0
note() { bad=$((bad + 1)); [ "$bad" -le 5 ] && diag "$@"; }

# One run with the fault at N: status and message, then a whole store.
# $1 the kind, $2 N, $3 what may follow (add, merge, export), then the
# command (its store is $T/c.db, a fresh copy of a).
one() {
	kind=$1 n=$2 op=$3
	shift 3
	cp "$a" "$T/c.db"
	rm -f "$T/c.db-wal" "$T/c.db-shm"
	rm -rf "$T/stick"
	mkdir "$T/stick"
	rc=0
	ONWARD_FAULT=$kind:$n "$@" >"$T/run.out" 2>"$T/run.err" || rc=$?
	if [ "$rc" -gt 1 ]; then
		note "$op $kind:$n: status $rc" "$(head -c 300 "$T/run.err")"
		return
	fi
	if [ "$rc" -eq 1 ] && ! grep -q '^onward' "$T/run.err"; then
		note "$op $kind:$n: failed without a message"
		return
	fi
	ic=$(sqlite3 "$T/c.db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || { note "$op $kind:$n: integrity: $ic"; return; }
	now=$("$ONWARD" --db "$T/c.db" dump 2>&1)
	case $op in
	add)
		[ "$now" = "$base" ] || printf '%s\n' "$now" |
		    grep -q '^	full_name = Zara$' ||
		    note "$op $kind:$n: neither before nor after"
		;;
	merge)
		[ "$now" = "$base" ] || [ "$now" = "$merged" ] ||
		    note "$op $kind:$n: neither before nor after"
		;;
	export)
		[ "$now" = "$base" ] || note "$op $kind:$n: the store changed"
		# A bundle left by a failed export is whole (the store
		# failed to record it, and exports the changes again).
		for f in "$T/stick"/*.onward; do
			[ -e "$f" ] || continue
			"$ONWARD" bundle inspect "$f" >/dev/null 2>&1 ||
			    note "$op $kind:$n: a damaged bundle was left"
		done
		if [ "$rc" -eq 1 ]; then
			"$ONWARD" --db "$T/c.db" export -o "$T/stick" \
			    >/dev/null 2>&1 || note "$op $kind:$n: no export after"
			[ -z "$(ls -A "$T/stick" | grep '^\.')" ] ||
			    note "$op $kind:$n: a temporary file stayed"
			f=$(ls "$T/stick"/*.onward 2>/dev/null | head -n 1)
			"$ONWARD" bundle inspect "$f" 2>/dev/null |
			    grep -q 'changes: *[1-9]' ||
			    note "$op $kind:$n: the next export lost changes"
		fi
		;;
	esac
}

# Runs op under every write fault and every FAULT_EVERY-th allocation.
sweep() {
	op=$1
	shift
	set -- "$@"
	c=$(counts "$@")
	na=${c% *} nw=${c#* }
	[ -n "$na" ] && [ "$na" -gt 0 ] || { note "$op: no counts"; return; }
	every=${FAULT_EVERY:-$(( (na + 299) / 300 ))}
	n=1
	while [ "$n" -le "$((nw + 1))" ]; do
		one write "$n" "$op" "$@"
		n=$((n + 1))
	done
	n=1
	while [ "$n" -le "$((na + 1))" ]; do
		one alloc "$n" "$op" "$@"
		n=$((n + every))
	done
	one alloc "$na" "$op" "$@"
	_tap $((bad > 0)) "$op: $nw writes and $na allocations (every $every), each failing in turn: no crash, a message, nothing lost"
	bad=0
}

sweep add "$ONWARD" --db "$T/c.db" record add registration --as ann \
	full_name=Zara training_end=2026-05-01
sweep merge "$ONWARD" --db "$T/c.db" merge "$T/b.onward"
sweep export "$ONWARD" --db "$T/c.db" export -o "$T/stick"
done_testing
