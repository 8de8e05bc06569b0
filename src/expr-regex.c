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
int
expr_regex_compile(regex_t *re, const char *pat, char **cause)
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
