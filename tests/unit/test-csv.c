/*
 * test-csv.c: the CSV writer's exact bytes, formula neutralisation, and
 * round trips of hostile text through the writer and the reader; the
 * reader as the data files of choice lists use it (csv_reader, and
 * form_data_load on files written here).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "csv.h"
#include "form.h"
#include "form-int.h"
#include "util.h"

static const char *const hostile[] = {
	"plain",
	"",
	"a,b,c",
	"say \"hello\"",
	"\"",
	"\"\"",
	"line one\nline two",
	"crlf\r\ninside",
	"lone\rcarriage return",
	"=SUM(A1:A9)",
	"=HYPERLINK(\"http://x\",\"click\")",
	"+1+2",
	"-2+3",
	"@cmd",
	"\tleading tab",
	"-12.5",
	"محمد عبد الله, القاهرة",
	"李小龙 \"龙\"",
	"emoji 😀👍🏽 family 👨‍👩‍👧",
	"Zoë Ångström ñ",
	" leading and trailing spaces ",
	",",
	"\n",
	"trailing comma,",
};

/* Writes rows with flags and returns the bytes (caller frees). */
static char *
write_rows(const char *const *rows, size_t nrows, size_t ncols, int flags,
    size_t *len)
{
	struct csv_writer	 w;
	FILE			*f;
	char			*s = NULL;
	size_t			 i, j;

	f = open_memstream(&s, len);
	csv_init(&w, f, flags);
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < ncols; j++)
			csv_field(&w, rows[i * ncols + j]);
		csv_end_row(&w);
	}
	fclose(f);
	return s;
}

/* One row of fields, as written with flags. */
static char *
one_row(int flags, const char *a, const char *b)
{
	const char	*v[2] = { a, b };
	size_t		 len;

	return write_rows(v, 1, 2, flags, &len);
}

static void
test_bytes(void)
{
	char	*s;

	s = one_row(0, "a", "b");
	is_str(s, "a,b\r\n", "plain fields, CRLF");
	free(s);
	s = one_row(0, "a,b", "say \"hi\"");
	is_str(s, "\"a,b\",\"say \"\"hi\"\"\"\r\n",
	    "commas and quotes are quoted, quotes doubled");
	free(s);
	s = one_row(0, "x\ny", NULL);
	is_str(s, "\"x\ny\",\r\n", "a newline is quoted; NULL is empty");
	free(s);
	s = one_row(CSV_BOM, "é", "");
	is_str(s, "\xef\xbb\xbf\xc3\xa9,\r\n", "the BOM starts the file");
	free(s);
	s = one_row(0, "=1+1", "@x");
	is_str(s, "=1+1,@x\r\n", "without CSV_SAFE formulas are as typed");
	free(s);
	s = one_row(CSV_SAFE, "=1+1", "@x");
	is_str(s, "'=1+1,'@x\r\n", "CSV_SAFE neutralises = and @");
	free(s);
	s = one_row(CSV_SAFE, "-5", "+3.25");
	is_str(s, "-5,+3.25\r\n", "CSV_SAFE leaves plain numbers alone");
	free(s);
	s = one_row(CSV_SAFE, "-2+3", "\tx");
	is_str(s, "'-2+3,'\tx\r\n", "CSV_SAFE neutralises - and tab");
	free(s);
	s = one_row(CSV_SAFE, "=A1,\"b\"", "ok");
	is_str(s, "\"'=A1,\"\"b\"\"\",ok\r\n",
	    "the apostrophe goes inside the quotes");
	free(s);
	ok(csv_is_formula("=x") && csv_is_formula("\rx") &&
	    !csv_is_formula("x=") && !csv_is_formula("") &&
	    !csv_is_formula(NULL) && !csv_is_formula("-0.5") &&
	    csv_is_formula("-") && csv_is_formula("+"),
	    "csv_is_formula");
}

static void
test_round_trip(int flags, const char *what)
{
	const char	*p, *end;
	char		*s, **fields, *cause = NULL;
	size_t		 len, n, nrows = 0, i, bad = 0, ncols = 3;
	size_t		 total = nitems(hostile) * nitems(hostile);
	const char	**rows;
	int		 rc;

	/* Every pair of hostile strings, with a sentinel third column. */
	rows = xreallocarray(NULL, total * ncols, sizeof *rows);
	for (i = 0; i < total; i++) {
		rows[i * ncols] = hostile[i / nitems(hostile)];
		rows[i * ncols + 1] = hostile[i % nitems(hostile)];
		rows[i * ncols + 2] = "end";
	}
	s = write_rows(rows, total, ncols, flags, &len);
	p = s;
	end = s + len;
	while ((rc = csv_read_row(&p, s, end, &fields, &n, &cause)) == 1) {
		if (nrows < total && n == ncols) {
			for (i = 0; i < ncols; i++) {
				if (strcmp(fields[i], rows[nrows * ncols + i])
				    != 0 && !(flags & CSV_SAFE))
					bad++;
			}
		} else
			bad++;
		nrows++;
		csv_free_row(fields, n);
	}
	ok(rc == 0, "%s: the reader reads to the end", what);
	if (rc == -1) {
		diag("%s", cause);
		free(cause);
	}
	is_int(nrows, total, "%s: every row comes back", what);
	is_int(bad, 0, "%s: every field comes back as written", what);
	free(rows);
	free(s);
}

