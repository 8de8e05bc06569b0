/*
 * bundle-seal.c: the container of format 2 (onward-bundle(5)), the
 * signed and sealed bundle, with libsodium's constructions only.
 *
 *	onward-bundle TAB 2 LF
 *	sender TAB key-id TAB ed25519-public-key LF
 *	to TAB key-id TAB crypto_box_seal(content key) LF	(1 to 64)
 *	stream TAB crypto_secretstream header LF
 *	frames: 4 bytes big-endian (bit 31: the last; the rest: length),
 *	    then a crypto_secretstream_xchacha20poly1305 chunk of at most
 *	    BUNDLE_CHUNK bytes of the zlib-deflated format-1 line stream
 *	    (every frame but the last full; TAG_FINAL on the last only)
 *	64 bytes: Ed25519ph signature (crypto_sign_final_create) of all the
 *	    bytes before it
 *
 * Keys and ids are lower-case hex.  The reader checks the signature and
 * the sender before it opens anything, and reads the file a second time
 * to decrypt, checking that the bytes are the ones it verified.
 */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle-int.h"
#include "i18n.h"
#include "util.h"

#define SS_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define SS_HEADER	crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SS_KEY		crypto_secretstream_xchacha20poly1305_KEYBYTES
#define SEALED		(crypto_box_SEALBYTES + SS_KEY)
#define FRAME_MAX	(BUNDLE_CHUNK + SS_ABYTES)
#define FRAME_LAST	0x80000000u
#define SIG		crypto_sign_BYTES
#define LINE_MAX_	(16 + 2 * KEYS_ID_BYTES + 2 * SEALED)
#define BUF_SIZE	(64 * 1024)

struct bundle_seal {
	crypto_sign_state				 sign;
	crypto_secretstream_xchacha20poly1305_state	 ss;
	unsigned char					 sk[KEYS_SIGN_SK];
	unsigned char					 key[SS_KEY];
	unsigned char					 chunk[BUNDLE_CHUNK];
	size_t						 chunklen;
	unsigned char					 frame[4 + FRAME_MAX];
};

/* Appends bytes to out and to the signed hash. */
static void
seal_out(struct bundle_seal *s, struct buf *out, const void *p, size_t n)
{
	crypto_sign_update(&s->sign, p, n);
	buf_add(out, p, n);
}

/* Appends "word TAB hex(a) [TAB hex(b)] LF". */
static void
seal_line(struct bundle_seal *s, struct buf *out, const char *word,
    const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	struct buf	 line = { 0 };
	char		 hex[2 * SEALED + 1];

	buf_adds(&line, word);
	sodium_bin2hex(hex, sizeof hex, a, alen);
	buf_addf(&line, "\t%s", hex);
	if (b != NULL) {
		sodium_bin2hex(hex, sizeof hex, b, blen);
		buf_addf(&line, "\t%s", hex);
	}
	buf_addc(&line, '\n');
	seal_out(s, out, line.s, line.len);
	buf_free(&line);
}

