#!/bin/sh
# onward csv --format dta|sav: Stata and SPSS files read back with
# ReadStat's own tools (readstat for the values, extract_metadata for the
# labels): the same rows as the CSV, variable labels, value labels from
# the choices, a select_multiple's 0/1 variables, repeats in their own
# files keyed to their record, dates as dates, long texts whole, and
# names cut to the format's limits as the dictionary says; and with R's
# haven too when Debian's r-cran-haven is installed.
. "$top_srcdir/tests/lib.sh"

command -v readstat >/dev/null 2>&1 || skip_all 'readstat (Debian readstat) not found'
command -v extract_metadata >/dev/null 2>&1 || skip_all 'extract_metadata (Debian readstat) not found'
command -v python3 >/dev/null 2>&1 || skip_all 'python3 not found'
READ="$top_builddir/tests/unit/csv-read"
cp -r "$top_srcdir/tests/data/forms-report" "$T/forms"
cat >"$T/forms/long_names.yaml" <<'YAML'
form: long_names
version: 1
title: Long names
fields:
  - {id: a_question_whose_id_is_far_longer_than_stata_allows, type: integer, label: Long one}
  - {id: a_question_whose_id_is_far_longer_than_stata_allows_too, type: text, label: Long two}
  - {id: in, type: text, label: A reserved word in Stata}
  - {id: by, type: text, label: A reserved word in SPSS}
  - id: coded
    type: select_one
    label: Coded by the programme
    choices: [{value: '10', label: Ten}, {value: '20', label: Twenty}]
YAML
export ONWARD_FORMS="$T/forms" ONWARD_DB="$T/s.db"
accounts "$ONWARD_DB" ana
if ! "$ONWARD" csv --format dta --all -o "$T/probe" >"$T/probe.out" 2>&1; then
	grep -q "unknown format" "$T/probe.out" &&
		skip_all 'onward was built without ReadStat'
fi

