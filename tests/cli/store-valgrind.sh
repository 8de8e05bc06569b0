#!/bin/sh
# The store's unit test under valgrind: no leaks, no invalid accesses.
. "$top_srcdir/tests/lib.sh"

[ -n "$VALGRIND" ] || skip_all 'valgrind not found'
[ "$ASAN" != yes ] || skip_all 'built with ASan'
for t in test-store test-record test-erase; do
	ok "$t is clean under valgrind" "$VALGRIND" -q --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
		"$top_builddir/tests/unit/$t"
done
done_testing
