#!/bin/sh
# Register a beneficiary through the registration form, then find them by
# typing part of the name, with and without accents.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
ok 'the registration form saves a new case' \
	ui_register 'Amélie Dubois' '+33 612 345' '2026-05-01'
like 'the case page shows the name' "$(tui_screen)" 'Amélie Dubois'
like 'and the phone' "$(tui_screen)" '\+33 612 345'
like 'and the record in the timeline' "$(tui_screen)" 'Registration +by Amina Yusuf'
tui_keys Escape
ok 'back on the case list' tui_wait 'Search:' 10
ok 'the new case is listed' tui_wait 'Amélie Dubois' 10
ui_register 'Kofi Mensah' '233 20 555' '2026-04-01' >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_wait 'Kofi Mensah' 10 >/dev/null

tui_type 'amel'
ok 'typing part of the name without the accent finds her' tui_wait '(^| )1 case( |$)' 10
like 'and shows her' "$(tui_screen)" 'Amélie Dubois'
unlike 'and not the other case' "$(tui_screen)" 'Kofi'
tui_keys C-u
ok 'clearing the search shows both' tui_wait '(^| )2 cases( |$)' 10
tui_type 'Amél'
ok 'typing with the accent finds her too' tui_wait '(^| )1 case( |$)' 10
like 'the same case' "$(tui_screen)" 'Amélie Dubois'
tui_keys Escape
tui_type 'MENS'
ok 'case does not matter' tui_wait 'Kofi Mensah' 10
unlike 'only Kofi is shown' "$(tui_screen)" 'Amélie'
tui_keys Enter
ok 'Enter opens the case' tui_wait 'Case [^ ]+' 10
like 'with its registration' "$(tui_screen)" 'Registration'
tui_stop
done_testing
