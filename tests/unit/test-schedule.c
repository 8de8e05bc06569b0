/*
 * test-schedule.c: schedule.c's visits by window, without a store: a
 * visit during training, an extra visit, a missed window, two visits in
 * one window, repeats, a visit before the start date, when and stop, and
 * where a schedule starts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "expr.h"
#include "schedule.h"
#include "util.h"

/* A day as days since 1970. */
static long
day(const char *s)
{
	long	d = 0;

	if (!expr_parse_date(s, &d))
		abort();
	return d;
}

/* A parsed expression, or NULL for none. */
static struct expr *
ex(const char *src)
{
	char	*cause = NULL;
	int	 col;

	return src != NULL ? expr_parse(src, &cause, &col) : NULL;
}

static int days_fu[] = { 30, 90, 180, 365 };

/* The follow-up schedule of the pack: 30/90/180/365, window [-7, 21]. */
static void
follow_up(struct schedule *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->id = "follow_up";
	sc->form = "follow_up_visit";
	sc->from = ex("coalesce(${case.training_end_date}, "
	    "${case.job_start_date}, ${case.cfw_start_date} + 63)");
	sc->days = days_fu;
	sc->ndays = nitems(days_fu);
	sc->win_lo = -7;
	sc->win_hi = 21;
}

/* How many visits of v are in state st. */
static size_t
count(const struct visit *v, size_t n, enum visit_state st)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].state == st;
	return k;
}

/* The visit of day d (not extra), or NULL. */
static const struct visit *
of_day(const struct visit *v, size_t n, int d)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (v[i].day == d && v[i].state != VISIT_EXTRA)
			return &v[i];
	}
	return NULL;
}

static void
test_windows(void)
{
	struct schedule		 sc;
	struct visit		*v;
	const struct visit	*x;
	long			 start = day("2026-07-01");
	size_t			 n;
	struct visit_rec	 during[] = {
		{ "during", 0 }, { "d30", 0 }, { "extra", 0 },
		{ "d365", 0 }
	};

	follow_up(&sc);
	during[0].date = day("2026-06-01");	/* during training */
	during[1].date = day("2026-08-05");	/* day 35, in [23, 51] */
	during[2].date = day("2026-09-01");	/* day 62: in no window */
	during[3].date = day("2027-07-10");	/* day 374, in [358, 386] */
	n = schedule_visits(&sc, start, true, during, nitems(during),
	    day("2027-08-01"), &v);
	is_int(n, 6, "four visits and two extras");
	x = of_day(v, n, 30);
	ok(x != NULL && x->state == VISIT_DONE && strcmp(x->record, "d30") == 0,
	    "the visit during training does not become the 30-day visit");
	ok(v[0].state == VISIT_EXTRA && strcmp(v[0].record, "during") == 0,
	    "it is extra, shown first");
	x = of_day(v, n, 90);
	ok(x != NULL && x->state == VISIT_MISSED,
	    "the extra visit does not fill the 90-day window: missed");
	x = of_day(v, n, 180);
	ok(x != NULL && x->state == VISIT_MISSED, "nor the 180-day one");
	x = of_day(v, n, 365);
	ok(x != NULL && x->state == VISIT_DONE &&
	    strcmp(x->record, "d365") == 0,
	    "the 12-month visit is still there, done");
	is_int(count(v, n, VISIT_EXTRA), 2, "two extras");
	free(v);

	/* Today inside the windows: planned, due, late. */
	n = schedule_visits(&sc, start, true, during + 1, 1, day("2026-10-01"),
	    &v);
	x = of_day(v, n, 90);
	ok(x != NULL && x->state == VISIT_LATE, "day 92: the 90-day visit is "
	    "late, its window open");
	x = of_day(v, n, 180);
	ok(x != NULL && x->state == VISIT_PLANNED, "the 180-day one planned");
	free(v);
	n = schedule_visits(&sc, start, true, NULL, 0, day("2026-07-25"), &v);
	ok(n == 4 && v[0].state == VISIT_DUE, "day 24: the 30-day visit is due "
	    "(its window opened on day 23)");
	free(v);
	n = schedule_visits(&sc, start, true, NULL, 0, day("2026-08-21"), &v);
	ok(v[0].state == VISIT_LATE, "day 51: late, the window's last day");
	free(v);
	n = schedule_visits(&sc, start, true, NULL, 0, day("2026-08-22"), &v);
	ok(v[0].state == VISIT_MISSED, "day 52: missed");
	free(v);

	/* Two visits in one window: the first completes it. */
	during[2].date = day("2026-08-10");
	n = schedule_visits(&sc, start, true, during + 1, 2, day("2026-08-12"),
	    &v);
	x = of_day(v, n, 30);
	ok(x != NULL && strcmp(x->record, "d30") == 0 &&
	    count(v, n, VISIT_EXTRA) == 1, "a second visit in the window is "
	    "extra");
	free(v);

	/* Closed or stopped: only what records made. */
	n = schedule_visits(&sc, start, false, during + 1, 1, day("2027-08-01"),
	    &v);
	ok(n == 1 && v[0].state == VISIT_DONE, "a stopped schedule keeps its "
	    "done visits, and no more");
	free(v);
	expr_free(sc.from);
}

