#!/bin/sh
# The includes have no circles: every module includes only modules below
# it (the UI above app, app above store, store above form, record and
# bundle, ... util and i18n at the bottom).  A module is a file's name up
# to its first '-' or '.' (store-sync.c is store; screen-*.c is the UI).
. "$top_srcdir/tests/lib.sh"

# The layers, lowest first; a module may include only lower ones (and
# itself).  A new module gets its layer here.
ranks='
nls 0
paths 0
utf8 1
fault 1
util 2
strmap 3
strvec 3
escape 3
i18n 3
secret 3
csv 4
expr 4
change 4
form 5
keys 3
bundle 5
record 6
schedule 7
export 7
store 8
report 9
demo 9
app 10
cmd 11
tui 11
main 12
'

module() {
	m=${1##*/}
	m=${m%%.*}
	m=${m%%-*}
	case $m in screen) m=tui ;; esac
	printf '%s\n' "$m"
}

rank() { printf '%s\n' "$ranks" | awk -v m="$1" '$1 == m { print $2 }'; }

edges="$T/edges"
: >"$edges"
unknown=
bad=
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; do
	from=$(module "$f")
	rf=$(rank "$from")
	[ -n "$rf" ] || { unknown="$unknown ${f##*/}"; continue; }
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		case $h in config.h) continue ;; esac
		to=$(module "$h")
		[ "$to" = "$from" ] && continue
		rt=$(rank "$to")
		[ -n "$rt" ] || { unknown="$unknown $h"; continue; }
		printf '%s %s\n' "$from" "$to" >>"$edges"
		[ "$rt" -lt "$rf" ] || bad="$bad ${f##*/}->$h"
	done
done
is 'every module has a layer (add new ones to tests/cli/includes.sh)' "$unknown" ''
is 'no file includes a module of its own layer or above' "$bad" ''
sort -u "$edges" | tsort >/dev/null 2>"$T/tsort.err"
is 'the module graph has no circle' "$(cat "$T/tsort.err")" ''
like 'the UI includes app' "$(grep '^tui app$' "$edges")" 'tui app'
unlike 'the UI does not include cmd.h' "$(grep '^tui cmd$' "$edges")" 'cmd'
done_testing
