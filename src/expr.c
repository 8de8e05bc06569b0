/*
 * expr.c: the form expression language.  A recursive-descent parser turns
 * the source into a tree once; the evaluator walks that tree against the
 * values the caller supplies through struct expr_env.
 *
 * Inside the evaluator a value borrows its text (from the tree, from the
 * caller's lookup or from '.') whenever it can, so the usual relevance or
 * constraint allocates nothing; only functions that make new text (concat,
 * substr, string() of a number...) allocate.  Numbers are read and written
 * without the locale, so a French LC_NUMERIC never turns "3.5" into "3,5".
 *
 * Hostile input is bounded: the source is at most EXPR_MAX_LEN bytes, the
 * parser nests at most EXPR_MAX_NEST levels, and the tree is at most
 * EXPR_MAX_HEIGHT high, which bounds the recursion of evaluation and
 * freeing.  Regular expressions given as literals are compiled at parse
 * time; back-references and huge repetition counts are refused.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "expr.h"
#include "i18n.h"
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

struct ctx {
	const struct expr	*e;
	const struct expr_env	*env;
	char			**cause;
};

typedef int (*func_cb)(const struct node *, struct ctx *, struct val *);

#define F_REF		0x1	/* the argument must be a ${field} */
#define F_DATE		0x2	/* a literal argument must be a date */
#define F_REGEX		0x4	/* a literal second argument is compiled */

struct func {
	const char	*name;
	int		 min;
	int		 max;		/* -1 for any number */
	int		 flags;
	func_cb		 cb;
};

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

enum tok {
	T_END, T_NUM, T_STR, T_REF, T_DOT, T_NAME, T_LP, T_RP, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_PLUS, T_MINUS, T_STAR,
	T_AND, T_OR, T_DIV, T_MOD
};

struct parser {
	const char	*src;
	const char	*p;		/* just after the current token */
	enum tok	 t;
	const char	*start;		/* the current token's text */
	size_t		 len;		/* (a string's or name's inside) */
	const char	*at;		/* where the current token begins */
	double		 n;		/* T_NUM */
	int		 nest;
	struct expr	*e;
	char		*cause;
	int		 col;
};

static const double pow10tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static struct node	*parse_or(struct parser *);
static int		 eval(const struct node *, struct ctx *, struct val *);

/* The 1-based column, in characters, of 'at' within src. */
static int
column(const char *src, const char *at)
{
	int	col = 1;

	for (; src < at; src++) {
		if (((unsigned char)*src & 0xc0) != 0x80)
			col++;
	}
	return col;
}

/* True for the white space allowed between tokens and around numbers. */
static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True for an ASCII digit (isdigit() depends on the locale). */
static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* True for an ASCII letter or underscore, which may start a name. */
static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/*
 * Reads a decimal number ([-]digits[.digits] or [-].digits, nothing else)
 * from s[0..len) without the locale.  Returns NaN when it is not one.
 */
static double
decimal(const char *s, size_t len)
{
	const char	*dp;
	char		*tmp, *q;
	size_t		 i, dplen;
	uint64_t	 m = 0;
	int		 sig = 0, frac = 0;
	bool		 neg = false, dot = false, digits = false;
	double		 d;

	i = 0;
	if (i < len && s[i] == '-') {
		neg = true;
		i++;
	}
	for (; i < len; i++) {
		if (is_digit(s[i])) {
			digits = true;
			if (m == 0 && s[i] == '0') {
				if (dot)
					frac++;
				continue;
			}
			if (sig < 19)
				m = m * 10 + (uint64_t)(s[i] - '0');
			sig++;
			if (dot)
				frac++;
		} else if (s[i] == '.' && !dot)
			dot = true;
		else
			return NAN;
	}
	if (!digits)
		return NAN;
	if (sig <= 15 && frac < (int)nitems(pow10tab)) {
		d = (double)m / pow10tab[frac];
		return neg ? -d : d;
	}

	/* Too many digits to be exact here: let strtod round correctly. */
	dp = localeconv()->decimal_point;
	dplen = strlen(dp);
	q = tmp = xmalloc(len * (dplen + 1) + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			memcpy(q, dp, dplen);
			q += dplen;
		} else
			*q++ = s[i];
	}
	*q = '\0';
	d = strtod(tmp, NULL);
	free(tmp);
	return d;
}

/* The number of days in a month of a year of the proleptic Gregorian
 * calendar. */