static void
test_safe_round_trip(void)
{
	const char	*p, *end;
	char		*s, **fields, *cause = NULL, *want;
	size_t		 len, n, i, bad = 0;

	s = write_rows(hostile, nitems(hostile), 1, CSV_SAFE | CSV_BOM, &len);
	p = s;
	end = s + len;
	for (i = 0; csv_read_row(&p, s, end, &fields, &n, &cause) == 1; i++) {
		want = csv_is_formula(hostile[i]) ?
		    xasprintf("'%s", hostile[i]) : xstrdup(hostile[i]);
		if (n != 1 || strcmp(fields[0], want) != 0) {
			bad++;
			diag("row %zu: got '%s', want '%s'", i, fields[0],
			    want);
		}
		free(want);
		csv_free_row(fields, n);
	}
	is_int(i, nitems(hostile), "safe: every row comes back");
	is_int(bad, 0, "safe: formulas come back with an apostrophe, "
	    "everything else as written");
	free(s);
}

static void
test_reader(void)
{
	const char	*text, *p;
	char		**f, *cause = NULL;
	size_t		  n;
	int		  rc;

	text = "a,\"b\nc\",\"\"\nlast,row";
	p = text;
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	ok(rc == 1 && n == 3 && strcmp(f[1], "b\nc") == 0 &&
	    strcmp(f[2], "") == 0, "LF line ends and an empty quoted field");
	csv_free_row(f, n);
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	ok(rc == 1 && n == 2 && strcmp(f[1], "row") == 0,
	    "a last row without a line end");
	csv_free_row(f, n);
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	is_int(rc, 0, "then the end");

	text = "a,\"open\r\nnever closed";
	p = text;
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	is_int(rc, -1, "an unterminated quote is an error");
	is_str(cause, "line 1: a quoted field does not end",
	    "naming the line");
	free(cause);
	cause = NULL;
	text = "x\r\n\"a\"b\r\n";
	p = text;
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	csv_free_row(f, n);
	rc = csv_read_row(&p, text, text + strlen(text), &f, &n, &cause);
	is_int(rc, -1, "text after a closing quote is an error");
	is_str(cause, "line 2: text after a quoted field", "on line 2");
	free(cause);
}

/* csv_reader: line numbers across quoted line ends, blank lines, a CR
 * alone, and the fault of a broken row with its line. */
static void
test_reader_lines(void)
{
	struct csv_reader	 r;
	const char		*text;
	char			**f;
	size_t			  n;

	text = "\xef\xbb\xbfh1,h2\r\n\r\n\n\"two\nlines\",x\n\nlast,\"q\"\"\"\r\n"
	    "\"z\"\rw";
	csv_reader_init(&r, text, strlen(text), CSV_SKIP_BLANK);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[0], "h1") == 0, "the BOM is skipped");
	is_int((int)r.line, 1, "the first row is on line 1");
	csv_free_row(f, n);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[0], "two\nlines") == 0, "blank lines are skipped");
	is_int((int)r.line, 4, "the row after them starts on line 4");
	csv_free_row(f, n);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[1], "q\"") == 0, "a doubled quote");
	is_int((int)r.line, 7, "counting the line end inside quotes");
	csv_free_row(f, n);
	is_int(csv_reader_next(&r, &f, &n), -1,
	    "a CR alone is not a line end by default");
	is_int(r.fault, CSV_AFTER_QUOTE, "but text after a quoted field");

	text = "a,b\rc,\"d\"\re,f";
	csv_reader_init(&r, text, strlen(text), CSV_LONE_CR);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[1], "b") == 0, "with CSV_LONE_CR a CR alone ends a row");
	csv_free_row(f, n);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[1], "d") == 0, "after a quoted field too");
	csv_free_row(f, n);
	ok(csv_reader_next(&r, &f, &n) == 1 && n == 2 &&
	    strcmp(f[0], "e") == 0, "and the last row has none");
	csv_free_row(f, n);
	is_int(csv_reader_next(&r, &f, &n), 0, "then the end");

	text = "a,b\n\"x\ny\",\"open\n\nstill";
	csv_reader_init(&r, text, strlen(text), 0);
	csv_reader_next(&r, &f, &n);
	csv_free_row(f, n);
	is_int(csv_reader_next(&r, &f, &n), -1, "an unclosed quote");
	ok(f == NULL && n == 0, "leaves no fields");
	ok(r.fault == CSV_UNCLOSED && r.line == 2 && r.fault_line == 3,
	    "the row starts on line 2, the quote opens on line 3");
	text = "a\nb\"c\n";
	csv_reader_init(&r, text, strlen(text), 0);
	csv_reader_next(&r, &f, &n);
	csv_free_row(f, n);
	ok(csv_reader_next(&r, &f, &n) == -1 && r.fault == CSV_STRAY_QUOTE &&
	    r.fault_line == 2, "a quote inside an unquoted field, line 2");
}