/* Begins a format-2 file; see bundle-int.h. */
struct bundle_seal *
bundle_seal_begin(const struct bundle_keys *k, struct buf *out, char **cause)
{
	struct bundle_seal	*s;
	unsigned char		 pk[KEYS_SIGN_PK], id[KEYS_ID_BYTES];
	unsigned char		 sealed[SEALED], hdr[SS_HEADER];
	size_t			 i;

	bundle_sodium_init();
	if (k->sign_sk == NULL || k->nto == 0 ||
	    k->nto > BUNDLE_MAX_RECIPIENTS) {
		*cause = xasprintf(_("a signed bundle needs the sender's key "
		    "and 1 to %d recipients"), BUNDLE_MAX_RECIPIENTS);
		return NULL;
	}
	s = sodium_malloc(sizeof *s);
	if (s == NULL)
		fatal("sodium_malloc: out of memory");
	memset(s, 0, sizeof *s);
	memcpy(s->sk, k->sign_sk, sizeof s->sk);
	crypto_sign_ed25519_sk_to_pk(pk, s->sk);
	crypto_secretstream_xchacha20poly1305_keygen(s->key);
	crypto_sign_init(&s->sign);
	seal_out(s, out, BUNDLE_V2_MAGIC, BUNDLE_V2_MAGIC_LEN);
	keys_id_raw(pk, id);
	seal_line(s, out, "sender", id, sizeof id, pk, sizeof pk);
	for (i = 0; i < k->nto; i++) {
		if (crypto_box_seal(sealed, s->key, sizeof s->key,
		    k->to[i]) != 0) {
			*cause = xstrdup(_("a recipient's key is not a valid "
			    "X25519 public key"));
			bundle_seal_free(s);
			return NULL;
		}
		keys_id_raw(k->to[i], id);
		seal_line(s, out, "to", id, sizeof id, sealed, sizeof sealed);
	}
	if (crypto_secretstream_xchacha20poly1305_init_push(&s->ss, hdr,
	    s->key) != 0)
		fatal("crypto_secretstream init_push failed");
	seal_line(s, out, "stream", hdr, sizeof hdr, NULL, 0);
	return s;
}

/* Encrypts the buffered chunk into one frame. */
static void
seal_emit(struct bundle_seal *s, bool last, struct buf *out)
{
	unsigned long long	clen;
	uint32_t		word;

	if (crypto_secretstream_xchacha20poly1305_push(&s->ss, s->frame + 4,
	    &clen, s->chunk, s->chunklen, NULL, 0, last ?
	    crypto_secretstream_xchacha20poly1305_TAG_FINAL :
	    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) != 0)
		fatal("crypto_secretstream push failed");
	word = (uint32_t)clen | (last ? FRAME_LAST : 0);
	s->frame[0] = word >> 24;
	s->frame[1] = (word >> 16) & 0xff;
	s->frame[2] = (word >> 8) & 0xff;
	s->frame[3] = word & 0xff;
	seal_out(s, out, s->frame, 4 + (size_t)clen);
	s->chunklen = 0;
}

/* Takes deflated bytes; a full chunk is written once more bytes come, so
 * the last one is always the one bundle_seal_finish writes. */
void
bundle_seal_add(struct bundle_seal *s, const void *p, size_t n,
    struct buf *out)
{
	const unsigned char	*q = p;
	size_t			 k;

	while (n > 0) {
		if (s->chunklen == BUNDLE_CHUNK)
			seal_emit(s, false, out);
		k = BUNDLE_CHUNK - s->chunklen < n ? BUNDLE_CHUNK - s->chunklen :
		    n;
		memcpy(s->chunk + s->chunklen, q, k);
		s->chunklen += k;
		q += k;
		n -= k;
	}
}

/* The last frame and the signature. */
void
bundle_seal_finish(struct bundle_seal *s, struct buf *out)
{
	unsigned char	sig[SIG];

	seal_emit(s, true, out);
	if (crypto_sign_final_create(&s->sign, sig, NULL, s->sk) != 0)
		fatal("crypto_sign_final_create failed");
	buf_add(out, (char *)sig, sizeof sig);
}

/* The content key, owned by s. */
const unsigned char *
bundle_seal_key(const struct bundle_seal *s)
{
	return s->key;
}

/* Wipes the keys and frees s. */
void
bundle_seal_free(struct bundle_seal *s)
{
	if (s != NULL)
		sodium_free(s);
}

/* One recipient of the clear header. */
struct to {
	unsigned char	id[KEYS_ID_BYTES];
	unsigned char	sealed[SEALED];
};

