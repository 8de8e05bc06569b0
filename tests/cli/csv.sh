#!/bin/sh
# onward csv and onward views: hostile text (commas, quotes, newlines,
# a leading '=', Arabic, Chinese, emoji) goes in with `record add` and
# comes back unchanged through a CSV reader (tests/unit/csv-read, and
# python3's csv module when there is one); repeats keyed to their
# record; --labels, --bom, --all, the dictionary and the SQL views.
. "$top_srcdir/tests/lib.sh"

export ONWARD_FORMS="$top_srcdir/tests/data/forms-report"
export ONWARD_DB="$T/csv.db"
accounts "$ONWARD_DB" 'wörker 1' 'wörker 2' 'wörker 3' 'wörker 4' 'wörker 5' 'wörker 6' 'wörker 7' 'wörker 8' 'wörker 9'
READ="$top_builddir/tests/unit/csv-read"
[ -x "$READ" ] || skip_all 'tests/unit/csv-read is not built'

# The texts, one a line, newlines written \n (as csv-read prints them).
cat >"$T/texts" <<'EOF'
plain
a, b, and c
say "hello", then ""twice""
line one\nline two
=HYPERLINK("http://example.com","click")
-2+3
محمد عبد الله، القاهرة
李小龙 "龙"
😀👍🏽 👨‍👩‍👧 Zoë Ångström
EOF
n=0
while IFS= read -r line; do
	n=$((n + 1))
	text=$(printf '%b' "$line")
	"$ONWARD" record add --as "wörker $n" registration \
	    "full_name=$text" "notes=$text" sex=f languages='ar zh' \
	    'household[1].member_name=first, "one"' \
	    "household[2].member_name=$text" >/dev/null 2>"$T/err" ||
		diag "record add failed: $(cat "$T/err")"
done <"$T/texts"
is 'nine records went in' "$n" 9

mkdir "$T/out" "$T/labels" "$T/all"
ok 'csv writes the form' "$ONWARD" csv registration -o "$T/out"
ok 'the form file exists' test -f "$T/out/registration.csv"
ok 'the repeat has its own file' test -f "$T/out/registration__household.csv"

is 'every hostile text comes back from the CSV reader' \
	"$("$READ" "$T/out/registration.csv" notes | sort)" \
	"$(sort "$T/texts")"
is 'and in the name column too' \
	"$("$READ" "$T/out/registration.csv" full_name | sort)" \
	"$(sort "$T/texts")"
is 'the header is the meta columns, then fields in form order' \
	"$(head -n 1 "$T/out/registration.csv")" \
	"$(printf '_record,_case,_author,_device,_created,_updated,full_name,sex,programme,district,income_before,notes,languages,languages__ar,languages__zh,languages__sv\r')"
is 'rows end in CRLF' \
	"$(head -n 1 "$T/out/registration.csv" | tail -c 2 | od -An -tx1 | tr -d ' ')" 0d0a
is 'a select_multiple has a 0/1 column per choice' \
	"$("$READ" "$T/out/registration.csv" languages__zh | sort -u)" 1
is '... and 0 for a choice not taken' \
	"$("$READ" "$T/out/registration.csv" languages__sv | sort -u)" 0
is 'the author is on every row' \
	"$("$READ" "$T/out/registration.csv" _author | sort | head -n 2)" \
	"wörker 1
wörker 2"
is 'the repeat has two rows per record' \
	"$("$READ" "$T/out/registration__household.csv" _record | wc -l | tr -d ' ')" 18
is 'repeat rows are keyed to their record' \
	"$("$READ" "$T/out/registration__household.csv" _record | sort -u)" \
	"$("$READ" "$T/out/registration.csv" _record | sort -u)"
is 'repeat rows carry their position' \
	"$("$READ" "$T/out/registration__household.csv" _position | sort | uniq -c | tr -s ' ')" \
	" 9 1
 9 2"
is 'repeat text round-trips' \
	"$("$READ" "$T/out/registration__household.csv" member_name | grep -Fxc 'first, "one"')" 9

# --labels: choice labels, formulas neutralised with a leading apostrophe.
ok 'csv --labels --bom' "$ONWARD" csv --labels --bom registration -o "$T/labels"
is '--bom starts the file with a byte order mark' \
	"$(head -c 3 "$T/labels/registration.csv" | od -An -tx1 | tr -d ' ')" efbbbf
is '--labels writes choice labels' \
	"$("$READ" "$T/labels/registration.csv" sex | sort -u)" Female
is '--labels joins the labels of a multiple choice' \
	"$("$READ" "$T/labels/registration.csv" languages | sort -u)" \
	'Arabic; Chinese'
like '--labels neutralises a formula' \
	"$("$READ" "$T/labels/registration.csv" notes)" \
	"^'=HYPERLINK"
like '--labels neutralises -2+3' \
	"$("$READ" "$T/labels/registration.csv" notes)" "^'-2\\+3$"
like 'without --labels the text is as typed' \
	"$("$READ" "$T/out/registration.csv" notes)" '^=HYPERLINK'

# --all: every form, the cases and the data dictionary.
ok 'csv --all' "$ONWARD" csv --all -o "$T/all"
for f in registration registration__household training follow_up_visit \
    needs_reassessment needs_reassessment__needs exit_evaluation \
    cash_for_work cash_for_work__weeks cases dictionary; do
	ok "--all writes $f.csv" test -f "$T/all/$f.csv"
