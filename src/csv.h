/*
 * csv: comma-separated values as RFC 4180 defines them, written for
 * analysts and spreadsheets, read back by the tests, and read from the
 * data files of choice lists (form-data.c).
 *
 * Owns: quoting (a field holding a comma, a double quote, CR or LF is
 * quoted, its double quotes doubled), CRLF line ends, the optional UTF-8
 * byte order mark, and neutralising text a spreadsheet would run as a
 * formula.  Any UTF-8 text, newlines included, survives a round trip.
 * Never: knows about forms, records or the store.
 *
 * Formula neutralisation (CSV_SAFE, used by `onward csv --labels`): a
 * field that begins with = + - @, a tab or a carriage return gets a
 * leading apostrophe, so that "=HYPERLINK(...)" typed by someone in the
 * field shows as text instead of running.  Plain numbers ("-12.5") are
 * left alone.  The apostrophe is part of the written text: a CSV reader
 * sees it.
 */
#ifndef ONWARD_CSV_H
#define ONWARD_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

#define CSV_BOM		0x1	/* start the file with EF BB BF */
#define CSV_SAFE	0x2	/* neutralise formulas */

/* Writes one CSV file.  Fields of a row are written one by one, then
 * the row is ended; the writer never owns the stream. */
struct csv_writer {
	FILE	*f;
	int	 flags;
	size_t	 nfield;	/* fields written on the current row */
	size_t	 nrows;		/* rows ended */
};

/* Starts writing to f (writing the BOM when flags has CSV_BOM). */
void	 csv_init(struct csv_writer *, FILE *f, int flags);
/* Writes a field; NULL is written as an empty field. */
void	 csv_field(struct csv_writer *, const char *s);
/* Writes a field from len bytes of s. */
void	 csv_field_len(struct csv_writer *, const char *s, size_t len);
/* Writes a field as with printf. */
void	 csv_fieldf(struct csv_writer *, const char *fmt, ...)
	     PRINTFLIKE(2, 3);
/* Ends the current row with CRLF. */
void	 csv_end_row(struct csv_writer *);

/* Test-only seam: true when a spreadsheet would take s as a formula
 * (CSV_SAFE's test). */
bool	 csv_is_formula(const char *s);

/*
 * Reads one row from the text at *p (up to end), RFC 4180: quoted fields
 * may hold commas, doubled quotes and line ends; rows end with CRLF or
 * LF; a BOM at the very start of the text is skipped.  Returns 1 with
 * the fields in *fields (an array of *n strings; free with
 * csv_free_row), 0 at the end of the text, or -1 with *cause set (caller
 * frees) on malformed text.  *p moves past the row.
 */
int	 csv_read_row(const char **p, const char *start, const char *end,
	     char ***fields, size_t *n, char **cause);
void	 csv_free_row(char **fields, size_t n);

/* Why a row could not be read. */
enum csv_fault {
	CSV_UNCLOSED = 1,	/* a quoted field does not end */
	CSV_AFTER_QUOTE,	/* text after a quoted field's closing quote */
	CSV_STRAY_QUOTE		/* a quote inside an unquoted field */
};

#define CSV_SKIP_BLANK	0x4	/* blank lines hold no row */
#define CSV_LONE_CR	0x8	/* a CR alone ends a row too (old Mac files) */

/* Reads the rows of one text in turn, counting lines, for a caller that
 * words its own messages (form-data.c).  The text is not copied. */
struct csv_reader {
	const char	*p, *end;
	int		 flags;		/* CSV_SKIP_BLANK, CSV_LONE_CR */
	size_t		 line;		/* where the row last read starts */
	size_t		 next_line;	/* the line p is on */
	enum csv_fault	 fault;		/* why the last read gave -1 */
	size_t		 fault_line;	/* and on which line */
};

/* Starts reading len bytes of text (after a BOM, if any). */
void	 csv_reader_init(struct csv_reader *, const char *text, size_t len,
	     int flags);
/* Reads the next row as csv_read_row does: 1 with the fields (free with
 * csv_free_row), 0 at the end, -1 with fault and fault_line set. */
int	 csv_reader_next(struct csv_reader *, char ***fields, size_t *n);

#endif
