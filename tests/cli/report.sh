#!/bin/sh
# onward report: a small store made with `onward record add`, whose
# indicators are worked out by hand below (tests/data/report-indicators.yaml
# over the pack tests/data/forms-report), including empty groups, a
# denominator of zero and figures under the minimum n; then the HTML page
# parsed and compared, figure by figure, with the terminal table.
. "$top_srcdir/tests/lib.sh"

export ONWARD_FORMS="$top_srcdir/tests/data/forms-report"
export ONWARD_DB="$T/report.db"
export ONWARD_TODAY=2026-06-15
IND="$top_srcdir/tests/data/report-indicators.yaml"
accounts "$ONWARD_DB" sup:supervisor ana bo

add() {
	"$ONWARD" record add --as "$@" >"$T/add.out" 2>&1 ||
		{ diag "record add $*" "$(cat "$T/add.out")"; exit 1; }
	sed -n 's/^case //p' "$T/add.out"
}

ok 'the test pack passes its checks' "$ONWARD" forms check
# The shipped indicators must fit the shipped forms, once there are some.
if [ -f "$top_srcdir/forms/cases.yaml" ]; then
	ok 'data/indicators.yaml fits the form pack in forms/' \
		env ONWARD_FORMS="$top_srcdir/forms" ONWARD_DB="$T/real.db" \
		"$ONWARD" report --indicators "$top_srcdir/data/indicators.yaml"
	# One person through the real forms: registered, trained and
	# certified, self-employed at the 30-day visit, the 90-day visit
	# overdue.  One case is under every minimum: "too few cases".
	real() {
		ONWARD_FORMS="$top_srcdir/forms" ONWARD_DB="$T/real.db" \
		    "$ONWARD" "$@"
	}
	accounts "$T/real.db" sup:supervisor ana
	C=$(real record add --as ana registration full_name=Amina sex=female \
	    consent=yes age_stated=30 region=north district=amberfield \
	    programme=tree beneficiary_group=trainee wg_seeing=none \
	    wg_hearing=none wg_walking=none wg_cognition=none \
	    wg_selfcare=none wg_communication=none household_size=3 \
	    education=primary work_status=seeking income_before=100 2>&1 |
	    sed -n 's/^case //p')
	real record add --as ana --case "$C" training \
	    training_status=completed end_date=2026-01-01 certificate=yes \
	    result=passed course=Tailoring training_kind=tvet provider=Centre \
	    delivery=centre schedule_mode=full_time start_date=2025-09-01 \
	    planned_end_date=2026-01-01 >/dev/null 2>&1
	real record add --as ana --case "$C" follow_up_visit \
	    visit_date=2026-02-01 contact_mode=home work_situation=self \
	    monthly_income=250 has_business=yes business_operating=yes \
	    >/dev/null 2>&1
	out=$(real report --indicators "$top_srcdir/data/indicators.yaml")
	like 'real pack: one person registered' "$out" '^People registered +1$'
	like 'real pack: trained' "$out" '^People who completed training +1$'
	like 'real pack: certified' "$out" '^People who received a certificate +1$'
	is 'real pack: the 30-day visit counts, under the minimum' \
		"$(printf '%s\n' "$out" | grep -A2 '^Work situation at the 30-day' | sed -n 3p)" \
		'  Self-employed or own business                         too few cases  n = 1'
	like 'real pack: the overdue 90-day visit is ana'"'"'s' "$out" \
		'^  ana +too few cases  n = 1$'
	like 'real pack: the change since registration pairs her two incomes' \
		"$out" '^Median change in monthly income since registration +too few cases  n = 1$'
	like 'real pack: the visit worked it out from the case (250 - 100)' \
		"$(real csv follow_up_visit -o "$T/realcsv" >/dev/null &&
		  cat "$T/realcsv/follow_up_visit.csv")" ',150(,|\r|$)'
fi
fails 'report refuses an unknown breakdown' 1 \
	"$ONWARD" report --indicators "$IND" --by nope
fails 'report refuses a bad date' 2 \
	"$ONWARD" report --indicators "$IND" --from 2026-02-30

# An empty store: every figure is zero or "no cases", never a division by
# zero.
out=$("$ONWARD" report --indicators "$IND")
like 'an empty store counts nobody' "$out" '^People registered +0$'
like 'an empty store has no cases for shares' "$out" \
	'^Participants hired +no cases  0 / 0$'
