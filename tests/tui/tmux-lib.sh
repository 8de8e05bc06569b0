# tests/tui/tmux-lib.sh: drive the terminal UI through tmux, as a person
# would.  Source after tests/lib.sh.  Each script gets its own tmux server
# (a private socket under $T), killed at exit.
#
#   tui_start [COLSxLINES] [onward args...]   start onward in a pane (its
#                                              locale LC_ALL is $TUI_LC_ALL,
#                                              default C.UTF-8; $TUI_ENV, if
#                                              set, holds more NAME=VALUE;
#                                              accounts hash fast and never
#                                              wait: ONWARD_PWHASH_FAST=1
#                                              ONWARD_ACCOUNT_NOWAIT=1)
#   tui_keys KEYS...                           tmux send-keys (names or text)
#   tui_type TEXT                              type literal text
#   tui_screen                                 print the pane's text
#   tui_wait PATTERN [SECONDS]                 wait until the screen matches
#   tui_resize COLS LINES
#   tui_stop

[ -n "${TMUX_BIN:-}" ] || TMUX_BIN=$(command -v tmux || true)
[ -n "$TMUX_BIN" ] || skip_all "tmux is not installed"
unset TMUX
TUI_SOCK="$T/tmux.sock"

_tmux() { "$TMUX_BIN" -S "$TUI_SOCK" -f /dev/null "$@"; }

# The exit line starts with a carriage return: a program killed with -9
# leaves the terminal raw (no CR on newline), and the line would begin
# wherever the cursor was, wrapped across two rows.
tui_start() {
	local size=80x24
	case "${1:-}" in [0-9]*x[0-9]*) size=$1; shift ;; esac
	local cols=${size%x*} lines=${size#*x}
	_tmux new-session -d -s t -x "$cols" -y "$lines" \
		"env TERM=${TUI_TERM:-xterm-256color} LC_ALL=${TUI_LC_ALL:-C.UTF-8} ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1 ${TUI_ENV:-} $(printf '%q ' "$ONWARD" "$@"); rc=\$?; printf '\\r\\n[exited %s]\\r\\n' \$rc; sleep 600"
	_tmux set-option -t t -g remain-on-exit on >/dev/null 2>&1 || true
	trap 'tui_stop; rm -rf "$T"' EXIT
}

tui_keys() { _tmux send-keys -t t "$@"; }
tui_type() { _tmux send-keys -t t -l "$1"; }
tui_screen() { _tmux capture-pane -p -t t; }
tui_resize() { _tmux resize-window -t t -x "$1" -y "$2" 2>/dev/null || _tmux resize-pane -t t -x "$1" -y "$2"; }

tui_wait() {
	local pat=$1 secs=${2:-10} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		if tui_screen | grep -Eq -- "$pat"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	diag "timed out waiting for: $pat" "screen:" "$(tui_screen)"
	return 1
}

tui_stop() {
	local i=0
	_tmux kill-server >/dev/null 2>&1 || true
	# A new server on the same socket must not meet the dying one.
	while _tmux has-session >/dev/null 2>&1 && [ "$i" -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	rm -f "$TUI_SOCK"
}
