/*
 * tui-sync.c: the sync screen's bridge to the store's bundles
 * (store-sync.h): export and merge as the verbs do (app-export.h,
 * app-merge.h: format 2 when this store knows a headquarters key, with
 * the signed-in account's keys), with progress and a summary in words
 * for the field worker.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-export.h"
#include "app-merge.h"
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

/* What a merge says, gathered as lines. */
struct said {
	char	***lines;
	size_t	  *n;
};

/* Keeps one message of app-merge. */
static void
on_say(void *arg, const char *msg)
{
	struct said	*sd = arg;

	add_line(sd->lines, sd->n, xstrdup(msg));
}

/* Keeps the summary of a merged bundle. */
static void
on_merged(void *arg, const char *path, const struct merge_report *m)
{
	struct said	*sd = arg;
	size_t		 i;

	add_line(sd->lines, sd->n, xasprintf(_("Merged %s"), path));
	add_line(sd->lines, sd->n, xasprintf(_("%" PRIu64 " changes: %"
	    PRIu64 " new, %" PRIu64 " already here."), m->changes, m->added,
	    m->known));
	add_line(sd->lines, sd->n, xasprintf(_("%" PRIu64 " records, %"
	    PRIu64 " cases touched; %" PRIu64 " new conflicts, %" PRIu64
	    " open."), m->records, m->cases, m->conflicts, m->open));
	for (i = 0; i < m->ngaps; i++)
		add_line(sd->lines, sd->n, xstrdup(m->gaps[i]));
	for (i = 0; i < m->nforms; i++)
		add_line(sd->lines, sd->n, xstrdup(m->forms[i]));
	for (i = 0; i < m->nclocks; i++)
		add_line(sd->lines, sd->n, xstrdup(m->clocks[i]));
}

int
tui_sync_export(struct app *app, const char *dir,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	struct sync_progress	 sp;
	struct progress_arg	 pa = { progress, arg, (uint64_t)-1 };
	struct export_result	 r;
	struct app_export	 k;
	char			*cause = NULL;
	size_t			 sealed;
	int			 rc;

	*lines = NULL;
	*n = 0;
	sp.fn = on_progress;
	sp.arg = &pa;
	memset(&r, 0, sizeof r);
	memset(&k, 0, sizeof k);
	rc = app_export_keys(app, &k, &cause);
	if (rc == 0)
		rc = store_export_sealed(app->store, dir, false,
		    app_export_bundle_keys(&k), &sp, &r, &cause);
	if (rc != 0) {
		add_line(lines, n, xasprintf(_("export failed: %s"),
		    cause != NULL ? cause : "-"));
		free(cause);
		app_export_done(&k);
		return -1;
	}
	sealed = k.n;
	app_export_done(&k);
	if (r.path == NULL)
		add_line(lines, n, xstrdup(_("Nothing new to export since the "
		    "last bundle.")));
	else {
		add_line(lines, n, xasprintf(_("Wrote %s"), r.path));
		add_line(lines, n, xasprintf(_("%" PRIu64 " changes, checked "
		    "after writing."), r.h.changes));
		if (sealed > 0)
			add_line(lines, n, xasprintf(_("Signed by this device "
			    "and sealed to %zu keys."), sealed));
	}
	export_result_free(&r);
	return 0;
}

int
tui_sync_merge(struct app *app, const char *path,
    void (*progress)(void *, const char *), void *arg, char ***lines,
    size_t *n)
{
	struct sync_progress	 sp;
	struct progress_arg	 pa = { progress, arg, (uint64_t)-1 };
	struct app_merge	 m;
	struct said		 sd = { lines, n };
	int			 rc;

	*lines = NULL;
	*n = 0;
	sp.fn = on_progress;
	sp.arg = &pa;
	memset(&m, 0, sizeof m);
	m.app = app;
	m.say = on_say;
	m.merged = on_merged;
	m.arg = &sd;
	m.progress = &sp;
	rc = app_merge_file(&m, path);
	app_merge_done(&m);
	if (rc != 0 && *n == 0)
		add_line(lines, n, xstrdup(_("merge failed")));
	return rc != 0 ? -1 : 0;
}

bool
tui_sync_is_bundle(const char *name)
{
	size_t	len = strlen(name), sl = strlen(BUNDLE_SUFFIX);

	return len > sl && strcmp(name + len - sl, BUNDLE_SUFFIX) == 0;
}