struct bundle_unseal {
	char				*name;
	FILE				*f;
	const unsigned char		*mem;
	size_t				 memlen;
	unsigned char			 buf[BUF_SIZE];	/* file input */
	size_t				 bpos, blen;
	uint64_t			 off;		/* bytes read */
	crypto_generichash_state	 gh;		/* of the bytes read */
	unsigned char			 hash[32];	/* pass one's */
	crypto_sign_state		 sign;
	uint64_t			 headlen;	/* clear header */
	unsigned char			 sender[KEYS_SIGN_PK];
	unsigned char			 ssheader[SS_HEADER];
	struct to			 to[BUNDLE_MAX_RECIPIENTS];
	size_t				 nto;
	crypto_secretstream_xchacha20poly1305_state ss;
	unsigned char			 key[SS_KEY];
	unsigned char			 frame[FRAME_MAX];
	uint64_t			 chunks;	/* decrypted so far */
	bool				 done;
};

/* Reads up to n bytes into p, hashing them (sign: for the signature
 * too); the count read. */
static size_t
src_read(struct bundle_unseal *u, void *p, size_t n, bool sign)
{
	unsigned char	*q = p;
	size_t		 got = 0, k;

	while (got < n) {
		if (u->mem != NULL) {
			k = u->memlen - u->off < n - got ?
			    (size_t)(u->memlen - u->off) : n - got;
			if (k == 0)
				break;
			memcpy(q + got, u->mem + u->off, k);
		} else {
			if (u->bpos == u->blen) {
				u->blen = fread(u->buf, 1, sizeof u->buf,
				    u->f);
				u->bpos = 0;
				if (u->blen == 0)
					break;
			}
			k = u->blen - u->bpos < n - got ? u->blen - u->bpos :
			    n - got;
			memcpy(q + got, u->buf + u->bpos, k);
			u->bpos += k;
		}
		crypto_generichash_update(&u->gh, q + got, k);
		if (sign)
			crypto_sign_update(&u->sign, q + got, k);
		u->off += k;
		got += k;
	}
	return got;
}

/* Starts reading from the first byte again. */
static int
src_rewind(struct bundle_unseal *u)
{
	u->off = 0;
	u->bpos = u->blen = 0;
	crypto_generichash_init(&u->gh, NULL, 0, sizeof u->hash);
	if (u->f != NULL && fseek(u->f, 0, SEEK_SET) != 0)
		return -1;
	return 0;
}

/* Fails with "'NAME': msg" (msg freed). */
static struct bundle_unseal *
unseal_fail(struct bundle_unseal *u, char **cause, char *msg)
{
	*cause = xasprintf("'%s': %s", u->name, msg);
	free(msg);
	bundle_unseal_free(u);
	return NULL;
}

/* Reads one header line into line (without LF); 1, 0 at the end of the
 * file, or -1 when it is longer than any line of the header. */
static int
head_line(struct bundle_unseal *u, char *line, size_t size)
{
	size_t	n = 0;
	char	c;

	for (;;) {
		if (src_read(u, &c, 1, true) != 1)
			return 0;
		if (c == '\n')
			break;
		if (n + 1 == size)
			return -1;
		line[n++] = c;
	}
	line[n] = '\0';
	return 1;
}

/* Parses "word TAB hex(a) [TAB hex(b)]" exactly; 0 or -1. */
static int
head_parse(const char *line, const char *word, unsigned char *a, size_t alen,
    unsigned char *b, size_t blen)
{
	size_t		 wl = strlen(word), got;
	const char	*end, *p;

	if (strncmp(line, word, wl) != 0 || line[wl] != '\t')
		return -1;
	p = line + wl + 1;
	if (strlen(p) < 2 * alen || (p[2 * alen] != (b != NULL ? '\t' : '\0')))
		return -1;
	if (sodium_hex2bin(a, alen, p, 2 * alen, NULL, &got, &end) != 0 ||
	    got != alen)
		return -1;
	if (b == NULL)
		return 0;
	p += 2 * alen + 1;
	if (strlen(p) != 2 * blen ||
	    sodium_hex2bin(b, blen, p, 2 * blen, NULL, &got, &end) != 0 ||
	    got != blen)
		return -1;
	return 0;
}

