#!/bin/sh
# Filtered choice lists (choice_filter) on the real form pack: the skills
# assessment offers the ten ISCO-08 major groups (level = 'major'), then
# only the sub-major groups of the group chosen (level = 'sub_major' and
# major = ${main_major}); changing the group changes the list and flags
# the occupation chosen before.  The registration offers the districts of
# the region chosen (region = ${region}).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux-lib.sh"
. "$top_srcdir/tests/tui/ui-lib.sh"

ONWARD_FORMS="$top_srcdir/forms"
ONWARD_DATA="$top_srcdir/data"
export ONWARD_FORMS ONWARD_DATA
DB="$T/store.db"

# The number of choices shown unticked in the focused list.
shown() {
	tui_screen | grep -Ec '^ +\( \) '
}

# In the picker titled TITLE, moves down to ITEM and takes it.
pick() {
	local n
	tui_wait "$1" 10 || return 1
	n=$(tui_screen | awk -v t="$1" -v item="$2" '
		index($0, t) { start = NR; next }
		start && index($0, item) { print NR - start - 1; exit }')
	[ -n "$n" ] || { diag "no '$2' in:" "$(tui_screen)"; return 1; }
	while [ "$n" -gt 0 ]; do
		tui_keys Down
		n=$((n - 1))
	done
	tui_keys Enter
}

accounts "$DB" ann
ok 'the worker is set' "$ONWARD" --db "$DB" settings worker ann
"$ONWARD" --db "$DB" settings site Kano >/dev/null 2>&1
"$ONWARD" --db "$DB" record add registration full_name='Amina Diallo' \
	sex=female consent=yes age_stated=30 region=north district=amberfield \
	programme=tree beneficiary_group=trainee wg_seeing=none \
	wg_hearing=none wg_walking=none wg_cognition=none wg_selfcare=none \
	wg_communication=none household_size=3 education=primary \
	work_status=seeking >"$T/add.out" 2>&1
ok 'a beneficiary is registered from the command line' \
	grep -q '^case ' "$T/add.out"

tui_start 80x24 --db "$DB"
ui_signin
tui_wait 'Amina Diallo' 10 >/dev/null
tui_keys Enter
tui_wait 'Timeline' 10 >/dev/null
tui_keys F2
ok 'the skills assessment is picked from the case page' \
	pick 'Fill which form?' 'Skills assessment'
ok 'it opens' tui_wait 'Skills assessment +Question' 10

ok 'the occupation group is reached' ui_focus 'Occupation group the person knows best'
scr=$(tui_screen)
like 'the major groups are offered' "$scr" '\( \) Managers'
like 'ten of them' "$scr" '1 of 10 choices'
unlike 'and no sub-major group' "$scr" 'Metal, machinery'
unlike 'the list is not empty' "$scr" 'no choice matches'

tui_keys Down Down Down Down Down Down Enter
ok 'choosing craft workers moves to the occupation' \
	tui_wait '^ *> \* Main occupation' 10
tui_wait 'Metal, machinery' 5 >/dev/null
scr=$(tui_screen)
like 'which offers the sub-major groups of major group 7' "$scr" \
	'\( \) Metal, machinery and related trades workers'
like 'the first of them' "$scr" '\( \) Building and related trades workers'
is 'and those five only' "$(shown)" 5
unlike 'none of another group' "$scr" 'Health professionals'
unlike 'and not the major groups' "$scr" '\( \) Managers'

tui_keys Down Enter
ok 'metal workers are chosen' tui_wait '^ +Metal, machinery and related trades workers$' 10

# Another group: the list follows, and the answer given is flagged.
tui_keys BTab
tui_wait '^ *> \* Main occupation' 5 >/dev/null
tui_keys BTab
ok 'back on the group' tui_wait '^ *> Occupation group' 10
ok 'the list opens on the answer given' tui_wait '7 of 10 choices' 5
like 'which is craft workers' "$(tui_screen)" '7 of 10 choices'
tui_keys Up Up Up Up Up Enter
ok 'professionals: the occupation lists their sub-major groups' \
	tui_wait '\( \) Health professionals' 10
unlike 'and no longer the craft ones' "$(tui_screen)" 'Metal, machinery'
is 'six of them' "$(shown)" 6
like 'the earlier choice is flagged' "$(tui_screen)" \
	"'72' is not one of the choices the other answers allow"
tui_type teach
ok 'typing filters within the filtered list' \
	tui_wait 'Filter: teach' 10
is 'to the one that matches' "$(shown)" 1
like 'teaching professionals' "$(tui_screen)" '\( \) Teaching professionals'
tui_keys Enter
ok 'choosing it clears the flag' tui_gone 'is not one of the choices' 10
tui_stop

# A new registration: the district follows the region.
tui_start 80x24 --db "$DB"
ui_signin
tui_wait 'Amina Diallo' 10 >/dev/null
tui_keys F2
ok 'a registration is picked on the case list' \
	pick 'Register with which form?' 'Registration'
ok 'it opens' tui_wait 'Registration +Question' 10
ok 'consent is reached' ui_focus 'Does the person agree'
tui_keys Enter
ok 'the region is reached' ui_focus 'Region'
tui_keys Enter
ok 'choosing the northern region moves to the district' \
	tui_wait '^ *> \* District' 10
tui_wait 'Amberfield' 5 >/dev/null
is 'which offers the districts of the north' "$(shown)" \
	"$(grep -c ',north$' "$top_srcdir/data/districts.csv")"
like 'Amberfield among them' "$(tui_screen)" '\( \) Amberfield'
unlike 'the list is not empty' "$(tui_screen)" 'no choice matches'
tui_stop
done_testing
