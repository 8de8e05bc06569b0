/*
 * form: the form language.  Loads YAML form definitions and the case types
 * of forms/cases.yaml into a read-only model, and checks them.
 *
 * Owns: struct form_pack and everything hanging off it; the loader and the
 * checker (one path: a form that fails its checks is never returned).
 * Never: draws, speaks SQL or stores answers.
 *
 * A form_pack is immutable after form_pack_load; every module (store, tui,
 * bundle, csv, report) reads it.  Strings in the model are the source text
 * (English); translate them for display with form_text() (i18n).
 */
#ifndef ONWARD_FORM_H
#define ONWARD_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "expr.h"
#include "util.h"

#define FORM_MAX_FILE	(1024 * 1024)	/* bytes in one YAML file */
#define FORM_MAX_DEPTH	32		/* YAML nesting depth */
#define FORM_MAX_REPEAT_DEPTH 3		/* repeats within repeats */
#define FORM_MAX_DATA_FILE (8 * 1024 * 1024)	/* bytes in one data CSV */
#define FORM_FILTER_PREFIX "__"	/* choice_filter deps that are columns */
#define FORM_CASE_PREFIX "case."	/* ${case.PROP}: a property of the case */

enum field_type {
	FT_TEXT,
	FT_INTEGER,
	FT_DECIMAL,
	FT_DATE,
	FT_SELECT_ONE,
	FT_SELECT_MULTIPLE,
	FT_NOTE,
	FT_CALCULATE,
	FT_GROUP,		/* container: children shown under a heading */
	FT_REPEAT,		/* container: children repeated per instance */
	FT_CASE,		/* a link: the id of a case of case_type */
	FT_NTYPES		/* not a type: how many there are */
};

/*
 * What a field type is, for every module that asks (form-type.c holds one
 * row per type, and its opening comment says what a new type needs).  No
 * module tests a type by its enum: it asks form_type() or the field_is_*
 * predicates below.
 */
enum form_type_flag {
	FTF_VALUE	= 1 << 0,	/* holds an answer */
	FTF_SELECT	= 1 << 1,	/* answered from its choice list */
	FTF_MULTIPLE	= 1 << 2,	/* several values, space separated */
	FTF_TEXT_ENTRY	= 1 << 3,	/* typed in a text field */
	FTF_NUMERIC	= 1 << 4,	/* a number, for sums and means */
	FTF_DATE	= 1 << 5,	/* a day, which can date a record */
	FTF_CALCULATED	= 1 << 6,	/* never asked: its calculation */
	FTF_CONTAINER	= 1 << 7,	/* holds fields, no answer of its own */
	FTF_INSTANCES	= 1 << 8,	/* a container whose fields repeat */
	FTF_LINK	= 1 << 9	/* the id of a case (case_type) */
};

/* How a field's answer becomes columns of the export tables (export.h). */
enum form_type_export {
	FTX_NONE,		/* no column */
	FTX_COLUMN,		/* one column: the answer */
	FTX_CHOICES,		/* the answer, then a 0/1 column per choice */
	FTX_CASE		/* the case id, then FIELD__name: its name */
};

struct field;

struct form_type {
	enum field_type		 type;
	const char		*name;		/* as written in YAML */
	unsigned		 flags;		/* FTF_* */
	unsigned		 keys;		/* field keys it accepts and */
	unsigned		 needs;		/* must have: bits 1 << K_*
						   (form-int.h) */
	/* Checks an answer already known to be valid UTF-8 of at most
	 * FIELD_MAX_VALUE bytes: NULL when fine, else a translated message
	 * (caller frees).  NULL: any text will do. */
	char			*(*check)(const struct field *,
				    const char *value);
	int			 width;		/* columns of its text field;
						   0: as wide as the screen's */
	const char		*hint;		/* beside the text field, in
						   English (_()), or NULL */
	enum form_type_export	 export;
	const char		*sql_type;	/* of its column in the views */
};

struct choice {
	char	 *value;
	char	 *label;
	/* Extra columns of a data file, for choice_filter: names and values. */
	char	**fkeys;
	char	**fvals;
	size_t	  nf;
};

struct choice_list {
	char		*name;		/* list name, or the data file name */
	struct choice	*v;
	size_t		 n;
	/* The iso-codes domain that translates the labels of a list of ISO
	 * codes (countries.csv, languages.csv), else NULL: the pack's own. */
	const char	*iso;
	/* Every filter column a choice of the list has (the data file's
	 * columns after value,label; the extra keys of inline choices). */
	char		**columns;
	size_t		 ncolumns;
};

