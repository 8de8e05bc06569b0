/*
 * cmd-merge.c: `onward merge BUNDLE...`: brings each bundle into the
 * store in its own transaction and reports what each one did.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "store-sync.h"
#include "util.h"

/* Prints the report of one merged bundle. */
static void
merge_print(const char *path, const struct merge_report *m)
{
	size_t	i;

	printf(_("'%s': changes: %llu, new: %llu, already known: %llu, "
	    "new conflicts: %llu (open: %llu), records touched: %llu, cases "
	    "touched: %llu\n"), path, (unsigned long long)m->changes,
	    (unsigned long long)m->added, (unsigned long long)m->known,
	    (unsigned long long)m->conflicts, (unsigned long long)m->open,
	    (unsigned long long)m->records, (unsigned long long)m->cases);
	for (i = 0; i < m->ngaps; i++)
		printf("  %s\n", m->gaps[i]);
	for (i = 0; i < m->nforms; i++)
		printf("  %s\n", m->forms[i]);
	for (i = 0; i < m->nclocks; i++)
		printf("  %s\n", m->clocks[i]);
}

/* merge BUNDLE...: each in turn; exit 1 if any was refused. */
static int
cmd_merge_exec(struct app *app, int argc, char **argv)
{
	struct merge_report	 m;
	char			*cause;
	int			 i, rc = 0;

	if (argc < 2)
		return cmd_usage(&cmd_merge_entry);
	if (app_ready(app) == -1)
		return 1;
	for (i = 1; i < argc; i++) {
		if (store_merge(app->store, argv[i], NULL, &m, &cause) != 0) {
			fprintf(stderr, _("onward: %s; nothing of it was "
			    "merged\n"), cause);
			free(cause);
			rc = 1;
			continue;
		}
		merge_print(argv[i], &m);
		merge_report_free(&m);
	}
	return rc;
}

const struct cmd_entry cmd_merge_entry = {
	"merge",
	N_("BUNDLE..."),
	N_("bring bundles into this store"),
	N_("Merges each bundle in one transaction: every change this store\n"
	    "does not have yet is added, so merging a bundle twice, or many\n"
	    "bundles in any order, gives the same state.  A damaged bundle\n"
	    "is refused whole and the store is left as it was.  For each\n"
	    "bundle it prints the new and already known changes, new\n"
	    "conflicts, records and cases touched, gaps in a device's\n"
	    "changes (a bundle not merged yet) and form versions this store\n"
	    "lacks (their changes are kept).\n"),
	APP_FORMS | APP_STORE,
	cmd_merge_exec
};
