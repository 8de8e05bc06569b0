#!/bin/bash
# The report screen is a supervisor's: a worker signed in who presses F8
# sees a message saying so, not the figures.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
export ONWARD_FORMS="$top_srcdir/forms"
export ONWARD_DATA="$top_srcdir/data"
DB="$T/demo.db"
"$ONWARD" --db "$DB" demo --cases 10 --seed 5 >/dev/null 2>&1 ||
	{ echo "Bail out! onward demo failed"; exit 1; }
ui_passphrase demo-2026

tui_start 100x30 --db "$DB"
ok 'the UI asks the demo worker to sign in' tui_wait 'Account +Amina Yusuf' 20
ui_signin
ok 'the case list opens' tui_wait 'F8 Reports' 20
tui_keys F8
ok 'F8 tells a worker the report is a supervisor'"'"'s' \
	tui_wait 'The report is for a supervisor or an admin' 20
unlike 'and shows no figure' "$(tui_screen)" 'People registered'
tui_stop
done_testing
