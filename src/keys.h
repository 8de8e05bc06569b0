/*
 * keys: the key pairs of a device and how a person names a public key,
 * all from libsodium (no cryptography of our own): an Ed25519 pair for
 * signing, an X25519 pair for receiving sealed boxes, a key id (the hex of
 * a 16-byte crypto_generichash of the public key, as bundles carry it) and
 * a fingerprint short enough to read over the phone (base32 of a 10-byte
 * generichash, in four groups of four).
 *
 * Owns: making pairs and naming public keys.  Never: stores keys (the
 * store does, encrypted), or decides whom to trust.  Depends on nothing
 * above util.
 */
#ifndef ONWARD_KEYS_H
#define ONWARD_KEYS_H

#include <stddef.h>

#define KEYS_SIGN_PK	32	/* crypto_sign_PUBLICKEYBYTES */
#define KEYS_SIGN_SK	64	/* crypto_sign_SECRETKEYBYTES */
#define KEYS_BOX_PK	32	/* crypto_box_PUBLICKEYBYTES */
#define KEYS_BOX_SK	32	/* crypto_box_SECRETKEYBYTES */
#define KEYS_ID_BYTES	16
#define KEYS_ID_SIZE	(2 * KEYS_ID_BYTES + 1)	/* hex and its NUL */
#define KEYS_FP_SIZE	20	/* "ABCD-EFGH-IJKL-MNOP" and its NUL */

/* Makes a new Ed25519 signing pair. */
void	keys_sign_pair(unsigned char pk[KEYS_SIGN_PK],
	    unsigned char sk[KEYS_SIGN_SK]);
/* Makes a new X25519 pair for crypto_box_seal. */
void	keys_box_pair(unsigned char pk[KEYS_BOX_PK],
	    unsigned char sk[KEYS_BOX_SK]);
/* The raw key id of a 32-byte public key. */
void	keys_id_raw(const unsigned char pk[32],
	    unsigned char id[KEYS_ID_BYTES]);
/* The key id of a 32-byte public key, lower-case hex, into id. */
void	keys_id(const unsigned char pk[32], char id[KEYS_ID_SIZE]);
/* The fingerprint of a 32-byte public key into fp. */
void	keys_fingerprint(const unsigned char pk[32], char fp[KEYS_FP_SIZE]);

#endif