static int
month_days(long y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long
days_from_civil(long y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a number of days since 1970-01-01. */
static void
civil_from_days(long z, long *yp, int *mp, int *dp)
{
	long	era, doe, yoe, doy, mp0, y;
	int	m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp0 = (5 * doy + 2) / 153;
	*dp = (int)(doy - (153 * mp0 + 2) / 5 + 1);
	m = (int)(mp0 < 10 ? mp0 + 3 : mp0 - 9);
	*mp = m;
	*yp = y + (m <= 2);
}

/* Reads a strict YYYY-MM-DD calendar date (see expr.h). */
bool
expr_parse_date(const char *s, long *days)
{
	long	y;
	int	m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!is_digit(s[i]))
			return false;
	}
	if (s[10] != '\0')
		return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

/* Writes a date as YYYY-MM-DD; days outside years 0000-9999 give "". */
void
expr_format_date(long days, char *buf, size_t len)
{
	long	y;
	int	m, d;

	if (len == 0)
		return;
	if (days < DATE_MIN || days > DATE_MAX) {
		buf[0] = '\0';
		return;
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04ld-%02d-%02d", y, m, d);
}

/* Today in local time, or ONWARD_TODAY when it holds a valid date. */
long
expr_today(void)
{
	const char	*s;
	struct tm	 tm;
	time_t		 t;
	long		 days;

	if ((s = getenv("ONWARD_TODAY")) != NULL && expr_parse_date(s, &days))
		return days;
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / 86400);
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Writes n into buf (NUMBUF bytes) as an answer would store it: integers
 * without a fraction, others with up to 15 significant digits and no
 * trailing zeros, NaN as "".  Returns buf.
 */
static const char *
fmt_number(double n, char *buf)
{
	char		 tmp[NUMBUF];
	const char	*p;
	char		*q;
	int		 prec;

	if (!isfinite(n)) {
		buf[0] = '\0';
		return buf;
	}
	if (n == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		return buf;
	}
	if (n == trunc(n)) {
		snprintf(buf, NUMBUF, "%.0f", n);
		return buf;
	}
	prec = 14 - (int)floor(log10(fabs(n)));
	if (prec < 0)
		prec = 0;
	if (prec > 340)
		prec = 340;
	snprintf(tmp, sizeof tmp, "%.*f", prec, n);

	/* Whatever is not a digit or the sign is the locale's point. */
	q = buf;
	for (p = tmp; *p != '\0';) {
		if (is_digit(*p) || *p == '-')
			*q++ = *p++;
		else {
			*q++ = '.';
			while (*p != '\0' && !is_digit(*p))
				p++;
		}
	}
	*q = '\0';
	if (strchr(buf, '.') != NULL) {
		while (q > buf && q[-1] == '0')
			*--q = '\0';
		if (q > buf && q[-1] == '.')
			*--q = '\0';
	}
	return buf;
}

/* Reads the text of an answer as a number: surrounding white space is
 * ignored, a date gives its days, anything else that is not a decimal
 * number (including "") is NaN. */
static double
text_number(const char *s)
{
	const char	*end;
	char		 tmp[11];
	long		 days;

	while (is_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && is_space(end[-1]))
		end--;
	if (end == s)
		return NAN;
	if (end - s == 10 && s[4] == '-') {
		memcpy(tmp, s, 10);
		tmp[10] = '\0';
		if (expr_parse_date(tmp, &days))
			return (double)days;
	}
	return decimal(s, (size_t)(end - s));
}

/* Releases what v owns; v stays usable as an empty value. */
static void
val_free(struct val *v)
{
	free(v->own);
	v->own = NULL;
	v->s = NULL;
}

/* Sets v to a number; infinities become NaN, like every non-number. */
static void
set_number(struct val *v, double n)
{
	v->type = EXPR_NUMBER;
	v->n = isfinite(n) ? n : NAN;
	v->s = v->own = NULL;
}

/* Sets v to a date; days outside 0000-01-01..9999-12-31 give NaN. */
static void
set_date(struct val *v, double days)
{
	v->type = EXPR_DATE;
	v->n = isfinite(days) && days >= DATE_MIN && days <= DATE_MAX ?
	    floor(days) : NAN;
	v->s = v->own = NULL;
}

/* Sets v to a boolean. */
static void
set_bool(struct val *v, bool b)
{
	v->type = EXPR_BOOL;
	v->b = b;
	v->s = v->own = NULL;
}

/* Sets v to text it borrows (which must outlive v). */
static void
set_text(struct val *v, const char *s)
{
	v->type = EXPR_STRING;
	v->s = s;
	v->own = NULL;
}

/* Sets v to text it owns and will free. */
static void
set_owned(struct val *v, char *s)
{
	v->type = EXPR_STRING;
	v->s = v->own = s;
}

/* The value as a number: text through text_number, dates as days,
 * booleans as 1 or 0. */
static double
val_number(const struct val *v)
{
	switch (v->type) {
	case EXPR_NUMBER:
	case EXPR_DATE:
		return v->n;
	case EXPR_BOOL:
		return v->b ? 1 : 0;
	case EXPR_STRING:
		break;
	}
	return text_number(v->s);
}

/* The value as a boolean.  Text is true unless it is "" or "false", so
 * that a stored "false" is false (a deliberate deviation from XPath). */
static bool
val_bool(const struct val *v)
{
	switch (v->type) {
	case EXPR_NUMBER:
	case EXPR_DATE:
		return v->n != 0 && !isnan(v->n);
	case EXPR_BOOL:
		return v->b;
	case EXPR_STRING:
		break;
	}
	return v->s[0] != '\0' && strcmp(v->s, "false") != 0;
}

/* The value as text; numbers and dates are written into buf (NUMBUF
 * bytes).  The result lives as long as v and buf. */
static const char *
val_text(const struct val *v, char *buf)
{
	switch (v->type) {
	case EXPR_NUMBER:
		return fmt_number(v->n, buf);
	case EXPR_DATE:
		if (isnan(v->n))
			buf[0] = '\0';
		else
			expr_format_date((long)v->n, buf, NUMBUF);
		return buf;
	case EXPR_BOOL:
		return v->b ? "true" : "false";
	case EXPR_STRING:
		break;
	}
	return v->s;
}

/* True when the value is an empty answer: "" or a NaN number or date. */
static bool
val_empty(const struct val *v)
{
	switch (v->type) {
	case EXPR_NUMBER:
	case EXPR_DATE:
		return isnan(v->n);
	case EXPR_BOOL:
		return false;
	case EXPR_STRING:
		break;
	}
	return v->s[0] == '\0';
}

/* Records a parse error at 'at' unless one is already recorded. */
static void PRINTFLIKE(3, 4)
parse_error(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list	ap;

	if (p->cause != NULL)
		return;
	va_start(ap, fmt);
	p->cause = xvasprintf(fmt, ap);
	va_end(ap);
	p->col = column(p->src, at);
}

/* Reports the current token as unexpected. */
static void
unexpected(struct parser *p)
{
	const unsigned char	*u = (const unsigned char *)p->at;
	size_t			 n;

	if (p->t == T_END) {
		parse_error(p, p->at, _("unexpected end of expression"));
		return;
	}
	n = (size_t)(p->p - p->at);
	if (n > 32)
		n = 32;
	while (n > 0 && !utf8_valid(p->at, n))
		n--;
	if (n == 0)
		parse_error(p, p->at, _("unexpected byte 0x%02x"), u[0]);
	else
		parse_error(p, p->at, _("unexpected '%.*s'"), (int)n, p->at);
}

/* Reads the next token.  Returns 0, or -1 with the error recorded. */
static int
lex(struct parser *p)
{
	const char	*s = p->p, *q;
	size_t		 n;
	char		 c;

	while (is_space(*s))
		s++;
	p->at = p->start = s;
	p->len = 0;
	c = *s;
	if (c == '\0') {
		p->t = T_END;
		p->p = s;
		return 0;
	}
	if (is_digit(c) || (c == '.' && is_digit(s[1]))) {
		for (q = s; is_digit(*q); q++)
			;
		if (*q == '.')
			for (q++; is_digit(*q); q++)
				;
		p->t = T_NUM;
		p->len = (size_t)(q - s);
		p->p = q;
		p->n = decimal(s, p->len);
		if (!isfinite(p->n)) {
			parse_error(p, s, _("number out of range"));
			return -1;
		}
		return 0;
	}
	if (c == '\'' || c == '"') {
		if ((q = strchr(s + 1, c)) == NULL) {
			parse_error(p, s, _("unterminated string"));
			return -1;
		}
		p->t = T_STR;
		p->start = s + 1;
		p->len = (size_t)(q - s - 1);
		p->p = q + 1;
		if (!utf8_valid(p->start, p->len)) {
			parse_error(p, s, _("invalid UTF-8 in string"));
			return -1;
		}
		return 0;
	}
	if (c == '$' && s[1] == '{') {
		q = s + 2;
		if (!is_alpha(*q)) {
			parse_error(p, q, _("expected a field name after '${'"));
			return -1;
		}
		while (is_alpha(*q) || is_digit(*q))
			q++;
		if (*q != '}') {
			parse_error(p, q, _("expected '}'"));
			return -1;
		}
		p->t = T_REF;
		p->start = s + 2;
		p->len = (size_t)(q - s - 2);
		p->p = q + 1;
		return 0;
	}
	if (is_alpha(c)) {
		for (q = s; is_alpha(*q) || is_digit(*q) ||
		    (*q == '-' && is_alpha(q[1])); q++)
			;
		n = (size_t)(q - s);
		p->t = T_NAME;
		p->len = n;
		p->p = q;
		if (n == 3 && memcmp(s, "and", 3) == 0)
			p->t = T_AND;
		else if (n == 2 && memcmp(s, "or", 2) == 0)
			p->t = T_OR;
		else if (n == 3 && memcmp(s, "div", 3) == 0)
			p->t = T_DIV;
		else if (n == 3 && memcmp(s, "mod", 3) == 0)
			p->t = T_MOD;
		return 0;
	}
	p->p = s + 1;
	switch (c) {
	case '.':
		p->t = T_DOT;
		return 0;
	case '(':
		p->t = T_LP;
		return 0;
	case ')':
		p->t = T_RP;
		return 0;
	case ',':
		p->t = T_COMMA;
		return 0;
	case '=':
		p->t = T_EQ;
		return 0;
	case '+':
		p->t = T_PLUS;
		return 0;
	case '-':
		p->t = T_MINUS;
		return 0;
	case '*':
		p->t = T_STAR;
		return 0;
	case '!':
		if (s[1] == '=') {
			p->t = T_NE;
			p->p = s + 2;
			return 0;
		}
		break;
	case '<':
	case '>':
		p->t = c == '<' ? T_LT : T_GT;
		if (s[1] == '=') {
			p->t = c == '<' ? T_LE : T_GE;
			p->p = s + 2;
		}
		return 0;
	}

	/* Show the whole character, however many bytes it has. */
	n = 1;
	if (((unsigned char)c & 0xe0) == 0xc0)
		n = 2;
	else if (((unsigned char)c & 0xf0) == 0xe0)
		n = 3;
	else if (((unsigned char)c & 0xf8) == 0xf0)
		n = 4;
	if (strnlen(s, n) < n)
		n = 1;
	p->p = s + n;
	p->t = T_NAME;
	unexpected(p);
	return -1;
}

/* Frees a node and everything under it. */
static void
node_free(struct node *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->s);
	if (n->re != NULL) {
		regfree(n->re);
		free(n->re);
	}
	free(n);
}

/* Makes a node of up to two children; NULL (children freed) when the tree
 * would be too high. */
static struct node *
node_new(struct parser *p, enum op op, const char *at, struct node *a,
    struct node *b)
{
	struct node	*n;

	n = xcalloc(1, sizeof *n);
	n->op = op;
	n->col = column(p->src, at);
	n->height = 1;
	if (a != NULL) {
		n->kid = xcalloc(2, sizeof *n->kid);
		n->kid[n->nkid++] = a;
		n->height = a->height + 1;
		if (b != NULL) {
			n->kid[n->nkid++] = b;
			if (b->height + 1 > n->height)
				n->height = b->height + 1;
		}
	}
	if (n->height > EXPR_MAX_HEIGHT) {
		parse_error(p, at, _("expression too complex"));
		node_free(n);
		return NULL;
	}
	return n;
}

/* Enters one more level of nesting at 'at'; -1 (error recorded) past the
 * limit. */
static int
enter(struct parser *p, const char *at)
{
	if (++p->nest > EXPR_MAX_NEST) {
		parse_error(p, at, _("expression nested too deeply"));
		return -1;
	}
	return 0;
}

/* Returns the index of a dependency, adding it on first use. */
static size_t
add_dep(struct expr *e, const char *name, size_t len, int col)
{
	size_t	i;

	for (i = 0; i < e->ndeps; i++) {
		if (strlen(e->deps[i]) == len &&
		    memcmp(e->deps[i], name, len) == 0)
			return i;
	}
	e->deps = xreallocarray(e->deps, e->ndeps + 1, sizeof *e->deps);
	e->depcol = xreallocarray(e->depcol, e->ndeps + 1,
	    sizeof *e->depcol);
	e->deps[e->ndeps] = xstrndup(name, len);
	e->depcol[e->ndeps] = col;
	return e->ndeps++;
}

/* Looks a function up by name. */
static const struct func *
find_func(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < nitems(funcs); i++) {
		if (strlen(funcs[i].name) == len &&
		    memcmp(funcs[i].name, name, len) == 0)
			return &funcs[i];
	}
	return NULL;
}

