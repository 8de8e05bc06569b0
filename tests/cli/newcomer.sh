#!/bin/sh
# What a newcomer meets before the first build is done: a new account
# (no ~/.local) gets its default store, configure's hint for what is
# missing pastes into a shell as it is, the licence is there and named.
# The README's two commands in a fresh clone: tests/tui/fresh-clone.sh.
. "$top_srcdir/tests/lib.sh"

# A new account: no ~/.local, no XDG_DATA_HOME.
home="$T/newhome"
mkdir "$home"
ok 'a new account without ~/.local opens its default store' \
	env -u XDG_DATA_HOME -u ONWARD_DB HOME="$home" \
	"$ONWARD" --forms "$top_srcdir/forms" cases
ok 'the store is in ~/.local/share/onward' \
	test -f "$home/.local/share/onward/onward.db"
ok 'XDG_DATA_HOME whose folders do not exist yet is made too' \
	env -u ONWARD_DB XDG_DATA_HOME="$T/a/b/c" \
	"$ONWARD" --forms "$top_srcdir/forms" cases
ok '... with its store' test -f "$T/a/b/c/onward/onward.db"

# configure with nothing found: pkg-config absent, every library probe
# answered "no" through configure's cache variables.
if [ -x "$top_srcdir/configure" ]; then
	mkdir "$T/cfg"
	(cd "$T/cfg" && "$top_srcdir/configure" PKG_CONFIG=/bin/false \
	    ac_cv_lib_ncursesw_wget_wch=no \
	    ac_cv_lib_sqlite3_sqlite3_error_offset=no \
	    ac_cv_lib_yaml_yaml_parser_initialize=no \
	    ac_cv_lib_z_inflate=no ac_cv_lib_sodium_crypto_hash_sha256_init=no \
	    >"$T/cfg.out" 2>&1)
	is 'configure fails when libraries are missing' "$?" 1
	hint=$(grep -o 'apt-get install.*' "$T/cfg.out")
	like 'it names every Debian package missing' "$hint" \
	    'libncurses-dev libsqlite3-dev libyaml-dev zlib1g-dev libsodium-dev iso-codes$'
	ok 'and the line pastes into a shell as it is' sh -n -c "$hint"
	like 'SQLite version said apart' "$(cat "$T/cfg.out")" \
	    'SQLite must be 3.35 or later'
else
	diag 'no configure in the source folder: its hint is not checked'
fi

ok 'the licence is the Apache License 2.0' \
	grep -q 'Apache License' "$top_srcdir/LICENSE"
ok 'whole, with its terms and conditions' \
	grep -q 'END OF TERMS AND CONDITIONS' "$top_srcdir/LICENSE"
like 'the README names it' "$(cat "$top_srcdir/README")" 'Apache License 2.0: see .LICENSE.'
ok 'build-aux/setup is a shell script sh reads' sh -n "$top_srcdir/build-aux/setup"
done_testing
