#!/bin/sh
# The SQL views are typed by the field-type table (form-type.c): an
# integer question is an INTEGER column, a decimal a REAL one, a date ISO
# text, a choice of a select_multiple 0 or 1, and an empty answer NULL.
# Numeric filters in SQL give the answers the CSV gives.
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all 'sqlite3 not found'
export ONWARD_FORMS="$top_srcdir/tests/data/forms-report"
export ONWARD_DB="$T/typed.db"
READ="$top_builddir/tests/unit/csv-read"
[ -x "$READ" ] || skip_all 'tests/unit/csv-read is not built'
accounts "$ONWARD_DB" ana

# Incomes whose text order is not their number order ("9" > "1200").
n=0
for v in 950 1200 80 9 900.5 901 12000.25 ''; do
	n=$((n + 1))
	"$ONWARD" record add --as ana registration "full_name=P$n" sex=f \
	    ${v:+"income_before=$v"} languages=ar \
	    "household[1].member_name=M$n" "household[1].member_age=$((n * 7))" \
	    >/dev/null 2>"$T/err" || diag "record add failed: $(cat "$T/err")"
done
ok 'csv --all' "$ONWARD" csv --all -o "$T/out"
ok 'views' "$ONWARD" views
q() { sqlite3 "$ONWARD_DB" "$1"; }
col() { "$READ" "$T/out/$1.csv" "$2"; }

is 'income > 900 counts as in the CSV' \
	"$(q 'SELECT count(*) FROM form_registration WHERE income_before > 900')" \
	"$(col registration income_before | awk '$0 != "" && $0 + 0 > 900 { n++ } END { print n + 0 }')"
is '... which is five' \
	"$(q 'SELECT count(*) FROM form_registration WHERE income_before > 900')" 5
is 'the sum is the CSV sum' \
	"$(q 'SELECT printf("%.2f", sum(income_before)) FROM form_registration')" \
	"$(col registration income_before | awk '{ s += $0 } END { printf "%.2f", s }')"
is 'ordered by number, not by text' \
	"$(q 'SELECT income_before FROM form_registration WHERE income_before IS NOT NULL ORDER BY income_before LIMIT 3' | tr '\n' ' ')" \
	'9.0 80.0 900.5 '
is 'a decimal is REAL, an empty answer NULL' \
	"$(q 'SELECT DISTINCT typeof(income_before) FROM form_registration ORDER BY 1' | tr '\n' ' ')" \
	'null real '
is 'an integer in a repeat is INTEGER' \
	"$(q 'SELECT DISTINCT typeof(member_age) FROM form_registration__household')" integer
is 'ages over 30 count as in the CSV' \
	"$(q 'SELECT count(*) FROM form_registration__household WHERE member_age > 30')" \
	"$(col registration__household member_age | awk '$0 + 0 > 30 { n++ } END { print n + 0 }')"
is 'a choice column is an integer 0/1' \
	"$(q 'SELECT DISTINCT typeof(languages__ar) || languages__ar || typeof(languages__sv) || languages__sv FROM form_registration')" \
	integer1integer0
is 'text stays text' \
	"$(q 'SELECT DISTINCT typeof(full_name) FROM form_registration')" text
is 'the case view: closed is 0/1' \
	"$(q 'SELECT DISTINCT typeof(_closed) || _closed FROM case_beneficiary')" integer0
is 'the case view types its properties' \
	"$(q 'SELECT DISTINCT typeof(full_name) FROM case_beneficiary')" text
done_testing