/* Writes text as name in dir and loads it as a data file; d gets the
 * problems. */
static struct choice_list *
load_data(const char *dir, const char *name, const char *text,
    struct diags *d)
{
	char	*path;
	FILE	*f;

	path = xasprintf("%s/%s", dir, name);
	if ((f = fopen(path, "wb")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
	return form_data_load(dir, name, "x.yaml", 3, 5, d);
}

/* True when d holds exactly the one message want. */
static bool
only_diag(const struct diags *d, const char *want)
{
	return d->n == 1 && strcmp(d->v[0], want) == 0;
}

/* form_data_load reads its files through csv_reader: quotes, line ends,
 * blank lines, and messages naming the file and line. */
static void
test_data_files(void)
{
	struct choice_list	*cl;
	struct diags		 d = { 0 };
	char			 dir[] = "/tmp/test-csv.XXXXXX", *want, *cmd;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	cl = load_data(dir, "a.csv", "\xef\xbb\xbfvalue,label,major\r\n"
	    "7212,\"Welders, gas \"\"and\"\" cutters\",7\r\n\r\n"
	    "7213,\"Two\nlines\",7\r\n", &d);
	ok(cl != NULL && d.n == 0, "a data file with CRLF, a BOM and quotes");
	if (cl != NULL) {
		is_int((int)cl->n, 2, "two choices, the blank line skipped");
		is_str(cl->v[0].label, "Welders, gas \"and\" cutters",
		    "a quoted field with a comma and doubled quotes");
		is_str(cl->v[1].label, "Two\nlines", "a line end in quotes");
		is_str(choice_filter_column(&cl->v[1], "major"), "7",
		    "the filter column");
		form_choice_list_free(cl);
	}
	cl = load_data(dir, "mac.csv", "value,label\r1,One\r2,\"Two\"\r", &d);
	ok(cl != NULL && cl->n == 2 && strcmp(cl->v[1].label, "Two") == 0,
	    "a CR alone ends a line, as old Mac spreadsheets write");
	form_choice_list_free(cl);

	cl = load_data(dir, "b.csv", "value,label\n1,\"a\nb\"\n2,x\"y\n", &d);
	want = xasprintf("%s/b.csv:4:1: a quote in the middle of a field (put "
	    "the field in quotes and double the quote)", dir);
	ok(cl == NULL && only_diag(&d, want),
	    "a stray quote names the file and its line");
	free(want);
	diags_free(&d);
	memset(&d, 0, sizeof d);
	cl = load_data(dir, "c.csv", "value,label\n1,One\n\n2,\"Two\n", &d);
	want = xasprintf("%s/c.csv:4:1: a quoted field is not closed", dir);
	ok(cl == NULL && only_diag(&d, want),
	    "an unclosed quote names the line its row starts on");
	free(want);
	diags_free(&d);
	memset(&d, 0, sizeof d);
	cl = load_data(dir, "d.csv", "\n\nlabel,value\n", &d);
	want = xasprintf("%s/d.csv:3:1: the first line must name the "
	    "columns: value,label and any filter columns", dir);
	ok(cl == NULL && only_diag(&d, want), "a wrong first line, line 3");
	free(want);
	diags_free(&d);
	cmd = xasprintf("rm -r %s", dir);
	ok(system(cmd) == 0, "cleaned up");
	free(cmd);
}

int
main(void)
{
	plan_lazy();
	test_bytes();
	test_round_trip(0, "plain");
	test_round_trip(CSV_BOM, "with BOM");
	test_safe_round_trip();
	test_reader();
	test_reader_lines();
	test_data_files();
	return done_testing();
}
