/*
 * cmd-csv.c: `onward csv FORM... | --all [-o DIR] [--labels] [--bom]`:
 * tidy CSV files for analysts.  One file per table of a form (export.h:
 * the form, then each repeat, keyed to its record and parent instance),
 * and with --all every form, cases.csv and dictionary.csv.  Each file is
 * written under a temporary name and renamed when complete, so a reader
 * never sees half a file.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "csv.h"
#include "export.h"
#include "export-file.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "util.h"

static const struct option csv_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "bom",	no_argument,		NULL, 'b' },
	{ "format",	required_argument,	NULL, 'f' },
	{ "labels",	no_argument,		NULL, 'l' },
	{ "output",	required_argument,	NULL, 'o' },
	{ NULL,		0,			NULL, 0 }
};

/* One file being written. */
struct csv_file {
	char			*path;
	char			*tmp;
	FILE			*f;
	struct csv_writer	 w;
};

/* A form being exported: its tables and their files. */
struct csv_form {
	const struct form	*form;
	struct export_layout	 layout;
	struct csv_file		*files;		/* by table */
};

struct csv_run {
	const char		*dir;
	const char		*file;		/* the one file of a format */
	char			*dirbuf;	/* the folder of file */
	const struct export_format *fmt;	/* NULL: CSV */
	int			 flags;
	bool			 labels;
	struct csv_form		*forms;
	size_t			 nforms;
	struct buf		 scratch;
	size_t			 skipped;	/* records of unknown forms */
	size_t			 nfiles;
};

/* Opens DIR/NAME.csv under a temporary name; -1 with a message. */
static int
csv_open(struct csv_run *r, struct csv_file *cf, const char *name)
{
	cf->path = xasprintf("%s/%s.csv", r->dir, name);
	cf->tmp = xasprintf("%s/.%s.csv.tmp", r->dir, name);
	if ((cf->f = fopen(cf->tmp, "w")) == NULL) {
		fprintf(stderr, _("onward: cannot write '%s': %s\n"), cf->tmp,
		    strerror(errno));
		return -1;
	}
	csv_init(&cf->w, cf->f, r->flags);
	return 0;
}

/* Closes a file, renaming it into place when ok; -1 with a message. */
static int
csv_close(struct csv_run *r, struct csv_file *cf, bool ok)
{
	int	rc = 0;

	if (cf->f != NULL) {
		if (ferror(cf->f) || fflush(cf->f) != 0 ||
		    fsync(fileno(cf->f)) != 0) {
			if (ok)
				fprintf(stderr, _("onward: cannot write '%s': "
				    "%s\n"), cf->tmp, strerror(errno));
			ok = false;
		}
		if (fclose(cf->f) != 0 && ok) {
			fprintf(stderr, _("onward: cannot write '%s': %s\n"),
			    cf->tmp, strerror(errno));
			ok = false;
		}
		if (ok && rename(cf->tmp, cf->path) != 0) {
			fprintf(stderr, _("onward: cannot rename '%s' to "
			    "'%s': %s\n"), cf->tmp, cf->path, strerror(errno));
			ok = false;
		}
		if (!ok) {
			(void)unlink(cf->tmp);
			rc = -1;
		} else {
			printf(_("%s: %zu rows\n"), cf->path,
			    cf->w.nrows > 0 ? cf->w.nrows - 1 : 0);
			r->nfiles++;
		}
	}
	free(cf->path);
	free(cf->tmp);
	memset(cf, 0, sizeof *cf);
	return rc;
}

/* Opens the files of a form and writes their header rows. */
static int
csv_form_open(struct csv_run *r, struct csv_form *cfm)
{
	const struct export_table	*t;
	struct csv_file			*cf;
	size_t				 i, k;

	export_layout(cfm->form, &cfm->layout);
	cfm->files = xcalloc(cfm->layout.n, sizeof *cfm->files);
	for (i = 0; i < cfm->layout.n; i++) {
		t = &cfm->layout.v[i];
		cf = &cfm->files[i];
		if (csv_open(r, cf, t->name) == -1)
			return -1;
		for (k = 0; k < export_nmeta; k++)
			csv_field(&cf->w, export_meta_columns[k]);
		if (t->repeat != NULL) {
			for (k = 0; k < export_nrepeat; k++)
				csv_field(&cf->w, export_repeat_columns[k]);
		}
		for (k = 0; k < t->ncols; k++)
			csv_field(&cf->w, t->cols[k].name);
		csv_end_row(&cf->w);
	}
	return 0;
}

