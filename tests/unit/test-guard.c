/*
 * test-guard.c: what a merge refuses whatever a bundle claims
 * (store-guard.c), each with an attack bundle written with the bundle
 * writer: a change numbered 2^63-1, a clock of 140737488355327.65535, an
 * answer over the answer cap, a change under the merging store's own
 * device id, a record or case created by a device that did not mint its
 * id, an edit of a record whose creation never came, a sequence
 * collision, and a bundle that inflates or grows the store past the
 * merge limit; a refusal quotes the bundle's text escaped.  Each refusal names the file and leaves the store as it
 * was, and the store goes on saving and exporting.  With ONWARD_SEED_DIR
 * set, the attack bundles are also left there (tests/fuzz seeds).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "form.h"
#include "record.h"
#include "store-int.h"
#include "store.h"
#include "store-sync.h"
#include "store-test.h"
#include "util.h"

#define DEV_E	"eeeeeeee00000000eeeeeeee00000000"
#define DEV_D	"dddddddd00000000dddddddd00000000"
#define DEV_F	"ffffffff00000000ffffffff00000000"
/* Records in the bundle that grows the store more than it inflates. */
#define GROW_N	9000

/* A change of device dev numbered seq (strings borrowed). */
static struct change
mk(const char *dev, int64_t seq, const char *record, const char *path,
    const char *value)
{
	struct change	c;

	memset(&c, 0, sizeof c);
	c.device = (char *)dev;
	c.seq = seq;
	c.hlc = ((int64_t)1780000000000 << 16) + (seq & 0xffff);
	c.record = (char *)record;
	c.form = (char *)"registration";
	c.form_version = 1;
	c.path = (char *)path;
	c.value = (char *)value;
	c.author = (char *)"mallory";
	return c;
}

/* Writes the changes as bundle NAME in dir (and in ONWARD_SEED_DIR);
 * returns its path (caller frees). */
static char *
write_bundle(const char *name, struct change *v, size_t n)
{
	struct bundle_meta	 meta = { DEV_E, "Attack", "mallory" };
	struct bundle_array	 a = { v, n, 0 };
	struct bundle_source	 src;
	struct bundle_header	 h;
	const char		*seeds;
	char			*path, *cause = NULL;

	bundle_sort_changes(v, n);
	bundle_array_source(&a, &src);
	path = xasprintf("%s/%s.onward", dir, name);
	if (bundle_write(path, &meta, &src, NULL, NULL, &h, &cause) != 0) {
		diag("write %s: %s", name, cause);
		free(cause);
	} else
		bundle_header_free(&h);
	if ((seeds = getenv("ONWARD_SEED_DIR")) != NULL) {
		free(cause);
		cause = xasprintf("cp '%s' '%s/guard-%s.onward'", path, seeds,
		    name);
		if (system(cause) != 0)
			diag("cannot copy the seed %s", name);
		free(cause);
	}
	return path;
}

/* Merges path into st expecting a refusal whose message has want, and
 * the store unchanged. */
static void
refused(struct store *st, const char *path, const char *what,
    const char *want)
{
	struct merge_report	 m;
	char			*before, *after, *cause = NULL;
	int			 rc;

	before = dump_text(st);
	rc = store_merge(st, path, NULL, &m, &cause);
	ok(rc == -1, "%s: refused", what);
	ok(rc == -1 && cause != NULL && strstr(cause, want) != NULL &&
	    strstr(cause, path) != NULL, "%s: naming the file and '%s'", what,
	    want);
	if (cause != NULL)
		diag("%s", cause);
	after = dump_text(st);
	ok(before != NULL && after != NULL && strcmp(before, after) == 0,
	    "%s: the store is unchanged", what);
	if (rc == 0)
		merge_report_free(&m);
	free(cause);
	free(before);
	free(after);
}

/* Merges path into st expecting success. */
static void
merged(struct store *st, const char *path, const char *what)
{
	struct merge_report	 m;
	char			*cause = NULL;

	ok(store_merge(st, path, NULL, &m, &cause) == 0, "%s", what);
	if (cause != NULL)
		diag("%s", cause);
	else
		merge_report_free(&m);
	free(cause);
}

