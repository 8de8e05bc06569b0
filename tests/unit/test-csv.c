/*
 * test-csv.c: the CSV writer's exact bytes, formula neutralisation, and
 * round trips of hostile text through the writer and the reader.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "csv.h"
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

int
main(void)
{
	plan_lazy();
	test_bytes();
	test_round_trip(0, "plain");
	test_round_trip(CSV_BOM, "with BOM");
	test_safe_round_trip();
	test_reader();
	return done_testing();
}
