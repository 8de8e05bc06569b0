/*
 * export-xlsx.c: one Excel workbook with libxlsxwriter (export-file.h):
 * a worksheet per sheet, its first row the column names and its second
 * their labels, both frozen; numbers and flags as numbers, dates as
 * dates, everything else as text cells, so a text beginning with = is
 * never a formula and LibreOffice guesses no encoding.  Written row by
 * row (constant memory) under a temporary name, renamed when complete.
 * Built only with libxlsxwriter (configure).
 */
#include "config.h"

#include <stddef.h>

#include "export-file.h"

#ifdef HAVE_XLSXWRITER

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "expr.h"
#include "i18n.h"
#include "util.h"

#define XLSX_STR_MAX	32767		/* bytes of text in a cell */

struct xlsx_state {
	lxw_workbook	 *wb;
	lxw_worksheet	**ws;
	lxw_format	 *head, *label, *date;
	size_t		 *row;
	char		 *path, *tmp;
};

/* A failure of libxlsxwriter as a message naming the file. */
static int
xlsx_fail(const struct xlsx_state *x, lxw_error e, char **cause)
{
	*cause = xasprintf(_("cannot write '%s': %s"), x->tmp,
	    lxw_strerror(e));
	return -1;
}

/* Writes text, cut to what a cell holds on a character boundary. */
static lxw_error
xlsx_text(lxw_worksheet *ws, size_t row, size_t col, const char *v,
    lxw_format *fmt)
{
	char		*cut;
	size_t		 n = strlen(v);
	lxw_error	 e;

	if (n <= XLSX_STR_MAX)
		return worksheet_write_string(ws, (lxw_row_t)row,
		    (lxw_col_t)col, v, fmt);
	n = XLSX_STR_MAX;
	while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
		n--;
	cut = xstrndup(v, n);
	e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, cut,
	    fmt);
	free(cut);
	return e;
}

/* Adds the worksheet of sheet si named title, with its two head rows. */
static int
xlsx_sheet(struct export_out *o, size_t si, const char *title, char **cause)
{
	struct xlsx_state		*x = o->state;
	const struct export_sheet	*s = &o->sheets[si];
	lxw_worksheet			*ws;
	lxw_error			 e = LXW_NO_ERROR;
	size_t				 k;

	if (s->ncols > LXW_COL_MAX) {
		*cause = xasprintf(_("'%s' has %zu columns, more than a "
		    "worksheet holds"), s->name, s->ncols);
		return -1;
	}
	if ((ws = workbook_add_worksheet(x->wb, title)) == NULL) {
		*cause = xasprintf(_("cannot add the worksheet '%s'"), title);
		return -1;
	}
	x->ws[si] = ws;
	/* Row by row: a finished row is on its way to the file. */
	for (k = 0; e == LXW_NO_ERROR && k < s->ncols; k++)
		e = xlsx_text(ws, 0, k, s->cols[k].name, x->head);
	for (k = 0; e == LXW_NO_ERROR && k < s->ncols; k++)
		e = xlsx_text(ws, 1, k, s->cols[k].label, x->label);
	if (e != LXW_NO_ERROR)
		return xlsx_fail(x, e, cause);
	worksheet_freeze_panes(ws, 2, 0);
	x->row[si] = 2;
	return 0;
}

