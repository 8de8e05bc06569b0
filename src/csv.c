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

/* The number of line feeds in [p, q): a position's line is one more
 * than those before it. */
static size_t
csv_count_lines(const char *p, const char *q)
{
	size_t	n = 0;

	for (; p < q; p++) {
		if (*p == '\n')
			n++;
	}
	return n;
}

/* The length of the line end at p: LF, CRLF, or (with CSV_LONE_CR) a CR
 * alone; 0 when p is not at one. */
static size_t
csv_eol(const char *p, const char *end, int flags)
{
	if (p >= end)
		return 0;
	if (*p == '\n')
		return 1;
	if (*p != '\r')
		return 0;
	if (p + 1 < end && p[1] == '\n')
		return 2;
	return (flags & CSV_LONE_CR) ? 1 : 0;
}

/*
 * Reads one row of the text at *pp (up to end) into *fields and *n.
 * Returns 1 with *pp past the row, 0 at the end, or -1 with *fault and
 * *where (the byte that broke the row) set and nothing allocated.
 */
static int
csv_parse_row(const char **pp, const char *end, int flags, char ***fields,
    size_t *n, enum csv_fault *fault, const char **where)
{
	const char	*p = *pp;
	struct buf	 b;

	*fields = NULL;
	*n = 0;
	if (p >= end)
		return 0;
	buf_init(&b);
	for (;;) {
		buf_adds(&b, "");
		if (p < end && *p == '"') {
			/* A quoted field: up to the closing quote. */
			*where = p;
			*fault = CSV_UNCLOSED;
			for (p++;; p++) {
				if (p >= end)
					goto fail;
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
			*where = p;
			*fault = CSV_AFTER_QUOTE;
			if (p < end && *p != ',' && csv_eol(p, end, flags) == 0)
				goto fail;
		} else {
			for (; p < end && *p != ',' &&
			    csv_eol(p, end, flags) == 0; p++) {
				*where = p;
				*fault = CSV_STRAY_QUOTE;
				if (*p == '"')
					goto fail;
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
		p += csv_eol(p, end, flags);
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

/* The message for a fault on the given line (caller frees). */
static char *
csv_fault_cause(enum csv_fault fault, size_t line)
{
	switch (fault) {
	case CSV_UNCLOSED:
		return xasprintf(_("line %zu: a quoted field does not end"),
		    line);
	case CSV_AFTER_QUOTE:
		return xasprintf(_("line %zu: text after a quoted field"),
		    line);
	default:
		return xasprintf(_("line %zu: a quote inside an unquoted "
		    "field"), line);
	}
}

int
csv_read_row(const char **pp, const char *start, const char *end,
    char ***fields, size_t *n, char **cause)
{
	enum csv_fault	 fault;
	const char	*p = *pp, *where;
	int		 rc;

	if (p == start && end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	rc = csv_parse_row(&p, end, 0, fields, n, &fault, &where);
	if (rc == 1)
		*pp = p;
	else if (rc == -1)
		*cause = csv_fault_cause(fault,
		    1 + csv_count_lines(start, where));
	return rc;
}

void
csv_reader_init(struct csv_reader *r, const char *text, size_t len,
    int flags)
{
	memset(r, 0, sizeof *r);
	r->p = text;
	r->end = text + len;
	r->next_line = 1;
	r->flags = flags;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

int
csv_reader_next(struct csv_reader *r, char ***fields, size_t *n)
{
	const char	*from, *where;
	int		 rc;

	if (r->flags & CSV_SKIP_BLANK) {
		for (; r->p < r->end && (*r->p == '\n' || *r->p == '\r');
		    r->p++) {
			if (*r->p == '\n')
				r->next_line++;
		}
	}
	from = r->p;
	r->line = r->next_line;
	rc = csv_parse_row(&r->p, r->end, r->flags, fields, n, &r->fault,
	    &where);
	if (rc == -1)
		r->fault_line = r->line + csv_count_lines(from, where);
	else
		r->next_line += csv_count_lines(from, r->p);
	return rc;
}
