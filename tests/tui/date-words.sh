#!/bin/sh
# Date entry shows its format and takes words: "yesterday" and "today"
# become those dates when the question is left, and so do the words of
# the language shown (French "hier", Swedish "idag").
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# ONWARD_TODAY (tests/lib.sh) is 2026-06-15.
ui_with_case
ui_follow_up >/dev/null
like 'the date question shows the format and the words' "$(tui_screen)" \
	'YYYY-MM-DD \(today, yesterday\)'
tui_keys C-u
tui_type yesterday
tui_keys Tab
ok '"yesterday" becomes the date of yesterday' tui_wait '^  2026-06-14 ' 10
tui_keys BTab C-u
tui_type 'Today'
tui_keys Tab
ok '"Today" becomes today' tui_wait '^  2026-06-15 ' 10
tui_keys F8
tui_wait 'Discard the answers' 10 >/dev/null
tui_keys y
tui_wait 'Timeline' 10 >/dev/null
tui_keys F10
tui_wait '\[exited' 10 >/dev/null
tui_stop

for lang in fr:hier:2026-06-14:'AAAA-MM-JJ \(aujourd' sv:idag:2026-06-15:'ÅÅÅÅ-MM-DD \(idag'; do
	IFS=: read -r code word date hint <<EOW
$lang
EOW
	TUI_ENV="LANGUAGE=$code" ui_start
	ui_signin
	tui_wait 'Grace Akello' 20 >/dev/null
	tui_keys Enter
	tui_wait 'Grace Akello' 10 >/dev/null
	tui_keys F2
	# The language before left a draft: continue it (Enter, the default).
	tui_wait "$hint|utkast av detta" 10 >/dev/null
	tui_screen | grep -Eq -- "$hint" || tui_keys Enter
	ok "$code: the format is in the language shown" tui_wait "$hint" 10
	tui_keys C-u
	tui_type "$word"
	tui_keys Tab
	ok "$code: \"$word\" becomes $date" tui_wait "^  $date " 10
	tui_stop
done
done_testing
