/*
 * fuzz-bundle2.c: libFuzzer target for the reader of format 2, the
 * signed and sealed bundle, with fixed test keys (from fixed seeds: the
 * sender's Ed25519 pair, trusted, and the reader's X25519 pair).  An
 * input that starts with format 2's magic is read as a bundle file, which
 * exercises the clear header, the frames and the signature check; any
 * other input is taken as the bundle's text and deflated, encrypted and
 * signed here with the test keys, so that the fuzzer reaches decryption,
 * inflation and every line check without forging signatures.  Any crash,
 * leak, sanitizer report or hang is a bug.  The seed corpus
 * (tests/fuzz/corpus-bundle2) holds a real format-2 bundle and texts.
 *
 *	clang -fsanitize=fuzzer,address,undefined -I src -I build \
 *	    src/bundle*.c src/keys.c src/change.c src/util.c src/utf8.c \
 *	    src/strmap.c src/i18n.c tests/fuzz/fuzz-bundle2.c -lz -lsodium
 *	./a.out -max_total_time=60 tests/fuzz/corpus-bundle2
 */
#include "config.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bundle-int.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned char	spk[KEYS_SIGN_PK], ssk[KEYS_SIGN_SK];
static unsigned char	bpk[KEYS_BOX_PK], bsk[KEYS_BOX_SK];

/* Trusts the test sender only. */
static bool
trusted(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	(void)arg;
	return memcmp(pk, spk, sizeof spk) == 0;
}

/* The test keys, from fixed seeds. */
static void
test_keys(void)
{
	unsigned char	seed[32];
	static bool	done;

	if (done)
		return;
	bundle_sodium_init();
	memset(seed, 's', sizeof seed);
	crypto_sign_seed_keypair(spk, ssk, seed);
	memset(seed, 'b', sizeof seed);
	crypto_box_seed_keypair(bpk, bsk, seed);
	done = true;
}

/* Text deflated, encrypted and signed as a format-2 bundle (caller
 * frees). */
static unsigned char *
seal_text(const uint8_t *text, size_t len, size_t *outlen)
{
	const unsigned char	(*to)[KEYS_BOX_PK] =
				    (const unsigned char (*)[KEYS_BOX_PK])bpk;
	struct bundle_keys	 k = { ssk, to, 1 };
	struct bundle_seal	*s;
	struct buf		 out = { 0 };
	unsigned char		*z;
	uLongf			 zlen;
	char			*cause = NULL;

	zlen = compressBound((uLong)len);
	z = xmalloc(zlen);
	if (compress2(z, &zlen, text, (uLong)len, BUNDLE_LEVEL) != Z_OK)
		abort();
	if ((s = bundle_seal_begin(&k, &out, &cause)) == NULL)
		abort();
	bundle_seal_add(s, z, zlen, &out);
	bundle_seal_finish(s, &out);
	bundle_seal_free(s);
	free(z);
	*outlen = out.len;
	return (unsigned char *)buf_detach(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_trust	 t = { bpk, bsk, trusted, NULL };
	struct bundle_limits	 lim = { 8 << 20, 64 << 10 };
	struct bundle_reader	*r;
	const struct change	*c;
	unsigned char		*sealed = NULL;
	size_t			 len;
	char			*cause = NULL;
	int			 rc;

	test_keys();
	if (size < BUNDLE_V2_MAGIC_LEN ||
	    memcmp(data, BUNDLE_V2_MAGIC, BUNDLE_V2_MAGIC_LEN) != 0) {
		sealed = seal_text(data, size, &len);
		data = sealed;
		size = len;
	}
	if ((r = bundle_open_mem_trust(data, size, "fuzz", &lim, &t,
	    &cause)) == NULL) {
		free(cause);
		free(sealed);
		return 0;
	}
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		if (bundle_change_problem(c) != NULL)
			abort();
	}
	if (rc != 0)
		free(cause);
	bundle_close(r);
	free(sealed);
	return 0;
}