done
is 'cases.csv has every case' \
	"$("$READ" "$T/all/cases.csv" _case | wc -l | tr -d ' ')" 9
is 'cases.csv has the properties' \
	"$("$READ" "$T/all/cases.csv" full_name | sort)" "$(sort "$T/texts")"
like 'the dictionary describes each column' \
	"$(cat "$T/all/dictionary.csv")" \
	'^registration,registration,languages__ar,languages,choice,Languages: Arabic,'
like 'the dictionary lists the choices' \
	"$(cat "$T/all/dictionary.csv")" \
	'^registration,registration,sex,sex,select_one,Sex,f=Female; m=Male'
is 'the dictionary describes every column of cases.csv' \
	"$(grep '^[^,]*,cases,' "$T/all/dictionary.csv" | cut -d, -f3 | tr '\n' ',')" \
	"$(head -n 1 "$T/all/cases.csv" | tr -d '\r'),"
like 'with the type and label of a property' \
	"$(cat "$T/all/dictionary.csv")" \
	'^,cases,training_end,training_end,date,End of training,'
like 'and the choices of the field that saves to it' \
	"$(cat "$T/all/dictionary.csv")" \
	'^,cases,sex,sex,select_one,Sex,f=Female; m=Male,1=f; 2=m,sex,sex,cases'
like 'and what its meta columns mean' \
	"$(cat "$T/all/dictionary.csv")" \
	'^,cases,_closed,,meta,"?1 closed, 0 open'
fails 'csv needs a form or --all' 2 "$ONWARD" csv -o "$T/all"
fails 'csv refuses an unknown form' 1 "$ONWARD" csv nosuch -o "$T/all"
ok 'csv makes a folder that is not there yet' "$ONWARD" csv --all -o "$T/new"
ok 'and writes into it' test -s "$T/new/dictionary.csv"
fails 'csv refuses a folder it cannot make' 1 "$ONWARD" csv --all -o "$T/no/such/place"
like 'saying why' "$(cat "$T/.out")" "cannot make the folder '.*no/such/place'"
: >"$T/plainfile"
fails 'csv refuses a file for a folder' 1 "$ONWARD" csv --all -o "$T/plainfile"

if command -v python3 >/dev/null 2>&1; then
	python3 - "$T/out/registration.csv" >"$T/py" 2>&1 <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        print(row['full_name'].replace('\\', '\\\\').replace('\n', '\\n'))
EOF
	is "python3's csv module reads the same texts" \
		"$(sort "$T/py")" "$(sort "$T/texts")"
else
	diag 'python3 not found: only the built-in reader checked'
fi

# The SQL views show the same tables.
ok 'views creates the views' "$ONWARD" views
if command -v sqlite3 >/dev/null 2>&1; then
	is 'the form view has every record' \
		"$(sqlite3 "$ONWARD_DB" 'SELECT count(*) FROM form_registration')" 9
	is 'the view has the same texts' \
		"$(sqlite3 "$ONWARD_DB" "SELECT replace(notes, char(10), '\\n') FROM form_registration" | sort)" \
		"$(sort "$T/texts")"
	is 'the repeat view is keyed like the CSV' \
		"$(sqlite3 -csv "$ONWARD_DB" 'SELECT _record, _instance, _position FROM form_registration__household ORDER BY 1, 3' | tr -d '\r')" \
		"$("$READ" "$T/out/registration__household.csv" _record >"$T/a"; \
		  "$READ" "$T/out/registration__household.csv" _instance >"$T/b"; \
		  "$READ" "$T/out/registration__household.csv" _position >"$T/c"; \
		  paste -d, "$T/a" "$T/b" "$T/c" | sort -t, -k1,1 -k3,3n)"
	is 'the select_multiple 0/1 columns' \
		"$(sqlite3 "$ONWARD_DB" 'SELECT DISTINCT languages__ar, languages__sv FROM form_registration')" '1|0'
	is 'the case view' \
		"$(sqlite3 "$ONWARD_DB" 'SELECT count(*) FROM case_beneficiary WHERE sex = '"'f'")" 9
	ok 'views can be made again' "$ONWARD" views
	# Without 'onward views': a store made by merging a bundle has the
	# views at once, and they follow a changed form.
	"$ONWARD" export --all -o "$T/all.onward" >/dev/null
	accounts -u "$T/hq.db"
	ONWARD_DB="$T/hq.db" "$ONWARD" merge "$T/all.onward" >/dev/null
	is 'a merged store has the views without asking' \
		"$(sqlite3 "$T/hq.db" 'SELECT count(*) FROM form_registration')" 9
	cp -r "$ONWARD_FORMS" "$T/forms2"
	sed -i -e 's/^version: .*/version: 99/' "$T/forms2/registration.yaml"
	printf '  - {id: added_later, type: text, label: Added later}\n' \
		>>"$T/forms2/registration.yaml"
	if ONWARD_FORMS="$T/forms2" ONWARD_DB="$T/hq.db" "$ONWARD" forms check >/dev/null 2>&1; then
		ONWARD_FORMS="$T/forms2" ONWARD_DB="$T/hq.db" "$ONWARD" cases >/dev/null
		is 'a new version of a form brings its new question to the view' \
			"$(sqlite3 "$T/hq.db" 'SELECT count(added_later) FROM form_registration')" 0
	else
		ok 'the changed test form checks' false
	fi
else
	diag 'sqlite3 not found: the views are made but not read'
fi
done_testing
