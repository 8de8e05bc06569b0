/*
 * cmd-csv.c: `onward csv FORM... | --all [-o DIR|FILE.xlsx] [--format F]
 * [--labels] [--bom]`: tidy tables for analysts, as CSV, Stata, SPSS or
 * Excel files (export-file.h writes them): one table per form and per
 * repeat (export.h: keyed to its record and parent instance), and with
 * --all every form, the cases and dictionary.csv.  Each file is written
 * under a temporary name and renamed when complete, so a reader never
 * sees half a file.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "csv.h"
#include "export.h"
#include "export-file.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option csv_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	APP_PASS_OPTIONS,
	{ "bom",	no_argument,		NULL, 'b' },
	{ "format",	required_argument,	NULL, 'f' },
	{ "labels",	no_argument,		NULL, 'l' },
	{ "output",	required_argument,	NULL, 'o' },
	{ NULL,		0,			NULL, 0 }
};

struct csv_run {
	const char		*dir;
	const char		*file;		/* the one file of a format */
	char			*dirbuf;	/* the folder of file */
	const struct export_format *fmt;
	int			 flags;		/* CSV_BOM, CSV_SAFE */
	bool			 labels;
	size_t			 nforms;
};

/* Says what a run wrote ("PATH\tROWS" each) and what it warns of, and
 * empties both lists. */
static void
csv_say(struct export_out *o)
{
	char	*tab;
	size_t	 i;

	for (i = 0; i < o->written.n; i++) {
		tab = strchr(o->written.v[i], '\t');
		*tab = '\0';
		printf(_("%s: %zu rows\n"), o->written.v[i],
		    (size_t)strtoull(tab + 1, NULL, 10));
	}
	for (i = 0; i < o->warnings.n; i++)
		fprintf(stderr, _("onward: warning: %s\n"), o->warnings.v[i]);
	strvec_free(&o->written);
	strvec_free(&o->warnings);
}

/* "value=label; value=label" of a field's choices (caller frees). */
static char *
csv_choices_text(const struct field *f)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "");
	if (f->choices == NULL)
		return buf_detach(&b);
	for (i = 0; i < f->choices->n; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		buf_addf(&b, "%s=%s", f->choices->v[i].value,
		    form_text(f->choices->v[i].label));
	}
	return buf_detach(&b);
}

/* "1=value; 2=value" of a select_one's codes in .dta and .sav (caller
 * frees). */
static char *
csv_codes_text(const struct field *f)
{
	struct buf	b;
	long		code;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < f->choices->n; i++) {
		if (!export_choice_code(f, f->choices->v[i].value, &code))
			continue;
		buf_addf(&b, "%s%ld=%s", i > 0 ? "; " : "", code,
		    f->choices->v[i].value);
	}
	return buf_detach(&b);
}

/* The dictionary row of column k of sheet sh into v (what it holds is
 * the caller's to free with csv_dictionary_free). */
static void
csv_dictionary_row(const char **v, const struct export_sheet *sh, size_t k,
    char **names[2], const char *title)
{
	const struct export_fcol	*c = &sh->cols[k];
	const struct field		*rep = sh->table != NULL ?
					    sh->table->repeat : NULL;

	v[0] = sh->form;
	v[1] = sh->name;
	v[2] = c->name;
	if (strcmp(c->type, "meta") == 0)
		v[3] = rep != NULL && k >= export_nmeta ? rep->id : "";
	else
		v[3] = sh->table == NULL ? c->name : c->field->id;
	v[4] = c->type;
	v[5] = c->label;
	v[6] = "";
	if (c->kind == EXK_FLAG && c->choice != NULL)
		v[6] = _("1 chosen, 0 not, empty not answered");
	else if (c->field != NULL && strcmp(c->type, "meta") != 0)
		v[6] = csv_choices_text(c->field);
	v[7] = c->kind == EXK_CHOICE ? csv_codes_text(c->field) : "";
	v[8] = names[0] != NULL ? names[0][k] : "";
	v[9] = names[1] != NULL ? names[1][k] : "";
	v[10] = title;
}

/* Frees what csv_dictionary_row made for column c. */
static void
csv_dictionary_free(const char **v, const struct export_fcol *c)
{
	if (c->field != NULL && strcmp(c->type, "meta") != 0 &&
	    !(c->kind == EXK_FLAG && c->choice != NULL))
		free((char *)v[6]);
	if (c->kind == EXK_CHOICE)
		free((char *)v[7]);
}

