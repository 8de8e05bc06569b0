/*
 * expr-func.c: the functions an expression may call.  The table gives
 * each name the number of arguments it takes and what the parser checks
 * (a field reference, a literal date, a literal regex to compile); each
 * implementation evaluates its own arguments, so if() evaluates only the
 * branch taken and count() and sum() ask the caller for every answer of a
 * field inside a repeat.
 */
#include "config.h"

#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "expr-int.h"
#include "i18n.h"
#include "util.h"

static int	fn_abs(const struct node *, struct ctx *, struct val *);
static int	fn_boolean(const struct node *, struct ctx *, struct val *);
static int	fn_boolean_from_string(const struct node *, struct ctx *,
		    struct val *);
static int	fn_coalesce(const struct node *, struct ctx *, struct val *);
static int	fn_concat(const struct node *, struct ctx *, struct val *);
static int	fn_contains(const struct node *, struct ctx *, struct val *);
static int	fn_count(const struct node *, struct ctx *, struct val *);
static int	fn_count_selected(const struct node *, struct ctx *,
		    struct val *);
static int	fn_date(const struct node *, struct ctx *, struct val *);
static int	fn_ends_with(const struct node *, struct ctx *, struct val *);
static int	fn_false(const struct node *, struct ctx *, struct val *);
static int	fn_if(const struct node *, struct ctx *, struct val *);
static int	fn_int(const struct node *, struct ctx *, struct val *);
static int	fn_max(const struct node *, struct ctx *, struct val *);
static int	fn_min(const struct node *, struct ctx *, struct val *);
static int	fn_not(const struct node *, struct ctx *, struct val *);
static int	fn_number(const struct node *, struct ctx *, struct val *);
static int	fn_pow(const struct node *, struct ctx *, struct val *);
static int	fn_regex(const struct node *, struct ctx *, struct val *);
static int	fn_round(const struct node *, struct ctx *, struct val *);
static int	fn_selected(const struct node *, struct ctx *, struct val *);
static int	fn_starts_with(const struct node *, struct ctx *,
		    struct val *);
static int	fn_string(const struct node *, struct ctx *, struct val *);
static int	fn_string_length(const struct node *, struct ctx *,
		    struct val *);
static int	fn_substr(const struct node *, struct ctx *, struct val *);
static int	fn_sum(const struct node *, struct ctx *, struct val *);
static int	fn_today(const struct node *, struct ctx *, struct val *);
static int	fn_true(const struct node *, struct ctx *, struct val *);

static const struct func funcs[] = {
	{ "abs",		  1,  1, 0,	  fn_abs },
	{ "boolean",		  1,  1, 0,	  fn_boolean },
	{ "boolean-from-string",  1,  1, 0,	  fn_boolean_from_string },
	{ "coalesce",		  2, -1, 0,	  fn_coalesce },
	{ "concat",		  1, -1, 0,	  fn_concat },
	{ "contains",		  2,  2, 0,	  fn_contains },
	{ "count",		  1,  1, F_REF,	  fn_count },
	{ "count-selected",	  1,  1, 0,	  fn_count_selected },
	{ "date",		  1,  1, F_DATE,  fn_date },
	{ "ends-with",		  2,  2, 0,	  fn_ends_with },
	{ "false",		  0,  0, 0,	  fn_false },
	{ "if",			  3,  3, 0,	  fn_if },
	{ "int",		  1,  1, 0,	  fn_int },
	{ "max",		  1, -1, 0,	  fn_max },
	{ "min",		  1, -1, 0,	  fn_min },
	{ "not",		  1,  1, 0,	  fn_not },
	{ "number",		  1,  1, 0,	  fn_number },
	{ "pow",		  2,  2, 0,	  fn_pow },
	{ "regex",		  2,  2, F_REGEX, fn_regex },
	{ "round",		  1,  2, 0,	  fn_round },
	{ "selected",		  2,  2, 0,	  fn_selected },
	{ "starts-with",	  2,  2, 0,	  fn_starts_with },
	{ "string",		  1,  1, 0,	  fn_string },
	{ "string-length",	  1,  1, 0,	  fn_string_length },
	{ "substr",		  2,  3, 0,	  fn_substr },
	{ "sum",		  1,  1, F_REF,	  fn_sum },
	{ "today",		  0,  0, 0,	  fn_today },
	{ "true",		  0,  0, 0,	  fn_true },
};

