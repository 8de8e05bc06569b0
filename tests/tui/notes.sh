#!/bin/sh
# Every label and hint is on screen, wrapped, never cut: the notes of the
# programme's registration (the consent statement read out to the person,
# the under-18 safeguarding note, the Washington Group introduction) at
# 80x24 and 60x20, and a type's hint that does not fit beside its field.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ONWARD_FORMS="$top_srcdir/forms"
ONWARD_DATA="$top_srcdir/data"
export ONWARD_FORMS ONWARD_DATA

# The screen as one line of words: wrapped text reads whole.
words() { tui_screen | sed 's/^[ >*]*//' | tr -s ' \n' '  '; }
# True when the screen holds TEXT, wrapped or not.
shows() { words | grep -Fq -- "$1" || { diag "not on screen: $1" "$(tui_screen)"; return 1; }; }

CONSENT='Explain who we are, why we record information, who will see it, that taking part is voluntary, and that they can stop at any time or ask for their information to be removed.'
MINOR='A parent or guardian must also agree; some work is not allowed'
WG='The Washington Group short set. It asks about difficulties doing activities because of a health problem, not about a diagnosis.'

for size in 80x24 60x20; do
	DB="$T/$size.db"
	accounts "$DB" ann
	"$ONWARD" --db "$DB" settings worker ann >/dev/null 2>&1
	"$ONWARD" --db "$DB" settings site Kano >/dev/null 2>&1
	tui_start "$size" --db "$DB"
	ui_signin
	tui_wait 'Search:' 20 >/dev/null
	tui_keys F2
	tui_wait 'Register with which form' 10 >/dev/null
	tui_keys Enter
	tui_wait 'Registration +Question' 10 >/dev/null
	ok "$size: the consent note is shown" \
		tui_wait 'Read the consent statement' 10
	ok "$size: with the statement to read out, whole" shows "$CONSENT"
	ui_focus 'Does the person agree' >/dev/null
	tui_keys Enter
	ui_focus 'Age in years' >/dev/null
	tui_type 16
	tui_keys Tab
	ok "$size: the under-18 note is shown" \
		tui_wait 'Under 18: follow the child' 10
	ok "$size: with its hint" shows "$MINOR"
	ui_focus 'Difficulty seeing' >/dev/null
	ok "$size: the Washington Group note is shown" shows 'Read each question as written'
	ok "$size: with its hint, whole" shows "$WG"
	tui_stop
done
done_testing
