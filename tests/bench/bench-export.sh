#!/bin/sh
# bench-export.sh: `onward csv --all` and `onward report` on the generated
# store (gen-store: 100,000 cases, 1,000,000 changes; BENCH_CASES to
# change), each beside sqlite3 doing the same work in the same run:
#   csv     against `sqlite3 -csv` writing the same rows and columns (the
#           registration view that `onward views` makes, on a copy)
#   dta, xlsx  the same tables as Stata files and an Excel workbook,
#           against that csv --all
#   report  against sqlite3 computing the same counts and shares in SQL
# Prints milliseconds and the ratio to the baseline.
: "${top_builddir:?run with make bench}" "${top_srcdir:?run with make bench}"
: "${ONWARD:=$top_builddir/src/onward}"
n=${BENCH_CASES:-100000}
dir="$top_builddir/tests/bench"
store="$dir/store-$((n / 1000))k.db"
export ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
export ONWARD_DATA="$top_srcdir/tests/data/data-ok"
export ONWARD_TODAY=2026-06-15
command -v sqlite3 >/dev/null 2>&1 || { echo "bench-export: no sqlite3; skipped"; exit 0; }
if [ ! -f "$store" ]; then
	echo "making $store (once; kept for later runs)..."
	"$dir/gen-store" "$store" "$n" >/dev/null || exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-export.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The baseline works on a copy that has the views.
cp "$store" "$work/copy.db" || exit 1
"$ONWARD" --db "$work/copy.db" views >/dev/null || exit 1

mkdir "$work/out"
t0=$(now)
"$ONWARD" --db "$store" csv --all -o "$work/out" >/dev/null || exit 1
t1=$(now)
sqlite3 -header -csv "$work/copy.db" 'SELECT * FROM form_registration' \
	>"$work/base.csv" || exit 1
sqlite3 -header -csv "$work/copy.db" 'SELECT * FROM form_registration__members' \
	>"$work/base-members.csv" || exit 1
sqlite3 -header -csv "$work/copy.db" 'SELECT * FROM case_beneficiary' \
	>"$work/base-cases.csv" || exit 1
t2=$(now)
rows=$(($(wc -l <"$work/out/registration.csv") - 1))
base=$(ms "$t1" "$t2")
echo "csv --all: $(ms "$t0" "$t1") ms for $rows registrations (+ cases, repeats, dictionary)"
echo "  sqlite3 -csv of the same views: $base ms; ratio $(ratio "$(ms "$t0" "$t1")" "$base")"

# The same tables as Stata and Excel files, against the CSV of this run.
csv=$(ms "$t0" "$t1")
for fmt in dta xlsx; do
	t0=$(now)
	if "$ONWARD" --db "$store" csv --all --format "$fmt" -o "$work/$fmt" \
	    >/dev/null 2>"$work/$fmt.err"; then
		t1=$(now)
		echo "csv --all --format $fmt: $(ms "$t0" "$t1") ms" \
		    "($(du -sk "$work/$fmt" | cut -f1) KB)"
		echo "  against csv --all: $csv ms; ratio $(ratio "$(ms "$t0" "$t1")" "$csv")"
	elif grep -q 'unknown format' "$work/$fmt.err"; then
		echo "csv --all --format $fmt: not built in (configure); skipped"
	else
		cat "$work/$fmt.err" >&2
		exit 1
	fi
	rm -rf "$work/$fmt"
done

t0=$(now)
"$ONWARD" --db "$store" report --indicators \
	"$top_srcdir/tests/bench/bench-export-indicators.yaml" >"$work/report" || exit 1
t1=$(now)
"$ONWARD" --db "$store" report --by worker --indicators \
	"$top_srcdir/tests/bench/bench-export-indicators.yaml" >/dev/null || exit 1
t2=$(now)
sqlite3 "$work/copy.db" "
SELECT count(*) FROM record WHERE form = 'registration' AND deleted = 0;
SELECT count(*) FROM form_registration WHERE needs IS NOT NULL;
SELECT sum(needs__credit), sum(needs__training), sum(needs__placement) FROM form_registration;
SELECT sum(household_size >= 5), count(*), avg(household_size) FROM form_registration;
SELECT household_size FROM form_registration WHERE household_size IS NOT NULL
  ORDER BY CAST(household_size AS INTEGER) LIMIT 1 OFFSET (SELECT count(household_size) / 2 FROM form_registration);
SELECT sum($(date -d 2026-06-15 +%s) / 86400 >= overdue_from), count(*) FROM kase WHERE closed = 0 AND next_due IS NOT NULL;
" >"$work/base-report" || exit 1
t3=$(now)
base=$(ms "$t2" "$t3")
echo "report: $(ms "$t0" "$t1") ms; with --by worker: $(ms "$t1" "$t2") ms"
echo "  sqlite3 computing the same figures: $base ms; ratio $(ratio "$(ms "$t0" "$t1")" "$base")"
sed -n 's/^People registered *\([0-9]*\)$/  (registered: \1)/p' "$work/report"
