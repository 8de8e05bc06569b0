#!/bin/bash
# The README's two commands, exactly as written, one after the other in
# one shell, in a fresh clone of this tree, by a new account (no
# ~/.local): command 1 ends in the UI on the demo store; after it the
# shell is where it was and finds onward; command 2 runs the tests in the
# same _build and prefix (a few of them here: MAKEFLAGS names them); the
# tree stays clean.  The package manager is a stand-in that records what
# it is asked (update before install), as a test installs nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
[ -z "${ONWARD_IN_CLONE:-}" ] || skip_all 'already inside the clone test'
[ "${ASAN:-}" != yes ] ||
	skip_all 'the sanitizer build: the clone builds without sanitizers, once is enough'
command -v git >/dev/null || skip_all 'git is not installed'
# The top of a checkout, not a folder inside one (make distcheck's).
[ "$(git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null)" = \
    "$(cd "$top_srcdir" && pwd -P)" ] ||
	skip_all 'the source tree is not a git checkout (a tarball?): nothing to clone'
git clone -q "$top_srcdir" "$T/clone" ||
	{ echo 'Bail out! git clone failed'; exit 1; }
diag "the clone has commit $(git -C "$T/clone" rev-parse --short HEAD): uncommitted changes are not in it"

# The README's commands, as written there.
readme_cmd() {
	awk -v m="<!-- $1 -->" '$0 == m {f=1; next}
	    f && /^```/ {if (g) exit; g=1; next} f && g {print}' "$T/clone/README"
}
cmd1=$(readme_cmd run-command)
cmd2=$(readme_cmd test-command)
like 'the README has command 1' "$cmd1" 'onward'
like 'and command 2' "$cmd2" '.'

# Stand-ins for the package manager: every package is missing, apt-get
# says what it was asked, sudo runs it.
mkdir -p "$T/fake" "$T/home"
cat >"$T/fake/dpkg-query" <<'FAKE'
#!/bin/sh
exit 1
FAKE
cat >"$T/fake/apt-get" <<FAKE
#!/bin/sh
echo "apt-get \$*" >>"$T/apt.log"
FAKE
cat >"$T/fake/sudo" <<FAKE
#!/bin/sh
echo "sudo \$1" >>"$T/apt.log"
exec "\$@"
FAKE
# Run as root, command 1 is a user's with sudo (id says 1000) and command
# 2 root's; run as a user, both go through sudo.
root=no
if [ "$(id -u)" -eq 0 ]; then
	root=yes
	cat >"$T/fake/id" <<'FAKE'
#!/bin/sh
[ "$1" != -u ] || { echo 1000; exit 0; }
exec /usr/bin/id "$@"
FAKE
fi
chmod +x "$T/fake/"*

# One shell, in the clone, with nothing of this build in its environment.
_tmux new-session -d -s t -x 160 -y 40 -c "$T/clone" \
	"env -i HOME='$T/home' PATH='$T/fake:$PATH' TERM=xterm-256color LC_ALL=C.UTF-8 ONWARD_IN_CLONE=1 ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1 MAKEFLAGS='TESTS=tests/unit/test-util\ tests/cli/newcomer.sh' PS1='\$ ' bash --norc --noprofile -i; sleep 600"
trap 'tui_stop; rm -rf "$T"' EXIT
tui_type "$cmd1"
tui_keys Enter
ok 'command 1 builds, installs and opens the UI on the demo store' \
	tui_wait 'Sign in|no account yet' 600
tui_keys F10
tui_type 'rc=$?; pwd >"$HOME/pwd"; command -v onward >"$HOME/which"; man -w onward >"$HOME/man" 2>&1; echo "[one $rc]"'
tui_keys Enter
ok 'F10 leaves the UI, command 1 exits 0' tui_wait '^\[one 0\]' 30
is 'the shell is where it was' "$(cat "$T/home/pwd")" "$T/clone"
is 'and finds onward in ~/.local/bin' "$(cat "$T/home/which")" \
	"$T/home/.local/bin/onward"
ok 'the demo store is ~/onward-demo.db' test -f "$T/home/onward-demo.db"
if command -v man >/dev/null; then
	is 'and man onward finds its manual' "$(cat "$T/home/man")" \
	    "$T/home/.local/share/man/man1/onward.1"
fi
like 'setup said where onward went' "$(tui_screen)" \
	"onward is installed in $T/home/.local/bin"
log=$(cat "$T/apt.log" 2>/dev/null)
like 'apt-get update ran first' "$(printf '%s\n' "$log" | grep -v '^sudo' | head -n 1)" '^apt-get update$'
like 'then apt-get install -y of the packages' "$log" \
	'apt-get install -y .*libsqlite3-dev.* iso-codes'
is 'as a user, both through sudo' "$(grep -c '^sudo' "$T/apt.log")" 2
is 'the tree is clean after command 1' \
	"$(git -C "$T/clone" status --porcelain)" ''

: >"$T/apt.log"
rm -f "$T/fake/id"
tui_keys C-l
tui_type "$cmd2"
tui_keys Enter
tui_type 'echo "[two $?]"'
tui_keys Enter
ok 'command 2 pasted next runs the tests and exits 0' \
	tui_wait '^\[two 0\]' 900
log=$(cat "$T/apt.log")
like 'the packages of the tests too' "$log" \
	'apt-get install -y .*tmux valgrind sqlite3'
if [ "$root" = yes ]; then
	unlike 'as root, without sudo' "$log" '^sudo'
fi
ok 'the tests ran in _build' grep -q '^# PASS: *[1-9]' "$T/clone/_build/test-suite.log"
ok 'and none failed' grep -q '^# FAIL: *0' "$T/clone/_build/test-suite.log"
conf=$(cd "$T/clone/_build" && ./config.status --config)
like '_build keeps the prefix of command 1' "$conf" "prefix=$T/home/.local"
ok 'make install in _build after command 2 still installs' \
	env -i HOME="$T/home" PATH="$PATH" make -C "$T/clone/_build" install
is 'the tree is clean after command 2' \
	"$(git -C "$T/clone" status --porcelain)" ''
tui_stop

# A user without sudo (where this machine has none to hide): told what to
# do, nothing run.
if [ "$root" = yes ] && ! [ -e /usr/bin/sudo ] && ! [ -e /bin/sudo ]; then
	mkdir "$T/nosudo"
	cp "$T/fake/dpkg-query" "$T/fake/apt-get" "$T/nosudo/"
	printf '#!/bin/sh\n[ "$1" != -u ] || { echo 1000; exit 0; }\nexec /usr/bin/id "$@"\n' \
	    >"$T/nosudo/id"
	chmod +x "$T/nosudo/"*
	: >"$T/apt.log"
	out=$(cd "$T/clone" && env -i HOME="$T/home" PATH="$T/nosudo:/usr/bin:/bin" \
	    sh build-aux/setup 2>&1)
	is 'a user without sudo: setup fails' "$?" 1
	like '... saying to install as root or install sudo' "$out" \
	    'install them as root \(apt-get install .*\) or install sudo'
	is '... and runs no apt-get' "$(cat "$T/apt.log")" ''
fi
done_testing
