/*
 * demo-accounts.c: the accounts of `onward demo` (demo.h): one worker
 * account per demo worker, a supervisor and an admin, all with the one
 * demo passphrase the verb prints, so that a newcomer signs in to the
 * demo store's UI as any of them.
 */
#include "config.h"

#include <stddef.h>

#include "demo.h"
#include "secret.h"
#include "store-account.h"
#include "store-keys.h"
#include "util.h"

const char *const demo_supervisor = "Lena Holm";
const char *const demo_admin = "admin";
const char *const demo_passphrase = "demo-2026";

int
demo_accounts(struct store *st, bool *made, char **cause)
{
	unsigned char	*key = NULL;
	size_t		 i, n;
	int		 rc = -1;

	*made = false;
	if (store_account_count(st, &n, cause) == -1)
		return -1;
	if (n > 0)
		return 0;
	if (store_account_add(st, demo_admin, "admin", demo_passphrase, NULL,
	    cause) == -1 || store_account_check(st, demo_admin,
	    demo_passphrase, &key, cause) == -1)
		goto out;
	if (store_account_add(st, demo_supervisor, "supervisor",
	    demo_passphrase, key, cause) == -1)
		goto out;
	for (i = 0; i < DEMO_NWORKERS; i++)
		if (store_account_add(st, demo_workers[i], "worker",
		    demo_passphrase, key, cause) == -1)
			goto out;
	if (store_keys_make(st, key, cause) == -1)
		goto out;
	*made = true;
	rc = 0;
out:
	secret_free(key);
	return rc;
}
