/*
 * secret.c: libsodium wrappers for passphrases and the store key (see
 * secret.h).
 *
 * DESIGN.  Each store has one random store key (SECRET_KEYBYTES), made
 * with its first account and never written anywhere in the clear.  Every
 * account keeps its own copy of it wrapped under its passphrase: a key
 * derived from the passphrase with crypto_pwhash (Argon2id, its own
 * random salt, the limits of the account's passphrase hash) seals the
 * store key with crypto_secretbox_easy.  Whoever knows one account's
 * passphrase can so unwrap the store key, and an admin who has unwrapped
 * it can wrap it for a new account; a passphrase change rewraps one value
 * and touches nothing else.  The passphrase hash itself (crypto_pwhash_str,
 * limits inside the string) answers "is this the passphrase" on its own,
 * so a disabled account or a wrong passphrase is refused before any key
 * is unwrapped.
 *
 * The next slice seals the device's secret keys (signing and sealing of
 * bundles, format 2) with crypto_secretbox under the store key, in the
 * store's meta table: signing in unwraps the store key, the store key
 * opens the device keys, and a stolen store file without a passphrase
 * gives neither.  A later at-rest encryption of the store derives its
 * page key from the store key the same way (crypto_kdf with a context of
 * its own), so adding it changes no account.  A passphrase change never
 * needs the device keys or the pages rewritten: only the wrapped store key
 * of the one account.
 *
 * Limits: a hash at libsodium's INTERACTIVE limits is measured once a
 * run and the passes raised while a hash stays under a quarter of a
 * second here (a sign-in runs two: verify and unwrap, so under half a
 * second).  They are written with each hash and each wrap, so a stronger
 * choice later needs no change to what was stored: crypto_pwhash_str_needs
 * _rehash says when to rehash after a sign-in.
 */
#include "config.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "secret.h"
#include "util.h"

#if SECRET_KEYBYTES != crypto_secretbox_KEYBYTES || \
    SECRET_SALTBYTES != crypto_pwhash_SALTBYTES || \
    SECRET_HASHBYTES != crypto_pwhash_STRBYTES
#error "secret.h's sizes do not match libsodium's"
#endif

/* A wrap: version, passes and memory (little-endian 64 bits each), nonce,
 * then the sealed key. */
#define WRAP_VERSION	1
#define WRAP_HEAD	(1 + 8 + 8)
#define WRAP_LEN	(WRAP_HEAD + crypto_secretbox_NONCEBYTES + \
			 crypto_secretbox_MACBYTES + SECRET_KEYBYTES)
/* The most memory a wrap may ask of us (a damaged or hostile blob must
 * not make us allocate gigabytes). */
#define WRAP_MEM_MAX	((size_t)1 << 30)
/* One hash's budget here, in seconds. */
#define HASH_BUDGET	0.25

static const unsigned char check_context[] = "onward store key check";

void
secret_init(void)
{
	static int	done;

	if (done)
		return;
	if (sodium_init() < 0)
		fatal("cannot start libsodium");
	done = 1;
}

/* Test-only seam: ONWARD_PWHASH_FAST=1 uses the minimum limits, as
 * Argon2 at the real ones is slow under ASan and valgrind. */
bool
secret_fast(void)
{
	const char	*v = getenv("ONWARD_PWHASH_FAST");

	return v != NULL && strcmp(v, "1") == 0;
}

void
secret_limits_pick(double seconds, struct secret_limits *lim)
{
	unsigned long long	ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
	double			per_pass;

	if (seconds > 0) {
		per_pass = seconds / ops;
		while (ops < crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE &&
		    per_pass * (ops + 1) < HASH_BUDGET)
			ops++;
	}
	lim->ops = ops;
	lim->mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
}

