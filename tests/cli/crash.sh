#!/bin/sh
# Kills `onward record add` with SIGKILL at random moments, many times;
# afterwards the store passes PRAGMA integrity_check and every record
# whose id was printed is there with all its values.
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all 'no sqlite3 command'
ONWARD_FORMS="$top_srcdir/tests/data/forms-ok"
ONWARD_DATA="$top_srcdir/tests/data/data-ok"
ONWARD_DB="$T/crash.db"
export ONWARD_FORMS ONWARD_DATA ONWARD_DB
N=${CRASH_ROUNDS:-200}

accounts "$ONWARD_DB" crash
"$ONWARD" settings worker crash >/dev/null
i=0
while [ "$i" -lt "$N" ]; do
	i=$((i + 1))
	"$ONWARD" record add registration "full_name=Person $i" \
		birth_date=1990-01-02 household_size=1 \
		'members[1].member_age=33' >"$T/out.$i" 2>/dev/null &
	pid=$!
	# 0 to about 15 ms: sometimes before, during or after the commit.
	sleep "0.00$(( $(od -An -N1 -tu1 /dev/urandom) % 16 ))" 2>/dev/null
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done

is 'integrity_check is ok' "$(sqlite3 "$ONWARD_DB" 'PRAGMA integrity_check')" ok
saved=0
missing=0
i=0
while [ "$i" -lt "$N" ]; do
	i=$((i + 1))
	rid=$(sed -n 1p "$T/out.$i")
	[ -n "$rid" ] || continue
	saved=$((saved + 1))
	show=$("$ONWARD" record show "$rid" 2>&1)
	for want in "full_name = Person $i" 'birth_date = 1990-01-02' \
	    'household_size = 1' 'total_age = 33'; do
		if ! printf '%s\n' "$show" | grep -qxF "$want"; then
			missing=$((missing + 1))
			diag "record $rid lacks '$want'"
		fi
	done
done
diag "$saved of $N runs printed a record id"
is 'every printed record is there with all its values' "$missing" 0
ok 'the store still takes records' "$ONWARD" record add registration full_name=After
d1=$("$ONWARD" dump)
ok 'rebuild after the crashes' "$ONWARD" rebuild
is 'and the state is the same' "$("$ONWARD" dump)" "$d1"
done_testing
