/*
 * export-file: the tables of export.h as files of a statistics or
 * spreadsheet program: CSV (export-csv.c), Stata .dta and SPSS .sav
 * (export-stat.c, with ReadStat), Excel .xlsx (export-xlsx.c, with
 * libxlsxwriter).
 *
 * Owns: the sheets (one per table of each form, one per repeat, and the
 * cases), each column's kind, label and short name within a format's
 * limits, and the walk that hands a format every row.  A format owns its
 * files: written under temporary names and renamed only when complete.
 * Never: parses arguments or prints (cmd-csv.c does).
 *
 * Column kinds.  A column is text, a number (integer, decimal and
 * _position), a date (YYYY-MM-DD), a flag (0/1: a choice of a
 * select_multiple, _closed, _overdue) or a choice (a select_one, coded
 * for the formats that need numbers: the choice's value when every
 * value of its list is a whole number, else its place in the list from
 * 1; export_choice_code).
 */
#ifndef ONWARD_EXPORT_FILE_H
#define ONWARD_EXPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "export.h"
#include "form.h"
#include "util.h"

struct store;

enum export_kind {
	EXK_TEXT,
	EXK_NUMBER,
	EXK_DATE,
	EXK_FLAG,
	EXK_CHOICE
};

/* A column of a sheet. */
struct export_fcol {
	const char		*name;		/* as in the CSV */
	char			*label;		/* translated */
	const char		*type;		/* the field type's name, "meta"
						   or "choice" */
	enum export_kind	 kind;
	const struct field	*field;		/* of an answer, else NULL */
	const struct choice	*choice;	/* of a 0/1 choice column */
	size_t			 width;		/* longest text, in bytes (a
						   format with counts) */
};

/* One table as a sheet: a form's, a repeat's, or the cases. */
struct export_sheet {
	char			*name;		/* FORM, FORM__REPEAT, cases */
	char			*label;		/* translated title */
	const char		*form;		/* its form's id, "" for the
						   cases */
	struct export_fcol	*cols;
	size_t			 ncols;
	size_t			 nrows;		/* with counts: its rows */
	const struct export_table *table;	/* NULL for the cases */
	struct export_layout	*layout;	/* the form's tables: owned by
						   its first sheet */
};

struct export_out;

/* A file format.  open gets every sheet (with their rows counted and
 * their widths measured when counts is set); when prepare is set and
 * open said so (export_out.prepare), prepare then sees every row once
 * before row does (Stata's long texts go in before its first row); row
 * gets one row of sheet si, values[k] the text of column k or NULL when
 * empty; close finishes (ok) or removes (!ok) what open began.  Each
 * returns 0, or -1 with *cause (caller frees). */
struct export_format {
	const char	*name;		/* dta, sav, xlsx */
	const char	*what;		/* English, for _(): "Stata" */
	size_t		 name_max;	/* bytes of a column name; 0:
					   any name, and choices may be
					   their labels */
	bool		 one_file;	/* one file for every sheet */
	bool		 counts;
	int		(*open)(struct export_out *, char **cause);
	int		(*prepare)(struct export_out *, size_t si,
			    const char *const *values, char **cause);
	int		(*row)(struct export_out *, size_t si,
			    const char *const *values, char **cause);
	int		(*close)(struct export_out *, bool ok, char **cause);
};

/* What a run writes. */
struct export_out {
	const struct export_format *fmt;
	const char		*dir;		/* the folder, or */
	const char		*file;		/* the one file (xlsx) */
	bool			 labels;	/* choice labels, not values */
	int			 csv_flags;	/* CSV_BOM, CSV_SAFE (csv.h) */
	struct export_sheet	*sheets;
	size_t			 nsheets;
	void			*state;		/* the format's */
	bool			 prepare;	/* open wants a prepare pass */
	struct strvec		 written;	/* "PATH\tROWS" of each file */
	struct strvec		 warnings;	/* translated, for stderr */
	size_t			 skipped;	/* records of forms not among
						   the sheets */
};

/* The format named name, or NULL when unknown or not built in. */
const struct export_format *export_format_find(const char *name);
/* The names of the formats built in, separated by ", " (static). */
const char	*export_format_names(void);

/* The sheets of forms (and, with cases, the cases table), in order:
 * each form's table, its repeats, then the cases.  Free with
 * export_sheets_free. */
void		 export_sheets(const struct form_pack *,
		     const struct form *const *forms, size_t nforms,
		     bool cases, struct export_sheet **v, size_t *n);
void		 export_sheets_free(struct export_sheet *, size_t);

/*
 * The column names of a sheet as the format allows them (fmt "dta" or
 * "sav"): letters, digits and _ only, a letter first where the format
 * needs one, at most fmt->name_max bytes, no reserved word, unique in
 * the sheet regardless of case (a number is added).  names[k] is column
 * k's; free with export_names_free.
 */
char		**export_short_names(const struct export_sheet *,
		     const struct export_format *);
void		 export_names_free(char **, size_t);
/* The worksheet titles of n sheets: at most 31 bytes, no []:*?/\,
 * unique regardless of case ("~2" added); free with export_names_free. */
char		**export_sheet_titles(const struct export_sheet *, size_t n);

/* The code of value v of a select_one's field for formats that need
 * numbers, into *code; false when v is not one of its choices. */
bool		 export_choice_code(const struct field *, const char *v,
		     long *code);

/*
 * Writes the sheets of o (filled by export_sheets) from the store in
 * format o->fmt: counts first when the format needs them, then every
 * row.  Returns 0, or -1 with *cause (caller frees) and nothing left
 * behind.  The records of forms not among the sheets are skipped.
 */
int		 export_file_write(struct store *, struct export_out *o,
		     char **cause);

/*
 * For a format's close: finishes one file written as tmp.  When ok, it
 * is flushed to the disk and closed (f; NULL for a file its library
 * closed already), renamed to path and listed in o->written with its
 * rows; else, or when a step fails, it is removed.  Returns 0, or -1
 * (with *cause when ok was true).
 */
int		 export_file_finish(struct export_out *o, FILE *f,
		     const char *tmp, const char *path, size_t rows, bool ok,
		     char **cause);

/* For a format's close: one(o, si, ok, cause) on every sheet, ok until
 * the first failure (whose *cause is kept), so that after it the rest
 * are removed, not kept.  Returns 0 or -1. */
int		 export_close_each(struct export_out *o, bool ok, char **cause,
		     int (*one)(struct export_out *, size_t si, bool ok,
		     char **cause));

/* The formats (export-csv.c, export-stat.c, export-xlsx.c); NULL when
 * not built. */
extern const struct export_format *const export_format_csv;
extern const struct export_format *const export_format_dta;
extern const struct export_format *const export_format_sav;
extern const struct export_format *const export_format_xlsx;

#endif
