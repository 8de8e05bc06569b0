/*
 * cmd-views.c: `onward views`: (re)creates the SQL views that show each
 * form, each repeat and each case type as a tidy table inside the store
 * (export.h), for analysts who open the file with sqlite3 or a
 * spreadsheet's database connector.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "export.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static int
cmd_views_exec(struct app *app, int argc, char **argv)
{
	char	*cause;
	size_t	 n;
	int	 rc = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_views_entry);
	if (app_ready(app) == -1)
		return 1;
	if (store_export_views(app->store, app->pack, &n, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	} else
		printf(_("%zu views in '%s'\n"), n, app->db_path);
	return rc;
}

const struct cmd_entry cmd_views_entry = {
	"views",
	"",
	N_("create the SQL views of every form in the store"),
	N_("Replaces the views form_FORM, form_FORM__REPEAT and case_TYPE\n"
	    "in the store with one per form, repeat and case type of the\n"
	    "form pack: the same tables and columns as 'onward csv', for\n"
	    "anyone who opens the store with sqlite3 or a spreadsheet's\n"
	    "database connector.  Run it again after the forms change.\n"),
	APP_FORMS | APP_STORE,
	cmd_views_exec
};
