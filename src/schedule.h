/*
 * schedule: the visits of a case's schedules, and their states, as pure
 * functions of the schedule (form.h), the case's properties and the dates
 * of the records that can complete them.
 *
 * Owns: where a schedule starts, whether it applies, which visit a
 * record completes (the one whose window its date falls in), and what a
 * visit is today: done, extra, planned, due, late or missed.
 * Never: reads the store or draws.
 *
 * A record dated inside a visit's window completes it; a second record
 * in the same window, or one outside every window, is extra: shown,
 * shifting nothing.  A window that has passed with no record is missed,
 * for good.  Dates are days since 1970-01-01 (expr.h).
 */
#ifndef ONWARD_SCHEDULE_H
#define ONWARD_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "record.h"

enum visit_state {
	VISIT_DONE,		/* a record in the window */
	VISIT_EXTRA,		/* a record outside every window, or twice */
	VISIT_PLANNED,		/* the window has not opened */
	VISIT_DUE,		/* the window is open, the day not passed */
	VISIT_LATE,		/* the day passed, the window still open */
	VISIT_MISSED		/* the window closed with no record */
};

/* A record that may complete a visit: its id (borrowed) and date. */
struct visit_rec {
	const char	*id;
	long		 date;
};

struct visit {
	int			 day;	/* target, days after the start
					   (extra: the record's day) */
	long			 target, lo, hi;	/* dates; extra: the
							   record's */
	enum visit_state	 state;
	const char		*record;	/* done or extra: borrowed */
};

/* The date schedule sc starts from for a case with these properties;
 * false when `from` gives no date (the case has no schedule yet). */
bool		 schedule_start(const struct schedule *sc,
		     const struct answers *props, long *start);
/* Whether sc applies to a case with these properties: `when` holds (or
 * there is none) and `stop` does not. */
bool		 schedule_applies(const struct schedule *sc,
		     const struct answers *props);
/*
 * The visits of sc started on `start`, in date order with the extras
 * among them, given the records of its form (any order).  When `open` is
 * false (the case closed, the schedule stopped) only the visits records
 * made are given.  Returns how many; *out is the caller's to free.
 */
size_t		 schedule_visits(const struct schedule *sc, long start,
		     bool open, const struct visit_rec *recs, size_t nrecs,
		     long today, struct visit **out);
/* The state of a visit with no record, today. */
enum visit_state visit_state_at(long lo, long target, long hi, long today);
/* The state in words (translated; static). */
const char	*visit_state_name(enum visit_state);

#endif
