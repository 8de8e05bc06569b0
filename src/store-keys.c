/*
 * store-keys.c: device keys, known devices and held bundles
 * (store-keys.h), all in the meta table:
 *
 *	keys_sign_pk, keys_box_pk	this device's public keys, hex
 *	keys_sign_sk, keys_box_sk	hex of a nonce and the secret key
 *					sealed with crypto_secretbox under
 *					the store key
 *	store_role			headquarters or field
 *	peer:KEYID			status TAB role TAB device TAB
 *					signing key TAB box key ("" unknown)
 *	held:FILE			KEYID of the device that signed it
 */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "secret.h"
#include "store-int.h"
#include "store-keys.h"
#include "util.h"

#define NONCE	crypto_secretbox_NONCEBYTES
#define MAC	crypto_secretbox_MACBYTES

/* Reads hex of exactly len bytes into out: 0, or -1. */
static int
unhex(const char *hex, unsigned char *out, size_t len)
{
	size_t	got;

	if (hex == NULL || strlen(hex) != 2 * len)
		return -1;
	if (sodium_hex2bin(out, len, hex, strlen(hex), NULL, &got,
	    NULL) != 0 || got != len)
		return -1;
	return 0;
}

/* The hex of len bytes (caller frees). */
static char *
tohex(const unsigned char *p, size_t len)
{
	char	*s = xmalloc(2 * len + 1);

	sodium_bin2hex(s, 2 * len + 1, p, len);
	return s;
}

/* Seals len bytes of sk under key and stores the hex as meta name. */
static int
seal_put(struct store *st, const char *name, const unsigned char *sk,
    size_t len, const unsigned char *key, char **cause)
{
	unsigned char	*box = xmalloc(NONCE + MAC + len);
	char		*hex;
	int		 rc;

	randombytes_buf(box, NONCE);
	crypto_secretbox_easy(box + NONCE, sk, len, box, key);
	hex = tohex(box, NONCE + MAC + len);
	rc = store_meta_set(st, name, hex, cause);
	free(hex);
	free(box);
	return rc;
}

/* Opens the sealed meta name into a secret buffer of len bytes, or
 * NULL. */
static unsigned char *
seal_get(struct store *st, const char *name, size_t len,
    const unsigned char *key)
{
	unsigned char	*box = xmalloc(NONCE + MAC + len), *sk;
	char		*hex = store_meta_get(st, name);

	sk = secret_alloc(len);
	if (unhex(hex, box, NONCE + MAC + len) == -1 ||
	    crypto_secretbox_open_easy(sk, box + NONCE, MAC + len, box,
	    key) != 0) {
		secret_free(sk);
		sk = NULL;
	}
	free(hex);
	free(box);
	return sk;
}

int
store_keys_make(struct store *st, const unsigned char *key, char **cause)
{
	unsigned char	 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	unsigned char	*ssk, *bsk;
	char		*hex;
	int		 rc = 0;

	if (store_keys_public(st, spk, bpk) == 1)
		return 0;
	ssk = secret_alloc(KEYS_SIGN_SK);
	bsk = secret_alloc(KEYS_BOX_SK);
	keys_sign_pair(spk, ssk);
	keys_box_pair(bpk, bsk);
	if (seal_put(st, "keys_sign_sk", ssk, KEYS_SIGN_SK, key, cause) ==
	    -1 || seal_put(st, "keys_box_sk", bsk, KEYS_BOX_SK, key,
	    cause) == -1)
		rc = -1;
	hex = tohex(spk, sizeof spk);
	if (rc == 0 && store_meta_set(st, "keys_sign_pk", hex, cause) == -1)
		rc = -1;
	free(hex);
	hex = tohex(bpk, sizeof bpk);
	if (rc == 0 && store_meta_set(st, "keys_box_pk", hex, cause) == -1)
		rc = -1;
	free(hex);
	secret_free(ssk);
	secret_free(bsk);
	return rc;
}

int
store_keys_public(struct store *st, unsigned char sign_pk[KEYS_SIGN_PK],
    unsigned char box_pk[KEYS_BOX_PK])
{
	char	*s = store_meta_get(st, "keys_sign_pk");
	char	*b = store_meta_get(st, "keys_box_pk");
	int	 rc;

	rc = unhex(s, sign_pk, KEYS_SIGN_PK) == 0 &&
	    unhex(b, box_pk, KEYS_BOX_PK) == 0;
	free(s);
	free(b);
	return rc;
}

int
store_keys_secret(struct store *st, const unsigned char *key,
    unsigned char **sign_sk, unsigned char **box_sk, char **cause)
{
	*sign_sk = seal_get(st, "keys_sign_sk", KEYS_SIGN_SK, key);
	*box_sk = seal_get(st, "keys_box_sk", KEYS_BOX_SK, key);
	if (*sign_sk == NULL || *box_sk == NULL) {
		secret_free(*sign_sk);
		secret_free(*box_sk);
		*sign_sk = *box_sk = NULL;
		*cause = xasprintf(_("store '%s': this device's keys are "
		    "missing or do not open with the store key"), st->path);
		return -1;
	}
	return 0;
}