/* Saves a registration in st and exports; both must work. */
static void
goes_on(struct store *st, const char *what)
{
	const struct form	*f = form_pack_find(pack, "registration");
	struct answers		 a;
	struct diags		 d = { 0 };
	struct export_result	 ex;
	char			*rid = NULL, *cid = NULL, *cause = NULL;
	int			 rc;

	answers_init(&a);
	answers_set(&a, "full_name", "Ada");
	answers_set(&a, "training_end", "2026-05-01");
	rc = store_save_record(st, f, NULL, NULL, &a, "amina", &rid, &cid,
	    &d, &cause);
	ok(rc == 0, "%s: the store still saves", what);
	if (cause != NULL)
		diag("%s", cause);
	free(cause);
	cause = NULL;
	ok(store_export(st, dir, false, NULL, &ex, &cause) == 0 &&
	    ex.path != NULL, "%s: and exports", what);
	if (cause != NULL)
		diag("%s", cause);
	else
		export_result_free(&ex);
	free(cause);
	free(rid);
	free(cid);
	answers_free(&a);
	diags_free(&d);
}

/* Numbers and clocks near overflow, and answers over the cap. */
static void
test_bounds(struct store *st)
{
	struct change	 c[2];
	char		*p, *big;

	c[0] = mk(DEV_E, INT64_MAX, "eeeeeeee-1", "@record", "1");
	c[0].hlc = (int64_t)1780000000000 << 16;
	p = write_bundle("seq-max", c, 1);
	refused(st, p, "a change numbered 2^63-1", "numbered above");
	free(p);
	goes_on(st, "after the numbering attack");

	c[0] = mk(DEV_E, 1, "eeeeeeee-1", "@record", "1");
	c[0].hlc = INT64_MAX;	/* 140737488355327.65535 */
	p = write_bundle("clock-max", c, 1);
	refused(st, p, "a clock of 140737488355327.65535", "days ahead");
	free(p);
	goes_on(st, "after the clock attack");

	big = xmalloc(FIELD_MAX_VALUE + 2);
	memset(big, 'x', FIELD_MAX_VALUE + 1);
	big[FIELD_MAX_VALUE + 1] = '\0';
	c[0] = mk(DEV_E, 1, "eeeeeeee-1", "@record", "1");
	c[1] = mk(DEV_E, 2, "eeeeeeee-1", "full_name", big);
	p = write_bundle("answer-cap", c, 2);
	refused(st, p, "an answer over 1 MiB", "field 'full_name'");
	free(p);
	free(big);
}

/* The merge limit: inflated size and growth. */
static void
test_limit(struct store *st)
{
	struct change	 c[8], *g;
	char		*p, *v, *cause = NULL, name[16], **ids;
	size_t		 i;

	ok(store_set_setting(st, "merge_limit_mb", "1", &cause) == 0,
	    "merge_limit_mb set to 1");
	free(cause);
	v = xmalloc(700 * 1024 + 1);
	memset(v, 'y', 700 * 1024);
	v[700 * 1024] = '\0';
	c[0] = mk(DEV_E, 1, "eeeeeeee-1", "@record", "1");
	for (i = 1; i < 4; i++) {
		snprintf(name, sizeof name, "f%zu", i);
		c[i] = mk(DEV_E, (int64_t)i + 1, "eeeeeeee-1", xstrdup(name),
		    v);
	}
	p = write_bundle("inflates", c, 4);
	refused(st, p, "a bundle inflating past merge_limit_mb",
	    "beyond the limit of 1048576");
	free(p);
	for (i = 1; i < 4; i++)
		free(c[i].path);
	free(v);
	/* Under the limit inflated, over it once in the store: many small
	 * records, each a row of the log, of records and of indexes. */
	g = xcalloc(GROW_N, sizeof *g);
	ids = xcalloc(GROW_N, sizeof *ids);
	for (i = 0; i < GROW_N; i++) {
		ids[i] = xasprintf("ffffffff-%zu", i + 1);
		g[i] = mk(DEV_F, (int64_t)i + 1, ids[i], "@record", "1");
		g[i].author = (char *)"m";
	}
	p = write_bundle("grows", g, GROW_N);
	refused(st, p, "a bundle growing the store past merge_limit_mb",
	    "grow the store by more than 1 MB");
	free(p);
	for (i = 0; i < GROW_N; i++)
		free(ids[i]);
	free(ids);
	free(g);
	ok(store_set_setting(st, "merge_limit_mb", "", &cause) == 0,
	    "merge_limit_mb unset");
	free(cause);
}

