#!/bin/sh
# Sizes that keep src/ readable: no source file over 800 lines, no
# function over 120 (from the line naming it to its closing brace, in the
# style(9) layout every file uses: the name at the start of a line, the
# closing brace alone at the start of one).
. "$top_srcdir/tests/lib.sh"

long_files=$(wc -l "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h |
	awk '$2 != "total" && $1 > 800 { n = $2; sub(".*/", "", n); printf " %s(%d)", n, $1 }')
is 'no source file is over 800 lines' "$long_files" ''

long_fns=$(awk '
	FNR == 1 { infn = 0 }
	/^[A-Za-z_][A-Za-z0-9_]*\(/ && !/;[[:space:]]*$/ {
		name = $0; sub(/\(.*/, "", name); start = FNR; infn = 1; next
	}
	infn && /^}/ {
		if (FNR - start + 1 > 120) {
			f = FILENAME; sub(".*/", "", f)
			printf " %s:%s(%d)", f, name, FNR - start + 1
		}
		infn = 0
	}' "$top_srcdir"/src/*.c)
is 'no function is over 120 lines' "$long_fns" ''
# The measure itself: a made-up function of 130 lines is caught.
{ echo 'static int'; echo 'toolong(void)'; echo '{'
  i=0; while [ $i -lt 127 ]; do echo '	;'; i=$((i + 1)); done; echo '}'; } >"$T/long.c"
caught=$(awk '/^[A-Za-z_][A-Za-z0-9_]*\(/ { s = FNR } /^}/ { print FNR - s + 1 }' "$T/long.c")
is 'the measure counts a 130-line function as 130' "$caught" 130
done_testing
