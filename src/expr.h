/*
 * expr: the form expression language (XLSForm habits).
 *
 * Owns: parsing an expression once into a tree, the list of fields it
 * depends on, and evaluating it against values supplied by the caller.
 * Never: knows where values are stored, speaks SQL or draws.
 *
 * Syntax: ${field}, '.', numbers, 'strings' or "strings", = != < <= > >=,
 * + - * div mod, unary -, and or, parentheses and function calls:
 * if, selected, count-selected, string-length, regex, today, date, int,
 * number, string, concat, coalesce, count, sum, not, true, false, boolean,
 * boolean-from-string, round, min, max, abs, pow, substr, contains,
 * starts-with, ends-with.  The number of arguments is checked at parse
 * time; count() and sum() take a ${field}; a literal date() or regex()
 * pattern is checked at parse time.
 *
 * Semantics follow ODK: an empty answer is the empty string; in arithmetic
 * it is NaN (so "${x} + 1" of an empty x is empty); comparisons with a number
 * on either side compare numerically; dates compare and subtract as days
 * since 1970-01-01; a value that looks like YYYY-MM-DD compared with a date
 * is a date.  Arithmetic always gives a number (date + 1 is a number of
 * days, which compares with dates).  = and != between two texts compare
 * text; < <= > >= always compare numbers.
 * Deliberate deviations: text is false only when "" or "false" (so a
 * stored "false" is false); division by zero gives NaN, not Infinity;
 * sum(), min() and max() skip empty answers; round() rounds halves away
 * from zero; regex() is POSIX extended, with \d \s \w (and \D \S \W)
 * accepted and back-references refused.
 * Limits: 8192 bytes of source, 64 levels of nesting.
 */
#ifndef ONWARD_EXPR_H
#define ONWARD_EXPR_H

#include <stdbool.h>
#include <stddef.h>

struct expr;

enum expr_type {
	EXPR_STRING,		/* s; "" is the empty answer */
	EXPR_NUMBER,		/* n; NaN when not a number */
	EXPR_BOOL,		/* b */
	EXPR_DATE		/* n: days since 1970-01-01 */
};

/* A value.  When type is EXPR_STRING, s is owned by the value and freed
 * with expr_value_clear(). */
struct expr_value {
	enum expr_type	 type;
	double		 n;
	bool		 b;
	char		*s;
};

/*
 * Values for ${name} and '.', supplied by the caller.
 * lookup returns the current answer of a field as text ("" when empty),
 * or NULL when no such field exists (an error at evaluation).  The string
 * belongs to the caller and must stay valid during expr_eval.
 * lookup_all returns, for count() and sum(), every answer of a field
 * inside a repeat (or, for a repeat's own name, one entry per instance):
 * it stores a caller-owned array in *values and returns its length.
 * It may be NULL when the form has no repeats.
 */
struct expr_env {
	void		 *arg;
	const char	*(*lookup)(void *arg, const char *name);
	size_t		 (*lookup_all)(void *arg, const char *name,
			     const char *const **values);
	const char	 *dot;		/* value of '.', NULL if not allowed */
	long		  today;	/* days since epoch; 0 means real today */
};

/*
 * Parses src.  On success returns the tree (free with expr_free).  On error
 * returns NULL, sets *cause to a message (caller frees) and *col to the
 * 1-based column of the error within src.
 */
struct expr	*expr_parse(const char *src, char **cause, int *col);
void		 expr_free(struct expr *);
/* The source text the expression was parsed from. */
const char	*expr_source(const struct expr *);

/* Names referenced with ${name}, each once, in order of first use.
 * The array belongs to the expression. */
size_t		 expr_deps(const struct expr *, const char *const **names);
/* True when the expression uses '.'. */
bool		 expr_uses_dot(const struct expr *);
/* The 1-based column of dependency i within the source, for messages. */
int		 expr_dep_col(const struct expr *, size_t i);

/*
 * Test-only seam (the program uses the two conveniences below): evaluates
 * e.  Returns 0 and fills *out (clear with expr_value_clear), or
 * -1 with *cause set (caller frees) on an evaluation error such as an
 * unknown field or a bad regular expression.
 */
int		 expr_eval(const struct expr *e, const struct expr_env *env,
		     struct expr_value *out, char **cause);
/* Convenience: evaluate as a boolean (errors count as false). */
bool		 expr_eval_bool(const struct expr *, const struct expr_env *);
/* Convenience: evaluate as text, as it would be stored as an answer
 * (numbers without trailing zeros, dates as YYYY-MM-DD, booleans as
 * "true"/"false"; errors give "").  Caller frees. */
char		*expr_eval_string(const struct expr *, const struct expr_env *);
/* The longest text evaluation makes: the answer cap (FIELD_MAX_VALUE,
 * form.h), so no chain of calculations can exhaust memory. */
#define EXPR_MAX_TEXT	((size_t)1024 * 1024)
/* expr_eval_string, also saying whether it failed because a text would
 * pass EXPR_MAX_TEXT (*too_long; its result is then ""). */
char		*expr_eval_text(const struct expr *, const struct expr_env *,
		     bool *too_long);
/* How many times the text e makes can hold a copy of its dependency i:
 * the times ${name} is read inside a concat() (0 when never), for the
 * checker's estimate of growth along chained calculations. */
size_t		 expr_text_uses(const struct expr *, size_t i);

/* Test-only seam: frees what expr_eval filled in; a value as a boolean, a
 * number and text (caller frees the text), by the evaluator's rules. */
void		 expr_value_clear(struct expr_value *);
bool		 expr_value_bool(const struct expr_value *);
double		 expr_value_number(const struct expr_value *);
char		*expr_value_string(const struct expr_value *);

/* Dates: parses "YYYY-MM-DD" (a real calendar date) into days since
 * 1970-01-01; returns false when s is not such a date. */
bool		 expr_parse_date(const char *s, long *days);
/* Formats days since 1970-01-01 as YYYY-MM-DD into buf (at least 11 bytes). */
void		 expr_format_date(long days, char *buf, size_t len);
/* Today's date, in local time, as days since 1970-01-01; the environment
 * variable ONWARD_TODAY=YYYY-MM-DD overrides it (for tests and demos). */
long		 expr_today(void);

#endif
