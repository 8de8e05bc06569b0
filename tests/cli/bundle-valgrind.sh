#!/bin/sh
# Export, merge, and a merge of a damaged bundle (cut, and one flipped
# byte) under valgrind: no invalid access, no leak, refused cleanly.
. "$top_srcdir/tests/lib.sh"

[ -n "$VALGRIND" ] || skip_all 'valgrind not found'
[ "$ASAN" != yes ] || skip_all 'built with ASan'
ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
USER=tester
export USER
vg="$VALGRIND -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"

accounts "$T/a.db" && accounts -u "$T/b.db"
"$ONWARD" --db "$T/a.db" record add registration 'full_name=Zoë' \
	household_size=1 >/dev/null
ok 'export under valgrind' $vg "$ONWARD" --db "$T/a.db" export \
	-o "$T/good.onward"
size=$(wc -c <"$T/good.onward")
head -c $((size - 7)) "$T/good.onward" >"$T/cut.onward"
{ head -c 40 "$T/good.onward"; printf 'X'; tail -c +42 "$T/good.onward"; } \
	>"$T/flip.onward"
ok 'merge under valgrind' $vg "$ONWARD" --db "$T/b.db" merge "$T/good.onward"
fails 'a cut bundle: refused (1), valgrind clean (not 99)' 1 \
	$vg "$ONWARD" --db "$T/b.db" merge "$T/cut.onward"
fails 'a flipped byte: refused (1), valgrind clean (not 99)' 1 \
	$vg "$ONWARD" --db "$T/b.db" merge "$T/flip.onward"
fails 'inspect of a damaged bundle, valgrind clean' 1 \
	$vg "$ONWARD" bundle inspect "$T/flip.onward"
ok 'inspect of a good bundle, valgrind clean' \
	$vg "$ONWARD" bundle inspect "$T/good.onward"
done_testing
