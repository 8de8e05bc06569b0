/*
 * cmd-dump.c: `onward dump`: the whole state of the store as canonical
 * sorted text; two stores with the same changes print the same bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* onward dump. */
static int
cmd_dump_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	char		*cause;
	int		 rc = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_dump_entry);
	if ((st = cmd_store_open(ctx, NULL, &cause)) == NULL) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	if (store_dump(st, stdout, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	}
	store_close(st);
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
	0,
	cmd_dump_exec
};
