#!/bin/sh
# The report page in a real browser: headless Chromium opens the page of
# the shipped pack's report (demo data, broken down by sex), prints it to
# PDF on A4, and its network log shows that the page asked for nothing
# beyond itself (a page with an image on the network shows the log sees
# such a request).  Skips when Debian's chromium is not installed.
. "$top_srcdir/tests/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip_all 'chromium not found (Debian: apt-get install chromium)'
command -v python3 >/dev/null 2>&1 || skip_all 'python3 not found'
export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"
export HOME="$T"
DB="$T/demo.db"
"$ONWARD" --db "$DB" demo --cases 40 --seed 3 >/dev/null 2>&1 ||
	{ echo "Bail out! onward demo failed"; exit 1; }
# The report is a supervisor's: the demo's, with the demo passphrase.
pf demo-pass demo-2026
export ONWARD_PASSPHRASE_FILE="$T/demo-pass" ONWARD_ACCOUNT='Lena Holm'
export ONWARD_PWHASH_FAST=1 ONWARD_ACCOUNT_NOWAIT=1
ok 'report --html --by sex' "$ONWARD" --db "$DB" report --by sex --html "$T/r.html"

# print PAGE NAME: PDF and network log of the page, with Chromium's own
# background traffic turned off as far as flags allow.
print() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking --disable-sync \
	    --disable-component-update --disable-extensions \
	    --no-pdf-header-footer --user-data-dir="$T/profile-$2" \
	    --log-net-log="$T/$2.json" --print-to-pdf="$T/$2.pdf" \
	    "file://$1" >"$T/$2.out" 2>&1
}
# page_requests NAME: the URLs the page itself asked for (its network
# isolation key is the file:// page), one a line.
page_requests() {
	python3 - "$T/$1.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
types = {v: k for k, v in d['constants']['logEventTypes'].items()}
for e in d.get('events', []):
    p = e.get('params', {})
    if types.get(e['type']) == 'URL_REQUEST_START_JOB' and \
            str(p.get('network_isolation_key', '')).startswith('file://') and \
            not str(p.get('url', '')).startswith('file:'):
        print(p['url'])
EOF
}

print "$T/r.html" report
ok 'Chromium prints the page to PDF' test -s "$T/report.pdf"
is 'a PDF' "$(head -c 5 "$T/report.pdf")" '%PDF-'
like 'on A4 paper (595 x 842 points)' \
	"$(grep -a -o 'MediaBox *\[[^]]*\]' "$T/report.pdf" | sort -u)" \
	'^MediaBox \[0 0 59[45](\.[0-9]+)? 84[12](\.[0-9]+)?\]$'
ok 'the network log was written' test -s "$T/report.json"
is 'the page loads nothing from the network' "$(page_requests report)" ''

printf '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png">x</body></html>\n' \
	>"$T/canary.html"
print "$T/canary.html" canary
is 'a page that does load something is seen to' "$(page_requests canary)" \
	'http://example.invalid/x.png'
done_testing
