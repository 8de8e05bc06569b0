/*
 * csv-read.c: `csv-read FILE COLUMN` prints the values of one column of a
 * CSV file, one a line, with backslash, CR and LF written \\, \r and \n:
 * the CSV reader of csv.h, as tests/cli/csv.sh uses it to prove that
 * `onward csv` round-trips any text.  Exits 1 on malformed CSV.  With
 * no arguments (as `make check` runs it) it checks itself on a small
 * text and prints TAP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

int
main(int argc, char **argv)
{
	const char	*p, *end, *s;
	char		*text, *cause = NULL, **row;
	size_t		 len, n, col = (size_t)-1, i;
	int		 rc, first = 1;

	if (argc == 1) {
		static const char t[] = "a,b\r\n\"x,\"\"y\"\"\",2\r\n";
		const char	 *q = t;
		char		**r;

		rc = csv_read_row(&q, t, t + strlen(t), &r, &n, &cause);
		csv_free_row(r, n);
		rc = csv_read_row(&q, t, t + strlen(t), &r, &n, &cause);
		printf("%sok 1 - csv-read reads a quoted field\n1..1\n",
		    rc == 1 && n == 2 && strcmp(r[0], "x,\"y\"") == 0 ?
		    "" : "not ");
		rc = rc == 1 && n == 2 && strcmp(r[0], "x,\"y\"") == 0;
		csv_free_row(r, n);
		return rc ? 0 : 1;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: csv-read FILE COLUMN\n");
		return 2;
	}
	if ((text = file_read(argv[1], 256 * 1024 * 1024, &len,
	    &cause)) == NULL) {
		fprintf(stderr, "csv-read: %s\n", cause);
		return 1;
	}
	p = text;
	end = text + len;
	while ((rc = csv_read_row(&p, text, end, &row, &n, &cause)) == 1) {
		if (first) {
			for (i = 0; i < n; i++) {
				if (strcmp(row[i], argv[2]) == 0)
					col = i;
			}
			first = 0;
			if (col == (size_t)-1) {
				fprintf(stderr, "csv-read: no column '%s'\n",
				    argv[2]);
				return 1;
			}
		} else if (col < n) {
			for (s = row[col]; *s != '\0'; s++) {
				if (*s == '\\')
					fputs("\\\\", stdout);
				else if (*s == '\n')
					fputs("\\n", stdout);
				else if (*s == '\r')
					fputs("\\r", stdout);
				else
					putchar(*s);
			}
			putchar('\n');
		} else {
			fprintf(stderr, "csv-read: a row has %zu fields\n", n);
			return 1;
		}
		csv_free_row(row, n);
	}
	free(text);
	if (rc == -1) {
		fprintf(stderr, "csv-read: %s\n", cause);
		return 1;
	}
	return 0;
}