/*
 * Rewrites the Perl-style classes ODK authors use (\d \D \s \S \w \W)
 * outside brackets into POSIX ones and compiles the pattern.  Refuses
 * back-references (their matching time is exponential), a repetition of a
 * repetition ("a**", which glibc compiles in exponential time), groups
 * nested more than REGEX_MAX_NEST deep, and patterns whose repetitions
 * would make more than REGEX_MAX_SIZE copies of their atoms.  Returns 0,
 * or -1 with *cause set (caller frees).
 */
#define REGEX_MAX_NEST	16
#define REGEX_MAX_SIZE	20000
static int
regex_compile(regex_t *re, const char *pat, char **cause)
{
	struct buf	 b = { 0 };
	const char	*s, *end;
	char		 msg[128], close[3];
	double		 size[REGEX_MAX_NEST + 1], last = 0, lo, hi;
	int		 depth = 0, rc;
	bool		 quant = false;	/* the last item was a repetition */

	size[0] = 0;
	for (s = pat; *s != '\0'; s++) {
		switch (*s) {
		case '[':
			/* A bracket expression is one atom, copied as is. */
			end = s + 1;
			if (*end == '^')
				end++;
			if (*end == ']')
				end++;
			while (*end != '\0' && *end != ']') {
				if (*end == '[' && (end[1] == ':' ||
				    end[1] == '.' || end[1] == '=')) {
					close[0] = end[1];
					close[1] = ']';
					close[2] = '\0';
					if (strstr(end + 2, close) != NULL)
						end = strstr(end + 2, close) + 1;
				}
				end++;
			}
			if (*end == '\0')
				end--;
			buf_add(&b, s, (size_t)(end + 1 - s));
			s = end;
			last = 1;
			break;
		case '(':
			if (depth == REGEX_MAX_NEST)
				goto too_complex;
			size[++depth] = 0;
			buf_addc(&b, *s);
			last = 0;
			break;
		case ')':
			if (depth > 0) {
				last = size[depth--] + 1;
				size[depth] += last;
			}
			buf_addc(&b, *s);
			break;
		case '{':
			end = s + 1;
			for (lo = 0; is_digit(*end); end++)
				lo = lo * 10 + (*end - '0');
			hi = lo;
			if (*end == ',') {
				for (hi = 0, end++; is_digit(*end); end++)
					hi = hi * 10 + (*end - '0');
			}
			if (*end != '}' || end == s + 1) {
				buf_addc(&b, *s);
				last = 1;
				size[depth] += 1;
				break;
			}
			if (quant)
				goto stacked;
			if (hi < lo)
				hi = lo;
			size[depth] += last * hi;
			last *= hi + 1;
			buf_add(&b, s, (size_t)(end + 1 - s));
			s = end;
			quant = true;
			goto check;
		case '\\':
			last = 1;
			size[depth] += 1;
			switch (*++s) {
			case 'd':
				buf_adds(&b, "[0-9]");
				break;
			case 'D':
				buf_adds(&b, "[^0-9]");
				break;
			case 's':
				buf_adds(&b, "[[:space:]]");
				break;
			case 'S':
				buf_adds(&b, "[^[:space:]]");
				break;
			case 'w':
				buf_adds(&b, "[[:alnum:]_]");
				break;
			case 'W':
				buf_adds(&b, "[^[:alnum:]_]");
				break;
			case '\0':
				s--;
				buf_addc(&b, '\\');
				break;
			default:
				if (is_digit(*s)) {
					*cause = xstrdup(_("back-references "
					    "are not allowed in regular "
					    "expressions"));
					buf_free(&b);
					return -1;
				}
				buf_addc(&b, '\\');
				buf_addc(&b, *s);
				break;
			}
			break;
		case '*':
		case '+':
		case '?':
			if (quant)
				goto stacked;
			buf_addc(&b, *s);
			quant = true;
			goto check;
		case '|':
		case '^':
		case '$':
			buf_addc(&b, *s);
			break;
		default:
			last = 1;
			size[depth] += 1;
			buf_addc(&b, *s);
			break;
		}
		quant = false;
check:
		if (size[depth] > REGEX_MAX_SIZE || last > REGEX_MAX_SIZE)
			goto too_complex;
	}
	buf_addc(&b, '\0');
	rc = regcomp(re, b.s, REG_EXTENDED | REG_NOSUB);
	buf_free(&b);
	if (rc != 0) {
		regerror(rc, re, msg, sizeof msg);
		*cause = xasprintf(_("invalid regular expression: %s"), msg);
		return -1;
	}
	return 0;

too_complex:
	buf_free(&b);
	*cause = xstrdup(_("regular expression too complex"));
	return -1;

stacked:
	buf_free(&b);
	*cause = xasprintf(_("'%c' cannot follow a repetition in a regular "
	    "expression"), *s);
	return -1;
}

