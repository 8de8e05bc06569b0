# tests/tui/ui-lib.sh: the steps a field worker repeats, shared by the UI
# tests.  Source after tests/lib.sh and tests/tui/tmux-lib.sh.
#
#   ui_start [COLSxLINES] [args...]   onward on the UI test pack and $DB
#   ui_firstrun NAME SITE [hq]       answers the first-run questions (the
#                                    account NAME with passphrase $UI_PASS,
#                                    a worker; an admin with hq)
#   ui_signin                        signs in with $UI_PASS on a store with
#                                    accounts (the account the worker
#                                    setting names), or makes the worker's
#                                    account on a store made before them;
#                                    returns once the screen has gone
#   ui_register NAME PHONE DATE      registers a beneficiary (ends on the
#                                    new case's page)
#   ui_with_case [COLSxLINES]        ui_start, the first run (Amina Yusuf
#                                    in Kano) and Grace Akello registered:
#                                    the case page most tests start from
#   ui_follow_up                     F2 on the case page: the follow-up form
#                                    (waits for its date field, which only
#                                    the form shows; the page names the
#                                    form too)
#   ui_pid                           the process id of onward in the pane
#   ui_passphrase PASS               the passphrase the UI signs in with
#                                    ($UI_PASS, kano-2026 unless set so),
#                                    also of tests/lib.sh's accounts and,
#                                    through ONWARD_PASSPHRASE_FILE, of
#                                    the command line's sign-ins
#   ui_focus PATTERN                 in a form, Tab until the question
#                                    whose label matches PATTERN has the
#                                    focus

UI_FORMS="$top_srcdir/tests/data/forms-tui"
DB="$T/store.db"
ui_passphrase() {
	UI_PASS=$1
	PASSPHRASE=$1
	pf .ui-pass "$1" "$1" "$1"
	export ONWARD_PASSPHRASE_FILE="$T/.ui-pass" ONWARD_PWHASH_FAST=1
}
ui_passphrase kano-2026
# The sign-in screen and the question for the account of a store made
# before accounts, in the three languages.
UI_SIGNIN_RE='Sign in|Logga in|Connexion|no account yet|inget konto ännu|aucun compte'
UI_MAKE_RE='no account yet|inget konto ännu|aucun compte'

ui_start() {
	local size=80x24
	case "${1:-}" in [0-9]*x[0-9]*) size=$1; shift ;; esac
	tui_start "$size" --db "$DB" --forms "$UI_FORMS" "$@"
}

ui_firstrun() {
	tui_wait 'Your name' 20 || return 1
	tui_type "$1"
	tui_keys Tab
	tui_type "$2"
	tui_keys Tab Tab
	tui_type "$UI_PASS"
	tui_keys Tab
	tui_type "$UI_PASS"
	[ "${3:-}" != hq ] || tui_keys Tab Right
	tui_keys F2
	tui_wait "Welcome, $1" 10
}

ui_signin() {
	tui_wait "$UI_SIGNIN_RE" 20 || return 1
	if tui_screen | grep -Eq -- "$UI_MAKE_RE"; then
		tui_type "$UI_PASS"
		tui_keys Tab
		tui_type "$UI_PASS"
		tui_keys F2
	else
		tui_type "$UI_PASS"
		tui_keys Enter
	fi
	tui_gone "$UI_SIGNIN_RE" 10
}

ui_register() {
	tui_keys F2
	tui_wait 'Registration' 10 || return 1
	tui_wait '> \* Full name' 10 || return 1
	tui_type "$1"
	tui_keys Tab
	tui_wait '> Phone' 10 || return 1
	tui_type "$2"
	tui_keys Tab Tab
	tui_wait '> \* End of training' 10 || return 1
	tui_type "$3"
	tui_keys F2
	tui_wait 'Saved\.' 10 || return 1
	tui_wait "Case " 10
}

ui_with_case() {
	ui_start "$@"
	ui_firstrun 'Amina Yusuf' 'Kano'
	ui_register 'Grace Akello' '256 77 123' '2026-04-01' >/dev/null
}

ui_follow_up() {
	tui_keys F2
	tui_wait 'YYYY-MM-DD' 10
}

ui_pid() {
	local pane
	pane=$(_tmux display-message -p -t t '#{pane_pid}')
	ps -o pid= --ppid "$pane" | head -n 1 | tr -d ' '
}

# Waits until PATTERN is no longer on the screen.
tui_gone() {
	local pat=$1 secs=${2:-10} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		if ! tui_screen | grep -Eq -- "$pat"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	diag "timed out waiting for this to go: $pat" "screen:" "$(tui_screen)"
	return 1
}

# Focuses the question whose label matches PATTERN, pressing Tab until the
# focus marker (">") is on it.
ui_focus() {
	local i=0 q
	while [ "$i" -lt 60 ]; do
		if tui_screen | grep -Eq -- "^ *> (\* )?$1"; then return 0; fi
		q=$(tui_screen | grep -Eo 'Question [0-9]+' | head -n 1)
		tui_keys Tab
		# Wait for the move before looking again.
		tui_wait "Question [0-9]+" 5 >/dev/null || return 1
		local j=0
		while [ "$j" -lt 40 ] &&
		    [ "$(tui_screen | grep -Eo 'Question [0-9]+' | head -n 1)" = "$q" ]; do
			sleep 0.05
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	diag "no question '$1' in reach of Tab" "screen:" "$(tui_screen)"
	return 1
}