static int
xlsx_open(struct export_out *o, char **cause)
{
	lxw_workbook_options	 opt;
	struct xlsx_state	*x;
	char			**titles;
	FILE			 *f;
	size_t			  i;
	int			  rc = 0;

	x = xcalloc(1, sizeof *x);
	o->state = x;
	x->path = o->file != NULL ? xstrdup(o->file) :
	    xasprintf("%s/onward.xlsx", o->dir);
	/*
	 * libxlsxwriter opens its file by name: the name is made first by
	 * file_create_temp (mode 0600, O_EXCL, never a planted link), and
	 * the workbook then writes over that file of ours.
	 */
	if ((f = file_create_temp(x->path, &x->tmp, cause)) == NULL)
		return -1;
	(void)fclose(f);
	memset(&opt, 0, sizeof opt);
	opt.constant_memory = LXW_TRUE;
	if ((x->wb = workbook_new_opt(x->tmp, &opt)) == NULL) {
		*cause = xasprintf(_("cannot write '%s': %s"), x->tmp,
		    strerror(errno));
		return -1;
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	x->label = workbook_add_format(x->wb);
	format_set_italic(x->label);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->ws = xcalloc(o->nsheets, sizeof *x->ws);
	x->row = xcalloc(o->nsheets, sizeof *x->row);
	titles = export_sheet_titles(o->sheets, o->nsheets);
	for (i = 0; rc == 0 && i < o->nsheets; i++)
		rc = xlsx_sheet(o, i, titles[i], cause);
	export_names_free(titles, o->nsheets);
	return rc;
}

/* Writes value v of column c in cell (row, col). */
static lxw_error
xlsx_cell(struct xlsx_state *x, lxw_worksheet *ws, size_t row, size_t col,
    const struct export_fcol *c, const char *v)
{
	lxw_datetime	 dt;
	char		*end;
	double		 d;
	long		 days;

	switch (c->kind) {
	case EXK_NUMBER:
	case EXK_FLAG:
		d = strtod(v, &end);
		if (*end != '\0' || !isfinite(d))
			break;
		return worksheet_write_number(ws, (lxw_row_t)row,
		    (lxw_col_t)col, d, NULL);
	case EXK_DATE:
		if (!expr_parse_date(v, &days))
			break;
		memset(&dt, 0, sizeof dt);
		if (sscanf(v, "%d-%d-%d", &dt.year, &dt.month,
		    &dt.day) != 3)
			break;
		return worksheet_write_datetime(ws, (lxw_row_t)row,
		    (lxw_col_t)col, &dt, x->date);
	case EXK_TEXT:
	case EXK_CHOICE:
		break;
	}
	return xlsx_text(ws, row, col, v, NULL);
}

static int
xlsx_row(struct export_out *o, size_t si, const char *const *values,
    char **cause)
{
	struct xlsx_state		*x = o->state;
	const struct export_sheet	*s = &o->sheets[si];
	lxw_error			 e = LXW_NO_ERROR;
	size_t				 k;

	if (x->row[si] > LXW_ROW_MAX) {
		*cause = xasprintf(_("'%s' has more rows than a worksheet "
		    "holds; write it with --format csv"), s->name);
		return -1;
	}
	for (k = 0; e == LXW_NO_ERROR && k < s->ncols; k++) {
		if (values[k] != NULL)
			e = xlsx_cell(x, x->ws[si], x->row[si], k, &s->cols[k],
			    values[k]);
	}
	if (e != LXW_NO_ERROR)
		return xlsx_fail(x, e, cause);
	x->row[si]++;
	return 0;
}

static int
xlsx_close(struct export_out *o, bool ok, char **cause)
{
	struct xlsx_state	*x = o->state;
	lxw_error		 e;
	size_t			 i, rows = 0;

	if (x == NULL)
		return ok ? 0 : -1;
	if (x->wb != NULL) {
		e = workbook_close(x->wb);
		if (e != LXW_NO_ERROR && ok)
			ok = xlsx_fail(x, e, cause) == 0;
	}
	for (i = 0; x->row != NULL && i < o->nsheets; i++)
		rows += x->row[i] - 2;
	if (export_file_finish(o, NULL, x->tmp, x->path, rows, ok,
	    cause) == -1)
		ok = false;
	free(x->ws);
	free(x->row);
	free(x->path);
	free(x->tmp);
	free(x);
	o->state = NULL;
	return ok ? 0 : -1;
}

static const struct export_format xlsx = {
	"xlsx", N_("Excel"), 0, true, false, xlsx_open, NULL, xlsx_row,
	xlsx_close
};
const struct export_format *const export_format_xlsx = &xlsx;

#else

const struct export_format *const export_format_xlsx = NULL;

#endif
