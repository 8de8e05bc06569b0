#!/bin/sh
# Sealed sync from the UI: a field store that knows headquarters' key
# exports format 2 (signed, as `onward export` does); a worker may not
# merge a sealed bundle; headquarters holds a bundle of a device it has
# not enrolled, lists it under Devices, and accepting it merges it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"
ONWARD_PWHASH_FAST=1
ONWARD_ACCOUNT_NOWAIT=1
export ONWARD_PWHASH_FAST ONWARD_ACCOUNT_NOWAIT

printf '%s\n' "$UI_PASS" >"$T/p"
chmod 600 "$T/p"
mkdir "$T/field" "$T/hq"
DB="$T/hq/store.db"
ui_start
ui_firstrun 'Boss' 'HQ' hq >/dev/null
tui_stop
ok 'headquarters exports its keys' "$ONWARD" --db "$DB" keys export \
    -o "$T/hq.keys" --as Boss --passphrase-file "$T/p"

DB="$T/field/store.db"
ui_with_case
tui_stop
ok 'the field store imports them' "$ONWARD" --db "$DB" keys import \
    "$T/hq.keys" --as 'Amina Yusuf' --passphrase-file "$T/p"
ui_start
ui_signin >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F5
tui_wait 'Bundles in' 10 >/dev/null
tui_keys F2
ok 'F2 exports a bundle' tui_wait 'Export done' 20
like 'signed and sealed' "$(tui_screen)" 'Signed by this device and sealed to 1 keys'
like 'bundle inspect reads it as signed' \
    "$("$ONWARD" bundle inspect "$T"/field/*.onward)" 'signed, the signature verified'
tui_keys Tab F3
ok "a worker's merge of a sealed bundle is refused" \
    tui_wait 'sealed bundle needs a supervisor or an admin signed in' 20
tui_stop

mv "$T"/field/*.onward "$T/hq/"
DB="$T/hq/store.db"
ui_start
ui_signin >/dev/null
tui_keys Escape
tui_wait 'Search:' 10 >/dev/null
tui_keys F5
tui_wait 'Bundles in' 10 >/dev/null
tui_keys Tab F3
ok 'the bundle of a device not enrolled is held' \
    tui_wait 'held: device [A-Z2-7-]+ is not enrolled' 20
fp=$(tui_screen | sed -n 's/.*held: device \([A-Z2-7-]*\) is.*/\1/p')
tui_keys F6
ok 'F6 lists the devices' tui_wait 'Devices this store knows' 10
like 'the held device with its fingerprint' "$(tui_screen)" "held +$fp"
tui_keys a
ok 'accepting asks first' tui_wait 'Accept device' 10
tui_keys y
ok 'accepting enrols it and merges its bundle' \
    tui_wait 'accepted; 1 held bundles merged' 20
like 'it is known now' "$(tui_screen)" "known +$fp"
tui_keys Escape
tui_wait 'Bundles in' 10 >/dev/null
tui_keys Escape
tui_wait "mine \\(F11\\)" 10 >/dev/null
tui_keys F11
ok 'the case has arrived' tui_wait 'Grace Akello' 10
tui_stop
done_testing
