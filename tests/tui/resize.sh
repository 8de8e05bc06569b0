#!/bin/sh
# Resizing to 60x20 and back, or below the minimum, keeps what was typed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Fatima Zahra'
tui_resize 60 20
ok 'at 60x20 the form is still drawn' tui_wait 'Fatima Zahra' 10
like 'with its help line' "$(tui_screen)" 'F1 Help'
tui_type ' Benali'
ok 'typing goes on at 60x20' tui_wait 'Fatima Zahra Benali' 10
tui_resize 40 10
ok 'at 40x10 it says the terminal is too small' tui_wait 'too small' 10
tui_type 'x'
tui_resize 80 24
ok 'back at 80x24 the text is intact' tui_wait 'Fatima Zahra Benali' 10
unlike 'and a key pressed while too small did nothing' "$(tui_screen)" \
	'Benalix'
tui_keys Tab
tui_type '212 600'
tui_keys F2
tui_wait '> \* End of training' 10 >/dev/null
tui_type '2026-05-01'
tui_keys F2
# The form shows the name too: wait for the save itself.
ok 'the record saves' tui_wait 'Saved\.' 10
like 'with the text typed across resizes' "$(tui_screen)" 'Fatima Zahra Benali'
tui_stop
done_testing
