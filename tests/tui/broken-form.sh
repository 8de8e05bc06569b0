#!/bin/bash
# A broken form file does not stop the UI: the worker is told which form is
# left out, and the rest works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
cp -r "$UI_FORMS" "$T/forms"
UI_FORMS="$T/forms"
printf 'form: close_case\nversion: 0\n' >"$T/forms/close_case.yaml"

ui_start
ok 'the UI opens and names the broken form' \
	tui_wait 'close_case.yaml has problems and is left out' 20
ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
ok 'registering still works' ui_register 'Grace Akello' '256 77 123' '2026-04-01'
tui_stop
done_testing
