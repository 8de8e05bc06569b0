/*
 * test-bundle2.c: the signed and sealed bundle (format 2) without a
 * store: a round trip of many changes, in memory and through a file; and
 * every attack, each refused with its kind of reason: a byte changed at
 * every offset, truncated at every offset, another key's signature,
 * re-signed by an untrusted key, sealed to someone else, a forged clear
 * header, a chunk that does not decrypt though signed, a bomb; a format-1
 * bundle still read and said to be unsigned; and no name, phone or ID
 * number in the raw file nor in anything it inflates to at any offset.
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "bundle.h"
#include "keys.h"
#include "../tap.h"
#include "util.h"

#define DEV_A	"7f3a0000000000000000000000000001"

static unsigned char	 spk[KEYS_SIGN_PK], ssk[KEYS_SIGN_SK];	/* sender */
static unsigned char	 xpk[KEYS_SIGN_PK], xsk[KEYS_SIGN_SK];	/* other */
static unsigned char	 apk[KEYS_BOX_PK], ask[KEYS_BOX_SK];	/* reader */
static unsigned char	 bpk[KEYS_BOX_PK], bsk[KEYS_BOX_SK];	/* someone */

static const char *secrets[] = {
	"Amina Wanjiru Otieno", "+254712345678", "29384756",
};

/* Trusts the sender spk only. */
static bool
trusted(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	(void)arg;
	return memcmp(pk, spk, sizeof spk) == 0;
}

static struct bundle_trust	trust_a = { apk, ask, trusted, NULL };
static struct bundle_trust	trust_b = { bpk, bsk, trusted, NULL };

/* n changes of one person with a name, phone and ID number. */
static struct change *
people(size_t n)
{
	struct change	*v;
	size_t		 i;

	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].device = DEV_A;
		v[i].seq = (int64_t)i + 1;
		v[i].hlc = ((int64_t)1781512100000 + (int64_t)i) << 16;
		v[i].record = xasprintf("r-%zu", i / 3);
		v[i].form = "registration";
		v[i].form_version = 1;
		v[i].case_id = "KSM-0001-X";
		v[i].path = i % 3 == 0 ? "name" : i % 3 == 1 ? "phone" :
		    "id_number";
		v[i].value = xstrdup(secrets[i % 3]);
		v[i].author = "amina";
	}
	return v;
}

static void
people_free(struct change *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].record);
		free(v[i].value);
	}
	free(v);
}

/* A format-2 (to != NULL) or format-1 bundle of v in memory. */
static unsigned char *
make(struct change *v, size_t n, const unsigned char (*to)[KEYS_BOX_PK],
    size_t nto, size_t *len)
{
	struct bundle_keys	 k = { ssk, to, nto };
	struct bundle_meta	 m = { DEV_A, "Kisumu East", "amina" };
	struct bundle_array	 a = { v, n, 0 };
	struct bundle_source	 src;
	struct bundle_header	 h;
	void			*out;
	char			*cause = NULL;

	bundle_array_source(&a, &src);
	if (bundle_write_mem_sealed(&m, to != NULL ? &k : NULL, &src, &out,
	    len, &h, &cause) != 0) {
		diag("write failed: %s", cause);
		exit(1);
	}
	bundle_header_free(&h);
	return out;
}

/* Reads p to the end with t; NULL when accepted, else the message
 * (caller frees); *nread the changes read, *h the format and signer. */
static char *
refusal(const void *p, size_t len, const struct bundle_limits *lim,
    const struct bundle_trust *t, size_t *nread, struct bundle_header *h)
{
	struct bundle_reader	*r;
	const struct change	*c;
	char			*cause = NULL;
	size_t			 n = 0;
	int			 rc;

	if ((r = bundle_open_mem_trust(p, len, "b.onward", lim, t,
	    &cause)) == NULL)
		return cause;
	while ((rc = bundle_read(r, &c, &cause)) == 1)
		n++;
	if (nread != NULL)
		*nread = n;
	if (h != NULL) {
		h->format = bundle_reader_header(r)->format;
		h->is_signed = bundle_reader_header(r)->is_signed;
		memcpy(h->sender, bundle_reader_header(r)->sender, 32);
	}
	bundle_close(r);
	return rc == 0 ? NULL : cause;
}

