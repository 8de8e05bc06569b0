#!/bin/sh
# Going back to a long list: it opens on the answer given, not on the
# first choice; Space or Enter there keeps the answer (only a choice the
# worker moved to is taken); Delete clears it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# The text on the row below the label matching PATTERN (an unfocused
# question's answer).
answer_of() { tui_screen | grep -A1 -E -- "$1" | sed -n 2p | sed 's/^ *//; s/ *$//'; }

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Grace Akello'
tui_keys Tab Tab Tab Tab
ok 'the list of trades is reached' tui_wait '> Trade learned' 10
tui_keys Down Down Down Down Down Down Down Down Enter
ok 'carpentry is chosen' tui_wait '> Remarks' 10
is 'and shown' "$(answer_of 'Trade learned')" 'Carpentry'

tui_keys BTab
tui_wait '> Trade learned' 10 >/dev/null
ok 'going back, the list opens on carpentry' tui_wait '9 of 10 choices' 5
like 'chosen and highlighted' "$(tui_screen)" '\(\*\) Carpentry'
tui_keys Space
ok 'Space on it as it opened says how to choose' tui_wait 'Move to a choice' 5
like 'the answer stays' "$(tui_screen)" '\(\*\) Carpentry'
unlike 'the first choice is not taken' "$(tui_screen)" '\(\*\) Welding'
tui_keys Enter
ok 'Enter moves on' tui_wait '> Remarks' 10
is 'keeping carpentry' "$(answer_of 'Trade learned')" 'Carpentry'

tui_keys BTab
tui_wait '> Trade learned' 10 >/dev/null
tui_keys Up Space
ok 'a choice moved to is taken' tui_wait '\(\*\) Farming' 5
tui_keys DC
ok 'Delete clears the choice' tui_gone '\(\*\)' 5
tui_keys Tab
tui_wait '> Remarks' 10 >/dev/null
is 'the question has no answer' "$(answer_of 'Trade learned')" ''
tui_stop
done_testing
