/*
 * util.c: checked allocation, string buffers and vectors, diagnostics,
 * escaping and the folding of accents.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>

#include "fault.h"
#include "nls.h"
#include "util.h"

#define MAX_HOOKS 8
static fatal_hook hooks[MAX_HOOKS];
static size_t nhooks;

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if (fault_alloc() || (p = malloc(size)) == NULL)
		fatal("out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (fault_alloc() || (p = calloc(n, size)) == NULL)
		fatal("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatal("allocation overflow: %zu x %zu", n, size);
	if (n * size == 0)
		n = size = 1;
	if (fault_alloc() || (p = realloc(old, n * size)) == NULL)
		fatal("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	for (len = 0; len < n && s[len] != '\0'; len++)
		;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	char	*p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
fatal_add_hook(fatal_hook h)
{
	if (nhooks < MAX_HOOKS)
		hooks[nhooks++] = h;
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	while (nhooks > 0)
		hooks[--nhooks]();
	fputs("onward: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t	need;

	if (more > SIZE_MAX - b->len - 1)
		fatal("string too long");
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->s = xreallocarray(b->s, b->cap, 1);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, p);
	free(p);
}

char *
buf_detach(struct buf *b)
{
	char	*s;

	s = b->s != NULL ? b->s : xstrdup("");
	buf_init(b);
	return s;
}

/* The array v of n elements of size bytes (cap allocated) with room for
 * one more: grown by doubling, from 8. */
static void *
grow_for_one(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap == 0 ? 8 : *cap * 2;
	return xreallocarray(v, *cap, size);
}

void
strvec_take(struct strvec *sv, char *s)
{
	sv->v = grow_for_one(sv->v, sv->n, &sv->cap, sizeof *sv->v);
	sv->v[sv->n++] = s;
}

void
strvec_add(struct strvec *sv, const char *s)
{
	strvec_take(sv, xstrdup(s));
}

void
strvec_addn(struct strvec *sv, const char *s, size_t len)
{
	strvec_take(sv, xstrndup(s, len));
}

