/*
 * bundle-read.c: reading a bundle, trusting nothing.  The gzip header
 * must be the fixed one onward writes, with a seal (SHA-256) of the bytes
 * after it, checked at the end of the stream; the stream is inflated a block at
 * a time with caps on the whole and on each line (decompression bombs);
 * every line is checked as it comes; the end needs the trailer, the
 * digest, the header's counts, gzip's CRC and length, and nothing after.
 * Messages name the file and the line or byte offset.  A format-2 file
 * (its first bytes BUNDLE_V2_MAGIC) is opened by bundle-seal.c, which
 * checks its signature and sender and then hands the decrypted zlib
 * stream here, where the same lines are checked in the same way.
 */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "bundle-int.h"
#include "i18n.h"
#include "util.h"

/*
 * The formats this program reads, by version, oldest first: the header
 * line's version picks the row, and an unknown version is refused by
 * name.  Field laptops and headquarters run mixed versions for years, so
 * a row is never removed.  A new version of the lines adds one reader,
 * the parsers of its header and change lines (struct bundle_format in
 * bundle-int.h) in a file of its own, and one row here.  The signed and
 * sealed format 2 is a container around version-1 lines, recognised by
 * its first bytes (open_framing), not a row.
 * What every version shares stays in this file: the gzip framing and
 * seal, the limits, the trailer, digest and counts; a version that must
 * check more (a signature) adds that step to struct bundle_format.  The
 * writer writes BUNDLE_VERSION.
 */
static const struct bundle_format formats[] = {
	{ 1, bundle_parse_header_v1, bundle_parse_change_v1 },
};

#define IN_SIZE		(64 * 1024)
#define HIST		16	/* input bytes kept before the buffer */
#define OUT_SIZE	(64 * 1024)

struct bundle_reader {
	char				*name;
	FILE				*f;
	const unsigned char		*mem;		/* or memory */
	size_t				 memlen;
	struct bundle_unseal		*v2;		/* format 2 */
	struct bundle_limits		 lim;
	z_stream			 z;
	bool				 zinit;
	bool				 zend;		/* Z_STREAM_END seen */
	bool				 eof;		/* no more input */
	unsigned char			*in;		/* HIST + IN_SIZE */
	size_t				 histlen;	/* valid bytes before
							   in + HIST */
	size_t				 lastn;		/* bytes last read */
	bool				 padded;	/* padding checked */
	unsigned char			 seal[BUNDLE_SEAL_LEN];
	crypto_hash_sha256_state	 sealsha;	/* of bytes after the
							   gzip header */
	unsigned char			*out;
	size_t				 outpos, outlen;
	uint64_t			 insize;	/* file size */
	uint64_t			 inread;	/* bytes read so far */
	uint64_t			 inflated;
	uint64_t			 lastprogress;
	bundle_progress			 progress;
	void				*parg;

	struct buf			 line;
	uint64_t			 lineno;
	crypto_hash_sha256_state	 sha;
	struct bundle_header		 h;
	const struct bundle_format	*fmt;		/* its version's */

	struct change			 c;
	char				**pv;
	size_t				 pcap;
	size_t				 dev;		/* device being read */
	int64_t				 prevseq;	/* its last seq read */
	size_t				 range;
	uint64_t			*formcount;
	size_t				 form;		/* last form seen */
	int64_t				 maxhlc;
	uint64_t			 count;
	uint64_t			 body;
	bool				 started;	/* a change was read */
	int				 state;		/* 0 reading, 1 done,
							   -1 failed */
};

/* Sets *cause to "'NAME': line N: why" and fails the reader. */
static int
fail_line(struct bundle_reader *r, char **cause, const char *why)
{
	*cause = xasprintf(_("'%s': line %llu: %s"), r->name,
	    (unsigned long long)r->lineno, why);
	r->state = -1;
	return -1;
}

/* Sets *cause to "'NAME': why" (already formatted) and fails. */
static int
fail_msg(struct bundle_reader *r, char **cause, char *msg)
{
	*cause = xasprintf("'%s': %s", r->name, msg);
	free(msg);
	r->state = -1;
	return -1;
}

