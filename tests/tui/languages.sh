#!/bin/bash
# Settings offer every language whose catalog is installed, named in
# itself: a translator's new language appears without a change to the
# program (one the program has no name for shows its code).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
[ -f "${ONWARD_LOCALEDIR:-}/fr/LC_MESSAGES/onward.mo" ] ||
	skip_all 'no compiled catalogs'
cp -r "$ONWARD_LOCALEDIR" "$T/locale"
for l in de xx; do
	mkdir -p "$T/locale/$l/LC_MESSAGES"
	cp "$T/locale/fr/LC_MESSAGES/onward.mo" "$T/locale/$l/LC_MESSAGES/"
done
export ONWARD_LOCALEDIR="$T/locale"

ui_start
ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
tui_keys F9
ok 'the settings open on English' tui_wait 'Language.*< English >' 10
seen=
for i in 1 2 3 4 5; do
	tui_keys Right
	sleep 0.3
	seen="$seen $(tui_screen | grep -Eo '< [^>]+ >' | head -1)"
done
like 'German, from its new catalog, by its own name' "$seen" '< Deutsch >'
like 'French' "$seen" '< Français >'
like 'Swedish' "$seen" '< Svenska >'
like 'a code the program cannot name, as itself' "$seen" '< xx >'
like 'then round to English again' "$seen" '< English >$'
tui_stop
done_testing
