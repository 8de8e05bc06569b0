/*
 * bundle-write.c: writing a bundle.  The changes are read twice from
 * their source: once to build the header (ranges, counts, forms, size),
 * once to write.  The file is written under a temporary name in the
 * target folder, flushed, renamed, the folder flushed, and read back with
 * every check before the caller may count it as exported.  Format 2
 * deflates the same lines (zlib, no gzip header) and hands the deflated
 * bytes to bundle-seal.c, which encrypts and signs them.
 *
 * Level 6 was chosen by measurement (onward-bundle(5)): on 200,000
 * change lines it gave 1.6% more than level 9 at twice its speed, and 24%
 * less than level 1.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "bundle-int.h"
#include "fault.h"
#include "i18n.h"
#include "util.h"

#define OUT_SIZE	(64 * 1024)

/* Where the compressed bytes go: a file or memory. */
struct sink {
	FILE				*f;
	struct buf			*mem;
	z_stream			 z;
	unsigned char			 out[OUT_SIZE];
	crypto_hash_sha256_state	 sha;
	crypto_hash_sha256_state	 seal;		/* of the bytes after
							   the gzip header */
	uint64_t			 written;
	unsigned char			 extra[4 + BUNDLE_SEAL_LEN];
	gz_header			 gz;
	int				 error;		/* errno of a failed write */
	struct bundle_seal		*v2;		/* format 2, or NULL */
	struct buf			 sealed;	/* its bytes to write */
};

/* libsodium wants sodium_init() before use; it is idempotent. */
void
bundle_sodium_init(void)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot be initialised");
}

/* Adds output bytes to the seal, skipping the gzip header. */
static void
seal_add(struct sink *s, const unsigned char *p, size_t len)
{
	size_t	skip = 0;

	if (s->written < BUNDLE_HEAD_LEN)
		skip = BUNDLE_HEAD_LEN - s->written < len ?
		    BUNDLE_HEAD_LEN - s->written : len;
	crypto_hash_sha256_update(&s->seal, p + skip, len - skip);
	s->written += len;
}

