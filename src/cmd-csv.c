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
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "util.h"

static const struct option csv_options[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "bom",	no_argument,		NULL, 'b' },
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
	int			 flags;
	bool			 labels;
	struct csv_form		*forms;
	size_t			 nforms;
	struct buf		 scratch;
	size_t			 skipped;	/* records of unknown forms */
	size_t			 nfiles;
	struct store		*st;		/* names linked cases */
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
	const char	*v;
	char		*name;
	size_t		 k;

	for (k = 0; k < t->ncols; k++) {
		v = export_value(&t->cols[k], a, prefix, r->labels,
		    &r->scratch);
		if (!t->cols[k].case_name || v == NULL) {
			csv_field(w, v);
			continue;
		}
		/* A link's name column: the linked case's name, empty when
		 * the case has not reached this store yet. */
		name = store_case_name(r->st, v);
		csv_field(w, name);
		free(name);
	}
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
 * every case type, in pack order, each once. */
struct csv_cases {
	struct csv_run		 *run;
	const struct form_pack	 *pack;
	struct csv_file		  file;
	const char		**props;
	size_t			  nprops;
};

/* The field that saves to property prop of case type ct and has a choice
 * list, for labels; NULL when none. */
static const struct field *
csv_prop_field(const struct form_pack *pack, const char *ct,
    const char *prop)
{
	const struct form	*form;
	const struct field	*f;
	size_t			 i, k;

	for (i = 0; i < pack->nforms; i++) {
		form = pack->forms[i];
		if (form->case_type == NULL || strcmp(form->case_type, ct) != 0)
			continue;
		for (k = 0; k < form->nfields; k++) {
			f = form->fields[k];
			if (f->save_to != NULL && f->choices != NULL &&
			    strcmp(f->save_to, prop) == 0)
				return f;
		}
	}
	return NULL;
}

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
		v = answers_get(ec->props, cc->props[i]);
		if (v != NULL && cc->run->labels &&
		    (f = csv_prop_field(cc->pack, ec->type, cc->props[i])) !=
		    NULL) {
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
	static const char *const head[] = {
		"_case", "_type", "_author", "_device", "_created",
		"_updated", "_closed", "_next_due", "_overdue"
	};
	struct csv_cases	 cc;
	const struct case_type	*ct;
	char			*cause;
	size_t			 i, k, j;
	int			 rc;

	memset(&cc, 0, sizeof cc);
	cc.run = r;
	cc.pack = pack;
	for (i = 0; i < pack->ncase_types; i++) {
		ct = pack->case_types[i];
		for (k = 0; k < ct->nprops; k++) {
			for (j = 0; j < cc.nprops; j++) {
				if (strcmp(cc.props[j], ct->props[k].id) == 0)
					break;
			}
			if (j < cc.nprops)
				continue;
			cc.props = xreallocarray(cc.props, cc.nprops + 1,
			    sizeof *cc.props);
			cc.props[cc.nprops++] = ct->props[k].id;
		}
	}
	if (csv_open(r, &cc.file, "cases") == -1) {
		free(cc.props);
		return -1;
	}
	for (i = 0; i < nitems(head); i++)
		csv_field(&cc.file.w, head[i]);
	for (i = 0; i < cc.nprops; i++)
		csv_field(&cc.file.w, cc.props[i]);
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

/* dictionary.csv: one row per column of every table of the pack. */
static int
csv_write_dictionary(struct csv_run *r, const struct form_pack *pack)
{
	static const char *const meta_labels[] = {
		N_("record id"), N_("case id"), N_("who entered the record"),
		N_("device the record was entered on"),
		N_("when the record was first saved (UTC)"),
		N_("when the record was last changed (UTC)")
	};
	static const char *const repeat_labels[] = {
		N_("the repeat entry's path in the record"),
		N_("the enclosing repeat entry's path, empty at the top"),
		N_("place of the entry among its siblings, from 1")
	};
	struct csv_file			 cf;
	struct csv_writer		*w;
	struct export_layout		 l;
	const struct export_table	*t;
	const struct export_column	*col;
	char				*choices;
	size_t				 i, k, c;

	memset(&cf, 0, sizeof cf);
	if (csv_open(r, &cf, "dictionary") == -1)
		return -1;
	w = &cf.w;
	csv_field(w, "form");
	csv_field(w, "table");
	csv_field(w, "column");
	csv_field(w, "field");
	csv_field(w, "type");
	csv_field(w, "label");
	csv_field(w, "choices");
	csv_end_row(w);
	for (i = 0; i < pack->nforms; i++) {
		export_layout(pack->forms[i], &l);
		for (k = 0; k < l.n; k++) {
			t = &l.v[k];
			for (c = 0; c < export_nmeta; c++) {
				csv_field(w, t->form->id);
				csv_field(w, t->name);
				csv_field(w, export_meta_columns[c]);
				csv_field(w, "");
				csv_field(w, "meta");
				csv_field(w, _(meta_labels[c]));
				csv_field(w, "");
				csv_end_row(w);
			}
			for (c = 0; t->repeat != NULL && c < export_nrepeat;
			    c++) {
				csv_field(w, t->form->id);
				csv_field(w, t->name);
				csv_field(w, export_repeat_columns[c]);
				csv_field(w, t->repeat->id);
				csv_field(w, "meta");
				csv_field(w, _(repeat_labels[c]));
				csv_field(w, "");
				csv_end_row(w);
			}
			for (c = 0; c < t->ncols; c++) {
				col = &t->cols[c];
				csv_field(w, t->form->id);
				csv_field(w, t->name);
				csv_field(w, col->name);
				csv_field(w, col->field->id);
				if (col->choice != NULL) {
					csv_field(w, "choice");
					csv_fieldf(w, "%s: %s",
					    form_text(col->field->label),
					    form_text(col->choice->label));
					csv_field(w, _("1 chosen, 0 not, "
					    "empty not answered"));
				} else {
					csv_field(w, field_type_name(
					    col->field->type));
					csv_field(w, form_text(
					    col->field->label));
					choices = csv_choices_text(col->field);
					csv_field(w, choices);
					free(choices);
				}
				csv_end_row(w);
			}
		}
		export_layout_free(&l);
	}
	return csv_close(r, &cf, true);
}

static int
cmd_csv_exec(struct app *app, int argc, char **argv)
{
	const struct form_pack	*pack;
	struct store		*st;
	struct csv_run		 r;
	const struct form	*form;
	struct stat		 sb;
	char			*cause;
	bool			 all = false, ok = true;
	size_t			 i, k;
	int			 ch, rc;

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
	/* A folder that is not there yet is made (its parent must be). */
	if (stat(r.dir, &sb) != 0 && errno == ENOENT &&
	    mkdir(r.dir, 0777) != 0) {
		fprintf(stderr, _("onward: cannot make the folder '%s': %s\n"),
		    r.dir, strerror(errno));
		return 1;
	}
	if (stat(r.dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, _("onward: '%s' is not a folder\n"), r.dir);
		return 1;
	}
	if (app_open(app, APP_FORMS) == -1)
		return 1;
	pack = app->pack;
	for (i = 0; i < (size_t)argc; i++) {
		if ((form = form_pack_find(pack, argv[i])) == NULL) {
			fprintf(stderr, _("onward: no form '%s'; see 'onward "
			    "forms list'\n"), argv[i]);
			return 1;
		}
	}
	if (app_ready(app) == -1)
		return 1;
	st = app->store;
	r.st = st;
	r.nforms = all ? pack->nforms : (size_t)argc;
	r.forms = xcalloc(r.nforms, sizeof *r.forms);
	for (i = 0; i < r.nforms; i++) {
		r.forms[i].form = all ? pack->forms[i] :
		    form_pack_find(pack, argv[i]);
		if (ok && csv_form_open(&r, &r.forms[i]) == -1)
			ok = false;
	}
	if (ok) {
		rc = store_export_records(st, r.nforms == 1 ?
		    r.forms[0].form->id : NULL, csv_record, &r, &cause);
		if (rc == -1) {
			fprintf(stderr, "onward: %s\n", cause);
			free(cause);
			ok = false;
		}
	}
	for (i = 0; i < r.nforms; i++) {
		for (k = 0; k < r.forms[i].layout.n; k++) {
			if (csv_close(&r, &r.forms[i].files[k], ok) == -1)
				ok = false;
		}
		free(r.forms[i].files);
		export_layout_free(&r.forms[i].layout);
	}
	free(r.forms);
	if (ok && all && (csv_write_cases(&r, st, pack) == -1 ||
	    csv_write_dictionary(&r, pack) == -1))
		ok = false;
	if (r.skipped > 0 && all)
		fprintf(stderr, _("onward: %zu records of forms not in the "
		    "pack were left out\n"), r.skipped);
	buf_free(&r.scratch);
	return ok ? 0 : 1;
}

const struct cmd_entry cmd_csv_entry = {
	"csv",
	N_("FORM... | --all [-o DIR] [--labels] [--bom]"),
	N_("write records as CSV files for analysts"),
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
	    "              choices)\n"
	    "  -o DIR      the folder to write into\n"
	    "  --labels    choice labels in the current language instead\n"
	    "              of values, for spreadsheets: text starting with\n"
	    "              = + - @, a tab or CR gets a leading ' so it is\n"
	    "              never run as a formula\n"
	    "  --bom       start each file with a byte order mark, for\n"
	    "              spreadsheet programs that need one\n"),
	APP_FORMS | APP_STORE,
	cmd_csv_exec
};