like 'an empty store has no cases for medians' "$out" \
	'^Median monthly income before +no cases  n = 0$'
like 'an empty store sums to zero' "$out" '^Cash-for-work days +0  n = 0$'

# Five people: ana registers two women in TREE, bo two men in jobbspår
# and one person without a recorded sex.
P1=$(add ana registration full_name=Amina sex=f programme=tree district=North income_before=100)
P2=$(add ana registration full_name=Li sex=f programme=tree district=South income_before=200)
P3=$(add bo registration full_name=Omar sex=m programme=jobbspar district=North)
P4=$(add bo registration full_name=Sven sex=m programme=jobbspar income_before=50)
P5=$(add bo registration full_name=Noor programme=tree)
# Training: P1 and P2 complete it on 2026-01-01 (only P1 certified), P3
# drops out, P4 is still enrolled.  The follow-ups of P1 and P2 are due
# 30, 90, 180 and 365 days after 2026-01-01.
add ana --case "$P1" training status=completed certificate=yes end_date=2026-01-01 >/dev/null
add ana --case "$P2" training status=completed certificate=no end_date=2026-01-01 >/dev/null
add bo --case "$P3" training status=dropped >/dev/null
add bo --case "$P4" training status=enrolled >/dev/null
# Follow-ups: P1 at day 30 (wage, 300) and day 90 (own business still
# operating, 400); P2 at day 30 (not working, 0).  P2's day-90 visit
# (due 2026-04-01, 14 days' grace) is overdue on 2026-06-15; P1's next
# (day 180, 2026-06-30) is not due yet.
add ana --case "$P1" follow_up_visit visit_date=2026-02-01 situation=wage income=300 >/dev/null
add ana --case "$P1" follow_up_visit visit_date=2026-04-01 situation=self business_operating=yes income=400 >/dev/null
add ana --case "$P2" follow_up_visit visit_date=2026-02-05 situation=none income=0 >/dev/null
# A visit during P2's training (2025-12-15) falls in no window: an extra
# visit, counted at no day.  By position it became the 30-day visit and
# moved the real one to day 90; by window every figure below stays.
add ana --case "$P2" follow_up_visit visit_date=2025-12-15 situation=wage >/dev/null
# Needs near the end of training: P1 (cv local, credit none), P5 (cv
# none, credit local, registration none).
add ana --case "$P1" needs_reassessment 'needs[1].need=cv' 'needs[1].availability=local' \
	'needs[2].need=credit' 'needs[2].availability=none' >/dev/null
add bo --case "$P5" needs_reassessment 'needs[1].need=cv' 'needs[1].availability=none' \
	'needs[2].need=credit' 'needs[2].availability=local' \
	'needs[3].need=registration' 'needs[3].availability=none' >/dev/null
# Jobbspår: P3 not hired (skills, language), P4 hired.
add bo --case "$P3" exit_evaluation hired=no 'not_hired_reason=skills language' >/dev/null
add bo --case "$P4" exit_evaluation hired=yes >/dev/null
# Cash for work: P2 5+5+3 = 13 days at 10 (savings 30%: 39), P3 2 days
# at 20 (savings 12).
add ana --case "$P2" cash_for_work wage=10 'weeks[1].days=5' 'weeks[2].days=5' 'weeks[3].days=3' >/dev/null
add bo --case "$P3" cash_for_work wage=20 'weeks[1].days=2' >/dev/null

# By hand (minimum n 2 unless the indicator says otherwise):
#  registered 5; completed training P1, P2 = 2; certified P1 = 1.
#  Day 30: P1 wage, P2 none: 1/2, 0/2, 1/2.  Day 90: P1 only, n = 1 < 2:
#  too few.  Day 180: nobody: no cases (0 / 0).
#  Businesses at 90 days (min n 1): P1 yes, 1/1.  At 180: 0 / 0.
#  Income before: 100, 200, 50 -> median 100 (n 3).  Latest follow-up
#  income per person: P1 400 (not 300), P2 0 -> median and mean 200.
#  No provider: cv 1 of 2 (P5), credit 1 of 2 (P1), registration 1 of 1
#  (too few).  Hired 1 of 2.  Reasons among the 1 not hired (min n 1):
#  skills 1/1, language 1/1, no vacancy 0/1.  Cash for work: 15 days,
#  51 saved, 2 records.  Overdue: ana's 2 cases with a follow-up to come,
#  1 (P2) overdue.
cat >"$T/want" <<'EOF'
Test programme
All records. Made on 2026-06-15.
A figure from fewer than 2 cases shows as "too few cases".

