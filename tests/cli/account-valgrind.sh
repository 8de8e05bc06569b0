#!/bin/sh
# The secret module's unit test and every account verb under valgrind: no
# leaks, no invalid accesses (secrets live in sodium_malloc buffers).
. "$top_srcdir/tests/lib.sh"

[ -n "$VALGRIND" ] || skip_all 'valgrind not found'
[ "$ASAN" != yes ] || skip_all 'built with ASan'
# Test-only seams: Argon2 at its minimum limits, no wait.
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT
vg() {
	"$VALGRIND" -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 "$@"
}
ok 'test-secret is clean under valgrind' vg "$top_builddir/tests/unit/test-secret"
pf boss 'boss-pass'
pf bad 'wrong-pass'
pf boss-ana 'boss-pass' 'ana-pass'
db="$T/v.db"
while read -r want args; do
	# shellcheck disable=SC2086
	fails "account $args: clean" "$want" vg "$ONWARD" --db "$db" account $args
done <<EOT
0 add boss --role admin --passphrase-file $T/boss
0 add ana --role worker --as boss --passphrase-file $T/boss-ana
0 list --as boss --passphrase-file $T/boss
1 list --as boss --passphrase-file $T/bad
0 passwd ana --as boss --passphrase-file $T/boss-ana
0 disable ana --as boss --passphrase-file $T/boss
1 list --as ana --passphrase-file $T/boss
2 add x --role nope
EOT
done_testing
