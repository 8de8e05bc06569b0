/*
 * secret: passphrases and the store key, with libsodium only (no
 * cryptography of our own).  The module prefix is secret_ because
 * crypto_ is libsodium's.
 *
 * Owns: starting libsodium, hashing and verifying passphrases (Argon2id,
 * limits measured on this machine), the random store key, wrapping it
 * under a passphrase and unwrapping it, and buffers for secrets (locked,
 * wiped when freed).  Never: stores anything, or reads a terminal.
 */
#ifndef ONWARD_SECRET_H
#define ONWARD_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* The store key's length (crypto_secretbox_KEYBYTES). */
#define SECRET_KEYBYTES		32
/* A wrap's salt (crypto_pwhash_SALTBYTES). */
#define SECRET_SALTBYTES	16
/* Room for a passphrase hash string with its NUL
 * (crypto_pwhash_STRBYTES). */
#define SECRET_HASHBYTES	128
/* Room for a passphrase read from a terminal or a file, with its NUL. */
#define SECRET_PASSMAX		1024

/* The Argon2id limits of one hash: its passes and its memory in bytes. */
struct secret_limits {
	unsigned long long	ops;
	size_t			mem;
};

/* Starts libsodium once (later calls do nothing); fatal if it cannot. */
void		 secret_init(void);
/*
 * The limits for a new hash or wrap.  Measures one hash at libsodium's
 * INTERACTIVE limits (once a run) and picks with secret_limits_pick; the
 * minimum limits in the test-only fast mode (ONWARD_PWHASH_FAST=1).
 */
void		 secret_limits(struct secret_limits *);
/*
 * The limits for a machine where one hash at the INTERACTIVE limits took
 * seconds: more passes while one hash stays under a quarter of a second
 * (a sign-in runs two: verify and unwrap), never below INTERACTIVE and at
 * most SENSITIVE's passes; the memory stays INTERACTIVE's (64 MB: field
 * laptops are small).
 */
void		 secret_limits_pick(double seconds, struct secret_limits *);
/* True in the test-only fast mode. */
bool		 secret_fast(void);

/* Hashes pass into out (SECRET_HASHBYTES, a NUL-terminated string with
 * its salt and limits inside).  Returns 0, or -1 when out of memory. */
int		 secret_hash(const char *pass, const struct secret_limits *,
		     char *out);
/* True when pass is the passphrase of hash. */
bool		 secret_verify(const char *hash, const char *pass);
/* True when hash was made with other limits than these (rehash it after
 * a sign-in). */
bool		 secret_needs_rehash(const char *hash,
		     const struct secret_limits *);

/* A new random store key (SECRET_KEYBYTES, secret_free frees). */
unsigned char	*secret_key_new(void);
/*
 * Wraps key under pass: a fresh random salt into salt (SECRET_SALTBYTES)
 * and a blob holding the limits, a nonce and the sealed key into *blob
 * (*len bytes; caller frees with free: it holds nothing secret).
 * Returns 0, or -1 when out of memory.
 */
int		 secret_wrap(const unsigned char *key, const char *pass,
		     const struct secret_limits *, unsigned char *salt,
		     unsigned char **blob, size_t *len);
/* The key wrapped in blob (secret_free frees), or NULL when pass is not
 * the passphrase it was wrapped under or blob is damaged. */
unsigned char	*secret_unwrap(const unsigned char *blob, size_t len,
		     const unsigned char *salt, size_t saltlen,
		     const char *pass);
/* A hex check value of key (SECRET_CHECKHEX with its NUL into out) that
 * tells keys apart without telling anything about them. */
#define SECRET_CHECKHEX		33
void		 secret_key_check(const unsigned char *key, char *out);

/* A zeroed buffer of len bytes for a secret, locked in memory when the
 * system allows (secret_free wipes and frees it); fatal when out of
 * memory. */
void		*secret_alloc(size_t len);
/* Wipes and frees what secret_alloc, secret_key_new or secret_unwrap
 * gave; NULL is fine. */
void		 secret_free(void *);

#endif
