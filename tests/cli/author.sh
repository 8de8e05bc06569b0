#!/bin/sh
# The author of a change: on a store with accounts, the account signed in
# (--as and its passphrase), never free text; a store without accounts
# (made before them) is refused until its first account is made.
. "$top_srcdir/tests/lib.sh"
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
export ONWARD_DATA="$top_srcdir/tests/data/data-ok"
db="$T/s.db"
on() { "$ONWARD" --db "$db" "$@"; }
dump() { on dump --as boss --passphrase-file "$T/boss"; }
pf boss 'boss-pass'
pf boss-wk 'boss-pass' 'wk-pass'
pf boss-sup 'boss-pass' 'sup-pass'
pf wk 'wk-pass'
pf sup 'sup-pass'
pf bad 'wk-PASS'
reg='full_name=Grace Akello'

fails 'without accounts, --as is refused' 1 \
	on record add registration --as 'Any Name' "$reg" training_end=2026-05-01
like 'saying how to make the first account' "$(cat "$T/.out")" \
	"no account yet: to enter records, make the first with 'onward account add NAME --role admin'"
is 'nothing was written' "$(on dump)" ''

on account add boss --role admin --passphrase-file "$T/boss" >/dev/null
on account add wk --role worker --as boss --passphrase-file "$T/boss-wk" >/dev/null
on account add sup --role supervisor --as boss --passphrase-file "$T/boss-sup" >/dev/null
dump >"$T/dump.was"

fails 'with accounts, a name that is no account is refused' 1 \
	on record add registration --as 'Supervisor Boss' \
	--passphrase-file "$T/wk" "$reg"
like 'saying there is no such account' "$(cat "$T/.out")" "Supervisor Boss"
fails 'a wrong passphrase is refused' 1 \
	on record add registration --as wk --passphrase-file "$T/bad" "$reg"
like 'saying so' "$(cat "$T/.out")" "wrong passphrase for 'wk'"
on settings worker '' --as boss --passphrase-file "$T/boss" >/dev/null
fails 'no --as and no worker setting is refused' 1 \
	on record add registration --passphrase-file "$T/wk" "$reg"
like 'saying to sign in' "$(cat "$T/.out")" 'sign in with --as ACCOUNT'
dump >"$T/dump.now"
ok 'nothing was written by any of them' cmp "$T/dump.was" "$T/dump.now"

out=$(on record add registration --as wk --passphrase-file "$T/wk" "$reg" \
	training_end=2026-05-02)
rid2=$(printf '%s\n' "$out" | sed -n 1p)
like 'the account signed in is the author' "$(dump)" \
	"^record $rid2 registration .* by wk "
on settings worker wk --as boss --passphrase-file "$T/boss" >/dev/null
ok 'the worker setting names the account when --as is left out' \
	on record edit "$rid2" --passphrase-file "$T/wk" training_end=2026-05-03
like 'edited by wk' "$(on record history "$rid2" --passphrase-file "$T/wk")" 'wk.*training_end'
# (A case's registration is never deleted: a visit entered by mistake.)
rid3=$(on record add shop_visit --as wk --passphrase-file "$T/wk" visits=2 |
	sed -n 1p)
ok 'a worker deletes a record it entered by mistake' \
	on record delete "$rid3" --as wk --passphrase-file "$T/wk"

fails 'a worker may not settle conflicts' 1 \
	on conflicts resolve NOSUCH --pick 1 --as wk --passphrase-file "$T/wk"
like 'saying it needs a supervisor' "$(cat "$T/.out")" \
	"'wk' is a worker and may not settle conflicts"
fails 'a supervisor signs in and is told there is no such conflict' 1 \
	on conflicts resolve NOSUCH --pick 1 --as sup --passphrase-file "$T/sup"
like 'the conflict, not the account, is what is wrong' "$(cat "$T/.out")" \
	"no conflict 'NOSUCH'"
done_testing