/* Reads more compressed input; 0, or -1 on a read error. */
static int
fill(struct bundle_reader *r, char **cause)
{
	size_t		n, keep;
	uint64_t	skip;
	int		rc;

	if (r->v2 != NULL) {
		if ((rc = bundle_unseal_next(r->v2, r->in + HIST, &n,
		    cause)) < 0) {
			r->state = -1;
			return -1;
		}
		if (rc == 0)
			r->eof = true;
		r->lastn = n;
		r->z.next_in = r->in + HIST;
		r->z.avail_in = (uInt)n;
		r->inread += n;
		goto progress;
	}
	if (r->mem != NULL) {
		r->z.next_in = (unsigned char *)(uintptr_t)r->mem;
		r->z.avail_in = (uInt)r->memlen;
		r->inread = r->memlen;
		r->eof = true;
		if (r->memlen > BUNDLE_HEAD_LEN)
			crypto_hash_sha256_update(&r->sealsha,
			    r->mem + BUNDLE_HEAD_LEN,
			    r->memlen - BUNDLE_HEAD_LEN);
		return 0;
	}
	keep = r->histlen + r->lastn < HIST ? r->histlen + r->lastn : HIST;
	memmove(r->in + HIST - keep, r->in + HIST + r->lastn - keep, keep);
	r->histlen = keep;
	n = fread(r->in + HIST, 1, IN_SIZE, r->f);
	if (n < IN_SIZE && ferror(r->f))
		return fail_msg(r, cause, xasprintf(_("cannot read: %s"),
		    strerror(errno)));
	if (n == 0)
		r->eof = true;
	r->lastn = n;
	skip = r->inread < BUNDLE_HEAD_LEN ? BUNDLE_HEAD_LEN - r->inread : 0;
	if (skip < n)
		crypto_hash_sha256_update(&r->sealsha, r->in + HIST + skip,
		    n - skip);
	r->z.next_in = r->in + HIST;
	r->z.avail_in = (uInt)n;
	r->inread += n;
progress:
	if (r->progress != NULL && r->inread - r->lastprogress >= (1 << 20)) {
		r->lastprogress = r->inread;
		r->progress(r->parg, r->inread, r->insize);
	}
	return 0;
}

/* The offset in the file of the next compressed byte to inflate. */
static uint64_t
in_offset(const struct bundle_reader *r)
{
	return r->inread - r->z.avail_in;
}

/* After Z_STREAM_END: nothing may follow. */
static int
check_end(struct bundle_reader *r, char **cause)
{
	uint64_t	extra, at = in_offset(r);
	unsigned char	md[BUNDLE_SEAL_LEN];

	extra = r->z.avail_in;
	if (r->mem == NULL) {
		while (!r->eof) {
			if (fill(r, cause) != 0)
				return -1;
			extra += r->z.avail_in;
		}
	}
	if (extra > 0)
		return fail_msg(r, cause, xasprintf(_("%llu unexpected bytes "
		    "after the end of the bundle at byte %llu"),
		    (unsigned long long)extra, (unsigned long long)at));
	if (r->v2 != NULL)
		return 0;
	crypto_hash_sha256_final(&r->sealsha, md);
	if (sodium_memcmp(md, r->seal, sizeof md) != 0)
		return fail_msg(r, cause, xstrdup(_("damaged: its bytes do not "
		    "match the seal in its gzip header")));
	return 0;
}

/*
 * Just after the end of the last deflate block (inflate with Z_BLOCK
 * stops there): the unused bits that pad its last byte must be zero, as
 * zlib writes them, or a flipped padding bit would go unseen by the CRC
 * and the digest.  The low bits of data_type count the unused bits.
 */
