#!/bin/sh
# A store written before schema 2 (winners in a field table) opens, moves
# to schema 2 (winners marked in the log's own rows) and shows exactly the
# same state: the same dump, the same conflicts; rebuild agrees; it takes
# new edits and exports them.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/forms"
export ONWARD_FORMS
v1="$top_srcdir/tests/data/store-v1"
db="$T/old.db"

gzip -dc "$v1/store.sql.gz" | sqlite3 "$db"
is 'the fixture is schema 1' "$(sqlite3 "$db" 'PRAGMA user_version')" 1
# Read-only first (another user when root: root may write any file): read
# as it is, unchanged.
ro="$T/ro"
mkdir "$ro"
gzip -dc "$v1/store.sql.gz" | sqlite3 "$ro/old.db"
chmod 755 "$T" "$ro"
chmod 444 "$ro/old.db"
as_reader() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
as_reader "$ONWARD" --db "$ro/old.db" dump >"$T/ro.dump" 2>"$T/ro.err"
is 'a read-only old store opens' "$?" 0
ok 'and reads the same' cmp "$v1/dump.txt" "$T/ro.dump"
is 'staying schema 1' "$(sqlite3 "$ro/old.db" 'PRAGMA user_version')" 1
as_reader "$ONWARD" --db "$ro/old.db" conflicts >"$T/ro.conflicts" 2>&1
ok 'with the same conflicts' cmp "$v1/conflicts-now.txt" "$T/ro.conflicts"

"$ONWARD" --db "$db" dump >"$T/dump" 2>"$T/err"
is 'dump of the old store' "$?" 0
like 'says it moves the store, once' "$(cat "$T/err")" \
    "store '.*old.db': moving it to this version's layout, once"
ok 'same state after the migration' cmp "$v1/dump.txt" "$T/dump"
is 'now the current schema' "$(sqlite3 "$db" 'PRAGMA user_version')" \
    "$(sed -n 's/^#define STORE_VERSION[[:space:]]*//p' \
    "$top_srcdir/src/store-int.h")"
"$ONWARD" --db "$db" cases >/dev/null 2>"$T/err"
is 'opens again without saying it again' "$(cat "$T/err")" ""
q="SELECT type FROM sqlite_master WHERE name = 'field'"
is 'field is a view now' "$(sqlite3 "$db" "$q")" view
q='SELECT count(*) FROM change WHERE head IS NULL'
is 'every change has its head' "$(sqlite3 "$db" "$q")" 0
q="SELECT v FROM case_search_config WHERE k = 'hashsize'"
is 'the search index buffers 8 MB while writing' "$(sqlite3 "$db" "$q")" \
    8388608
"$ONWARD" --db "$db" conflicts >"$T/conflicts"
ok 'same conflicts' cmp "$v1/conflicts-now.txt" "$T/conflicts"
ok 'rebuild' "$ONWARD" --db "$db" rebuild
"$ONWARD" --db "$db" dump >"$T/rebuilt"
ok 'rebuild gives the same state' cmp "$v1/dump.txt" "$T/rebuilt"
is 'and keeps the search buffer' "$(sqlite3 "$db" "$q")" 8388608
id=$(head -1 "$T/conflicts" | cut -f1)
# Writing needs an account: the old store has none until its first.
fails 'without an account a conflict is not settled' 1 \
    "$ONWARD" --db "$db" conflicts resolve "$id" --pick 1 --as boss
like 'saying how to make the first' "$(cat "$T/.out")" \
    "no account yet: .*'onward account add NAME --role admin'"
ok 'the old store takes its first account' accounts "$db"
"$ONWARD" --db "$db" dump >"$T/signed"
ok 'and keeps every record' cmp "$v1/dump.txt" "$T/signed"
ok 'a conflict settles' "$ONWARD" --db "$db" conflicts resolve "$id" --pick 1
is 'one conflict fewer' "$("$ONWARD" --db "$db" conflicts | wc -l)" \
    $(($(wc -l <"$v1/conflicts-now.txt") - 1))
ok 'exports everything' "$ONWARD" --db "$db" export --all -o "$T/all.onward"
accounts -u "$T/new.db"
ok 'a new store merges it' "$ONWARD" --db "$T/new.db" merge "$T/all.onward"
"$ONWARD" --db "$db" dump >"$T/a"
"$ONWARD" --db "$T/new.db" dump >"$T/b"
ok 'and holds the same state' cmp "$T/a" "$T/b"
done_testing
