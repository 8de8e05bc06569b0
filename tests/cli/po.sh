#!/bin/sh
# Every translation compiles cleanly with msgfmt -c and is complete for
# the messages the program has.
. "$top_srcdir/tests/lib.sh"
command -v msgfmt >/dev/null || skip_all 'msgfmt is not installed'
for lang in $(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS"); do
	po="$top_srcdir/po/$lang.po"
	ok "$lang.po passes msgfmt -c" msgfmt -c -o /dev/null "$po"
	stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1)
	unlike "$lang.po has no untranslated or fuzzy messages" "$stats" 'untranslated|fuzzy'
done
done_testing
