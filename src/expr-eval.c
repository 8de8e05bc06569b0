/*
 * expr-eval.c: evaluation of a parsed expression (expr.c) against the
 * values the caller supplies through struct expr_env: references, '.',
 * "and" and "or" (which stop early), arithmetic and comparisons here; calls
 * go to their functions (expr-func.c).
 *
 * A value borrows its text (from the tree, from the caller's lookup or
 * from '.') whenever it can, so the usual relevance or constraint
 * allocates nothing; only functions that make new text (concat, substr,
 * string() of a number...) allocate.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "expr-int.h"
#include "i18n.h"
#include "util.h"

/* Records an evaluation error; returns -1 for the caller to pass on. */
int PRINTFLIKE(2, 3)
expr_eval_error(struct ctx *c, const char *fmt, ...)
{
	va_list	ap;

	if (*c->cause == NULL) {
		va_start(ap, fmt);
		*c->cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Compares a and b with a comparison operator, following the rules in
 * expr.h: booleans, then numbers and dates, then text. */
static bool
compare(enum op op, const struct val *a, const struct val *b)
{
	double	x, y;
	int	r;

	if (op == OP_EQ || op == OP_NE) {
		if (a->type == EXPR_BOOL || b->type == EXPR_BOOL)
			r = expr_val_bool(a) == expr_val_bool(b);
		else if (a->type != EXPR_STRING || b->type != EXPR_STRING) {
			x = expr_val_number(a);
			y = expr_val_number(b);
			return op == OP_EQ ? x == y : x != y;
		} else
			r = strcmp(a->s, b->s) == 0;
		return op == OP_EQ ? r : !r;
	}
	x = expr_val_number(a);
	y = expr_val_number(b);
	switch (op) {
	case OP_LT:
		return x < y;
	case OP_LE:
		return x <= y;
	case OP_GT:
		return x > y;
	default:
		return x >= y;
	}
}

/* Evaluates a binary arithmetic or comparison node. */
static int
eval_binary(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	a = { 0 }, b = { 0 };
	double		x, y, r;

	if (expr_eval_node(n->kid[0], c, &a) != 0)
		return -1;
	if (expr_eval_node(n->kid[1], c, &b) != 0) {
		expr_val_free(&a);
		return -1;
	}
	if (n->op >= OP_EQ && n->op <= OP_GE)
		expr_set_bool(out, compare(n->op, &a, &b));
	else {
		x = expr_val_number(&a);
		y = expr_val_number(&b);
		switch (n->op) {
		case OP_ADD:
			r = x + y;
			break;
		case OP_SUB:
			r = x - y;
			break;
		case OP_MUL:
			r = x * y;
			break;
		case OP_DIV:
			r = x / y;
			break;
		default:
			r = fmod(x, y);
			break;
		}
		expr_set_number(out, r);
	}
	expr_val_free(&a);
	expr_val_free(&b);
	return 0;
}

/* Evaluates n into *out (which the caller frees with expr_val_free). */
int
expr_eval_node(const struct node *n, struct ctx *c, struct val *out)
{
	const char	*s;
	struct val	 a = { 0 };
	bool		 b;

	switch (n->op) {
	case OP_NUM:
		expr_set_number(out, n->n);
		return 0;
	case OP_STR:
		expr_set_text(out, n->s);
		return 0;
	case OP_REF:
		s = NULL;
		if (c->env->lookup != NULL)
			s = c->env->lookup(c->env->arg, c->e->deps[n->dep]);
		if (s == NULL)
			return expr_eval_error(c, _("unknown field '%s'"),
			    c->e->deps[n->dep]);
		expr_set_text(out, s);
		return 0;
	case OP_DOT:
		if (c->env->dot == NULL)
			return expr_eval_error(c, _("'.' has no value here"));
		expr_set_text(out, c->env->dot);
		return 0;
	case OP_CALL:
		return n->fn->cb(n, c, out);
	case OP_OR:
	case OP_AND:
		if (expr_eval_node(n->kid[0], c, &a) != 0)
			return -1;
		b = expr_val_bool(&a);
		expr_val_free(&a);
		if (b == (n->op == OP_OR)) {
			expr_set_bool(out, b);
			return 0;
		}
		if (expr_eval_node(n->kid[1], c, &a) != 0)
			return -1;
		expr_set_bool(out, expr_val_bool(&a));
		expr_val_free(&a);
		return 0;
	case OP_NEG:
		if (expr_eval_node(n->kid[0], c, &a) != 0)
			return -1;
		expr_set_number(out, -expr_val_number(&a));
		expr_val_free(&a);
		return 0;
	default:
		return eval_binary(n, c, out);
	}
}

/* Evaluates e into *out, which owns its text; -1 and *cause on error. */
int
expr_eval(const struct expr *e, const struct expr_env *env,
    struct expr_value *out, char **cause)
{
	struct ctx	c = { e, env, cause, false };
	struct val	v = { 0 };

	*cause = NULL;
	memset(out, 0, sizeof *out);
	if (expr_eval_node(e->root, &c, &v) != 0)
		return -1;
	out->type = v.type;
	out->n = v.n;
	out->b = v.b;
	if (v.type == EXPR_STRING)
		out->s = v.own != NULL ? v.own : xstrdup(v.s);
	return 0;
}

/* Evaluates e as a boolean; an error is false.  Allocates nothing
 * unless a function makes new text. */
bool
expr_eval_bool(const struct expr *e, const struct expr_env *env)
{
	char		*cause = NULL;
	struct ctx	 c = { e, env, &cause, false };
	struct val	 v = { 0 };
	bool		 b;

	if (expr_eval_node(e->root, &c, &v) != 0) {
		free(cause);
		return false;
	}
	b = expr_val_bool(&v);
	expr_val_free(&v);
	return b;
}

/* Evaluates e as the text an answer would store; an error is "". */
char *
expr_eval_string(const struct expr *e, const struct expr_env *env)
{
	bool	too_long;

	return expr_eval_text(e, env, &too_long);
}

/* The same, saying whether a text was too long; see expr.h. */
char *
expr_eval_text(const struct expr *e, const struct expr_env *env,
    bool *too_long)
{
	char		*cause = NULL, buf[NUMBUF], *s;
	struct ctx	 c = { e, env, &cause, false };
	struct val	 v = { 0 };

	*too_long = false;
	if (expr_eval_node(e->root, &c, &v) != 0) {
		*too_long = c.too_long;
		free(cause);
		return xstrdup("");
	}
	if (v.own != NULL)
		return v.own;
	s = xstrdup(expr_val_text(&v, buf));
	return s;
}
