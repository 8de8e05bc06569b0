/*
 * store-account.c: the accounts of a store (see store-account.h): the
 * account table, passphrase hashes, the wrapped store key, and counting
 * wrong passphrases.  The hashing and wrapping (slow on purpose) happen
 * before a write begins, so the store is never locked while Argon2 runs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "secret.h"
#include "store-account.h"
#include "store-int.h"
#include "store-keys.h"
#include "utf8.h"
#include "util.h"

/* The longest account name, in bytes. */
#define NAME_MAX_BYTES	64
/* The longest wait after a wrong passphrase, in seconds. */
#define WAIT_MAX	5

/* What a new passphrase writes: its hash and the store key wrapped
 * under it. */
struct sealed {
	char		 hash[SECRET_HASHBYTES];
	unsigned char	 salt[SECRET_SALTBYTES];
	unsigned char	*wrapped;
	size_t		 len;
};

bool
store_account_role_ok(const char *role)
{
	return strcmp(role, "worker") == 0 ||
	    strcmp(role, "supervisor") == 0 || strcmp(role, "admin") == 0;
}

int
store_account_pass_ok(const char *pass, char **cause)
{
	if (!utf8_valid(pass, strlen(pass))) {
		*cause = xstrdup(_("the passphrase is not valid UTF-8 text"));
		return -1;
	}
	if (utf8_chars(pass, strlen(pass)) < STORE_PASS_MIN) {
		*cause = xasprintf(_("a passphrase needs at least %d "
		    "characters"), STORE_PASS_MIN);
		return -1;
	}
	return 0;
}

/* 0 when name can name an account, else -1 with *cause. */
static int
name_ok(const char *name, char **cause)
{
	const unsigned char	*p;
	size_t			 len = strlen(name);

	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			break;
	}
	if (len == 0 || len > NAME_MAX_BYTES || *p != '\0' ||
	    !utf8_valid(name, len)) {
		*cause = xasprintf(_("'%s' cannot name an account: 1 to %d "
		    "bytes of text without tabs or control characters"),
		    name, NAME_MAX_BYTES);
		return -1;
	}
	return 0;
}

/* True when the store has the account table (a read-only store of an
 * older schema has none). */
static bool
has_table(struct store *st)
{
	int64_t	 n;
	char	*cause = NULL;

	if (store_query_int(st, "SELECT count(*) FROM sqlite_master WHERE "
	    "name = ?", "account", &n, &cause) == -1) {
		free(cause);
		return false;
	}
	return n > 0;
}

int
store_account_count(struct store *st, size_t *n, char **cause)
{
	int64_t	v;

	*n = 0;
	if (!has_table(st))
		return 0;
	if (store_query_int(st, "SELECT count(*) FROM account WHERE "
	    "name != ?", "", &v, cause) == -1)
		return -1;
	*n = (size_t)v;
	return 0;
}

/* Fills a from the row of s: name, role, disabled, failures. */
static void
fill(struct store_account *a, sqlite3_stmt *s)
{
	a->name = store_col(s, 0);
	a->role = store_col(s, 1);
	a->disabled = sqlite3_column_int(s, 2) != 0;
	a->failures = sqlite3_column_int(s, 3);
}

int
store_account_list(struct store *st, struct store_account **list, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*list = NULL;
	*n = 0;
	if (!has_table(st))
		return 0;
	s = store_stmt(st, "SELECT name, role, disabled, failures, EXISTS "
	    "(SELECT 1 FROM change WHERE record = '@account:' || name AND "
	    "path = '@disabled') FROM account ORDER BY name");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*list = xreallocarray(*list, *n + 1, sizeof **list);
		fill(&(*list)[*n], s);
		(*list)[(*n)++].everywhere = sqlite3_column_int(s, 4) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_account_free(*list, *n);
		*list = NULL;
		*n = 0;
		return store_fail(st, rc, cause);
	}
	return 0;
}

void
store_account_clear(struct store_account *a)
{
	free(a->name);
	free(a->role);
	memset(a, 0, sizeof *a);
}

