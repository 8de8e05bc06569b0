#!/bin/sh
# What onward writes leaks nothing: CSV files are made mode 0600 under
# names no one can plant a symlink at, and a symlink planted at the final
# name is replaced, never followed; the temporary file of an export killed
# midway is gone after the next export; control characters and escape
# sequences in stored text (answers, workers, sites, from any bundle) are
# shown escaped by record show, record history, dump and bundle inspect.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
db="$T/o.db"
export ONWARD_FORMS ONWARD_DATA
on() { "$ONWARD" --db "$db" "$@"; }
esc=$(printf '\033')
bel=$(printf '\007')
csi=$(printf '\302\233')
accounts "$db" ann:worker
on settings site "Ama${esc}]0;pwned${bel}" --as admin >/dev/null
out=$(on record add registration --as ann \
	"full_name=Ama${esc}[2J${esc}[31mRed${csi}0m" training_end=2026-05-01)
rid=$(printf '%s\n' "$out" | sed -n 1p)

# Outputs: modes and symlinks.
mkdir "$T/out"
echo secret >"$T/victim"
ln -s "$T/victim" "$T/out/registration.csv"
ok 'csv writes the form' on csv registration -o "$T/out"
is 'the CSV file is mode 0600' "$(stat -c %a "$T/out/registration.csv")" 600
[ ! -L "$T/out/registration.csv" ]; _tap $? 'a symlink at its name is replaced'
is 'and the file it pointed at is untouched' "$(cat "$T/victim")" secret
is 'no temporary file is left' "$(ls -A "$T/out" | grep -c '^\.')" 0

# A killed export's temporary file is swept by the next export.
mkdir "$T/stick"
printf 'partial' >"$T/stick/.Amberfield-0123-1-9.onward.Ab12Cd"
ok 'export' on export -o "$T/stick"
is 'the temporary file of a killed export is gone' \
	"$(ls -A "$T/stick" | grep -c '^\.')" 0
ln -s "$T/victim" "$T/stick/.x.onward.Zz99Yy"
ok 'export again, over a planted link' on export --all -o "$T/stick"
is 'a planted link is neither followed nor swept' \
	"$(ls -A "$T/stick" | grep -c '^\.'):$(cat "$T/victim")" 1:secret
rm -f "$T/stick/.x.onward.Zz99Yy"

# Escapes.
show=$(on record show "$rid")
unlike 'record show prints no escape character' "$show" "$esc"
like 'but shows it escaped' "$show" 'full_name = Ama\\x1b\[2J\\x1b\[31mRed\\u009b0m'
hist=$(on record history "$rid")
unlike 'record history prints no escape character' "$hist" "$esc"
like 'but shows it escaped' "$hist" 'Ama\\x1b\[2J'
dump=$(on dump)
unlike 'dump prints no escape character' "$dump" "$esc"
unlike 'nor a C1 control' "$dump" "$csi"
like 'but shows them escaped' "$dump" 'Red\\u009b0m'
b=$(ls "$T/stick"/*.onward | head -n 1)
insp=$(on bundle inspect "$b")
unlike 'bundle inspect prints no escape character' "$insp" "$esc"
unlike 'nor a bell' "$insp" "$bel"
like 'but shows the site escaped' "$insp" 'Ama\\x1b\]0;pwned\\x07'
done_testing
