/*
 * test-bundle.c: the bundle format without a store: a round trip of
 * awkward changes, the same bytes for the same changes, the fixed gzip
 * header, and every class of refusal (truncated, flipped bytes, bad
 * digest, unknown version, counts that lie, bad lines, not a bundle,
 * decompression bombs, trailing data), each with its message.
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "bundle.h"
#include "../tap.h"
#include "util.h"

#define DEV_A	"7f3a0000000000000000000000000001"
#define DEV_B	"b2c10000000000000000000000000002"

static char *pa[] = { DEV_B ":2", DEV_A ":1" };
static char *pb[] = { DEV_A ":1" };

/* Awkward changes, deliberately out of order. */
static struct change sample[] = {
	{ DEV_B, 2, (int64_t)1781512200000 << 16, "r-2", "follow_up_visit", 2,
	  "KSM-0001-X", "notes", "line one\nline two\twith tab \\ and \r",
	  pa, 2, "amina" },
	{ DEV_A, 1, (int64_t)1781512100000 << 16 | 3, "r-1", "registration",
	  1, "KSM-0001-X", "name", "Zoë Ndlovu – 张伟", NULL, 0, "amina" },
	{ DEV_A, 2, (int64_t)1781512100001 << 16, "r-1", "registration", 1,
	  "KSM-0001-X", "name", NULL, pb, 1, "jo\\n" },
	{ DEV_B, 1, (int64_t)1781512000000 << 16, "r-3", "registration", 1,
	  NULL, "household[k3x].age", "", NULL, 0, "" },
	{ DEV_A, 5, (int64_t)1781512300000 << 16, "r-1", "registration", 1,
	  "KSM-0001-X", "@record", "\\N", NULL, 0, "amina" },
};
#define NSAMPLE	nitems(sample)

static const struct bundle_meta meta = { DEV_A, "Kisumu\tEast", "amina" };

static struct change *
sorted_sample(void)
{
	static struct change	v[NSAMPLE];

	memcpy(v, sample, sizeof v);
	bundle_sort_changes(v, NSAMPLE);
	return v;
}

/* A bundle of changes in memory. */
static void *
make(struct change *v, size_t n, size_t *len, struct bundle_header *h)
{
	struct bundle_array	 a = { v, n, 0 };
	struct bundle_source	 src;
	struct bundle_header	 tmp;
	void			*out;
	char			*cause = NULL;

	bundle_array_source(&a, &src);
	if (bundle_write_mem(&meta, &src, &out, len, h != NULL ? h : &tmp,
	    &cause) != 0) {
		diag("write failed: %s", cause);
		exit(1);
	}
	if (h == NULL)
		bundle_header_free(&tmp);
	return out;
}

/* Reads a bundle in memory to the end; NULL when accepted, else the
 * message (caller frees).  *n gets the count of changes read. */
static char *
refusal(const void *p, size_t len, const struct bundle_limits *lim,
    size_t *n)
{
	struct bundle_reader	*r;
	const struct change	*c;
	char			*cause = NULL;
	int			 rc;

	if (n != NULL)
		*n = 0;
	if ((r = bundle_open_mem(p, len, "b.onward", lim, &cause)) == NULL)
		return cause;
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		if (n != NULL)
			(*n)++;
	}
	bundle_close(r);
	return rc == 0 ? NULL : cause;
}

/* Inflates a whole gzip buffer to text (caller frees). */
static char *
gunzip(const void *p, size_t len)
{
	z_stream	 z;
	struct buf	 b = { 0 };
	unsigned char	 out[4096];
	int		 zr;

	memset(&z, 0, sizeof z);
	inflateInit2(&z, 15 + 16);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)len;
	do {
		z.next_out = out;
		z.avail_out = sizeof out;
		zr = inflate(&z, Z_NO_FLUSH);
		buf_add(&b, (char *)out, sizeof out - z.avail_out);
	} while (zr == Z_OK);
	inflateEnd(&z);
	return buf_detach(&b);
}

