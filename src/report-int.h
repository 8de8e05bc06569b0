/*
 * report-int.h: what the files of the report module share and nobody else
 * sees: the string-keyed map the run keeps its cases, visits and picks in
 * (struct strmap), what it keeps of a case (struct rcase) and of a row
 * (struct rrow), the state of one run (struct rrun), and the functions the
 * files call in each other.
 *
 *   report.c		the public face: report_run, report_free, and the
 *			map
 *   report-rows.c	loading rows: the cases, the order of visits, the
 *			records (and repeat entries) of each form, each
 *			indicator evaluated on them
 *   report-figures.c	computing figures: lines and cells, adding rows up
 *			into them, groups of the breakdown, overdue
 *			follow-ups, the tidying once every row is in
 *   report-text.c	the text of cells and the rows every output shows
 *   report-html.c	the HTML page
 *
 * Never include this outside src/report*.c.
 */
#ifndef ONWARD_REPORT_INT_H
#define ONWARD_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "report.h"
#include "strmap.h"
#include "util.h"

/* What the report keeps of a case. */
struct rcase {
	char	*type;
	char	*group;		/* its breakdown value, "" for none */
	char	*author;
	bool	 closed;
	bool	 due;		/* a follow-up is still to come */
	bool	 overdue;
};

/* One row's contribution to a figure, kept when picking per case. */
struct rrow {
	char	 *order;	/* date, created, id: what first/latest mean */
	char	 *group;
	struct strvec lines;	/* split or shares values */
	bool	  num;
	bool	  have;		/* a value (or, for shares, an answer) */
	double	  value;
};

struct rrun {
	struct report		*rep;
	struct store		*st;
	const struct form_pack	*pack;
	struct strmap		 cases;		/* id -> struct rcase */
	struct strmap		 visits;	/* record id -> visit number */
	struct strmap		 days;		/* record id -> its visit's
						   day + REPORT_DAY0 */
	struct strmap		 vsched;	/* record id -> its visit's
						   schedule id (copy) */
	struct strvec		 missed;	/* "CASE\tSCHEDULE\tDAY" */
	char			*vcase;		/* case of the last visit */
	intptr_t		 vn;
	struct strmap		*picks;		/* per figure: key -> rrow */
	const struct form	*form;		/* being walked */
	/* The row being evaluated. */
	const struct export_record *er;
	const char		*prefix;	/* repeat entry, or "" */
	char			 visit[24], day[24];
	const char		**all;		/* lookup_all's answer */
	size_t			  nall;
	struct buf		  path;
};

/* report-rows.c */

/* Free a struct rcase and a struct rrow (void * for strmap_free). */
void		 report_case_free(void *);
void		 report_row_free(void *);
/* The callbacks of the walks (arg is the struct rrun): every case
 * (store_export_cases), the records of a form in the order follow-up
 * visits count (store_export_case_order), then every record of the form
 * (store_export_records), each indicator of the form evaluated on it. */
int		 report_load_case(void *arg, const struct export_case *);
/* store_visit_days: the day of the visit each record completes. */
#define REPORT_DAY0	1000000
void		 report_load_day(void *arg, const char *record,
		     const char *case_id, const char *schedule, int day);
/* The missed visits of the form walked, as rows of the figures that take
 * their window (schedule, window). */
void		 report_missed(struct rrun *);
int		 report_load_visit(void *arg, const char *record,
		     const char *case_id);
int		 report_load_record(void *arg, const struct export_record *);

/* report-figures.c */

/* The lines a figure starts with: one per choice it splits by. */
void		 report_seed_lines(struct report_figure *);
/* Adds a row to every line of a figure, in group 0 and its own group. */
void		 report_fold(struct rrun *, struct report_figure *,
		     const struct rrow *);
/* Adds the cases to overdue or cases indicator fi. */
void		 report_overdue(struct rrun *, size_t fi);
/* Once every row is in: the shared denominators, medians' values and
 * authors' lines sorted, the groups sorted by label. */
void		 report_finish(struct report *);

#endif
