# tests/cli/pack-lib.sh: steps on the shipped pack (forms/) shared by the
# casework tests.  Source after tests/lib.sh.
#
#   pack_register DB WORKER NAME   registers the beneficiary NAME in DB as
#                                  WORKER (an account of DB) and prints
#                                  what record add prints (record id, then
#                                  'case ID')
#   pack_case OUTPUT               the case id of record add's OUTPUT

export ONWARD_FORMS="$top_srcdir/forms" ONWARD_DATA="$top_srcdir/data"

pack_register() {
	"$ONWARD" --db "$1" record add registration --as "$2" consent=yes \
	    "full_name=$3" sex=female age_stated=30 region=north \
	    district=amberfield programme=tree beneficiary_group=trainee \
	    wg_seeing=none wg_hearing=none wg_walking=none wg_cognition=none \
	    wg_selfcare=none wg_communication=none household_size=2 \
	    education=primary work_status=seeking address='Near the market'
}

pack_case() { printf '%s\n' "$1" | sed -n 's/^case //p'; }