/* Writes the meta columns of a record. */
static void
csv_meta(struct csv_writer *w, const struct export_record *er)
{
	csv_field(w, er->id);
	csv_field(w, er->case_id);
	csv_field(w, er->author);
	csv_field(w, er->device);
	csv_field(w, er->created);
	csv_field(w, er->updated);
}

/* Writes the answer columns of table t for the instance prefix. */
static void
csv_columns(struct csv_run *r, struct csv_writer *w,
    const struct export_table *t, const struct answers *a,
    const char *prefix)
{
	size_t	k;

	for (k = 0; k < t->ncols; k++)
		csv_field(w, export_value(&t->cols[k], a, prefix, r->labels,
		    &r->scratch));
}

/* Writes the rows of repeat table ti under the instance prefix (of the
 * parent table's instance parent_path), then those of its own repeats. */
static void
csv_instances(struct csv_run *r, struct csv_form *cfm, size_t ti,
    const struct export_record *er, const char *prefix,
    const char *parent_path)
{
	const struct export_table	*t = &cfm->layout.v[ti];
	struct csv_writer		*w = &cfm->files[ti].w;
	char				**ids, *path, *sub;
	size_t				  n, i, k;

	n = record_instances(er->answers, t->repeat, prefix, &ids);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s%s[%s]", prefix, t->repeat->id, ids[i]);
		sub = xasprintf("%s.", path);
		csv_meta(w, er);
		csv_field(w, path);
		csv_field(w, parent_path);
		csv_fieldf(w, "%zu", i + 1);
		csv_columns(r, w, t, er->answers, sub);
		csv_end_row(w);
		for (k = ti + 1; k < cfm->layout.n; k++) {
			if (cfm->layout.v[k].parent == ti)
				csv_instances(r, cfm, k, er, sub, path);
		}
		free(sub);
		free(path);
	}
	record_free_ids(ids, n);
}

/* export_records callback: one record into its form's files. */
static int
csv_record(void *arg, const struct export_record *er)
{
	struct csv_run		*r = arg;
	struct csv_form		*cfm = NULL;
	struct csv_writer	*w;
	size_t			 i;

	for (i = 0; i < r->nforms; i++) {
		if (strcmp(r->forms[i].form->id, er->form) == 0) {
			cfm = &r->forms[i];
			break;
		}
	}
	if (cfm == NULL) {
		r->skipped++;
		return 0;
	}
	w = &cfm->files[0].w;
	csv_meta(w, er);
	csv_columns(r, w, &cfm->layout.v[0], er->answers, "");
	csv_end_row(w);
	for (i = 1; i < cfm->layout.n; i++) {
		if (cfm->layout.v[i].parent == 0)
			csv_instances(r, cfm, i, er, "", "");
	}
	return 0;
}

/* The columns of cases.csv after the meta columns: every property of
 * every case type, in pack order, each once (export_case_props). */
struct csv_cases {
	struct csv_run			 *run;
	const struct form_pack		 *pack;
	struct csv_file			  file;
	const struct case_property	**props;
	size_t				  nprops;
};

static int
csv_case(void *arg, const struct export_case *ec)
{
	struct csv_cases		*cc = arg;
	struct csv_writer		*w = &cc->file.w;
	struct export_column		 col;
	const struct field		*f;
	const char			*v;
	size_t				 i;

	csv_field(w, ec->id);
	csv_field(w, ec->type);
	csv_field(w, ec->author);
	csv_field(w, ec->device);
	csv_field(w, ec->created);
	csv_field(w, ec->updated);
	csv_field(w, ec->closed ? "1" : "0");
	csv_field(w, ec->next_due);
	csv_field(w, ec->next_due[0] == '\0' ? "" : ec->overdue ? "1" : "0");
	for (i = 0; i < cc->nprops; i++) {
		v = answers_get(ec->props, cc->props[i]->id);
		if (v != NULL && cc->run->labels &&
		    (f = export_prop_field(cc->pack, ec->type,
		    cc->props[i]->id)) != NULL) {
			/* The property's answer as its field's would be. */
			struct answers	one;

			answers_init(&one);
			answers_set(&one, f->id, v);
			memset(&col, 0, sizeof col);
			col.field = f;
			csv_field(w, export_value(&col, &one, "", true,
			    &cc->run->scratch));
			answers_free(&one);
		} else
			csv_field(w, v);
	}
	csv_end_row(w);
	return 0;
}

