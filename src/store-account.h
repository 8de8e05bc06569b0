/*
 * store-account: the accounts of a store (who may sign in here, with
 * which role), local to the store: they never travel in bundles and are
 * not in the dump.
 *
 * Owns: the account table (store-int.h), the rules for names, roles and
 * passphrases, counting wrong passphrases and slowing them down, and the
 * store key each account keeps wrapped under its passphrase (secret.h).
 * Never: reads a passphrase, or decides who may do what (the verbs do).
 *
 * Every function that can fail returns -1 with *cause set to a translated
 * message naming the account (caller frees), as store.h's do.
 */
#ifndef ONWARD_STORE_ACCOUNT_H
#define ONWARD_STORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* The shortest passphrase, in characters (a PIN of 6 digits is fine). */
#define STORE_PASS_MIN	6

struct store_account {
	char	*name;
	char	*role;		/* "worker", "supervisor" or "admin" */
	bool	 disabled;
	bool	 everywhere;	/* disabled everywhere (store-revoke.c);
				   from store_account_list only */
	int	 failures;	/* wrong passphrases since the last right one */
};

/* True when role is one of worker, supervisor, admin. */
bool	store_account_role_ok(const char *role);
/* 0 when pass is long enough for a new passphrase, else -1 with *cause. */
int	store_account_pass_ok(const char *pass, char **cause);
/* Sets *n to the number of accounts (0 on a store older than accounts
 * opened read-only). */
int	store_account_count(struct store *, size_t *n, char **cause);
/* Every account, by name, into *list (*n of them; free with
 * store_account_free). */
int	store_account_list(struct store *, struct store_account **list,
	    size_t *n, char **cause);
/* Frees n accounts and the array. */
void	store_account_free(struct store_account *, size_t n);
/* The account name into *a (store_account_clear frees what it holds):
 * 1 found, 0 none, -1 error. */
int	store_account_get(struct store *, const char *name,
	    struct store_account *a, char **cause);
/* Frees what one account holds, not the account itself. */
void	store_account_clear(struct store_account *);
/*
 * Adds an account with this role and passphrase.  key is the store key
 * an acting account unwrapped (store_account_check); NULL only for the
 * first account of the store, which makes the store key.
 */
int	store_account_add(struct store *, const char *name, const char *role,
	    const char *pass, const unsigned char *key, char **cause);
/* Gives name the passphrase pass: a new hash and the store key (key, as
 * unwrapped by the acting account) wrapped anew; failures back to 0. */
int	store_account_set_passphrase(struct store *, const char *name,
	    const char *pass, const unsigned char *key, char **cause);
/* Disables name: it can no longer sign in.  The last enabled admin
 * cannot be disabled. */
int	store_account_disable(struct store *, const char *name, char **cause);
/* Disables every account disabled everywhere (a change of record
 * "@account:NAME" at path "@disabled", store-revoke.c), within the
 * caller's transaction, if any; even the last admin. */
int	store_account_disable_all(struct store *, char **cause);
/*
 * Signs name in with pass: refuses an unknown or disabled account and a
 * wrong passphrase (then counts the failure and waits a second per
 * failure so far, at most five).  On success sets *key, when key is not
 * NULL, to the store key (secret_free frees), sets failures to 0 and
 * rehashes a passphrase hashed with weaker limits than today's.
 */
int	store_account_check(struct store *, const char *name,
	    const char *pass, unsigned char **key, char **cause);

#endif
