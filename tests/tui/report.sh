#!/bin/bash
# Reports in the UI (F8 on the case list): the same figures as `onward
# report`, for a period (F2), broken down (F3), saved as a web page (F4),
# for a supervisor: a worker sees a message instead.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
export ONWARD_FORMS="$top_srcdir/forms"
export ONWARD_DATA="$top_srcdir/data"
DB="$T/demo.db"
"$ONWARD" --db "$DB" demo --cases 30 --seed 5 >/dev/null 2>&1 ||
	{ echo "Bail out! onward demo failed"; exit 1; }
# The report is a supervisor's: the UI signs in as the demo's.
ui_passphrase demo-2026
"$ONWARD" --db "$DB" settings worker 'Lena Holm' >/dev/null
"$ONWARD" --db "$DB" report >"$T/cli.txt"
want=$(sed -n 's/^People registered  *\([0-9]*\)$/\1/p' "$T/cli.txt")

HOME="$T" tui_start 100x30 --db "$DB"
ui_signin
ok 'the case list opens' tui_wait 'F8 Reports' 20
tui_keys F8
ok 'F8 shows the indicators' tui_wait 'Programme indicators' 20
like 'for every record' "$(tui_screen)" 'All records\.'
like 'the people registered, as onward report counts them' \
	"$(tui_screen)" "People registered +$want\$"
like 'saying what a small figure shows as' "$(tui_screen)" \
	'fewer than [0-9]+ cases shows as "too few cases"'
tui_keys NPage
ok 'Page Down shows more' tui_wait 'Lines 2[0-9]-' 10

tui_keys F3
ok 'F3 offers the breakdowns' tui_wait 'Break the figures down by' 10
like 'by worker among them' "$(tui_screen)" 'Worker'
tui_keys Up Up Up Up Up Up Up Up Up Up Down Down Down Down Enter
ok 'broken down by worker' tui_wait 'All records\. By Worker\.' 20
like 'one line per worker under a figure' "$(tui_screen)" \
	'^ +(Amina Yusuf|Jonas Berg) +[0-9]'

tui_keys F2
ok 'F2 asks where the period starts' tui_wait 'From \(YYYY-MM-DD' 10
tui_type 'June'
tui_keys Enter
ok 'a word that is not a date is refused' \
	tui_wait "'June' is not a date \(YYYY-MM-DD\)" 10
tui_keys C-u
tui_type '2026-01-01'
tui_keys Enter
ok 'then where it ends' tui_wait 'To \(YYYY-MM-DD' 10
tui_keys C-u
tui_type '2026-03-31'
tui_keys Enter
ok 'the figures are for that period' \
	tui_wait 'Records from 2026-01-01 to 2026-03-31\. By Worker\.' 20
"$ONWARD" --db "$DB" report --from 2026-01-01 --to 2026-03-31 >"$T/q1.txt"
want=$(sed -n 's/^People registered  *\([0-9]*\)$/\1/p' "$T/q1.txt")
like 'as onward report counts them for it' "$(tui_screen)" \
	"People registered +$want\$"

tui_keys F4
ok 'F4 asks where to save the page' tui_wait 'Save the page as:' 10
like 'offering a file in the home folder' "$(tui_screen)" \
	"^ $T/onward-report-2026-06-15.html"
tui_keys Enter
ok 'and saves the page there' tui_wait 'Saved as ' 10
like 'an HTML page of the same report' \
	"$(cat "$T/onward-report-2026-06-15.html" 2>/dev/null)" \
	'Records from 2026-01-01 to 2026-03-31'
tui_keys Escape
ok 'Esc goes back to the case list' tui_wait 'F8 Reports' 10
tui_stop

# A worker signed in sees a message instead of the figures.
"$ONWARD" --db "$DB" settings worker 'Amina Yusuf' >/dev/null
HOME="$T" tui_start 100x30 --db "$DB"
ok 'a demo worker signs in' tui_wait 'Account +Amina Yusuf' 20
ui_signin
tui_wait 'F8 Reports' 20 >/dev/null
tui_keys F8
ok 'F8 tells a worker the report is a supervisor'"'"'s' \
	tui_wait 'The report is for a supervisor or an admin' 20
unlike 'and shows no figure' "$(tui_screen)" 'People registered'
tui_stop
done_testing
