#!/bin/sh
# Every translation compiles cleanly with msgfmt -c and is complete for
# the messages the program has.
. "$top_srcdir/tests/lib.sh"
command -v msgfmt >/dev/null || skip_all 'msgfmt is not installed'
# The build does not touch the catalogs (PO_DEPENDS_ON_POT = no), so they
# are checked against the program's messages as they are now: a template
# made here as po/Makevars makes it, so a message added to the source and
# not yet translated (make update-po) shows.
command -v xgettext >/dev/null || skip_all 'xgettext is not installed'
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top_srcdir/po/POTFILES.in" >"$T/files"
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	--add-comments=TRANSLATORS: -f "$T/files" -o "$T/onward.pot") ||
	{ echo "Bail out! xgettext failed"; exit 1; }
pot="$T/onward.pot"
for lang in $(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS"); do
	po="$top_srcdir/po/$lang.po"
	ok "$lang.po passes msgfmt -c" msgfmt -c -o /dev/null "$po"
	msgmerge -q --no-fuzzy-matching -o "$T/$lang.po" "$po" "$pot"
	stats=$(msgfmt --statistics -o /dev/null "$T/$lang.po" 2>&1)
	unlike "$lang.po has no untranslated or fuzzy messages (make update-po)" "$stats" 'untranslated|fuzzy'
done
# A translated label shows the same answers as the original: the same
# ${...} references, in any order.
for lang in $(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS"); do
	bad=$(msgcat --no-wrap "$top_srcdir/po/$lang.po" | awk '
	function refs(s,   n, a, i, j, t, out) {
		n = 0
		while (match(s, /\$\{[a-z0-9_.]+\}/)) {
			a[++n] = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
		}
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		out = ""
		for (i = 1; i <= n; i++)
			out = out " " a[i]
		return out
	}
	/^msgid "/ { id = substr($0, 7); next }
	/^msgstr "/ {
		str = substr($0, 8)
		if (str != "\"\"" && refs(id) != refs(str))
			print id
	}')
	is "$lang.po: translations show the answers their original shows" \
	    "$bad" ''
done
# Every source file with translatable messages is listed for xgettext.
missing=
for f in $(cd "$top_srcdir" && grep -l -E '\<N?_\(' src/*.c); do
	grep -qx "$f" "$top_srcdir/po/POTFILES.in" || missing="$missing $f"
done
is 'po/POTFILES.in lists every source file with messages' "$missing" ''
# The form pack's text in po/forms.pot is what the pack has now.
if [ -n "${ONWARD:-}" ]; then
	ONWARD_DATA="$top_srcdir/data" "$ONWARD" --forms "$top_srcdir/forms" \
	    forms pot | grep '^msgid' | sort >"$T/now"
	grep '^msgid' "$top_srcdir/po/forms.pot" | sort >"$T/kept"
	ok 'po/forms.pot is up to date with the form pack (make update-po)' \
	    cmp "$T/now" "$T/kept"
fi
done_testing
