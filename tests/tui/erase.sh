#!/bin/sh
# Erasure from the case page: a supervisor or an admin types the reason,
# answers the question naming the case, and the case is erased: its name
# is on neither the screen nor in `onward dump`.  A worker is told it
# needs a supervisor.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT

ui_with_case
tui_keys F7
ok 'a worker may not erase a case' \
    tui_wait 'erasing a case needs a supervisor or an admin signed in' 10
like 'and the case stays' "$(tui_screen)" 'Grace Akello'
tui_stop

DB="$T/hq.db"
ui_start
ui_firstrun 'Boss' 'HQ' hq >/dev/null
ui_register 'Grace Akello' '256 77 123' '2026-04-01' >/dev/null
tui_keys F7
ok 'F7 asks for the reason' tui_wait 'Reason for erasing:' 10
tui_keys Enter
ok 'an empty reason is refused' tui_wait 'an erasure needs a reason' 10
tui_type 'she asked for it'
tui_keys Enter
ok 'the question names the case' \
    tui_wait 'Erase the case Grace Akello for good' 10
tui_keys y
ok 'the case is erased' tui_wait 'The case is erased' 10
ok 'the page shows it erased' tui_wait '\(erased\)' 10
unlike 'no name left on the screen' "$(tui_screen)" 'Grace Akello'
unlike 'no name left in the dump' "$("$ONWARD" --db "$DB" dump 2>&1)" \
    'Grace Akello'
tui_stop
done_testing