People
People registered                                           5
People who completed training                               2
People certified                                            1

Work after training
Work situation at 30 days
  Wage employment                                         50%  1 / 2
  Self-employed                                            0%  0 / 2
  Not working                                             50%  1 / 2
Work situation at 90 days
  Wage employment                               too few cases  n = 1
  Self-employed                                 too few cases  n = 1
  Not working                                   too few cases  n = 1
Work situation at 180 days
  Wage employment                                    no cases  0 / 0
  Self-employed                                      no cases  0 / 0
  Not working                                        no cases  0 / 0
Businesses operating at 90 days                          100%  1 / 1
Businesses operating at 180 days                     no cases  0 / 0
Median monthly income before                              100  n = 3
Median monthly income at the latest follow-up             200  n = 2
Mean monthly income at the latest follow-up               200  n = 2

Services
Needs with no provider
  CV writing                                              50%  1 / 2
  Credit                                                  50%  1 / 2
  Business registration                         too few cases  n = 1
Participants hired                                        50%  1 / 2
Reasons for not hiring
  Skills did not match                                   100%  1 / 1
  Language                                               100%  1 / 1
  No vacancy                                               0%  0 / 1
Cash-for-work days                                         15  n = 2
Cash-for-work savings                                      51  n = 2
Follow-ups overdue per worker
  ana                                                     50%  1 / 2
EOF
"$ONWARD" report --indicators "$IND" >"$T/got" 2>&1
is 'the indicators are those worked out by hand' "$(cat "$T/got")" \
	"$(cat "$T/want")"

# By sex: women P1, P2; men P3, P4; P5 unrecorded, listed last.  Groups
# with nobody in them say "no cases", never divide by zero.
out=$("$ONWARD" report --indicators "$IND" --by sex)
like 'by sex: a heading names the breakdown' "$out" '^All records\. .* By Sex\.$'
is 'by sex: registered per group' \
	"$(printf '%s\n' "$out" | sed -n '/^People registered/,/^People who/p')" \
	"People registered                                           5
  Female                                                    2
  Male                                                      2
  (not recorded)                                            1
People who completed training                               2"
is 'by sex: hired per group, with an empty group' \
	"$(printf '%s\n' "$out" | sed -n '/^Participants hired/,/^Reasons/p')" \
	"Participants hired                                        50%  1 / 2
  Female                                             no cases  0 / 0
  Male                                                    50%  1 / 2
  (not recorded)                                     no cases  0 / 0
Reasons for not hiring"
out=$("$ONWARD" report --indicators "$IND" --by worker)
like 'by worker: cash-for-work days of bo' "$out" '^  bo +2  n = 1$'
like 'by worker: cash-for-work days of ana' "$out" '^  ana +13  n = 1$'

# Dates: only follow-ups visited from March on: day 30 has none left.
out=$("$ONWARD" report --indicators "$IND" --from 2026-03-01 --to 2026-12-31)
like 'from a date: the heading says so' "$out" \
	'^Records from 2026-03-01 to 2026-12-31\.'
is 'from a date: the visits before it are left out' \
	"$(printf '%s\n' "$out" | sed -n '/^Work situation at 30/,/^Work situation at 90/p')" \
	"Work situation at 30 days
  Wage employment                                    no cases  0 / 0
  Self-employed                                      no cases  0 / 0
  Not working                                        no cases  0 / 0
Work situation at 90 days"

# The HTML page: one file, no scripts, no network, SVG bars, and the
# same rows as the terminal table, but for what has no cases: those rows
# are folded into one "no cases yet" line under their section.  With
# --by the groups stand side by side as columns.
ok 'report --html writes the page' \
	"$ONWARD" report --indicators "$IND" --html "$T/r.html"
ok 'report --html --by sex too' \
	"$ONWARD" report --indicators "$IND" --by sex --html "$T/rby.html"
html=$(cat "$T/r.html" "$T/rby.html")
is 'the page is made mode 0600 (it has people in it)' \
	"$(stat -c %a "$T/r.html")" 600
