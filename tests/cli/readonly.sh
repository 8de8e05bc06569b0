#!/bin/sh
# A store in a folder onward may not write (no -wal or -shm file can be
# made there), or a store file it may not write, opens read-only: the
# reading verbs work, a writing one is refused saying so, nothing changes.
# Run as nobody when root (root ignores modes).
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_FORMS ONWARD_DATA
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip_all 'root without setpriv'
	as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as() { "$@"; }
fi
mkdir "$T/ro"
db="$T/ro/s.db"
accounts "$db" ann:worker
rid=$("$ONWARD" --db "$db" record add registration --as ann full_name=Ama \
	training_end=2026-05-01 | sed -n 1p)
before=$("$ONWARD" --db "$db" dump)
chmod 711 "$T"
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$T/ro" "$T/.passphrase"

chmod 555 "$T/ro"
is 'a store in a read-only folder dumps' \
	"$(as "$ONWARD" --db "$db" dump 2>&1)" "$before"
like 'and shows a record' "$(as "$ONWARD" --db "$db" record show "$rid" 2>&1)" \
	'^full_name = Ama$'
fails 'a save is refused' 1 as "$ONWARD" --db "$db" record add registration \
	--as ann full_name=Kofi training_end=2026-05-01
like 'saying the store is read-only' "$(cat "$T/.out")" 'read-only'

chmod 755 "$T/ro"
chmod 444 "$db"
is 'a read-only store file dumps too' \
	"$(as "$ONWARD" --db "$db" dump 2>&1)" "$before"
chmod 600 "$db"
is 'nothing changed' "$("$ONWARD" --db "$db" dump)" "$before"
done_testing