static int
check_padding(struct bundle_reader *r, char **cause)
{
	const unsigned char	*p, *lo;
	unsigned		 bits, pad, nb;

	r->padded = true;
	bits = (unsigned)r->z.data_type & 63;
	pad = bits & 7;
	nb = bits >> 3;
	lo = r->mem != NULL ? r->mem : r->in + HIST - r->histlen;
	p = r->z.next_in - 1 - nb;
	if (pad == 0)
		return 0;
	if (p < lo || (*p >> (8 - pad)) != 0)
		return fail_msg(r, cause, xasprintf(_("damaged near byte %llu "
		    "of the file (padding bits)"),
		    (unsigned long long)(in_offset(r) - 1 - nb)));
	return 0;
}

/* Inflates the next block into r->out; 0, or -1. */
static int
inflate_more(struct bundle_reader *r, char **cause)
{
	int	zr;

	for (;;) {
		if (r->z.avail_in == 0 && !r->eof && fill(r, cause) != 0)
			return -1;
		if (r->z.avail_in == 0 && r->eof)
			return fail_msg(r, cause, xasprintf(_("truncated: the "
			    "file ends at byte %llu, inside the compressed "
			    "data"), (unsigned long long)r->inread));
		r->z.next_out = r->out;
		r->z.avail_out = OUT_SIZE;
		zr = inflate(&r->z, r->padded ? Z_NO_FLUSH : Z_BLOCK);
		r->outpos = 0;
		r->outlen = OUT_SIZE - r->z.avail_out;
		r->inflated += r->outlen;
		if (r->inflated > r->lim.max_inflated)
			return fail_msg(r, cause, xasprintf(_("inflates to "
			    "more than %llu bytes; refused as a possible "
			    "decompression bomb"),
			    (unsigned long long)r->lim.max_inflated));
		if (!r->padded && zr == Z_OK &&
		    (r->z.data_type & 192) == 192 &&
		    check_padding(r, cause) != 0)
			return -1;
		if (zr == Z_STREAM_END) {
			if (!r->padded)
				return fail_msg(r, cause, xstrdup(_("the end of "
				    "the compressed data was not seen")));
			r->zend = true;
			return check_end(r, cause);
		}
		if (zr == Z_NEED_DICT || zr == Z_DATA_ERROR)
			return fail_msg(r, cause, xasprintf(_("damaged near "
			    "byte %llu of the file (%s)"),
			    (unsigned long long)in_offset(r),
			    r->z.msg != NULL ? r->z.msg : "?"));
		if (zr == Z_MEM_ERROR)
			fatal("inflate: out of memory");
		if (r->outlen > 0)
			return 0;
	}
}

/*
 * The next line, without its newline, in r->line: 1, 0 at the end of
 * the text (with no partial line), or -1.
 */
static int
next_line(struct bundle_reader *r, char **cause)
{
	unsigned char	*p, *nl;
	size_t		 n;

	buf_reset(&r->line);
	r->lineno++;
	for (;;) {
		if (r->outpos == r->outlen) {
			if (r->zend) {
				if (r->line.len == 0)
					return 0;
				return fail_line(r, cause, _("truncated: the "
				    "last line has no newline"));
			}
			if (inflate_more(r, cause) != 0)
				return -1;
			continue;
		}
		p = r->out + r->outpos;
		nl = memchr(p, '\n', r->outlen - r->outpos);
		n = nl != NULL ? (size_t)(nl - p) : r->outlen - r->outpos;
		buf_add(&r->line, (char *)p, n);
		if (r->line.len > r->lim.max_line) {
			if (r->lineno == 1 && strncmp(r->line.s,
			    BUNDLE_FORMAT "\t", 14) != 0)
				return fail_msg(r, cause, xstrdup(_("not an "
				    "onward bundle (its first line is not an "
				    "'onward-bundle' header)")));
			*cause = xasprintf(_("'%s': line %llu is longer than "
			    "the limit of %zu bytes"), r->name,
			    (unsigned long long)r->lineno, r->lim.max_line);
			r->state = -1;
			return -1;
		}
		r->outpos += n;
		if (nl != NULL) {
			r->outpos++;
			return 1;
		}
	}
}

/*
 * The reader of the version the header line in r->line names, or NULL
 * with *cause naming the file, that version and the versions this
 * program reads.
 */