long=$(python3 -c 'print("x" * 3000 + "é")')
add() {
	"$ONWARD" record add --as ana "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}
P1=$(add registration 'full_name=Zoë "Z" =1+2' sex=f income_before=950.5 \
    languages='ar sv' 'household[1].member_name=محمد' 'household[1].member_age=7' \
    'household[2].member_name=李' 'household[2].member_age=40' "notes=$long")
P2=$(add registration 'full_name=😀 Ångström' sex=m)
add --case "$P1" training end_date=2026-01-01 status=completed >/dev/null
add long_names a_question_whose_id_is_far_longer_than_stata_allows=5 \
    a_question_whose_id_is_far_longer_than_stata_allows_too=t in=i by=b coded=20 >/dev/null

ok 'csv --format dta --all' "$ONWARD" csv --format dta --all -o "$T/dta"
unlike 'cutting nothing' "$(cat "$T/.out")" 'warning'
ok 'csv --format sav --all' "$ONWARD" csv --format sav --all -o "$T/sav"
ok 'and the CSV' "$ONWARD" csv --all -o "$T/csv"
for f in registration registration__household training cases long_names; do
	ok "$f.dta is there" test -s "$T/dta/$f.dta"
	ok "$f.sav is there" test -s "$T/sav/$f.sav"
done
ok 'the dictionary is written beside them' test -s "$T/dta/dictionary.csv"
unlike 'no temporary file is left' "$(ls -A "$T/dta" "$T/sav")" '\.tmp'

# values: readstat's CSV, read by python's csv module
py_col() {	# FILE COLUMN: the column's values, one a line
	python3 - "$1" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        print(row[sys.argv[2]])
PY
}
for fmt in dta sav; do
	for t in registration registration__household cases long_names; do
		readstat "$T/$fmt/$t.$fmt" "$T/$fmt-$t.csv" >/dev/null 2>&1 ||
			diag "readstat $t.$fmt failed"
	done
done
is 'dta: the names come back' "$(py_col "$T/dta-registration.csv" full_name | sort)" \
	"$("$READ" "$T/csv/registration.csv" full_name | sort)"
is 'sav: the names come back' "$(py_col "$T/sav-registration.csv" full_name | sort)" \
	"$("$READ" "$T/csv/registration.csv" full_name | sort)"
is 'dta: a text longer than a Stata str comes back whole (strL)' \
	"$(py_col "$T/dta-registration.csv" notes | sort | tail -n 1)" "$long"
is 'dta: and an empty one empty' \
	"$(py_col "$T/dta-registration.csv" notes | sort | head -n 1)" ""
is 'sav: and in SPSS' \
	"$(py_col "$T/sav-registration.csv" notes | sort | tail -n 1)" "$long"
is 'dta: a decimal is a number' \
	"$(py_col "$T/dta-registration.csv" income_before | grep . | cut -c1-5)" 950.5
is 'dta: a select_one is coded' "$(py_col "$T/dta-registration.csv" sex | sort | tr '\n' ' ')" '1 2 '
is 'dta: a select_multiple has 0/1 variables' \
	"$(py_col "$T/dta-registration.csv" languages__ar | grep . ; py_col "$T/dta-registration.csv" languages__zh | grep .)" \
	"1
0"
is 'dta: repeat rows are keyed to their record' \
	"$(py_col "$T/dta-registration__household.csv" _record | sort -u)" \
	"$(py_col "$T/dta-registration.csv" _record | sort | head -n 1)"
is 'dta: with their own texts' \
	"$(py_col "$T/dta-registration__household.csv" member_name | sort | tr '\n' ' ')" \
	'محمد 李 '
is 'sav: the repeat too, under its SPSS name' \
	"$(py_col "$T/sav-registration__household.csv" v_record | sort -u)" \
	"$(py_col "$T/sav-registration.csv" v_record | sort | head -n 1)"
is 'dta: a date is a Stata date (days from 1960)' \
	"$(py_col "$T/dta-cases.csv" training_end | grep . | cut -d. -f1)" 24107
is 'sav: an SPSS date (seconds from 1582-10-14)' \
	"$(py_col "$T/sav-cases.csv" training_end | grep . | cut -d. -f1)" 13986604800
is 'dta: codes that are numbers are kept' \
	"$(py_col "$T/dta-long_names.csv" coded)" 20

# labels: extract_metadata's JSON
meta() {	# FILE VARIABLE: its label, then code=label of each value label
	extract_metadata "$1" "$T/meta.json" >/dev/null 2>&1 || echo 'extract_metadata failed'
	python3 - "$T/meta.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
for v in d['variables']:
    if v['name'] == sys.argv[2]:
        out = [v.get('label', '')]
        for c in v.get('categories', []):
            code = c['code']
            if isinstance(code, float) and code.is_integer():
                code = int(code)
            out.append('%s=%s' % (code, c['label']))
        print(' | '.join(out))
PY
}
is 'dta: a variable label' "$(meta "$T/dta/registration.dta" full_name)" 'Full name'
is 'dta: value labels from the choices' "$(meta "$T/dta/registration.dta" sex)" \
	'Sex | 1=Female | 2=Male'
is 'sav: value labels too' "$(meta "$T/sav/registration.sav" sex)" \
	'Sex | 1=Female | 2=Male'
is 'dta: a choice variable is labelled with the question and the choice' \
	"$(meta "$T/dta/registration.dta" languages__ar)" 'Languages: Arabic'
is 'dta: the numbers of a coded list label themselves' \
	"$(meta "$T/dta/long_names.dta" coded)" 'Coded by the programme | 10=Ten | 20=Twenty'
is 'dta: a meta variable says what it is' "$(meta "$T/dta/registration.dta" _record)" 'record id'
is 'sav: under a name SPSS takes' "$(meta "$T/sav/registration.sav" v_record)" 'record id'
is 'dta: the cases file has its property labels' \
	"$(meta "$T/dta/cases.dta" training_end)" 'End of training'

# names: within the limits, unique, and mapped in the dictionary
dict() {	# TABLE COLUMN FIELD#: a field of the dictionary's row
	python3 - "$T/dta/dictionary.csv" "$1" "$2" "$3" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        if row['table'] == sys.argv[2] and row['column'] == sys.argv[3]:
            print(row[sys.argv[4]])
PY
}
d1=$(dict long_names a_question_whose_id_is_far_longer_than_stata_allows dta)
d2=$(dict long_names a_question_whose_id_is_far_longer_than_stata_allows_too dta)
is 'a long name is cut to 32 bytes for Stata' "${#d1}" 32
like 'and another with the same start gets a number' "$d2" '_2$'
is '... and 32 bytes too' "${#d2}" 32
is 'Stata gets both under those names' \
	"$(meta "$T/dta/long_names.dta" "$d1"; meta "$T/dta/long_names.dta" "$d2")" \
	'Long one
Long two'
is 'a Stata reserved word is not a name' "$(dict long_names in dta)" in_
is 'an SPSS reserved word is not a name' "$(dict long_names by sav)" by_
is 'SPSS keeps what Stata had to cut' \
	"$(dict long_names a_question_whose_id_is_far_longer_than_stata_allows sav)" \
	a_question_whose_id_is_far_longer_than_stata_allows
is 'the value 5 is under the cut name' "$(py_col "$T/dta-long_names.csv" "$d1" | cut -d. -f1)" 5

# R's haven (Debian r-cran-haven), when there is one, reads them alike.
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(haven)' >/dev/null 2>&1; then
	Rscript - "$T/dta" "$T/sav" >"$T/haven" 2>&1 <<'EOF'
library(haven)
a <- commandArgs(trailingOnly = TRUE)
d <- read_dta(file.path(a[1], "registration.dta"))
s <- read_sav(file.path(a[2], "registration.sav"))
k <- read_dta(file.path(a[1], "cases.dta"))
h <- read_dta(file.path(a[1], "registration__household.dta"))
cat("label", attr(d$full_name, "label"), "\n")
l <- attr(d$sex, "labels"); cat("values", paste(names(l), l, sep = "=", collapse = " "), "\n")
l <- attr(s$sex, "labels"); cat("sav values", paste(names(l), l, sep = "=", collapse = " "), "\n")
cat("names", sort(d$full_name), sep = "|"); cat("\n")
cat("date", format(k$training_end[!is.na(k$training_end)]), "\n")
cat("long", max(nchar(d$notes)), "\n")
cat("keyed", all(h$`_record` %in% d$`_record`), "\n")
EOF
	out=$(cat "$T/haven")
	like 'haven: the variable label' "$out" '^label Full name $'
	like 'haven: the value labels' "$out" '^values Female=1 Male=2 $'
	like 'haven: in SPSS too' "$out" '^sav values Female=1 Male=2 $'
	like 'haven: the texts' "$out" '^names\|?Zoë "Z" =1\+2\|😀 Ångström$|^names\|?😀 Ångström\|Zoë "Z" =1\+2$'
	like 'haven: a date is a date' "$out" '^date 2026-01-01 $'
	like 'haven: the strL whole' "$out" '^long 3001 $'
	like 'haven: repeat rows keyed to their record' "$out" '^keyed TRUE $'
else
	diag "R's haven not found: read back with ReadStat's tools only"
fi

fails 'an unknown format is refused' 1 "$ONWARD" csv --format sas --all -o "$T/x"
like 'naming the ones there are' "$(cat "$T/.out")" "unknown format 'sas'.*csv, dta, sav"
done_testing
