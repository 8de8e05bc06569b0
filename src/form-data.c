/*
 * form-data.c: choice lists read from the CSV files of the data folder
 * (`choices: {file: isco08.csv}`), and the helpers every choice list uses.
 *
 * A data file is UTF-8 CSV (RFC 4180): a first line naming the columns,
 * value and label first, then filter columns; one choice a line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* The reader's position in a CSV file. */
struct csv {
	const char	*path;
	const char	*s, *end;
	int		 line;
	struct diags	*d;
};

/* One record: its fields and the line it starts on. */
struct csv_row {
	char		**v;
	size_t		  n, cap;
	int		  line;
};

/* Frees the fields of a record and empties it. */
static void
csv_row_clear(struct csv_row *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free(r->v[i]);
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* Appends a field to a record. */
static void
csv_row_add(struct csv_row *r, struct buf *b)
{
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 8 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	r->v[r->n++] = buf_detach(b);
}

/*
 * Reads the next record into r.  Returns 1 with a record, 0 at the end of
 * the file, -1 on a broken record (reported).  Blank lines are skipped.
 */
static int
csv_next(struct csv *c, struct csv_row *r)
{
	struct buf	b;
	bool		quoted;

	memset(r, 0, sizeof *r);
	while (c->s < c->end && (*c->s == '\n' || *c->s == '\r')) {
		if (*c->s == '\n')
			c->line++;
		c->s++;
	}
	if (c->s >= c->end)
		return 0;
	r->line = c->line;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (;;) {
		quoted = c->s < c->end && *c->s == '"';
		if (quoted) {
			c->s++;
			for (;;) {
				if (c->s >= c->end) {
					diags_add(c->d, c->path, r->line, 1,
					    _("a quoted field is not closed"));
					buf_free(&b);
					csv_row_clear(r);
					return -1;
				}
				if (*c->s == '"' && c->s + 1 < c->end &&
				    c->s[1] == '"') {
					buf_addc(&b, '"');
					c->s += 2;
				} else if (*c->s == '"') {
					c->s++;
					break;
				} else {
					if (*c->s == '\n')
						c->line++;
					buf_addc(&b, *c->s++);
				}
			}
		}
		while (c->s < c->end && *c->s != ',' && *c->s != '\n' &&
		    *c->s != '\r') {
			if (quoted || *c->s == '"') {
				diags_add(c->d, c->path, c->line, 1,
				    _("a quote in the middle of a field (put "
				    "the field in quotes and double the quote)"));
				buf_free(&b);
				csv_row_clear(r);
				return -1;
			}
			buf_addc(&b, *c->s++);
		}
		csv_row_add(r, &b);
		buf_add(&b, "", 0);
		if (c->s < c->end && *c->s == ',') {
			c->s++;
			continue;
		}
		break;
	}
	buf_free(&b);
	if (c->s < c->end && *c->s == '\r')
		c->s++;
	if (c->s < c->end && *c->s == '\n') {
		c->s++;
		c->line++;
	}
	return 1;
}

/* True when s is a name an expression can use: [A-Za-z_][A-Za-z0-9_]*. */
static bool
csv_is_name(const char *s)
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

/* Where duplicate values of a data file are reported. */
struct csv_dups {
	struct csv	*c;
	int		*lines;
	char		**values;
};

/* Reports a value that repeats an earlier one. */
static void
csv_dup(void *arg, size_t first, size_t again)
{
	struct csv_dups	*cd = arg;

	diags_add(cd->c->d, cd->c->path, cd->lines[again], 1,
	    _("value '%s' is already used at line %d"), cd->values[again],
	    cd->lines[first]);
}

/* Reads a data file's choices (see form-int.h). */
struct choice_list *
form_data_load(const char *data_dir, const char *name, const char *path,
    int line, int col, struct diags *d)
{
	struct choice_list	*cl;
	struct csv		 c;
	struct csv_row		 hdr, row;
	struct csv_dups		 cd;
	struct stat		 sb;
	char			*file, *text;
	size_t			 len, before = d->n, i, skip = 0, cap = 0;
	int			 bl, bc, rc;

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
	if ((text = form_read_file(file, FORM_MAX_DATA_FILE, &len, d)) ==
	    NULL) {
		free(file);
		return NULL;
	}
	if (form_utf8_first_bad(text, len, &bl, &bc)) {
		diags_add(d, file, bl, bc, _("invalid UTF-8"));
		free(text);
		free(file);
		return NULL;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	c.path = file;
	c.s = text + skip;
	c.end = text + len;
	c.line = 1;
	c.d = d;

	if ((rc = csv_next(&c, &hdr)) <= 0 || hdr.n < 2 ||
	    strcmp(hdr.v[0], "value") != 0 || strcmp(hdr.v[1], "label") != 0) {
		if (rc >= 0)
			diags_add(d, file, rc > 0 ? hdr.line : 1, 1,
			    _("the first line must name the columns: "
			    "value,label and any filter columns"));
		csv_row_clear(&hdr);
		free(text);
		free(file);
		return NULL;
	}
	for (i = 2; i < hdr.n; i++) {
		if (!csv_is_name(hdr.v[i]))
			diags_add(d, file, hdr.line, 1,
			    _("filter column '%s' is not a name (letters, "
			    "digits and _)"), hdr.v[i]);
	}

	cl = xcalloc(1, sizeof *cl);
	cl->name = xstrdup(name);
	cd.lines = NULL;
	cd.values = NULL;
	while ((rc = csv_next(&c, &row)) != 0) {
		if (rc < 0)
			break;
		if (row.n != hdr.n) {
			diags_add(d, file, row.line, 1,
			    _("%zu fields where the first line names %zu"),
			    row.n, hdr.n);
			csv_row_clear(&row);
			continue;
		}
		if (*row.v[0] == '\0' || strpbrk(row.v[0], " \t\n") != NULL)
			diags_add(d, file, row.line, 1,
			    _("value '%s' is empty or contains a space"),
			    row.v[0]);
		if (cl->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			cl->v = xreallocarray(cl->v, cap, sizeof *cl->v);
			cd.lines = xreallocarray(cd.lines, cap,
			    sizeof *cd.lines);
		}
		cd.lines[cl->n] = row.line;
		memset(&cl->v[cl->n], 0, sizeof cl->v[cl->n]);
		cl->v[cl->n].value = row.v[0];
		cl->v[cl->n].label = row.v[1];
		if (hdr.n > 2) {
			cl->v[cl->n].nf = hdr.n - 2;
			cl->v[cl->n].fkeys = xreallocarray(NULL, hdr.n - 2,
			    sizeof (char *));
			cl->v[cl->n].fvals = xreallocarray(NULL, hdr.n - 2,
			    sizeof (char *));
			for (i = 2; i < hdr.n; i++) {
				cl->v[cl->n].fkeys[i - 2] = xstrdup(hdr.v[i]);
				cl->v[cl->n].fvals[i - 2] = row.v[i];
			}
		}
		free(row.v);
		cl->n++;
	}
	if (cl->n == 0 && d->n == before)
		diags_add(d, file, 1, 1, _("the file has no choices"));
	cd.c = &c;
	cd.values = xreallocarray(NULL, cl->n, sizeof *cd.values);
	for (i = 0; i < cl->n; i++)
		cd.values[i] = cl->v[i].value;
	form_find_dups((const char *const *)cd.values, cl->n, csv_dup, &cd);
	free(cd.values);
	free(cd.lines);
	csv_row_clear(&hdr);
	free(text);
	free(file);
	if (d->n != before) {
		form_choice_list_free(cl);
		return NULL;
	}
	form_choice_list_columns(cl);
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