/* Hex of at most 64 bytes, lower case, for checking canonical lines. */
static bool
head_lower(const char *line)
{
	for (; *line != '\0'; line++) {
		if (*line >= 'A' && *line <= 'F')
			return false;
	}
	return true;
}

/* Reads and parses the clear header; NULL or a message (caller frees). */
static char *
read_head(struct bundle_unseal *u)
{
	char		 line[LINE_MAX_ + 1], magic[BUNDLE_V2_MAGIC_LEN];
	unsigned char	 id[KEYS_ID_BYTES], want[KEYS_ID_BYTES];
	int		 rc;

	if (src_read(u, magic, sizeof magic, true) != sizeof magic ||
	    memcmp(magic, BUNDLE_V2_MAGIC, sizeof magic) != 0)
		return xstrdup(_("not an onward bundle"));
	if ((rc = head_line(u, line, sizeof line)) <= 0)
		goto bad;
	if (!head_lower(line) || head_parse(line, "sender", id, sizeof id,
	    u->sender, sizeof u->sender) != 0)
		goto damaged;
	keys_id_raw(u->sender, want);
	if (memcmp(id, want, sizeof id) != 0)
		goto damaged;
	for (;;) {
		if ((rc = head_line(u, line, sizeof line)) <= 0)
			goto bad;
		if (!head_lower(line))
			goto damaged;
		if (strncmp(line, "to\t", 3) != 0)
			break;
		if (u->nto == BUNDLE_MAX_RECIPIENTS ||
		    head_parse(line, "to", u->to[u->nto].id, KEYS_ID_BYTES,
		    u->to[u->nto].sealed, SEALED) != 0)
			goto damaged;
		u->nto++;
	}
	if (u->nto == 0 || head_parse(line, "stream", u->ssheader,
	    sizeof u->ssheader, NULL, 0) != 0)
		goto damaged;
	u->headlen = u->off;
	return NULL;

bad:
	if (rc == 0)
		return xasprintf(_("truncated: the file ends at byte %llu, "
		    "inside its clear header"), (unsigned long long)u->off);
damaged:
	return xasprintf(_("damaged: its clear header is not one onward "
	    "writes (near byte %llu)"), (unsigned long long)u->off);
}

/* Reads a frame's word; 1 with *len and *last, 0 at the end of the file
 * before it, -1 (a short or impossible word) with *msg. */