/* Looks a function up by name. */
const struct func *
expr_find_func(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < nitems(funcs); i++) {
		if (strlen(funcs[i].name) == len &&
		    memcmp(funcs[i].name, name, len) == 0)
			return &funcs[i];
	}
	return NULL;
}

/* Evaluates argument i of a call as a number. */
static int
arg_number(const struct node *n, size_t i, struct ctx *c, double *d)
{
	struct val	v = { 0 };

	if (expr_eval_node(n->kid[i], c, &v) != 0)
		return -1;
	*d = expr_val_number(&v);
	expr_val_free(&v);
	return 0;
}

/* Evaluates the first two arguments of a call as text into sa and sb;
 * the texts live as long as a, b, ba and bb. */
static int
arg_texts(const struct node *n, struct ctx *c, struct val *a, struct val *b,
    char *ba, char *bb, const char **sa, const char **sb)
{
	if (expr_eval_node(n->kid[0], c, a) != 0)
		return -1;
	if (expr_eval_node(n->kid[1], c, b) != 0) {
		expr_val_free(a);
		return -1;
	}
	*sa = expr_val_text(a, ba);
	*sb = expr_val_text(b, bb);
	return 0;
}

/* if(condition, then, else): evaluates only the branch taken. */
static int
fn_if(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };
	bool		b;

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	b = expr_val_bool(&v);
	expr_val_free(&v);
	return expr_eval_node(n->kid[b ? 1 : 2], c, out);
}

/* True when item is one of the space-separated values of list. */
static bool
list_has(const char *list, const char *item)
{
	const char	*end;
	size_t		 len;

	while (is_space(*item))
		item++;
	len = strlen(item);
	while (len > 0 && is_space(item[len - 1]))
		len--;
	if (len == 0)
		return false;
	for (;;) {
		while (is_space(*list))
			list++;
		if (*list == '\0')
			return false;
		for (end = list; *end != '\0' && !is_space(*end); end++)
			;
		if ((size_t)(end - list) == len && memcmp(list, item, len) == 0)
			return true;
		list = end;
	}
}

/* selected(list, value): whether a multiple choice includes value. */
static int
fn_selected(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	 a = { 0 }, b = { 0 };
	char		 ba[NUMBUF], bb[NUMBUF];
	const char	*sa, *sb;

	if (arg_texts(n, c, &a, &b, ba, bb, &sa, &sb) != 0)
		return -1;
	expr_set_bool(out, list_has(sa, sb));
	expr_val_free(&a);
	expr_val_free(&b);
	return 0;
}

/* count-selected(list): how many values a multiple choice holds. */
static int
fn_count_selected(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	 v = { 0 };
	char		 buf[NUMBUF];
	const char	*s;
	int		 k = 0;

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	s = expr_val_text(&v, buf);
	for (;;) {
		while (is_space(*s))
			s++;
		if (*s == '\0')
			break;
		k++;
		while (*s != '\0' && !is_space(*s))
			s++;
	}
	expr_val_free(&v);
	expr_set_number(out, k);
	return 0;
}

/* string-length(s): the length of s in characters. */
static int
fn_string_length(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	 v = { 0 };
	char		 buf[NUMBUF];
	const char	*s;

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	s = expr_val_text(&v, buf);
	expr_set_number(out, (double)utf8_chars(s, strlen(s)));
	expr_val_free(&v);
	return 0;
}

/* regex(s, pattern): whether s matches the extended regular expression. */
static int
fn_regex(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	 a = { 0 }, b = { 0 };
	char		 ba[NUMBUF], bb[NUMBUF], *why;
	const char	*sa, *sb;
	regex_t		 re;
	int		 rc;

	if (arg_texts(n, c, &a, &b, ba, bb, &sa, &sb) != 0)
		return -1;
	if (n->re != NULL)
		rc = regexec(n->re, sa, 0, NULL, 0);
	else if (expr_regex_compile(&re, sb, &why) != 0) {
		expr_val_free(&a);
		expr_val_free(&b);
		rc = expr_eval_error(c, "%s", why);
		free(why);
		return rc;
	} else {
		rc = regexec(&re, sa, 0, NULL, 0);
		regfree(&re);
	}
	expr_set_bool(out, rc == 0);
	expr_val_free(&a);
	expr_val_free(&b);
	return 0;
}