/* Gzips text as a bundle; with fix, the trailer is rewritten to match
 * the text before it. */
static void *
regzip(const char *text, int fix, size_t *len)
{
	struct buf		 t = { 0 };
	unsigned char		 md[32];
	const char		*p, *last;
	size_t			 lines = 0, i;
	char			 hex[65];
	void			*out;

	buf_adds(&t, text);
	if (fix) {
		for (last = NULL, p = t.s; *p != '\0'; p++) {
			if (*p == '\n' && p[1] != '\0') {
				last = p + 1;
				lines++;
			}
		}
		t.len = (size_t)(last - t.s);
		t.s[t.len] = '\0';
		crypto_hash_sha256(md, (unsigned char *)t.s, t.len);
		for (i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		buf_addf(&t, "end\tchanges=%zu\tsha256=%s\n", lines - 1, hex);
	}
	bundle_gzip_text(t.s, t.len, &out, len);
	buf_free(&t);
	return out;
}

/* Replaces the first `from` in text with `to`; caller frees. */
static char *
subst(const char *text, const char *from, const char *to)
{
	const char	*at = strstr(text, from);
	struct buf	 b = { 0 };

	if (at == NULL) {
		diag("'%s' not found", from);
		return xstrdup(text);
	}
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	return buf_detach(&b);
}

/* Checks that text (regzipped, trailer fixed or not) is refused with a
 * message matching want. */
static void
refused_text(const char *text, int fix, const char *want, const char *what)
{
	void	*p;
	size_t	 len;
	char	*why;

	p = regzip(text, fix, &len);
	why = refusal(p, len, NULL, NULL);
	ok(why != NULL && strstr(why, want) != NULL, "%s: refused", what);
	if (why == NULL || strstr(why, want) == NULL)
		diag("got '%s', want '%s'", why != NULL ? why : "(accepted)",
		    want);
	free(why);
	free(p);
}

static void
test_round_trip(void)
{
	struct bundle_reader	*r;
	struct bundle_header	 h;
	const struct change	*c;
	struct change		*v = sorted_sample();
	void			*p;
	size_t			 len, i = 0;
	char			*cause = NULL;
	int			 rc, same = 1;

	p = make(sample, 0, &len, NULL);
	free(p);
	p = make(v, NSAMPLE, &len, &h);
	is_int(h.changes, NSAMPLE, "header counts the changes");
	is_int(h.ndevices, 2, "two devices");
	is_int(h.devices[0].nranges, 2, "device A: two ranges (1-2, 5)");
	is_int(h.devices[0].ranges[1].first, 5, "second range starts at 5");
	is_int(h.nforms, 2, "two form versions");
	is_str(h.forms[0].form, "follow_up_visit", "forms sorted");
	is_str(h.time, "2026-06-15T08:31:40Z", "time of the newest change");
	r = bundle_open_mem(p, len, "mem", NULL, &cause);
	ok(r != NULL, "opens (%s)", cause != NULL ? cause : "");
	if (r == NULL)
		return;
	is_str(bundle_reader_header(r)->site, "Kisumu\tEast",
	    "site with a tab survives");
	is_str(bundle_reader_header(r)->origin, DEV_A, "origin");
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		if (i >= NSAMPLE || !bundle_change_equal(c, &v[i]))
			same = 0;
		i++;
	}
	is_int(rc, 0, "reads to the verified end (%s)",
	    cause != NULL ? cause : "");
	ok(same && i == NSAMPLE, "every change comes back the same");
	is_str(bundle_reader_header(r)->digest, h.digest,
	    "reader's digest is the writer's");
	bundle_close(r);
	bundle_header_free(&h);
	free(p);
}