static int
read_frame(struct bundle_unseal *u, size_t *len, bool *last, bool sign,
    char **msg)
{
	unsigned char	w[4];
	uint32_t	word;
	size_t		n;

	if ((n = src_read(u, w, 4, sign)) != 4) {
		*msg = xasprintf(_("truncated: the file ends at byte %llu, "
		    "before the end of its encrypted data"),
		    (unsigned long long)u->off);
		return -1;
	}
	word = (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
	    (uint32_t)w[2] << 8 | w[3];
	*last = (word & FRAME_LAST) != 0;
	*len = word & ~FRAME_LAST;
	if (*len < SS_ABYTES || *len > FRAME_MAX ||
	    (!*last && *len != FRAME_MAX)) {
		*msg = xasprintf(_("damaged near byte %llu (a chunk's length "
		    "is wrong)"), (unsigned long long)u->off - 4);
		return -1;
	}
	if (src_read(u, u->frame, *len, sign) != *len) {
		*msg = xasprintf(_("truncated: the file ends at byte %llu, "
		    "inside its encrypted data"), (unsigned long long)u->off);
		return -1;
	}
	return 1;
}

/* Pass one: structure, then the signature; NULL or a message. */
static char *
check_signature(struct bundle_unseal *u)
{
	unsigned char	 sig[SIG], extra[1];
	char		*msg;
	size_t		 len;
	bool		 last = false;

	crypto_sign_init(&u->sign);
	if ((msg = read_head(u)) != NULL)
		return msg;
	while (!last) {
		if (read_frame(u, &len, &last, true, &msg) < 0)
			return msg;
	}
	if (src_read(u, sig, sizeof sig, false) != sizeof sig)
		return xasprintf(_("truncated: the file ends at byte %llu, "
		    "inside its signature"), (unsigned long long)u->off);
	if (src_read(u, extra, 1, false) != 0 || (u->f != NULL &&
	    ferror(u->f)))
		return xasprintf(_("damaged: bytes after its signature at "
		    "byte %llu"), (unsigned long long)u->off - 1);
	crypto_generichash_final(&u->gh, u->hash, sizeof u->hash);
	if (crypto_sign_final_verify(&u->sign, sig, u->sender) != 0)
		return xstrdup(_("bad signature: it was changed after it "
		    "was signed, or not signed by the key it names"));
	return NULL;
}

/* Opens the content key sealed to t; NULL or a message. */
static char *
open_key(struct bundle_unseal *u, const struct bundle_trust *t)
{
	unsigned char	 id[KEYS_ID_BYTES];
	char		 hex[KEYS_ID_SIZE];
	size_t		 i;

	keys_id_raw(t->box_pk, id);
	for (i = 0; i < u->nto; i++) {
		if (memcmp(u->to[i].id, id, sizeof id) == 0)
			break;
	}
	if (i == u->nto) {
		sodium_bin2hex(hex, sizeof hex, id, sizeof id);
		return xasprintf(_("not sealed to this store: its key %s is "
		    "not among the bundle's recipients"), hex);
	}
	if (crypto_box_seal_open(u->key, u->to[i].sealed, SEALED, t->box_pk,
	    t->box_sk) != 0)
		return xstrdup(_("damaged: the key sealed to this store does "
		    "not open with this store's key"));
	return NULL;
}

/* Opens a format-2 file; see bundle-int.h. */
struct bundle_unseal *
bundle_unseal_open(const char *name, FILE *f, const void *mem, size_t memlen,
    const struct bundle_trust *t, const unsigned char *key, char **cause)
{
	struct bundle_unseal	*u;
	char			 id[KEYS_ID_SIZE], fp[KEYS_FP_SIZE];
	char			*msg;

	bundle_sodium_init();
	u = sodium_malloc(sizeof *u);
	if (u == NULL)
		fatal("sodium_malloc: out of memory");
	memset(u, 0, sizeof *u);
	u->name = xstrdup(name);
	u->f = f;
	u->mem = mem;
	u->memlen = memlen;
	if (src_rewind(u) != 0)
		return unseal_fail(u, cause, xasprintf(_("cannot read: %s"),
		    strerror(errno)));
	if ((msg = check_signature(u)) != NULL)
		return unseal_fail(u, cause, msg);
	if (t == NULL || t->trusted == NULL || !t->trusted(t->arg, u->sender)) {
		keys_id(u->sender, id);
		keys_fingerprint(u->sender, fp);
		return unseal_fail(u, cause, xasprintf(_("unknown sender: "
		    "it is signed by key %s (fingerprint %s), which this store "
		    "does not trust"), id, fp));
	}
	if (key != NULL)
		memcpy(u->key, key, sizeof u->key);
	else if ((msg = open_key(u, t)) != NULL)
		return unseal_fail(u, cause, msg);
	if (crypto_secretstream_xchacha20poly1305_init_pull(&u->ss,
	    u->ssheader, u->key) != 0)
		return unseal_fail(u, cause, xstrdup(_("damaged: its stream "
		    "header is not valid")));
	if (src_rewind(u) != 0)
		return unseal_fail(u, cause, xasprintf(_("cannot read: %s"),
		    strerror(errno)));
	while (u->off < u->headlen) {
		if (src_read(u, u->frame, u->headlen - u->off < FRAME_MAX ?
		    (size_t)(u->headlen - u->off) : FRAME_MAX, false) == 0)
			return unseal_fail(u, cause, xstrdup(_("changed while "
			    "it was being read")));
	}
	return u;
}

/* Decrypts the next chunk; see bundle-int.h. */
int
bundle_unseal_next(struct bundle_unseal *u, unsigned char *dst, size_t *n,
    char **cause)
{
	unsigned char		 sig[SIG], extra[1], hash[32];
	unsigned long long	 mlen;
	unsigned char		 tag;
	char			*msg;
	size_t			 len;
	bool			 last;

	*n = 0;
	if (u->done)
		return 0;
	if (read_frame(u, &len, &last, false, &msg) < 0)
		goto changed;
	if (crypto_secretstream_xchacha20poly1305_pull(&u->ss, dst, &mlen,
	    &tag, u->frame, len, NULL, 0) != 0 || last != (tag ==
	    crypto_secretstream_xchacha20poly1305_TAG_FINAL)) {
		*cause = xasprintf(_("'%s': damaged: chunk %llu does not "
		    "decrypt (crypto_secretstream)"), u->name,
		    (unsigned long long)u->chunks + 1);
		return -1;
	}
	u->chunks++;
	if (last) {
		if (src_read(u, sig, sizeof sig, false) != sizeof sig ||
		    src_read(u, extra, 1, false) != 0)
			goto changed2;
		crypto_generichash_final(&u->gh, hash, sizeof hash);
		if (sodium_memcmp(hash, u->hash, sizeof hash) != 0)
			goto changed2;
		u->done = true;
	}
	*n = (size_t)mlen;
	return 1;

changed:
	free(msg);
changed2:
	*cause = xasprintf(_("'%s': changed while it was being read"),
	    u->name);
	return -1;
}

/* The signer's public key, once bundle_unseal_open succeeded. */
const unsigned char *
bundle_unseal_sender(const struct bundle_unseal *u)
{
	return u->sender;
}

/* Wipes the keys and frees u (not its file). */
void
bundle_unseal_free(struct bundle_unseal *u)
{
	if (u == NULL)
		return;
	free(u->name);
	sodium_free(u);
}

/* True when the file or memory begins as format 2 does. */
bool
bundle_is_sealed(FILE *f, const void *mem, size_t memlen)
{
	char	magic[BUNDLE_V2_MAGIC_LEN];
	size_t	n;

	if (mem != NULL)
		return memlen >= sizeof magic &&
		    memcmp(mem, BUNDLE_V2_MAGIC, sizeof magic) == 0;
	n = fread(magic, 1, sizeof magic, f);
	rewind(f);
	return n == sizeof magic &&
	    memcmp(magic, BUNDLE_V2_MAGIC, sizeof magic) == 0;
}

/* Reads a whole bundle of either format with every check; see
 * bundle.h. */
int
bundle_verify_trust(const char *path, const struct bundle_limits *lim,
    const struct bundle_trust *t, struct bundle_header *h, char **cause)
{
	struct bundle_reader	*r;

	if (h != NULL)
		memset(h, 0, sizeof *h);
	if ((r = bundle_open_key(path, lim, t, NULL, cause)) == NULL)
		return -1;
	return bundle_reader_verify(r, h, cause);
}

/* Trusts exactly the key arg points to. */
static bool
trust_one(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	return sodium_memcmp(arg, pk, KEYS_SIGN_PK) == 0;
}

/* The writer reading back; see bundle-int.h. */
int
bundle_verify_key(const char *path, const unsigned char *key,
    const unsigned char sender[KEYS_SIGN_PK], struct bundle_header *h,
    char **cause)
{
	struct bundle_trust	 t = { NULL, NULL, trust_one, NULL };
	struct bundle_reader	*r;

	t.arg = (void *)(uintptr_t)sender;
	if (h != NULL)
		memset(h, 0, sizeof *h);
	if ((r = bundle_open_key(path, NULL, &t, key, cause)) == NULL)
		return -1;
	return bundle_reader_verify(r, h, cause);
}
