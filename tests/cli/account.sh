#!/bin/sh
# onward account: the first account without asking anyone, then every
# rule of who may add, list, change a passphrase and disable; each refusal
# names the account and writes nothing (the dump and the list stay the
# same); passphrase files must be 0600; accounts never travel in bundles;
# an older store migrates, keeps its dump and takes accounts.
. "$top_srcdir/tests/lib.sh"
ONWARD_FORMS="$top_srcdir/forms"
# Test-only seams: Argon2 at its minimum limits, no wait after a wrong
# passphrase (one check below waits).
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT
v1="$top_srcdir/tests/data/store-v1"
db="$T/s.db"
gzip -dc "$v1/store.sql.gz" | sqlite3 "$db"

# pf NAME LINE...: a passphrase file of mode 0600.
acc() { "$ONWARD" --db "$db" account "$@"; }
# The state a refusal must leave alone.
snap() {
	"$ONWARD" --db "$db" dump --as boss --passphrase-file "$T/boss" \
	    >"$T/dump.now" 2>&1
	acc list --as boss --passphrase-file "$T/boss" >"$T/list.now" 2>&1
	sqlite3 "$db" 'SELECT name, role, pwhash, disabled FROM account' \
	    >"$T/rows.now"
}
same() {
	cp "$T/dump.now" "$T/dump.was"
	cp "$T/list.now" "$T/list.was"
	cp "$T/rows.now" "$T/rows.was"
	snap
	ok "$1: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
	ok "$1: the accounts are unchanged" cmp "$T/list.was" "$T/list.now"
	ok "$1: nothing written" cmp "$T/rows.was" "$T/rows.now"
}

"$ONWARD" --db "$db" dump >"$T/v1.dump" 2>"$T/err"
like 'an older store moves to the new layout' "$(cat "$T/err")" \
    'moving it to this version'
ok 'and keeps its dump' cmp "$v1/dump.txt" "$T/v1.dump"
is 'the current schema' "$(sqlite3 "$db" 'PRAGMA user_version')" \
    "$(sed -n 's/^#define STORE_VERSION[[:space:]]*//p' \
    "$top_srcdir/src/store-int.h")"
is 'no account yet' "$(acc list)" ''

pf boss 'boss-pass'
pf bad 'boss-paSS'
pf short 'five5'
pf boss-ana 'boss-pass' 'ana-pass'
pf boss-pin 'boss-pass' '123456'
pf ana 'ana-pass'
fails 'a first supervisor is refused' 1 acc add sup --role supervisor \
    --passphrase-file "$T/boss"
like 'saying admin or worker' "$(cat "$T/.out")" \
    'first account of a store is an admin .* or a worker'
fails 'a short passphrase is refused' 1 acc add boss --role admin \
    --passphrase-file "$T/short"
like 'saying how long' "$(cat "$T/.out")" 'at least 6 characters'
is 'nothing added' "$(acc list)" ''
ok 'the first account: an admin, without --as' acc add boss --role admin \
    --passphrase-file "$T/boss"
is 'listed' "$(acc list --as boss --passphrase-file "$T/boss")" \
    "$(printf 'boss\tadmin\tenabled')"
fails 'now list needs --as' 2 acc list
like 'saying so' "$(cat "$T/.out")" "'account list' needs --as ACCOUNT"
fails 'add needs --as too' 2 acc add ana --role worker \
    --passphrase-file "$T/ana"
like 'an admin' "$(cat "$T/.out")" "needs --as ACCOUNT: an admin"
ok 'an admin adds a worker' acc add ana --role worker --as boss \
    --passphrase-file "$T/boss-ana"
ok 'and a worker with a PIN' acc add pin --role worker --as boss \
    --passphrase-file "$T/boss-pin"
pf boss-sup 'boss-pass' 'sup-pass'
ok 'and a supervisor' acc add sup --role supervisor --as boss \
    --passphrase-file "$T/boss-sup"
is 'list: name, role, state' \
    "$(acc list --as ana --passphrase-file "$T/ana")" \
    "$(printf 'ana\tworker\tenabled\nboss\tadmin\tenabled\npin\tworker\tenabled\nsup\tsupervisor\tenabled')"
snap

fails 'a wrong passphrase' 1 acc list --as boss --passphrase-file "$T/bad"
like 'names the account' "$(cat "$T/.out")" "wrong passphrase for 'boss'"
is 'the failure is counted' \
    "$(sqlite3 "$db" "SELECT failures FROM account WHERE name = 'boss'")" 1
same 'a wrong passphrase'
is 'and forgotten after the right one' \
    "$(sqlite3 "$db" "SELECT failures FROM account WHERE name = 'boss'")" 0
pf bad-x 'boss-paSS' 'x-pass'
fails 'a wrong passphrase adds nobody' 1 acc add x --role worker --as boss \
    --passphrase-file "$T/bad-x"
same 'a wrong passphrase on add'
pf ana-x 'ana-pass' 'x-pass'
fails 'a worker cannot add' 1 acc add x --role worker --as ana \
    --passphrase-file "$T/ana-x"
like 'saying an admin may' "$(cat "$T/.out")" \
    "'ana' may not add or disable accounts: that needs an admin"
same 'a worker adding'
pf sup-x 'sup-pass' 'x-pass'
fails 'nor a supervisor' 1 acc add x --role worker --as sup \
    --passphrase-file "$T/sup-x"
same 'a supervisor adding'
fails 'an unknown role' 2 acc add x --role boss --as boss \
    --passphrase-file "$T/boss-ana"
like 'names it' "$(cat "$T/.out")" "'boss' is not a role"
fails 'an account twice' 1 acc add ana --role worker --as boss \
    --passphrase-file "$T/boss-ana"
