/*
 * bundle-int.h: what the files of the bundle module share and nothing
 * outside it may use: the text of lines (bundle.c), used by the writer
 * (bundle-write.c) and the reader (bundle-read.c).
 */
#ifndef ONWARD_BUNDLE_INT_H
#define ONWARD_BUNDLE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bundle.h"
#include "util.h"

/* Fields of a change line, tab-separated. */
#define BUNDLE_NFIELDS	11
/*
 * The gzip header every bundle starts with: deflate, FEXTRA only, no
 * time, XFL 0 (level 6), OS 3 (Unix), then an extra field of 36 bytes
 * holding one subfield "OB" of 32 bytes: the seal, a SHA-256 of every byte
 * of the file after the header (deflate data, CRC-32, length), so that a
 * flipped bit which inflates to the same text is still noticed.
 */
#define BUNDLE_GZIP_HEADER	"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\x03" \
				"\x24\x00OB\x20\x00"
#define BUNDLE_GZIP_HEADER_LEN	16
#define BUNDLE_SEAL_LEN		32
#define BUNDLE_HEAD_LEN		(BUNDLE_GZIP_HEADER_LEN + BUNDLE_SEAL_LEN)
#define BUNDLE_LEVEL		6
#define BUNDLE_TRAILER		"end"

/* Calls sodium_init() (idempotent), fatal() if it fails. */
void	bundle_sodium_init(void);
/* Appends s escaped (\\ \t \n \r; NULL as \N) to b. */
void	bundle_escape(struct buf *, const char *s, bool null_ok);
/* Unescapes s in place; *out is s or NULL for \N.  Returns NULL, or a
 * reason (static, translated) when an escape is not canonical. */
const char *bundle_unescape(char *s, bool null_ok, char **out);
/* Appends the canonical line of c, with its newline, to b. */
void	bundle_format_change(struct buf *, const struct change *);
/* The header line, with its newline. */
void	bundle_format_header(struct buf *, const struct bundle_header *);

/*
 * Reading one format version: what the reader (bundle-read.c) calls for
 * a bundle whose header line says that version, found in its table of
 * formats.  Every version's header line begins "onward-bundle\tVERSION\t";
 * the rest of it and the change lines are the version's own.
 */
struct bundle_format {
	int	 version;
	/* Parses the header line in place into h (copies its strings).
	 * Returns 0, or -1 with *cause (the reason only; caller frees). */
	int	(*parse_header)(char *line, struct bundle_header *h,
		    char **cause);
	/* Parses a change line (without its newline) in place into c,
	 * whose strings then point into line; parents go to *pv (grown as
	 * needed).  Returns NULL or a translated reason (static or in *tmp,
	 * caller frees). */
	const char *(*parse_change)(char *line, struct change *c,
		    char ***pv, size_t *pcap, char **tmp);
};
/* Version 1 (bundle.c), the one this program writes today. */
int	bundle_parse_header_v1(char *line, struct bundle_header *h,
	    char **cause);
const char *bundle_parse_change_v1(char *line, struct change *c,
	    char ***pv, size_t *pcap, char **tmp);
/*
 * Format 2's container (bundle-seal.c).  The clear header begins with
 * BUNDLE_V2_MAGIC; the body is cut in chunks of BUNDLE_CHUNK bytes of
 * deflated text, each encrypted with crypto_secretstream.
 */
#define BUNDLE_V2_MAGIC		"onward-bundle\t2\n"
#define BUNDLE_V2_MAGIC_LEN	(sizeof BUNDLE_V2_MAGIC - 1)
#define BUNDLE_CHUNK		(64 * 1024)

/* Writing: bundle_seal_begin checks the keys and appends the clear header
 * to out (or returns NULL with *cause); bundle_seal_add takes deflated
 * bytes and appends whole frames to out; bundle_seal_finish appends the
 * last frame and the signature.  bundle_seal_key is the content key, for
 * reading the file back.  bundle_seal_free wipes and frees. */
struct bundle_seal;
struct bundle_seal	*bundle_seal_begin(const struct bundle_keys *,
			    struct buf *out, char **cause);
void			 bundle_seal_add(struct bundle_seal *, const void *,
			    size_t, struct buf *out);
void			 bundle_seal_finish(struct bundle_seal *,
			    struct buf *out);
const unsigned char	*bundle_seal_key(const struct bundle_seal *);
void			 bundle_seal_free(struct bundle_seal *);

/*
 * Reading: bundle_unseal_open reads the whole file once (from f, left
 * open for the caller, or mem) and checks, in this order, its structure,
 * the signature, the sender (t), and opens the content key sealed to
 * t->box_pk, or takes key when not NULL (the writer reading back).
 * Returns NULL with *cause naming the file.  bundle_unseal_next then
 * reads the file again, decrypting a chunk into dst (BUNDLE_CHUNK bytes)
 * and *n: 1, 0 after the last one once the bytes are known to be the ones
 * signed, or -1 with *cause.
 */
struct bundle_unseal;
struct bundle_unseal	*bundle_unseal_open(const char *name, FILE *f,
			    const void *mem, size_t memlen,
			    const struct bundle_trust *t,
			    const unsigned char *key, char **cause);
int			 bundle_unseal_next(struct bundle_unseal *,
			    unsigned char *dst, size_t *n, char **cause);
const unsigned char	*bundle_unseal_sender(const struct bundle_unseal *);
void			 bundle_unseal_free(struct bundle_unseal *);
/* True when the file (read, then rewound) or memory begins as format 2
 * does. */
bool	bundle_is_sealed(FILE *, const void *mem, size_t memlen);
/* bundle_open_trust, or with key the writer reading its own file back. */
struct bundle_reader	*bundle_open_key(const char *path,
			    const struct bundle_limits *,
			    const struct bundle_trust *,
			    const unsigned char *key, char **cause);
/* Reads r to its verified end, fills *h (caller frees) when not NULL,
 * and closes r; 0 or -1 with *cause. */
int	bundle_reader_verify(struct bundle_reader *, struct bundle_header *h,
	    char **cause);
/* Reads a format-2 file with the content key, trusting only sender. */
int	bundle_verify_key(const char *path, const unsigned char *key,
	    const unsigned char sender[KEYS_SIGN_PK], struct bundle_header *h,
	    char **cause);

/* Strict canonical decimal: "0" or [1-9][0-9]*, fitting in int64. */
bool	bundle_parse_int(const char *, int64_t *);
bool	bundle_device_ok(const char *);
bool	bundle_form_ok(const char *);
/* Compares parent ids in canonical order (strcmp). */
int	bundle_parent_cmp(const void *, const void *);

#endif
