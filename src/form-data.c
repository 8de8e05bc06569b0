/*
 * form-data.c: choice lists read from the CSV files of the data folder
 * (`choices: {file: isco08.csv}`), and the helpers every choice list uses.
 *
 * A data file is UTF-8 CSV (RFC 4180): a first line naming the columns,
 * value and label first, then filter columns; one choice a line.  The
 * rows are read by csv.c's reader, which here skips blank lines and takes
 * a CR alone as a line end (old spreadsheets on the Mac write those);
 * this file words the messages for form authors, naming file and line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* True when s is a name an expression can use: [A-Za-z_][A-Za-z0-9_]*. */
static bool
data_is_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_'))
		return false;
	for (s++; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	}
	return true;
}

/* A data file being read: its rows, and where its problems go. */
struct data_file {
	const char		*file;	/* its path, as messages name it */
	struct csv_reader	 r;
	struct diags		*d;
	char			**hdr;	/* the first line's column names */
	size_t			 nhdr;
	int			*lines;	/* the line of each choice */
	const char		**values;	/* each choice's value, while
					 * duplicates are looked for */
};

/*
 * Reads the data file called name in data_dir (the form at path:line:col
 * names it), whole and checked as UTF-8.  Returns the text (caller frees)
 * with its length and its path (caller frees), or NULL (said in d).
 */
static char *
data_read(const char *data_dir, const char *name, const char *path,
    int line, int col, struct diags *d, char **filep, size_t *lenp)
{
	struct stat	 sb;
	char		*file, *text;
	int		 bl, bc;

	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, "..") == 0 || strcmp(name, ".") == 0) {
		diags_add(d, path, line, col,
		    _("a data file is named by its file name alone, not '%s'"),
		    name);
		return NULL;
	}
	if (data_dir == NULL)
		data_dir = ".";
	file = xasprintf("%s/%s", data_dir, name);
	if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		diags_add(d, path, line, col,
		    _("data file '%s' does not exist in %s"), name, data_dir);
		free(file);
		return NULL;
	}
	if ((text = form_read_file(file, FORM_MAX_DATA_FILE, lenp, d)) ==
	    NULL) {
		free(file);
		return NULL;
	}
	if (form_utf8_first_bad(text, *lenp, &bl, &bc)) {
		diags_add(d, file, bl, bc, _("invalid UTF-8"));
		free(text);
		free(file);
		return NULL;
	}
	*filep = file;
	return text;
}

/* Reads the next row as csv_reader_next does, saying why a row is
 * broken. */
static int
data_next(struct data_file *df, char ***fields, size_t *n)
{
	int	rc;

	if ((rc = csv_reader_next(&df->r, fields, n)) != -1)
		return rc;
	if (df->r.fault == CSV_UNCLOSED)
		diags_add(df->d, df->file, (int)df->r.line, 1,
		    _("a quoted field is not closed"));
	else
		diags_add(df->d, df->file, (int)df->r.fault_line, 1,
		    _("a quote in the middle of a field (put the field in "
		    "quotes and double the quote)"));
	return -1;
}

/* Reads the first line, which names the columns: value, label, then
 * filter columns.  0, or -1 when the file cannot be read on. */
static int
data_header(struct data_file *df)
{
	size_t	i;
	int	rc;

	if ((rc = data_next(df, &df->hdr, &df->nhdr)) <= 0 ||
	    df->nhdr < 2 || strcmp(df->hdr[0], "value") != 0 ||
	    strcmp(df->hdr[1], "label") != 0) {
		if (rc >= 0)
			diags_add(df->d, df->file, rc > 0 ? (int)df->r.line :
			    1, 1, _("the first line must name the columns: "
			    "value,label and any filter columns"));
		return -1;
	}
	for (i = 2; i < df->nhdr; i++) {
		if (!data_is_name(df->hdr[i]))
			diags_add(df->d, df->file, (int)df->r.line, 1,
			    _("filter column '%s' is not a name (letters, "
			    "digits and _)"), df->hdr[i]);
	}
	return 0;
}

/* Makes the row just read (n fields, taken over) the list's next choice,
 * growing the list (its room in *cap) and df->lines. */
static void
data_add_choice(struct data_file *df, struct choice_list *cl, size_t *cap,
    char **row, size_t n)
{
	struct choice	*c;
	size_t		 i;

	if (cl->n == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		cl->v = xreallocarray(cl->v, *cap, sizeof *cl->v);
		df->lines = xreallocarray(df->lines, *cap, sizeof *df->lines);
	}
	df->lines[cl->n] = (int)df->r.line;
	c = &cl->v[cl->n++];
	memset(c, 0, sizeof *c);
	c->value = row[0];
	c->label = row[1];
	if (n > 2) {
		c->nf = n - 2;
		c->fkeys = xreallocarray(NULL, n - 2, sizeof (char *));
		c->fvals = xreallocarray(NULL, n - 2, sizeof (char *));
		for (i = 2; i < n; i++) {
			c->fkeys[i - 2] = xstrdup(df->hdr[i]);
			c->fvals[i - 2] = row[i];
		}
	}
	free(row);
}

/* Reads the choices after the first line into cl, up to the end or a
 * broken row; rows that do not fit are said in df->d and left out. */
