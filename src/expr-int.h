/*
 * expr-int.h: what the files of the expression module share and nobody
 * else sees: the parsed tree (struct node, struct expr), the evaluator's
 * values (struct val) and context (struct ctx), the entries of the
 * function table (struct func), the limits, and the functions the files
 * call in each other.
 *
 *   expr.c		the public face: the lexer and parser (expr_parse),
 *			expr_free and the accessors
 *   expr-eval.c	evaluation: references, operators, comparisons and
 *			expr_eval, expr_eval_bool, expr_eval_string
 *   expr-func.c	the function table and every function (if, concat,
 *			sum, round...)
 *   expr-regex.c	regex(): patterns rewritten to POSIX, within limits
 *   expr-value.c	numbers and dates read and written as text, and the
 *			conversions of values, internal and public
 *
 * Never include this outside src/expr*.c.
 */
#ifndef ONWARD_EXPR_INT_H
#define ONWARD_EXPR_INT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "expr.h"
#include "util.h"

#define EXPR_MAX_LEN	8192	/* bytes of source */
#define EXPR_MAX_NEST	64	/* parentheses, calls and unary minus */
#define EXPR_MAX_HEIGHT	256	/* height of the tree */
#define NUMBUF		512	/* any finite double as fixed-point text */

#define DATE_MIN	(-719528L)	/* 0000-01-01 */
#define DATE_MAX	2932896L	/* 9999-12-31 */

enum op {
	OP_NUM, OP_STR, OP_REF, OP_DOT, OP_CALL,
	OP_OR, OP_AND, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG
};

struct func;

/* A node of the tree: an operator with its operands in kid, or a leaf. */
struct node {
	enum op			 op;
	int			 col;		/* 1-based, in characters */
	int			 height;	/* 1 for a leaf */
	double			 n;		/* OP_NUM */
	char			*s;		/* OP_STR */
	size_t			 dep;		/* OP_REF: index in deps */
	const struct func	*fn;		/* OP_CALL */
	regex_t			*re;		/* regex() of a literal */
	struct node		**kid;
	size_t			 nkid;
};

/* A parsed expression: its source, its tree and the ${names} it uses. */
struct expr {
	char		*src;
	struct node	*root;
	char		**deps;
	int		*depcol;
	size_t		 ndeps;
	bool		 dot;
};

/* A value during evaluation: s is borrowed unless own is set. */
struct val {
	enum expr_type	 type;
	double		 n;
	bool		 b;
	const char	*s;
	char		*own;
};

/* What evaluation carries down the tree: the expression (for the names of
 * its dependencies), the caller's environment and where an error goes. */
struct ctx {
	const struct expr	*e;
	const struct expr_env	*env;
	char			**cause;
	bool			 too_long;	/* the error: a text over
						   EXPR_MAX_TEXT */
};

/* A function's implementation: it evaluates the arguments (n->kid) it
 * needs itself, so that if() evaluates only the branch taken. */
typedef int (*func_cb)(const struct node *, struct ctx *, struct val *);

#define F_REF		0x1	/* the argument must be a ${field} */
#define F_DATE		0x2	/* a literal argument must be a date */
#define F_REGEX		0x4	/* a literal second argument is compiled */

/* An entry of the function table (expr-func.c): a name, how many arguments
 * it takes, what the parser checks (F_*) and its implementation. */
struct func {
	const char	*name;
	int		 min;
	int		 max;		/* -1 for any number */
	int		 flags;
	func_cb		 cb;
};

/* True for the white space allowed between tokens and around numbers. */
static inline bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True for an ASCII digit (isdigit() depends on the locale). */
static inline bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* expr-value.c */

/* Reads a decimal number ([-]digits[.digits] or [-].digits, nothing else)
 * from s[0..len) without the locale; NaN when it is not one. */
double		 expr_decimal(const char *s, size_t len);
/* Reads the text of an answer as a number: surrounding white space is
 * ignored, a date gives its days, anything else that is not a decimal
 * number (including "") is NaN. */
double		 expr_text_number(const char *s);
/* Releases what v owns; v stays usable as an empty value. */
void		 expr_val_free(struct val *v);
/* Sets v to a number (infinities become NaN), a date (days outside
 * 0000-01-01..9999-12-31 become NaN), a boolean, text v borrows (which
 * must outlive v) or text v owns and will free. */
void		 expr_set_number(struct val *v, double n);
void		 expr_set_date(struct val *v, double days);
void		 expr_set_bool(struct val *v, bool b);
void		 expr_set_text(struct val *v, const char *s);
void		 expr_set_owned(struct val *v, char *s);
/* A value as a number, as a boolean, as text (numbers and dates written
 * into buf, NUMBUF bytes; the result lives as long as v and buf), and
 * whether it is an empty answer: the rules behind expr_value_number() and
 * its kin, for the evaluator's own values. */
double		 expr_val_number(const struct val *v);
bool		 expr_val_bool(const struct val *v);
const char	*expr_val_text(const struct val *v, char *buf);
bool		 expr_val_empty(const struct val *v);

/* expr-eval.c */

/* Evaluates n into *out (which the caller frees with expr_val_free);
 * 0, or -1 with the error recorded in c. */
int		 expr_eval_node(const struct node *n, struct ctx *c,
		     struct val *out);
/* Records an evaluation error (the first one only); returns -1 for the
 * caller to pass on. */
int		 expr_eval_error(struct ctx *c, const char *fmt, ...)
		     PRINTFLIKE(2, 3);

/* expr-func.c */

/* The function called name (len bytes, not NUL-terminated), or NULL. */
const struct func *expr_find_func(const char *name, size_t len);

/* expr-regex.c */

/* Compiles pattern pat of regex() into re, refusing what would take too
 * long to compile or to match.  0, or -1 with *cause set (caller frees). */
int		 expr_regex_compile(regex_t *re, const char *pat, char **cause);

#endif