/* today(): the date of the environment, or the real one. */
static int
fn_today(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	expr_set_date(out, (double)(c->env->today != 0 ? c->env->today :
	    expr_today()));
	return 0;
}

/* A function of one number: op(x) (x itself when op is NULL), as a date
 * when date. */
static int
number_fn(const struct node *n, struct ctx *c, struct val *out,
    double (*op)(double), bool date)
{
	double	d;

	if (arg_number(n, 0, c, &d) != 0)
		return -1;
	if (op != NULL)
		d = op(d);
	if (date)
		expr_set_date(out, d);
	else
		expr_set_number(out, d);
	return 0;
}

/* date(x): a date from YYYY-MM-DD or a number of days; else empty. */
static int
fn_date(const struct node *n, struct ctx *c, struct val *out)
{
	return number_fn(n, c, out, NULL, true);
}

/* int(x): x truncated towards zero. */
static int
fn_int(const struct node *n, struct ctx *c, struct val *out)
{
	return number_fn(n, c, out, trunc, false);
}

/* number(x): x as a number (NaN, shown as empty, if it is not one). */
static int
fn_number(const struct node *n, struct ctx *c, struct val *out)
{
	return number_fn(n, c, out, NULL, false);
}

/* abs(x): the absolute value of x. */
static int
fn_abs(const struct node *n, struct ctx *c, struct val *out)
{
	return number_fn(n, c, out, fabs, false);
}

/* pow(x, y): x to the power y. */
static int
fn_pow(const struct node *n, struct ctx *c, struct val *out)
{
	double	x, y;

	if (arg_number(n, 0, c, &x) != 0 || arg_number(n, 1, c, &y) != 0)
		return -1;
	expr_set_number(out, pow(x, y));
	return 0;
}

/* string(x): x as text. */
static int
fn_string(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };
	char		buf[NUMBUF];

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	if (v.type == EXPR_STRING) {
		*out = v;
		return 0;
	}
	expr_set_owned(out, xstrdup(expr_val_text(&v, buf)));
	return 0;
}

/* concat(a, ...): the texts of every argument, one after the other. */
static int
fn_concat(const struct node *n, struct ctx *c, struct val *out)
{
	struct buf	b = { 0 };
	struct val	v = { 0 };
	char		tmp[NUMBUF];
	size_t		i;

	for (i = 0; i < n->nkid; i++) {
		if (expr_eval_node(n->kid[i], c, &v) != 0) {
			buf_free(&b);
			return -1;
		}
		buf_adds(&b, expr_val_text(&v, tmp));
		expr_val_free(&v);
		if (b.len > EXPR_MAX_TEXT) {
			buf_free(&b);
			c->too_long = true;
			return expr_eval_error(c, _("concat() would make a "
			    "text longer than %zu bytes"), EXPR_MAX_TEXT);
		}
	}
	expr_set_owned(out, buf_detach(&b));
	return 0;
}

/* The reads of dependency dep under n, counted only inside a concat()
 * (within says whether n is). */
static size_t
text_uses(const struct node *n, size_t dep, bool within)
{
	size_t	i, k = 0;

	if (n->op == OP_REF)
		return within && n->dep == dep ? 1 : 0;
	if (n->op == OP_CALL && n->fn->cb == fn_concat)
		within = true;
	for (i = 0; i < n->nkid; i++)
		k += text_uses(n->kid[i], dep, within);
	return k;
}

/* How often the text e makes can hold dependency i; see expr.h. */
size_t
expr_text_uses(const struct expr *e, size_t i)
{
	return text_uses(e->root, i, false);
}

