#!/bin/sh
# The UI follows the same language rule as the command line: LANGUAGE
# from the environment wins over the store's setting, which wins over the
# system's.  And a locale without UTF-8 is noticed: moved to C.UTF-8 when
# the locale names no character set, else the worker is told why names in
# other scripts cannot be shown.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

accounts "$DB" 'Amina Yusuf'
"$ONWARD" --db "$DB" settings worker 'Amina Yusuf'
"$ONWARD" --db "$DB" settings site Kano
"$ONWARD" --db "$DB" settings language fr
"$ONWARD" --db "$DB" --forms "$UI_FORMS" record add registration \
	'full_name=محمد علي' phone='20 100 0002' training_end=2026-05-02 >/dev/null

ui_start
ok "the store's language (fr) is the UI's" tui_wait 'F1 Aide' 20
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop

TUI_ENV='LANGUAGE=sv' ui_start
ok 'LANGUAGE=sv wins over the store in the UI, as on the command line' \
	tui_wait 'F1 Hjälp' 20
unlike '... nothing is French' "$(tui_screen)" 'F1 Aide'
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop
like 'the command line agrees' \
	"$(LANGUAGE=sv "$ONWARD" --db "$DB" record show NOSUCH 2>&1)" 'ingen post'

# LC_ALL=C names no character set: the UI moves to C.UTF-8 and the
# Arabic name shows.
TUI_LC_ALL=C ui_start
ui_signin
ok 'with LC_ALL=C the case list opens' tui_wait 'F1 Aide' 20
ok 'and the Arabic name shows (the locale was moved to UTF-8)' \
	tui_wait 'محمد علي' 10
unlike 'no warning about the locale' "$(tui_screen)" 'UTF-8'
tui_keys F10
tui_wait '\[exited 0\]' 10 >/dev/null
tui_stop

# A machine with no UTF-8 locale: the worker is told plainly.
TUI_LC_ALL=C TUI_ENV='ONWARD_UTF8_LOCALE=xx_NONE.UTF-8 LANGUAGE=en' ui_start
ok 'without a UTF-8 locale the UI still opens' tui_wait 'F1 Help' 20
ok 'and says names in other scripts cannot be shown' \
	tui_wait 'not UTF-8: names' 10
tui_keys F10
ok 'and quits cleanly' tui_wait '\[exited 0\]' 10
tui_stop
done_testing
