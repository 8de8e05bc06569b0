/*
 * tui-sync.c: the sync screen's bridge to the store's bundles
 * (store-sync.h): export and merge, with progress and a summary in words
 * for the field worker.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "i18n.h"
#include "screen.h"
#include "store-sync.h"
#include "store.h"
#include "tui.h"
#include "util.h"

struct progress_arg {
	void	(*fn)(void *, const char *);
	void	 *arg;
	uint64_t  last;		/* percent last shown */
};

static void
on_progress(void *arg, const char *what, uint64_t done, uint64_t total)
{
	struct progress_arg	*p = arg;
	uint64_t		 pc = total > 0 ? done * 100 / total : 0;
	char			*s;

	if (p->fn == NULL || (pc == p->last && done != 0))
		return;
	p->last = pc;
	/* TRANSLATORS: progress of an export or merge, e.g. "merge: 40%". */
	s = xasprintf(_("%s: %" PRIu64 "%%"), what, pc);
	p->fn(p->arg, s);
	free(s);
}

static void
add_line(char ***lines, size_t *n, char *s)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = s;
}

int
tui_sync_export(struct store *s, const char *dir,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	struct sync_progress	 sp;
	struct progress_arg	 pa = { progress, arg, (uint64_t)-1 };
	struct export_result	 r;
	char			*cause = NULL;

	*lines = NULL;
	*n = 0;
	sp.fn = on_progress;
	sp.arg = &pa;
	memset(&r, 0, sizeof r);
	if (store_export(s, dir, false, &sp, &r, &cause) == -1) {
		add_line(lines, n, xasprintf(_("export failed: %s"), cause));
		free(cause);
		return -1;
	}
	if (r.path == NULL)
		add_line(lines, n, xstrdup(_("Nothing new to export since the "
		    "last bundle.")));
	else {
		add_line(lines, n, xasprintf(_("Wrote %s"), r.path));
		add_line(lines, n, xasprintf(_("%" PRIu64 " changes, checked "
		    "after writing."), r.h.changes));
	}
	export_result_free(&r);
	return 0;
}

int
tui_sync_merge(struct store *s, const char *path,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	struct sync_progress	 sp;
	struct progress_arg	 pa = { progress, arg, (uint64_t)-1 };
	struct merge_report	 m;
	char			*cause = NULL;
	size_t			 i;

	*lines = NULL;
	*n = 0;
	sp.fn = on_progress;
	sp.arg = &pa;
	memset(&m, 0, sizeof m);
	if (store_merge(s, path, &sp, &m, &cause) == -1) {
		add_line(lines, n, xasprintf(_("merge refused, nothing "
		    "changed: %s"), cause));
		free(cause);
		merge_report_free(&m);
		return -1;
	}
	add_line(lines, n, xasprintf(_("Merged %s"), path));
	add_line(lines, n, xasprintf(_("%" PRIu64 " changes: %" PRIu64
	    " new, %" PRIu64 " already here."), m.changes, m.added, m.known));
	add_line(lines, n, xasprintf(_("%" PRIu64 " records, %" PRIu64
	    " cases touched; %" PRIu64 " new conflicts, %" PRIu64 " open."),
	    m.records, m.cases, m.conflicts, m.open));
	for (i = 0; i < m.ngaps; i++)
		add_line(lines, n, xstrdup(m.gaps[i]));
	for (i = 0; i < m.nforms; i++)
		add_line(lines, n, xstrdup(m.forms[i]));
	for (i = 0; i < m.nclocks; i++)
		add_line(lines, n, xstrdup(m.clocks[i]));
	merge_report_free(&m);
	return 0;
}

bool
tui_sync_is_bundle(const char *name)
{
	size_t	len = strlen(name), sl = strlen(BUNDLE_SUFFIX);

	return len > sl && strcmp(name + len - sl, BUNDLE_SUFFIX) == 0;
}
