/*
 * cmd-settings.c: `onward settings [KEY [VALUE]]`: this store's worker,
 * site and language, the same ones the terminal UI's settings screen sets.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const char *const settings_keys[] = { "worker", "site", "language" };

/* onward settings [KEY [VALUE]]. */
static int
cmd_settings_exec(struct app *app, int argc, char **argv)
{
	struct store	*st;
	char		*cause, *v;
	size_t		 i;
	int		 rc = 0;

	if (argc > 3)
		return cmd_usage(&cmd_settings_entry);
	if (argc >= 2) {
		for (i = 0; i < nitems(settings_keys); i++) {
			if (strcmp(argv[1], settings_keys[i]) == 0)
				break;
		}
		if (i == nitems(settings_keys)) {
			fprintf(stderr, _("onward: no setting '%s' (there "
			    "are worker, site and language)\n"), argv[1]);
			return 1;
		}
	}
	if (app_ready(app) == -1)
		return 1;
	st = app->store;
	if (argc == 1) {
		for (i = 0; i < nitems(settings_keys); i++) {
			v = store_setting(st, settings_keys[i]);
			printf("%s\t%s\n", settings_keys[i],
			    v != NULL ? v : "");
			free(v);
		}
	} else if (argc == 2) {
		if ((v = store_setting(st, argv[1])) != NULL)
			printf("%s\n", v);
		else
			rc = 1;
		free(v);
	} else if (store_set_setting(st, argv[1],
	    *argv[2] != '\0' ? argv[2] : NULL, &cause) == -1) {
		fprintf(stderr, _("onward: cannot set '%s': %s\n"), argv[1],
		    cause);
		free(cause);
		rc = 1;
	}
	return rc;
}

const struct cmd_entry cmd_settings_entry = {
	"settings",
	N_("[KEY [VALUE]]"),
	N_("show or change the worker, site and language"),
	N_("With no argument, prints every setting as KEY<tab>VALUE.  With\n"
	    "KEY, prints its value (exit 1 when unset).  With KEY VALUE, sets\n"
	    "it ('' unsets it).  Keys: worker (who enters records: the\n"
	    "default for --as), site, language (e.g. sv, fr)."),
	APP_STORE,
	cmd_settings_exec
};
