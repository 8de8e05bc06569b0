#!/bin/sh
# Conflicts: a phone number changed on two laptops shows both values with
# their authors; the supervisor picks one, or types a new one.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

cli() { "$ONWARD" --forms "$UI_FORMS" "$@"; }
cd "$T" || exit 1
accounts -u a.db Ann:supervisor && cli --db a.db settings worker Ann >/dev/null
accounts -u b.db Bob && cli --db b.db settings worker Bob >/dev/null
unset ONWARD_ACCOUNT
out=$(cli --db a.db record add registration full_name='Conf Lict' \
	training_end=2026-05-01 phone=111)
rec=$(printf '%s\n' "$out" | head -n 1)
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
fu=$(cli --db a.db record add follow_up_visit --case "$cid" situation=wage |
	head -n 1)
cli --db a.db export -o a1.onward >/dev/null
cli --db b.db merge a1.onward >/dev/null
cli --db a.db record edit "$rec" phone=222 >/dev/null
cli --db b.db record edit "$rec" phone=333 >/dev/null
cli --db a.db record edit "$fu" situation=self >/dev/null
cli --db b.db record edit "$fu" situation=none >/dev/null
cli --db b.db export -o b1.onward >/dev/null
ok 'the two edits meet in one store' sh -c \
	"'$ONWARD' --forms '$UI_FORMS' --db a.db merge b1.onward | grep -q 'new conflicts: [1-9]'"

DB="$T/a.db"
ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F7
ok 'F7 lists the conflicts, by person, form and question' \
	tui_wait 'Conf Lict: Registration, Phone +\(2 values\)' 10
like 'a case property kept by the form is named with its case type' \
	"$(tui_screen)" 'Conf Lict: Beneficiary, Phone +\(2 values\)'
like 'a question whose label shows answers, filled in' "$(tui_screen)" \
	'Conf Lict: Follow-up visit, Current situation of Conf Lict +\(2 values\)'
tui_keys Enter
# The record's or the case's conflict, whichever sorts first.
ok 'the values name the record and field ids too' \
	tui_wait 'Phone(| number) \(record [^,]+, field phone\)' 10
ok 'Enter shows one value by Ann' tui_wait '222 +by Ann' 10
like 'and the other by Bob' "$(tui_screen)" '333 +by Bob'
n=$(tui_screen | grep -Eo '^ Conflicts +[0-9]+' | grep -Eo '[0-9]+$')
tui_keys Enter
ok 'picking a value settles it' tui_wait 'Conflict settled' 10
m=$(tui_screen | grep -Eo '[0-9]+ conflicts?' | head -n 1 | grep -Eo '^[0-9]+')
is 'one conflict fewer' "$m" "$((n - 1))"
tui_stop
done_testing
