#!/bin/sh
# First run: the worker's name, site and language are asked once, with
# the store's first account (a passphrase typed twice, never shown, and
# whether the laptop is a field laptop or headquarters); then the case
# list opens, and every later start asks the passphrase first.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ok 'the first run asks for the name' tui_wait 'Your name' 20
like 'it asks for the site and the language too' "$(tui_screen)" 'Site'
like 'the language is offered' "$(tui_screen)" 'Language'
like 'a passphrase, twice' "$(tui_screen)" 'Passphrase.*
.*
 *Again'
like 'and what this laptop is' "$(tui_screen)" 'This laptop +< a field laptop >'
tui_keys F2
ok 'an empty name is refused' tui_wait 'type your name first' 10
tui_type 'Amina Yusuf'
tui_keys Tab
tui_type 'Kano'
tui_keys F2
ok 'no passphrase is refused' tui_wait 'choose a passphrase' 10
tui_type "$UI_PASS"
tui_keys Tab
tui_type 'something else'
tui_keys F2
ok 'two different passphrases are refused' \
	tui_wait 'the two passphrases differ' 10
unlike 'what is typed is not shown' "$(tui_screen)" "$UI_PASS|something"
like 'but bullets are' "$(tui_screen)" 'Passphrase +•••••••••'
tui_keys C-u
tui_type "$UI_PASS"
tui_keys F2
ok 'the case list greets the worker' tui_wait 'Welcome, Amina Yusuf' 10
like 'an empty store says how to begin' "$(tui_screen)" 'No cases yet'
tui_keys F10
ok 'quits' tui_wait '\[exited 0\]' 10
tui_stop
printf '%s\n' "$UI_PASS" >"$T/pass"
chmod 600 "$T/pass"
like 'the first run made the account, a worker on a field laptop' \
	"$(ONWARD_PWHASH_FAST=1 "$ONWARD" --db "$DB" account list \
	--as 'Amina Yusuf' --passphrase-file "$T/pass")" \
	'^Amina Yusuf	worker	enabled'

ui_start
ok 'the second start asks for the passphrase' tui_wait 'Sign in' 20
like 'of the worker' "$(tui_screen)" 'Account +Amina Yusuf'
unlike 'and does not ask the first-run questions again' "$(tui_screen)" \
	'Your name'
ui_signin
ok 'then the case list opens' tui_wait 'Search:' 10
tui_keys F9
ok 'the settings keep the name' tui_wait 'Amina Yusuf' 10
like 'and the site' "$(tui_screen)" 'Kano'
tui_stop

# Headquarters: the first account is an admin.
DB="$T/hq.db"
ui_start
tui_wait 'Your name' 20 >/dev/null
tui_type 'Supervisor'
tui_keys Tab
tui_type 'HQ'
tui_keys Tab Tab
tui_type "$UI_PASS"
tui_keys Tab
tui_type "$UI_PASS"
tui_keys Tab Right
ok 'the laptop can be headquarters' tui_wait '< headquarters >' 10
tui_keys F2
tui_wait 'Welcome, Supervisor' 10 >/dev/null
tui_stop
like 'then the account is an admin' \
	"$(ONWARD_PWHASH_FAST=1 "$ONWARD" --db "$DB" account list \
	--as Supervisor --passphrase-file "$T/pass")" \
	'^Supervisor	admin	enabled'
done_testing
