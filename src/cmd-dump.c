/*
 * cmd-dump.c: `onward dump`: the whole state of the store as canonical
 * sorted text; two stores with the same changes print the same bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* onward dump. */
static int
cmd_dump_exec(struct app *app, int argc, char **argv)
{
	char	*cause;
	int	 rc = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_dump_entry);
	if (app_ready(app) == -1)
		return 1;
	if (store_dump(app->store, stdout, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	}
	return rc;
}

const struct cmd_entry cmd_dump_entry = {
	"dump",
	"",
	N_("print the whole state as canonical text"),
	N_("Prints every case (type, open or closed, properties), every\n"
	    "record (form, version, case, author, times, fields) and every\n"
	    "conflict (all its values, the shown one first), sorted, so that\n"
	    "two stores holding the same changes print identical bytes.\n"
	    "Nothing local is printed: drafts, settings, the device id."),
	APP_STORE,
	cmd_dump_exec
};
