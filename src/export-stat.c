/*
 * export-stat.c: Stata .dta (version 118, UTF-8) and SPSS .sav files with
 * ReadStat (export-file.h), one file per sheet: variable names within the
 * format's limits (the dictionary maps them), variable labels, value
 * labels from the choices, numbers and 0/1 flags as numbers, dates as the
 * program's dates, text as text (a Stata strL beyond 2045 bytes: its
 * texts go to ReadStat in a pass of their own before the first row, as
 * ReadStat needs them).  Built
 * only with ReadStat (configure); without it the formats are absent.
 */
#include "config.h"

#include <stddef.h>

#include "export-file.h"

#ifdef HAVE_READSTAT

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readstat.h>

#include "expr.h"
#include "i18n.h"
#include "util.h"

#define DTA_STR_MAX	2045		/* longer text is a strL */
#define SAV_STR_MAX	32767
#define DTA_LABEL_MAX	80		/* bytes of a variable label */
#define SAV_LABEL_MAX	255
#define SAV_VALUE_MAX	120		/* bytes of a value label */
#define DTA_VALUE_MAX	32000
#define DTA_EPOCH	(-3653L)	/* 1960-01-01 in days from 1970 */
#define SAV_EPOCH	(-141428L)	/* 1582-10-14 in days from 1970 */

/* One file being written. */
struct stat_file {
	FILE			 *f;
	char			 *path, *tmp;
	readstat_writer_t	 *w;
	readstat_variable_t	**vars;
	char			**names;
	readstat_string_ref_t	**refs;		/* the strL texts, in order */
	size_t			  nrefs, nextref;
	bool			  begun;
	size_t			  rows;
};

/* The files of a run, by sheet. */
struct stat_state {
	struct stat_file	*v;
	size_t			 n;
	bool			 sav;
};

/* ReadStat's data writer: into the file. */
static ssize_t
stat_write(const void *data, size_t len, void *ctx)
{
	FILE	*f = ctx;

	if (len > 0 && fwrite(data, 1, len, f) != len)
		return -1;
	return (ssize_t)len;
}

/* A copy of s cut to at most max bytes on a character boundary. */
static char *
stat_cut(const char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return xstrdup(s);
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(s, n);
}

/* The value labels of a select_one, coded as export_choice_code says. */
static readstat_label_set_t *
stat_labels(struct stat_state *st, readstat_writer_t *w,
    const struct export_fcol *c, const char *name)
{
	readstat_label_set_t	*ls;
	const struct choice	*ch;
	char			*label;
	long			 code;
	size_t			 i;

	ls = readstat_add_label_set(w, st->sav ? READSTAT_TYPE_DOUBLE :
	    READSTAT_TYPE_INT32, name);
	for (i = 0; i < c->field->choices->n; i++) {
		ch = &c->field->choices->v[i];
		if (!export_choice_code(c->field, ch->value, &code))
			continue;
		label = stat_cut(ch->label != NULL ? form_text(ch->label) :
		    ch->value, st->sav ? SAV_VALUE_MAX : DTA_VALUE_MAX);
		if (st->sav)
			readstat_label_double_value(ls, (double)code, label);
		else
			readstat_label_int32_value(ls, (int32_t)code, label);
		free(label);
	}
	return ls;
}

/* Adds the variable of column c (of sheet s) named name to w; a text
 * too long for the format is said in o->warnings. */
static readstat_variable_t *
stat_variable(struct export_out *o, const struct export_sheet *s,
    readstat_writer_t *w, const struct export_fcol *c, const char *name)
{
	struct stat_state	*st = o->state;
	readstat_variable_t	*v;
	readstat_type_t		 type = READSTAT_TYPE_DOUBLE;
	size_t			 width = 0;
	char			*label;

	switch (c->kind) {
	case EXK_TEXT:
		type = READSTAT_TYPE_STRING;
		width = c->width > 0 ? c->width : 1;
		if (!st->sav && width > DTA_STR_MAX) {
			type = READSTAT_TYPE_STRING_REF;
			width = 0;
			o->prepare = true;
		} else if (st->sav && width > SAV_STR_MAX) {
			width = SAV_STR_MAX;
			strvec_take(&o->warnings, xasprintf(_("'%s' in %s.%s "
			    "has texts longer than the format's %zu bytes: "
			    "they are cut there (the CSV has them whole)"),
			    c->name, s->name, o->fmt->name, width));
		}
		break;
	case EXK_FLAG:
		type = READSTAT_TYPE_INT8;
		break;
	case EXK_CHOICE:
		type = st->sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32;
		break;
	case EXK_NUMBER:
	case EXK_DATE:
		break;
	}
	v = readstat_add_variable(w, name, type, width);
	label = stat_cut(c->label, st->sav ? SAV_LABEL_MAX : DTA_LABEL_MAX);
	readstat_variable_set_label(v, label);
	free(label);
	if (c->kind == EXK_DATE)
		readstat_variable_set_format(v, st->sav ? "DATE11" : "%td");
	if (c->kind == EXK_CHOICE)
		readstat_variable_set_label_set(v, stat_labels(st, w, c, name));
	return v;
}

