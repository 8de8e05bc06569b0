#!/bin/bash
# The README's first command: a demo store opened in the UI shows the case
# list once the worker's account is made (no first-run questions), with
# names in every script, and search finds a name typed without its
# accents.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
export ONWARD_DATA="$top_srcdir/data"
db="$T/demo.db"
# The one passphrase of the demo's accounts, which it prints.
ui_passphrase demo-2026
"$ONWARD" --db "$db" --forms "$top_srcdir/forms" demo --cases 40 >/dev/null ||
	{ echo "not ok 1 - onward demo"; echo "1..1"; exit 1; }
name=$("$ONWARD" --db "$db" --forms "$top_srcdir/forms" cases --type beneficiary |
	cut -f3 | grep -E '[ñéíóúçøğšĐđễ]' | head -1)

tui_start 80x24 --db "$db" --forms "$top_srcdir/forms"
ui_signin
ok 'the case list opens on the demo store' tui_wait 'Onward: cases .* [0-9]+ cases' 20
like 'the help line is there' "$(tui_screen)" 'F1 Help.*F10 Quit'
like 'cases of every type show their own details' "$(tui_screen)" \
	'Beneficiary +(Returnee|Trainee|Laid-off worker), '
unlike 'no first-run questions' "$(tui_screen)" 'Your name'
like 'names in many scripts' "$(tui_screen)" '[^ -~]'
like 'the last column says what a ! means' "$(tui_screen)" 'Due \(! late\)'
tui_keys C-v
ok 'Ctrl-V shows the cases with a follow-up due' tui_wait 'follow-up due \(\^V\)' 10
ok 'an overdue follow-up is marked in words, not only in colour' \
	tui_wait '[0-9]{4}-[0-9]{2}-[0-9]{2} !$' 10
tui_keys C-v
tui_wait 'any follow-up \(\^V\)' 10 >/dev/null
tui_keys F6
ok 'F6 opens the work list' tui_wait 'Showing: due today' 10
ok 'with late visits saying how late' tui_wait ' [0-9]+ days? late' 10
tui_keys F5
ok 'and missed ones' tui_wait 'day [0-9]+ +missed' 10
tui_keys Escape
tui_wait 'any follow-up \(\^V\)' 10 >/dev/null
# The demo's people belong to three workers: everyone's cases (F11).
tui_keys F11
ok "F11 shows everyone's cases" tui_wait "everyone's \\(F11\\)" 10
plain=$(printf '%s' "$name" | iconv -f UTF-8 -t ASCII//TRANSLIT 2>/dev/null || true)
case $plain in *'?'*|'') plain=$name ;; esac
tui_type "$plain"
ok "searching '$plain' finds '$name'" tui_wait "^>$name" 10
tui_keys Enter
ok 'Enter opens the case page' tui_wait 'Case [0-9A-Z]{4}-[0-9]{4}-' 10
like 'where the person is now comes first' "$(tui_screen)" 'Stage: '
like 'it says more details are there' "$(tui_screen)" 'more details?: F4 shows them all'
tui_keys F4
ok 'F4 shows every detail of the case' tui_wait 'All details of the case' 10
like 'down to the registration' "$(tui_screen)" 'Registered on: [0-9]{4}-'
tui_keys F4
ok 'F4 again goes back' tui_wait 'Timeline' 10
tui_keys F2
ok 'F2 offers the forms for this person' tui_wait 'Fill which form' 10
tui_keys Escape
ok 'Esc cancels the choice' tui_wait 'Timeline' 10
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F7
ok 'F7 lists fields edited on two devices' tui_wait '\): Registration, Phone number' 10
like 'each with its values and who wrote them' "$(tui_screen)" '2 values, by'
tui_keys Enter
ok 'Enter shows both values with who wrote them' tui_wait 'by Amina Yusuf' 10
like 'one by another worker' "$(tui_screen)" 'by Jonas Berg'
tui_keys Escape
tui_wait '2 values, by' 10 >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F2
ok 'F2 asks which kind of case to register' tui_wait 'Register with which form' 10
screen=$(tui_screen)
r=$(printf '%s\n' "$screen" | grep -n 'Registration' | head -1 | cut -d: -f1)
e=$(printf '%s\n' "$screen" | grep -n 'New employer' | head -1 | cut -d: -f1)
ok 'people first, in the order of cases.yaml' test "${r:-99}" -lt "${e:-0}"
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F10
ok 'F10 quits' tui_wait '\[exited 0\]' 10
done_testing