/* Signs p[0 .. len - 64) again with sk, into its last 64 bytes. */
static void
resign(unsigned char *p, size_t len, const unsigned char *sk)
{
	crypto_sign_state	st;

	crypto_sign_init(&st);
	crypto_sign_update(&st, p, len - crypto_sign_BYTES);
	crypto_sign_final_create(&st, p + len - crypto_sign_BYTES, NULL, sk);
}

/* True when reason is set and holds one of the words. */
static bool
says(const char *reason, const char *w1, const char *w2)
{
	if (reason == NULL)
		return false;
	return strstr(reason, w1) != NULL ||
	    (w2 != NULL && strstr(reason, w2) != NULL);
}

static void
test_round_trip(void)
{
	unsigned char		 to[2][KEYS_BOX_PK];
	struct bundle_header	 h;
	struct change		*v;
	unsigned char		*p;
	size_t			 len, n = 0, nv = 30000;
	char			*why;

	memcpy(to[0], bpk, sizeof bpk);
	memcpy(to[1], apk, sizeof apk);
	v = people(nv);
	p = make(v, nv, (const unsigned char (*)[KEYS_BOX_PK])to, 2, &len);
	ok(len > 3 * 64 * 1024, "many changes take several chunks (%zu "
	    "bytes)", len);
	why = refusal(p, len, NULL, &trust_a, &n, &h);
	ok(why == NULL, "a second recipient reads it: %s", why ? why : "ok");
	is_int(n, nv, "every change read back");
	ok(h.format == 2 && h.is_signed && memcmp(h.sender, spk, 32) == 0,
	    "read as format 2, signed by the sender");
	free(why);
	why = refusal(p, len, NULL, &trust_b, &n, NULL);
	ok(why == NULL, "the first recipient reads it too");
	free(why);
	why = refusal(p, len, NULL, NULL, NULL, NULL);
	ok(says(why, "signed and sealed", NULL), "without keys: %s", why);
	free(why);
	free(p);
	people_free(v, nv);
}

static void
test_every_byte(void)
{
	struct change	*v = people(6);
	unsigned char	*p;
	size_t		 len, i, bad = 0;
	char		*why;

	p = make(v, 6, (const unsigned char (*)[KEYS_BOX_PK])apk, 1, &len);
	for (i = 0; i < len; i++) {
		p[i] ^= 0x01;
		why = refusal(p, len, NULL, &trust_a, NULL, NULL);
		if (!says(why, "bad signature", "damaged") &&
		    !says(why, "truncated", "not an onward bundle")) {
			if (bad++ == 0)
				diag("byte %zu: %s", i, why ? why :
				    "accepted");
		}
		free(why);
		p[i] ^= 0x01;
	}
	is_int(bad, 0, "a bit flipped at each of %zu offsets is refused as "
	    "damaged or badly signed", len);
	bad = 0;
	for (i = 0; i < len; i++) {
		why = refusal(p, i, NULL, &trust_a, NULL, NULL);
		if (i >= 16 ? !says(why, "truncated", NULL) : why == NULL) {
			if (bad++ == 0)
				diag("cut at %zu: %s", i, why ? why :
				    "accepted");
		}
		free(why);
	}
	is_int(bad, 0, "cut at each of %zu offsets: refused as truncated",
	    len);
	free(p);
	people_free(v, 6);
}

