#!/bin/sh
# A store with no account (made before accounts: tests/data/store-v1)
# refuses every verb that writes, saying how to make the first account,
# and writes nothing (`onward dump` unchanged); its first account keeps
# every record.  On a store with accounts, reading needs an account signed
# in (cases, record show and history, dump, export, csv) and the report a
# supervisor; a refusal shows nothing of any person.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
v1="$top_srcdir/tests/data/store-v1"
db="$T/old.db"
gzip -dc "$v1/store.sql.gz" | sqlite3 "$db"
on() { "$ONWARD" --db "$db" "$@"; }
pf p 'pass-word'
on dump >"$T/dump.was" 2>/dev/null
ok 'the old store reads as it was' cmp "$v1/dump.txt" "$T/dump.was"
rec=$(sed -n 's/^record \([^ ]*\) registration .*/\1/p' "$T/dump.was" |
    head -n 1)
cid=$(sed -n 's/^case \([^ ]*\) beneficiary .*/\1/p' "$T/dump.was" | head -n 1)
conflict=$(head -n 1 "$v1/conflicts.txt" | cut -f1)
on export --all -o "$T/all.onward" >/dev/null
worker=$(on settings worker)

# refused WHAT VERB...: the verb exits 1, says how to make the first
# account, and the dump is unchanged.
refused() {
	local what=$1
	shift
	fails "$what is refused" 1 on "$@" --as amina --passphrase-file "$T/p"
	like "$what: saying how to make the first account" "$(cat "$T/.out")" \
	    "no account yet: to .*, make the first with 'onward account add NAME --role admin' \\(headquarters\\) or '--role worker'"
	on dump >"$T/dump.now" 2>/dev/null
	ok "$what: the dump is unchanged" cmp "$T/dump.was" "$T/dump.now"
}
refused 'record add' record add registration consent=yes full_name=Y
refused 'record edit' record edit "$rec" full_name=Y
refused 'record delete' record delete "$rec"
refused 'record restore' record restore "$rec"
refused 'conflicts resolve' conflicts resolve "$conflict" --pick 2
refused 'erase' erase "$cid" --reason asked
refused 'merge' merge "$T/all.onward"
refused 'settings worker' settings worker amina
refused 'settings accept_unsigned' settings accept_unsigned no
refused 'keys import' keys import "$T/all.onward"
refused 'keys export' keys export -o "$T/k.keys"
refused 'devices accept' devices accept 0123abcd
refused 'devices revoke' devices revoke 0123abcd
fails 'without --as, record add is refused too' 1 \
    on record add registration consent=yes full_name=Y
like 'saying how' "$(cat "$T/.out")" "no account yet: to enter records"
is 'the worker setting is as it was' "$(on settings worker)" "$worker"

# Its first account: made without signing in, every record kept.
ok 'the first account of an old store' \
    on account add amina --role admin --passphrase-file "$T/p"
on dump --as amina --passphrase-file "$T/p" >"$T/dump.now"
ok 'keeps every record' cmp "$v1/dump.txt" "$T/dump.now"
ok 'and now it writes, signed in' on record edit "$rec" 'full_name=Yara Y' \
    --as amina --passphrase-file "$T/p"
like 'as the account' "$(on record history "$rec" --as amina \
    --passphrase-file "$T/p")" '	amina	.*full_name: .* -> Yara Y$'

# Reading on a store with accounts.
pf p2 'pass-word' 'pass-word'
on account add wes --role worker --as amina --passphrase-file "$T/p2" \
    >/dev/null
on account add sue --role supervisor --as amina --passphrase-file "$T/p2" \
    >/dev/null
name=$(sed -n 's/^	full_name = //p' "$v1/dump.txt" | head -n 1)
# No worker setting either: nothing names the account.
on settings worker '' --as amina --passphrase-file "$T/p"
# unread WHAT VERB...: without an account signed in, the verb exits 1
# saying to sign in, and prints nothing of anyone.
unread() {
	local what=$1
	shift
	fails "$what needs an account signed in" 1 on "$@"
	like "$what: saying so" "$(cat "$T/.out")" \
	    "this store has accounts: sign in with --as ACCOUNT"
	unlike "$what: showing no one" "$(cat "$T/.out")" "$name|$cid"
}
unread 'cases' cases
unread 'record show' record show "$rec"
unread 'record history' record history "$rec"
unread 'dump' dump
unread 'csv' csv --all -o "$T/csv"
ok 'csv wrote no file' test -z "$(ls "$T/csv" 2>/dev/null)"
unread 'export' export --all -o "$T/no.onward"
ok 'export wrote nothing' test ! -e "$T/no.onward"
unread 'report' report
pf bad 'pass-WORD'
fails 'a wrong passphrase shows nothing' 1 on cases --as wes \
    --passphrase-file "$T/bad"
like 'saying so' "$(cat "$T/.out")" "wrong passphrase for 'wes'"
unlike 'and no one' "$(cat "$T/.out")" "$cid"
ok 'a worker lists cases' on cases --as wes --passphrase-file "$T/p"
like 'and sees them' "$(cat "$T/.out")" "^$cid	"
ok 'a worker dumps' on dump --as wes --passphrase-file "$T/p"
ok 'shows a record' on record show "$rec" --as wes --passphrase-file "$T/p"
ok 'exports' on export --all -o "$T/w.onward" --as wes --passphrase-file "$T/p"
fails 'a worker may not read the report' 1 on report --as wes \
    --passphrase-file "$T/p"
like 'saying it needs a supervisor' "$(cat "$T/.out")" \
    "'wes' is a worker and may not read reports: that needs a supervisor"
unlike 'and showing no figure' "$(cat "$T/.out")" 'People registered'
ok 'a supervisor reads it' on report --as sue --passphrase-file "$T/p"
like 'the figures' "$(cat "$T/.out")" 'People registered'
ok 'ONWARD_ACCOUNT names the account' env ONWARD_ACCOUNT=sue \
    ONWARD_PASSPHRASE_FILE="$T/p" "$ONWARD" --db "$db" report
fails '--as wins over it' 1 env ONWARD_ACCOUNT=sue \
    ONWARD_PASSPHRASE_FILE="$T/p" "$ONWARD" --db "$db" report --as wes
done_testing