/* dictionary.csv: one row per column of every table of the pack and of
 * cases.csv, with a select_one's codes and each column's name in .dta and
 * .sav and its table's worksheet in the .xlsx (export-file.h); a sheet of
 * its own written by the CSV format. */
static int
csv_write_dictionary(struct csv_run *r, const struct form_pack *pack)
{
	static const char *const head[] = {
		"form", "table", "column", "field", "type", "label",
		"choices", "codes", "dta", "sav", "xlsx"
	};
	const struct export_format	*fmts[2], *csvf = export_format_csv;
	struct export_sheet		*sh, dict;
	struct export_fcol		 cols[nitems(head)];
	struct export_out		 o;
	const char			*v[nitems(head)];
	char				**names[2], **titles, *cause = NULL;
	char				 *later = NULL;
	size_t				  nsh, i, k, f;
	int				  rc;

	memset(&dict, 0, sizeof dict);
	memset(cols, 0, sizeof cols);
	for (i = 0; i < nitems(head); i++)
		cols[i].name = head[i];
	dict.name = (char *)"dictionary";
	dict.cols = cols;
	dict.ncols = nitems(head);
	memset(&o, 0, sizeof o);
	o.fmt = csvf;
	o.dir = r->dir;
	o.csv_flags = r->flags;
	o.sheets = &dict;
	o.nsheets = 1;
	fmts[0] = export_format_find("dta");
	fmts[1] = export_format_find("sav");
	export_sheets(pack, (const struct form *const *)pack->forms,
	    pack->nforms, true, &sh, &nsh);
	titles = export_sheet_titles(sh, nsh);
	rc = csvf->open(&o, &cause);
	for (i = 0; rc == 0 && i < nsh; i++) {
		for (f = 0; f < 2; f++)
			names[f] = fmts[f] != NULL ?
			    export_short_names(&sh[i], fmts[f]) : NULL;
		for (k = 0; rc == 0 && k < sh[i].ncols; k++) {
			csv_dictionary_row(v, &sh[i], k, names, titles[i]);
			rc = csvf->row(&o, 0, v, &cause);
			csv_dictionary_free(v, &sh[i].cols[k]);
		}
		for (f = 0; f < 2; f++)
			export_names_free(names[f], sh[i].ncols);
	}
	if (csvf->close(&o, rc == 0, rc == 0 ? &cause : &later) == -1)
		rc = -1;
	free(later);
	if (rc == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
	}
	csv_say(&o);
	export_names_free(titles, nsh);
	export_sheets_free(sh, nsh);
	return rc;
}

/* The forms chosen (and with --all the cases) in r->fmt (export-file.h),
 * into r->dir or the one file given; false when anything failed (said on
 * stderr, nothing left behind). */
static bool
csv_write_format(struct csv_run *r, struct store *st,
    const struct form_pack *pack, bool all, char **argv)
{
	const struct form	**forms;
	struct export_out	  o;
	char			 *cause;
	size_t			  i;
	int			  rc;

	memset(&o, 0, sizeof o);
	o.fmt = r->fmt;
	o.dir = r->dir;
	o.file = r->file;
	o.labels = r->labels && r->fmt->name_max == 0;
	o.csv_flags = r->flags;
	forms = xcalloc(r->nforms, sizeof *forms);
	for (i = 0; i < r->nforms; i++)
		forms[i] = all ? pack->forms[i] : form_pack_find(pack, argv[i]);
	export_sheets(pack, forms, r->nforms, all, &o.sheets, &o.nsheets);
	free(forms);
	rc = export_file_write(st, &o, &cause);
	if (rc == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
	}
	csv_say(&o);
	if (o.skipped > 0 && all)
		fprintf(stderr, _("onward: %zu records of forms not in the "
		    "pack were left out\n"), o.skipped);
	export_sheets_free(o.sheets, o.nsheets);
	return rc == 0;
}

/* Reads --format and -o: a file NAME.xlsx is a workbook. */
static int
csv_choose_format(struct csv_run *r, const char *format)
{
	size_t	len = strlen(r->dir);

	if (format == NULL && len > 5 && strcmp(r->dir + len - 5,
	    ".xlsx") == 0)
		format = "xlsx";
	if ((r->fmt = export_format_find(format != NULL ? format :
	    "csv")) == NULL) {
		fprintf(stderr, _("onward: unknown format '%s'; this onward "
		    "writes %s\n"), format, export_format_names());
		return -1;
	}
	if (r->fmt->one_file && len > 5 &&
	    strcmp(r->dir + len - 5, ".xlsx") == 0) {
		r->file = r->dir;
		r->dirbuf = xstrdup(r->dir);
		if (strrchr(r->dirbuf, '/') != NULL)
			*strrchr(r->dirbuf, '/') = '\0';
		else
			strcpy(r->dirbuf, ".");
		r->dir = r->dirbuf;
	}
	return 0;
}

