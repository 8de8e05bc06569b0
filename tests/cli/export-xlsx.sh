#!/bin/sh
# onward csv --format xlsx: one workbook, a worksheet per form, repeat and
# the cases, checked in the sheet XML: the names and labels frozen at the
# top, numbers as numbers, dates as dates, and every text a text cell, so
# "=HYPERLINK(...)" is never a formula.
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all 'python3 not found (it reads the zip)'
export ONWARD_FORMS="$top_srcdir/tests/data/forms-report" ONWARD_DB="$T/x.db"
accounts "$ONWARD_DB" ana
if ! "$ONWARD" csv --format xlsx --all -o "$T/probe" >"$T/probe.out" 2>&1; then
	grep -q "unknown format" "$T/probe.out" &&
		skip_all 'onward was built without libxlsxwriter'
fi
add() {
	"$ONWARD" record add --as ana "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}
P1=$(add registration 'full_name==HYPERLINK("http://example.com","x")' sex=f \
    income_before=950.5 'notes=+1-2 محمد 😀' 'household[1].member_name=@SUM(A1)' \
    'household[1].member_age=7')
add --case "$P1" training end_date=2026-01-01 status=completed >/dev/null

ok 'csv --all -o FILE.xlsx writes a workbook' "$ONWARD" csv --all -o "$T/out/all.xlsx"
like 'and says so' "$(cat "$T/.out")" "all.xlsx: 4 rows"
ok 'the workbook is there' test -s "$T/out/all.xlsx"
ok 'with the dictionary beside it' test -s "$T/out/dictionary.csv"
unlike 'and no temporary file' "$(ls -A "$T/out")" '\.tmp'
ok '--format xlsx -o DIR writes DIR/onward.xlsx' \
	"$ONWARD" csv --format xlsx registration -o "$T/dir"
ok 'there' test -s "$T/dir/onward.xlsx"

python3 - "$T/out/all.xlsx" >"$T/x" 2>&1 <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
print('sheets', ' '.join(names))
rels = z.read('xl/_rels/workbook.xml.rels').decode()
def sheet(name):
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % name, wb).group(1)
    target = re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1)
    return z.read('xl/' + target).decode()
def cells(xml, row):
    r = re.search(r'<row r="%d"[^>]*>(.*?)</row>' % row, xml).group(1)
    return re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', r)
def byname(xml, row):
    head = {c[0]: text(c) for c in cells(xml, 1)}
    return {head[c[0]]: c for c in cells(xml, row)}
def text(c):
    t = re.search(r'<t[^>]*>(.*?)</t>', c[2])
    return t.group(1) if t else re.search(r'<v>(.*?)</v>', c[2]).group(1)
reg = sheet('registration')
print('frozen', 'ySplit="2"' in reg and 'state="frozen"' in reg)
print('names', ','.join(text(c) for c in cells(reg, 1)))
print('labels', ','.join(text(c) for c in cells(reg, 2))[:60])
row = byname(reg, 3)
print('name cell', 't="inlineStr"' in row['full_name'][1] or 't="s"' in row['full_name'][1], text(row['full_name']))
print('notes cell', 't="inlineStr"' in row['notes'][1], text(row['notes']))
print('number cell', 't=' not in row['income_before'][1], text(row['income_before']))
print('flag cell', 't=' not in row['languages__ar'][1] if row.get('languages__ar') else 'empty')
print('formulas', sum(len(re.findall(r'<f>', z.read(n).decode())) for n in z.namelist() if n.startswith('xl/worksheets/')))
hh = sheet('registration__household')
hrow = byname(hh, 3)
print('repeat cell', text(hrow['member_name']), 't=' not in hrow['member_age'][1])
cases = sheet('cases')
crow = byname(cases, 3)
styles = z.read('xl/styles.xml').decode()
print('date cell', text(crow['training_end']), 's=' in crow['training_end'][1], 'yyyy-mm-dd' in styles)
PY
out=$(cat "$T/x")
like 'a worksheet per form, repeat and the cases' "$out" \
	'^sheets cash_for_work cash_for_work__weeks exit_evaluation follow_up_visit needs_reassessment needs_reassessment__needs registration registration__household training cases$'
like 'the two head rows are frozen' "$out" '^frozen True$'
like 'the first row has the column names' "$out" '^names _record,_case,_author,_device,_created,_updated,full_name,sex,'
like 'the second their labels' "$out" '^labels record id,case id,who entered the record,'
like 'a formula-like text is a text cell' "$out" \
	'^name cell True =HYPERLINK\("http://example.com","x"\)$'
like 'so is +1-2, with its scripts' "$out" '^notes cell True \+1-2 محمد 😀$'
like 'a decimal is a number' "$out" '^number cell True 950.5$'
like 'no cell anywhere is a formula' "$out" '^formulas 0$'
like 'a repeat has its sheet, its age a number' "$out" '^repeat cell @SUM\(A1\) True$'
like 'a date is a date (days from 1900, with a date format)' "$out" '^date cell 46023 True True$'
fails 'a workbook needs a file name ending in .xlsx or a folder' 1 \
	"$ONWARD" csv --format xlsx --all -o "$T/out/all.xlsx/x"
done_testing