/* A ReadStat failure as a message naming the file. */
static int
stat_fail(const struct stat_file *sf, readstat_error_t e, char **cause)
{
	*cause = xasprintf(_("cannot write '%s': %s"), sf->tmp,
	    readstat_error_message(e));
	return -1;
}

/* Opens the file of sheet si and declares its variables. */
static int
stat_open_sheet(struct export_out *o, size_t si, char **cause)
{
	struct stat_state		*st = o->state;
	struct stat_file		*sf = &st->v[si];
	const struct export_sheet	*s = &o->sheets[si];
	char				*label;
	size_t				 k;

	sf->path = xasprintf("%s/%s.%s", o->dir, s->name, o->fmt->name);
	/* Mode 0600 and O_EXCL: people's data, never through a planted
	 * link. */
	if ((sf->f = file_create_temp(sf->path, &sf->tmp, cause)) == NULL)
		return -1;
	sf->w = readstat_writer_init();
	readstat_set_data_writer(sf->w, stat_write);
	label = stat_cut(s->label, DTA_LABEL_MAX);
	readstat_writer_set_file_label(sf->w, label);
	free(label);
	if (!st->sav)
		readstat_writer_set_file_format_version(sf->w, 118);
	sf->names = export_short_names(s, o->fmt);
	sf->vars = xcalloc(s->ncols, sizeof *sf->vars);
	for (k = 0; k < s->ncols; k++)
		sf->vars[k] = stat_variable(o, s, sf->w, &s->cols[k],
		    sf->names[k]);
	return 0;
}

/* Begins writing a sheet's file: after the strL texts, before its first
 * row (or its end, when it has none). */
static readstat_error_t
stat_begin(struct stat_state *st, struct stat_file *sf,
    const struct export_sheet *s)
{
	readstat_error_t	e;
	size_t			k;

	sf->begun = true;
	e = st->sav ? readstat_begin_writing_sav(sf->w, sf->f,
	    (long)s->nrows) : readstat_begin_writing_dta(sf->w, sf->f,
	    (long)s->nrows);
	if (e == READSTAT_OK)
		e = readstat_validate_metadata(sf->w);
	for (k = 0; e == READSTAT_OK && k < s->ncols; k++)
		e = readstat_validate_variable(sf->w, sf->vars[k]);
	return e;
}

/* The prepare pass: each strL text of the row, in the order the rows
 * will insert them. */
static int
stat_prepare(struct export_out *o, size_t si, const char *const *values,
    char **cause)
{
	struct stat_state	*st = o->state;
	struct stat_file	*sf = &st->v[si];
	size_t			 k;

	(void)cause;
	for (k = 0; k < o->sheets[si].ncols; k++) {
		if (readstat_variable_get_type(sf->vars[k]) !=
		    READSTAT_TYPE_STRING_REF)
			continue;
		sf->refs = xreallocarray(sf->refs, sf->nrefs + 1,
		    sizeof *sf->refs);
		sf->refs[sf->nrefs++] = readstat_add_string_ref(sf->w,
		    values[k] != NULL ? values[k] : "");
	}
	return 0;
}

static int
stat_open(struct export_out *o, char **cause)
{
	struct stat_state	*st;
	size_t			 i;

	st = xcalloc(1, sizeof *st);
	st->sav = strcmp(o->fmt->name, "sav") == 0;
	st->v = xcalloc(o->nsheets, sizeof *st->v);
	st->n = o->nsheets;
	o->state = st;
	for (i = 0; i < o->nsheets; i++) {
		if (stat_open_sheet(o, i, cause) == -1)
			return -1;
	}
	return 0;
}

/* A date YYYY-MM-DD as days from the format's epoch; false when none. */
static bool
stat_date(const char *v, bool sav, double *d)
{
	long	days;

	if (!expr_parse_date(v, &days))
		return false;
	*d = (double)(days - (sav ? SAV_EPOCH : DTA_EPOCH));
	if (sav)
		*d *= 86400;
	return true;
}

