/*
 * store-keys: this store's device keys and the keys it knows of other
 * devices (headquarters it seals bundles to, field devices whose signed
 * bundles it merges), and the bundles held from devices it does not know
 * yet.  All local to the store, in its meta table: never in a bundle,
 * never in the dump.
 *
 * Owns: making this device's Ed25519 and X25519 pairs (keys.h), keeping
 * their secret halves only sealed with crypto_secretbox under the store
 * key (secret.h), the list of known devices, and the folder of held
 * bundles beside the store (STORE.held/).  Never: decides who may import
 * or accept (the verbs do), or reads a bundle (bundle.h does).
 *
 * Functions that can fail return -1 with *cause (caller frees).
 */
#ifndef ONWARD_STORE_KEYS_H
#define ONWARD_STORE_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "util.h"

struct store;

/* A device this store knows, or holds bundles of. */
struct store_peer {
	char		*device;	/* its device id */
	char		*role;		/* "headquarters" or "field" */
	char		*status;	/* "enrolled" or "held" */
	unsigned char	 sign_pk[KEYS_SIGN_PK];
	unsigned char	 box_pk[KEYS_BOX_PK];	/* zero when unknown */
	bool		 has_box;
};

/* Makes this store's two pairs when it has none yet, the secret halves
 * sealed under store_key.  Returns 0 (also when they exist). */
int	store_keys_make(struct store *, const unsigned char *store_key,
	    char **cause);
/* This store's public keys: 1, or 0 when it has none yet. */
int	store_keys_public(struct store *, unsigned char sign_pk[KEYS_SIGN_PK],
	    unsigned char box_pk[KEYS_BOX_PK]);
/* This store's secret keys unsealed with store_key into secret buffers
 * (secret_free frees each); -1 with *cause when missing or when store_key
 * does not open them. */
int	store_keys_secret(struct store *, const unsigned char *store_key,
	    unsigned char **sign_sk, unsigned char **box_sk, char **cause);
/* "headquarters", "field" or NULL when unknown (caller frees). */
char	*store_keys_role(struct store *);
/* Sets the role of this store (made with its first account). */
int	store_keys_set_role(struct store *, const char *role, char **cause);

/* Adds or replaces the device of p->sign_pk. */
int	store_peer_put(struct store *, const struct store_peer *,
	    char **cause);
/* Every known device, by device id, into *list (store_peer_free). */
int	store_peer_list(struct store *, struct store_peer **list, size_t *n,
	    char **cause);
void	store_peer_free(struct store_peer *, size_t n);
/* The device of sign_pk into *p (store_peer_clear frees what it
 * holds): 1 found, 0 none. */
int	store_peer_get(struct store *, const unsigned char *sign_pk,
	    struct store_peer *p);
void	store_peer_clear(struct store_peer *);
/* Forgets the device of sign_pk. */
int	store_peer_drop(struct store *, const unsigned char *sign_pk,
	    char **cause);

/*
 * A keys file (public keys only, to compare by fingerprint):
 *	onward-keys TAB 1 / device TAB ID / role TAB ROLE / sign TAB HEX /
 *	box TAB HEX / boxsig TAB HEX (the box key signed by the signing key)
 * store_keys_export writes this store's, signing with sign_sk;
 * store_keys_read reads one into *p (store_peer_clear), checking the box
 * key's signature, with messages naming the file.
 */
int	store_keys_export(struct store *, const char *path,
	    const unsigned char *sign_sk, char **cause);
int	store_keys_read(const char *path, struct store_peer *p,
	    char **cause);

/* The folder of held bundles (caller frees). */
char	*store_held_dir(struct store *);
/* Copies the bundle at path into the held folder under its own name and
 * records it as a bundle of the device of sign_pk. */
int	store_held_add(struct store *, const char *path,
	    const unsigned char *sign_pk, char **cause);
/* The held files of sign_pk (full paths, added to sv). */
int	store_held_files(struct store *, const unsigned char *sign_pk,
	    struct strvec *sv, char **cause);
/* Removes a held file and its record. */
int	store_held_drop(struct store *, const char *file, char **cause);

/*
 * Revocation (store-revoke.c): a change of record "@device:DEVICE" at
 * path "@revoked", so it travels in bundles.  store_revoke records the
 * highest change number of device this store has, into *last, authored
 * by author (the verb checks the admin); known: device has keys here
 * (else it must have changes here).  store_revoked: 1 with *last
 * when device is revoked, 0 when not.  store_revoked_list adds the
 * revoked devices to devices and their numbers to *lasts (caller frees
 * both).
 */
int	store_revoke(struct store *, const char *device, bool known,
	    const char *author, int64_t *last, char **cause);
int	store_revoked(struct store *, const char *device, int64_t *last,
	    char **cause);
int	store_revoked_list(struct store *, struct strvec *devices,
	    int64_t **lasts, char **cause);
/*
 * An account disabled everywhere (store-revoke.c): a change of record
 * "@account:NAME" at path "@disabled", value its own hlc and the last
 * change number of each device the store had (store-revoke.c).
 * store_disable_everywhere records it by author (the verb checks the
 * admin), disabling a local account NAME too in the same transaction,
 * its hlc into *hlc.  store_disabled: 1 with *hlc when name is disabled
 * everywhere, 0 when not.  store_disabled_merged, inside a merge's
 * transaction: -1 with *cause naming path and the account when a change
 * that arrived after arrival number before is authored by a disabled
 * account and numbered above the disabling's number of its device (for
 * a device it names none of: stamped after the disabling); else disables
 * the local accounts so disabled, but never the last enabled admin.
 */
int	store_disable_everywhere(struct store *, const char *name,
	    const char *author, int64_t *hlc, char **cause);
int	store_disabled(struct store *, const char *name, int64_t *hlc,
	    char **cause);
int	store_disabled_merged(struct store *, int64_t before,
	    const char *path, char **cause);

#endif