static const struct bundle_format *
find_format(struct bundle_reader *r, char **cause)
{
	const char	*v = r->line.s + strlen(BUNDLE_FORMAT "\t");
	struct buf	 known = { 0 };
	char		 text[21];
	int64_t		 n;
	size_t		 len, i;

	len = strcspn(v, "\t");
	snprintf(text, sizeof text, "%.*s", (int)(len < 20 ? len : 20), v);
	if (len < sizeof text && bundle_parse_int(text, &n)) {
		for (i = 0; i < nitems(formats); i++) {
			if (formats[i].version == n)
				return &formats[i];
		}
	}
	for (i = 0; i < nitems(formats); i++)
		buf_addf(&known, "%s%d", i > 0 ? ", " : "",
		    formats[i].version);
	*cause = xasprintf(_("'%s': format version '%s' is not one this "
	    "onward reads (versions it reads: %s); a newer onward wrote it"),
	    r->name, text, known.s);
	buf_free(&known);
	return NULL;
}

/*
 * Format 2: the signature, sender and sealed key (bundle-seal.c), then a
 * zlib stream from the decrypted chunks.  key: the writer reading back.
 */
static int
open_sealed(struct bundle_reader *r, const struct bundle_trust *t,
    const unsigned char *key, char **cause)
{
	if (t == NULL) {
		*cause = xasprintf(_("'%s' is a signed and sealed bundle "
		    "(format 2); this store has no keys to check and open it"),
		    r->name);
		return -1;
	}
	if ((r->v2 = bundle_unseal_open(r->name, r->f, r->mem, r->memlen, t,
	    key, cause)) == NULL)
		return -1;
	r->padded = true;
	if (r->in == NULL)
		r->in = xmalloc(HIST + IN_SIZE);
	if (fill(r, cause) != 0)
		return -1;
	if (inflateInit2(&r->z, 15) != Z_OK)
		fatal("inflateInit2 failed");
	r->zinit = true;
	return 0;
}

/* Format 1: the fixed gzip header and its seal, then the gzip stream. */
static int
open_gzip(struct bundle_reader *r, char **cause)
{
	const char	*name = r->name;

	crypto_hash_sha256_init(&r->sealsha);
	if (fill(r, cause) != 0)
		return -1;
	if (r->z.avail_in < 2 || memcmp(r->z.next_in, "\x1f\x8b", 2) != 0) {
		*cause = xasprintf(r->z.avail_in == 0 ? _("'%s' is empty, "
		    "not an onward bundle") : _("'%s' is not an onward "
		    "bundle (it is not gzip data)"), name);
		return -1;
	}
	if (memcmp(r->z.next_in, BUNDLE_GZIP_HEADER, r->z.avail_in <
	    BUNDLE_GZIP_HEADER_LEN ? r->z.avail_in : BUNDLE_GZIP_HEADER_LEN)
	    != 0) {
		*cause = xasprintf(_("'%s' is not an onward bundle, or is "
		    "damaged in its first %d bytes (its gzip header is not "
		    "the one onward writes)"), name, BUNDLE_GZIP_HEADER_LEN);
		return -1;
	}
	if (r->z.avail_in < BUNDLE_HEAD_LEN) {
		*cause = xasprintf(_("'%s': truncated: the file ends at byte "
		    "%u, inside the gzip header"), name, r->z.avail_in);
		return -1;
	}
	memcpy(r->seal, r->z.next_in + BUNDLE_GZIP_HEADER_LEN,
	    BUNDLE_SEAL_LEN);
	if (inflateInit2(&r->z, 15 + 16) != Z_OK)
		fatal("inflateInit2 failed");
	r->zinit = true;
	return 0;
}

