#!/bin/sh
# tests/bench/run.sh BUILDDIR SRCDIR: runs every benchmark in turn, as
# `make bench` does.  A benchmark is a script tests/bench/bench-*.sh (run
# with sh) or a program tests/bench/bench-* built by `make bench` (listed
# in EXTRA_PROGRAMS and in the bench rule's prerequisites).  Each gets
# top_builddir, top_srcdir and ONWARD in its environment, prints its
# figures, including a ratio to a baseline measured in the same run (so
# the numbers mean something on any machine), and exits 0 unless broken.
builddir=${1:?usage: run.sh BUILDDIR SRCDIR}
srcdir=${2:?usage: run.sh BUILDDIR SRCDIR}
top_builddir=$(cd "$builddir" && pwd)
top_srcdir=$(cd "$srcdir" && pwd)
ONWARD="$top_builddir/src/onward"
export top_builddir top_srcdir ONWARD
export LC_ALL=C.UTF-8

failed=0
for b in "$top_srcdir"/tests/bench/bench-*.sh "$top_builddir"/tests/bench/bench-*; do
	[ -f "$b" ] || continue
	case $b in
	*.c|*.o|*.h) continue ;;
	*.sh) run="sh $b" ;;
	*) [ -x "$b" ] || continue; run=$b ;;
	esac
	echo "== $(basename "$b")"
	if ! $run; then
		echo "!! $(basename "$b") failed"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
