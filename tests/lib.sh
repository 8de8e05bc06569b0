# tests/lib.sh: shared by the shell tests.  Source it; it gives TAP output
# helpers and a private scratch folder ($T) removed at exit.
#
#   . "$top_srcdir/tests/lib.sh"
#   ok 'what' cmd args...          passes when the command exits 0
#   fails 'what' STATUS cmd...     passes when it exits with STATUS
#   is 'what' "$got" "$want"       compares two strings
#   like 'what' "$text" PATTERN    grep -E on the text
#   skip_all 'why'                 skips the whole script (exit 77)
#   pf NAME LINE...                a passphrase file $T/NAME, one line
#                                  each, mode 0600 (--passphrase-file)
#   accounts DB NAME[:ROLE]...     makes accounts in the store DB (role
#                                  worker unless given; an account 'admin'
#                                  first unless the first NAME is an
#                                  admin), all with passphrase $PASSPHRASE,
#                                  and exports ONWARD_PASSPHRASE_FILE so
#                                  that later verbs sign in with it: then
#                                  '--as NAME' is all a verb needs; it
#                                  exports ONWARD_ACCOUNT too, the first
#                                  NAME given (admin when none), so that
#                                  a verb given no --as acts as that one
#   accounts -u DB NAME[:ROLE]...  the same, and the store still merges
#                                  unsigned (format 1) bundles, as a field
#                                  laptop does (setting accept_unsigned
#                                  yes: an admin first makes it no)
#   done_testing

: "${ONWARD:?run the tests with make check}"
: "${top_srcdir:?run the tests with make check}"
export LC_ALL=C.UTF-8
unset LANGUAGE
export ONWARD_TODAY="${ONWARD_TODAY:-2026-06-15}"
export XDG_DATA_HOME
tap_n=0
tap_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/onward-test.XXXXXX")
XDG_DATA_HOME="$T/xdg"
trap 'rm -rf "$T"' EXIT

_tap() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

ok() {
	local what=$1; shift
	if "$@" >"$T/.out" 2>&1; then _tap 0 "$what"
	else _tap 1 "$what"; diag "command: $*" "$(head -c 2000 "$T/.out")"; fi
}

fails() {
	local what=$1 want=$2 rc=0; shift 2
	"$@" >"$T/.out" 2>&1 || rc=$?
	if [ "$rc" -eq "$want" ]; then _tap 0 "$what"
	else _tap 1 "$what"; diag "command: $*" "exit $rc, wanted $want" "$(head -c 2000 "$T/.out")"; fi
}

is() {
	if [ "$2" = "$3" ]; then _tap 0 "$1"
	else _tap 1 "$1"; diag "got:" "$2" "want:" "$3"; fi
}

like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then _tap 0 "$1"
	else _tap 1 "$1"; diag "text:" "$(printf '%s' "$2" | head -c 2000)" "does not match: $3"; fi
}

unlike() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then _tap 1 "$1"; diag "text:" "$2" "matches: $3"
	else _tap 0 "$1"; fi
}

pf() {
	local f="$T/$1"
	shift
	printf '%s\n' "$@" >"$f"
	chmod 600 "$f"
}

PASSPHRASE=246810
accounts() {
	local db a name role admin= unsigned=
	[ "$1" != -u ] || { unsigned=yes; shift; }
	db=$1
	shift
	ONWARD_ACCOUNT=${1:-admin}
	export ONWARD_ACCOUNT="${ONWARD_ACCOUNT%%:*}"
	pf .passphrase "$PASSPHRASE" "$PASSPHRASE" "$PASSPHRASE"
	export ONWARD_PASSPHRASE_FILE="$T/.passphrase"
	export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
	case $1 in
	*:admin) ;;
	*) set -- admin:admin "$@" ;;
	esac
	for a in "$@"; do
		name=${a%%:*}
		role=worker
		case $a in *:*) role=${a#*:} ;; esac
		"$ONWARD" --db "$db" account add "$name" --role "$role" \
		    ${admin:+--as "$admin"} >"$T/.accounts" 2>&1 ||
		    { cat "$T/.accounts" >&2; return 1; }
		admin=${admin:-$name}
	done
	[ -z "$unsigned" ] || "$ONWARD" --db "$db" settings accept_unsigned \
	    yes --as "$admin" >"$T/.accounts" 2>&1 ||
	    { cat "$T/.accounts" >&2; return 1; }
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 77
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
