#!/bin/bash
# One broken form is left out, with a warning naming it, and everything
# else keeps working; a broken cases.yaml (which every form needs) still
# stops the pack.  `forms check` fails either way.
. "$top_srcdir/tests/lib.sh"
cp -r "$top_srcdir/forms" "$T/forms"
export ONWARD_FORMS="$T/forms" ONWARD_DATA="$top_srcdir/data"
db="$T/s.db"
accounts "$db" A
sed -i 's/^version: .*/version: two/' "$T/forms/training.yaml"

ok 'with one broken form, cases still runs' "$ONWARD" --db "$db" cases
like 'warning that the form is left out' "$(cat "$T/.out")" \
	"warning: '.*/training.yaml' has problems and is left out"
like 'and why' "$(cat "$T/.out")" 'training.yaml:[0-9]+:[0-9]+: .*version'
ok 'other forms save' "$ONWARD" --db "$db" record add registration --as A \
	consent=yes full_name='Ann Bo' sex=female age_stated=30 region=north \
	district=amberfield programme=tree beneficiary_group=trainee \
	wg_seeing=none wg_hearing=none wg_walking=none wg_cognition=none \
	wg_selfcare=none wg_communication=none household_size=2 \
	education=primary work_status=seeking
cid=$(sed -n 's/^case //p' "$T/.out")
fails 'the broken form is not offered' 1 "$ONWARD" --db "$db" record add training --case "$cid" course=X
like 'saying there is no such form' "$(cat "$T/.out")" "no form 'training'"
fails 'forms check still fails' 1 "$ONWARD" forms check
unlike 'forms list leaves it out' "$("$ONWARD" forms list 2>/dev/null)" '^training'

cp "$top_srcdir/forms/training.yaml" "$T/forms/training.yaml"
printf 'case_types: [\n' >"$T/forms/cases.yaml"
fails 'a broken cases.yaml stops the pack' 1 "$ONWARD" --db "$db" cases
like 'naming it' "$(cat "$T/.out")" 'cases.yaml:[0-9]+'
done_testing