struct field {
	char			*id;
	enum field_type		 type;
	char			*label;
	char			*hint;		/* NULL when none */
	bool			 required;
	char			*required_message;	/* NULL: default text */
	struct expr		*relevant;	/* NULL: always relevant */
	struct expr		*constraint;	/* NULL: none; '.' is the answer */
	char			*constraint_message;	/* NULL: default text */
	struct expr		*dflt;		/* default, evaluated on entry */
	struct expr		*calculation;	/* FT_CALCULATE (or any read_only) */
	/* Evaluated per choice.  A filter column written bare in the source
	 * (`major = ${occupation_major}`) is a dependency named
	 * FORM_FILTER_PREFIX "major"; when evaluating for choice c, lookup
	 * answers a name n with form_filter_column(n) != NULL by
	 * choice_filter_column(c, form_filter_column(n)), and other names
	 * with the answers, as usual. */
	struct expr		*choice_filter;
	struct expr		*count;		/* FT_REPEAT: instances, or NULL */
	int			 max;		/* FT_REPEAT: max instances, 0 none */
	bool			 read_only;
	char			*save_to;	/* case property, or NULL */
	char			*case_type;	/* FT_CASE: the type of case
						   its answer names */
	struct expr		*case_filter;	/* FT_CASE: which cases it may
						   name, over their properties
						   (${PROP}), or NULL */
	const struct choice_list *choices;	/* selects; owned by the form */

	struct field		*parent;	/* enclosing group/repeat or NULL */
	struct field		**children;	/* groups and repeats */
	size_t			 nchildren;
	size_t			 index;		/* position in form->fields */
	int			 line, col;	/* where it is defined */

	/* The fields whose relevant, calculation, constraint, choice_filter
	 * or count names this one with ${id}, in form order, without the
	 * field itself: what to re-evaluate when this
	 * answer changes.  Direct dependents only: when a dependent is a
	 * calculation, follow its own dependents in turn (the checker
	 * guarantees there is no cycle among relevant, calculation, default
	 * and count).  Fields inside a group or repeat also depend on the
	 * container's relevance, which is not listed here. */
	struct field		**dependents;
	size_t			 ndependents;

	struct field_due	*due;		/* date fields: or NULL */
};

/* `due:` of a date field: from its date a record of form done_by is due
 * in the same case (form-schedule.c). */
struct field_due {
	char	*label;
	char	*done_by;
	int	 line, col;
};

enum case_action {
	CASE_NONE,		/* the form does not touch a case */
	CASE_OPEN,
	CASE_UPDATE,
	CASE_CLOSE,
	CASE_REOPEN		/* a closed case opened again, with a reason */
};

struct form {
	char			 *id;
	int			  version;
	char			 *title;
	char			 *path;		/* file it was loaded from */
	char			 *case_type;	/* NULL when no case block */
	enum case_action	  case_action;
	bool			  on_closed;	/* `on_closed: true`: may be
						   used on a closed case */
	char			 *reason;	/* CASE_REOPEN: the required
						   question saying why */
	char			 *parent;	/* CASE_OPEN of a child case:
						   "this" (any case it is filled
						   on) or the parent's type */
	struct expr		 *close_when;	/* CASE_UPDATE: the answers
						   that close the case, or NULL */
	struct field		**top;		/* top-level fields in order */
	size_t			  ntop;
	struct field		**fields;	/* every field, depth first */
	size_t			  nfields;
	struct choice_list	**lists;	/* inline and file lists */
	size_t			  nlists;
	struct field		**byid;		/* fields sorted by id */
	int			  line;		/* of the `form:` key */
};

/*
 * A schedule of a case type (form-schedule.c, onward-forms(5)): visits
 * that form `form` completes, counted from the date `from` gives over the
 * case's properties: target days `days[i]` each with the window
 * [day + win_lo, day + win_hi], or one every `every` days up to `until`
 * days (window [win_lo, win_hi] around each).  It applies while `when`
 * holds (NULL: always) and until `stop` holds or the case is closed.
 */
struct schedule {
	char		*id;
	char		*label;
	char		*form;
	struct expr	*from;		/* a date over ${case.PROP} */
	struct expr	*when;		/* NULL: always */
	struct expr	*stop;		/* NULL: only closing stops it */
	int		*days;
	size_t		 ndays;
	int		 every;		/* 0: the days */
	int		 until;		/* with every: last day */
	int		 win_lo, win_hi;
	int		 line, col;	/* where cases.yaml declares it */
};

struct case_property {
	char	*id;
	char	*label;
	char	*type;		/* "text", "date", ... as in fields */
};

struct case_type {
	char			*id;
	char			*title;
	char			*name_property;	/* property shown as its name */
	struct case_property	*props;
	size_t			 nprops;
	char			**columns;	/* case list columns (properties) */
	size_t			 ncolumns;
	char			**search;	/* properties searched */
	size_t			 nsearch;
	struct schedule		*schedules;
	size_t			 nschedules;
};

struct form_pack {
	char			 *dir;		/* forms directory */
	char			 *data_dir;	/* reference lists directory */
	struct form		**forms;	/* sorted by id */
	size_t			  nforms;
	struct case_type	**case_types;
	size_t			  ncase_types;
	char			**left_out;	/* broken form files not loaded
						   (form_pack_load_usable) */
	size_t			  nleft_out;
};

/*
 * Like form_pack_load, but when the only problems are in form files (not
 * in cases.yaml or a data file), loads the pack again without those files
 * and returns it, with their names in left_out, when the rest is sound:
 * one broken form must not stop a field worker's every other form.  The
 * problems stay in diags either way.
 */