static int
csv_write_cases(struct csv_run *r, struct store *st,
    const struct form_pack *pack)
{
	struct csv_cases	 cc;
	char			*cause;
	size_t			 i;
	int			 rc;

	memset(&cc, 0, sizeof cc);
	cc.run = r;
	cc.pack = pack;
	cc.nprops = export_case_props(pack, &cc.props, NULL);
	if (csv_open(r, &cc.file, "cases") == -1) {
		free(cc.props);
		return -1;
	}
	for (i = 0; i < export_ncase; i++)
		csv_field(&cc.file.w, export_case_columns[i]);
	for (i = 0; i < cc.nprops; i++)
		csv_field(&cc.file.w, cc.props[i]->id);
	csv_end_row(&cc.file.w);
	rc = store_export_cases(st, csv_case, &cc, &cause);
	if (rc == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
	}
	if (csv_close(r, &cc.file, rc == 0) == -1)
		rc = -1;
	free(cc.props);
	return rc;
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

/* The dictionary row of column k of sheet sh. */
static void
csv_dictionary_row(struct csv_writer *w, const struct export_sheet *sh,
    size_t k, char **names[2], const char *title)
{
	const struct export_fcol	*c = &sh->cols[k];
	const struct field		*rep = sh->table != NULL ?
					    sh->table->repeat : NULL;
	char				*choices;

	csv_field(w, sh->form);
	csv_field(w, sh->name);
	csv_field(w, c->name);
	if (strcmp(c->type, "meta") == 0)
		csv_field(w, rep != NULL && k >= export_nmeta ? rep->id : "");
	else
		csv_field(w, sh->table == NULL ? c->name : c->field->id);
	csv_field(w, c->type);
	csv_field(w, c->label);
	if (c->kind == EXK_FLAG && c->choice != NULL)
		csv_field(w, _("1 chosen, 0 not, empty not answered"));
	else if (c->field != NULL && strcmp(c->type, "meta") != 0) {
		choices = csv_choices_text(c->field);
		csv_field(w, choices);
		free(choices);
	} else
		csv_field(w, "");
	if (c->kind == EXK_CHOICE) {
		choices = csv_codes_text(c->field);
		csv_field(w, choices);
		free(choices);
	} else
		csv_field(w, "");
	csv_field(w, names[0] != NULL ? names[0][k] : "");
	csv_field(w, names[1] != NULL ? names[1][k] : "");
	csv_field(w, title);
	csv_end_row(w);
}

/* dictionary.csv: one row per column of every table of the pack and of
 * cases.csv, with a select_one's codes and each column's name in .dta and
 * .sav and its table's worksheet in the .xlsx (export-file.h). */
static int
csv_write_dictionary(struct csv_run *r, const struct form_pack *pack)
{
	static const char *const head[] = {
		"form", "table", "column", "field", "type", "label",
		"choices", "codes", "dta", "sav", "xlsx"
	};
	const struct export_format	*fmts[2];
	struct export_sheet		*sh;
	struct csv_file			 cf;
	char				**names[2], **titles;
	size_t				  nsh, i, k, f;

	memset(&cf, 0, sizeof cf);
	if (csv_open(r, &cf, "dictionary") == -1)
		return -1;
	for (i = 0; i < nitems(head); i++)
		csv_field(&cf.w, head[i]);
	csv_end_row(&cf.w);
	fmts[0] = export_format_find("dta");
	fmts[1] = export_format_find("sav");
	export_sheets(pack, (const struct form *const *)pack->forms,
	    pack->nforms, true, &sh, &nsh);
	titles = export_sheet_titles(sh, nsh);
	for (i = 0; i < nsh; i++) {
		for (f = 0; f < 2; f++)
			names[f] = fmts[f] != NULL ?
			    export_short_names(&sh[i], fmts[f]) : NULL;
		for (k = 0; k < sh[i].ncols; k++)
			csv_dictionary_row(&cf.w, &sh[i], k, names,
			    titles[i]);
		for (f = 0; f < 2; f++)
			export_names_free(names[f], sh[i].ncols);
	}
	export_names_free(titles, nsh);
	export_sheets_free(sh, nsh);
	return csv_close(r, &cf, true);
}

/* The CSV files of the forms chosen, and with --all cases.csv; false
 * when anything failed (said on stderr). */
static bool
csv_write_csv(struct csv_run *r, struct store *st,
    const struct form_pack *pack, bool all, char **argv)
{
	char	*cause;
	size_t	 i, k;
	bool	 ok = true;
	int	 rc;

	r->forms = xcalloc(r->nforms, sizeof *r->forms);
	for (i = 0; i < r->nforms; i++) {
		r->forms[i].form = all ? pack->forms[i] :
		    form_pack_find(pack, argv[i]);
		if (ok && csv_form_open(r, &r->forms[i]) == -1)
			ok = false;
	}
	if (ok) {
		rc = store_export_records(st, r->nforms == 1 ?
		    r->forms[0].form->id : NULL, csv_record, r, &cause);
		if (rc == -1) {
			fprintf(stderr, "onward: %s\n", cause);
			free(cause);
			ok = false;
		}
	}
	for (i = 0; i < r->nforms; i++) {
		for (k = 0; k < r->forms[i].layout.n; k++) {
			if (csv_close(r, &r->forms[i].files[k], ok) == -1)
				ok = false;
		}
		free(r->forms[i].files);
		export_layout_free(&r->forms[i].layout);
	}
	free(r->forms);
	if (ok && all && csv_write_cases(r, st, pack) == -1)
		ok = false;
	if (r->skipped > 0 && all)
		fprintf(stderr, _("onward: %zu records of forms not in the "
		    "pack were left out\n"), r->skipped);
	return ok;
}

/* The forms chosen (and with --all the cases) in another format
 * (export-file.h), into r->dir or the one file given; false when
 * anything failed (said on stderr, nothing left behind). */
static bool
csv_write_format(struct csv_run *r, struct store *st,
    const struct form_pack *pack, bool all, char **argv)
{
	const struct form	**forms;
	struct export_out	  o;
	char			 *cause, *tab;
	size_t			  i;
	int			  rc;

	memset(&o, 0, sizeof o);
	o.fmt = r->fmt;
	o.dir = r->dir;
	o.file = r->file;
	o.labels = r->labels && r->fmt->name_max == 0;
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
	for (i = 0; i < o.written.n; i++) {
		tab = strchr(o.written.v[i], '\t');
		*tab = '\0';
		printf(_("%s: %zu rows\n"), o.written.v[i],
		    (size_t)strtoull(tab + 1, NULL, 10));
		r->nfiles++;
	}
	for (i = 0; i < o.warnings.n; i++)
		fprintf(stderr, _("onward: warning: %s\n"), o.warnings.v[i]);
	strvec_free(&o.written);
	strvec_free(&o.warnings);
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
	if (format == NULL || strcmp(format, "csv") == 0)
		return 0;
	if ((r->fmt = export_format_find(format)) == NULL) {
		fprintf(stderr, _("onward: unknown format '%s'; this onward "
		    "writes %s\n"), format, export_format_names());
		return -1;
	}
	if (r->fmt->name_max == 0 && len > 5 &&
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
	const char		*format = NULL;
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
	if (app_ready(app) == -1) {
		free(r.dirbuf);
		return 1;
	}
	r.nforms = all ? pack->nforms : (size_t)argc;
	ok = r.fmt != NULL ? csv_write_format(&r, app->store, pack, all, argv) :
	    csv_write_csv(&r, app->store, pack, all, argv);
	if (ok && all && csv_write_dictionary(&r, pack) == -1)
		ok = false;
	buf_free(&r.scratch);
	free(r.dirbuf);
	return ok ? 0 : 1;
}

const struct cmd_entry cmd_csv_entry = {
	"csv",
	N_("FORM... | --all [-o DIR|FILE.xlsx] [--format csv|dta|sav|xlsx] "
	    "[--labels] [--bom]"),
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
	    "              spreadsheet programs that need one\n"),
	APP_FORMS | APP_STORE,
	cmd_csv_exec
};
