#!/bin/bash
# Child cases on the case page: a person's page lists the referrals made
# on it with their status ("Its cases"); F2 offers the referral form,
# whose saving opens another referral under the person; Enter on one shows
# the referral's own page, which names the person it is part of.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
. "$top_srcdir/tests/tui/link-lib.sh"

link_start
p=$(cli record add person --as 'Amina Yusuf' 'full_name=Grace Akello' |
    sed -n 's/^case //p')
r=$(cli record add referral --case "$p" --as 'Amina Yusuf' \
    'service=Job search club' | sed -n 's/^case //p')
ok 'a person with a referral' test -n "$r"

tui_type 'grace'
tui_wait '(^| )1 case( |$)' 10 >/dev/null
tui_keys Enter
ok "the person's page lists its cases" tui_wait 'Its cases' 10
like 'the referral with its status' "$(tui_screen)" \
    "Referral  Job search club \\($r\\)  open"
tui_keys F2
ok 'F2 offers the referral among the forms' tui_wait 'Fill which form' 10
# The forms are listed one a line under the question: Down to Referral.
n=$(tui_screen | awk '
	index($0, "Fill which form") { start = NR; next }
	start && index($0, "Referral") { print NR - start - 1; exit }')
ok 'by its title' test -n "$n"
while [ "${n:-0}" -gt 0 ]; do
	tui_keys Down
	n=$((n - 1))
done
tui_keys Enter
ok 'the referral form opens' tui_wait '> \* Service' 10
tui_type 'Counselling'
tui_keys F2
ok 'it saves' tui_wait 'Saved\.' 10
ok 'back on the person, with the new referral' tui_wait \
    'Referral  Counselling \([^)]*\)  open' 10
tui_keys Enter
ok "Enter shows the referral's own page" tui_wait 'Part of' 10
like 'naming the person' "$(tui_screen)" "Person  Grace Akello \\($p\\)  open"
tui_stop
done_testing
