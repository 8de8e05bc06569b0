#!/bin/sh
# Signing in: on a store with accounts the UI asks the passphrase before it
# shows anything; a wrong one is refused, saying so and counting, and the
# case list stays hidden.  A store made before accounts, with a worker
# set, asks once for that worker's account and keeps every record.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano' hq >/dev/null
ui_register 'Grace Akello' '256 77 123' '2026-04-01' >/dev/null
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop
# A second account, for a second worker on the same laptop.
printf '%s\n%s\n' "$UI_PASS" 'bob-passphrase' >"$T/pass"
chmod 600 "$T/pass"
ONWARD_PWHASH_FAST=1 "$ONWARD" --db "$DB" account add bob --role worker \
	--as 'Amina Yusuf' --passphrase-file "$T/pass"

ui_start
ok 'a store with accounts starts on the sign-in screen' tui_wait 'Sign in' 20
like 'the account is the worker setting' "$(tui_screen)" 'Account +Amina Yusuf'
tui_type 'not-the-one'
tui_keys Enter
ok 'a wrong passphrase is refused' tui_wait "wrong passphrase for 'Amina Yusuf'" 10
like 'and counted' "$(tui_screen)" '1 wrong passphrase in a row'
unlike 'the passphrase typed is not shown' "$(tui_screen)" 'not-the-one'
unlike 'the case list is not shown' "$(tui_screen)" 'Grace|Akello|Search:'
tui_type 'wrong-again'
tui_keys F2
ok 'a second wrong one is counted too' tui_wait '2 wrong passphrases in a row' 10
unlike 'still no case list' "$(tui_screen)" 'Grace|Akello|Search:'
tui_keys Up C-u
tui_type 'bob'
tui_keys Tab
tui_type 'bob-passphrase'
tui_keys Enter
ok 'the right passphrase opens the case list' tui_wait 'Welcome, bob' 10
# The list opens on bob's own cases; F11 shows everyone's.
tui_keys F11
ok 'with the cases' tui_wait 'Grace Akello' 10
ok 'a record is saved' ui_register 'Nadia Haddad' '961 3 123' '2026-05-30'
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F9
ok "the worker setting is still the laptop's worker" \
	tui_wait 'Worker +Amina Yusuf' 10
tui_stop
"$ONWARD" --db "$DB" --forms "$UI_FORMS" dump >"$T/dump.txt" 2>&1
like 'the signed-in account is its author, not the worker setting' \
	"$(grep '^record .* registration .* by ' "$T/dump.txt")" ' by bob created'

# A store made before accounts: the worker's account, once.
DB="$T/old.db"
accounts "$DB" 'Amina Yusuf'
"$ONWARD" --db "$DB" settings worker 'Amina Yusuf'
"$ONWARD" --db "$DB" --forms "$UI_FORMS" record add registration \
	full_name='Grace Akello' phone='256 77 123' training_end=2026-04-01 >/dev/null
# Written signed in (a store refuses writes without an account), then
# made as it was before accounts: no account, no device keys.
sqlite3 "$DB" "DELETE FROM account; DELETE FROM meta WHERE key GLOB 'keys_*'"
ui_start
ok 'a store without accounts asks for the worker account' \
	tui_wait 'no account yet' 20
like 'the name filled in' "$(tui_screen)" 'Your name +Amina Yusuf'
unlike 'and no site or language asked again' "$(tui_screen)" 'Site|Language'
unlike 'nothing of the cases shown yet' "$(tui_screen)" 'Grace'
ui_signin
ok 'then the case list opens' tui_wait 'Welcome, Amina Yusuf' 10
like 'with every record kept' "$(tui_screen)" 'Grace Akello'
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop
ui_start
ok 'it is asked once: the next start signs in' tui_wait 'Sign in' 20
ui_signin
ok 'with the passphrase chosen' tui_wait 'Grace Akello' 10
tui_stop
done_testing
