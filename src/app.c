/*
 * app.c: the front door (see app.h): the default paths, opening the form
 * pack, the indicators and the store for every verb and the terminal UI
 * alike, the language rule, and closing.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "form-indicators.h"
#include "i18n.h"
#include "paths.h"
#include "secret.h"
#include "store.h"
#include "util.h"

/* The default store's folder: $XDG_DATA_HOME/onward, else
 * ~/.local/share/onward (caller frees). */
static char *
default_dir(void)
{
	const char	*xdg, *home;

	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/onward", xdg);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/onward",
	    home != NULL && *home != '\0' ? home : ".");
}

/* Makes the default store's folder and every missing folder above it
 * (a new account may have no ~/.local), only when the store is about to
 * be opened. */
static void
make_default_dir(void)
{
	char	*dir, *p;

	dir = default_dir();
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		(void)mkdir(dir, 0755);
		*p = '/';
	}
	/* Failure shows next, when the store cannot be opened. */
	(void)mkdir(dir, 0700);
	free(dir);
}

/* A copy of the environment variable name when set and not empty. */
static char *
env_copy(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

/* The data folder: beside the forms folder when it has one, else installed. */
static char *
find_data_dir(const char *forms_dir)
{
	char		*d;
	struct stat	 sb;

	if ((d = env_copy("ONWARD_DATA")) != NULL)
		return d;
	d = xasprintf("%s/../data", forms_dir);
	if (stat(d, &sb) == 0 && S_ISDIR(sb.st_mode))
		return d;
	free(d);
	return xstrdup(PKGDATADIR "/data");
}

void
app_init(struct app *app, const char *db, const char *forms)
{
	char	*dir;

	memset(app, 0, sizeof *app);
	app->progname = "onward";
	if (db != NULL)
		app->db_path = xstrdup(db);
	else if ((app->db_path = env_copy("ONWARD_DB")) == NULL) {
		dir = default_dir();
		app->db_path = xasprintf("%s/onward.db", dir);
		app->db_default = true;
		free(dir);
	}
	if (forms != NULL)
		app->forms_dir = xstrdup(forms);
	else if ((app->forms_dir = env_copy("ONWARD_FORMS")) == NULL)
		app->forms_dir = xstrdup(PKGDATADIR "/forms");
	app->data_dir = find_data_dir(app->forms_dir);
}

/* The usable pack: broken forms are left out with a warning each. */
static int
open_forms(struct app *app)
{
	struct diags	 d = { 0 };
	size_t		 i;

	app->pack = form_pack_load_usable(app->forms_dir, app->data_dir, &d);
	if (app->pack == NULL) {
		diags_print(&d);
		fprintf(stderr, _("onward: the form pack in '%s' has problems; "
		    "see 'onward forms check'\n"), app->forms_dir);
		diags_free(&d);
		return -1;
	}
	if (app->pack->nleft_out > 0)
		diags_print(&d);
	for (i = 0; i < app->pack->nleft_out; i++)
		fprintf(stderr, _("onward: warning: '%s/%s' has problems and "
		    "is left out until they are fixed; see 'onward forms "
		    "check'\n"), app->forms_dir, app->pack->left_out[i]);
	diags_free(&d);
	return 0;
}

/* The pack's own indicators: in ONWARD_DATA when set, else in the data
 * folder beside the forms (which the installed pack has too), never in
 * the installed data a pack without a data folder falls back to. */
static char *
own_indicators_path(const struct app *app)
{
	const char	*env = getenv("ONWARD_DATA");

	if (env != NULL && *env != '\0')
		return xasprintf("%s/%s", app->data_dir, INDICATORS_FILE);
	return xasprintf("%s/../data/%s", app->forms_dir, INDICATORS_FILE);
}

const char *
app_indicators_path(struct app *app)
{
	if (app->indicators_path == NULL)
		app->indicators_path = own_indicators_path(app);
	return app->indicators_path;
}

/* The pack's indicators, or the default report when it has none (a
 * file named with --indicators must be there). */
static int
open_indicators(struct app *app)
{
	struct diags	 d = { 0 };
	const char	*path = app_indicators_path(app);
	char		*own = own_indicators_path(app);
	bool		 none;

	none = strcmp(own, path) == 0 && access(path, F_OK) != 0 &&
	    errno == ENOENT;
	free(own);
	if (none) {
		app->indicators = form_indicators_default(app->pack);
		return 0;
	}
	app->indicators = form_indicators_load(path, app->pack, &d);
	if (app->indicators == NULL) {
		diags_print(&d);
		fprintf(stderr, _("onward: the indicators in '%s' have "
		    "problems\n"), path);
	}
	diags_free(&d);
	return app->indicators != NULL ? 0 : -1;
}

/* Reads the settings a run needs and applies the language rule. */
static void
read_settings(struct app *app)
{
	char	*lang;

	free(app->worker);
	free(app->site);
	app->worker = store_setting(app->store, "worker");
	app->site = store_setting(app->store, "site");
	lang = store_setting(app->store, "language");
	if (lang != NULL && *lang != '\0')
		i18n_use_setting(lang);
	free(lang);
}

static int
open_store(struct app *app, int what)
{
	const struct form_pack	 *pack;
	const struct form	**changed;
	char			 *cause = NULL;
	size_t			  i, n;

	if ((what & APP_STORE_EXISTING) && access(app->db_path, F_OK) != 0)
		return 0;
	if (app->db_default)
		make_default_dir();
	pack = (what & APP_STORE_NOPACK) ? NULL : app->pack;
	if ((app->store = store_open(app->db_path, pack, &cause)) == NULL) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return -1;
	}
	read_settings(app);
	n = pack != NULL ? store_forms_changed(app->store, pack, &changed) : 0;
	for (i = 0; i < n; i++)
		fprintf(stderr, _("onward: warning: form '%s' has changed "
		    "since records were saved here with its version %d; "
		    "see 'onward forms check'\n"), changed[i]->id,
		    changed[i]->version);
	if (n > 0)
		free(changed);
	return 0;
}

