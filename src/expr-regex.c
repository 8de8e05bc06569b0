/*
 * expr-regex.c: the patterns of regex().  Form authors write them as ODK
 * does, with Perl's \d \s \w; they are rewritten into POSIX extended
 * expressions for regcomp, and what would take exponential time or
 * memory to compile or match is refused first.
 */
#include "config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "expr-int.h"
#include "i18n.h"
#include "util.h"

#define REGEX_MAX_NEST	16
#define REGEX_MAX_SIZE	20000

/* A pattern being rewritten, and what its repetitions would cost. */
struct rx {
	struct buf	 b;		/* the POSIX pattern so far */
	double		 size[REGEX_MAX_NEST + 1];	/* atom copies in each
					 * open group, outermost first */
	double		 last;		/* copies the last item makes */
	int		 depth;		/* groups open */
};

/* What one item of a pattern was, or why it is refused. */
enum rx_item {
	RX_ITEM,		/* an atom, a group's edge or an anchor */
	RX_REPEAT,		/* a repetition of the item before */
	RX_TOO_COMPLEX = -1,	/* nested too deep */
	RX_STACKED = -2,	/* a repetition of a repetition */
	RX_BACKREF = -3		/* a back-reference */
};

/* The Perl classes and their POSIX brackets. */
static const struct {
	char		 perl;
	const char	*posix;
} rx_classes[] = {
	{ 'd', "[0-9]" },
	{ 'D', "[^0-9]" },
	{ 's', "[[:space:]]" },
	{ 'S', "[^[:space:]]" },
	{ 'w', "[[:alnum:]_]" },
	{ 'W', "[^[:alnum:]_]" },
};

/* The last character of the bracket expression that opens at s (one atom,
 * copied as is); the last character of the pattern when it is not
 * closed. */
static const char *
rx_bracket_end(const char *s)
{
	const char	*end = s + 1;
	char		 close[3];

	if (*end == '^')
		end++;
	if (*end == ']')
		end++;
	while (*end != '\0' && *end != ']') {
		if (*end == '[' && (end[1] == ':' || end[1] == '.' ||
		    end[1] == '=')) {
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
	return end;
}

/* The closing brace of the interval {lo}, {lo,} or {lo,hi} that opens at
 * s, with its bounds in *lo and *hi (hi no less than lo), or NULL when s
 * opens no interval. */
static const char *
rx_interval(const char *s, double *lo, double *hi)
{
	const char	*end = s + 1;

	for (*lo = 0; is_digit(*end); end++)
		*lo = *lo * 10 + (*end - '0');
	*hi = *lo;
	if (*end == ',') {
		for (*hi = 0, end++; is_digit(*end); end++)
			*hi = *hi * 10 + (*end - '0');
	}
	if (*end != '}' || end == s + 1)
		return NULL;
	if (*hi < *lo)
		*hi = *lo;
	return end;
}

/* Rewrites the escape whose backslash is at *sp, moving *sp to its last
 * character; RX_BACKREF for a back-reference. */
static enum rx_item
rx_escape(struct rx *rx, const char **sp)
{
	const char	*s = *sp + 1;
	size_t		 i;

	rx->last = 1;
	rx->size[rx->depth] += 1;
	for (i = 0; i < nitems(rx_classes); i++) {
		if (*s == rx_classes[i].perl) {
			buf_adds(&rx->b, rx_classes[i].posix);
			*sp = s;
			return RX_ITEM;
		}
	}
	if (*s == '\0') {
		buf_addc(&rx->b, '\\');
		return RX_ITEM;
	}
	if (is_digit(*s))
		return RX_BACKREF;
	buf_addc(&rx->b, '\\');
	buf_addc(&rx->b, *s);
	*sp = s;
	return RX_ITEM;
}

/* Rewrites the item at *sp, moving *sp to its last character, and counts
 * what it costs; quant says the item before was a repetition. */
static enum rx_item
rx_item(struct rx *rx, const char **sp, bool quant)
{
	const char	*s = *sp, *end;
	double		 lo, hi;

	switch (*s) {
	case '[':
		end = rx_bracket_end(s);
		buf_add(&rx->b, s, (size_t)(end + 1 - s));
		*sp = end;
		rx->last = 1;
		return RX_ITEM;
	case '(':
		if (rx->depth == REGEX_MAX_NEST)
			return RX_TOO_COMPLEX;
		rx->size[++rx->depth] = 0;
		buf_addc(&rx->b, *s);
		rx->last = 0;
		return RX_ITEM;
	case ')':
		if (rx->depth > 0) {
			rx->last = rx->size[rx->depth--] + 1;
			rx->size[rx->depth] += rx->last;
		}
		buf_addc(&rx->b, *s);
		return RX_ITEM;
	case '{':
		if ((end = rx_interval(s, &lo, &hi)) == NULL)
			break;
		if (quant)
			return RX_STACKED;
		rx->size[rx->depth] += rx->last * hi;
		rx->last *= hi + 1;
		buf_add(&rx->b, s, (size_t)(end + 1 - s));
		*sp = end;
		return RX_REPEAT;
	case '\\':
		return rx_escape(rx, sp);
	case '*':
	case '+':
	case '?':
		if (quant)
			return RX_STACKED;
		buf_addc(&rx->b, *s);
		return RX_REPEAT;
	case '|':
	case '^':
	case '$':
		buf_addc(&rx->b, *s);
		return RX_ITEM;
	}
	rx->last = 1;
	rx->size[rx->depth] += 1;
	buf_addc(&rx->b, *s);
	return RX_ITEM;
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
int
expr_regex_compile(regex_t *re, const char *pat, char **cause)
{
	struct rx	 rx;
	const char	*s;
	char		 msg[128];
	enum rx_item	 item = RX_ITEM;
	int		 rc;

	memset(&rx, 0, sizeof rx);
	for (s = pat; *s != '\0'; s++) {
		if ((item = rx_item(&rx, &s, item == RX_REPEAT)) < 0)
			break;
		if (rx.size[rx.depth] > REGEX_MAX_SIZE ||
		    rx.last > REGEX_MAX_SIZE) {
			item = RX_TOO_COMPLEX;
			break;
		}
	}
	switch (item) {
	case RX_TOO_COMPLEX:
		*cause = xstrdup(_("regular expression too complex"));
		break;
	case RX_STACKED:
		*cause = xasprintf(_("'%c' cannot follow a repetition in a "
		    "regular expression"), *s);
		break;
	case RX_BACKREF:
		*cause = xstrdup(_("back-references are not allowed in "
		    "regular expressions"));
		break;
	default:
		buf_addc(&rx.b, '\0');
		rc = regcomp(re, rx.b.s, REG_EXTENDED | REG_NOSUB);
		buf_free(&rx.b);
		if (rc == 0)
			return 0;
		regerror(rc, re, msg, sizeof msg);
		*cause = xasprintf(_("invalid regular expression: %s"), msg);
		return -1;
	}
	buf_free(&rx.b);
	return -1;
}
