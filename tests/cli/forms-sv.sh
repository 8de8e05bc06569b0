#!/bin/bash
# In Swedish, the shipped forms speak Swedish: labels and choices in the
# data dictionary, choice labels in a CSV, and a constraint's own message
# when `record add` refuses an impossible value.
. "$top_srcdir/tests/lib.sh"
[ -d "${ONWARD_LOCALEDIR:-}/sv" ] || skip_all 'no compiled sv catalog'
export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"
db="$T/sv.db"
accounts "$db" 'Ingrid Åström' sup:supervisor
reg() {
	"$ONWARD" --db "$db" record add registration --as 'Ingrid Åström' \
	    consent=yes full_name="$1" sex=female age_stated=34 region=north \
	    district=amberfield programme=tree beneficiary_group=trainee \
	    wg_seeing=none wg_hearing=none wg_walking=none wg_cognition=none \
	    wg_selfcare=none wg_communication=none household_size=3 \
	    education=primary work_status=seeking
}
ok 'a registration is saved' reg 'Sofie Berg'

LANGUAGE=sv "$ONWARD" --db "$db" csv --all -o "$T/csv" >/dev/null
dict=$(cat "$T/csv/dictionary.csv")
like 'the form'"'"'s labels are Swedish' "$dict" 'registration,.*,sex,select_one,Kön,'
like 'and its choices' "$dict" 'Kvinna'
like 'and the consent question' "$dict" 'Samtycke'
LANGUAGE=sv "$ONWARD" --db "$db" csv registration --labels -o "$T/lab" >/dev/null
like 'choice labels in a CSV are Swedish' "$(cat "$T/lab/registration.csv")" 'Kvinna'
LANGUAGE=sv fails 'an impossible value is refused' 1 reg 'S'
like 'with the form'"'"'s own message, in Swedish' "$(cat "$T/.out")" 'full_name.*Skriv minst två bokstäver'
is 'nothing more was stored' "$("$ONWARD" --db "$db" cases | wc -l)" 1
LANGUAGE=sv "$ONWARD" --forms "$top_srcdir/forms" forms list >"$T/list"
like 'form titles are Swedish too' "$(cat "$T/list")" 'Registrering'
# The language chosen in the settings (the UI's, or 'onward settings')
# is the command line's too, unless LANGUAGE says otherwise.
ok 'settings language sv' "$ONWARD" --db "$db" settings language sv
like 'the report follows the setting' "$("$ONWARD" --db "$db" report --as sup)" 'Registrerade personer'
like 'LANGUAGE still wins' "$(LANGUAGE=en "$ONWARD" --db "$db" report --as sup)" 'People registered'
done_testing