void
strvec_free(struct strvec *sv)
{
	size_t	i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void
diags_add(struct diags *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	d->v = grow_for_one(d->v, d->n, &d->cap, sizeof *d->v);
	if (line > 0)
		d->v[d->n++] = xasprintf("%s:%d:%d: %s", file, line, col, msg);
	else
		d->v[d->n++] = xasprintf("%s: %s", file, msg);
	free(msg);
}

void
diags_print(const struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s\n", d->v[i]);
}

void
diags_free(struct diags *d)
{
	struct strvec	sv = { d->v, d->n, d->cap };

	strvec_free(&sv);
	memset(d, 0, sizeof *d);
}

/* What each kind of escaping replaces: a character's replacement, or NULL
 * to keep it.  A new format is a new row. */
static const char *const escapes[][128] = {
	[ESCAPE_LINE] = {
		['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"
	},
	[ESCAPE_PO] = {
		['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t"
	},
	[ESCAPE_HTML] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;"
	},
	[ESCAPE_QUOTES] = {
		['"'] = "\"\""
	},
	[ESCAPE_SHOW] = {
		['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
		[0x01] = "\\x01", [0x02] = "\\x02", [0x03] = "\\x03",
		[0x04] = "\\x04", [0x05] = "\\x05", [0x06] = "\\x06",
		[0x07] = "\\x07", [0x08] = "\\x08", [0x0b] = "\\x0b",
		[0x0c] = "\\x0c", [0x0e] = "\\x0e", [0x0f] = "\\x0f",
		[0x10] = "\\x10", [0x11] = "\\x11", [0x12] = "\\x12",
		[0x13] = "\\x13", [0x14] = "\\x14", [0x15] = "\\x15",
		[0x16] = "\\x16", [0x17] = "\\x17", [0x18] = "\\x18",
		[0x19] = "\\x19", [0x1a] = "\\x1a", [0x1b] = "\\x1b",
		[0x1c] = "\\x1c", [0x1d] = "\\x1d", [0x1e] = "\\x1e",
		[0x1f] = "\\x1f", [0x7f] = "\\x7f"
	},
};

/* Hands s[0..len) to out in runs, each replaced character as its
 * replacement. */
static void
escape_runs(const char *s, size_t len, enum str_escape_kind kind,
    void (*out)(void *, const char *, size_t), void *arg)
{
	const char *const	*row = escapes[kind];
	const char		*with;
	size_t			 i, run = 0;

	char			 c1[8];

	for (i = 0; i < len; i++) {
		if (kind == ESCAPE_SHOW && (unsigned char)s[i] == 0xc2 &&
		    i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			/* A C1 control (U+0080-U+009F), CSI among them. */
			if (i > run)
				out(arg, s + run, i - run);
			snprintf(c1, sizeof c1, "\\u%04x",
			    (unsigned char)s[i + 1]);
			out(arg, c1, strlen(c1));
			run = ++i + 1;
			continue;
		}
		if ((unsigned char)s[i] >= 128 ||
		    (with = row[(unsigned char)s[i]]) == NULL)
			continue;
		if (i > run)
			out(arg, s + run, i - run);
		out(arg, with, strlen(with));
		run = i + 1;
	}
	if (len > run)
		out(arg, s + run, len - run);
}

static void
escape_to_buf(void *arg, const char *s, size_t n)
{
	buf_add(arg, s, n);
}

static void
escape_to_file(void *arg, const char *s, size_t n)
{
	fwrite(s, 1, n, arg);
}

void
str_escape(struct buf *b, const char *s, size_t len,
    enum str_escape_kind kind)
{
	escape_runs(s, len, kind, escape_to_buf, b);
}

void
str_escape_write(FILE *f, const char *s, size_t len,
    enum str_escape_kind kind)
{
	escape_runs(s, len, kind, escape_to_file, f);
}

bool
str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

size_t
str_distance(const char *a, const char *b, size_t cap)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, best;
	size_t	*prev, *cur, *t;

	if (la > 64 || lb > 64)
		return cap;
	prev = xcalloc(lb + 1, sizeof *prev);
	cur = xcalloc(lb + 1, sizeof *cur);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	best = prev[lb];
	free(prev);
	free(cur);
	return best < cap ? best : cap;
}

char *
file_read(const char *path, size_t max, size_t *lenp, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf(_("cannot open '%s': %s"), path,
		    strerror(errno));
		return NULL;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			*cause = xasprintf(_("'%s' is larger than %zu bytes"),
			    path, max);
			fclose(f);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		*cause = xasprintf(_("cannot read '%s': %s"), path,
		    strerror(errno));
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	if (lenp != NULL)
		*lenp = b.len;
	return buf_detach(&b);
}

/* The base letter of a Latin letter with a diacritic or a stroke, or wc
 * itself (Latin-1 and Latin Extended-A). */
static wchar_t
fold_char(wchar_t wc)
{
	static const char latin1[] =
	    "AAAAAAACEEEEIIII"	/* C0-CF */
	    "DNOOOOO*OUUUUYTs"	/* D0-DF */
	    "aaaaaaaceeeeiiii"	/* E0-EF */
	    "dnooooo/ouuuuyty";	/* F0-FF */
	static const char exta[] =
	    "AaAaAaCcCcCcCcDd"	/* 100-10F */
	    "DdEeEeEeEeEeGgGg"	/* 110-11F */
	    "GgGgHhHhIiIiIiIi"	/* 120-12F */
	    "IiJjJjKkkLlLlLlL"	/* 130-13F */
	    "lLlNnNnNnnNnOoOo"	/* 140-14F */
	    "OoOoRrRrRrSsSsSs"	/* 150-15F */
	    "SsTtTtTtUuUuUuUu"	/* 160-16F */
	    "UuUuWwYyYZzZzZzs";	/* 170-17F */

	if (wc >= 0xc0 && wc <= 0xff && wc != 0xd7 && wc != 0xf7)
		return (wchar_t)latin1[wc - 0xc0];
	if (wc >= 0x100 && wc <= 0x17f)
		return (wchar_t)exta[wc - 0x100];
	return wc;
}

char *
str_fold(const char *s)
{
	struct buf	 b;
	size_t		 n = strlen(s), i = 0, k;
	wchar_t		 wc;
	char		 mb[UTF8_MAX];

	buf_init(&b);
	buf_add(&b, "", 0);
	while (i < n) {
		k = utf8_next(s + i, n - i, &wc);
		i += k;
		if (wc >= 0x300 && wc <= 0x36f)		/* combining accents */
			continue;
		wc = fold_char(wc);
		if (wc < 0x80)
			wc = (wchar_t)tolower((int)wc);
		else
			wc = (wchar_t)towlower((wint_t)wc);
		buf_add(&b, mb, utf8_encode(wc, mb));
	}
	return buf_detach(&b);
}

/* A temporary file beside path; see util.h. */
FILE *
file_create_temp(const char *path, char **tmp, char **cause)
{
	const char	*slash = strrchr(path, '/');
	FILE		*f;
	int		 fd, saved;

	if (slash == NULL)
		*tmp = xasprintf(".%s.XXXXXX", path);
	else
		*tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	if ((fd = mkstemp(*tmp)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		saved = errno;
		if (fd != -1) {
			close(fd);
			(void)unlink(*tmp);
		}
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(saved));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return f;
}
