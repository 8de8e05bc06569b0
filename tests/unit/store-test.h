/*
 * store-test.h: what the store's unit tests share (test-store.c,
 * test-erase.c, test-guard.c): the test pack and the folder of their
 * stores, opening a store there, and the dump of a store as text, which
 * they compare before and after.  Include after tap.h and store.h.
 */
#ifndef ONWARD_STORE_TEST_H
#define ONWARD_STORE_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct form_pack	*pack;	/* tests/data/forms-ok */
static char		*dir;	/* where the stores are made */

/* Opens (or makes) store name in dir; NULL after a diagnostic. */
static struct store *
open_store(const char *name)
{
	struct store	*st;
	char		*path, *cause = NULL;

	path = xasprintf("%s/%s", dir, name);
	if ((st = store_open(path, pack, &cause)) == NULL) {
		diag("open: %s", cause);
		free(cause);
	}
	free(path);
	return st;
}

/* The dump of st (caller frees); a failure is a diagnostic. */
static char *
dump_text(struct store *st)
{
	char	*text = NULL, *cause = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&text, &len);
	if (store_dump(st, f, &cause) == -1) {
		diag("dump: %s", cause);
		free(cause);
	}
	fclose(f);
	return text;
}

/* Loads the test pack and makes the folder onward-test-TAG.XXXXXX of the
 * stores (TODAY fixed); 0, or -1 after a failed test. */
static inline int
store_test_begin(const char *tag)
{
	struct diags	 d = { 0 };
	const char	*top, *tmp;
	char		*fdir, *ddir;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	fdir = xasprintf("%s/tests/data/forms-ok", top);
	ddir = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(fdir, ddir, &d);
	diags_free(&d);
	free(fdir);
	free(ddir);
	if (pack == NULL) {
		ok(0, "the test pack loads");
		return -1;
	}
	if ((tmp = getenv("TMPDIR")) == NULL)
		tmp = "/tmp";
	dir = xasprintf("%s/onward-test-%s.XXXXXX", tmp, tag);
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Removes the folder of the stores and frees the pack. */
static inline void
store_test_end(void)
{
	char	*cmd;

	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	free(cmd);
	free(dir);
	form_pack_free(pack);
}

#endif
