/*
 * tui-sync.c: the sync screen's bridge to the bundle module: export and
 * merge, with progress and a summary in words.  Until the bundle module
 * is part of the build, both say so instead of pretending.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "util.h"

static int
not_yet(char ***lines, size_t *n)
{
	*lines = xreallocarray(NULL, 1, sizeof **lines);
	(*lines)[0] = xstrdup(_("bundles are not available in this build "
	    "yet; use 'onward export' and 'onward merge'"));
	*n = 1;
	return -1;
}

int
tui_sync_export(struct store *s, const char *dir,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	(void)s;
	(void)dir;
	(void)progress;
	(void)arg;
	return not_yet(lines, n);
}

int
tui_sync_merge(struct store *s, const char *path,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	(void)s;
	(void)path;
	(void)progress;
	(void)arg;
	return not_yet(lines, n);
}

bool
tui_sync_is_bundle(const char *name)
{
	size_t	len = strlen(name);

	return len > 7 && strcmp(name + len - 7, ".onward") == 0;
}