static void
test_repeats(void)
{
	struct schedule		 sc;
	struct visit		*v;
	struct visit_rec	 r[] = { { "c1", 0 }, { "c2", 0 } };
	long			 start = day("2026-03-01");
	size_t			 n;

	memset(&sc, 0, sizeof sc);
	sc.id = "employer_checkin";
	sc.form = "job_placement";
	sc.every = 14;
	sc.until = 56;
	sc.win_lo = -3;
	sc.win_hi = 7;
	r[0].date = start + 13;		/* the first, a day early */
	r[1].date = start + 30;		/* day 30: in [25, 35] of day 28 */
	n = schedule_visits(&sc, start, true, r, 2, start + 54, &v);
	is_int(n, 4, "every 14 days until 56: four check-ins");
	ok(v[0].state == VISIT_DONE && v[1].state == VISIT_DONE &&
	    v[2].state == VISIT_MISSED && v[3].state == VISIT_DUE,
	    "done, done, missed (day 42), due (day 56)");
	free(v);
}

static void
test_start(void)
{
	struct schedule	 sc;
	struct answers	 props;
	long		 start;
	char		 buf[16];
	int		 before[] = { -21 };

	follow_up(&sc);
	answers_init(&props);
	ok(!schedule_start(&sc, &props, &start),
	    "no date: no schedule yet");
	answers_set(&props, "job_start_date", "2026-02-01");
	ok(schedule_start(&sc, &props, &start) && start == day("2026-02-01"),
	    "a job start when there was no training");
	answers_set(&props, "training_end_date", "2026-01-15");
	ok(schedule_start(&sc, &props, &start) && start == day("2026-01-15"),
	    "the end of training first");
	answers_free(&props);
	answers_init(&props);
	answers_set(&props, "cfw_start_date", "2026-01-01");
	ok(schedule_start(&sc, &props, &start) &&
	    (expr_format_date(start, buf, sizeof buf), 1) &&
	    strcmp(buf, "2026-03-05") == 0,
	    "nine weeks after cash for work starts (a date + 63)");
	expr_free(sc.from);

	/* when and stop. */
	sc.from = ex("${case.training_planned_end}");
	sc.days = before;
	sc.ndays = 1;
	sc.win_lo = -14;
	sc.win_hi = 14;
	sc.when = ex("${case.training_status} = 'attending'");
	sc.stop = ex("${case.stage} = 'dropped'");
	answers_set(&props, "training_status", "attending");
	ok(schedule_applies(&sc, &props), "applies while in training");
	answers_set(&props, "training_status", "completed");
	ok(!schedule_applies(&sc, &props), "a when that stops applying");
	answers_set(&props, "training_status", "attending");
	answers_set(&props, "stage", "dropped");
	ok(!schedule_applies(&sc, &props), "stop holds: stopped");
	answers_set(&props, "training_planned_end", "2026-06-30");
	answers_set(&props, "stage", "in_training");
	{
		struct visit	*v;
		size_t		 n;

		ok(schedule_start(&sc, &props, &start), "a planned end");
		n = schedule_visits(&sc, start, true, NULL, 0,
		    day("2026-06-01"), &v);
		ok(n == 1 && v[0].target == day("2026-06-09") &&
		    v[0].state == VISIT_DUE, "due three weeks before the end");
		free(v);
	}
	expr_free(sc.from);
	expr_free(sc.when);
	expr_free(sc.stop);
	answers_free(&props);
}

int
main(void)
{
	plan_lazy();
	test_windows();
	test_repeats();
	test_start();
	return done_testing();
}