/* Opens a reader on a file or memory and reads the header. */
static struct bundle_reader *
reader_open(const char *name, FILE *f, const void *mem, size_t memlen,
    uint64_t insize, const struct bundle_limits *lim,
    const struct bundle_trust *t, const unsigned char *key, char **cause)
{
	struct bundle_reader	*r;
	char			*why = NULL;
	int			 rc;

	bundle_sodium_init();
	r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->f = f;
	r->mem = mem;
	r->memlen = memlen;
	r->insize = insize;
	if (lim != NULL)
		r->lim = *lim;
	else {
		r->lim.max_inflated = BUNDLE_MAX_INFLATED;
		r->lim.max_line = BUNDLE_MAX_LINE;
	}
	if (r->mem == NULL)
		r->in = xmalloc(HIST + IN_SIZE);
	r->out = xmalloc(OUT_SIZE);
	if (bundle_is_sealed(f, mem, memlen) ? open_sealed(r, t, key, cause) != 0 :
	    open_gzip(r, cause) != 0)
		goto fail;
	crypto_hash_sha256_init(&r->sha);
	if ((rc = next_line(r, cause)) < 0)
		goto fail;
	if (rc == 0) {
		*cause = xasprintf(_("'%s' is not an onward bundle (it holds "
		    "no text)"), name);
		goto fail;
	}
	crypto_hash_sha256_update(&r->sha, (unsigned char *)r->line.s,
	    r->line.len);
	crypto_hash_sha256_update(&r->sha, (const unsigned char *)"\n", 1);
	if (strncmp(r->line.s, BUNDLE_FORMAT "\t", 14) != 0) {
		*cause = xasprintf(_("'%s' is not an onward bundle (its first "
		    "line is not an 'onward-bundle' header)"), name);
		goto fail;
	}
	if ((r->fmt = find_format(r, cause)) == NULL)
		goto fail;
	if (r->fmt->parse_header(r->line.s, &r->h, &why) != 0) {
		*cause = xasprintf(_("'%s': line 1: the header is damaged: %s"),
		    name, why);
		free(why);
		goto fail;
	}
	r->h.format = r->v2 != NULL ? 2 : 1;
	r->h.is_signed = r->v2 != NULL;
	if (r->v2 != NULL)
		memcpy(r->h.sender, bundle_unseal_sender(r->v2),
		    sizeof r->h.sender);
	if (r->h.size > r->lim.max_inflated) {
		*cause = xasprintf(_("'%s': its header declares %llu bytes of "
		    "changes, beyond the limit of %llu; refused"), name,
		    (unsigned long long)r->h.size,
		    (unsigned long long)r->lim.max_inflated);
		goto fail;
	}
	r->formcount = xcalloc(r->h.nforms + 1, sizeof *r->formcount);
	return r;

fail:
	bundle_close(r);
	return NULL;
}

/* Opens a file, with the keys of format 2 or the content key; see
 * bundle-int.h. */
struct bundle_reader *
bundle_open_key(const char *path, const struct bundle_limits *lim,
    const struct bundle_trust *t, const unsigned char *key, char **cause)
{
	FILE		*f;
	struct stat	 sb;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf(_("cannot open '%s': %s"), path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf(_("'%s' is not a file"), path);
		fclose(f);
		return NULL;
	}
	return reader_open(path, f, NULL, 0, (uint64_t)sb.st_size, lim, t,
	    key, cause);
}

/* Opens a bundle file; see bundle.h. */
struct bundle_reader *
bundle_open(const char *path, const struct bundle_limits *lim, char **cause)
{
	return bundle_open_key(path, lim, NULL, NULL, cause);
}

/* Opens a bundle file of either format; see bundle.h. */
struct bundle_reader *
bundle_open_trust(const char *path, const struct bundle_limits *lim,
    const struct bundle_trust *t, char **cause)
{
	return bundle_open_key(path, lim, t, NULL, cause);
}

/* Opens a bundle of either format held in memory; see bundle.h. */
struct bundle_reader *
bundle_open_mem_trust(const void *p, size_t len, const char *name,
    const struct bundle_limits *lim, const struct bundle_trust *t,
    char **cause)
{
	if (len == 0) {
		*cause = xasprintf(_("'%s' is empty, not an onward bundle"),
		    name);
		return NULL;
	}
	return reader_open(name, NULL, p, len, len, lim, t, NULL, cause);
}

