#!/bin/sh
# The conflicts list after headquarters merged 20 laptops' bundles, 120
# conflicts: it scrolls with the selection (Enter opens the conflict
# shown chosen), names each one's person, case, form and question and the
# workers and sites of its values, and F3 and F4 show one form's or one
# worker's; at 80x24, 60x20 and 160x45.  An answer saved to a case
# property is one conflict there, as in the store.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

UI_PASS=$PASSPHRASE
# Headquarters signs in as sue, a laptop as its admin (its worker's
# edits say --as).
on() {
	db=$1
	shift
	case $db in hq) acct=sue ;; *) acct=admin ;; esac
	ONWARD_ACCOUNT=$acct "$ONWARD" --forms "$UI_FORMS" --db "$T/$db.db" "$@"
}
cd "$T" || exit 1
accounts "$T/hq.db" sue:supervisor
on hq settings accept_unsigned yes --as admin >/dev/null
on hq settings worker sue --as admin >/dev/null
on hq settings site HQ --as admin >/dev/null
i=1
while [ $i -le 119 ]; do
	on hq record add registration --as sue full_name="Person $i" \
		training_end=2026-05-01 phone=100 age=30 | head -n 1 >>recs
	i=$((i + 1))
done
cid=$(on hq cases 2>/dev/null | grep -m1 -o '[A-Z0-9]\{4\}-[0-9]\{4\}-[A-Z0-9]' ||
	on hq dump | sed -n 's/^case \([^ ]*\) .*/\1/p' | head -n 1)
on hq record add follow_up_visit --as sue --case "$cid" situation=wage |
	head -n 1 >>recs
on hq export -o hq.onward >/dev/null
k=1
while [ $k -le 20 ]; do
	w=$(printf 'w%02d' $k)
	accounts "$T/d$k.db" "$w"
	on d$k settings accept_unsigned yes --as admin >/dev/null
	on d$k settings site "Site$k" --as admin >/dev/null
	on d$k merge hq.onward >/dev/null
	sed -n "$((6 * k - 5)),$((6 * k))p" recs | while read -r rec; do
		case $rec in
		"$(tail -n 1 recs)") on d$k record edit "$rec" --as "$w" \
			situation=self >/dev/null ;;
		*) on d$k record edit "$rec" --as "$w" age=40 >/dev/null ;;
		esac
	done
	# Every laptop also changed the first person's age: one conflict
	# with 21 values.
	[ $k -eq 1 ] || on d$k record edit "$(head -n 1 recs)" --as "$w" \
		age=$((40 + k)) >/dev/null
	on d$k export -o d$k.onward >/dev/null
	k=$((k + 1))
done
while read -r rec; do
	case $rec in
	"$(tail -n 1 recs)") on hq record edit "$rec" --as sue situation=none ;;
	*) on hq record edit "$rec" --as sue age=50 ;;
	esac
done <recs >/dev/null
k=1
while [ $k -le 20 ]; do
	on hq merge d$k.onward >/dev/null
	k=$((k + 1))
done
is 'headquarters has 120 conflicts' "$(on hq conflicts | wc -l)" 120

DB="$T/hq.db"
ui_start
ui_signin
tui_wait 'Search:' 20 >/dev/null
tui_keys F7
ok 'F7 lists them' tui_wait '120 conflicts' 10
s=$(tui_screen)
like 'each with the person and the case id' "$s" \
	'Person 1 \(case [A-Z0-9]{4}-[0-9]{4}-[A-Z0-9]\): Registration, Age'
like 'the workers and the sites of its values' "$s" \
	'2 values, by (sue at HQ, w[0-9]+ at Site[0-9]+|w[0-9]+ at Site[0-9]+, sue at HQ)$'
like 'the filters in effect' "$s" 'every form \(F3\), every worker \(F4\)'
like 'one conflict has a value from every laptop' "$s" '21 values, by'
tui_keys Enter
ok 'its values are shown' tui_wait '^>[0-9]+ +by' 10
tui_keys End
ok 'End goes to the last value, which scrolls into view' \
	tui_wait '^>[0-9]+ +by' 10
unlike 'the first value has scrolled away' "$(tui_screen)" '^ 50 +by sue'
tui_keys Escape
tui_wait '120 conflicts' 10 >/dev/null
chosen() { tui_screen | sed -n 's/^> *\(.*\) (case .*/\1/p'; }
top=$(chosen)
i=0
while [ $i -lt 80 ]; do
	tui_keys Down
	i=$((i + 1))
done
ok 'after 80 Downs the one chosen is on the screen' \
	tui_wait '^>Person [0-9]+ \(case' 10
first=$(chosen)
unlike 'and the list has moved along: the first is gone' "$(tui_screen)" \
	"^ $top \\(case"
tui_keys Enter
ok 'Enter opens the one shown chosen' tui_wait "^ $first \\(case .*\\(record" 10
like 'with its values' "$(tui_screen)" '^>(40|50) +by'
tui_keys Escape
tui_keys PageDown PageDown PageDown PageDown PageDown PageDown PageDown
ok 'PageDown to the last, still on the screen' tui_wait '^>Person' 10
tui_keys Down
ok 'and it stays there' tui_wait '^>Person' 10
tui_keys F4
ok 'F4 offers the workers' tui_wait 'which worker' 10
# Down to w07, wherever the pick lists it (the pick marks its choice).
i=0
while [ $i -lt 25 ] && ! tui_screen | grep -q '> *w07'; do
	tui_keys Down
	sleep 0.1
	i=$((i + 1))
done
tui_keys Enter
ok "one worker: the six of w07's laptop and the first person's" \
	tui_wait '7 of 120 conflicts' 10
like 'the filter says so' "$(tui_screen)" 'w07 \(F4\)'
tui_keys F4 Enter
tui_wait '^ Conflicts +120 conflicts' 10 >/dev/null
tui_keys F3
ok 'F3 offers the forms' tui_wait 'which form' 10
like 'the follow-up visit among them' "$(tui_screen)" 'Follow-up visit'
tui_keys Down Down Enter
ok 'one form: the follow-up visit alone' tui_wait '1 of 120 conflicts' 10
like 'the answer saved to the case is one conflict, by person' \
	"$(tui_screen)" '^>Person [0-9]+ \(case .*Current situation of Person'
tui_keys Enter
ok 'it opens' tui_wait 'Current situation of Person' 10
like 'its values by their labels' "$(tui_screen)" '^>Not working +by sue'
tui_stop

# The header in every language and width: folded, never cut.
for run in 60x20:en 160x45:en 80x24:sv 60x20:fr; do
	size=${run%:*} l=${run#*:}
	TUI_ENV="LANGUAGE=$l" ui_start "$size"
	ui_signin
	tui_wait 'F10' 20 >/dev/null
	tui_keys F7
	tui_wait '120 (conflicts|konflikter|conflits)' 10 >/dev/null ||
		{ tui_keys F7; tui_wait '120 (conflicts|konflikter|conflits)' 10 >/dev/null; }
	tui_keys End
	ok "$size $l: End chooses the last, on the screen" tui_wait '^>Person' 10
	case $l in
	en) end='Enter shows the values; pick one, or F2 to type another\.' ;;
	sv) end='Enter visar värdena; välj ett, eller F2 för att skriva ett annat\.' ;;
	fr) end='ou F2 pour en saisir une autre\.' ;;
	esac
	like "$size $l: the header is not cut" "$(tui_screen | tr -s ' \n' '  ')" "$end"
	tui_stop
done
done_testing