/* coalesce(a, b, ...): the first argument that is not empty. */
static int
fn_coalesce(const struct node *n, struct ctx *c, struct val *out)
{
	size_t	i;

	for (i = 0; i < n->nkid; i++) {
		if (expr_eval_node(n->kid[i], c, out) != 0)
			return -1;
		if (!expr_val_empty(out) || i == n->nkid - 1)
			break;
		expr_val_free(out);
	}
	return 0;
}

/* count(${repeat}): the number of instances, or of answers, of a field
 * inside a repeat; without repeats, 1 for an existing field. */
static int
fn_count(const struct node *n, struct ctx *c, struct val *out)
{
	const char *const	*values;
	const char		*name = c->e->deps[n->kid[0]->dep];
	size_t			 k;

	if (c->env->lookup_all != NULL)
		k = c->env->lookup_all(c->env->arg, name, &values);
	else if (c->env->lookup != NULL &&
	    c->env->lookup(c->env->arg, name) != NULL)
		k = 1;
	else
		return expr_eval_error(c, _("unknown field '%s'"),
		    name);
	expr_set_number(out, (double)k);
	return 0;
}

/* sum(${field}): the total of a field's answers across a repeat; empty
 * answers are skipped, any other non-number makes the sum NaN. */
static int
fn_sum(const struct node *n, struct ctx *c, struct val *out)
{
	const char *const	*values;
	const char		*name = c->e->deps[n->kid[0]->dep], *one;
	size_t			 i, k;
	double			 total = 0, d;

	if (c->env->lookup_all != NULL)
		k = c->env->lookup_all(c->env->arg, name, &values);
	else {
		one = c->env->lookup != NULL ?
		    c->env->lookup(c->env->arg, name) : NULL;
		if (one == NULL)
			return expr_eval_error(c, _("unknown field '%s'"),
			    name);
		values = &one;
		k = 1;
	}
	for (i = 0; i < k; i++) {
		d = expr_text_number(values[i]);
		if (isnan(d)) {
			for (one = values[i]; is_space(*one); one++)
				;
			if (*one == '\0')
				continue;
		}
		total += d;
	}
	expr_set_number(out, total);
	return 0;
}

/* not(x): the opposite of x as a boolean. */
static int
fn_not(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	expr_set_bool(out, !expr_val_bool(&v));
	expr_val_free(&v);
	return 0;
}

/* boolean(x): x as a boolean ("" and "false" are false). */
static int
fn_boolean(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	expr_set_bool(out, expr_val_bool(&v));
	expr_val_free(&v);
	return 0;
}