/* Opens a bundle held in memory; see bundle.h. */
struct bundle_reader *
bundle_open_mem(const void *p, size_t len, const char *name,
    const struct bundle_limits *lim, char **cause)
{
	return bundle_open_mem_trust(p, len, name, lim, NULL, cause);
}

/* The header, checked by bundle_open; owned by the reader. */
const struct bundle_header *
bundle_reader_header(const struct bundle_reader *r)
{
	return &r->h;
}

/* Calls fn now and then with compressed bytes read out of the file size. */
void
bundle_reader_progress(struct bundle_reader *r, bundle_progress fn,
    void *arg)
{
	r->progress = fn;
	r->parg = arg;
}

/* The line number of the last line read. */
uint64_t
bundle_reader_line(const struct bundle_reader *r)
{
	return r->lineno;
}

/* Checks the change in r->c against the header as it goes. */
static int
check_change(struct bundle_reader *r, char **cause)
{
	const struct bundle_device	*d;
	const struct bundle_form	*f;
	const struct change		*c = &r->c;
	char				*msg;
	int				 cmp = 1;
	size_t				 i;

	while (r->dev < r->h.ndevices &&
	    (cmp = strcmp(r->h.devices[r->dev].device, c->device)) < 0) {
		r->dev++;
		r->range = 0;
		r->prevseq = 0;
	}
	if (r->dev == r->h.ndevices || cmp != 0 || c->seq <= r->prevseq)
		goto notinheader;
	r->prevseq = c->seq;
	d = &r->h.devices[r->dev];
	while (r->range < d->nranges && d->ranges[r->range].last < c->seq)
		r->range++;
	if (r->range == d->nranges || d->ranges[r->range].first > c->seq)
		goto notinheader;

	f = r->form < r->h.nforms ? &r->h.forms[r->form] : NULL;
	if (f == NULL || f->version != c->form_version ||
	    strcmp(f->form, c->form) != 0) {
		for (i = 0; i < r->h.nforms; i++) {
			f = &r->h.forms[i];
			if (f->version == c->form_version &&
			    strcmp(f->form, c->form) == 0)
				break;
		}
		if (i == r->h.nforms) {
			msg = xasprintf(_("form '%s' version %d is not in the "
			    "header's list of forms"), c->form,
			    c->form_version);
			fail_line(r, cause, msg);
			free(msg);
			return -1;
		}
		r->form = i;
	}
	if (++r->formcount[r->form] > r->h.forms[r->form].changes)
		return fail_line(r, cause, _("more changes of this form than "
		    "the header says"));
	if (c->hlc > r->maxhlc)
		r->maxhlc = c->hlc;
	return 0;

notinheader:
	msg = xasprintf(_("change %s:%lld is out of order or not in the "
	    "header's ranges"), c->device, (long long)c->seq);
	fail_line(r, cause, msg);
	free(msg);
	return -1;
}

/* Checks the trailer in r->line and everything the header promised. */
static int
check_trailer(struct bundle_reader *r, char **cause)
{
	unsigned char	 md[crypto_hash_sha256_BYTES];
	char		 want[96], tbuf[32];
	size_t		 i;
	int		 rc;

	crypto_hash_sha256_final(&r->sha, md);
	for (i = 0; i < sizeof md; i++)
		snprintf(r->h.digest + 2 * i, 3, "%02x", md[i]);
	snprintf(want, sizeof want, "%s\tchanges=%llu\tsha256=", BUNDLE_TRAILER,
	    (unsigned long long)r->count);
	if (strncmp(r->line.s, want, strlen(want)) != 0)
		return fail_line(r, cause, _("the trailer is damaged or its "
		    "count of changes is wrong"));
	if (strcmp(r->line.s + strlen(want), r->h.digest) != 0)
		return fail_msg(r, cause, xstrdup(_("the digest does not "
		    "match: the contents are not what was written")));
	if (r->count != r->h.changes || r->body != r->h.size)
		return fail_msg(r, cause, xasprintf(_("the header says %llu "
		    "changes in %llu bytes, but the bundle carries %llu in "
		    "%llu"), (unsigned long long)r->h.changes,
		    (unsigned long long)r->h.size,
		    (unsigned long long)r->count,
		    (unsigned long long)r->body));
	/*
	 * Each device's and each form's count is then right too: no count
	 * exceeds the header's (check_change), every change adds to one of
	 * each, and the header's counts add up to its total (its parser).
	 */
	bundle_hlc_time(r->maxhlc, tbuf, sizeof tbuf);
	if (strcmp(tbuf, r->h.time) != 0)
		return fail_msg(r, cause, xasprintf(_("the header's time %s "
		    "is not the time of its newest change (%s)"), r->h.time,
		    tbuf));
	if ((rc = next_line(r, cause)) < 0)
		return -1;
	if (rc > 0)
		return fail_line(r, cause, _("text after the trailer"));
	if (r->progress != NULL)
		r->progress(r->parg, r->insize, r->insize);
	r->state = 1;
	return 0;
}

