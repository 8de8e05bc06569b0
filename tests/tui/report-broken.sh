#!/bin/bash
# Reports in the UI with an indicators file that has problems: the screen
# says which file, and once it is mended the next F8 reads it again
# (nothing is kept from the broken read).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
export ONWARD_FORMS="$top_srcdir/forms"
mkdir -p "$T/data"
cp -R "$top_srcdir/data/." "$T/data/"
export ONWARD_DATA="$T/data"
DB="$T/demo.db"
"$ONWARD" --db "$DB" demo --cases 10 --seed 3 >/dev/null 2>&1 ||
	{ echo "Bail out! onward demo failed"; exit 1; }
# The report is a supervisor's: the UI signs in as the demo's.
ui_passphrase demo-2026
"$ONWARD" --db "$DB" settings worker 'Lena Holm' >/dev/null
printf 'indicators:\n  - id: broken\n    kind: nosuchkind\n' >"$T/data/indicators.yaml"

HOME="$T" tui_start 100x30 --db "$DB"
ui_signin
ok 'the case list opens' tui_wait 'F8 Reports' 20
tui_keys F8
ok 'F8 says the indicators file has problems, naming it' \
	tui_wait "indicators in '$T/data/indicators.yaml' have" 20
tui_keys Escape
tui_wait 'F8 Reports' 10 >/dev/null
cp "$top_srcdir/data/indicators.yaml" "$T/data/indicators.yaml"
tui_keys F8
ok 'once mended, F8 reads it again and shows the indicators' \
	tui_wait 'People registered' 20
tui_keys Escape F10
ok 'and the UI quits cleanly' tui_wait '\[exited 0\]' 10
tui_stop
done_testing
