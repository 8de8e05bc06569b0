/*
 * report: the programme's indicators computed over the store.
 *
 * Owns: evaluating an indicator_set (form-indicators.h) over every record
 * and case (export.h), into figures: one per indicator, each with lines
 * (one, or one per choice or value it splits by) and cells (one per group
 * of the breakdown, group 0 being everyone), and the text of each cell,
 * so the terminal table and the HTML page say exactly the same.
 * Never: draws; writes files (cmd-report.c and report-html.c do).
 */
#ifndef ONWARD_REPORT_H
#define ONWARD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "form-indicators.h"

struct store;

struct report_cell {
	size_t	 num;		/* rows counted (numerator) */
	size_t	 den;		/* rows it is out of (denominator, or n) */
	double	 sum;		/* of values, for mean and sum */
	double	*values;	/* for median */
	size_t	 nvalues;
};

struct report_line {
	char			*key;		/* choice value, author... */
	char			*label;		/* translated, or NULL: one
						   line, the figure's own */
	struct report_cell	*cells;		/* by group */
	size_t			 ncells;
};

struct report_figure {
	const struct indicator	*ind;
	struct report_line	*lines;
	size_t			 nlines;
	bool			 split;		/* lines are categories */
	size_t			*totals;	/* rows per group, when the
						   lines share one denominator */
	size_t			 ntotals;
};

struct report_options {
	const char	*from;		/* YYYY-MM-DD or NULL */
	const char	*to;
	const char	*by;		/* breakdown id or NULL */
};

struct report {
	const struct indicator_set	*set;
	const struct breakdown		*by;	/* NULL: everyone together */
	char				*from, *to;
	char				 today[16];
	char				**groups;	/* keys; [0] everyone */
	char				**group_labels;	/* translated */
	size_t				  ngroups;
	struct report_figure		 *v;
	size_t				  n;
};

/*
 * Computes every indicator of set over the store.  An unknown --by is an
 * error.  Returns the report (free with report_free) or NULL with *cause
 * set (caller frees).
 */
struct report	*report_run(struct store *, const struct form_pack *,
		     const struct indicator_set *, const struct report_options *,
		     char **cause);
void		 report_free(struct report *);

/*
 * The text of a cell, as every output shows it: *value is the figure
 * ("42%", "1250", "too few cases", "no cases") and *basis what it is out
 * of ("21 / 50", "n = 40").  *ratio (if not NULL) gets the share from 0 to
 * 1 for a bar, or -1 when the cell has none.  Both strings are the
 * caller's to free.
 */
void		 report_cell_text(const struct report_figure *,
		     const struct report_cell *, char **value, char **basis,
		     double *ratio);

/* The rows every output shows, in order: a figure's label with its value
 * (depth 0), its lines (depth 1) and groups (depth 1 or 2).  fn gets
 * the label, the value and basis text ("" for a heading without
 * figures), the bar ratio (-1: none) and a section heading when one
 * starts (else NULL). */
void		 report_walk(const struct report *,
		     void (*fn)(void *, const char *section, int depth,
		     const char *label, const char *value, const char *basis,
		     double ratio), void *arg);

/* The HTML page (report-html.c): one self-contained file. */
int		 report_write_html(const struct report *, const char *path,
		     char **cause);

#endif