/* Names: own device id, ids minted by another device, collisions. */
static void
test_names(struct store *st)
{
	struct change	 c[3];
	char		*p, *q, rid[32], cid[16];
	int		 k;

	c[0] = mk(st->device, 1000, "eeeeeeee-7", "@record", "1");
	p = write_bundle("own-device", c, 1);
	refused(st, p, "a change claiming this store's device id",
	    "own device id");
	free(p);

	c[0] = mk(DEV_E, 1, "dddddddd-228", "@record", "1");
	c[1] = mk(DEV_E, 2, "dddddddd-228", "full_name", "Eve");
	p = write_bundle("takes-record", c, 2);
	refused(st, p, "a record created under another device's id",
	    "only its own device makes");
	free(p);

	snprintf(rid, sizeof rid, "%.8s-999", st->device);
	c[0] = mk(DEV_E, 1, rid, "@record", "1");
	p = write_bundle("takes-local-record", c, 1);
	refused(st, p, "a record created under this store's ids",
	    "only its own device makes");
	free(p);

	/* "VQEX" is the case prefix of DEV_D (0xddddd in the alphabet). */
	for (k = 0; k < 32; k++) {
		snprintf(cid, sizeof cid, "VQEX-0001-%c",
		    "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[k]);
		if (store_case_id_valid(cid))
			break;
	}
	c[0] = mk(DEV_E, 1, cid, "@case", "person");
	c[0].case_id = cid;
	p = write_bundle("takes-case", c, 1);
	refused(st, p, "a case created under another device's id",
	    "only its own device makes");
	free(p);

	c[0] = mk(DEV_E, 1, "dddddddd-5", "full_name", "Eve");
	c[0].parents = NULL;
	q = write_bundle("edit-uncreated", c, 1);
	refused(st, q, "an edit of a record whose creation never came",
	    "does not bring its creation");
	c[0] = mk(DEV_D, 1, "dddddddd-5", "@record", "1");
	c[1] = mk(DEV_D, 2, "dddddddd-5", "full_name", "Dan");
	p = write_bundle("genuine", c, 2);
	merged(st, p, "the genuine record merges");
	free(p);
	merged(st, q, "and then the other device's edit of it");
	free(q);

	c[0] = mk(DEV_D, 2, "dddddddd-5", "full_name", "Forged");
	p = write_bundle("collision", c, 1);
	refused(st, p, "a sequence collision", "(record dddddddd-5, field "
	    "full_name, by mallory) differs from the one this store already "
	    "has (record dddddddd-5, field full_name, by mallory)");
	free(p);

	c[0] = mk(DEV_D, 2, "dddddddd-5", "full_name", "X");
	c[0].author = (char *)"m\x1b]0;x\a";
	p = write_bundle("collision-escape", c, 1);
	refused(st, p, "a refusal quoting a bundle's escape sequence",
	    "by m\\x1b]0;x\\x07)");
	free(p);
	goes_on(st, "after the name attacks");
}

int
main(void)
{
	struct store	*st;

	if (store_test_begin("guard") == -1)
		return done_testing();
	if ((st = open_store("guard.db")) == NULL) {
		ok(0, "the store opens");
		return done_testing();
	}
	test_bounds(st);
	test_limit(st);
	test_names(st);
	store_close(st);
	store_test_end();
	return done_testing();
}