static void
test_determinism(void)
{
	struct change	 w[NSAMPLE], *v = sorted_sample();
	char		*swapped[] = { DEV_A ":1", DEV_B ":2" };
	void		*p1, *p2, *p3;
	size_t		 l1, l2, l3;
	char		*text;

	p1 = make(v, NSAMPLE, &l1, NULL);
	p2 = make(v, NSAMPLE, &l2, NULL);
	ok(l1 == l2 && memcmp(p1, p2, l1) == 0, "same changes, same bytes");
	memcpy(w, sample, sizeof w);
	w[0].parents = swapped;
	bundle_sort_changes(w, NSAMPLE);
	p3 = make(w, NSAMPLE, &l3, NULL);
	ok(l1 == l3 && memcmp(p1, p3, l1) == 0,
	    "parents in another order, same bytes");
	ok(l1 > 48 && memcmp(p1, "\x1f\x8b\x08\x04\0\0\0\0\x00\x03"
	    "\x24\x00OB\x20\x00", 16) == 0,
	    "gzip header: no name, no time, OS Unix, the seal's extra field");
	text = gunzip(p1, l1);
	ok(strncmp(text, "onward-bundle\t1\torigin=" DEV_A
	    "\tsite=Kisumu\\tEast\tworker=amina\t", 70) == 0,
	    "plain zlib inflates it to the header line");
	ok(strstr(text, "\tline one\\nline two\\twith tab \\\\ and \\r\t")
	    != NULL, "escapes: \\n \\t \\\\ \\r");
	ok(strstr(text, "\tregistration\t1\t\\N\thousehold[k3x].age\t\t\t\n")
	    != NULL, "no case is \\N, an empty value is empty");
	ok(strstr(text, "\tname\t\\N\t" DEV_A ":1\tjo\\\\n\n") != NULL,
	    "a deletion is \\N");
	ok(strstr(text, "\t@record\t\\\\N\t") != NULL,
	    "the text \\N is not a deletion");
	ok(strstr(text, "\nend\tchanges=5\tsha256=") != NULL, "trailer");
	free(text);
	free(p1);
	free(p2);
	free(p3);
}

static void
test_damage(void)
{
	struct change	*v = sorted_sample();
	unsigned char	*p, *q;
	size_t		 len, i, n, bad;
	char		*why;
	int		 all;

	p = make(v, NSAMPLE, &len, NULL);
	q = xmalloc(len + 16);
	all = 1;
	for (i = 0; i < len; i++) {
		why = refusal(p, i, NULL, &n);
		if (why == NULL)
			all = 0;
		free(why);
	}
	ok(all, "cut at each of %zu offsets: every cut refused", len);
	why = refusal(p, len - 3, NULL, NULL);
	ok(why != NULL && strstr(why, "truncated") != NULL &&
	    strstr(why, "b.onward") != NULL, "a cut says truncated and names "
	    "the file: %s", why);
	free(why);
	why = refusal(p, 5, NULL, NULL);
	ok(why != NULL && strstr(why, "truncated") != NULL,
	    "cut in the gzip header: %s", why);
	free(why);

	bad = 0;
	for (i = 0; i < len; i++) {
		memcpy(q, p, len);
		q[i] ^= 0x01;
		if ((why = refusal(q, len, NULL, NULL)) == NULL) {
			bad++;
			diag("flip 0x01 at %zu accepted", i);
		}
		free(why);
		memcpy(q, p, len);
		q[i] ^= 0x80;
		if ((why = refusal(q, len, NULL, NULL)) == NULL) {
			bad++;
			diag("flip 0x80 at %zu accepted", i);
		}
		free(why);
	}
	is_int(bad, 0, "a bit flipped at each offset: every one refused");

	memcpy(q, p, len);
	memcpy(q + len, "junk", 4);
	why = refusal(q, len + 4, NULL, NULL);
	ok(why != NULL && strstr(why, "4 unexpected bytes after") != NULL,
	    "trailing bytes: %s", why);
	free(why);
	q = xreallocarray(q, 2, len);
	memcpy(q, p, len);
	memcpy(q + len, p, len);
	why = refusal(q, 2 * len, NULL, NULL);
	ok(why != NULL, "two bundles glued together: %s", why);
	free(why);
	free(q);
	free(p);
}

