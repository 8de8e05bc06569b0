/*
 * test-store-keys.c: the device keys of a store (store-keys.h): made once
 * with the first account, the secret halves only sealed under the store
 * key (not readable with another key, not in the file in clear), the
 * public halves and the role in clear, known devices kept and dropped.
 */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "secret.h"
#include "store-account.h"
#include "store-int.h"
#include "store-keys.h"
#include "store.h"
#include "util.h"

/* True when the n bytes of needle appear in the file path. */
static int
file_contains(const char *path, const unsigned char *needle, size_t n)
{
	FILE		*f;
	unsigned char	*buf = NULL;
	size_t		 len = 0, cap = 0, i;
	int		 found = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	for (;;) {
		buf = xreallocarray(buf, cap + 65536, 1);
		i = fread(buf + len, 1, 65536, f);
		cap += 65536;
		len += i;
		if (i == 0)
			break;
	}
	fclose(f);
	for (i = 0; !found && i + n <= len; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

int
main(void)
{
	struct store		*st;
	struct store_peer	 p, *list;
	unsigned char		 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	unsigned char		 spk2[KEYS_SIGN_PK], bpk2[KEYS_BOX_PK];
	unsigned char		*key, *other, *ssk, *bsk, derived[32];
	const char		*tmp;
	char			*dir, *path, *cause = NULL, *role, *cmd;
	size_t			 n;
	int			 rc;

	setenv("ONWARD_PWHASH_FAST", "1", 1);
	if ((tmp = getenv("TMPDIR")) == NULL)
		tmp = "/tmp";
	dir = xasprintf("%s/onward-test-keys.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return done_testing();
	}
	path = xasprintf("%s/s.db", dir);
	st = store_open(path, NULL, &cause);
	if (st == NULL) {
		ok(0, "open: %s", cause);
		return done_testing();
	}
	ok(store_keys_public(st, spk, bpk) == 0, "a new store has no keys");
	ok(store_account_add(st, "boss", "admin", "boss-pass", NULL,
	    &cause) == 0, "the first account");
	ok(store_keys_public(st, spk, bpk) == 1,
	    "the first account makes the keys");
	role = store_keys_role(st);
	is_str(role, "headquarters", "an admin first: headquarters");
	free(role);
	role = store_setting(st, "accept_unsigned");
	is_str(role, "no", "headquarters merges only signed bundles");
	free(role);
	ok(store_account_check(st, "boss", "boss-pass", &key, &cause) == 0,
	    "sign in");
	ok(store_keys_secret(st, key, &ssk, &bsk, &cause) == 0,
	    "the secret keys open with the store key");
	crypto_sign_ed25519_sk_to_pk(derived, ssk);
	ok(memcmp(derived, spk, 32) == 0, "the signing pair matches");
	crypto_scalarmult_base(derived, bsk);
	ok(memcmp(derived, bpk, 32) == 0, "the box pair matches");
	ok(store_keys_make(st, key, &cause) == 0 &&
	    store_keys_public(st, spk2, bpk2) == 1 &&
	    memcmp(spk, spk2, 32) == 0 && memcmp(bpk, bpk2, 32) == 0,
	    "making them again keeps them");
	other = secret_key_new();
	ok(store_keys_secret(st, other, &ssk, &bsk, &cause) == -1 &&
	    ssk == NULL && bsk == NULL, "another key opens nothing");
	ok(cause != NULL && strstr(cause, "do not open with the store key") != NULL, "and says so");
	free(cause);
	cause = NULL;
	store_keys_secret(st, key, &ssk, &bsk, &cause);
	memset(&p, 0, sizeof p);
	p.device = "0123abcd";
	p.role = "field";
	p.status = "enrolled";
	memcpy(p.sign_pk, spk, 32);
	ok(store_peer_put(st, &p, &cause) == 0, "a known device");
	ok(store_peer_get(st, spk, &p) == 1 && strcmp(p.device,
	    "0123abcd") == 0 && !p.has_box, "found again");
	store_peer_clear(&p);
	ok(store_peer_list(st, &list, &n, &cause) == 0 && n == 1,
	    "listed");
	store_peer_free(list, n);
	ok(store_peer_drop(st, spk, &cause) == 0 &&
	    store_peer_get(st, spk, &p) == 0, "dropped");
	store_close(st);
	ok(!file_contains(path, ssk, KEYS_SIGN_SK) &&
	    !file_contains(path, bsk, KEYS_BOX_SK),
	    "no secret key in the file in clear");
	{
		char	hex[2 * KEYS_SIGN_SK + 1];

		sodium_bin2hex(hex, sizeof hex, ssk, KEYS_SIGN_SK);
		ok(!file_contains(path, (unsigned char *)hex, 64),
		    "nor in hex");
	}
	secret_free(ssk);
	secret_free(bsk);
	secret_free(key);
	secret_free(other);
	rc = done_testing();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	free(cmd);
	free(path);
	free(dir);
	return rc;
}
