/*
 * cmd-settings.c: `onward settings [KEY [VALUE]]`: this store's worker,
 * site, language and lock time, the ones the terminal UI's settings
 * screen sets, and whether it merges unsigned bundles (an admin's).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* The settings, and what changing one asks: a value check, and for the
 * ones that protect people's data, an admin signed in. */
static const struct setting {
	const char	*key;
	const char	*values;	/* NULL: any; else "a|b" */
	bool		 admin;		/* changing it needs --as an admin */
} settings[] = {
	{ "worker",		NULL,		false },
	{ "site",		NULL,		false },
	{ "language",		NULL,		false },
	{ "lock_minutes",	NULL,		false },
	{ "accept_unsigned",	"yes|no",	true },
	{ "merge_limit_mb",	NULL,		true },
};

static const struct option settings_options[] = {
	{ "as", required_argument, NULL, 'a' },
	{ "passphrase-file", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

/* The setting named key, or NULL after saying which there are. */
static const struct setting *
setting_find(const char *key)
{
	size_t	i;

	for (i = 0; i < nitems(settings); i++) {
		if (strcmp(key, settings[i].key) == 0)
			return &settings[i];
	}
	fprintf(stderr, _("onward: no setting '%s' (there are worker, site, "
	    "language, lock_minutes, accept_unsigned and merge_limit_mb)\n"),
	    key);
	return NULL;
}

/* 0 when value suits s (a whole number of minutes for lock_minutes, one
 * of its values for a choice), else 1 after saying why. */
static int
setting_check(const struct setting *s, const char *value)
{
	if (*value == '\0')
		return 0;
	if (strcmp(s->key, "lock_minutes") == 0) {
		if (app_lock_minutes_ok(value))
			return 0;
		fprintf(stderr, _("onward: lock_minutes is a whole number of "
		    "minutes (0: never lock), not '%s'\n"), value);
		return 1;
	}
	if (strcmp(s->key, "merge_limit_mb") == 0) {
		if (strspn(value, "0123456789") == strlen(value) &&
		    strlen(value) <= 7)
			return 0;
		fprintf(stderr, _("onward: merge_limit_mb is a whole number "
		    "of megabytes (0: no limit), not '%s'\n"), value);
		return 1;
	}
	if (s->values == NULL || strcmp(value, "yes") == 0 ||
	    strcmp(value, "no") == 0)
		return 0;
	fprintf(stderr, _("onward: %s is yes or no, not '%s'\n"), s->key,
	    value);
	return 1;
}

/* Signs in the account that changing s needs (an admin for some): 0, or
 * 1 after saying why. */
static int
setting_admin(struct app *app, const struct setting *s, const char *as,
    const char *file)
{
	if (s->admin && app_as(app, as) == NULL) {
		fprintf(stderr, _("onward: changing %s needs --as an admin\n"),
		    s->key);
		return EXIT_USAGE;
	}
	return app_sign_in_file(app, as, file, s->admin ? "admin" : "worker",
	    _("change this setting")) == -1 ? 1 : 0;
}

/* onward settings [KEY [VALUE]] [--as ADMIN [--passphrase-file F]]. */
static int
cmd_settings_exec(struct app *app, int argc, char **argv)
{
	const struct setting	*s = NULL;
	const char		*as = NULL, *file = NULL;
	char			*cause, *v;
	size_t			 i;
	int			 ch, rc = 0;

	while ((ch = getopt_long(argc, argv, "", settings_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'p':
			file = optarg;
			break;
		default:
			return cmd_usage(&cmd_settings_entry);
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc > 3)
		return cmd_usage(&cmd_settings_entry);
	if (argc >= 2 && (s = setting_find(argv[1])) == NULL)
		return 1;
	if (argc == 3 && setting_check(s, argv[2]) != 0)
		return 1;
	if (app_ready(app) == -1)
		return 1;
	if (argc == 1) {
		for (i = 0; i < nitems(settings); i++) {
			v = store_setting(app->store, settings[i].key);
			printf("%s\t%s\n", settings[i].key,
			    v != NULL ? v : "");
			free(v);
		}
	} else if (argc == 2) {
		if ((v = store_setting(app->store, argv[1])) != NULL)
			printf("%s\n", v);
		else
			rc = 1;
		free(v);
	} else if ((rc = setting_admin(app, s, as, file)) != 0)
		return rc;
	else if (store_set_setting(app->store, argv[1],
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
	N_("[KEY [VALUE]] [--as ADMIN [--passphrase-file FILE]]"),
	N_("show or change the worker, site, language and locking"),
	N_("With no argument, prints every setting as KEY<tab>VALUE.  With\n"
	    "KEY, prints its value (exit 1 when unset).  With KEY VALUE, sets\n"
	    "it ('' unsets it).  Keys: worker (who enters records: the\n"
	    "default for --as), site, language (e.g. sv, fr), lock_minutes\n"
	    "(the terminal UI locks after that long without a key; 0 never,\n"
	    "unset 10), accept_unsigned (yes or no: whether merge takes\n"
	    "bundles of format 1, which are not signed; changing it needs\n"
	    "--as an admin and its passphrase)."),
	APP_STORE,
	cmd_settings_exec
};