static int
cmd_csv_exec(struct app *app, int argc, char **argv)
{
	const struct form_pack	*pack;
	struct csv_run		 r;
	struct stat		 sb;
	const char		*format = NULL, *as = NULL, *file = NULL;
	bool			 all = false, ok;
	size_t			 i;
	int			 ch;

	memset(&r, 0, sizeof r);
	r.dir = ".";
	while ((ch = getopt_long(argc, argv, "o:", csv_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			all = true;
			break;
		case 'b':
			r.flags |= CSV_BOM;
			break;
		case 'f':
			format = optarg;
			break;
		case 'l':
			r.labels = true;
			r.flags |= CSV_SAFE;
			break;
		case 'o':
			r.dir = optarg;
			break;
		default:
			if (!app_pass_option(ch, &as, &file))
				return cmd_usage(&cmd_csv_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (all == (argc > 0))
		return cmd_usage(&cmd_csv_entry);
	if (csv_choose_format(&r, format) == -1)
		return 1;
	/* A folder that is not there yet is made (its parent must be). */
	if (stat(r.dir, &sb) != 0 && errno == ENOENT &&
	    mkdir(r.dir, 0777) != 0) {
		fprintf(stderr, _("onward: cannot make the folder '%s': %s\n"),
		    r.dir, strerror(errno));
		free(r.dirbuf);
		return 1;
	}
	if (stat(r.dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, _("onward: '%s' is not a folder\n"), r.dir);
		free(r.dirbuf);
		return 1;
	}
	if (app_open(app, APP_FORMS) == -1) {
		free(r.dirbuf);
		return 1;
	}
	pack = app->pack;
	for (i = 0; i < (size_t)argc; i++) {
		if (form_pack_find(pack, argv[i]) == NULL) {
			fprintf(stderr, _("onward: no form '%s'; see 'onward "
			    "forms list'\n"), argv[i]);
			free(r.dirbuf);
			return 1;
		}
	}
	if (app_ready(app) == -1 || app_sign_in_reader(app, as, file,
	    "worker", _("export")) == -1) {
		free(r.dirbuf);
		return 1;
	}
	r.nforms = all ? pack->nforms : (size_t)argc;
	ok = csv_write_format(&r, app->store, pack, all, argv);
	if (ok && all && csv_write_dictionary(&r, pack) == -1)
		ok = false;
	free(r.dirbuf);
	return ok ? 0 : 1;
}

const struct cmd_entry cmd_csv_entry = {
	"csv",
	N_("FORM... | --all [-o DIR|FILE.xlsx] [--format csv|dta|sav|xlsx] "
	    "[--labels] [--bom] [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("write records as CSV, Stata, SPSS or Excel files for analysts"),
	N_("Writes FORM.csv into DIR (default: the current folder), and\n"
	    "FORM__REPEAT.csv for each repeat of the form, one row per\n"
	    "entry, keyed to its record (_record) and enclosing entry\n"
	    "(_parent).  Every row starts with _record, _case, _author,\n"
	    "_device, _created and _updated; then one column per question\n"
	    "in form order, named by the field id.  A multiple-choice\n"
	    "question has a column of its values and one 0/1 column per\n"
	    "choice (FIELD__VALUE).  RFC 4180 CSV in UTF-8, lines ending\n"
	    "in CRLF.\n"
	    "  --all       every form, plus cases.csv and dictionary.csv\n"
	    "              (form, table, column, field, type, label,\n"
	    "              choices, codes, and the names in .dta, .sav\n"
	    "              and .xlsx)\n"
	    "  -o DIR      the folder to write into\n"
	    "  --format F  csv (the default); dta (Stata) or sav (SPSS):\n"
	    "              the same tables, one file each, with variable\n"
	    "              and value labels; xlsx (Excel): one workbook,\n"
	    "              DIR/onward.xlsx or -o FILE.xlsx, a worksheet\n"
	    "              per table\n"
	    "  --labels    choice labels in the current language instead\n"
	    "              of values, for spreadsheets: text starting with\n"
	    "              = + - @, a tab or CR gets a leading ' so it is\n"
	    "              never run as a formula\n"
	    "  --bom       start each file with a byte order mark, for\n"
	    "              spreadsheet programs that need one\n"
	    "On a store with accounts, --as any account signed in.\n"),
	APP_FORMS | APP_STORE,
	cmd_csv_exec
};