/* The next change, or 0 at the verified end; see bundle.h. */
int
bundle_read(struct bundle_reader *r, const struct change **c, char **cause)
{
	const char	*why;
	char		*tmp;
	int		 rc;

	if (r->state == 1)
		return 0;
	if (r->state < 0) {
		*cause = xasprintf(_("'%s': already failed"), r->name);
		return -1;
	}
	if ((rc = next_line(r, cause)) < 0)
		return -1;
	if (rc == 0)
		return fail_msg(r, cause, xasprintf(_("truncated: no trailer "
		    "after line %llu"), (unsigned long long)r->lineno - 1));
	if (strncmp(r->line.s, BUNDLE_TRAILER "\t", 4) == 0) {
		if (check_trailer(r, cause) != 0)
			return -1;
		return 0;
	}
	crypto_hash_sha256_update(&r->sha, (unsigned char *)r->line.s,
	    r->line.len);
	crypto_hash_sha256_update(&r->sha, (const unsigned char *)"\n", 1);
	if (!utf8_valid(r->line.s, r->line.len) ||
	    memchr(r->line.s, '\0', r->line.len) != NULL)
		return fail_line(r, cause, _("not UTF-8 text"));
	if ((why = r->fmt->parse_change(r->line.s, &r->c, &r->pv, &r->pcap,
	    &tmp)) != NULL) {
		rc = fail_line(r, cause, why);
		free(tmp);
		return rc;
	}
	r->body += r->line.len + 1;
	if (r->body > r->h.size)
		return fail_msg(r, cause, xasprintf(_("the changes take more "
		    "than the %llu bytes the header says"),
		    (unsigned long long)r->h.size));
	if (++r->count > r->h.changes)
		return fail_line(r, cause, _("more changes than the header "
		    "says"));
	if (check_change(r, cause) != 0)
		return -1;
	*c = &r->c;
	return 1;
}

/* Closes the reader and frees all it owns. */
void
bundle_close(struct bundle_reader *r)
{
	if (r == NULL)
		return;
	if (r->zinit)
		inflateEnd(&r->z);
	bundle_unseal_free(r->v2);
	if (r->f != NULL)
		fclose(r->f);
	free(r->in);
	free(r->out);
	free(r->name);
	buf_free(&r->line);
	bundle_header_free(&r->h);
	free(r->pv);
	free(r->formcount);
	free(r);
}

/* Reads every change of r to the verified end, then closes it. */
int
bundle_reader_verify(struct bundle_reader *r, struct bundle_header *h, char **cause)
{
	const struct change	*c;
	int			 rc;

	while ((rc = bundle_read(r, &c, cause)) == 1)
		continue;
	if (rc == 0 && h != NULL) {
		*h = r->h;
		memset(&r->h, 0, sizeof r->h);
	}
	bundle_close(r);
	return rc;
}

/* Reads a whole bundle with every check; see bundle.h. */
int
bundle_verify(const char *path, const struct bundle_limits *lim,
    struct bundle_header *h, char **cause)
{
	return bundle_verify_trust(path, lim, NULL, h, cause);
}
