/*
 * export-csv.c: the tables as CSV files (export-file.h), one per sheet,
 * RFC 4180 in UTF-8 with CRLF (csv.h); with export_out.csv_flags a byte
 * order mark first, and formulas neutralised when choices are labels.
 * Each file is written under a temporary name, flushed and renamed only
 * when complete, so a reader never sees half a file.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "export-file.h"
#include "i18n.h"
#include "util.h"

/* One file being written. */
struct csvx_file {
	char			*path, *tmp;
	FILE			*f;
	struct csv_writer	 w;
};

static int
csvx_open(struct export_out *o, char **cause)
{
	struct csvx_file	*v;
	size_t			 i, k;

	v = xcalloc(o->nsheets, sizeof *v);
	o->state = v;
	for (i = 0; i < o->nsheets; i++) {
		v[i].path = xasprintf("%s/%s.csv", o->dir, o->sheets[i].name);
		/* Mode 0600 and O_EXCL: people's data, never through a
		 * planted link. */
		if ((v[i].f = file_create_temp(v[i].path, &v[i].tmp,
		    cause)) == NULL)
			return -1;
		csv_init(&v[i].w, v[i].f, o->csv_flags);
		for (k = 0; k < o->sheets[i].ncols; k++)
			csv_field(&v[i].w, o->sheets[i].cols[k].name);
		csv_end_row(&v[i].w);
	}
	return 0;
}

static int
csvx_row(struct export_out *o, size_t si, const char *const *values,
    char **cause)
{
	struct csvx_file	*cf = &((struct csvx_file *)o->state)[si];
	size_t			 k;

	(void)cause;
	for (k = 0; k < o->sheets[si].ncols; k++)
		csv_field(&cf->w, values[k]);
	csv_end_row(&cf->w);
	return 0;
}

/* Finishes (ok) or removes one file; -1 with *cause when it fails. */
static int
csvx_close_file(struct export_out *o, size_t si, bool ok, char **cause)
{
	struct csvx_file	*cf = &((struct csvx_file *)o->state)[si];

	if (cf->f != NULL && export_file_finish(o, cf->f, cf->tmp, cf->path,
	    cf->w.nrows > 0 ? cf->w.nrows - 1 : 0, ok, cause) == -1)
		ok = false;
	free(cf->path);
	free(cf->tmp);
	return ok ? 0 : -1;
}

static int
csvx_close(struct export_out *o, bool ok, char **cause)
{
	int	rc;

	if (o->state == NULL)
		return ok ? 0 : -1;
	rc = export_close_each(o, ok, cause, csvx_close_file);
	free(o->state);
	o->state = NULL;
	return rc;
}

static const struct export_format csvx = {
	"csv", N_("CSV"), 0, false, false, csvx_open, NULL, csvx_row,
	csvx_close
};
const struct export_format *const export_format_csv = &csvx;