/* Seconds one hash at the INTERACTIVE limits takes here. */
static double
measure(void)
{
	struct timespec	 t0, t1;
	char		 out[SECRET_HASHBYTES];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (crypto_pwhash_str_alg(out, "measure", 7,
	    crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

void
secret_limits(struct secret_limits *lim)
{
	static struct secret_limits	cached;

	secret_init();
	if (secret_fast()) {
		lim->ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
		lim->mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
		return;
	}
	if (cached.ops == 0)
		secret_limits_pick(measure(), &cached);
	*lim = cached;
}

int
secret_hash(const char *pass, const struct secret_limits *lim, char *out)
{
	secret_init();
	if (crypto_pwhash_str_alg(out, pass, strlen(pass), lim->ops, lim->mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	return 0;
}

bool
secret_verify(const char *hash, const char *pass)
{
	secret_init();
	return crypto_pwhash_str_verify(hash, pass, strlen(pass)) == 0;
}

bool
secret_needs_rehash(const char *hash, const struct secret_limits *lim)
{
	secret_init();
	return crypto_pwhash_str_needs_rehash(hash, lim->ops, lim->mem) != 0;
}

void *
secret_alloc(size_t len)
{
	void	*p;

	secret_init();
	if ((p = sodium_malloc(len)) == NULL)
		fatal("out of memory");
	sodium_memzero(p, len);
	return p;
}

void
secret_free(void *p)
{
	if (p != NULL)
		sodium_free(p);
}

unsigned char *
secret_key_new(void)
{
	unsigned char	*key = secret_alloc(SECRET_KEYBYTES);

	crypto_secretbox_keygen(key);
	return key;
}

static void
put64(unsigned char *p, uint64_t v)
{
	int	i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The key derived from pass and salt with these limits (secret_free
 * frees), or NULL when out of memory. */
static unsigned char *
derive(const char *pass, const unsigned char *salt, unsigned long long ops,
    size_t mem)
{
	unsigned char	*k = secret_alloc(crypto_secretbox_KEYBYTES);

	if (crypto_pwhash(k, crypto_secretbox_KEYBYTES, pass, strlen(pass),
	    salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		secret_free(k);
		return NULL;
	}
	return k;
}

int
secret_wrap(const unsigned char *key, const char *pass,
    const struct secret_limits *lim, unsigned char *salt,
    unsigned char **blob, size_t *len)
{
	unsigned char	*k, *b, *nonce;

	secret_init();
	randombytes_buf(salt, SECRET_SALTBYTES);
	if ((k = derive(pass, salt, lim->ops, lim->mem)) == NULL)
		return -1;
	b = xmalloc(WRAP_LEN);
	b[0] = WRAP_VERSION;
	put64(b + 1, lim->ops);
	put64(b + 9, lim->mem);
	nonce = b + WRAP_HEAD;
	randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, key,
	    SECRET_KEYBYTES, nonce, k);
	secret_free(k);
	*blob = b;
	*len = WRAP_LEN;
	return 0;
}

unsigned char *
secret_unwrap(const unsigned char *blob, size_t len, const unsigned char *salt,
    size_t saltlen, const char *pass)
{
	unsigned char		*k, *key;
	const unsigned char	*nonce;
	uint64_t		 ops, mem;

	secret_init();
	if (len != WRAP_LEN || saltlen != SECRET_SALTBYTES ||
	    blob[0] != WRAP_VERSION)
		return NULL;
	ops = get64(blob + 1);
	mem = get64(blob + 9);
	if (ops < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
	    ops > crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE * 4 ||
	    mem < crypto_pwhash_argon2id_MEMLIMIT_MIN || mem > WRAP_MEM_MAX)
		return NULL;
	if ((k = derive(pass, salt, ops, mem)) == NULL)
		return NULL;
	nonce = blob + WRAP_HEAD;
	key = secret_alloc(SECRET_KEYBYTES);
	if (crypto_secretbox_open_easy(key, nonce +
	    crypto_secretbox_NONCEBYTES, crypto_secretbox_MACBYTES +
	    SECRET_KEYBYTES, nonce, k) != 0) {
		secret_free(key);
		key = NULL;
	}
	secret_free(k);
	return key;
}

void
secret_key_check(const unsigned char *key, char *out)
{
	unsigned char	h[16];

	secret_init();
	crypto_generichash(h, sizeof h, check_context, sizeof check_context -
	    1, key, SECRET_KEYBYTES);
	sodium_bin2hex(out, SECRET_CHECKHEX, h, sizeof h);
}
