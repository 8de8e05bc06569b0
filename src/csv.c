/*
 * csv.c: the RFC 4180 writer and reader (csv.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "util.h"

void
csv_init(struct csv_writer *w, FILE *f, int flags)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->flags = flags;
	if (flags & CSV_BOM)
		fputs("\xef\xbb\xbf", f);
}

/* True when s[0..len) is a plain decimal number: [+-]digits[.digits]. */
static bool
csv_is_number(const char *s, size_t len)
{
	size_t	i = 0, digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	}
	return digits > 0 && i == len;
}

/* The formula test on len bytes of s. */
static bool
csv_is_formula_len(const char *s, size_t len)
{
	if (len == 0)
		return false;
	switch (s[0]) {
	case '=':
	case '@':
	case '\t':
	case '\r':
		return true;
	case '+':
	case '-':
		return !csv_is_number(s, len);
	default:
		return false;
	}
}

bool
csv_is_formula(const char *s)
{
	return s != NULL && csv_is_formula_len(s, strlen(s));
}

void
csv_field_len(struct csv_writer *w, const char *s, size_t len)
{
	FILE	*f = w->f;
	size_t	 i;
	bool	 quote = false;

	if (w->nfield++ > 0)
		putc(',', f);
	for (i = 0; i < len; i++) {
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r') {
			quote = true;
			break;
		}
	}
	if ((w->flags & CSV_SAFE) && csv_is_formula_len(s, len)) {
		/* The apostrophe goes inside the quotes, if any. */
		if (quote)
			putc('"', f);
		putc('\'', f);
	} else if (quote)
		putc('"', f);
	if (!quote) {
		fwrite(s, 1, len, f);
		return;
	}
	str_escape_write(f, s, len, ESCAPE_QUOTES);
	putc('"', f);
}

void
csv_field(struct csv_writer *w, const char *s)
{
	if (s == NULL)
		s = "";
	csv_field_len(w, s, strlen(s));
}

void
csv_fieldf(struct csv_writer *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	csv_field(w, s);
	free(s);
}

void
csv_end_row(struct csv_writer *w)
{
	fputs("\r\n", w->f);
	w->nfield = 0;
	w->nrows++;
}

void
csv_free_row(char **fields, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}

/* Appends the field in b to the row and empties b. */
static void
csv_push(char ***fields, size_t *n, struct buf *b)
{
	*fields = xreallocarray(*fields, *n + 1, sizeof **fields);
	(*fields)[(*n)++] = buf_detach(b);
}

/* The 1-based line of position q in the text from start. */
static size_t
csv_line(const char *start, const char *q)
{
	size_t	line = 1;

	for (; start < q; start++) {
		if (*start == '\n')
			line++;
	}
	return line;
}

int
csv_read_row(const char **pp, const char *start, const char *end,
    char ***fields, size_t *n, char **cause)
{
	const char	*p = *pp, *open;
	struct buf	 b;

	*fields = NULL;
	*n = 0;
	if (p == start && end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (p >= end)
		return 0;
	buf_init(&b);
	for (;;) {
		if (p < end && *p == '"') {
			/* A quoted field: up to the closing quote. */
			buf_adds(&b, "");
			open = p;
			for (p++;; p++) {
				if (p >= end) {
					*cause = xasprintf(_("line %zu: a "
					    "quoted field does not end"),
					    csv_line(start, open));
					goto fail;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						buf_addc(&b, '"');
						p++;
						continue;
					}
					p++;
					break;
				}
				buf_addc(&b, *p);
			}
			if (p < end && *p != ',' && *p != '\n' &&
			    !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
				*cause = xasprintf(_("line %zu: text after a "
				    "quoted field"), csv_line(start, p));
				goto fail;
			}
		} else {
			buf_adds(&b, "");
			for (; p < end && *p != ',' && *p != '\n' &&
			    !(*p == '\r' && p + 1 < end && p[1] == '\n'); p++) {
				if (*p == '"') {
					*cause = xasprintf(_("line %zu: a "
					    "quote inside an unquoted field"),
					    csv_line(start, p));
					goto fail;
				}
				buf_addc(&b, *p);
			}
		}
		csv_push(fields, n, &b);
		if (p >= end)
			break;
		if (*p == ',') {
			p++;
			continue;
		}
		p += *p == '\r' ? 2 : 1;
		break;
	}
	*pp = p;
	return 1;
fail:
	buf_free(&b);
	csv_free_row(*fields, *n);
	*fields = NULL;
	*n = 0;
	return -1;
}
