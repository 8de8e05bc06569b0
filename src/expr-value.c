/*
 * expr-value.c: values and their text.  Numbers are read and written
 * without the locale, so a French LC_NUMERIC never turns "3.5" into "3,5";
 * dates are days since 1970-01-01 of the proleptic Gregorian calendar,
 * read and written as YYYY-MM-DD (years 0000 to 9999).  Also the
 * evaluator's values (struct val): setting them and reading them as a
 * number, a boolean or text, and the same for the caller's expr_value.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "expr.h"
#include "expr-int.h"
#include "util.h"

static const double pow10tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * Reads a decimal number ([-]digits[.digits] or [-].digits, nothing else)
 * from s[0..len) without the locale.  Returns NaN when it is not one.
 */
double
expr_decimal(const char *s, size_t len)
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
	if (len < 11 || y < 0 || y > 9999) {
		snprintf(buf, len, "%04ld-%02d-%02d", y, m, d);
		return;
	}
	/* By hand: the work list formats three dates a row (snprintf was a
	 * fifth of its time on 40,000 rows). */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
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
double
expr_text_number(const char *s)
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
	return expr_decimal(s, (size_t)(end - s));
}

/* Releases what v owns; v stays usable as an empty value. */
void
expr_val_free(struct val *v)
{
	free(v->own);
	v->own = NULL;
	v->s = NULL;
}

/* Sets v to a number; infinities become NaN, like every non-number. */
void
expr_set_number(struct val *v, double n)
{
	v->type = EXPR_NUMBER;
	v->n = isfinite(n) ? n : NAN;
	v->s = v->own = NULL;
}

/* Sets v to a date; days outside 0000-01-01..9999-12-31 give NaN. */
void
expr_set_date(struct val *v, double days)
{
	v->type = EXPR_DATE;
	v->n = isfinite(days) && days >= DATE_MIN && days <= DATE_MAX ?
	    floor(days) : NAN;
	v->s = v->own = NULL;
}

/* Sets v to a boolean. */
void
expr_set_bool(struct val *v, bool b)
{
	v->type = EXPR_BOOL;
	v->b = b;
	v->s = v->own = NULL;
}

/* Sets v to text it borrows (which must outlive v). */
void
expr_set_text(struct val *v, const char *s)
{
	v->type = EXPR_STRING;
	v->s = s;
	v->own = NULL;
}

/* Sets v to text it owns and will free. */
void
expr_set_owned(struct val *v, char *s)
{
	v->type = EXPR_STRING;
	v->s = v->own = s;
}

/* The value as a number: text through expr_text_number, dates as days,
 * booleans as 1 or 0. */
double
expr_val_number(const struct val *v)
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
	return expr_text_number(v->s);
}

/* The value as a boolean.  Text is true unless it is "" or "false", so
 * that a stored "false" is false (a deliberate deviation from XPath). */
bool
expr_val_bool(const struct val *v)
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
const char *
expr_val_text(const struct val *v, char *buf)
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
bool
expr_val_empty(const struct val *v)
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
	return expr_val_bool(&v);
}

/* A public value as a number, by the evaluator's rules. */
double
expr_value_number(const struct expr_value *pv)
{
	struct val	v;

	val_view(pv, &v);
	return expr_val_number(&v);
}

/* A public value as text, by the evaluator's rules.  Caller frees. */
char *
expr_value_string(const struct expr_value *pv)
{
	struct val	v;
	char		buf[NUMBUF];

	val_view(pv, &v);
	return xstrdup(expr_val_text(&v, buf));
}
