/*
 * schedule.c: the visits of a schedule and their states (see schedule.h),
 * from the case's properties and its records' dates, with no store.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "i18n.h"
#include "schedule.h"
#include "util.h"

/* expr lookup: ${case.PROP} is the property's value, "" when it has none. */
static const char *
sched_lookup(void *arg, const char *name)
{
	const char	*v;

	if (strncmp(name, "case.", 5) != 0)
		return "";
	v = answers_get(arg, name + 5);
	return v != NULL ? v : "";
}

/* Evaluates e over the properties as text (caller frees). */
static char *
sched_eval(const struct expr *e, const struct answers *props)
{
	struct expr_env	env;

	memset(&env, 0, sizeof env);
	env.arg = (void *)(uintptr_t)props;
	env.lookup = sched_lookup;
	return expr_eval_string(e, &env);
}

/* Where sc starts (see schedule.h). */
bool
schedule_start(const struct schedule *sc, const struct answers *props,
    long *start)
{
	char	*v, *end;
	long	 n;
	bool	 ok;

	if (sc->from == NULL)
		return false;
	v = sched_eval(sc->from, props);
	/* A date, or a number of days since 1970 (date + 63). */
	if (!(ok = expr_parse_date(v, start)) && v[0] != '\0') {
		n = strtol(v, &end, 10);
		if ((ok = *end == '\0' && n > 0))
			*start = n;
	}
	free(v);
	return ok;
}

/* Whether e holds over the properties. */
static bool
sched_holds(const struct expr *e, const struct answers *props)
{
	struct expr_env	env;

	memset(&env, 0, sizeof env);
	env.arg = (void *)(uintptr_t)props;
	env.lookup = sched_lookup;
	return expr_eval_bool(e, &env);
}

/* Whether sc applies (see schedule.h). */
bool
schedule_applies(const struct schedule *sc, const struct answers *props)
{
	if (sc->when != NULL && !sched_holds(sc->when, props))
		return false;
	return sc->stop == NULL || !sched_holds(sc->stop, props);
}

/* The state of a visit with no record (see schedule.h). */
enum visit_state
visit_state_at(long lo, long target, long hi, long today)
{
	if (today < lo)
		return VISIT_PLANNED;
	if (today <= target)
		return VISIT_DUE;
	if (today <= hi)
		return VISIT_LATE;
	return VISIT_MISSED;
}

/* The state in words (see schedule.h). */
const char *
visit_state_name(enum visit_state s)
{
	switch (s) {
	case VISIT_DONE:
		return _("done");
	case VISIT_EXTRA:
		/* TRANSLATORS: a visit outside every scheduled window. */
		return _("extra");
	case VISIT_PLANNED:
		return _("planned");
	case VISIT_DUE:
		return _("due");
	case VISIT_LATE:
		return _("late");
	case VISIT_MISSED:
		return _("missed");
	}
	return "";
}

/* Orders records by date, then id. */
static int
rec_cmp(const void *a, const void *b)
{
	const struct visit_rec	*x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Orders visits by date; a scheduled visit before an extra the same day. */
static int
visit_cmp(const void *a, const void *b)
{
	const struct visit	*x = a, *y = b;

	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return (x->state == VISIT_EXTRA) - (y->state == VISIT_EXTRA);
}

/* The visits of sc (see schedule.h). */
size_t
schedule_visits(const struct schedule *sc, long start, bool open,
    const struct visit_rec *recs, size_t nrecs, long today,
    struct visit **out)
{
	struct visit_rec	*sorted;
	struct visit		*v;
	size_t			 nsched, n, i, k, keep;

	nsched = sc->every > 0 ? (size_t)(sc->until / sc->every) : sc->ndays;
	v = xcalloc(nsched + nrecs + 1, sizeof *v);
	for (k = 0; k < nsched; k++) {
		v[k].day = sc->every > 0 ? sc->every * (int)(k + 1) :
		    sc->days[k];
		v[k].target = start + v[k].day;
		v[k].lo = v[k].target + sc->win_lo;
		v[k].hi = v[k].target + sc->win_hi;
	}
	n = nsched;
	sorted = xcalloc(nrecs + 1, sizeof *sorted);
	if (nrecs > 0)
		memcpy(sorted, recs, nrecs * sizeof *sorted);
	qsort(sorted, nrecs, sizeof *sorted, rec_cmp);
	for (i = 0; i < nrecs; i++) {
		for (k = 0; k < nsched; k++) {
			if (sorted[i].date >= v[k].lo &&
			    sorted[i].date <= v[k].hi)
				break;
		}
		if (k < nsched && v[k].record == NULL) {
			v[k].record = sorted[i].id;
			v[k].state = VISIT_DONE;
			continue;
		}
		v[n].day = (int)(sorted[i].date - start);
		v[n].target = v[n].lo = v[n].hi = sorted[i].date;
		v[n].state = VISIT_EXTRA;
		v[n++].record = sorted[i].id;
	}
	free(sorted);
	for (k = keep = 0; k < n; k++) {
		if (k < nsched && v[k].record == NULL) {
			if (!open)
				continue;
			v[k].state = visit_state_at(v[k].lo, v[k].target,
			    v[k].hi, today);
		}
		v[keep++] = v[k];
	}
	qsort(v, keep, sizeof *v, visit_cmp);
	*out = v;
	return keep;
}