static void
test_attacks(void)
{
	struct change	*v = people(6);
	unsigned char	*p, *at;
	char		*why, hex[2 * KEYS_SIGN_PK + 1], id[KEYS_ID_SIZE];
	char		 xid[KEYS_ID_SIZE];
	size_t		 len;

	p = make(v, 6, (const unsigned char (*)[KEYS_BOX_PK])apk, 1, &len);
	resign(p, len, xsk);
	why = refusal(p, len, NULL, &trust_a, NULL, NULL);
	ok(says(why, "bad signature", NULL), "another key's signature: %s",
	    why);
	free(why);

	/* The attacker names its own key as sender and signs. */
	keys_id(spk, id);
	keys_id(xpk, xid);
	at = (unsigned char *)strstr((char *)p, id);
	memcpy(at, xid, strlen(xid));
	sodium_bin2hex(hex, sizeof hex, xpk, sizeof xpk);
	memcpy(at + strlen(xid) + 1, hex, strlen(hex));
	resign(p, len, xsk);
	why = refusal(p, len, NULL, &trust_a, NULL, NULL);
	ok(says(why, "unknown sender", NULL) && strstr(why, xid) != NULL,
	    "re-signed by an untrusted key: %s", why);
	free(why);
	free(p);

	p = make(v, 6, (const unsigned char (*)[KEYS_BOX_PK])bpk, 1, &len);
	why = refusal(p, len, NULL, &trust_a, NULL, NULL);
	ok(says(why, "not sealed to this store", NULL), "sealed to someone "
	    "else: %s", why);
	free(why);
	/* The recipient list edited to name the reader instead. */
	keys_id(bpk, id);
	keys_id(apk, xid);
	at = (unsigned char *)strstr((char *)p, id);
	memcpy(at, xid, strlen(xid));
	why = refusal(p, len, NULL, &trust_a, NULL, NULL);
	ok(says(why, "bad signature", NULL), "a forged recipient list: %s",
	    why);
	free(why);
	free(p);

	/* The trusted sender signs a damaged chunk. */
	p = make(v, 6, (const unsigned char (*)[KEYS_BOX_PK])apk, 1, &len);
	p[len - crypto_sign_BYTES - 3] ^= 0x40;
	resign(p, len, ssk);
	why = refusal(p, len, NULL, &trust_a, NULL, NULL);
	ok(says(why, "damaged: chunk 1 does not decrypt", NULL),
	    "a chunk that does not decrypt: %s", why);
	free(why);
	free(p);

	people_free(v, 6);
}

static void
test_limits_and_v1(void)
{
	struct bundle_limits	 lim = { 4096, 1024 };
	struct bundle_header	 h;
	struct change		*v = people(300);
	unsigned char		*p;
	size_t			 len, n;
	char			*why;

	p = make(v, 300, (const unsigned char (*)[KEYS_BOX_PK])apk, 1, &len);
	why = refusal(p, len, &lim, &trust_a, NULL, NULL);
	ok(says(why, "decompression bomb", "beyond the limit"),
	    "too large: %s", why);
	free(why);
	free(p);
	p = make(v, 300, NULL, 0, &len);
	why = refusal(p, len, NULL, &trust_a, &n, &h);
	ok(why == NULL && n == 300, "a format-1 bundle still reads");
	ok(h.format == 1 && !h.is_signed, "and is said to be unsigned");
	free(why);
	free(p);
	people_free(v, 300);
}

/* True when any secret is in p[0 .. len). */
static bool
has_secret(const unsigned char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < nitems(secrets); i++) {
		if (memmem(p, len, secrets[i], strlen(secrets[i])) != NULL)
			return true;
	}
	return false;
}

/* Inflates p as raw deflate, zlib or gzip (bits) and looks for secrets. */
static bool
inflates_to_secret(const unsigned char *p, size_t len, int bits)
{
	z_stream	 z;
	unsigned char	 out[8192];
	bool		 found = false;
	int		 zr;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, bits) != Z_OK)
		return false;
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)len;
	do {
		z.next_out = out;
		z.avail_out = sizeof out;
		zr = inflate(&z, Z_NO_FLUSH);
		if (has_secret(out, sizeof out - z.avail_out))
			found = true;
	} while (zr == Z_OK && z.avail_out == 0);
	inflateEnd(&z);
	return found;
}

