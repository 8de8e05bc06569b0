/*
 * cmd-forms.c: `onward forms check [FILE...]`, `onward forms list` and
 * `onward forms pot`: the form pack seen from the command line; and
 * cmd_load_forms(), which every verb that needs the pack calls.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "form.h"
#include "form-indicators.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* Loads the pack of ctx, printing every problem (see cmd.h). */
struct form_pack *
cmd_load_forms(struct cmd_ctx *ctx)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };

	size_t			 i;

	pack = form_pack_load_usable(ctx->forms_dir, ctx->data_dir, &d);
	if (pack == NULL) {
		diags_print(&d);
		fprintf(stderr, _("onward: the form pack in '%s' has problems; "
		    "see 'onward forms check'\n"), ctx->forms_dir);
	}
	if (pack != NULL && pack->nleft_out > 0)
		diags_print(&d);
	for (i = 0; pack != NULL && i < pack->nleft_out; i++)
		fprintf(stderr, _("onward: warning: '%s/%s' has problems and "
		    "is left out until they are fixed; see 'onward forms "
		    "check'\n"), ctx->forms_dir, pack->left_out[i]);
	diags_free(&d);
	return pack;
}

struct store *
cmd_store_open(struct cmd_ctx *ctx, const struct form_pack *pack,
    char **cause)
{
	struct store		 *st;
	const struct form	**changed;
	const char		 *env;
	char			 *lang;
	size_t			  i, n;

	if ((st = store_open(ctx->db_path, pack, cause)) == NULL)
		return NULL;
	env = getenv("LANGUAGE");
	if (env == NULL || *env == '\0') {
		lang = store_setting(st, "language");
		if (lang != NULL && *lang != '\0')
			(void)i18n_set_language(lang);
		free(lang);
	}
	n = pack != NULL ? store_forms_changed(st, pack, &changed) : 0;
	for (i = 0; i < n; i++)
		fprintf(stderr, _("onward: warning: form '%s' has changed "
		    "since records were saved here with its version %d; "
		    "see 'onward forms check'\n"), changed[i]->id,
		    changed[i]->version);
	if (n > 0)
		free(changed);
	return st;
}

/*
 * Adds a problem for every form of the pack that changed since records
 * were saved with its version in the store, if there is one (never made
 * here: checking forms needs no store).
 */
static void
forms_check_store(struct cmd_ctx *ctx, const struct form_pack *pack,
    struct diags *d)
{
	struct store		 *st;
	const struct form	**changed;
	char			 *cause = NULL;
	size_t			  i, n;

	if (access(ctx->db_path, F_OK) != 0)
		return;
	/* Opened without the pack: checking must not remake the store's
	 * SQL views from forms that may be a draft. */
	if ((st = store_open(ctx->db_path, NULL, &cause)) == NULL) {
		diags_add(d, ctx->db_path, 0, 0, "%s", cause);
		free(cause);
		return;
	}
	n = store_forms_changed(st, pack, &changed);
	for (i = 0; i < n; i++)
		diags_add(d, changed[i]->path, changed[i]->line, 1,
		    _("form '%s' has changed since records were saved with "
		    "its version %d in store '%s' (its questions, types, "
		    "choices or calculations): raise 'version' so that old "
		    "and new answers can be told apart"), changed[i]->id,
		    changed[i]->version, ctx->db_path);
	if (n > 0)
		free(changed);
	store_close(st);
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

/* forms check [FILE...] */
static int
forms_check(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	size_t			 n;
	int			 rc;

	if (argc == 0) {
		pack = form_pack_load(ctx->forms_dir, ctx->data_dir, &d);
		n = pack != NULL ? pack->nforms : 0;
		if (pack != NULL)
			forms_check_store(ctx, pack, &d);
		form_pack_free(pack);
	} else {
		form_check_files(ctx->forms_dir, ctx->data_dir, argv,
		    (size_t)argc, &d);
		n = (size_t)argc;
	}
	rc = forms_report(&d, n);
	diags_free(&d);
	return rc;
}

/* forms list: id, version, title, case type, tab-separated. */
static int
forms_list(struct cmd_ctx *ctx)
{
	struct form_pack	*pack;
	const struct form	*f;
	size_t			 i;

	if ((pack = cmd_load_forms(ctx)) == NULL)
		return 1;
	for (i = 0; i < pack->nforms; i++) {
		f = pack->forms[i];
		printf("%s\t%d\t%s\t%s\n", f->id, f->version,
		    form_text(f->title), f->case_type != NULL ? f->case_type : "");
	}
	form_pack_free(pack);
	return 0;
}

/* forms pot: the pack's text as a PO template on stdout. */
static int
forms_pot(struct cmd_ctx *ctx)
{
	struct form_pack	*pack;
	struct indicator_set	*set = NULL;
	struct diags		 d = { 0 };
	char			*path;
	int			 rc = 0;

	if ((pack = cmd_load_forms(ctx)) == NULL)
		return 1;
	/* The report's indicators are text people read too; a pack without
	 * them (a test pack) simply has none. */
	path = xasprintf("%s/%s", ctx->data_dir, INDICATORS_FILE);
	if (access(path, F_OK) == 0 &&
	    (set = form_indicators_load(path, pack, &d)) == NULL) {
		diags_print(&d);
		fprintf(stderr, _("onward: the indicators in '%s' have "
		    "problems\n"), path);
		rc = 1;
	} else
		form_pack_write_pot(pack, set, "forms", "data", stdout);
	diags_free(&d);
	free(path);
	form_indicators_free(set);
	form_pack_free(pack);
	return rc;
}

static int
cmd_forms_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_forms_entry);
	if (strcmp(argv[1], "check") == 0)
		return forms_check(ctx, argc - 2, argv + 2);
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		return forms_list(ctx);
	if (strcmp(argv[1], "pot") == 0 && argc == 2)
		return forms_pot(ctx);
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
