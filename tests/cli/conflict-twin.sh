#!/bin/sh
# An answer saved to a case property, edited on two laptops, is one
# conflict with one decision: `onward conflicts` lists it once (the
# property it is saved to named with also=), the merge counts one, and
# settling it, by its id or by the property's, settles both with the same
# value, so the record and the case can never disagree.  A value the
# question's type or constraint refuses settles nothing.
. "$top_srcdir/tests/lib.sh"

F="$top_srcdir/tests/data/forms-tui"
# Each store signs in as its own worker (ann on a, bob on b).
on() {
	db=$1
	shift
	case $db in a) acct=ann ;; *) acct=bob ;; esac
	ONWARD_ACCOUNT=$acct "$ONWARD" --forms "$F" --db "$T/$db.db" "$@"
}
cd "$T" || exit 1
accounts "$T/a.db" ann:supervisor
accounts "$T/b.db" bob
# Unsigned bundles between the two (signing is tested elsewhere).
on a settings accept_unsigned yes --as admin >/dev/null
on b settings accept_unsigned yes --as admin >/dev/null
out=$(on a record add registration --as ann full_name='Twin Case' \
	training_end=2026-05-01 phone=111 age=30)
rec=$(printf '%s\n' "$out" | head -n 1)
cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
on a export -o a1.onward >/dev/null
on b merge a1.onward >/dev/null
on a record edit "$rec" --as ann phone=222 age=31 >/dev/null
on b record edit "$rec" --as bob phone=333 age=32 >/dev/null
on b export -o b1.onward >/dev/null
m=$(on a merge b1.onward)
like 'the merge counts two conflicts: phone (with its property) and age' \
	"$m" 'new conflicts: 2'
l=$(on a conflicts)
is 'two lines' "$(printf '%s\n' "$l" | grep -c .)" 2
like "the phone is the record's conflict" "$l" \
	"^$rec/phone	$cid	$rec	phone	.*also=$cid/phone\$"
unlike 'the case property is not a conflict of its own' "$l" "^$cid/phone"
like 'the age, saved nowhere, is alone' "$l" "^$rec/age	"
unlike 'and names no property' "$(printf '%s\n' "$l" | grep "^$rec/age")" \
	'also='
fails 'a value the question does not take is refused' 1 \
	on a conflicts resolve "$rec/age" --value 5 --as ann
like 'with the message of the form' "$(cat "$T/.out")" \
	"value '5' cannot settle '$rec/age': Age must be between 15 and 80"
fails 'so is one of the wrong type' 1 \
	on a conflicts resolve "$rec/phone" --value 'call me' --as ann
like 'naming it' "$(cat "$T/.out")" "value 'call me' cannot settle"
is 'and both stay' "$(on a conflicts | wc -l)" 2
ok 'settling it by its property id' on a conflicts resolve "$cid/phone" \
	--value 444 --as ann
l=$(on a conflicts)
is 'one conflict is left' "$(printf '%s\n' "$l" | grep -c .)" 1
unlike 'not the phone' "$l" 'phone'
d=$(on a dump)
like 'the record has the new phone' "$(on a record show "$rec")" \
	'^phone = 444$'
like 'so has the case' "$(on a cases --all 2>/dev/null || true)$d" '444'
is 'and no field has two heads left for it' \
	"$(printf '%s\n' "$d" | grep -c "conflict.*phone")" 0
on a export -o a2.onward >/dev/null
on b merge a2.onward >/dev/null
ok 'the decision travels' sh -c "'$ONWARD' --forms '$F' --db '$T/b.db' record show '$rec' | grep -qx 'phone = 444'"
l=$(on b conflicts)
is 'the other laptop has one conflict too, the age' \
	"$(printf '%s\n' "$l" | grep -c "^$rec/age")$(printf '%s\n' "$l" | grep -c .)" 11
done_testing