/* Checks the arguments of a call that can be checked before evaluation:
 * their number, field references, literal dates and regexes. */
static int
check_call(struct parser *p, struct node *n, const char *at,
    const char *const *argat)
{
	const struct func	*f = n->fn;
	int			 k = (int)n->nkid;
	char			*why;
	double			 d;

	if (k < f->min || (f->max >= 0 && k > f->max)) {
		if (f->max == 0)
			parse_error(p, at, _("'%s' takes no arguments"), f->name);
		else if (f->min == f->max && f->min == 1)
			parse_error(p, at, _("'%s' takes 1 argument"), f->name);
		else if (f->min == f->max)
			parse_error(p, at, _("'%s' takes %d arguments"), f->name,
			    f->min);
		else if (f->max < 0 && f->min == 1)
			parse_error(p, at, _("'%s' takes at least 1 argument"),
			    f->name);
		else if (f->max < 0)
			parse_error(p, at, _("'%s' takes at least %d arguments"),
			    f->name, f->min);
		else
			parse_error(p, at, _("'%s' takes %d or %d arguments"),
			    f->name, f->min, f->max);
		return -1;
	}
	if ((f->flags & F_REF) && n->kid[0]->op != OP_REF) {
		parse_error(p, argat[0], _("'%s' takes a field reference such "
		    "as ${name}"), f->name);
		return -1;
	}
	if ((f->flags & F_DATE) && n->kid[0]->op == OP_STR) {
		d = text_number(n->kid[0]->s);
		if (isnan(d) || d < DATE_MIN || d > DATE_MAX) {
			parse_error(p, argat[0], _("invalid date '%s'"),
			    n->kid[0]->s);
			return -1;
		}
	}
	if ((f->flags & F_REGEX) && n->kid[1]->op == OP_STR) {
		n->re = xmalloc(sizeof *n->re);
		if (regex_compile(n->re, n->kid[1]->s, &why) != 0) {
			free(n->re);
			n->re = NULL;
			parse_error(p, argat[1], "%s", why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* call := NAME "(" [ or ("," or)* ] ")", the name being current. */
static struct node *
parse_call(struct parser *p)
{
	const struct func	*f;
	struct node		*n, *a;
	const char		*at = p->at, *argat[3] = { NULL, NULL, NULL };
	size_t			 cap = 0, len = p->len;

	f = find_func(p->start, len);
	if (lex(p) != 0)
		return NULL;
	if (p->t != T_LP) {
		if (f != NULL)
			parse_error(p, at, _("expected '(' after '%s'"), f->name);
		else
			parse_error(p, at, _("unknown name '%.*s' (a field is "
			    "written ${name})"), (int)len, at);
		return NULL;
	}
	if (f == NULL) {
		parse_error(p, at, _("unknown function '%.*s'"), (int)len,
		    at);
		return NULL;
	}
	if (enter(p, at) != 0 || lex(p) != 0)
		return NULL;
	n = node_new(p, OP_CALL, at, NULL, NULL);
	n->fn = f;
	if (p->t != T_RP) {
		for (;;) {
			if (n->nkid < nitems(argat))
				argat[n->nkid] = p->at;
			if ((a = parse_or(p)) == NULL)
				goto fail;
			if (n->nkid == cap) {
				cap = cap == 0 ? 4 : cap * 2;
				n->kid = xreallocarray(n->kid, cap,
				    sizeof *n->kid);
			}
			n->kid[n->nkid++] = a;
			if (a->height + 1 > n->height)
				n->height = a->height + 1;
			if (p->t != T_COMMA)
				break;
			if (lex(p) != 0)
				goto fail;
		}
	}
	if (p->t != T_RP) {
		parse_error(p, p->at, _("expected ')'"));
		goto fail;
	}
	if (n->height > EXPR_MAX_HEIGHT) {
		parse_error(p, at, _("expression too complex"));
		goto fail;
	}
	if (check_call(p, n, at, argat) != 0 || lex(p) != 0)
		goto fail;
	p->nest--;
	return n;

fail:
	node_free(n);
	return NULL;
}

/* primary := NUMBER | STRING | "." | ref | call | "(" or ")" */
static struct node *
parse_primary(struct parser *p)
{
	struct node	*n;
	const char	*at = p->at;

	switch (p->t) {
	case T_NUM:
		n = node_new(p, OP_NUM, at, NULL, NULL);
		n->n = p->n;
		break;
	case T_STR:
		n = node_new(p, OP_STR, at, NULL, NULL);
		n->s = xstrndup(p->start, p->len);
		break;
	case T_REF:
		n = node_new(p, OP_REF, at, NULL, NULL);
		n->dep = add_dep(p->e, p->start, p->len, n->col);
		break;
	case T_DOT:
		n = node_new(p, OP_DOT, at, NULL, NULL);
		p->e->dot = true;
		break;
	case T_NAME:
		return parse_call(p);
	case T_LP:
		if (enter(p, at) != 0 || lex(p) != 0)
			return NULL;
		if ((n = parse_or(p)) == NULL)
			return NULL;
		if (p->t != T_RP) {
			parse_error(p, p->at, _("expected ')'"));
			node_free(n);
			return NULL;
		}
		p->nest--;
		break;
	default:
		unexpected(p);
		return NULL;
	}
	if (lex(p) != 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

/* unary := "-" unary | primary */
static struct node *
parse_unary(struct parser *p)
{
	struct node	*a;
	const char	*at = p->at;

	if (p->t != T_MINUS)
		return parse_primary(p);
	if (enter(p, at) != 0 || lex(p) != 0)
		return NULL;
	if ((a = parse_unary(p)) == NULL)
		return NULL;
	p->nest--;
	return node_new(p, OP_NEG, at, a, NULL);
}

/* Parses a left-associative chain of binary operators at one level:
 * operand ( op operand )*, with the tokens and operators given. */
static struct node *
parse_chain(struct parser *p, struct node *(*operand)(struct parser *),
    const enum tok *toks, const enum op *ops, size_t nops)
{
	struct node	*a, *b;
	const char	*at;
	size_t		 i;

	if ((a = operand(p)) == NULL)
		return NULL;
	for (;;) {
		for (i = 0; i < nops && p->t != toks[i]; i++)
			;
		if (i == nops)
			return a;
		at = p->at;
		if (lex(p) != 0 || (b = operand(p)) == NULL) {
			node_free(a);
			return NULL;
		}
		if ((a = node_new(p, ops[i], at, a, b)) == NULL)
			return NULL;
	}
}

/* mul := unary ( ("*" | "div" | "mod") unary )* */
static struct node *
parse_mul(struct parser *p)
{
	static const enum tok	toks[] = { T_STAR, T_DIV, T_MOD };
	static const enum op	ops[] = { OP_MUL, OP_DIV, OP_MOD };

	return parse_chain(p, parse_unary, toks, ops, nitems(ops));
}

/* add := mul ( ("+" | "-") mul )* */
static struct node *
parse_add(struct parser *p)
{
	static const enum tok	toks[] = { T_PLUS, T_MINUS };
	static const enum op	ops[] = { OP_ADD, OP_SUB };

	return parse_chain(p, parse_mul, toks, ops, nitems(ops));
}

/* rel := add ( ("<" | "<=" | ">" | ">=") add )* */
static struct node *
parse_rel(struct parser *p)
{
	static const enum tok	toks[] = { T_LT, T_LE, T_GT, T_GE };
	static const enum op	ops[] = { OP_LT, OP_LE, OP_GT, OP_GE };

	return parse_chain(p, parse_add, toks, ops, nitems(ops));
}

/* eq := rel ( ("=" | "!=") rel )* */
static struct node *
parse_eq(struct parser *p)
{
	static const enum tok	toks[] = { T_EQ, T_NE };
	static const enum op	ops[] = { OP_EQ, OP_NE };

	return parse_chain(p, parse_rel, toks, ops, nitems(ops));
}

/* and := eq ( "and" eq )* */
static struct node *
parse_and(struct parser *p)
{
	static const enum tok	toks[] = { T_AND };
	static const enum op	ops[] = { OP_AND };

	return parse_chain(p, parse_eq, toks, ops, nitems(ops));
}

/* or := and ( "or" and )* */
static struct node *
parse_or(struct parser *p)
{
	static const enum tok	toks[] = { T_OR };
	static const enum op	ops[] = { OP_OR };

	return parse_chain(p, parse_and, toks, ops, nitems(ops));
}

/* Parses src into a tree; on error, the message and column (expr.h). */
struct expr *
expr_parse(const char *src, char **cause, int *col)
{
	struct parser	 p;
	struct expr	*e;
	size_t		 len = strlen(src);

	*cause = NULL;
	*col = 0;
	if (len > EXPR_MAX_LEN) {
		*cause = xasprintf(_("expression too long (more than %d "
		    "bytes)"), EXPR_MAX_LEN);
		*col = 1;
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->src = xstrdup(src);
	memset(&p, 0, sizeof p);
	p.src = p.p = e->src;
	p.e = e;
	if (lex(&p) == 0) {
		if (p.t == T_END)
			parse_error(&p, p.at, _("empty expression"));
		else if ((e->root = parse_or(&p)) != NULL && p.t != T_END)
			unexpected(&p);
	}
	if (p.cause != NULL) {
		*cause = p.cause;
		*col = p.col;
		expr_free(e);
		return NULL;
	}
	return e;
}

/* Frees the tree, the dependency list and the source. */
void
expr_free(struct expr *e)
{
	size_t	i;

	if (e == NULL)
		return;
	node_free(e->root);
	for (i = 0; i < e->ndeps; i++)
		free(e->deps[i]);
	free(e->deps);
	free(e->depcol);
	free(e->src);
	free(e);
}

/* The source as given to expr_parse. */
const char *
expr_source(const struct expr *e)
{
	return e->src;
}

/* The ${names} used, each once, in order of first use. */
size_t
expr_deps(const struct expr *e, const char *const **names)
{
	*names = (const char *const *)e->deps;
	return e->ndeps;
}

/* True when the source uses '.'. */
bool
expr_uses_dot(const struct expr *e)
{
	return e->dot;
}

/* The column of dependency i, or 0 when there is no such one. */
int
expr_dep_col(const struct expr *e, size_t i)
{
	return i < e->ndeps ? e->depcol[i] : 0;
}

/* Records an evaluation error; returns -1 for the caller to pass on. */
static int PRINTFLIKE(2, 3)
eval_error(struct ctx *c, const char *fmt, ...)
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
			r = val_bool(a) == val_bool(b);
		else if (a->type != EXPR_STRING || b->type != EXPR_STRING) {
			x = val_number(a);
			y = val_number(b);
			return op == OP_EQ ? x == y : x != y;
		} else
			r = strcmp(a->s, b->s) == 0;
		return op == OP_EQ ? r : !r;
	}
	x = val_number(a);
	y = val_number(b);
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

	if (eval(n->kid[0], c, &a) != 0)
		return -1;
	if (eval(n->kid[1], c, &b) != 0) {
		val_free(&a);
		return -1;
	}
	if (n->op >= OP_EQ && n->op <= OP_GE)
		set_bool(out, compare(n->op, &a, &b));
	else {
		x = val_number(&a);
		y = val_number(&b);
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
		set_number(out, r);
	}
	val_free(&a);
	val_free(&b);
	return 0;
}

/* Evaluates n into *out (which the caller frees with val_free). */
static int
eval(const struct node *n, struct ctx *c, struct val *out)
{
	const char	*s;
	struct val	 a = { 0 };
	bool		 b;

	switch (n->op) {
	case OP_NUM:
		set_number(out, n->n);
		return 0;
	case OP_STR:
		set_text(out, n->s);
		return 0;
	case OP_REF:
		s = NULL;
		if (c->env->lookup != NULL)
			s = c->env->lookup(c->env->arg, c->e->deps[n->dep]);
		if (s == NULL)
			return eval_error(c, _("unknown field '%s'"),
			    c->e->deps[n->dep]);
		set_text(out, s);
		return 0;
	case OP_DOT:
		if (c->env->dot == NULL)
			return eval_error(c, _("'.' has no value here"));
		set_text(out, c->env->dot);
		return 0;
	case OP_CALL:
		return n->fn->cb(n, c, out);
	case OP_OR:
	case OP_AND:
		if (eval(n->kid[0], c, &a) != 0)
			return -1;
		b = val_bool(&a);
		val_free(&a);
		if (b == (n->op == OP_OR)) {
			set_bool(out, b);
			return 0;
		}
		if (eval(n->kid[1], c, &a) != 0)
			return -1;
		set_bool(out, val_bool(&a));
		val_free(&a);
		return 0;
	case OP_NEG:
		if (eval(n->kid[0], c, &a) != 0)
			return -1;
		set_number(out, -val_number(&a));
		val_free(&a);
		return 0;
	default:
		return eval_binary(n, c, out);
	}
}

/* Evaluates argument i of a call as a number. */
static int
arg_number(const struct node *n, size_t i, struct ctx *c, double *d)
{
	struct val	v = { 0 };

	if (eval(n->kid[i], c, &v) != 0)
		return -1;
	*d = val_number(&v);
	val_free(&v);
	return 0;
}

/* Evaluates the first two arguments of a call as text into sa and sb;
 * the texts live as long as a, b, ba and bb. */
static int
arg_texts(const struct node *n, struct ctx *c, struct val *a, struct val *b,
    char *ba, char *bb, const char **sa, const char **sb)
{
	if (eval(n->kid[0], c, a) != 0)
		return -1;
	if (eval(n->kid[1], c, b) != 0) {
		val_free(a);
		return -1;
	}
	*sa = val_text(a, ba);
	*sb = val_text(b, bb);
	return 0;
}

/* if(condition, then, else): evaluates only the branch taken. */
static int
fn_if(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };
	bool		b;

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	b = val_bool(&v);
	val_free(&v);
	return eval(n->kid[b ? 1 : 2], c, out);
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
	set_bool(out, list_has(sa, sb));
	val_free(&a);
	val_free(&b);
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

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	s = val_text(&v, buf);
	for (;;) {
		while (is_space(*s))
			s++;
		if (*s == '\0')
			break;
		k++;
		while (*s != '\0' && !is_space(*s))
			s++;
	}
	val_free(&v);
	set_number(out, k);
	return 0;
}

/* The number of characters (not bytes) of UTF-8 text. */
static size_t
utf8_chars(const char *s)
{
	size_t	k = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			k++;
	}
	return k;
}

/* Skips k characters of UTF-8 text, stopping at its end. */
static const char *
utf8_skip(const char *s, size_t k)
{
	while (*s != '\0') {
		if (((unsigned char)*s & 0xc0) != 0x80) {
			if (k == 0)
				break;
			k--;
		}
		s++;
	}
	return s;
}

/* string-length(s): the length of s in characters. */
static int
fn_string_length(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };
	char		buf[NUMBUF];

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	set_number(out, (double)utf8_chars(val_text(&v, buf)));
	val_free(&v);
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
	else if (regex_compile(&re, sb, &why) != 0) {
		val_free(&a);
		val_free(&b);
		rc = eval_error(c, "%s", why);
		free(why);
		return rc;
	} else {
		rc = regexec(&re, sa, 0, NULL, 0);
		regfree(&re);
	}
	set_bool(out, rc == 0);
	val_free(&a);
	val_free(&b);
	return 0;
}

/* today(): the date of the environment, or the real one. */
static int
fn_today(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	set_date(out, (double)(c->env->today != 0 ? c->env->today :
	    expr_today()));
	return 0;
}

/* date(x): a date from YYYY-MM-DD or a number of days; else empty. */
static int
fn_date(const struct node *n, struct ctx *c, struct val *out)
{
	double	d;

	if (arg_number(n, 0, c, &d) != 0)
		return -1;
	set_date(out, d);
	return 0;
}

/* int(x): x truncated towards zero. */
static int
fn_int(const struct node *n, struct ctx *c, struct val *out)
{
	double	d;

	if (arg_number(n, 0, c, &d) != 0)
		return -1;
	set_number(out, trunc(d));
	return 0;
}

/* number(x): x as a number (NaN, shown as empty, if it is not one). */
static int
fn_number(const struct node *n, struct ctx *c, struct val *out)
{
	double	d;

	if (arg_number(n, 0, c, &d) != 0)
		return -1;
	set_number(out, d);
	return 0;
}

/* abs(x): the absolute value of x. */
static int
fn_abs(const struct node *n, struct ctx *c, struct val *out)
{
	double	d;

	if (arg_number(n, 0, c, &d) != 0)
		return -1;
	set_number(out, fabs(d));
	return 0;
}

/* pow(x, y): x to the power y. */
static int
fn_pow(const struct node *n, struct ctx *c, struct val *out)
{
	double	x, y;

	if (arg_number(n, 0, c, &x) != 0 || arg_number(n, 1, c, &y) != 0)
		return -1;
	set_number(out, pow(x, y));
	return 0;
}

/* string(x): x as text. */
static int
fn_string(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };
	char		buf[NUMBUF];

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	if (v.type == EXPR_STRING) {
		*out = v;
		return 0;
	}
	set_owned(out, xstrdup(val_text(&v, buf)));
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
		if (eval(n->kid[i], c, &v) != 0) {
			buf_free(&b);
			return -1;
		}
		buf_adds(&b, val_text(&v, tmp));
		val_free(&v);
	}
	set_owned(out, buf_detach(&b));
	return 0;
}

