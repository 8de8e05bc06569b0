#!/bin/bash
# Rules across records: forms check, over a whole pack, names each rule
# that reads a case property (${case.PROP}) no form of the pack writes on
# that case type; the shipped pack has none.
. "$top_srcdir/tests/lib.sh"
rules="$top_srcdir/tests/data/forms-rules"
fails 'a rule reading a property nobody writes' 1 "$ONWARD" --forms "$rules" \
    forms check
like 'is named, with the form, field and property' "$(cat "$T/.out")" \
    "grant.yaml:[0-9]+:[0-9]+: field 'amount' reads '\\$\\{case.plan_selected\\}', which no form of the pack writes on a 'person' \\(save_to: plan_selected\\)"
unlike 'a property a form writes is fine' "$(cat "$T/.out")" 'case.preselected'
ok 'the shipped pack reads only what it writes' env \
    ONWARD_DATA="$top_srcdir/data" "$ONWARD" --forms "$top_srcdir/forms" \
    forms check
done_testing