like 'is refused' "$(cat "$T/.out")" "account 'ana' exists already"
same 'an account twice'
fails 'no such acting account' 1 acc list --as nobody \
    --passphrase-file "$T/boss"
like 'says so' "$(cat "$T/.out")" "no account 'nobody'"
fails 'wrong usage' 2 acc frobnicate
fails 'add without --role' 2 acc add x --as boss
fails 'list takes no name' 2 acc list x --as boss

chmod 644 "$T/boss"
fails 'a passphrase file others may read' 1 acc list --as boss \
    --passphrase-file "$T/boss"
like 'names the file and its mode' "$(cat "$T/.out")" \
    "passphrase file '.*/boss' has mode 0644"
chmod 600 "$T/boss"
fails 'a file without the line needed' 1 acc add x --role worker --as boss \
    --passphrase-file "$T/boss"
like 'says which' "$(cat "$T/.out")" "has no line for the new passphrase of 'x'"

# passwd
pf ana-new 'ana-pass' 'ana-new-pass'
ok 'an account changes its own passphrase' acc passwd ana \
    --passphrase-file "$T/ana-new"
fails 'the old one no longer works' 1 acc list --as ana \
    --passphrase-file "$T/ana"
pf ana2 'ana-new-pass'
ok 'the new one does' acc list --as ana --passphrase-file "$T/ana2"
snap
pf ana-pin 'ana-new-pass' '654321'
fails "a worker cannot change another's" 1 acc passwd pin --as ana \
    --passphrase-file "$T/ana-pin"
like 'saying who may' "$(cat "$T/.out")" \
    "'ana' may not change the passphrase of 'pin': only that account or an admin may"
same "a worker changing another's passphrase"
pf boss-pin2 'boss-pass' '999999'
ok 'an admin changes anyone' acc passwd pin --as boss \
    --passphrase-file "$T/boss-pin2"
pf pin2 '999999' 'pin-x-pass'
ok 'with which that account signs in, and its store key opens' \
    acc passwd pin --passphrase-file "$T/pin2"
pf pin-short 'pin-x-pass' '12345'
fails 'a new passphrase too short' 1 acc passwd pin \
    --passphrase-file "$T/pin-short"
fails 'passwd of nobody' 1 acc passwd nobody --as boss \
    --passphrase-file "$T/boss-pin"
like 'says so' "$(cat "$T/.out")" "no account 'nobody'"

# disable
snap
pf ana-only 'ana-new-pass'
fails 'a worker cannot disable' 1 acc disable pin --as ana \
    --passphrase-file "$T/ana-only"
same 'a worker disabling'
fails 'the last admin cannot be disabled' 1 acc disable boss --as boss \
    --passphrase-file "$T/boss"
like 'saying so' "$(cat "$T/.out")" "cannot disable 'boss': it is the last enabled admin"
same 'disabling the last admin'
ok 'an admin disables a worker' acc disable ana --as boss \
    --passphrase-file "$T/boss"
like 'listed disabled' "$(acc list --as boss --passphrase-file "$T/boss")" \
    "$(printf 'ana\tworker\tdisabled')"
fails 'a disabled account cannot sign in' 1 acc list --as ana \
    --passphrase-file "$T/ana2"
like 'says so' "$(cat "$T/.out")" "account 'ana' is disabled"

# A wrong passphrase waits (a second after the first failure).
t0=$(date +%s)
ONWARD_ACCOUNT_NOWAIT= acc list --as sup --passphrase-file "$T/bad" \
    >/dev/null 2>&1
t1=$(date +%s)
ok 'a wrong passphrase waits' test $((t1 - t0)) -ge 1

# Accounts stay in their store: not in bundles, not in the dump.
ok 'export' "$ONWARD" --db "$db" export --all -o "$T/all.onward" --as boss \
    --passphrase-file "$T/boss"
"$ONWARD" --db "$T/new.db" account add field --role worker \
    --passphrase-file "$T/ana" >/dev/null
ok 'a new store merges it' "$ONWARD" --db "$T/new.db" merge "$T/all.onward" \
    --as field --passphrase-file "$T/ana"
is 'and has only its own account' "$("$ONWARD" --db "$T/new.db" account list \
    --as field --passphrase-file "$T/ana")" "$(printf 'field\tworker\tenabled')"
"$ONWARD" --db "$db" dump --as boss --passphrase-file "$T/boss" >"$T/final.dump"
ok 'the dump has no account' cmp "$v1/dump.txt" "$T/final.dump"
unlike 'no account name in the bundle' \
    "$(gzip -dc <"$T/all.onward" 2>/dev/null | grep -a -c 'boss-pass\|argon2')" \
    '^[1-9]'

# ONWARD_PASSPHRASE_FILE stands for --passphrase-file (tests/lib.sh's
# accounts uses it); the same mode rule holds.
e=$T/env.db
ok 'accounts (lib.sh)' accounts "$e" "Ana B:worker" "Sven:supervisor"
like 'signs in from ONWARD_PASSPHRASE_FILE' \
    "$("$ONWARD" --db "$e" account list --as Sven)" "$(printf 'Ana B\tworker')"
chmod 644 "$ONWARD_PASSPHRASE_FILE"
fails 'refused when others may read it' 1 "$ONWARD" --db "$e" account list \
    --as Sven
like 'naming the file' "$(cat "$T/.out")" "passphrase file '.*' has mode 0644"
chmod 600 "$ONWARD_PASSPHRASE_FILE"
fails '--passphrase-file wins over it' 1 "$ONWARD" --db "$e" account list \
    --as Sven --passphrase-file "$T/bad"
done_testing
