/*
 * screen-case-sched.c: the case page's schedule, one line a schedule
 * ("Follow-up visit: day 30 done, day 90 missed, day 180 planned
 * 2026-06-29") and one a date due, from store_case_schedule's rows, and
 * which of a line's visits Enter opens.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "screen-case.h"
#include "store.h"
#include "tui.h"
#include "util.h"

/* How many rows from v[0] make one line (see screen-case.h). */
size_t
screen_case_sched_len(const struct due_row *v, size_t n)
{
	size_t	k;

	if (n == 0 || v[0].kind == DUE_DATE)
		return n > 0 ? 1 : 0;
	for (k = 1; k < n; k++) {
		if (v[k].kind == DUE_DATE || strcmp(v[k].item, v[0].item) != 0)
			break;
	}
	return k;
}

/* The row Enter opens (see screen-case.h). */
const struct due_row *
screen_case_sched_next(const struct due_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (v[i].kind == DUE_VISIT && (v[i].state == VISIT_DUE ||
		    v[i].state == VISIT_LATE))
			return &v[i];
	}
	for (i = 0; i < n; i++) {
		if ((v[i].kind == DUE_VISIT || v[i].kind == DUE_DATE) &&
		    v[i].state == VISIT_PLANNED)
			return &v[i];
	}
	return n > 0 && v[0].kind == DUE_DATE ? &v[0] : NULL;
}

/* The colour of a line: late or missed first, then due, then planned. */
static int
sched_attr(const struct due_row *v, size_t n)
{
	bool	due = false, open = false;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (v[i].kind == DUE_NO_START || v[i].kind == DUE_NOT_APPLYING)
			continue;
		if (v[i].state == VISIT_LATE || v[i].state == VISIT_MISSED)
			return tui_attr(TR_ERROR);
		due |= v[i].state == VISIT_DUE;
		open |= v[i].state == VISIT_PLANNED;
	}
	return due ? tui_attr(TR_OK) : open ? (int)A_NORMAL : tui_attr(TR_DIM);
}

/* The line of v[0..n), the next visit's date first (see
 * screen-case.h). */
char *
screen_case_sched_line(const struct form_pack *pack, const struct due_row *v,
    size_t n, int *attr)
{
	struct buf	 b;
	char		*what, *colon, *line;
	size_t		 i;
	bool		 dated = false;

	*attr = sched_attr(v, n);
	if (n == 0)
		return xstrdup("");
	if (v[0].kind == DUE_DATE) {
		what = due_row_label(pack, &v[0]);
		/* TRANSLATORS: a date due: "2026-05-01  Plan review  late". */
		line = xasprintf(_("%s  %s  %s"), v[0].target, what,
		    visit_state_name(v[0].state));
		free(what);
		return line;
	}
	buf_init(&b);
	what = due_row_label(pack, &v[0]);
	if (v[0].kind == DUE_VISIT && (colon = strrchr(what, ',')) != NULL)
		*colon = '\0';		/* "Follow-up visit, day 30" */
	buf_addf(&b, "%-10s  %s:", "", what);
	free(what);
	for (i = 0; i < n; i++) {
		if (v[i].kind == DUE_NO_START || v[i].kind == DUE_NOT_APPLYING) {
			what = due_row_label(pack, &v[i]);
			colon = strrchr(what, ':');
			buf_addf(&b, " %s", colon != NULL ? colon + 2 : what);
			free(what);
			continue;
		}
		buf_adds(&b, i > 0 && v[i - 1].kind == DUE_VISIT ? ", " : " ");
		if (v[i].state == VISIT_EXTRA)
			/* TRANSLATORS: an extra visit on a date. */
			buf_addf(&b, _("extra %s"), v[i].target);
		else
			/* TRANSLATORS: "day 90 missed". */
			buf_addf(&b, _("day %d %s"), v[i].day,
			    visit_state_name(v[i].state));
		if (!dated && (v[i].state == VISIT_DUE ||
		    v[i].state == VISIT_LATE || v[i].state == VISIT_PLANNED)) {
			/* The next visit's day goes where dates go. */
			memcpy(b.s, v[i].target, 10);
			dated = true;
		}
	}
	return buf_detach(&b);
}
