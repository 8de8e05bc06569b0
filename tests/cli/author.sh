#!/bin/sh
# The author of a change: on a store with accounts, the account signed in
# (--as and its passphrase), never free text; a store without accounts
# (made before them, a demo) keeps --as, the worker setting, then $USER.
. "$top_srcdir/tests/lib.sh"
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
export ONWARD_DATA="$top_srcdir/tests/data/data-ok"
db="$T/s.db"
on() { "$ONWARD" --db "$db" "$@"; }
pf boss 'boss-pass'
pf boss-wk 'boss-pass' 'wk-pass'
pf boss-sup 'boss-pass' 'sup-pass'
pf wk 'wk-pass'
pf sup 'sup-pass'
pf bad 'wk-PASS'
reg='full_name=Grace Akello'

rid=$(on record add registration --as 'Any Name' "$reg" training_end=2026-05-01 | sed -n 1p)
like 'without accounts, --as is taken as it is' "$(on dump)" \
	"^record $rid registration .* by Any Name "

on account add boss --role admin --passphrase-file "$T/boss" >/dev/null
on account add wk --role worker --as boss --passphrase-file "$T/boss-wk" >/dev/null
on account add sup --role supervisor --as boss --passphrase-file "$T/boss-sup" >/dev/null
on dump >"$T/dump.was"

fails 'with accounts, a name that is no account is refused' 1 \
	on record add registration --as 'Supervisor Boss' \
	--passphrase-file "$T/wk" "$reg"
like 'saying there is no such account' "$(cat "$T/.out")" "Supervisor Boss"
fails 'a wrong passphrase is refused' 1 \
	on record add registration --as wk --passphrase-file "$T/bad" "$reg"
like 'saying so' "$(cat "$T/.out")" "wrong passphrase for 'wk'"
on settings worker '' >/dev/null
fails 'no --as and no worker setting is refused' 1 \
	on record add registration --passphrase-file "$T/wk" "$reg"
like 'saying to sign in' "$(cat "$T/.out")" 'sign in with --as ACCOUNT'
on dump >"$T/dump.now"
ok 'nothing was written by any of them' cmp "$T/dump.was" "$T/dump.now"

out=$(on record add registration --as wk --passphrase-file "$T/wk" "$reg" \
	training_end=2026-05-02)
rid2=$(printf '%s\n' "$out" | sed -n 1p)
like 'the account signed in is the author' "$(on dump)" \
	"^record $rid2 registration .* by wk "
on settings worker wk >/dev/null
ok 'the worker setting names the account when --as is left out' \
	on record edit "$rid2" --passphrase-file "$T/wk" training_end=2026-05-03
like 'edited by wk' "$(on record history "$rid2")" 'wk.*training_end'
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
