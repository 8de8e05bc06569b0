/*
 * cmd-rebuild.c: `onward rebuild`: drops the state derived from the change
 * log (heads, fields, records, cases, search) and replays the log.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* onward rebuild. */
static int
cmd_rebuild_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct form_pack	*pack;
	struct store		*st;
	struct diags		 d = { 0 };
	char			*cause;
	int			 rc = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_rebuild_entry);
	/* The pack gives follow-ups and search properties; without one
	 * (broken or missing) every property is searched. */
	pack = form_pack_load(ctx->forms_dir, ctx->data_dir, &d);
	diags_free(&d);
	if ((st = cmd_store_open(ctx, pack, &cause)) == NULL) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		form_pack_free(pack);
		return 1;
	}
	if (store_rebuild(st, &cause) == -1) {
		fprintf(stderr, _("onward: cannot rebuild: %s\n"), cause);
		free(cause);
		rc = 1;
	}
	store_close(st);
	form_pack_free(pack);
	return rc;
}

const struct cmd_entry cmd_rebuild_entry = {
	"rebuild",
	"",
	N_("rebuild the current state from the change log"),
	N_("Drops every table derived from the change log (heads, fields,\n"
	    "records, cases, follow-ups, search) and replays the log, in one\n"
	    "transaction.  'onward dump' prints the same before and after."),
	0,
	cmd_rebuild_exec
};
