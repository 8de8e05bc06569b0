/*
 * export: data out of the store for analysts and reports.
 *
 * Owns: the layout of a form as tidy tables (export.c: one table for the
 * form and one per repeat, their columns in form order with stable names),
 * reading every record and case of the store with its answers and meta
 * data (store-export.c), and the SQL views that show the same tables
 * inside the store file (store-export.c).
 * Never: draws, or writes a file format (cmd-csv.c writes CSV).
 *
 * Stable names.  A form's table is named after the form ("registration");
 * a repeat's table is FORM__REPEAT ("registration__members"); in the store
 * the views are form_FORM and form_FORM__REPEAT, and case_TYPE for the
 * cases of each case type.  Columns: first the meta columns, whose names
 * begin with an underscore so no field id (which begins with a letter)
 * can take them:
 *   _record _case _author _device _created _updated    on every row
 *   _instance _parent _position                         on repeat rows
 * _instance is the instance's path inside the record ("members[a1b2c31]",
 * "visits[a1b2c31].items[a1b2c32]"), _parent the enclosing instance's
 * path ("" for a repeat at the top), _position its 1-based place among
 * its siblings.  Then the columns of each field with a value (not groups,
 * repeats or notes), as its type's row says (form-type.c, export): one,
 * named by the field id; or, for a select_multiple, one column of values
 * separated by spaces followed by one column per choice named
 * FIELD__VALUE, holding 1 when chosen, 0 when not, empty when the question
 * was not answered; for a case field (a link), the case id followed by
 * FIELD__name, the name of that case (its type's name property).
 */
#ifndef ONWARD_EXPORT_H
#define ONWARD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "record.h"

struct store;

/* A column of a table that holds a field's answer. */
struct export_column {
	char			*name;
	const struct field	*field;
	const struct choice	*choice;	/* the 0/1 column of a choice
						   of a select_multiple, or
						   NULL for the answer */
	bool			 case_name;	/* FIELD__name of a case
						   field: its case's name */
};

/* One table of a form: the form itself, or one repeat. */
struct export_table {
	char			*name;		/* FORM or FORM__REPEAT */
	const struct form	*form;
	const struct field	*repeat;	/* NULL for the form's table */
	size_t			 parent;	/* index of the enclosing table */
	struct export_column	*cols;
	size_t			 ncols;
};

struct export_layout {
	struct export_table	*v;		/* the form's table first */
	size_t			 n;
};

/* The tables of a form, in form order. */
void		 export_layout(const struct form *, struct export_layout *);
void		 export_layout_free(struct export_layout *);

/* The names of the meta columns, for the form's table and for repeats,
 * and what each means (English, for _()). */
extern const char *const export_meta_columns[];
extern const char *const export_meta_labels[];
extern const size_t export_nmeta;
extern const char *const export_repeat_columns[];
extern const char *const export_repeat_labels[];
extern const size_t export_nrepeat;

/*
 * The cases table (cases.csv): its meta columns and what each means,
 * then every property of every case type in pack order, each once
 * (export_case_props: the arrays are the caller's to free, the structs
 * the pack's; types, when not NULL, gets the id of the case type each
 * property was found in first).  export_prop_field is the field that saves to property prop of
 * case type ct and has choices, for labels; NULL when none.
 */
extern const char *const export_case_columns[];
extern const char *const export_case_labels[];
extern const size_t export_ncase;
size_t		 export_case_props(const struct form_pack *,
		     const struct case_property ***props,
		     const char ***types);
const struct field *export_prop_field(const struct form_pack *,
		     const char *ct, const char *prop);

/*
 * The text of a column for the answers of one record, inside the repeat
 * instance `prefix` ("" for the form's table, else the instance path and
 * a dot: "members[a1b2c31].").  With labels, choices are written as
 * their labels (translated; a select_multiple's labels separated by
 * "; "), and the 0/1 columns are unchanged.  A case's name column gives
 * the case id, which the caller names (store_case_name).  Returns NULL
 * for an empty answer; else a string valid until the next call.
 */
const char	*export_value(const struct export_column *,
		     const struct answers *, const char *prefix, bool labels,
		     struct buf *scratch);

/* A record as export sees it; everything is borrowed for the call. */
struct export_record {
	const char		*id;
	const char		*form;
	int			 form_version;
	const char		*case_id;	/* NULL when none */
	const char		*author;
	const char		*device;	/* that created the record */
	char			 created[32];	/* ISO 8601 UTC */
	char			 updated[32];
	const struct answers	*answers;	/* display winners */
};

/* The name of case id, for a link's name column (as store.h declares
 * it: implemented by the store, NULL when it is not there; caller
 * frees). */
char		*store_case_name(struct store *, const char *id);

/*
 * Calls fn for every record that is not deleted, of form form_id (every
 * form when NULL), in record id order, with its current answers (the
 * display winner of each field).  fn returns 0 to go on, else the walk
 * stops and that value is returned.  -1 with *cause on a store error.
 */
int		 store_export_records(struct store *, const char *form_id,
		     int (*fn)(void *, const struct export_record *),
		     void *arg, char **cause);

/* Calls fn for every live record of form_id that belongs to a case,
 * grouped by case and, within a case, oldest first (then by id): the
 * order in which follow-up visits count.  As store_export_records. */
int		 store_export_case_order(struct store *, const char *form_id,
		     int (*fn)(void *, const char *record_id,
		     const char *case_id), void *arg, char **cause);

/* A case as export sees it; everything is borrowed for the call. */
struct export_case {
	const char		*id;
	const char		*type;
	const char		*author;	/* who opened it */
	const char		*owner;		/* whose caseload it is */
	const char		*device;
	char			 created[32];	/* ISO 8601 UTC */
	char			 updated[32];
	bool			 closed;
	char			 next_due[16];	/* YYYY-MM-DD or "" */
	bool			 overdue;	/* next_due plus the grace
						   days is past (today) */
	const struct answers	*props;		/* properties, by id */
};

/* Calls fn for every case (with a type), in case id order; as
 * store_export_records. */
int		 store_export_cases(struct store *,
		     int (*fn)(void *, const struct export_case *),
		     void *arg, char **cause);

/*
 * Replaces the views (every view named form_* or case_*) with one view per
 * table of every form of the pack and one per case type, in one
 * transaction.  *nviews (if not NULL) gets the number created.
 */
int		 store_export_views(struct store *, const struct form_pack *,
		     size_t *nviews, char **cause);

#endif
