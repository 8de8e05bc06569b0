#!/bin/sh
# Chinese (two columns a character) and Arabic names display without
# breaking the layout: the columns of the case list stay aligned.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# The display column where TEXT starts on the screen line holding MARK.
column_of() {
	local line
	line=$(tui_screen | grep -F -- "$1" | head -n 1)
	line=${line%%"$2"*}
	printf '%s' "$line" | wc -L
}

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
ui_register '王小明' '86 139 0001' '2026-05-01' >/dev/null
ok 'a Chinese name shows on its case page' tui_wait '王小明' 10
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
ui_register 'محمد علي' '20 100 0002' '2026-05-02' >/dev/null
ok 'an Arabic name shows on its case page' tui_wait 'محمد علي' 10
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
ui_register 'Zoë Ångström' '46 70 0003' '2026-05-03' >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
ok 'the list shows all three' tui_wait '3 cases' 10
like 'the Chinese name is in the list' "$(tui_screen)" '王小明'
like 'the Arabic name is in the list' "$(tui_screen)" 'محمد علي'
c1=$(column_of '王小明' '86 139 0001')
c2=$(column_of 'محمد' '20 100 0002')
c3=$(column_of 'Zoë' '46 70 0003')
is 'the phone column starts at the same column after a Chinese name' "$c1" "$c3"
is 'and after an Arabic name' "$c2" "$c3"
d1=$(column_of '王小明' '2026-05-01')
d3=$(column_of 'Zoë' '2026-05-03')
is 'so does the date column' "$d1" "$d3"
w=$(tui_screen | wc -L)
ok 'no line is wider than the terminal' test "$w" -le 80
tui_resize 60 20
tui_wait '王小明' 10 >/dev/null
w=$(tui_screen | wc -L)
ok 'at 60 columns no line is wider than 60' test "$w" -le 60
tui_stop
done_testing
