#!/bin/bash
# The handover screen (F12 on the case list, supervisors): the accounts
# with their open cases; Enter chooses whose cases go, Enter another who
# takes them, and after a question every open case is theirs, as onward
# assign --from --to does.  The case list then no longer shows them among
# "my cases", only among everyone's (F11).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start 80x24
ui_firstrun 'Amina Yusuf' 'Kano' hq >/dev/null
ui_register 'Grace Akello' '256 77 123' '2026-04-01' >/dev/null
pf pp "$UI_PASS" 'kofi-2026-pass' 'kofi-2026-pass'
ok 'a second account' "$ONWARD" --db "$DB" --forms "$UI_FORMS" account add \
    kofi --role worker --as 'Amina Yusuf' --passphrase-file "$T/pp"
tui_keys Escape
ok 'the case list opens on my cases' tui_wait 'mine \(F11\)' 10
like "with the admin's own case" "$(tui_screen)" 'Grace Akello'
tui_keys F12
ok 'F12 opens the handover screen' tui_wait 'Whose open cases go' 10
like 'listing the accounts and their open cases' "$(tui_screen)" \
    'Amina Yusuf +admin +1 open case'
like 'kofi has none yet' "$(tui_screen)" 'kofi +worker +0 open cases'
tui_keys Enter
ok 'Enter chooses whose cases go' tui_wait 'Who takes them' 10
like 'marked' "$(tui_screen)" '1 open case  <- their cases go'
tui_keys Down Enter
ok 'Enter on kofi asks first' \
    tui_wait 'Hand over 1 open case of Amina Yusuf to kofi\?' 10
tui_keys y
ok 'the cases are handed over' tui_wait '1 case handed over to kofi\.' 10
ok "kofi has them now" tui_wait 'kofi +worker +1 open case' 10
is 'as the store says' "$("$ONWARD" --db "$DB" --forms "$UI_FORMS" cases \
    --owner kofi | cut -f3)" 'Grace Akello'
tui_keys Escape
ok 'back on the case list' tui_wait 'mine \(F11\)' 10
ok 'which no longer shows her among my cases' tui_gone 'Grace Akello' 10
tui_keys F11
ok "everyone's cases do" tui_wait 'Grace Akello' 10
tui_stop
done_testing
