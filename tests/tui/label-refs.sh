#!/bin/sh
# Labels that show answers: ${case.PROP} from the case, ${id} from the
# form (a choice by its label, inside a repeat the same instance's
# answer), "…" until there is one, updated as the worker types.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ui_with_case 80x50
ok 'the follow-up form opens' ui_follow_up
ok 'a label names the person from the case' \
	tui_wait 'Current situation of Grace Akello' 10
like 'an answer not given yet shows as …' "$(tui_screen)" \
	'Monthly income from …'
tui_keys Tab
tui_wait '\( \) Wage employment' 10 >/dev/null
tui_keys Enter
ok 'a choice shows by its label' \
	tui_wait 'Monthly income from Wage employment' 10
tui_keys Tab Tab Tab Tab
ok 'on to the number of children' tui_wait '> Number of children' 10
tui_type '2'
tui_keys Tab
ok 'and the first child' tui_wait '> Age of the child' 10
tui_type '7'
ok 'inside a repeat, the same instance answer' \
	tui_wait 'School of the child aged 7' 10
like 'and the other instance its own' "$(tui_screen)" \
	'School of the child aged …'
unlike 'no reference is left unfilled' "$(tui_screen)" '\$\{'

# Saved, the record's answers to read show their labels filled in too.
tui_keys F2
ok 'the visit is saved' tui_wait 'Saved\.' 10
i=0
while [ $i -lt 8 ] && ! tui_screen | grep -Eq '> +2026-06-15 +Follow-up visit'; do
	tui_keys Down
	sleep 0.2
	i=$((i + 1))
done
tui_keys Enter
ok "its answers are shown" tui_wait "The record's answers" 10
like 'with the labels filled in from the record and its case' \
	"$(tui_screen)" 'Current situation of Grace Akello: Wage employment'
like 'inside a repeat, from the same instance, under its number' \
	"$(tui_screen | tr '\n' '|')" \
	'Child 1 *\| +Age of the child: 7 *\| +Child 2'
tui_stop
done_testing
