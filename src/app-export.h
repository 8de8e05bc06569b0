/*
 * app-export: who a sealed export goes to and who signs it, for every
 * caller alike (onward export, the UI's sync screen): every headquarters
 * key this store has enrolled, plus keys files named; with any, the
 * bundle is format 2, signed with this device's key, which the signed-in
 * account's store key unwraps.
 *
 * Owns: choosing the recipients and unsealing the signing key.  Never:
 * parses arguments, writes the bundle.
 */
#ifndef ONWARD_APP_EXPORT_H
#define ONWARD_APP_EXPORT_H

#include <stddef.h>

#include "bundle.h"
#include "keys.h"
#include "util.h"

struct app;

struct app_export {
	const char		*as;		/* --as, NULL: the account
						   signed in already */
	const char		*pfile;		/* --passphrase-file */
	struct strvec		 to;		/* --to keys files */
	unsigned char		(*rcpt)[KEYS_BOX_PK];
	size_t			 n;		/* 0: format 1 */
	unsigned char		*sign_sk;	/* secret buffer */
	struct bundle_keys	 bk;		/* filled when n > 0 */
};

/*
 * Fills k: the recipients and, with any, the signing key (signing k->as
 * in first when given, else using app->store_key).  Returns 0, or -1
 * with *cause set (caller frees), or NULL when the sign-in said why.
 */
int	app_export_keys(struct app *, struct app_export *k, char **cause);
/* The keys to pass to store_export_sealed: NULL for format 1. */
const struct bundle_keys *app_export_bundle_keys(struct app_export *);
/* Wipes and frees what k holds (not k). */
void	app_export_done(struct app_export *k);

#endif
