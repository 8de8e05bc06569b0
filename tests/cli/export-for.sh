#!/bin/bash
# onward export --for WORKER: a bundle for one worker's laptop carries the
# cases they own, the cases those link to (employers), are part of or
# have (referrals), and nothing else; a store that merges it has exactly
# those; it counts nothing as exported; an unknown worker, or one with no
# case, is refused and nothing is written.
. "$top_srcdir/tests/lib.sh"
export ONWARD_FORMS="$top_srcdir/tests/data/forms-link"
a="$T/a.db" f="$T/f.db"
accounts "$a" sup:supervisor amina kofi
accounts "$f" amina
"$ONWARD" --db "$f" settings accept_unsigned yes --as admin >/dev/null
on() { "$ONWARD" --db "$a" "$@"; }
made() { "$@" >"$T/made" && sed -n 's/^case //p' "$T/made"; }

e1=$(made on record add employer --as sup 'employer_name=Coastal Steel')
e2=$(made on record add employer --as sup 'employer_name=Harbour Works')
e3=$(made on record add employer --as sup 'employer_name=Sunrise Solar')
p1=$(made on record add person --as amina 'full_name=Grace Akello')
p2=$(made on record add person --as kofi 'full_name=Yaw Boateng')
on record add placement --case "$p1" --as amina "employer=$e1" >/dev/null
on record add placement --case "$p2" --as kofi "employer=$e2" >/dev/null
r1=$(made on record add referral --case "$p1" --as amina 'service=Counselling')
ok 'the cases are made' test -n "$e3" -a -n "$r1"
on export -o "$T/first.onward" >/dev/null

ok "a bundle for amina's laptop" on export --for amina -o "$T/amina.onward"
like 'saying how many cases it carries' "$(cat "$T/.out")" \
    '^  for amina: 3 cases and what they link to$'
ok 'her laptop merges it' "$ONWARD" --db "$f" merge "$T/amina.onward" --as amina
is 'and has her person, its employer and its referral, nothing else' \
    "$("$ONWARD" --db "$f" cases | cut -f1 | sort | tr '\n' ' ')" \
    "$(printf '%s\n' "$p1" "$e1" "$r1" | sort | tr '\n' ' ')"
like 'with their records' "$("$ONWARD" --db "$f" dump)" \
    "record [^ ]+ placement 1 case $p1 "
unlike "never kofi's person" "$("$ONWARD" --db "$f" dump)" 'Yaw Boateng'

fails 'an unknown worker is refused' 1 on export --for nobody -o "$T/x.onward"
like 'naming them' "$(cat "$T/.out")" "there is no account 'nobody'"
fails 'a worker with no case is refused' 1 on export --for admin \
    -o "$T/x.onward"
like 'saying so' "$(cat "$T/.out")" "'admin' owns no case"
ok 'nothing is written' test ! -e "$T/x.onward"
on record add person --as kofi 'full_name=Ama Owusu' >/dev/null
ok 'the export for a worker counted nothing as exported' \
    on export -o "$T/next.onward"
like 'the next export carries only what is new' "$(cat "$T/.out")" \
    '\(changes: 4, '
done_testing
