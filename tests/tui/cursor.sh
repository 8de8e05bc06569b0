#!/bin/sh
# The terminal cursor sits in the field being typed into, at the caret:
# a form's text field (after Left and Home too), a list's filter, the
# sync screen's folder prompt, the sign-in passphrase and the settings.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# The cursor as tmux sees it: "x,y,shown".
cursor() { _tmux display -p -t t '#{cursor_x},#{cursor_y},#{cursor_flag}'; }
# The row (from 0) of the first line matching PATTERN.
row_of() { tui_screen | grep -En -- "$1" | head -n 1 | cut -d: -f1 |
	awk '{ print $1 - 1 }'; }
# Waits until the cursor is at "x,y,1".
cursor_at() {
	local i=0
	while [ "$i" -lt 100 ]; do
		[ "$(cursor)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diag "cursor at $(cursor), wanted $1" "$(tui_screen)"
	return 1
}

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Grace'
tui_wait 'Grace' 10 >/dev/null
y=$(( $(row_of '> \* Full name') + 1 ))
ok 'typing: the cursor is after the last letter' cursor_at "7,$y,1"
tui_keys Left Left
ok 'Left moves the cursor back in the field' cursor_at "5,$y,1"
tui_keys C-a
ok '^A (Home) moves it to the start of the field' cursor_at "2,$y,1"
tui_type 'X'
ok 'and what is typed goes there' tui_wait 'XGrace' 5
tui_keys Escape
tui_wait 'Leave this form' 10 >/dev/null
tui_keys y
tui_wait 'Search:' 10 >/dev/null

tui_keys F5
tui_wait 'Bundles in' 10 >/dev/null
tui_keys F4
tui_wait 'Folder:' 10 >/dev/null
tui_type '/tmp/ab'
ok 'the sync screen shows the folder being typed' tui_wait 'Folder: +/tmp/ab' 5
y=$(row_of 'Folder: +/tmp/ab')
x=$(tui_screen | sed -n "$((y + 1))p" | sed 's|/tmp/ab.*|/tmp/ab|' | awk '{ print length($0) }')
ok 'and the cursor is at its end' cursor_at "$x,$y,1"
tui_keys Escape Escape
tui_wait 'Search:' 10 >/dev/null

tui_keys F9
tui_wait 'Settings' 10 >/dev/null
tui_keys Down
y=$(row_of 'Worker +Amina Yusuf')
x=$(tui_screen | sed -n "$((y + 1))p" | sed 's|Amina Yusuf.*|Amina Yusuf|' | awk '{ print length($0) }')
ok 'settings: the cursor is in the worker field' cursor_at "$x,$y,1"
tui_keys F10
tui_wait '\[exited' 10 >/dev/null
tui_stop

ui_start
tui_wait "$UI_SIGNIN_RE" 20 >/dev/null
tui_type 'abc'
y=$(row_of 'Passphrase')
x=$(( $(tui_screen | sed -n "$((y + 1))p" | sed 's|•.*||' | awk '{ print length($0) }') + 3 ))
ok 'sign-in: the cursor is after the third bullet' cursor_at "$x,$y,1"
tui_stop
done_testing