void
store_account_free(struct store_account *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_account_clear(&list[i]);
	free(list);
}

int
store_account_get(struct store *st, const char *name,
    struct store_account *a, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(a, 0, sizeof *a);
	if (!has_table(st))
		return 0;
	s = store_stmt(st, "SELECT name, role, disabled, failures FROM "
	    "account WHERE name = ?");
	store_bind(s, 1, name);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fill(a, s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return rc == SQLITE_ROW;
}

/* Hashes pass and wraps key under it into *out (free out->wrapped). */
static int
seal(const char *pass, const unsigned char *key, struct sealed *out,
    char **cause)
{
	struct secret_limits	lim;

	secret_limits(&lim);
	if (secret_hash(pass, &lim, out->hash) == -1 ||
	    secret_wrap(key, pass, &lim, out->salt, &out->wrapped,
	    &out->len) == -1) {
		*cause = xstrdup(_("not enough memory to hash the passphrase"));
		return -1;
	}
	return 0;
}

/* 0 when key is this store's key (or the store has none yet), else -1. */
static int
key_matches(struct store *st, const unsigned char *key, char **cause)
{
	char	 check[SECRET_CHECKHEX], *have;
	int	 rc = 0;

	secret_key_check(key, check);
	have = store_meta_get(st, "store_key_check");
	if (have != NULL && strcmp(have, check) != 0) {
		*cause = xasprintf(_("store '%s': the store key does not "
		    "match this store's"), st->path);
		rc = -1;
	}
	free(have);
	return rc;
}

/* The first account says what the store is: an admin's is headquarters,
 * which merges only signed bundles; a worker's a field device. */
static int
first_role(struct store *st, const char *role, char **cause)
{
	bool	hq = strcmp(role, "admin") == 0;

	if (store_keys_set_role(st, hq ? "headquarters" : "field",
	    cause) == -1)
		return -1;
	return hq ? store_set_setting(st, "accept_unsigned", "no", cause) : 0;
}

int
store_account_add(struct store *st, const char *name, const char *role,
    const char *pass, const unsigned char *key, char **cause)
{
	struct store_account	 a;
	struct sealed		 sl = { .wrapped = NULL };
	unsigned char		*made = NULL;
	char			 check[SECRET_CHECKHEX];
	sqlite3_stmt		*s;
	size_t			 n;
	int			 rc;

	if (st->readonly)
		return store_fail(st, SQLITE_READONLY, cause);
	if (name_ok(name, cause) == -1)
		return -1;
	if (!store_account_role_ok(role)) {
		*cause = xasprintf(_("'%s' is not a role (there are worker, "
		    "supervisor and admin)"), role);
		return -1;
	}
	if (store_account_pass_ok(pass, cause) == -1)
		return -1;
	if ((rc = store_account_get(st, name, &a, cause)) != 0) {
		store_account_clear(&a);
		if (rc == 1)
			*cause = xasprintf(_("account '%s' exists already"),
			    name);
		return -1;
	}
	if (store_account_count(st, &n, cause) == -1)
		return -1;
	if ((key == NULL) != (n == 0)) {
		*cause = xasprintf(_("cannot add account '%s': only the "
		    "first account is added without the store key"), name);
		return -1;
	}
	if (key == NULL)
		key = made = secret_key_new();
	else if (key_matches(st, key, cause) == -1)
		return -1;
	if (seal(pass, key, &sl, cause) == -1)
		goto fail;
	if (store_begin(st, cause) == -1)
		goto fail;
	if (made != NULL) {
		secret_key_check(made, check);
		if (store_meta_set(st, "store_key_check", check, cause) == -1 ||
		    store_keys_make(st, made, cause) == -1 ||
		    first_role(st, role, cause) == -1)
			goto rollback;
	}
	s = store_stmt(st, "INSERT INTO account(name, role, pwhash, wrapped, "
	    "salt, created, updated) VALUES(?, ?, ?, ?, ?, ?, ?6)");
	store_bind(s, 1, name);
	store_bind(s, 2, role);
	store_bind(s, 3, sl.hash);
	sqlite3_bind_blob(s, 4, sl.wrapped, (int)sl.len, SQLITE_STATIC);
	sqlite3_bind_blob(s, 5, sl.salt, sizeof sl.salt, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	if (store_done(st, s, cause) == -1 || store_commit(st, cause) == -1)
		goto rollback;
	free(sl.wrapped);
	secret_free(made);
	return 0;
rollback:
	store_rollback(st);
fail:
	free(sl.wrapped);
	secret_free(made);
	return -1;
}

/* "no account 'NAME'" into *cause; -1. */
static int
no_account(const char *name, char **cause)
{
	*cause = xasprintf(_("no account '%s'"), name);
	return -1;
}

int
store_account_set_passphrase(struct store *st, const char *name,
    const char *pass, const unsigned char *key, char **cause)
{
	struct store_account	 a;
	struct sealed		 sl = { .wrapped = NULL };
	sqlite3_stmt		*s;
	int			 rc;

	if (st->readonly)
		return store_fail(st, SQLITE_READONLY, cause);
	if ((rc = store_account_get(st, name, &a, cause)) != 1)
		return rc == 0 ? no_account(name, cause) : -1;
	store_account_clear(&a);
	if (store_account_pass_ok(pass, cause) == -1 ||
	    key_matches(st, key, cause) == -1 ||
	    seal(pass, key, &sl, cause) == -1) {
		free(sl.wrapped);
		return -1;
	}
	s = store_stmt(st, "UPDATE account SET pwhash = ?, wrapped = ?, "
	    "salt = ?, failures = 0, updated = ? WHERE name = ?");
	store_bind(s, 1, sl.hash);
	sqlite3_bind_blob(s, 2, sl.wrapped, (int)sl.len, SQLITE_STATIC);
	sqlite3_bind_blob(s, 3, sl.salt, sizeof sl.salt, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	store_bind(s, 5, name);
	rc = store_done(st, s, cause);
	free(sl.wrapped);
	return rc;
}

int
store_account_disable(struct store *st, const char *name, char **cause)
{
	struct store_account	 a;
	sqlite3_stmt		*s;
	int64_t			 admins;
	int			 rc;

	if (st->readonly)
		return store_fail(st, SQLITE_READONLY, cause);
	if ((rc = store_account_get(st, name, &a, cause)) != 1)
		return rc == 0 ? no_account(name, cause) : -1;
	rc = strcmp(a.role, "admin") == 0 && !a.disabled;
	store_account_clear(&a);
	if (rc) {
		if (store_query_int(st, "SELECT count(*) FROM account WHERE "
		    "role = ? AND disabled = 0", "admin", &admins,
		    cause) == -1)
			return -1;
		if (admins <= 1) {
			*cause = xasprintf(_("cannot disable '%s': it is the "
			    "last enabled admin"), name);
			return -1;
		}
	}
	s = store_stmt(st, "UPDATE account SET disabled = 1, updated = ? "
	    "WHERE name = ?");
	sqlite3_bind_int64(s, 1, (int64_t)time(NULL));
	store_bind(s, 2, name);
	return store_done(st, s, cause);
}

int
store_account_disable_all(struct store *st, char **cause)
{
	sqlite3_stmt	*s;

	if (!has_table(st))
		return 0;
	/* An admin only while another enabled admin is left: the store is
	 * never left without one. */
	s = store_stmt(st, "UPDATE account SET disabled = 1, updated = ?1 "
	    "WHERE disabled = 0 AND name IN (SELECT substr(record, 10) FROM "
	    "change WHERE path = '@disabled' AND record LIKE '@account:%') "
	    "AND (role != 'admin' OR EXISTS (SELECT 1 FROM account o WHERE "
	    "o.role = 'admin' AND o.disabled = 0 AND o.name != account.name "
	    "AND o.name NOT IN (SELECT substr(record, 10) FROM change WHERE "
	    "path = '@disabled' AND record LIKE '@account:%')))");
	sqlite3_bind_int64(s, 1, (int64_t)time(NULL));
	return store_done(st, s, cause);
}

/* Counts a wrong passphrase for name and waits a second per failure so
 * far (at most WAIT_MAX).  Test-only seam: ONWARD_ACCOUNT_NOWAIT=1 skips
 * the wait. */
static void
count_failure(struct store *st, const char *name, int failures)
{
	sqlite3_stmt	*s;
	const char	*nowait = getenv("ONWARD_ACCOUNT_NOWAIT");
	char		*cause = NULL;

	if (!st->readonly) {
		s = store_stmt(st, "UPDATE account SET failures = failures + 1 "
		    "WHERE name = ?");
		store_bind(s, 1, name);
		/* Not counted on a store error: the refusal stands. */
		if (store_done(st, s, &cause) == -1)
			free(cause);
	}
	if (nowait == NULL || strcmp(nowait, "1") != 0)
		sleep(failures + 1 < WAIT_MAX ? failures + 1 : WAIT_MAX);
}

/* The hash, wrapped key and salt of name; 1, 0 none, -1 error. */
static int
get_secrets(struct store *st, const char *name, char **hash,
    unsigned char **wrapped, size_t *len, unsigned char *salt, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_stmt(st, "SELECT pwhash, wrapped, salt FROM account "
	    "WHERE name = ?");
	store_bind(s, 1, name);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*hash = store_col(s, 0);
		*len = (size_t)sqlite3_column_bytes(s, 1);
		*wrapped = xmalloc(*len + 1);
		if (*len > 0)
			memcpy(*wrapped, sqlite3_column_blob(s, 1), *len);
		memset(salt, 0, SECRET_SALTBYTES);
		if (sqlite3_column_bytes(s, 2) == SECRET_SALTBYTES)
			memcpy(salt, sqlite3_column_blob(s, 2),
			    SECRET_SALTBYTES);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return rc == SQLITE_ROW;
}

/* Forgets the failures of name, and rehashes pass when its hash is weaker
 * than today's limits; a store error here does not refuse the sign-in. */
static void
after_success(struct store *st, const char *name, const char *pass,
    const char *hash, const unsigned char *key, int failures)
{
	struct secret_limits	 lim;
	sqlite3_stmt		*s;
	char			*cause = NULL;

	if (st->readonly)
		return;
	if (failures > 0) {
		s = store_stmt(st, "UPDATE account SET failures = 0 WHERE "
		    "name = ?");
		store_bind(s, 1, name);
		if (store_done(st, s, &cause) == -1) {
			free(cause);
			cause = NULL;
		}
	}
	secret_limits(&lim);
	if (secret_needs_rehash(hash, &lim) &&
	    store_account_set_passphrase(st, name, pass, key, &cause) == -1)
		free(cause);
}

int
store_account_check(struct store *st, const char *name, const char *pass,
    unsigned char **key, char **cause)
{
	struct store_account	 a;
	unsigned char		 salt[SECRET_SALTBYTES], *wrapped = NULL;
	unsigned char		*k = NULL;
	char			*hash = NULL;
	size_t			 len = 0;
	int			 rc;

	if (key != NULL)
		*key = NULL;
	if ((rc = store_account_get(st, name, &a, cause)) != 1)
		return rc == 0 ? no_account(name, cause) : -1;
	if (a.disabled) {
		store_account_clear(&a);
		*cause = xasprintf(_("account '%s' is disabled"), name);
		return -1;
	}
	if ((rc = get_secrets(st, name, &hash, &wrapped, &len, salt,
	    cause)) != 1) {
		store_account_clear(&a);
		return rc == 0 ? no_account(name, cause) : -1;
	}
	if (!secret_verify(hash, pass) ||
	    (k = secret_unwrap(wrapped, len, salt, sizeof salt,
	    pass)) == NULL) {
		count_failure(st, name, a.failures);
		*cause = xasprintf(_("wrong passphrase for '%s'"), name);
		rc = -1;
	} else {
		after_success(st, name, pass, hash, k, a.failures);
		rc = 0;
	}
	if (key != NULL && rc == 0)
		*key = k;
	else
		secret_free(k);
	store_account_clear(&a);
	free(hash);
	free(wrapped);
	return rc;
}