static void
test_refusals(void)
{
	struct change	*v = sorted_sample();
	struct bundle_limits lim = { 1 << 20, 1 << 24 };
	void		*p, *z;
	size_t		 len, zl;
	char		*text, *t2, *t3, *why, *zeros;

	p = make(v, NSAMPLE, &len, NULL);
	text = gunzip(p, len);
	free(p);

	p = regzip(text, 1, &len);
	why = refusal(p, len, NULL, NULL);
	ok(why == NULL, "regzipped original is accepted (%s)",
	    why != NULL ? why : "");
	free(why);
	free(p);

	t2 = subst(text, "onward-bundle\t1\t", "onward-bundle\t2\t");
	refused_text(t2, 1, "format version '2'", "unknown version");
	free(t2);
	t2 = subst(text, "onward-bundle\t1\t", "onward-bundle\t99\t");
	refused_text(t2, 1, "'b.onward': format version '99' is not one this "
	    "onward reads (versions it reads: 1); a newer onward wrote it",
	    "version 99, naming the file and the versions read");
	free(t2);
	t2 = subst(text, "onward-bundle\t1\t", "onward-bundle\tv1\t");
	refused_text(t2, 1, "format version 'v1' is not one", "a version "
	    "that is not a number");
	free(t2);
	t2 = subst(text, "Zoë", "Zoe");
	refused_text(t2, 0, "digest does not match", "bad digest");
	free(t2);
	t2 = subst(text, "\tchanges=5\tsize=", "\tchanges=6\tsize=");
	refused_text(t2, 1, "disagrees", "header count differs from ranges");
	free(t2);
	t2 = subst(text, ":1-2,5 ", ":1-3,5 ");
	refused_text(t2, 1, "disagrees", "ranges that disagree with the count");
	free(t2);
	t2 = subst(text, "\tchanges=5\tsize=", "\tchanges=6\tsize=");
	t3 = subst(t2, ":1-2,5 ", ":1-3,5 ");
	free(t2);
	t2 = subst(t3, "registration@1:4", "registration@1:5");
	free(t3);
	refused_text(t2, 1, "header says", "header claims a change it lacks");
	free(t2);
	t2 = subst(text, "\tsize=", "\tsize=1");
	refused_text(t2, 1, "header says", "header lies about the size");
	free(t2);
	t2 = subst(text, "\tfollow_up_visit\t2\t", "\tfollow_up_visit\tx\t");
	refused_text(t2, 1, "line 6: the form version", "bad number");
	free(t2);
	t2 = subst(text, "\tamina\n", "\tamina\textra\n");
	refused_text(t2, 1, "line 2: expected 11", "extra field");
	free(t2);
	t2 = subst(text, "tab \\\\ and", "tab \\q and");
	refused_text(t2, 1, "line 6: a backslash", "unknown escape");
	free(t2);
	t2 = subst(text, DEV_A "\t5\t", DEV_A "\t05\t");
	refused_text(t2, 1, "line 4: the sequence", "leading zero");
	free(t2);
	t2 = subst(text, "Zoë", "Zo\xc3");
	refused_text(t2, 1, "line 2: not UTF-8", "invalid UTF-8");
	free(t2);
	t2 = subst(text, DEV_A ":1 " DEV_B ":2", DEV_B ":2 " DEV_A ":1");
	refused_text(t2, 1, "not sorted", "parents out of order");
	free(t2);
	t2 = subst(text, DEV_A "\t5\t", DEV_A "\t4\t");
	refused_text(t2, 1, "line 4: change " DEV_A ":4 is out of order or "
	    "not in the header", "a change outside the header's ranges");
	free(t2);
	t2 = subst(text, "\nend\t", "\n\nend\t");
	refused_text(t2, 1, "line 7: expected 11", "an empty line");
	free(t2);
	t2 = xasprintf("%smore\n", text);
	refused_text(t2, 0, "after the trailer", "text after the trailer");
	free(t2);
	t2 = subst(text, "\nend\t", "\nnot-the-end\t");
	refused_text(t2, 0, "line 7", "damaged trailer");
	free(t2);
	t2 = xstrndup(text, (size_t)(strstr(text, "\nend\t") - text + 1));
	refused_text(t2, 0, "no trailer", "missing trailer");
	free(t2);
	refused_text("hello\n", 0, "not an onward bundle", "gzip of text");
	why = refusal("hello", 5, NULL, NULL);
	ok(why != NULL && strstr(why, "not gzip") != NULL,
	    "plain text: %s", why);
	free(why);
	why = refusal("", 0, NULL, NULL);
	ok(why != NULL && strstr(why, "empty") != NULL, "empty: %s", why);
	free(why);

	zeros = xcalloc(1, 64 << 20);
	memset(zeros, 'a', 64 << 20);
	zeros[(64 << 20) - 1] = '\0';
	z = regzip(zeros, 0, &zl);
	free(zeros);
	why = refusal(z, zl, &lim, NULL);
	ok(why != NULL && strstr(why, "decompression bomb") != NULL,
	    "64 MB in %zu bytes, limit 1 MB: %s", zl, why);
	free(why);
	why = refusal(z, zl, NULL, NULL);
	ok(why != NULL && strstr(why, "not an onward bundle") != NULL,
	    "the same, default limits: stops at the line limit: %s", why);
	free(why);
	free(z);
	t2 = subst(text, "\tsize=", "\tsize=99999999999");
	refused_text(t2, 0, "beyond the limit", "header declares too much");
	free(t2);
	free(text);
}

