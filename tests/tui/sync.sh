#!/bin/sh
# Sync: a field laptop exports a bundle to a folder, another store merges
# it; both report what they did.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

mkdir "$T/field" "$T/hq"
DB="$T/field/store.db"
ui_with_case
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F5
ok 'F5 opens the sync screen' tui_wait 'Bundles in' 10
like 'the store folder is offered' "$(tui_screen)" "> +$T/field"
tui_keys F2
ok 'F2 exports a bundle' tui_wait 'Export done' 20
like 'and says what it wrote' "$(tui_screen)" 'Wrote .*\.onward'
ok 'the bundle is in the folder' sh -c "ls '$T'/field/*.onward"
tui_keys F2
ok 'a second export finds nothing new' tui_wait 'Nothing new to export' 20
tui_stop

mv "$T"/field/*.onward "$T/hq/"
DB="$T/hq/store.db"
ui_start
ui_firstrun 'Supervisor' 'HQ'
tui_keys F5
tui_wait 'Bundles in' 10 >/dev/null
like 'the bundle brought to headquarters is listed' "$(tui_screen)" '\.onward'
tui_keys Tab F3
ok 'F3 merges it' tui_wait 'Merge done' 20
like 'the summary counts the new changes' "$(tui_screen)" '[0-9]+ changes: [0-9]+ new, 0 already here'
tui_keys F3
ok 'merging it again changes nothing' tui_wait ': 0 new, [0-9]+ already here' 20
tui_keys Escape
# Another worker's case: in everyone's cases (F11), not in the admin's own.
tui_wait "mine \\(F11\\)" 10 >/dev/null
tui_keys F11
ok 'the case has arrived' tui_wait 'Grace Akello' 10
tui_stop
done_testing
