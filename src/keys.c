/*
 * keys.c: key pairs, key ids and fingerprints (keys.h), thin wrappers
 * over libsodium.
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>

#include "keys.h"
#include "util.h"

/* Calls sodium_init() (idempotent), fatal() if it fails. */
static void
keys_init(void)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot be initialised");
}

/* A new Ed25519 pair. */
void
keys_sign_pair(unsigned char pk[KEYS_SIGN_PK], unsigned char sk[KEYS_SIGN_SK])
{
	keys_init();
	if (crypto_sign_keypair(pk, sk) != 0)
		fatal("crypto_sign_keypair failed");
}

/* A new X25519 pair. */
void
keys_box_pair(unsigned char pk[KEYS_BOX_PK], unsigned char sk[KEYS_BOX_SK])
{
	keys_init();
	if (crypto_box_keypair(pk, sk) != 0)
		fatal("crypto_box_keypair failed");
}

/* The 16-byte generichash of pk. */
void
keys_id_raw(const unsigned char pk[32], unsigned char id[KEYS_ID_BYTES])
{
	keys_init();
	crypto_generichash(id, KEYS_ID_BYTES, pk, 32, NULL, 0);
}

/* The key id of pk in hex. */
void
keys_id(const unsigned char pk[32], char id[KEYS_ID_SIZE])
{
	unsigned char	raw[KEYS_ID_BYTES];

	keys_id_raw(pk, raw);
	sodium_bin2hex(id, KEYS_ID_SIZE, raw, sizeof raw);
}

/*
 * The fingerprint: 80 bits of a generichash (personalised by its length,
 * so it is not a prefix of the key id) in RFC 4648 base32, which has no
 * 0/O or 1/I to confuse on the phone, in groups of four.
 */
void
keys_fingerprint(const unsigned char pk[32], char fp[KEYS_FP_SIZE])
{
	static const char	 alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char		 h[10];
	unsigned		 acc = 0, bits = 0;
	size_t			 i, o = 0, n = 0;

	keys_init();
	crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
	for (i = 0; i < sizeof h; i++) {
		acc = (acc << 8) | h[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			if (n > 0 && n % 4 == 0)
				fp[o++] = '-';
			fp[o++] = alpha[(acc >> bits) & 31];
			n++;
		}
	}
	fp[o] = '\0';
}
