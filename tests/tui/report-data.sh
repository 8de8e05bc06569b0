#!/bin/bash
# The data for Stata, SPSS or Excel from the UI (F5 on the report
# screen): the formats built in are offered, the files go where the
# supervisor says, the same tables `onward csv --all --format` writes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
export ONWARD_FORMS="$top_srcdir/forms"
export ONWARD_DATA="$top_srcdir/data"
DB="$T/demo.db"
"$ONWARD" --db "$DB" demo --cases 12 --seed 5 >/dev/null 2>&1 ||
	{ echo "Bail out! onward demo failed"; exit 1; }
"$ONWARD" --db "$DB" csv --format xlsx --all -o "$T/probe.xlsx" >"$T/probe" 2>&1 ||
	skip_all 'onward was built without libxlsxwriter'
"$ONWARD" --db "$DB" csv --format dta --all -o "$T/probe-dta" >"$T/probe" 2>&1 ||
	skip_all 'onward was built without ReadStat'

HOME="$T" tui_start 100x30 --db "$DB"
ui_signin
ok 'the case list opens' tui_wait 'F8 Reports' 20
tui_keys F8
ok 'F8 shows the indicators' tui_wait 'Programme indicators' 20
like 'F5 is on the key line' "$(tui_screen)" 'F5 Save the data'
tui_keys F5
ok 'F5 asks for which program' tui_wait 'Save the data of every form for' 10
like 'offering Stata, SPSS and Excel' "$(tui_screen)" 'Stata'
like '... SPSS' "$(tui_screen)" 'SPSS'
like '... and Excel' "$(tui_screen)" 'Excel'
tui_keys Down Down Enter
ok 'Excel asks where the workbook goes' tui_wait 'Save the workbook as:' 10
like 'offering a file in the home folder' "$(tui_screen)" \
	"^ $T/onward-data-2026-06-15\\.xlsx"
tui_keys Enter
ok 'and saves it there' tui_wait 'Saved for Excel in' 20
ok 'the workbook is there' test -s "$T/onward-data-2026-06-15.xlsx"
is 'with the same sheets as onward csv writes' \
	"$(python3 -c 'import sys, zipfile; print(len([n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("xl/worksheets/sheet")]))' "$T/onward-data-2026-06-15.xlsx" 2>&1)" \
	"$(python3 -c 'import sys, zipfile; print(len([n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("xl/worksheets/sheet")]))' "$T/probe.xlsx" 2>&1)"

tui_keys F5
ok 'F5 again' tui_wait 'Save the data of every form for' 10
tui_keys Up Up Enter
ok 'Stata asks for a folder' tui_wait 'Save the files in the folder:' 10
tui_keys C-u
tui_type "$T/for-stata"
tui_keys Enter
ok 'and saves the files there' tui_wait 'Saved for Stata in' 20
is 'one file a table, as onward csv writes' \
	"$(cd "$T/for-stata" && ls | tr '\n' ' ')" \
	"$(cd "$T/probe-dta" && ls | grep -v dictionary.csv | tr '\n' ' ')"
tui_keys Escape
ok 'Esc goes back to the case list' tui_wait 'F8 Reports' 10
tui_stop
done_testing
