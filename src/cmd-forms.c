/*
 * cmd-forms.c: `onward forms check [FILE...]`, `onward forms list` and
 * `onward forms pot`: the form pack seen from the command line.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "form.h"
#include "form-indicators.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/*
 * Adds a problem for every form of the pack that changed since records
 * were saved with its version in the store, if there is one (never made
 * here: checking forms needs no store).
 */
static int
forms_check_store(struct app *app)
{
	const struct form	**changed;
	size_t			  i, n;

	/* Opened without the pack: checking must not remake the store's
	 * SQL views from forms that may be a draft. */
	if (app_open(app, APP_STORE | APP_STORE_EXISTING |
	    APP_STORE_NOPACK) == -1)
		return -1;
	if (app->store == NULL)
		return 0;
	n = store_forms_changed(app->store, app->pack, &changed);
	for (i = 0; i < n; i++)
		diags_add(&app->diags, changed[i]->path, changed[i]->line, 1,
		    _("form '%s' has changed since records were saved with "
		    "its version %d in store '%s' (its questions, types, "
		    "choices or calculations): raise 'version' so that old "
		    "and new answers can be told apart"), changed[i]->id,
		    changed[i]->version, app->db_path);
	if (n > 0)
		free(changed);
	return 0;
}

/* Prints the number of problems, or of good forms; returns the exit
 * status. */
static int
forms_report(const struct diags *d, size_t nforms)
{
	diags_print(d);
	if (d->n == 1) {
		fprintf(stderr, _("1 problem\n"));
		return 1;
	}
	if (d->n > 1) {
		fprintf(stderr, _("%zu problems\n"), d->n);
		return 1;
	}
	if (nforms == 1)
		printf(_("1 form OK\n"));
	else
		printf(_("%zu forms OK\n"), nforms);
	return 0;
}

/* forms check [FILE...]; the whole pack's check warns of growth too. */
static int
forms_check(struct app *app, int argc, char **argv)
{
	struct diags	warn = { 0 };
	size_t		n, i;
	int		rc = 0;

	if (argc == 0) {
		(void)app_open(app, APP_FORMS_TRY);
		n = app->pack != NULL ? app->pack->nforms : 0;
		for (i = 0; i < n; i++)
			(void)form_growth_warnings(app->pack->forms[i], &warn);
		diags_print(&warn);
		diags_free(&warn);
		if (app->pack != NULL && forms_check_store(app) == -1)
			rc = 1;
	} else {
		form_check_files(app->forms_dir, app->data_dir, argv,
		    (size_t)argc, &app->diags);
		n = (size_t)argc;
	}
	return forms_report(&app->diags, n) | rc;
}

/* forms list: id, version, title, case type, tab-separated. */
static int
forms_list(struct app *app)
{
	const struct form	*f;
	size_t			 i;

	if (app_open(app, APP_FORMS) == -1)
		return 1;
	for (i = 0; i < app->pack->nforms; i++) {
		f = app->pack->forms[i];
		printf("%s\t%d\t%s\t%s\n", f->id, f->version,
		    form_text(f->title), f->case_type != NULL ? f->case_type : "");
	}
	return 0;
}

/* forms pot: the pack's text as a PO template on stdout. */
static int
forms_pot(struct app *app)
{
	if (app_open(app, APP_FORMS) == -1)
		return 1;
	/* The report's indicators are text people read too; a pack without
	 * them (a test pack) simply has none. */
	if (access(app_indicators_path(app), F_OK) == 0 &&
	    app_open(app, APP_INDICATORS) == -1)
		return 1;
	form_pack_write_pot(app->pack, app->indicators, "forms", "data",
	    stdout);
	return 0;
}

static int
cmd_forms_exec(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_forms_entry);
	if (strcmp(argv[1], "check") == 0)
		return forms_check(app, argc - 2, argv + 2);
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		return forms_list(app);
	if (strcmp(argv[1], "pot") == 0 && argc == 2)
		return forms_pot(app);
	return cmd_usage(&cmd_forms_entry);
}

const struct cmd_entry cmd_forms_entry = {
	.name = "forms",
	.usage = N_("check [FILE...] | list | pot"),
	.summary = N_("check or list the form pack"),
	.help = N_("check [FILE...]  check the whole pack, or the given form "
	    "files (or a\n"
	    "                 case types file) against it; prints every "
	    "problem as\n"
	    "                 file:line:column: message, then their number;\n"
	    "                 the whole pack also against the store, if it "
	    "exists:\n"
	    "                 a form whose questions, types, choices or\n"
	    "                 calculations changed since records were saved "
	    "with\n"
	    "                 its version is a problem (raise its version)\n"
	    "list             one form a line: id, version, title, case type\n"
	    "pot              the pack's text as a PO template, for "
	    "translators\n"
	    "\nSee onward-forms(5) for the format.\n"),
	.flags = 0,
	.exec = cmd_forms_exec,
};
