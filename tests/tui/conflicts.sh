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
ok 'F7 lists the conflicts, by person, case, form and question' \
	tui_wait "Conf Lict \\(case $cid\\): Registration, Phone" 10
like 'with how many values, by whom' "$(tui_screen)" '2 values, by (Bob, Ann|Ann, Bob)'
unlike 'the case property the phone is saved to is no conflict of its own' \
	"$(tui_screen)" 'Beneficiary, Phone'
like 'two conflicts, not three' "$(tui_screen)" '^ Conflicts +2 conflicts'
like 'a question whose label shows answers, filled in' "$(tui_screen)" \
	'Conf Lict \(case [^)]+\): Follow-up visit, Current situation of Conf Lict'
tui_keys Enter
ok 'the values name the record and field ids too' \
	tui_wait 'Phone \(record [^,]+, field' 10
like 'folded, not cut' "$(tui_screen | tr -s ' \n' '  ')" \
	'Phone \(record [^,]+, field phone\)'
ok 'Enter shows one value by Ann' tui_wait '222 +by Ann' 10
like 'and the other by Bob' "$(tui_screen)" '333 +by Bob'
tui_keys F2
ok 'F2 asks for a new value' tui_wait 'New value:' 10
unlike 'which starts empty' "$(tui_screen | grep 'New value:')" '[0-9]'
tui_type 'abc'
tui_keys Enter
ok "a value the question's constraint refuses is refused" \
	tui_wait 'cannot settle the conflict: A phone number has only digits' 10
like 'and the conflict stays' "$(tui_screen)" '^ Conflicts +2 conflicts'
tui_keys C-u
tui_type '444'
tui_keys Enter
ok 'a good one settles it' tui_wait 'Conflict settled' 10
like 'one conflict fewer' "$(tui_screen)" '^ Conflicts +1 conflict'
like 'the record has the value typed, not added to an old one' \
	"$(cli --db a.db record show "$rec")" '^phone = 444$'
like 'and the case the same: one decision' "$(cli --db a.db dump)" \
	"^	phone = 444"
unlike 'no phone conflict is left' "$(cli --db a.db conflicts)" 'phone'
tui_keys Enter
tui_wait 'by Ann' 10 >/dev/null
tui_keys Enter
ok 'picking a value settles the other' tui_wait 'No conflicts' 10
tui_stop
done_testing