static void
data_rows(struct data_file *df, struct choice_list *cl)
{
	char	**row;
	size_t	  n, cap = 0;

	while (data_next(df, &row, &n) == 1) {
		if (n != df->nhdr) {
			diags_add(df->d, df->file, (int)df->r.line, 1,
			    _("%zu fields where the first line names %zu"),
			    n, df->nhdr);
			csv_free_row(row, n);
			continue;
		}
		if (*row[0] == '\0' || strpbrk(row[0], " \t\n") != NULL)
			diags_add(df->d, df->file, (int)df->r.line, 1,
			    _("value '%s' is empty or contains a space"),
			    row[0]);
		data_add_choice(df, cl, &cap, row, n);
	}
}

/* Reports a value that repeats an earlier one. */
static void
data_dup(void *arg, size_t first, size_t again)
{
	struct data_file	*df = arg;

	diags_add(df->d, df->file, df->lines[again], 1,
	    _("value '%s' is already used at line %d"),
	    df->values[again], df->lines[first]);
}

/* Says which values of cl repeat an earlier one. */
static void
data_check_dups(struct data_file *df, const struct choice_list *cl)
{
	size_t	i;

	df->values = xreallocarray(NULL, cl->n, sizeof *df->values);
	for (i = 0; i < cl->n; i++)
		df->values[i] = cl->v[i].value;
	form_find_dups(df->values, cl->n, data_dup, df);
	free(df->values);
	df->values = NULL;
}

/* The data files whose values are ISO codes, and the iso-codes domain
 * that translates their labels at run time (not onward's catalogs). */
static const struct {
	const char	*file;
	const char	*domain;
} iso_lists[] = {
	{ "countries.csv",	"iso_3166-1" },
	{ "languages.csv",	"iso_639-3" },
};

/* Ties cl's labels to iso-codes when its file is a list of ISO codes. */
static void
data_iso(struct choice_list *cl)
{
	size_t	i;

	for (i = 0; i < nitems(iso_lists); i++)
		if (strcmp(cl->name, iso_lists[i].file) == 0)
			cl->iso = iso_lists[i].domain;
	if (cl->iso == NULL)
		return;
	for (i = 0; i < cl->n; i++)
		i18n_iso_add(cl->iso, cl->v[i].value, cl->v[i].label);
}

/* Reads a data file's choices (see form-int.h). */
struct choice_list *
form_data_load(const char *data_dir, const char *name, const char *path,
    int line, int col, struct diags *d)
{
	struct choice_list	*cl = NULL;
	struct data_file	 df;
	char			*file, *text;
	size_t			 len, before = d->n;

	if ((text = data_read(data_dir, name, path, line, col, d, &file,
	    &len)) == NULL)
		return NULL;
	memset(&df, 0, sizeof df);
	df.file = file;
	df.d = d;
	csv_reader_init(&df.r, text, len, CSV_SKIP_BLANK | CSV_LONE_CR);
	if (data_header(&df) == 0) {
		cl = xcalloc(1, sizeof *cl);
		cl->name = xstrdup(name);
		data_rows(&df, cl);
		if (cl->n == 0 && d->n == before)
			diags_add(d, file, 1, 1, _("the file has no choices"));
		data_check_dups(&df, cl);
	}
	csv_free_row(df.hdr, df.nhdr);
	free(df.lines);
	free(text);
	free(file);
	if (cl != NULL && d->n != before) {
		form_choice_list_free(cl);
		return NULL;
	}
	if (cl != NULL) {
		form_choice_list_columns(cl);
		data_iso(cl);
	}
	return cl;
}

/* Frees a choice list and its choices. */
void
form_choice_list_free(struct choice_list *cl)
{
	size_t	i, j;

	if (cl == NULL)
		return;
	for (i = 0; i < cl->n; i++) {
		free(cl->v[i].value);
		free(cl->v[i].label);
		for (j = 0; j < cl->v[i].nf; j++) {
			free(cl->v[i].fkeys[j]);
			free(cl->v[i].fvals[j]);
		}
		free(cl->v[i].fkeys);
		free(cl->v[i].fvals);
	}
	for (i = 0; i < cl->ncolumns; i++)
		free(cl->columns[i]);
	free(cl->columns);
	free(cl->v);
	free(cl->name);
	free(cl);
}

/* Collects the filter column names of a list's choices. */
void
form_choice_list_columns(struct choice_list *cl)
{
	size_t	i, j, k;

	for (i = 0; i < cl->n; i++) {
		for (j = 0; j < cl->v[i].nf; j++) {
			for (k = 0; k < cl->ncolumns; k++) {
				if (strcmp(cl->columns[k],
				    cl->v[i].fkeys[j]) == 0)
					break;
			}
			if (k < cl->ncolumns)
				continue;
			cl->columns = xreallocarray(cl->columns,
			    cl->ncolumns + 1, sizeof *cl->columns);
			cl->columns[cl->ncolumns++] =
			    xstrdup(cl->v[i].fkeys[j]);
		}
	}
}

/* Returns the value of a choice's filter column, or NULL. */
const char *
choice_filter_column(const struct choice *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->nf; i++) {
		if (strcmp(c->fkeys[i], name) == 0)
			return c->fvals[i];
	}
	return NULL;
}