/* Writes bytes as they are to the file or memory. */
static int
sink_raw(struct sink *s, const void *p, size_t len)
{
	if (len > 0 && s->mem != NULL)
		buf_add(s->mem, p, len);
	else if (len > 0 && (fault_write() || fwrite(p, 1, len, s->f) !=
	    len)) {
		s->error = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

/* Writes what format 2's sealing has ready. */
static int
sink_sealed(struct sink *s)
{
	int	rc;

	rc = sink_raw(s, s->sealed.s, s->sealed.len);
	buf_reset(&s->sealed);
	return rc;
}

/* Deflated bytes: sealed in format 2, else sealed and written. */
static int
sink_emit(struct sink *s, const unsigned char *p, size_t len)
{
	if (s->v2 != NULL) {
		bundle_seal_add(s->v2, p, len, &s->sealed);
		return sink_sealed(s);
	}
	seal_add(s, p, len);
	return sink_raw(s, p, len);
}

/* Deflates len bytes (and finishes the stream when finish is set). */
static int
sink_put(struct sink *s, const void *p, size_t len, bool finish)
{
	size_t	have;
	int	zr;

	s->z.next_in = (unsigned char *)(uintptr_t)p;
	s->z.avail_in = (uInt)len;
	do {
		s->z.next_out = s->out;
		s->z.avail_out = sizeof s->out;
		zr = deflate(&s->z, finish ? Z_FINISH : Z_NO_FLUSH);
		if (zr == Z_STREAM_ERROR)
			fatal("deflate: stream error");
		have = sizeof s->out - s->z.avail_out;
		if (sink_emit(s, s->out, have) != 0)
			return -1;
	} while (s->z.avail_out == 0 || (finish && zr != Z_STREAM_END));
	if (finish && s->v2 != NULL) {
		bundle_seal_finish(s->v2, &s->sealed);
		return sink_sealed(s);
	}
	return 0;
}

/* Adds a line to the digest and the stream. */
static int
sink_line(struct sink *s, const struct buf *line)
{
	crypto_hash_sha256_update(&s->sha, (unsigned char *)line->s,
	    line->len);
	return sink_put(s, line->s, line->len, false);
}

/* Orders the header's forms by id, then version. */
static int
form_cmp(const void *a, const void *b)
{
	const struct bundle_form	*x = a, *y = b;
	int				 d;

	if ((d = strcmp(x->form, y->form)) != 0)
		return d;
	return x->version < y->version ? -1 : x->version > y->version;
}

/* Pass one: checks order and content, and fills the header. */
static int
count_changes(const struct bundle_meta *m, const struct bundle_keys *keys,
    const struct bundle_source *src, struct bundle_header *h, char **cause)
{
	const struct change	*c;
	struct bundle_device	*d = NULL;
	struct bundle_range	*r;
	struct bundle_form	*f = NULL;
	struct buf		 line = { 0 };
	const char		*why;
	int64_t			 maxhlc = 0;
	size_t			 i;
	char			 tbuf[32];
	int			 rc;

	memset(h, 0, sizeof *h);
	h->version = BUNDLE_VERSION;
	h->format = keys != NULL ? 2 : 1;
	h->is_signed = keys != NULL;
	if (keys != NULL && keys->sign_sk != NULL)
		crypto_sign_ed25519_sk_to_pk(h->sender, keys->sign_sk);
	h->origin = xstrdup(m->origin);
	h->site = xstrdup(m->site != NULL ? m->site : "");
	h->worker = xstrdup(m->worker != NULL ? m->worker : "");
	if (!bundle_device_ok(h->origin) ||
	    !utf8_valid(h->site, strlen(h->site)) ||
	    !utf8_valid(h->worker, strlen(h->worker))) {
		*cause = xstrdup(_("the device id, site or worker of this "
		    "store cannot go in a bundle"));
		return -1;
	}
	if (src->rewind(src->arg, cause) != 0)
		return -1;
	while ((rc = src->next(src->arg, &c, cause)) == 1) {
		if ((why = bundle_change_problem(c)) != NULL) {
			*cause = xasprintf(_("change %s:%lld cannot go in a "
			    "bundle: %s"), c->device != NULL ? c->device : "?",
			    (long long)c->seq, why);
			goto fail;
		}
		if (d == NULL || strcmp(d->device, c->device) != 0) {
			if (d != NULL && strcmp(d->device, c->device) > 0)
				goto order;
			h->devices = xreallocarray(h->devices,
			    h->ndevices + 1, sizeof *h->devices);
			d = &h->devices[h->ndevices++];
			memset(d, 0, sizeof *d);
			d->device = xstrdup(c->device);
		}
		r = d->nranges > 0 ? &d->ranges[d->nranges - 1] : NULL;
		if (r != NULL && c->seq <= r->last)
			goto order;
		if (r != NULL && c->seq == r->last + 1)
			r->last = c->seq;
		else {
			d->ranges = xreallocarray(d->ranges, d->nranges + 1,
			    sizeof *d->ranges);
			r = &d->ranges[d->nranges++];
			r->first = r->last = c->seq;
		}
		d->changes++;
		if (f == NULL || f->version != c->form_version ||
		    strcmp(f->form, c->form) != 0) {
			for (i = 0; i < h->nforms; i++) {
				f = &h->forms[i];
				if (f->version == c->form_version &&
				    strcmp(f->form, c->form) == 0)
					break;
			}
			if (i == h->nforms) {
				h->forms = xreallocarray(h->forms,
				    h->nforms + 1, sizeof *h->forms);
				f = &h->forms[h->nforms++];
				f->form = xstrdup(c->form);
				f->version = c->form_version;
				f->changes = 0;
			}
		}
		f->changes++;
		if (c->hlc > maxhlc)
			maxhlc = c->hlc;
		buf_reset(&line);
		bundle_format_change(&line, c);
		if (line.len > BUNDLE_MAX_LINE) {
			*cause = xasprintf(_("change %s:%lld is longer than "
			    "the %zu bytes a bundle line may hold"), c->device,
			    (long long)c->seq, BUNDLE_MAX_LINE);
			goto fail;
		}
		h->size += line.len;
		h->changes++;
	}
	if (rc != 0)
		goto fail;
	buf_free(&line);
	if (h->nforms > 1)
		qsort(h->forms, h->nforms, sizeof *h->forms, form_cmp);
	bundle_hlc_time(maxhlc, tbuf, sizeof tbuf);
	h->time = xstrdup(tbuf);
	return 0;

order:
	*cause = xasprintf(_("change %s:%lld comes out of (device, seq) "
	    "order"), c->device, (long long)c->seq);
fail:
	buf_free(&line);
	return -1;
}

/* Pass two: the header, every change and the trailer into s. */
static int
encode(const struct bundle_source *src, struct bundle_header *h,
    struct sink *s, bundle_progress progress, void *parg, char **cause)
{
	const struct change	*c;
	struct buf		 line = { 0 };
	unsigned char		 md[crypto_hash_sha256_BYTES];
	uint64_t		 n = 0, size = 0;
	size_t			 i;
	int			 rc;

	crypto_hash_sha256_init(&s->sha);
	bundle_format_header(&line, h);
	if (sink_line(s, &line) != 0)
		goto io;
	if (src->rewind(src->arg, cause) != 0)
		goto fail;
	while ((rc = src->next(src->arg, &c, cause)) == 1) {
		buf_reset(&line);
		bundle_format_change(&line, c);
		size += line.len;
		if (++n > h->changes)
			break;
		if (sink_line(s, &line) != 0)
			goto io;
		if (progress != NULL && (n & 4095) == 0)
			progress(parg, n, h->changes);
	}
	if (rc < 0)
		goto fail;
	if (n != h->changes || size != h->size) {
		*cause = xstrdup(_("the changes moved while they were being "
		    "written; export again"));
		goto fail;
	}
	crypto_hash_sha256_final(&s->sha, md);
	for (i = 0; i < sizeof md; i++)
		snprintf(h->digest + 2 * i, 3, "%02x", md[i]);
	buf_reset(&line);
	buf_addf(&line, "%s\tchanges=%llu\tsha256=%s\n", BUNDLE_TRAILER,
	    (unsigned long long)n, h->digest);
	if (sink_put(s, line.s, line.len, true) != 0)
		goto io;
	if (progress != NULL)
		progress(parg, n, h->changes);
	buf_free(&line);
	return 0;

io:
	*cause = xasprintf(_("cannot write the bundle: %s"),
	    strerror(s->error));
fail:
	buf_free(&line);
	return -1;
}

/* Sets up the gzip stream with its fixed header, the seal left zero to
 * be filled in by seal_finish; or with keys, format 2's zlib stream and
 * its clear header.  0, or -1 with *cause when the keys will not do. */
static int
sink_init(struct sink *s, const struct bundle_keys *keys, char **cause)
{
	memset(&s->z, 0, sizeof s->z);
	if (keys != NULL) {
		if ((s->v2 = bundle_seal_begin(keys, &s->sealed,
		    cause)) == NULL)
			return -1;
		if (deflateInit2(&s->z, BUNDLE_LEVEL, Z_DEFLATED, 15, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			fatal("deflateInit2 failed");
		if (sink_sealed(s) != 0) {
			*cause = xasprintf(_("cannot write the bundle: %s"),
			    strerror(s->error));
			return -1;
		}
		return 0;
	}
	if (deflateInit2(&s->z, BUNDLE_LEVEL, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		fatal("deflateInit2 failed");
	memset(&s->gz, 0, sizeof s->gz);
	memset(s->extra, 0, sizeof s->extra);
	memcpy(s->extra, "OB\x20\x00", 4);
	s->gz.os = 3;
	s->gz.extra = s->extra;
	s->gz.extra_len = sizeof s->extra;
	if (deflateSetHeader(&s->z, &s->gz) != Z_OK)
		fatal("deflateSetHeader failed");
	crypto_hash_sha256_init(&s->seal);
	s->written = 0;
	return 0;
}

/* Frees what sink_init made beyond the stream. */
static void
sink_free(struct sink *s)
{
	bundle_seal_free(s->v2);
	buf_free(&s->sealed);
	free(s);
}

/* The seal, once everything is written. */
static void
seal_finish(struct sink *s, unsigned char md[BUNDLE_SEAL_LEN])
{
	crypto_hash_sha256_final(&s->seal, md);
}

/* The bytes of a bundle in memory; see bundle.h. */
int
bundle_write_mem(const struct bundle_meta *m, const struct bundle_source *src,
    void **out, size_t *outlen, struct bundle_header *h, char **cause)
{
	return bundle_write_mem_sealed(m, NULL, src, out, outlen, h, cause);
}

/* The bytes of a bundle of either format in memory; see bundle.h. */
int
bundle_write_mem_sealed(const struct bundle_meta *m,
    const struct bundle_keys *keys, const struct bundle_source *src,
    void **out, size_t *outlen, struct bundle_header *h, char **cause)
{
	struct sink	*s;
	struct buf	 mem = { 0 };
	unsigned char	 md[BUNDLE_SEAL_LEN];
	int		 rc;

	bundle_sodium_init();
	if (count_changes(m, keys, src, h, cause) != 0) {
		bundle_header_free(h);
		return -1;
	}

	s = xcalloc(1, sizeof *s);
	s->mem = &mem;
	if (sink_init(s, keys, cause) != 0) {
		sink_free(s);
		buf_free(&mem);
		bundle_header_free(h);
		return -1;
	}
	rc = encode(src, h, s, NULL, NULL, cause);
	deflateEnd(&s->z);
	if (rc == 0 && s->v2 == NULL) {
		seal_finish(s, md);
		if (mem.len < BUNDLE_HEAD_LEN ||
		    memcmp(mem.s, BUNDLE_GZIP_HEADER, BUNDLE_GZIP_HEADER_LEN) != 0)
			fatal("bundle: zlib wrote an unexpected gzip header");
		memcpy(mem.s + BUNDLE_GZIP_HEADER_LEN, md, sizeof md);
	}
	sink_free(s);
	if (rc != 0) {
		buf_free(&mem);
		bundle_header_free(h);
		return -1;
	}
	*outlen = mem.len;
	*out = buf_detach(&mem);
	return 0;
}

/* Any text gzipped as a bundle is (header, seal); see bundle.h. */
void
bundle_gzip_text(const void *text, size_t len, void **out, size_t *outlen)
{
	struct sink	*s;
	struct buf	 mem = { 0 };
	unsigned char	 md[BUNDLE_SEAL_LEN];

	bundle_sodium_init();
	s = xcalloc(1, sizeof *s);
	s->mem = &mem;
	(void)sink_init(s, NULL, NULL);
	if (sink_put(s, text, len, true) != 0)
		fatal("bundle_gzip_text: cannot write to memory");
	deflateEnd(&s->z);
	seal_finish(s, md);
	memcpy(mem.s + BUNDLE_GZIP_HEADER_LEN, md, sizeof md);
	sink_free(s);
	*outlen = mem.len;
	*out = buf_detach(&mem);
}

/*
 * Removes what an export killed midway left in dir: files of this user
 * named as this writer names its temporary files (".NAME.onward.XXXXXX"),
 * never following a link.  A partial bundle is never left on the stick
 * past the next export to it.
 */
static void
sweep_temp(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	size_t		 len;
	char		*p;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] != '.' || len < 16 ||
		    strncmp(e->d_name + len - 14, ".onward.", 8) != 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == getuid())
			(void)unlink(p);
		free(p);
	}
	closedir(d);
}

/* Flushes the folder holding path, so a rename survives a power cut. */
static int
sync_dir(const char *dir)
{
	int	fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
		rc = -1;
	close(fd);
	return rc;
}

/* Format 1: writes the seal into the gzip header.  Both: flushes the
 * file to disk.  0, or -1 with errno. */
static int
sink_end(struct sink *s)
{
	unsigned char	md[BUNDLE_SEAL_LEN];

	if (s->v2 == NULL) {
		seal_finish(s, md);
		if (fseek(s->f, BUNDLE_GZIP_HEADER_LEN, SEEK_SET) != 0 ||
		    fwrite(md, 1, sizeof md, s->f) != sizeof md)
			return -1;
	}
	if (fflush(s->f) != 0 || fault_write() || fsync(fileno(s->f)) != 0)
		return -1;
	return 0;
}

/* Reads the file back with every check, format 2 with the content key
 * and the sender's own key; 0, or -1 with *why (caller frees). */
static int
read_back(const char *path, struct sink *s, const struct bundle_header *h,
    char **why)
{
	struct bundle_header	back;
	int			rc;

	if (s->v2 != NULL)
		rc = bundle_verify_key(path, bundle_seal_key(s->v2), h->sender,
		    &back, why);
	else
		rc = bundle_verify(path, NULL, &back, why);
	if (rc == 0 && (strcmp(back.digest, h->digest) != 0 ||
	    back.changes != h->changes))
		rc = -1;
	bundle_header_free(&back);
	return rc;
}

/* Writes, flushes, renames and verifies; see bundle.h. */
int
bundle_write(const char *path, const struct bundle_meta *m,
    const struct bundle_source *src, bundle_progress progress, void *parg,
    struct bundle_header *h, char **cause)
{
	return bundle_write_sealed(path, m, NULL, src, progress, parg, h,
	    cause);
}

/* The same in either format; see bundle.h. */
int
bundle_write_sealed(const char *path, const struct bundle_meta *m,
    const struct bundle_keys *keys, const struct bundle_source *src,
    bundle_progress progress, void *parg, struct bundle_header *h,
    char **cause)
{
	struct sink		*s = NULL;
	const char		*slash, *base;
	char			*dir, *tmp, *why = NULL;
	int			 fd, rc = -1, saved;

	bundle_sodium_init();
	if ((slash = strrchr(path, '/')) != NULL) {
		dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		base = slash + 1;
	} else {
		dir = xstrdup(".");
		base = path;
	}
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	if (count_changes(m, keys, src, h, cause) != 0) {
		free(dir);
		free(tmp);
		bundle_header_free(h);
		return -1;
	}
	sweep_temp(dir);
	if ((fd = mkstemp(tmp)) < 0) {
		*cause = xasprintf(_("cannot create a file in '%s': %s"), dir,
		    strerror(errno));
		goto out;
	}
	s = xcalloc(1, sizeof *s);
	if ((s->f = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		close(fd);
		unlink(tmp);
		*cause = xasprintf(_("cannot write '%s': %s"), tmp,
		    strerror(saved));
		goto out;
	}
	if (sink_init(s, keys, cause) != 0 ||
	    encode(src, h, s, progress, parg, &why) != 0) {
		deflateEnd(&s->z);
		fclose(s->f);
		unlink(tmp);
		if (why != NULL)
			*cause = xasprintf("'%s': %s", path, why);
		free(why);
		goto out;
	}
	deflateEnd(&s->z);
	if (sink_end(s) != 0) {
		saved = errno;
		fclose(s->f);
		unlink(tmp);
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(saved));
		goto out;
	}
	if (fclose(s->f) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(saved));
		goto out;
	}
	if (sync_dir(dir) != 0) {
		saved = errno;
		unlink(path);
		*cause = xasprintf(_("cannot flush the folder '%s': %s"), dir,
		    strerror(saved));
		goto out;
	}
	if (read_back(path, s, h, &why) != 0) {
		unlink(path);
		*cause = xasprintf(_("the bundle '%s' did not read back as "
		    "written, so it was removed (is the stick failing or "
		    "full?): %s"), path, why != NULL ? why :
		    _("different contents"));
		free(why);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		bundle_header_free(h);
	if (s != NULL)
		sink_free(s);
	free(dir);
	free(tmp);
	return rc;
}