/* coalesce(a, b, ...): the first argument that is not empty. */
static int
fn_coalesce(const struct node *n, struct ctx *c, struct val *out)
{
	size_t	i;

	for (i = 0; i < n->nkid; i++) {
		if (eval(n->kid[i], c, out) != 0)
			return -1;
		if (!val_empty(out) || i == n->nkid - 1)
			break;
		val_free(out);
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
		return eval_error(c, _("unknown field '%s'"), name);
	set_number(out, (double)k);
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
			return eval_error(c, _("unknown field '%s'"), name);
		values = &one;
		k = 1;
	}
	for (i = 0; i < k; i++) {
		d = text_number(values[i]);
		if (isnan(d)) {
			for (one = values[i]; is_space(*one); one++)
				;
			if (*one == '\0')
				continue;
		}
		total += d;
	}
	set_number(out, total);
	return 0;
}

/* not(x): the opposite of x as a boolean. */
static int
fn_not(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	set_bool(out, !val_bool(&v));
	val_free(&v);
	return 0;
}

/* boolean(x): x as a boolean ("" and "false" are false). */
static int
fn_boolean(const struct node *n, struct ctx *c, struct val *out)
{
	struct val	v = { 0 };

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	set_bool(out, val_bool(&v));
	val_free(&v);
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

	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	s = val_text(&v, buf);
	set_bool(out, strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
	val_free(&v);
	return 0;
}

/* true(): true. */
static int
fn_true(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	(void)c;
	set_bool(out, true);
	return 0;
}

/* false(): false. */
static int
fn_false(const struct node *n, struct ctx *c, struct val *out)
{
	(void)n;
	(void)c;
	set_bool(out, false);
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
		set_number(out, isnan(d) ? NAN : x);
		return 0;
	}
	if (d < -308) {
		set_number(out, 0);
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
	set_number(out, d >= 0 ? r / p : r * p);
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
		if (eval(n->kid[i], c, &v) != 0)
			return -1;
		if (v.type == EXPR_STRING) {
			const char	*s = v.s;

			while (is_space(*s))
				s++;
			if (*s == '\0') {
				val_free(&v);
				continue;
			}
		}
		d = val_number(&v);
		val_free(&v);
		if (isnan(d))
			bad = true;
		else if (isnan(best) || (sign < 0 ? d < best : d > best))
			best = d;
	}
	set_number(out, bad ? NAN : best);
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
	if (eval(n->kid[0], c, &v) != 0)
		return -1;
	s = val_text(&v, buf);
	len = utf8_chars(s);
	start = trunc(start);
	end = trunc(end);
	if (isnan(start) || isnan(end) || start >= (double)len || end <= 0 ||
	    end <= start) {
		val_free(&v);
		set_text(out, "");
		return 0;
	}
	if (start < 0)
		start = 0;
	if (end > (double)len)
		end = (double)len;
	from = utf8_skip(s, (size_t)start);
	to = utf8_skip(from, (size_t)(end - start));
	set_owned(out, xstrndup(from, (size_t)(to - from)));
	val_free(&v);
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
	set_bool(out, r);
	val_free(&a);
	val_free(&b);
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

/* Evaluates e into *out, which owns its text; -1 and *cause on error. */
int
expr_eval(const struct expr *e, const struct expr_env *env,
    struct expr_value *out, char **cause)
{
	struct ctx	c = { e, env, cause };
	struct val	v = { 0 };

	*cause = NULL;
	memset(out, 0, sizeof *out);
	if (eval(e->root, &c, &v) != 0)
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
	struct ctx	 c = { e, env, &cause };
	struct val	 v = { 0 };
	bool		 b;

	if (eval(e->root, &c, &v) != 0) {
		free(cause);
		return false;
	}
	b = val_bool(&v);
	val_free(&v);
	return b;
}

/* Evaluates e as the text an answer would store; an error is "". */
char *
expr_eval_string(const struct expr *e, const struct expr_env *env)
{
	char		*cause = NULL, buf[NUMBUF], *s;
	struct ctx	 c = { e, env, &cause };
	struct val	 v = { 0 };

	if (eval(e->root, &c, &v) != 0) {
		free(cause);
		return xstrdup("");
	}
	if (v.own != NULL)
		return v.own;
	s = xstrdup(val_text(&v, buf));
	return s;
}

/* Frees the value's text and zeroes it. */
void
expr_value_clear(struct expr_value *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}

/* Views a public value as an internal one, borrowing its text. */
static void
val_view(const struct expr_value *pv, struct val *v)
{
	v->type = pv->type;
	v->n = pv->n;
	v->b = pv->b;
	v->s = pv->s != NULL ? pv->s : "";
	v->own = NULL;
}

/* A public value as a boolean, by the evaluator's rules. */
bool
expr_value_bool(const struct expr_value *pv)
{
	struct val	v;

	val_view(pv, &v);
	return val_bool(&v);
}

/* A public value as a number, by the evaluator's rules. */
double
expr_value_number(const struct expr_value *pv)
{
	struct val	v;

	val_view(pv, &v);
	return val_number(&v);
}

/* A public value as text, by the evaluator's rules.  Caller frees. */
char *
expr_value_string(const struct expr_value *pv)
{
	struct val	v;
	char		buf[NUMBUF];

	val_view(pv, &v);
	return xstrdup(val_text(&v, buf));
}