/* Inserts value v of column c. */
static readstat_error_t
stat_insert(struct stat_state *st, struct stat_file *sf,
    const struct export_fcol *c, readstat_variable_t *var, const char *v)
{
	char			*end, *cut;
	double			 d;
	long			 code;
	readstat_error_t	 e;

	if (readstat_variable_get_type(var) == READSTAT_TYPE_STRING_REF) {
		if (sf->nextref >= sf->nrefs)
			return READSTAT_ERROR_STRING_REF_IS_REQUIRED;
		return readstat_insert_string_ref(sf->w, var,
		    sf->refs[sf->nextref++]);
	}
	if (v == NULL)
		return readstat_insert_missing_value(sf->w, var);
	switch (c->kind) {
	case EXK_TEXT:
		if (st->sav && strlen(v) > SAV_STR_MAX) {
			cut = stat_cut(v, SAV_STR_MAX);
			e = readstat_insert_string_value(sf->w, var, cut);
			free(cut);
			return e;
		}
		return readstat_insert_string_value(sf->w, var, v);
	case EXK_FLAG:
		return readstat_insert_int8_value(sf->w, var,
		    strcmp(v, "1") == 0);
	case EXK_CHOICE:
		if (!export_choice_code(c->field, v, &code))
			break;
		if (st->sav)
			return readstat_insert_double_value(sf->w, var,
			    (double)code);
		return readstat_insert_int32_value(sf->w, var,
		    (int32_t)code);
	case EXK_DATE:
		if (!stat_date(v, st->sav, &d))
			break;
		return readstat_insert_double_value(sf->w, var, d);
	case EXK_NUMBER:
		d = strtod(v, &end);
		if (*end != '\0' || !isfinite(d))
			break;
		return readstat_insert_double_value(sf->w, var, d);
	}
	return readstat_insert_missing_value(sf->w, var);
}

static int
stat_row(struct export_out *o, size_t si, const char *const *values,
    char **cause)
{
	struct stat_state		*st = o->state;
	struct stat_file		*sf = &st->v[si];
	const struct export_sheet	*s = &o->sheets[si];
	readstat_error_t		 e;
	size_t				 k;

	e = sf->begun ? READSTAT_OK : stat_begin(st, sf, s);
	if (e == READSTAT_OK)
		e = readstat_begin_row(sf->w);
	for (k = 0; e == READSTAT_OK && k < s->ncols; k++)
		e = stat_insert(st, sf, &s->cols[k], sf->vars[k], values[k]);
	if (e == READSTAT_OK)
		e = readstat_end_row(sf->w);
	if (e != READSTAT_OK)
		return stat_fail(sf, e, cause);
	sf->rows++;
	return 0;
}

/* Finishes (ok) or removes one file; -1 with *cause (when none yet). */
static int
stat_close_file(struct export_out *o, size_t si, bool ok, char **cause)
{
	struct stat_state	*st = o->state;
	struct stat_file	*sf = &st->v[si];
	readstat_error_t	 e = READSTAT_OK;

	if (sf->w != NULL && ok) {
		if (!sf->begun)
			e = stat_begin(st, sf, &o->sheets[si]);
		if (e == READSTAT_OK)
			e = readstat_end_writing(sf->w);
		if (e != READSTAT_OK) {
			ok = false;
			(void)stat_fail(sf, e, cause);
		}
	}
	if (sf->f != NULL && export_file_finish(o, sf->f, sf->tmp, sf->path,
	    sf->rows, ok, cause) == -1)
		ok = false;
	if (sf->w != NULL)
		readstat_writer_free(sf->w);
	export_names_free(sf->names, o->sheets[si].ncols);
	free(sf->refs);
	free(sf->vars);
	free(sf->path);
	free(sf->tmp);
	return ok ? 0 : -1;
}

static int
stat_close(struct export_out *o, bool ok, char **cause)
{
	struct stat_state	*st = o->state;
	int			 rc;

	if (st == NULL)
		return ok ? 0 : -1;
	rc = export_close_each(o, ok, cause, stat_close_file);
	free(st->v);
	free(st);
	o->state = NULL;
	return rc;
}

static const struct export_format dta = {
	"dta", N_("Stata"), 32, false, true, stat_open, stat_prepare, stat_row,
	stat_close
};
static const struct export_format sav = {
	"sav", N_("SPSS"), 64, false, true, stat_open, NULL, stat_row,
	stat_close
};
const struct export_format *const export_format_dta = &dta;
const struct export_format *const export_format_sav = &sav;

#else

const struct export_format *const export_format_dta = NULL;
const struct export_format *const export_format_sav = NULL;

#endif
