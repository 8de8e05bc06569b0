#!/bin/sh
# onward settings: every key listed; lock_minutes a whole number; whether
# unsigned bundles merge, and how much one merge may bring in
# (merge_limit_mb), are an admin's to change, signed in.
. "$top_srcdir/tests/lib.sh"
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
db="$T/s.db"
on() { "$ONWARD" --db "$db" "$@"; }
pf boss 'boss-pass'
pf boss-wk 'boss-pass' 'wk-pass'
pf wk 'wk-pass'
pf bad 'boss-PASS'
on account add boss --role admin --passphrase-file "$T/boss" >/dev/null
on account add wk --role worker --as boss --passphrase-file "$T/boss-wk" >/dev/null

is 'every setting is listed' "$(on settings | cut -f1 | tr '\n' ' ')" \
	'worker site language lock_minutes accept_unsigned merge_limit_mb '
fails 'an unknown setting is refused' 1 on settings colour blue
like 'naming the ones there are' "$(on settings colour blue 2>&1)" \
	'lock_minutes, accept_unsigned and merge_limit_mb'
ok 'lock_minutes takes a number of minutes' on settings lock_minutes 5 --as wk \
	--passphrase-file "$T/wk"
is 'and keeps it' "$(on settings lock_minutes)" 5
fails 'but not words' 1 on settings lock_minutes soon --as wk \
	--passphrase-file "$T/wk"
like 'saying what it takes' "$(on settings lock_minutes soon 2>&1)" \
	'whole number of minutes'
is 'the old value stays' "$(on settings lock_minutes)" 5

is 'a headquarters store (an admin first) takes no unsigned bundle' \
	"$(on settings accept_unsigned)" no
fails 'changing it without --as is wrong usage' 2 on settings accept_unsigned yes
like 'saying it needs an admin' "$(on settings accept_unsigned yes 2>&1)" \
	'needs --as an admin'
fails 'a worker may not change it' 1 \
	on settings accept_unsigned yes --as wk --passphrase-file "$T/wk"
like 'saying so' "$(on settings accept_unsigned yes --as wk --passphrase-file "$T/wk" 2>&1)" \
	"'wk' is a worker"
fails 'nor an admin with a wrong passphrase' 1 \
	on settings accept_unsigned yes --as boss --passphrase-file "$T/bad"
fails 'it is yes or no' 1 \
	on settings accept_unsigned maybe --as boss --passphrase-file "$T/boss"
is 'still no after every refusal' "$(on settings accept_unsigned)" no
ok 'an admin signed in changes it' \
	on settings accept_unsigned yes --as boss --passphrase-file "$T/boss"
is 'to yes' "$(on settings accept_unsigned)" yes
fails 'merge_limit_mb needs an admin too' 2 on settings merge_limit_mb 5
fails 'and is a number of megabytes' 1 \
	on settings merge_limit_mb lots --as boss --passphrase-file "$T/boss"
like 'saying so' "$(on settings merge_limit_mb lots --as boss --passphrase-file "$T/boss" 2>&1)" \
	'whole number of megabytes'
ok 'an admin sets it' \
	on settings merge_limit_mb 5 --as boss --passphrase-file "$T/boss"
is 'to 5' "$(on settings merge_limit_mb)" 5
done_testing