/* boolean-from-string(s): true for "true" and "1" only. */
static int
fn_boolean_from_string(const struct node *n, struct ctx *c,
    struct val *out)
{
	struct val	 v = { 0 };
	char		 buf[NUMBUF];
	const char	*s;

	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	s = expr_val_text(&v, buf);
	expr_set_bool(out, strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
	expr_val_free(&v);
	return 0;
}

/* true(): true. */
static int
fn_true(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	(void)c;
	expr_set_bool(out, true);
	return 0;
}

/* false(): false. */
static int
fn_false(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	(void)c;
	expr_set_bool(out, false);
	return 0;
}

/* round(x[, digits]): x rounded half away from zero, to digits decimal
 * places (negative: to tens, hundreds...).  Halves are judged with a
 * little slack so that round(2.675, 2) is 2.68 as a person expects. */
static int
fn_round(const struct node *n, struct ctx *c, struct val *out)
{
	double	x, d = 0, p, y, r, slack;

	if (arg_number(n, 0, c, &x) != 0)
		return -1;
	if (n->nkid > 1 && arg_number(n, 1, c, &d) != 0)
		return -1;
	d = trunc(d);
	if (isnan(x) || isnan(d) || d > 15) {
		expr_set_number(out, isnan(d) ? NAN : x);
		return 0;
	}
	if (d < -308) {
		expr_set_number(out, 0);
		return 0;
	}
	p = pow(10, fabs(d));
	y = d >= 0 ? x * p : x / p;
	r = trunc(y);
	slack = fabs(y) * 4 * 2.220446049250313e-16;
	if (slack < 1e-9)
		slack = 1e-9;
	if (fabs(y - r) >= 0.5 - slack)
		r += y < 0 ? -1 : 1;
	expr_set_number(out, d >= 0 ? r / p : r * p);
	return 0;
}

/* The smallest (sign -1) or largest (sign 1) argument; empty answers are
 * skipped, any other non-number gives NaN. */
static int
minmax(const struct node *n, struct ctx *c, struct val *out, int sign)
{
	struct val	v = { 0 };
	double		best = NAN, d;
	bool		bad = false;
	size_t		i;

	for (i = 0; i < n->nkid; i++) {
		if (expr_eval_node(n->kid[i], c, &v) != 0)
			return -1;
		if (v.type == EXPR_STRING) {
			const char	*s = v.s;

			while (is_space(*s))
				s++;
			if (*s == '\0') {
				expr_val_free(&v);
				continue;
			}
		}
		d = expr_val_number(&v);
		expr_val_free(&v);
		if (isnan(d))
			bad = true;
		else if (isnan(best) || (sign < 0 ? d < best : d > best))
			best = d;
	}
	expr_set_number(out, bad ? NAN : best);
	return 0;
}

/* min(a, ...): the smallest number. */
static int
fn_min(const struct node *n, struct ctx *c, struct val *out)
{
	return minmax(n, c, out, -1);
}

/* max(a, ...): the largest number. */
static int
fn_max(const struct node *n, struct ctx *c, struct val *out)
{
	return minmax(n, c, out, 1);
}

/* substr(s, start[, end]): the characters of s from start (0-based) up to
 * but not including end, both clamped to the text. */
static int
fn_substr(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	 v = { 0 };
	char		 buf[NUMBUF];
	const char	*s, *from, *to;
	double		 start, end = INFINITY;
	size_t		 len;

	if (arg_number(n, 1, c, &start) != 0)
		return -1;
	if (n->nkid > 2 && arg_number(n, 2, c, &end) != 0)
		return -1;
	if (expr_eval_node(n->kid[0], c, &v) != 0)
		return -1;
	s = expr_val_text(&v, buf);
	len = utf8_chars(s, strlen(s));
	start = trunc(start);
	end = trunc(end);
	if (isnan(start) || isnan(end) || start >= (double)len || end <= 0 ||
	    end <= start) {
		expr_val_free(&v);
		expr_set_text(out, "");
		return 0;
	}
	if (start < 0)
		start = 0;
	if (end > (double)len)
		end = (double)len;
	from = s + utf8_offset(s, strlen(s), (size_t)start);
	to = from + utf8_offset(from, strlen(from), (size_t)(end - start));
	expr_set_owned(out, xstrndup(from, (size_t)(to - from)));
	expr_val_free(&v);
	return 0;
}

/* contains, starts-with and ends-with of the first two arguments. */
static int
text_test(const struct node *n, struct ctx *c, struct val *out, int how)
{
	struct val	 a = { 0 }, b = { 0 };
	char		 ba[NUMBUF], bb[NUMBUF];
	const char	*sa, *sb;
	size_t		 la, lb;
	bool		 r;

	if (arg_texts(n, c, &a, &b, ba, bb, &sa, &sb) != 0)
		return -1;
	la = strlen(sa);
	lb = strlen(sb);
	if (how == 0)
		r = strstr(sa, sb) != NULL;
	else if (how < 0)
		r = la >= lb && memcmp(sa, sb, lb) == 0;
	else
		r = la >= lb && memcmp(sa + la - lb, sb, lb) == 0;
	expr_set_bool(out, r);
	expr_val_free(&a);
	expr_val_free(&b);
	return 0;
}

/* contains(s, t): whether t occurs in s. */
static int
fn_contains(const struct node *n, struct ctx *c, struct val *out)
{
	return text_test(n, c, out, 0);
}

/* starts-with(s, t): whether s begins with t. */
static int
fn_starts_with(const struct node *n, struct ctx *c, struct val *out)
{
	return text_test(n, c, out, -1);
}

/* ends-with(s, t): whether s ends with t. */
static int
fn_ends_with(const struct node *n, struct ctx *c, struct val *out)
{
	return text_test(n, c, out, 1);
}
