#!/bin/sh
# Small things a field worker meets all day: the Swedish and French key
# lines keep F9 Settings at 80 columns; a long message (a merge refused,
# the French "draft saved") is not cut; a stray letter on the case page
# does not open the closing form; Home and End as PuTTY sends them move
# the cursor; the form picker shows its choice without colour; a choice
# label uses the screen's width; TERM=dumb says it cannot draw.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

joined() { tui_screen | tr -s ' \n' '  '; }

ui_with_case 80x24
tui_wait 'Timeline' 10 >/dev/null
tui_type 'c'
sleep 0.5
unlike 'a stray c on the case page opens no closing form' "$(tui_screen)" \
	'Why is the case closed'
like 'the case page is still shown' "$(tui_screen)" 'Timeline'
tui_type 'x'
tui_type 'e'
sleep 0.5
unlike 'nor does x delete, or e erase' "$(tui_screen)" 'Delete this record|reason'
tui_keys F8
ok 'F8 still opens the closing form' tui_wait 'Why is the case closed' 10
tui_keys Escape
tui_wait 'Timeline' 10 >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_type 'akel'
tui_keys -l "$(printf '\033[1~')"
tui_type 'Gr'
ok 'Home as PuTTY sends it (ESC [1~) moves to the start' \
	tui_wait 'Search: +Grakel' 10
unlike 'and is no Esc followed by text' "$(tui_screen)" '\[1~'
tui_keys -l "$(printf '\033[4~')"
tui_type 'o'
ok 'End (ESC [4~) moves to the end' tui_wait 'Search: +Grakelo' 10
tui_keys C-u Escape
tui_wait 'Search:' 10 >/dev/null
printf 'not a bundle at all\n' >"$T/broken.onward"
tui_keys F5
tui_wait 'broken.onward' 10 >/dev/null
tui_keys Tab F3
ok 'a bundle refused says so' tui_wait 'broken.onward' 10
like 'whole, not cut at the edge' "$(joined)" \
	"'$T/broken.onward' is not an onward bundle .*nothing of it was merged"
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop

for l in sv fr; do
	TUI_ENV="LANGUAGE=$l" ui_start 80x24
	ui_signin
	tui_wait 'F10' 10 >/dev/null
	like "$l: the case list's key line keeps F9 Settings at 80 columns" \
		"$(tui_screen | tail -n 1)" 'F9 [^ ]+.*F10'
	tui_stop
done

TUI_ENV="LANGUAGE=fr" ui_start 60x20
ui_signin
tui_wait 'F10' 10 >/dev/null
tui_keys Enter
tui_wait 'F2' 10 >/dev/null
tui_keys F2
tui_wait 'AAAA-MM-JJ|YYYY-MM-DD' 10 >/dev/null
tui_keys C-u
tui_type '2026-06-14'
ok 'fr at 60 columns: "draft saved" whole' \
	tui_wait 'brouillon enregistré' 10
tui_stop

UI_FORMS="$top_srcdir/tests/data/forms-read"
DB="$T/read.db"
TUI_TERM=vt100 TUI_ENV="NO_COLOR=1" ui_start 80x24
ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
tui_keys F2
ok 'vt100 without colour: F2 offers the registration forms' \
	tui_wait 'Register with which form' 10
like 'the one chosen is marked' "$(tui_screen)" '>  *Profile'
tui_keys Down
ok 'Down moves the mark' tui_wait '>  *Short registration' 10
unlike 'from the first' "$(tui_screen)" '>  *Profile'
tui_stop

rm -f "$DB"
ui_start 160x45
ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
tui_keys F2
tui_wait 'Register with which form' 10 >/dev/null
tui_keys Enter
tui_wait 'Full name' 10 >/dev/null
tui_keys Tab Tab
ok 'a list at 160 columns shows a long choice label whole' \
	tui_wait 'write it in the story below' 10
tui_stop

TUI_TERM=dumb ui_start 80x24
ok 'TERM=dumb: says it cannot draw' tui_wait 'cannot move the cursor' 10
ok 'and stops' tui_wait '\[exited 1\]' 10
tui_stop
done_testing