struct form_pack	*form_pack_load_usable(const char *dir,
			     const char *data_dir, struct diags *);

/*
 * Loads every form in dir (*.yaml, with cases.yaml as the case types) and
 * checks them.  Data files named by forms are read from data_dir.
 * Every problem found is appended to diags; a pack is returned only when
 * there were none (else NULL).  Free with form_pack_free.
 */
struct form_pack	*form_pack_load(const char *dir, const char *data_dir,
			     struct diags *diags);
/* Checks the given files (forms, or a cases.yaml) against the case types
 * of dir; returns the number of problems added to diags. */
size_t			 form_check_files(const char *dir, const char *data_dir,
			     char **files, size_t nfiles, struct diags *diags);
/* Test-only seam: checks text (len bytes) as if it were the file `path` of
 * the pack in dir (whose cases.yaml gives the case types; dir may be NULL
 * for none), for tests and fuzzing.  Returns the number of problems added to diags. */
size_t			 form_check_buffer(const char *dir,
			     const char *data_dir, const char *path,
			     const char *text, size_t len, struct diags *diags);
void			 form_pack_free(struct form_pack *);

const struct form	*form_pack_find(const struct form_pack *, const char *id);
const struct case_type	*form_pack_case_type(const struct form_pack *,
			     const char *id);
/* Finds a field by id anywhere in the form (ids are unique in a form). */
const struct field	*form_find_field(const struct form *, const char *id);
/* The question that dates a record: the form's first date question
 * outside groups and repeats whose default is today() (the day of the
 * visit, of the registration...), or NULL.  The case page shows and
 * orders its records by that answer. */
const struct field	*form_date_field(const struct form *);
/* The innermost repeat containing f, or NULL. */
const struct field	*field_repeat(const struct field *f);
const struct choice	*field_find_choice(const struct field *,
			     const char *value);
/* The labels (translated) of the values chosen in an answer of f, ", "
 * separated; a value without a choice as it is (caller frees). */
char			*field_choice_text(const struct field *, const char *value);
/* For a dependency of a choice_filter, the filter column it stands for
 * ("__major" gives "major"), or NULL when it names a field. */
const char		*form_filter_column(const char *dep);
/* The value of filter column `name` of a choice, or NULL when it has none. */
const char		*choice_filter_column(const struct choice *,
			     const char *name);
/* The row of type t (form-type.c); t must be a type (fatal if not). */
const struct form_type	*form_type(enum field_type t);
/* The row of the type named name in YAML ("select_one"), or NULL. */
const struct form_type	*form_type_named(const char *name);
/* The name of type t as written in YAML, "?" when t is none. */
const char		*field_type_name(enum field_type t);
/* True for types that hold an answer (not group, repeat or note). */
bool			 field_has_value(const struct field *);
/* True for the types answered from a choice list. */
bool			 field_is_select(const struct field *);
/* True when an answer holds several values, space separated. */
bool			 field_is_multiple(const struct field *);
/* True for groups and repeats: fields holding fields. */
bool			 field_is_container(const struct field *);
/* True for repeats: containers whose fields are answered per instance. */
bool			 field_is_repeat(const struct field *);
/* True for fields whose answer is the id of a case (f->case_type). */
bool			 field_is_link(const struct field *);
/*
 * Labels and hints may show answers: ${id} (a question of the form, as
 * seen from where the label is) or ${case.PROP}.  Returns where the next
 * such reference at or after s starts (NULL: none), with its name copied
 * to name (at most size - 1 bytes; longer ones are skipped) and its whole
 * length, "${" to "}", in *len.
 */
const char		*form_text_ref(const char *s, char *name, size_t size,
			     size_t *len);
/* What the form's answers mean, as 32 hex digits (caller frees): field
 * ids, types, places, case properties, calculations and inline choice
 * values; not labels or other wording (form-sig.c). */
char			*form_signature(const struct form *);
/* Adds to diags a warning (not a problem: the form loads) for each
 * calculation that chained concat() can grow to many times its answers
 * (form-growth.c); returns how many. */
size_t			 form_growth_warnings(const struct form *,
			     struct diags *);

/*
 * Checks one answer against the field's type (not its constraint): valid
 * UTF-8, not too long, and what the type's row checks (form-type.c): an
 * integer, a decimal, a real date, a choice of the list (every value of a
 * select_multiple, space separated).  Returns NULL when fine, or a
 * translated message (caller frees).
 */
char			*field_check_type(const struct field *, const char *value);
/* The longest answer, in bytes: every change, escaped, then fits one line
 * of a bundle (BUNDLE_MAX_LINE, 16 MiB) with room to spare, so no answer
 * can ever stop an export. */
#define FIELD_MAX_VALUE		(1024 * 1024)

/* Writes every translatable string of the pack, and of the report's
 * indicators when given (NULL: none), as a PO template (form-pot.c); see
 * `onward forms pot` and `make update-po`. */
struct indicator_set;
void			 form_pack_write_pot(const struct form_pack *,
			     const struct indicator_set *,
			     const char *dir, const char *data_dir_name,
			     FILE *f);

#endif
