# tests/tui/link-lib.sh: the start the UI tests of links and child cases
# share (tests/tui/case-picker.sh, tests/tui/children.sh).  Source after
# tests/tui/ui-lib.sh.
#
#   link_start        onward on the link pack (tests/data/forms-link),
#                     80x30, past the first run (Amina Yusuf in Kano)
#   cli ARGS...       onward on the same store and pack, signed in as
#                     Amina Yusuf (her passphrase from a 0600 file)

UI_FORMS="$top_srcdir/tests/data/forms-link"

link_start() {
	ui_start 80x30
	ui_firstrun 'Amina Yusuf' 'Kano' >/dev/null
	pf pp "$UI_PASS"
}

cli() {
	ONWARD_PASSPHRASE_FILE="$T/pp" "$ONWARD" --db "$DB" --forms "$UI_FORMS" \
	    "$@"
}
