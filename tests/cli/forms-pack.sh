#!/bin/sh
# The programme's form pack (forms/ and data/): it checks clean, `forms
# list` lists every form file, the forms the programme guidance calls for
# are all there, every case type has a form that opens it, labels fit an
# 80-column terminal, and the reference lists are what data/README says.
. "$top_srcdir/tests/lib.sh"

: "${ONWARD_FORMS:=$top_srcdir/forms}"
: "${ONWARD_DATA:=$top_srcdir/data}"
export ONWARD_FORMS ONWARD_DATA
pack=$ONWARD_FORMS
data=$ONWARD_DATA

# Form ids of the pack's files (cases.yaml holds the case types).
ids=$(for f in "$pack"/*.yaml; do
	[ "$(basename "$f")" = cases.yaml ] && continue
	sed -n 's/^form:[[:space:]]*\([a-z0-9_]*\).*/\1/p' "$f"
done | sort)
nforms=$(printf '%s\n' "$ids" | grep -c .)

rc=0
out=$("$ONWARD" forms check 2>&1) || rc=$?
is 'onward forms check passes on the pack' "$out" "$nforms forms OK"
is 'and exits 0' "$rc" 0

rc=0
list=$("$ONWARD" forms list 2>&1) || rc=$?
is 'onward forms list exits 0' "$rc" 0
is 'forms list lists every form file, once' \
	"$(printf '%s\n' "$list" | cut -f1 | sort)" "$ids"
bad=$(printf '%s\n' "$list" | awk -F'\t' 'NF != 4 || $2 !~ /^[1-9][0-9]*$/ || $3 == ""')
is 'every form has a version and a title' "$bad" ""

# The forms of issue 7 and the guidance in ../shared/seeds.
for id in registration skills_assessment plan training needs_reassessment \
    referral referral_update job_placement apprenticeship business_support \
    microcredit_screening budgeting cash_for_work follow_up_visit \
    exit_evaluation track_evaluation employer_registration \
    provider_registration cohort_registration; do
	like "the pack has $id" "$list" "^$id	"
done

for ct in beneficiary employer provider cohort; do
	like "case type $ct is declared" "$(cat "$pack/cases.yaml")" "id: $ct\$"
	opener=$(grep -l "^case: {type: $ct, action: open}" "$pack"/*.yaml | head -1)
	ok "a form opens $ct cases" test -n "$opener"
done
like 'follow-up visits are due 30, 90, 180 and 365 days after the main support' \
	"$(sed -n '/id: follow_up$/,/days:/p' "$pack/cases.yaml" | tr -s ' \n' ' ')" \
	'form: follow_up_visit from: >- coalesce\(\$\{case.training_end_date\}, \$\{case.job_start_date\}, .* days: \[30, 90, 180, 365\]'

# Labels fit a terminal line (long explanations go in the hint).
long=$("$ONWARD" forms pot | awk '
	/^#\. /	{ kind = $0 }
	/^msgid "/ {
		s = substr($0, 8, length($0) - 8)
		if ((kind == "#. field label" || kind == "#. form title") &&
		    length(s) > 60)
			print s
	}')
is 'every label and title is at most 60 characters' "$long" ""

# Choice values of the reference lists: a-z, 0-9 and _ only, unique.
for f in "$data"/*.csv; do
	n=$(basename "$f")
	bad=$(sed 1d "$f" | cut -d, -f1 | grep -v '^[a-z0-9_][a-z0-9_]*$')
	is "$n: every value is made of a-z, 0-9 and _" "$bad" ""
	dup=$(sed 1d "$f" | cut -d, -f1 | sort | uniq -d)
	is "$n: values are unique" "$dup" ""
done
is 'countries.csv holds the 249 entries of ISO 3166-1' \
	"$(sed 1d "$data/countries.csv" | grep -c .)" 249
is 'isco08.csv holds the 10 ISCO-08 major groups' \
	"$(grep -c ',major$' "$data/isco08.csv")" 10
is 'and the 43 sub-major groups' \
	"$(grep -c ',sub_major$' "$data/isco08.csv")" 43
bad=$(awk -F, 'NR > 1 && $NF == "sub_major" && substr($1, 1, 1) != $(NF - 1)' \
	"$data/isco08.csv")
is 'each sub-major group sits under its major group' "$bad" ""
bad=$(awk -F, 'NR == FNR { if (FNR > 1) r[$1] = 1; next }
	FNR > 1 && !($NF in r)' "$data/regions.csv" "$data/districts.csv")
is 'every district names a region of regions.csv' "$bad" ""
for f in "$data"/*.csv; do
	like "data/README describes $(basename "$f")" \
		"$(cat "$data/README")" "^$(basename "$f") "
done
done_testing