static void
test_file(void)
{
	struct change		*v = sorted_sample();
	struct bundle_array	 a = { v, NSAMPLE, 0 };
	struct bundle_source	 src;
	struct bundle_header	 h, h2;
	char			 dir[] = "/tmp/test-bundle.XXXXXX", *path;
	char			*cause = NULL, *cmd;
	int			 rc;

	if (mkdtemp(dir) == NULL)
		return;
	path = xasprintf("%s/x.onward", dir);
	bundle_array_source(&a, &src);
	ok(bundle_write(path, &meta, &src, NULL, NULL, &h, &cause) == 0,
	    "writes a file (%s)", cause != NULL ? cause : "");
	ok(bundle_verify(path, NULL, &h2, &cause) == 0, "verifies");
	is_str(h2.digest, h.digest, "same digest");
	cmd = xasprintf("test $(ls -A %s | wc -l) -eq 1", dir);
	ok(system(cmd) == 0, "no temporary file left behind");
	free(cmd);
	bundle_header_free(&h);
	bundle_header_free(&h2);
	free(path);
	path = xasprintf("%s/no/such/x.onward", dir);
	rc = bundle_write(path, &meta, &src, NULL, NULL, &h, &cause);
	ok(rc != 0 && strstr(cause, "cannot create") != NULL,
	    "a missing folder: %s", rc != 0 ? cause : "written");
	free(cause);
	free(path);
	cmd = xasprintf("rm -rf %s", dir);
	(void)system(cmd);
	free(cmd);
}

/* A change too long for a line is refused by the writer, so no store
 * writes a bundle it could not read back. */
static void
test_long_line(void)
{
	struct change		 c = sample[1];
	struct bundle_array	 a = { &c, 1, 0 };
	struct bundle_source	 src;
	struct bundle_header	 h;
	void			*out;
	size_t			 len;
	char			*big, *cause = NULL;
	int			 rc;

	big = xmalloc(BUNDLE_MAX_LINE + 2);
	memset(big, 'x', BUNDLE_MAX_LINE + 1);
	big[BUNDLE_MAX_LINE + 1] = '\0';
	c.value = big;
	bundle_array_source(&a, &src);
	rc = bundle_write_mem(&meta, &src, &out, &len, &h, &cause);
	ok(rc != 0 && strstr(cause, "longer than") != NULL,
	    "a line longer than the limit is refused: %s",
	    rc != 0 ? cause : "written");
	free(cause);
	free(big);
}

int
main(void)
{
	plan_lazy();
	test_round_trip();
	test_determinism();
	test_damage();
	test_refusals();
	test_file();
	test_long_line();
	return done_testing();
}
