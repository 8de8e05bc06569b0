/*
 * store-open.c: what store_open sets up for safety (store-int.h): whether
 * the store's folder may be written (if not, the store opens read-only
 * and the reading verbs still work), and the commit hook that keeps a
 * transaction SQLite rolled back by itself from being committed half by
 * later statements.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-int.h"
#include "util.h"

/* Whether the folder holding path may be written (files made in it). */
bool
store_dir_writable(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	bool		 ok;

	if (slash == NULL)
		return access(".", W_OK | X_OK) == 0;
	dir = slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
	ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/*
 * SQLite's commit hook: inside store_begin's transaction nothing commits
 * but store_commit.  When SQLite has rolled the transaction back by
 * itself (out of memory, a failing disk), a later statement would run
 * and commit on its own, half a save; this turns it into a rollback.
 */
int
store_commit_guard(void *arg)
{
	struct store	*st = arg;

	return st->in_tx && !st->committing;
}
