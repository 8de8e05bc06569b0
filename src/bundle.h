/*
 * bundle: the sync bundle file (onward-bundle(5)): a stream of UTF-8
 * lines, a header, one change a line in (device, seq) order, and a
 * trailer with the count and a SHA-256 of everything before it.  Format 1
 * gzips the lines; format 2 deflates them, encrypts them with
 * crypto_secretstream under a random key sealed to each recipient, and
 * signs the whole file with the sender's Ed25519 key (bundle-seal.c).
 *
 * Owns: the canonical text of a change, the header and trailer, the fixed
 * gzip framing, the digest, writing a bundle atomically and durably, and
 * reading one back with every check (truncation, damage, digest, version,
 * counts, limits against decompression bombs).
 * Never: speaks SQL, draws, or decides what a change means (the store
 * does; see store-sync.c).  It depends on change.h, util and i18n only,
 * never on the store, which uses it.
 *
 * Functions that can fail return -1 (or NULL) with *cause set to a
 * translated message naming the file, that the caller frees.
 */
#ifndef ONWARD_BUNDLE_H
#define ONWARD_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "keys.h"

#define BUNDLE_FORMAT	"onward-bundle"
#define BUNDLE_VERSION	1	/* the version written; bundle-read.c
				   reads each version in its table */
#define BUNDLE_SUFFIX	".onward"

/* Default limits: the inflated text (a bundle of a million changes is
 * about 150 MB) and one line (the writer refuses a longer change, so a
 * store never writes a bundle it cannot read). */
#define BUNDLE_MAX_INFLATED	((uint64_t)4 << 30)
#define BUNDLE_MAX_LINE		((size_t)16 << 20)

struct bundle_limits {
	uint64_t	max_inflated;	/* refuse beyond this many bytes */
	size_t		max_line;	/* refuse a longer line */
};

/* A run of sequence numbers first..last (inclusive) of one device. */
struct bundle_range {
	int64_t	first;
	int64_t	last;
};

struct bundle_device {
	char			*device;
	struct bundle_range	*ranges;	/* increasing, never adjacent */
	size_t			 nranges;
	uint64_t		 changes;	/* sum of the ranges' sizes */
};

struct bundle_form {
	char		*form;
	int		 version;
	uint64_t	 changes;
};

struct bundle_header {
	int			 version;
	char			*origin;	/* device id of the writer */
	char			*site;		/* "" when unset */
	char			*worker;	/* "" when unset */
	char			*time;		/* ISO 8601 UTC of the newest
						   change carried (hlc) */
	uint64_t		 changes;
	uint64_t		 size;		/* bytes of the change lines */
	struct bundle_device	*devices;	/* sorted by device */
	size_t			 ndevices;
	struct bundle_form	*forms;		/* sorted by form, version */
	size_t			 nforms;
	char			 digest[65];	/* SHA-256, lower-case hex,
						   once read or written */
	int			 format;	/* of the file: 1 gzip,
						   2 signed and sealed */
	bool			 is_signed;	/* format 2: signature and
						   sender checked */
	unsigned char		 sender[KEYS_SIGN_PK];	/* format 2: the
						   signer's public key */
};
void	bundle_header_free(struct bundle_header *);

/* Called now and then with work done out of total (changes when writing,
 * compressed bytes when reading). */
typedef void (*bundle_progress)(void *arg, uint64_t done, uint64_t total);

/*
 * Where the writer takes changes from.  It reads them twice (once to
 * count, once to write), so rewind starts again from the first; next
 * returns 1 with *c (borrowed until the next call), 0 at the end, or -1
 * with *cause.  Changes must come in (device, seq) order.
 */
struct bundle_source {
	int	(*rewind)(void *arg, char **cause);
	int	(*next)(void *arg, const struct change **c, char **cause);
	void	 *arg;
};

/*
 * The keys of a format-2 bundle: the sender's Ed25519 secret key signs
 * the file, and the content key is sealed to each recipient's X25519
 * public key (all headquarters keys plus any extra; at least one).
 */
#define BUNDLE_MAX_RECIPIENTS	64
struct bundle_keys {
	const unsigned char	*sign_sk;	/* KEYS_SIGN_SK bytes */
	const unsigned char	(*to)[KEYS_BOX_PK];
	size_t			 nto;
};

/* Who writes: copied into the header (inside the encryption in format
 * 2). */
struct bundle_meta {
	const char	*origin;
	const char	*site;		/* NULL: "" */
	const char	*worker;	/* NULL: "" */
};

/*
 * What a reader of format 2 needs: its own X25519 pair (the content key
 * must be sealed to box_pk) and who it trusts: trusted is called with the
 * sender's Ed25519 public key once the signature is checked, and returns
 * true to go on.
 */
