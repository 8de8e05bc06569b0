/*
 * cmd-rebuild.c: `onward rebuild`: drops the state derived from the change
 * log (heads, fields, records, cases, search) and replays the log.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* onward rebuild. */
static int
cmd_rebuild_exec(struct app *app, int argc, char **argv)
{
	char	*cause;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_rebuild_entry);
	if (app_ready(app) == -1)
		return 1;
	if (store_rebuild(app->store, &cause) == -1) {
		fprintf(stderr, _("onward: cannot rebuild: %s\n"), cause);
		free(cause);
		return 1;
	}
	return 0;
}

const struct cmd_entry cmd_rebuild_entry = {
	"rebuild",
	"",
	N_("rebuild the current state from the change log"),
	N_("Drops every table derived from the change log (heads, fields,\n"
	    "records, cases, follow-ups, search) and replays the log, in one\n"
	    "transaction.  'onward dump' prints the same before and after."),
	/* The pack gives follow-ups and search properties; without one
	 * (broken or missing) every property is searched. */
	APP_FORMS_TRY | APP_STORE,
	cmd_rebuild_exec
};
