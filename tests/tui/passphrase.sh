#!/bin/sh
# Passphrases typed at the terminal: not echoed, asked twice for a new
# one; ^C at the prompt ends onward with the terminal's echo back on.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
DB="$T/store.db"

tui_start --db "$DB" account add amina --role admin
ok 'a new passphrase is asked for' tui_wait "New passphrase for 'amina'" 10
tui_type 'kano-2026'
tui_keys Enter
ok 'and asked again' tui_wait 'gain' 10
unlike 'what is typed is not shown' "$(tui_screen)" 'kano-2026'
tui_type 'kano-2026'
tui_keys Enter
ok 'the account is made' tui_wait '\[exited 0\]' 10
unlike 'the passphrase never showed' "$(tui_screen)" 'kano-2026'
tui_stop
like 'it is listed' "$("$ONWARD" --db "$DB" account list --as amina \
	--passphrase-file /dev/null 2>&1 || true)" '.'
printf 'kano-2026\n' >"$T/pass"
chmod 600 "$T/pass"
like 'and its passphrase is the one typed' \
	"$("$ONWARD" --db "$DB" account list --as amina --passphrase-file "$T/pass")" \
	'^amina	admin	enabled'

# The pane's shell survives the ^C (its trap) and says how the terminal
# was left.
cat >"$T/run.sh" <<EOS
trap : INT
'$ONWARD' --db '$DB' account passwd amina
echo "[exited \$?]"
if stty -a | grep -q -- ' -echo '; then echo ECHO-OFF; else echo ECHO-ON; fi
sleep 600
EOS
_tmux new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color LC_ALL=C.UTF-8 ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1 sh '$T/run.sh'"
trap 'tui_stop; rm -rf "$T"' EXIT
ok 'passwd asks for the passphrase' tui_wait "Passphrase for 'amina'" 10
tui_type 'half typed'
tui_keys C-c
ok '^C ends onward, as a signal does' tui_wait '\[exited 130\]' 10
ok 'with the terminal echoing again' tui_wait 'ECHO-ON' 10
unlike 'not left silent' "$(tui_screen)" 'ECHO-OFF'
tui_stop
like 'nothing was changed' \
	"$("$ONWARD" --db "$DB" account list --as amina --passphrase-file "$T/pass")" \
	'^amina	admin	enabled'
done_testing
