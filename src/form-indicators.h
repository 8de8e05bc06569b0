/*
 * form-indicators: the programme's indicators, defined in a YAML file the
 * programme edits without C code (data/indicators.yaml; doc/onward.1,
 * REPORT INDICATORS, describes the keys), loaded and checked against the
 * form pack like a form.
 *
 * Owns: struct indicator_set and everything in it.
 * Never: reads the store or computes figures (report.c does).
 *
 * Rows.  An indicator counts rows: the records of one form that are not
 * deleted, or with `repeat`, the entries of one repeat of it.  `where`
 * (an expression in the form language) keeps some rows; with `pick:
 * first|latest` only the first or latest kept row of each case (or of
 * each value of `key`) stays.  Besides the form's fields an expression
 * may name ${_visit} (the record's place among its case's records of the
 * form, oldest first: the k-th follow-up), ${_day} (the follow-up day of
 * the visit whose window the record's date falls in, e.g. 30),
 * ${_author}.  `schedule` and `window` take the rows of one visit of a
 * schedule (the 90-day follow-up) and count each missed visit of it as a
 * row of its own ("no visit in the window").
 *
 * Kinds:
 *   count     the number of rows (cases with `per_case`)
 *   share     of the rows, those where `numerator` is true
 *   shares    for each choice of `field`, the rows that chose it
 *   mean, median, sum   of the numeric `field` over the rows
 *   overdue   open cases of `case_type` whose next follow-up is overdue,
 *             out of those with a follow-up still to come
 *   cases     the cases of `case_type`, open and closed
 *   funnel    for each choice of the select_one `field` in list order
 *             (the steps of a programme), the cases with a row at that
 *             step, out of those at the first
 * `split: FIELD` (a select field, _author, or _month: the month of the
 * row's date) gives one line per value.  `money: true` on a mean, median
 * or sum shows it as money: with the file's `currency` and thousands
 * separators.
 *
 * A pack without an indicators file of its own gets the default set
 * (form_indicators_default), never another pack's file.
 */
#ifndef ONWARD_FORM_INDICATORS_H
#define ONWARD_FORM_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>

#include "expr.h"
#include "form.h"
#include "util.h"

#define INDICATORS_FILE		"indicators.yaml"
#define INDICATORS_MIN_N	5	/* default minimum n */

enum indicator_kind {
	IND_COUNT,
	IND_SHARE,
	IND_SHARES,
	IND_MEAN,
	IND_MEDIAN,
	IND_SUM,
	IND_OVERDUE,
	IND_CASES,
	IND_FUNNEL
};

enum indicator_pick {
	PICK_ALL,
	PICK_FIRST,
	PICK_LATEST
};

struct indicator {
	char			*id;
	char			*label;		/* source text: form_text() */
	char			*section;	/* heading it is listed under */
	enum indicator_kind	 kind;
	const struct form	*form;		/* NULL for IND_OVERDUE */
	const struct case_type	*case_type;	/* IND_OVERDUE */
	const struct field	*repeat;	/* rows are its entries */
	struct expr		*where;		/* NULL: every row */
	struct expr		*numerator;	/* IND_SHARE */
	const struct field	*field;		/* shares, mean, median, sum */
	const struct field	*split;		/* NULL: one line */
	bool			 split_author;	/* split: _author */
	bool			 split_month;	/* split: _month (YYYY-MM) */
	const struct field	*date;		/* for --from/--to; NULL: the
						   day the record was made */
	const struct field	*key;		/* pick per value; NULL: case */
	enum indicator_pick	 pick;
	bool			 per_case;	/* count cases, not rows */
	const char		*currency;	/* money: the set's (or ""),
						   NULL when not money */
	/* `schedule: ID` and `window: DAY`: only the records that make the
	 * visit of that window, and a row "no visit in the window" for each
	 * missed one. */
	const char		*schedule;	/* the pack's id, or NULL */
	int			 window;
	int			 min_n;
	int			 line;
};

/* A way to break the report down (--by ID): by a case property, or by
 * the worker who entered the row. */
struct breakdown {
	char	*id;
	char	*label;
	char	*property;	/* NULL with author */
	bool	 author;
};

struct indicator_set {
	char			*path;
	char			*title;		/* source text, or NULL */
	char			*currency;	/* "KES", "" when not given */
	int			 min_n;
	struct indicator	*v;
	size_t			 n;
	struct breakdown	*by;
	size_t			 nby;
};

/* Loads and checks path against pack; every problem goes to d as
 * file:line:column.  NULL when there was any.  Free with
 * form_indicators_free. */
struct indicator_set	*form_indicators_load(const char *path,
			     const struct form_pack *pack, struct diags *d);
void			 form_indicators_free(struct indicator_set *);
/* The plain report of a pack without indicators of its own: the records
 * of each form by month, then for each case type its open and closed
 * cases and its late follow-ups out of those due.  Labels are already
 * translated.  Free with form_indicators_free. */
struct indicator_set	*form_indicators_default(const struct form_pack *);

#endif