char *
store_keys_role(struct store *st)
{
	return store_meta_get(st, "store_role");
}

int
store_keys_set_role(struct store *st, const char *role, char **cause)
{
	return store_meta_set(st, "store_role", role, cause);
}

/* "peer:KEYID" of sign_pk (caller frees). */
static char *
peer_key(const unsigned char *sign_pk)
{
	char	id[KEYS_ID_SIZE];

	keys_id(sign_pk, id);
	return xasprintf("peer:%s", id);
}

int
store_peer_put(struct store *st, const struct store_peer *p, char **cause)
{
	char	*k, *v, *s, *b;
	int	 rc;

	k = peer_key(p->sign_pk);
	s = tohex(p->sign_pk, KEYS_SIGN_PK);
	b = p->has_box ? tohex(p->box_pk, KEYS_BOX_PK) : xstrdup("");
	v = xasprintf("%s\t%s\t%s\t%s\t%s", p->status, p->role, p->device,
	    s, b);
	rc = store_meta_set(st, k, v, cause);
	free(k);
	free(v);
	free(s);
	free(b);
	return rc;
}

/* Parses a peer's meta value into p: 0, or -1 when damaged. */
static int
peer_parse(const char *value, struct store_peer *p)
{
	char	*copy = xstrdup(value), *f[5], *q = copy;
	size_t	 i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < nitems(f); i++)
		f[i] = strsep(&q, "\t");
	if (f[4] == NULL || unhex(f[3], p->sign_pk, KEYS_SIGN_PK) == -1) {
		free(copy);
		return -1;
	}
	p->has_box = unhex(f[4], p->box_pk, KEYS_BOX_PK) == 0;
	p->status = xstrdup(f[0]);
	p->role = xstrdup(f[1]);
	p->device = xstrdup(f[2]);
	free(copy);
	return 0;
}

void
store_peer_clear(struct store_peer *p)
{
	free(p->device);
	free(p->role);
	free(p->status);
	memset(p, 0, sizeof *p);
}

void
store_peer_free(struct store_peer *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_peer_clear(&v[i]);
	free(v);
}

int
store_peer_list(struct store *st, struct store_peer **list, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	struct store_peer p;
	int		 rc;

	*list = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT value FROM meta WHERE key GLOB 'peer:*' "
	    "ORDER BY substr(value, instr(value, char(9)) + 1)");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (peer_parse((const char *)sqlite3_column_text(s, 0),
		    &p) == -1)
			continue;
		*list = xreallocarray(*list, *n + 1, sizeof **list);
		(*list)[(*n)++] = p;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_peer_free(*list, *n);
		*list = NULL;
		*n = 0;
		return store_fail(st, rc, cause);
	}
	return 0;
}

int
store_peer_get(struct store *st, const unsigned char *sign_pk,
    struct store_peer *p)
{
	char	*k = peer_key(sign_pk), *v;
	int	 rc;

	memset(p, 0, sizeof *p);
	v = store_meta_get(st, k);
	rc = v != NULL && peer_parse(v, p) == 0;
	free(k);
	free(v);
	return rc;
}

/* Deletes meta key. */
static int
meta_drop(struct store *st, const char *key, char **cause)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, "DELETE FROM meta WHERE key = ?");
	store_bind(s, 1, key);
	return store_done(st, s, cause);
}

int
store_peer_drop(struct store *st, const unsigned char *sign_pk,
    char **cause)
{
	char	*k = peer_key(sign_pk);
	int	 rc;

	rc = meta_drop(st, k, cause);
	free(k);
	return rc;
}

char *
store_held_dir(struct store *st)
{
	return xasprintf("%s.held", st->path);
}

/* Copies from to to (a new file); 0 or -1 with *cause. */
static int
copy_file(const char *from, const char *to, char **cause)
{
	FILE	*in, *out;
	char	 buf[65536];
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(from, "rb")) == NULL) {
		*cause = xasprintf(_("cannot read '%s': %s"), from,
		    strerror(errno));
		return -1;
	}
	if ((out = fopen(to, "wb")) == NULL) {
		*cause = xasprintf(_("cannot write '%s': %s"), to,
		    strerror(errno));
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (fwrite(buf, 1, n, out) != n)
			break;
	}
	if (ferror(in) || ferror(out) || fflush(out) != 0 ||
	    fsync(fileno(out)) != 0)
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	if (rc == -1) {
		*cause = xasprintf(_("cannot write '%s': %s"), to,
		    strerror(errno));
		(void)remove(to);
	}
	return rc;
}

int
store_held_add(struct store *st, const char *path,
    const unsigned char *sign_pk, char **cause)
{
	const char	*base = strrchr(path, '/');
	char		*dir, *to, *k, id[KEYS_ID_SIZE];
	int		 rc;

	base = base != NULL ? base + 1 : path;
	dir = store_held_dir(st);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		*cause = xasprintf(_("cannot make folder '%s': %s"), dir,
		    strerror(errno));
		free(dir);
		return -1;
	}
	to = xasprintf("%s/%s", dir, base);
	free(dir);
	rc = copy_file(path, to, cause);
	free(to);
	if (rc == -1)
		return -1;
	keys_id(sign_pk, id);
	k = xasprintf("held:%s", base);
	rc = store_meta_set(st, k, id, cause);
	free(k);
	return rc;
}

