#!/bin/sh
# Typed answers do not vanish: steady typing with no pause still reaches
# the draft at least every two seconds, so a kill -9 keeps it; a draft
# write that fails (the disk full) is said on screen, never called saved,
# and retried until it works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

# Drafts fail while this file exists (a test-only seam of the store).
FULL="$T/disk-full"
TUI_ENV="ONWARD_DRAFT_FAIL=$FULL"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano'
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
# 5 s of typing, a letter every 0.2 s: never a pause the idle save needs.
for c in a b c d e f g h i j k l m n o p q r s t u v w x y; do
	tui_type "$c"
	sleep 0.2
done
pid=$(ui_pid)
kill -9 "$pid"
ok 'killed with SIGKILL while typing' tui_wait '\[exited 137\]' 10
tui_stop

ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F2
ok 'the draft typed without a pause is offered' tui_wait 'Continue it\?' 10
tui_keys y
# At least the letters of the first 3 of the 5 seconds are there.
ok 'with what was typed up to two seconds before the kill' \
	tui_wait '^  abcdefghijklmno' 10
tui_keys F8
tui_wait 'Discard the answers' 10 >/dev/null
tui_keys y
tui_wait 'Discarded' 10 >/dev/null

# The disk fills up.
: >"$FULL"
tui_keys F2
tui_wait '> \* Full name' 10 >/dev/null
tui_type 'Nadia Haddad'
tui_keys Tab
ok 'a failed draft write is said' tui_wait 'cannot save the draft: store' 10
like 'the status says the answers are not saved' "$(tui_screen)" 'NOT saved'
unlike 'and never that the draft is saved' "$(tui_screen)" 'draft saved'
tui_keys Escape
ok 'leaving warns that the answers would be lost' \
	tui_wait 'The draft cannot be saved: leaving loses the answers' 10
unlike 'instead of promising a draft' "$(tui_screen)" 'Your answers stay in a draft'
tui_keys n
# Space again: the next try (idle, or the next key) saves it.
rm -f "$FULL"
ok 'once the disk has room the draft is written again' \
	tui_wait 'draft saved' 10
unlike 'and the warning is gone' "$(tui_screen)" 'NOT saved'
pid=$(ui_pid)
kill -9 "$pid"
tui_wait '\[exited 137\]' 10 >/dev/null
tui_stop

ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F2
tui_wait 'Continue it\?' 10 >/dev/null
tui_keys y
ok 'the answer that failed at first is in the draft' tui_wait 'Nadia Haddad' 10
tui_stop
done_testing
