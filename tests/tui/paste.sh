#!/bin/sh
# A long answer: a paste with line breaks into a free-text question stays
# in that question (its Enters are line breaks, not "next question"), and
# the answer is shown whole, one line a line, once the question is left.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Grace Akello'
tui_keys Tab
tui_wait '> Phone' 10 >/dev/null
_tmux set-buffer "$(printf 'Met at the market.\nWants evening classes.\nHas two children.')"
_tmux paste-buffer -t t
ok 'the paste is typed into the phone question' tui_wait 'Has two children' 10
like 'which keeps the focus' "$(tui_screen)" '^> Phone'
unlike 'nothing went to the next question' "$(tui_screen)" \
	'^  (Age|[0-9 ]*)Wants evening'
tui_keys BTab
ok 'left, the answer is shown a line a line' tui_wait '^  Wants evening classes\. *$' 10
scr=$(tui_screen)
like 'its first line' "$scr" '^  Met at the market\. *$'
like 'its last line' "$scr" '^  Has two children\. *$'
tui_keys F3
ok 'the review page shows it whole too' tui_wait 'Phone: Met at the market\.' 10
like 'with its other lines' "$(tui_screen)" 'Has two children\.'
tui_stop
done_testing