int
store_held_files(struct store *st, const unsigned char *sign_pk,
    struct strvec *sv, char **cause)
{
	sqlite3_stmt	*s;
	char		 id[KEYS_ID_SIZE], *dir;
	int		 rc;

	keys_id(sign_pk, id);
	dir = store_held_dir(st);
	s = store_stmt(st, "SELECT substr(key, 6) FROM meta WHERE key GLOB "
	    "'held:*' AND value = ? ORDER BY key");
	store_bind(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
	{
		char	*f = xasprintf("%s/%s", dir,
		    (const char *)sqlite3_column_text(s, 0));

		strvec_add(sv, f);
		free(f);
	}
	sqlite3_reset(s);
	free(dir);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

int
store_held_drop(struct store *st, const char *file, char **cause)
{
	const char	*base = strrchr(file, '/');
	char		*k;
	int		 rc;

	base = base != NULL ? base + 1 : file;
	k = xasprintf("held:%s", base);
	rc = meta_drop(st, k, cause);
	free(k);
	if (rc == 0 && remove(file) == -1 && errno != ENOENT) {
		*cause = xasprintf(_("cannot remove '%s': %s"), file,
		    strerror(errno));
		return -1;
	}
	return rc;
}

/* What the box key's signature covers: a label and the key. */
static void
boxsig_msg(const unsigned char *box_pk, unsigned char out[16 + KEYS_BOX_PK])
{
	memcpy(out, "onward-keys box\n", 16);
	memcpy(out + 16, box_pk, KEYS_BOX_PK);
}

int
store_keys_export(struct store *st, const char *path,
    const unsigned char *sign_sk, char **cause)
{
	unsigned char	 spk[KEYS_SIGN_PK], bpk[KEYS_BOX_PK];
	unsigned char	 msg[16 + KEYS_BOX_PK], sig[crypto_sign_BYTES];
	char		*s, *b, *g, *role;
	FILE		*f;
	int		 rc = 0;

	secret_init();
	if (store_keys_public(st, spk, bpk) != 1) {
		*cause = xasprintf(_("store '%s' has no device keys yet"),
		    st->path);
		return -1;
	}
	boxsig_msg(bpk, msg);
	crypto_sign_detached(sig, NULL, msg, sizeof msg, sign_sk);
	if ((f = path == NULL ? stdout : fopen(path, "w")) == NULL) {
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		return -1;
	}
	s = tohex(spk, sizeof spk);
	b = tohex(bpk, sizeof bpk);
	g = tohex(sig, sizeof sig);
	role = store_keys_role(st);
	fprintf(f, "onward-keys\t1\ndevice\t%s\nrole\t%s\nsign\t%s\nbox\t%s\n"
	    "boxsig\t%s\n", st->device, role != NULL ? role : "", s, b, g);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	if (path != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == -1)
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
	free(s);
	free(b);
	free(g);
	free(role);
	return rc;
}

/* The value of "word TAB value" in line, or NULL. */
static char *
keys_line(char *line, const char *word)
{
	size_t	n = strlen(word);

	line[strcspn(line, "\n")] = '\0';
	if (strncmp(line, word, n) != 0 || line[n] != '\t')
		return NULL;
	return line + n + 1;
}

int
store_keys_read(const char *path, struct store_peer *p, char **cause)
{
	static const char *const words[] = { "onward-keys", "device", "role",
	    "sign", "box", "boxsig" };
	unsigned char	 msg[16 + KEYS_BOX_PK], sig[crypto_sign_BYTES];
	char		 line[6][256], *v[6];
	FILE		*f;
	size_t		 i;

	secret_init();
	memset(p, 0, sizeof *p);
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf(_("cannot read '%s': %s"), path,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < nitems(words); i++) {
		if (fgets(line[i], sizeof line[i], f) == NULL ||
		    (v[i] = keys_line(line[i], words[i])) == NULL)
			break;
	}
	fclose(f);
	if (i < nitems(words) || strcmp(v[0], "1") != 0 ||
	    unhex(v[3], p->sign_pk, KEYS_SIGN_PK) == -1 ||
	    unhex(v[4], p->box_pk, KEYS_BOX_PK) == -1 ||
	    unhex(v[5], sig, sizeof sig) == -1 || *v[1] == '\0') {
		*cause = xasprintf(_("'%s' is not an onward keys file "
		    "(onward keys export writes one)"), path);
		return -1;
	}
	boxsig_msg(p->box_pk, msg);
	if (crypto_sign_verify_detached(sig, msg, sizeof msg,
	    p->sign_pk) != 0) {
		*cause = xasprintf(_("'%s': its box key is not signed by its "
		    "signing key: the file was changed"), path);
		return -1;
	}
	p->has_box = true;
	p->device = xstrdup(v[1]);
	p->role = xstrdup(strcmp(v[2], "headquarters") == 0 ?
	    "headquarters" : "field");
	p->status = xstrdup("enrolled");
	return 0;
}