int
app_open(struct app *app, int what)
{
	if (what & APP_INDICATORS)
		what |= APP_FORMS;
	what &= ~app->opened;
	if (what & APP_FORMS) {
		app->opened |= APP_FORMS;
		if (app->pack == NULL && open_forms(app) == -1)
			return -1;
	} else if (what & APP_FORMS_TRY) {
		app->opened |= APP_FORMS_TRY;
		if (app->pack == NULL)
			app->pack = form_pack_load(app->forms_dir,
			    app->data_dir, &app->diags);
	}
	if (what & APP_INDICATORS) {
		/* Not marked opened on failure: the UI reads a mended file
		 * again when the report is asked for again. */
		if (open_indicators(app) == -1)
			return -1;
		app->opened |= APP_INDICATORS;
	}
	if ((what & APP_STORE) && app->store == NULL) {
		app->opened |= APP_STORE;
		if (open_store(app, what) == -1)
			return -1;
	}
	return 0;
}

int
app_ready(struct app *app)
{
	return app_open(app, app->needs);
}

int
app_set_setting(struct app *app, const char *key, const char *value,
    char **cause)
{
	if (store_set_setting(app->store, key, value, cause) == -1)
		return -1;
	if (strcmp(key, "worker") == 0) {
		free(app->worker);
		app->worker = value != NULL ? xstrdup(value) : NULL;
	} else if (strcmp(key, "site") == 0) {
		free(app->site);
		app->site = value != NULL ? xstrdup(value) : NULL;
	} else if (strcmp(key, "language") == 0)
		(void)i18n_set_language(value != NULL ? value : "");
	return 0;
}

bool
app_lock_minutes_ok(const char *v)
{
	const char	*p = v;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > v && *p == '\0' && p - v <= 5;
}

int
app_lock_seconds(struct app *app)
{
	char	*v;
	long	 n;

	v = store_setting(app->store, "lock_minutes");
	n = v != NULL && app_lock_minutes_ok(v) ? strtol(v, NULL, 10) : 10;
	free(v);
	return (int)n * 60;
}

void
app_close(struct app *app)
{
	if (app->store != NULL)
		store_close(app->store);
	form_indicators_free(app->indicators);
	form_pack_free(app->pack);
	diags_free(&app->diags);
	free(app->worker);
	free(app->site);
	free(app->account);
	free(app->role);
	secret_free(app->store_key);
	free(app->db_path);
	free(app->forms_dir);
	free(app->data_dir);
	free(app->indicators_path);
	memset(app, 0, sizeof *app);
}