struct bundle_trust {
	const unsigned char	*box_pk;	/* KEYS_BOX_PK bytes */
	const unsigned char	*box_sk;	/* KEYS_BOX_SK bytes */
	bool			(*trusted)(void *arg,
				    const unsigned char pk[KEYS_SIGN_PK]);
	void			*arg;
};

/*
 * Writes a bundle of format 1 to path: to a temporary name in the same
 * folder, then flushed to disk, renamed, the
 * folder flushed, and the file read back and verified.  On success fills *h (caller frees with
 * bundle_header_free) and returns 0; on failure leaves no file behind.
 */
int	bundle_write(const char *path, const struct bundle_meta *,
	    const struct bundle_source *, bundle_progress, void *parg,
	    struct bundle_header *h, char **cause);
/* Test-only seam: the same bytes into memory (*out, caller frees). */
int	bundle_write_mem(const struct bundle_meta *,
	    const struct bundle_source *, void **out, size_t *outlen,
	    struct bundle_header *h, char **cause);
/* The same in format 2, signed and sealed with keys (format 1 when keys
 * is NULL). */
int	bundle_write_sealed(const char *path, const struct bundle_meta *,
	    const struct bundle_keys *keys, const struct bundle_source *,
	    bundle_progress, void *parg, struct bundle_header *h,
	    char **cause);
int	bundle_write_mem_sealed(const struct bundle_meta *,
	    const struct bundle_keys *keys, const struct bundle_source *,
	    void **out, size_t *outlen, struct bundle_header *h,
	    char **cause);

/* Test-only seam: gzips any text exactly as a bundle is framed (fixed
 * header, seal), for tests and fuzzing, which build bundles by hand.
 * *out: caller frees. */
void	bundle_gzip_text(const void *text, size_t len, void **out,
	    size_t *outlen);

/* Test-only seam: a source over an array of changes, which
 * bundle_sort_changes puts in (device, seq) order. */
struct bundle_array {
	struct change	*v;
	size_t		 n;
	size_t		 i;
};
void	bundle_array_source(struct bundle_array *, struct bundle_source *);
void	bundle_sort_changes(struct change *, size_t);

/*
 * Reading.  bundle_open reads and checks the header; bundle_read then
 * returns 1 with the next change in *c (owned by the reader, valid until
 * the next call), 0 once the trailer, digest, counts and the end of the
 * file have all been checked, or -1 with *cause (no change read so far
 * may then be kept).  name is used in messages.  lim NULL: the defaults.
 */
struct bundle_reader;
struct bundle_reader	*bundle_open(const char *path,
			    const struct bundle_limits *, char **cause);
/* Test-only seam: bundle_open on bytes in memory. */
struct bundle_reader	*bundle_open_mem(const void *, size_t,
			    const char *name, const struct bundle_limits *,
			    char **cause);
/*
 * The same, reading format 2 too: first the signature over the whole
 * file and the sender (t->trusted), then the content key sealed to
 * t->box_pk, then the decryption, then every check of format 1.  Without
 * t (or with bundle_open) a format-2 bundle is refused.  The header says
 * which format was read and whether it was signed.
 */
struct bundle_reader	*bundle_open_trust(const char *path,
			    const struct bundle_limits *,
			    const struct bundle_trust *t, char **cause);
struct bundle_reader	*bundle_open_mem_trust(const void *, size_t,
			    const char *name, const struct bundle_limits *,
			    const struct bundle_trust *t, char **cause);
const struct bundle_header *bundle_reader_header(const struct bundle_reader *);
void			 bundle_reader_progress(struct bundle_reader *,
			    bundle_progress, void *);
int			 bundle_read(struct bundle_reader *,
			    const struct change **c, char **cause);
/* Line number of the change last read, for messages. */
uint64_t		 bundle_reader_line(const struct bundle_reader *);
void			 bundle_close(struct bundle_reader *);

/* Reads a whole bundle with every check; fills *h (caller frees) if not
 * NULL. */
int	bundle_verify(const char *path, const struct bundle_limits *,
	    struct bundle_header *h, char **cause);
int	bundle_verify_trust(const char *path, const struct bundle_limits *,
	    const struct bundle_trust *, struct bundle_header *h,
	    char **cause);

/* Checks a change for what the format requires (ids, numbers, UTF-8);
 * NULL when fine, else a translated reason (static, not freed). */
const char	*bundle_change_problem(const struct change *);
/* Formats an hlc's wall time as ISO 8601 UTC into buf (21 bytes). */
void		 bundle_hlc_time(int64_t hlc, char *buf, size_t len);
/* Compares two changes by (device, seq). */
int		 bundle_change_cmp(const struct change *,
		     const struct change *);
/* True when a and b have the same content (parents compared as sets). */
bool		 bundle_change_equal(const struct change *,
		     const struct change *);

#endif