static void
test_nothing_in_clear(void)
{
	static const int	 bits[] = { -15, 15, 15 + 16 };
	struct change		*v = people(60);
	unsigned char		*p;
	size_t			 len, i, j, found = 0;

	p = make(v, 60, NULL, 0, &len);
	ok(inflates_to_secret(p, len, 15 + 16), "the check finds the names "
	    "in a format-1 bundle");
	free(p);
	p = make(v, 60, (const unsigned char (*)[KEYS_BOX_PK])apk, 1, &len);
	ok(!has_secret(p, len) && memmem(p, len, "Kisumu", 6) == NULL &&
	    memmem(p, len, "amina", 5) == NULL && memmem(p, len, DEV_A,
	    strlen(DEV_A)) == NULL, "no name, phone, ID, site, worker or "
	    "device in the raw file");
	for (i = 0; i < len; i++) {
		for (j = 0; j < nitems(bits); j++) {
			if (inflates_to_secret(p + i, len - i, bits[j]))
				found++;
		}
	}
	is_int(found, 0, "nor inflated from any of %zu offsets", len);
	free(p);
	people_free(v, 60);
}

static void
test_file_and_keys(void)
{
	unsigned char		 to[1][KEYS_BOX_PK];
	struct bundle_keys	 k = { ssk, NULL, 1 };
	struct bundle_meta	 m = { DEV_A, "Kisumu East", "amina" };
	struct bundle_array	 a;
	struct bundle_source	 src;
	struct bundle_header	 h, back;
	struct change		*v = people(100);
	char			 dir[] = "/tmp/test-bundle2.XXXXXX", *path;
	char			*why = NULL, fp[KEYS_FP_SIZE], id[KEYS_ID_SIZE];
	void			*out;
	size_t			 outlen;

	memcpy(to[0], apk, sizeof apk);
	k.to = (const unsigned char (*)[KEYS_BOX_PK])to;
	a.v = v;
	a.n = 100;
	a.i = 0;
	bundle_array_source(&a, &src);
	if (mkdtemp(dir) == NULL)
		exit(1);
	path = xasprintf("%s/b.onward", dir);
	ok(bundle_write_sealed(path, &m, &k, &src, NULL, NULL, &h, &why) == 0,
	    "written to a file and read back: %s", why ? why : "ok");
	free(why);
	why = NULL;
	ok(bundle_verify_trust(path, NULL, &trust_a, &back, &why) == 0 &&
	    strcmp(back.digest, h.digest) == 0 && back.format == 2,
	    "the file verifies with the reader's keys");
	free(why);
	why = NULL;
	ok(bundle_verify(path, NULL, NULL, &why) != 0, "and is refused "
	    "without keys");
	free(why);
	bundle_header_free(&h);
	bundle_header_free(&back);
	unlink(path);
	rmdir(dir);
	free(path);
	k.nto = 0;
	a.i = 0;
	why = NULL;
	ok(bundle_write_mem_sealed(&m, &k, &src, &out, &outlen, &h,
	    &why) != 0 &&
	    says(why, "recipients", NULL), "no recipients: refused: %s", why);
	free(why);

	keys_fingerprint(spk, fp);
	keys_id(spk, id);
	ok(strlen(fp) == 19 && fp[4] == '-' && fp[9] == '-' &&
	    strspn(fp, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-") == 19,
	    "a fingerprint reads over the phone: %s", fp);
	ok(strlen(id) == 32 && strspn(id, "0123456789abcdef") == 32,
	    "a key id is 32 hex digits");
	people_free(v, 100);
}

int
main(void)
{
	plan_lazy();
	keys_sign_pair(spk, ssk);
	keys_sign_pair(xpk, xsk);
	keys_box_pair(apk, ask);
	keys_box_pair(bpk, bsk);
	test_round_trip();
	test_every_byte();
	test_attacks();
	test_limits_and_v1();
	test_nothing_in_clear();
	test_file_and_keys();
	return done_testing();
}
