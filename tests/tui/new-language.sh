#!/bin/bash
# A translator's new language, as the README tells it: in a copy of the
# tree, a de.po and its code in po/LINGUAS; `make` compiles it, `make
# install` installs it with the others, and the installed onward offers
# it in Settings by its own name, in its words.  An edited de.po reaches
# the next install; a language of LINGUAS without its catalog fails the
# build, naming it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
[ "${ASAN:-}" != yes ] ||
	skip_all 'the sanitizer build: the copy builds without sanitizers, once is enough'
[ -x "$top_srcdir/configure" ] || skip_all 'no configure in the source folder'
command -v msgfmt >/dev/null || skip_all 'msgfmt is not installed'

# The copy: the source folder without its build folders.
mkdir "$T/src"
(cd "$top_srcdir" && tar --exclude='./_build*' --exclude='./.git' \
    --exclude='./build*' --exclude='./autom4te.cache' -cf - .) |
	(cd "$T/src" && tar -xf - && chmod -R u+w . && mkdir -p build-aux) ||
	{ echo 'Bail out! the tree cannot be copied'; exit 1; }
cp "$top_srcdir"/build-aux/* "$T/src/build-aux/"

catalog() {
	cat >"$T/src/po/de.po" <<PO
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: de\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Language"
msgstr "$1"
PO
}
catalog Sprache
echo de >>"$T/src/po/LINGUAS"

mkdir "$T/build"
build() { (cd "$T/build" && make -j2 "$@") >"$T/make.out" 2>&1; }
(cd "$T/build" && "$T/src/configure" --prefix="$T/inst" >"$T/configure.out" 2>&1) ||
	{ echo 'Bail out! configure failed'; tail -n 20 "$T/configure.out"; exit 1; }
ok 'make builds the copy with its new language' build
ok 'and compiles de.po' test -f "$T/src/po/de.gmo"
ok 'make install installs' build install
mo="$T/inst/share/locale/de/LC_MESSAGES/onward.mo"
ok 'the German catalog is installed' test -f "$mo"
ok 'beside the shipped ones' test -f "$T/inst/share/locale/sv/LC_MESSAGES/onward.mo"

# The installed program, its own catalogs (no ONWARD_LOCALEDIR).
unset ONWARD_LOCALEDIR
ONWARD="$T/inst/bin/onward"
ui_start
ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
tui_keys F9
ok 'the settings open on English' tui_wait 'Language.*< English >' 10
for i in 1 2 3 4; do
	tui_screen | grep -q '< Deutsch >' && break
	tui_keys Right
	sleep 0.3
done
ok 'German is offered by its own name' tui_wait '< Deutsch >' 5
tui_keys F2
ok 'and chosen, the screen speaks it' tui_wait 'Sprache' 10
tui_stop

sleep 1	# a new de.po must be newer than the .gmo made from the old one
catalog 'Sprache (neu)'
ok 'make after de.po is edited' build
ok '... compiles it again' grep -q 'de.po' "$T/make.out"
ok 'make install' build install
ok 'installs the edited catalog' grep -q 'Sprache (neu)' "$mo"

echo xx >>"$T/src/po/LINGUAS"
fails 'a language of LINGUAS without its .po fails make install' 2 build install
like '... naming it' "$(cat "$T/make.out")" 'xx\.po does not exist'
done_testing