unlike 'the page has no scripts' "$html" '<script|javascript:'
unlike 'the page loads nothing from the network' "$html" \
	'(src|href)=|@import|url\('
like 'the page draws bars in SVG' "$(cat "$T/r.html")" '<svg width="160"'
like 'smaller ones beside each other by group' "$(cat "$T/rby.html")" '<svg width="60"'
if command -v python3 >/dev/null 2>&1; then
	"$ONWARD" report --indicators "$IND" >"$T/text"
	python3 - "$T/r.html" "$T/text" "$T/rby.html" >"$T/cmp" 2>&1 <<'EOF'
import html.parser, re, sys

class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cur, self.cell, self.head, self.none = [], None, None, [], []
        self.inhead = self.innone = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'thead':
            self.inhead = True
        if tag == 'p' and a.get('class') == 'none':
            self.innone = True
            self.none.append('')
        if tag == 'tr' and a.get('class', '').startswith('d'):
            self.cur = []
        elif tag in ('th', 'td') and self.cur is not None:
            self.cell = ''
        elif tag == 'th' and self.inhead and a.get('class') == 'g':
            self.cell = ''
    def handle_endtag(self, tag):
        if tag == 'thead':
            self.inhead = False
        if tag == 'p':
            self.innone = False
        if tag in ('th', 'td') and self.cur is not None:
            self.cur.append(self.cell.strip())
            self.cell = None
        elif tag == 'th' and self.inhead and self.cell is not None:
            self.head.append(self.cell.strip())
            self.cell = None
        elif tag == 'tr' and self.cur is not None:
            self.rows.append(tuple(self.cur))
            self.cur = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.innone:
            self.none[-1] += data

def parse(path):
    p = Rows()
    p.feed(open(path, encoding='utf-8').read())
    return p

p = parse(sys.argv[1])
text = open(sys.argv[2], encoding='utf-8').read().split('\n\n', 1)[1]
sections = set(re.findall(r'<h2>(.*?)</h2>', open(sys.argv[1], encoding='utf-8').read()))
figs = []
for line in text.splitlines():
    m = re.match(r'^( *)(.*?)(?: {2,}(\S.*?))?(?:  (\d+ / \d+|n = \d+))?$', line)
    if not line or not m:
        continue
    row = (m.group(2), m.group(3) or '', m.group(4) or '')
    if m.group(1) == '' and row[0] in sections and row[1:] == ('', ''):
        continue
    if m.group(1) == '':
        figs.append([row])
    else:
        figs[-1].append(row)
want, folded = [], []
for f in figs:
    lines = [r for r in f[1:] if r[1] != 'no cases']
    if (len(f) == 1 and f[0][1] == 'no cases') or (len(f) > 1 and not lines):
        folded.append(f[0][0])
        continue
    want.append(f[0])
    want.extend(lines)
    if len(lines) < len(f) - 1:
        folded.append(f[0][0])
got = [r[:3] for r in p.rows]
bad = [r for r in got if r[1] == 'no cases']
missing = [l for l in folded if not any(l in n for n in p.none)]
if got != want or bad or missing or not folded:
    for a, b in zip(want, got):
        if a != b:
            print('text:', a, '\nhtml:', b)
            break
    print(len(want), 'text rows,', len(got), 'html rows;', bad, missing)
    sys.exit(1)
print(len(got), 'rows agree,', len(folded), 'folded')
q = parse(sys.argv[3])
print('groups', ' | '.join(q.head))
for r in q.rows:
    if r[0] in ('People registered', 'Participants hired'):
        print(r[0], '|', ' | '.join(x for i, x in enumerate(r[1:]) if i % 3 != 2))
EOF
	rc=$?
	diag "$(cat "$T/cmp")"
	is 'the page shows the same figures as the terminal, folding the empty' "$rc" 0
	like 'the groups are columns' "$(cat "$T/cmp")" \
		'^groups All \| Female \| Male \| \(not recorded\)( \||$)'
	like 'a count side by side' "$(cat "$T/cmp")" \
		'^People registered \| 5 \|  \| 2 \|  \| 2 \|  \| 1 \| $'
	like 'a share with an empty group' "$(cat "$T/cmp")" \
		'^Participants hired \| 50% \| 1 / 2 \| no cases \| 0 / 0 \| 50% \| 1 / 2 \| no cases \| 0 / 0$'
else
	diag 'python3 not found: the HTML is not parsed'
fi
done_testing
