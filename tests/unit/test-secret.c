/*
 * test-secret.c: the secret module: hashing and verifying passphrases,
 * wrapping and unwrapping the store key, rewrapping for a new passphrase,
 * and the limits chosen (checked as numbers: no slow hash is run).
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "secret.h"

/* True when the n bytes of needle appear in the len bytes of hay. */
static int
contains(const unsigned char *hay, size_t len, const unsigned char *needle,
    size_t n)
{
	size_t	i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	}
	return 0;
}

static void
test_limits(void)
{
	struct secret_limits	lim;

	secret_limits_pick(2.0, &lim);
	ok(lim.ops == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE &&
	    lim.mem == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	    "a slow machine keeps the INTERACTIVE limits, never below");
	secret_limits_pick(0.2, &lim);
	ok(lim.ops == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	    "0.2 s a hash: no more passes");
	secret_limits_pick(0.05, &lim);
	ok(lim.ops > crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE &&
	    lim.ops <= crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE,
	    "a fast machine gets more passes, at most SENSITIVE's (%llu)",
	    lim.ops);
	ok(lim.mem == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	    "and the INTERACTIVE memory");
	secret_limits_pick(0.0001, &lim);
	ok(lim.ops == crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE,
	    "a very fast one stops at SENSITIVE's passes");
	setenv("ONWARD_PWHASH_FAST", "1", 1);
	secret_limits(&lim);
	ok(lim.ops == crypto_pwhash_argon2id_OPSLIMIT_MIN &&
	    lim.mem == crypto_pwhash_argon2id_MEMLIMIT_MIN,
	    "fast mode uses the minimum limits");
}

static void
test_hash(void)
{
	struct secret_limits	lim, other;
	char			h[SECRET_HASHBYTES];

	secret_limits(&lim);
	ok(secret_hash("correct horse", &lim, h) == 0, "hash");
	ok(strncmp(h, "$argon2id$", 10) == 0, "an Argon2id string");
	ok(secret_verify(h, "correct horse"), "the right passphrase verifies");
	ok(!secret_verify(h, "correct horsf"), "a wrong one does not");
	ok(!secret_verify(h, ""), "nor an empty one");
	ok(!secret_needs_rehash(h, &lim), "no rehash at the same limits");
	other = lim;
	other.ops++;
	ok(secret_needs_rehash(h, &other), "rehash at stronger limits");
}

static void
test_wrap(void)
{
	struct secret_limits	 lim;
	unsigned char		*key, *got, *blob, *blob2, salt[SECRET_SALTBYTES];
	unsigned char		 salt2[SECRET_SALTBYTES];
	size_t			 len, len2;
	char			 c1[SECRET_CHECKHEX], c2[SECRET_CHECKHEX];

	secret_limits(&lim);
	key = secret_key_new();
	ok(secret_wrap(key, "123456", &lim, salt, &blob, &len) == 0, "wrap");
	ok(!contains(blob, len, key, SECRET_KEYBYTES),
	    "the wrapped blob does not contain the key");
	got = secret_unwrap(blob, len, salt, sizeof salt, "123456");
	ok(got != NULL && memcmp(got, key, SECRET_KEYBYTES) == 0,
	    "unwrap with the passphrase gives the key back");
	secret_free(got);
	ok(secret_unwrap(blob, len, salt, sizeof salt, "123457") == NULL,
	    "a wrong passphrase unwraps nothing");
	blob[len - 1] ^= 1;
	ok(secret_unwrap(blob, len, salt, sizeof salt, "123456") == NULL,
	    "a damaged blob unwraps nothing");
	blob[len - 1] ^= 1;
	ok(secret_unwrap(blob, len - 1, salt, sizeof salt, "123456") == NULL,
	    "nor a short one");
	/* passwd: the same key rewrapped under the new passphrase. */
	ok(secret_wrap(key, "new pass", &lim, salt2, &blob2, &len2) == 0,
	    "rewrap");
	ok(memcmp(salt, salt2, sizeof salt) != 0, "with a salt of its own");
	got = secret_unwrap(blob2, len2, salt2, sizeof salt2, "new pass");
	ok(got != NULL && memcmp(got, key, SECRET_KEYBYTES) == 0,
	    "the new passphrase gives the same key");
	secret_free(got);
	ok(secret_unwrap(blob2, len2, salt2, sizeof salt2, "123456") == NULL,
	    "the old one does not open the new wrap");
	secret_key_check(key, c1);
	ok(strlen(c1) == SECRET_CHECKHEX - 1, "a check value");
	got = secret_key_new();
	secret_key_check(got, c2);
	ok(strcmp(c1, c2) != 0, "tells two keys apart");
	ok(memcmp(got, key, SECRET_KEYBYTES) != 0, "new keys are random");
	secret_free(got);
	free(blob);
	free(blob2);
	secret_free(key);
}

int
main(void)
{
	plan_lazy();
	unsetenv("ONWARD_PWHASH_FAST");
	secret_init();
	secret_init();
	ok(1, "secret_init twice");
	test_limits();
	test_hash();
	test_wrap();
	return done_testing();
}
