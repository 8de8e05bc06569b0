#!/bin/sh
# The lock screen: after the lock time without a key (seconds here, through
# the test-only ONWARD_LOCK_SECONDS) the UI keeps what is being typed and
# shows only "Locked" and the passphrase field: no name of any person.  The
# right passphrase returns to the form with the text intact; F10 there
# quits with the draft kept.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

TUI_ENV='ONWARD_LOCK_SECONDS=3' ui_with_case
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Nadia Haddad'
ok 'after the lock time the lock screen shows' \
	tui_wait 'Locked: type the passphrase of Amina Yusuf' 15
"$ONWARD" --db "$DB" --forms "$UI_FORMS" cases 2>/dev/null | cut -f3 \
	>"$T/names"
printf '%s\n' 'Grace' 'Akello' 'Nadia' 'Haddad' 'Kano' 'Amina' 'Yusuf' \
	'Registration' >>"$T/names"
ok 'the store has names to look for' grep -q 'Grace Akello' "$T/names"
# Everything on the screen but the one line that names the account.
tui_screen | grep -v '^ *Locked: type the passphrase of Amina Yusuf$' \
	>"$T/screen"
ok 'no name of any person anywhere on the screen' \
	sh -c "! grep -F -f '$T/names' '$T/screen'"
tui_type 'not-the-one'
tui_keys Enter
ok 'a wrong passphrase is refused' tui_wait '1 wrong passphrase in a row' 10
like 'still locked' "$(tui_screen)" 'Locked'
unlike 'nothing of the form' "$(tui_screen)" 'Nadia|Full name|Grace'
tui_type "$UI_PASS"
tui_keys Enter
ok 'the right passphrase returns to the form' tui_wait '> \* Full name' 10
like 'with the text typed intact' "$(tui_screen)" 'Nadia Haddad'
tui_type ' Salem'
ok 'typing goes on where it was' tui_wait 'Nadia Haddad Salem' 10
ok 'it locks again after the next pause' tui_wait 'Locked' 15
tui_keys F10
ok 'F10 on the lock screen quits' tui_wait '\[exited 0\]' 10
tui_stop

ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F2
ok 'the draft is offered at the next start' tui_wait 'Continue it\?' 10
tui_keys y
ok 'with all that was typed' tui_wait 'Nadia Haddad Salem' 10
tui_stop

# The lock time is a setting; 0 never locks.
ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F9
ok 'the settings show the lock time' tui_wait 'Lock after \(minutes\) +10' 10
tui_keys Tab Tab Tab C-u
tui_type 'x'
tui_keys Enter
ok 'a lock time that is not a number is refused' tui_wait 'whole number of minutes' 10
tui_keys C-u
tui_type '0'
tui_keys Enter
ok 'it is saved' tui_wait 'Saved\.' 10
tui_keys Escape F9
ok 'and kept' tui_wait 'Lock after \(minutes\) +0' 10
tui_stop
done_testing
