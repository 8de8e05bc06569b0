#!/bin/bash
# The case picker of a `case` field: focused, it searches the open cases
# of the field's type as the case list does (words typed begin words of
# the name or the searched properties); Enter links the one chosen, which
# the form then shows by name and the record keeps as the case id.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
. "$top_srcdir/tests/tui/link-lib.sh"

link_start
employer() {
	cli record add employer --as 'Amina Yusuf' "employer_name=$1" \
	    "town=$2" | sed -n 's/^case //p'
}
steel=$(employer 'Coastal Steel' Eastport)
employer 'Coastal Bakery' Eastport >/dev/null
employer 'Harbour Works' Fairhaven >/dev/null
cli record add person --as 'Amina Yusuf' 'full_name=Grace Akello' >/dev/null
ok 'the cases are made' test -n "$steel"

tui_type 'grace'
tui_wait '(^| )1 case( |$)' 10 >/dev/null
tui_keys Enter
ok 'her case opens' tui_wait 'Case [^ ]+' 10
tui_keys F2
# F2 offers the placement and the referral (a child case): the first.
tui_wait 'Fill which form' 10 >/dev/null
tui_keys Enter
ok 'F2 opens the placement with its picker' tui_wait 'Search:' 10
like 'nothing chosen yet' "$(tui_screen)" '\(none chosen\)'
like 'the open employers are offered' "$(tui_screen)" 'Harbour Works'
unlike 'never a person' "$(tui_screen)" '\( \) Grace Akello'
tui_type 'coast'
ok 'typing narrows the search' tui_gone 'Harbour Works' 10
like 'to both Coastal employers' "$(tui_screen)" 'Coastal Bakery'
like 'the steel works too' "$(tui_screen)" 'Coastal Steel'
tui_type ' ste'
ok 'a second word narrows it to one' tui_gone 'Coastal Bakery' 10
tui_keys Enter
ok 'Enter links it and moves on' tui_wait '> Job' 10
like 'the employer is shown by name and id' "$(tui_screen)" \
	"Coastal Steel \\($steel\\)"
tui_keys F2
ok 'the placement saves' tui_wait 'Saved\.' 10
ok 'the case page names the employer' tui_wait "Employer: +Coastal Steel \\($steel\\)" 10
rid=$(cli dump | sed -n 's/^record \([^ ]*\) placement.*/\1/p' | head -1)
like 'the record holds the case id' "$(cli record show "$rid")" \
	"^employer = $steel$"
tui_stop
done_testing
