/*
 * form-int.h: what the files of the form module share and nobody else sees:
 * the YAML tree built from libyaml's events (form-yaml.c), the CSV reader
 * for data files (form-data.c) and the loader's per-form state
 * (form-load.c, form-load-choices.c, form-load-expr.c, form-check.c,
 * form-pack.c).
 *
 * Never include this outside src/form-*.c.
 */
#ifndef ONWARD_FORM_INT_H
#define ONWARD_FORM_INT_H

#include "form.h"

enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

/*
 * A node of a YAML document.  A mapping's kids alternate key, value (keys
 * are always scalars); a sequence's kids are its items.
 */
struct ynode {
	enum ynode_kind	  kind;
	int		  line, col;	/* 1-based start */
	char		 *s;		/* scalar text, NUL-terminated */
	size_t		  len;
	bool		  plain;	/* an unquoted scalar */
	bool		  exact;	/* one line, text as written: columns
					   within s map onto the file */
	struct ynode	**kids;
	size_t		  n;		/* kids (2 per pair in a mapping) */
	size_t		  cap;
};

/*
 * Parses text (len bytes, from path) into a tree, refusing invalid UTF-8,
 * files over FORM_MAX_FILE, nesting over FORM_MAX_DEPTH, anchors, aliases,
 * several documents and duplicate keys.  Returns the root (free with
 * form_yaml_free), or NULL with the problems added to d.  An empty document
 * gives NULL with "the file is empty".
 */
struct ynode	*form_yaml_parse(const char *path, const char *text, size_t len,
		     struct diags *d);
void		 form_yaml_free(struct ynode *);
/* Reads path (at most max bytes); NULL with a problem added to d. */
char		*form_read_file(const char *path, size_t max, size_t *lenp,
		     struct diags *d);
/* Finds the first byte of text that is not valid UTF-8 and its 1-based
 * line and column; false when all of it is valid. */
bool		 form_utf8_first_bad(const char *text, size_t len, int *line,
		     int *col);
/* The value of key in mapping m, or NULL. */
const struct ynode *form_yaml_get(const struct ynode *m, const char *key);

/*
 * Reads data file name from data_dir as a choice list.  A file that does
 * not exist is reported at path:line:col (where the form names it);
 * problems inside it at the CSV file's own lines.  NULL on any problem.
 */
struct choice_list *form_data_load(const char *data_dir, const char *name,
		     const char *path, int line, int col, struct diags *d);

/* Frees a choice list and everything in it. */
void		 form_choice_list_free(struct choice_list *);
/* Fills cl->columns with every filter key of its choices, in first-seen
 * order. */
void		 form_choice_list_columns(struct choice_list *);

/*
 * Calls dup(arg, first, again) for every index `again` whose key equals
 * that of an earlier index `first`.  O(n log n).
 */
void		 form_find_dups(const char *const *keys, size_t n,
		     void (*dup)(void *, size_t, size_t), void *arg);

/* The distance a suggestion for word must be below. */
size_t		 form_suggest_cap(const char *word);
/* The candidate nearest to word, or NULL when none is close enough. */
const char	*form_suggest(const char *word, const char *const *cands,
		     size_t ncands);
/* Reports "unknown KIND 'word'", with "did you mean 'x'?" when one of the
 * candidates is near. */
void		 form_unknown(struct diags *d, const char *path, int line,
		     int col, const char *fmt_plain, const char *fmt_mean,
		     const char *word, const char *const *cands, size_t ncands);

/*
 * Loads one form from its tree, checking everything that can be checked
 * within the form and against the case types.  Returns the form, or NULL
 * when any problem was added to d.  root is not freed.
 */
struct form	*form_load_tree(const char *path, const struct ynode *root,
		     struct case_type *const *cts, size_t ncts,
		     const char *data_dir, struct diags *d);
void		 form_free(struct form *);

/*
 * Loads the case types of a cases.yaml tree.  Sets *cts and *n (free with
 * form_case_types_free) even when some are broken; returns the number of
 * problems found.  Schedules are checked later, against the forms, by
 * form_check_schedules.
 */
size_t		 form_load_case_types(const char *path,
		     const struct ynode *root, struct case_type ***cts,
		     size_t *n, struct diags *d);
void		 form_case_types_free(struct case_type **, size_t);
struct lctx;

/* The property id of case type ct, or NULL (form-cases.c). */
const struct case_property *form_case_prop(const struct case_type *ct,
		     const char *id);
/* Reads the `schedules:` list of case type ct (form-schedule.c). */
void		 form_load_schedules(struct lctx *, struct case_type *ct,
		     const struct ynode *seq);
void		 form_schedules_free(struct schedule *, size_t);
/* Reads the `due:` mapping n of date field f; NULL (reported) when
 * broken.  Free with form_due_free. */
struct field_due *form_load_due(struct lctx *, const struct field *f,
		     const struct ynode *n);
void		 form_due_free(struct field_due *);
/* Checks that the done_by form of each due of form exists and has the
 * same case type (forms: every form of the pack, stubs will do). */
void		 form_check_dues(const char *path, const struct form *form,
		     struct form *const *forms, size_t nforms,
		     struct diags *d);
/* Checks that each schedule's form exists and updates or closes cases of
 * its case type. */
void		 form_check_schedules(const char *path,
		     struct case_type *const *cts, size_t ncts,
		     struct form *const *forms, size_t nforms,
		     struct diags *d);

/* Reports every ${case.PROP} a rule of the n forms reads that no form
 * of them writes (save_to) on cases of that type (form-rules.c).  Only
 * meaningful over a whole pack (forms NULL where a file is broken). */
void		 form_check_case_reads(struct form *const *forms, size_t n,
		     struct diags *d);
/* Fills names (room for FT_NTYPES) with the names of the field types
 * whose flags, under mask, are want, in the order of the enum; returns
 * how many (form-type.c). */
size_t		 form_type_names(unsigned mask, unsigned want,
		     const char **names);
/* True when s is [A-Za-z_][A-Za-z0-9_]* (lower: [a-z][a-z0-9_]*). */
bool		 form_is_name(const char *s, bool lower);

/* The keys of a field, in the order of field_keys in form-load.c; the
 * rows of form-type.c say which types accept and need which. */
enum {
	K_ID, K_TYPE, K_GROUP, K_REPEAT, K_LABEL, K_HINT, K_REQUIRED,
	K_REQUIRED_MESSAGE, K_RELEVANT, K_CONSTRAINT, K_CONSTRAINT_MESSAGE,
	K_DEFAULT, K_CALCULATION, K_READ_ONLY, K_SAVE_TO, K_CHOICES,
	K_CHOICE_FILTER, K_FIELDS, K_MAX, K_COUNT, K_DUE, K_CASE_TYPE,
	K_CASE_FILTER
};

/* The expressions of a field, as the loader keeps their sources. */
enum {
	X_RELEVANT, X_CONSTRAINT, X_DEFAULT, X_CALCULATION, X_CHOICE_FILTER,
	X_COUNT, NFEXPR
};

/* Where an expression came from, to point messages at its columns. */
struct fexpr {
	const struct ynode	*node;	/* the YAML scalar */
	struct expr		*e;	/* NULL when absent or broken */
	size_t			*ins;	/* offsets where a bare filter column */
	size_t			*inslen; /* (of this length) became ${...} */
	size_t			 nins;
};

/* What the loader keeps about each field until the form is checked. */
struct fsrc {
	const struct ynode	*node;		/* the field's mapping */
	const struct ynode	*idnode;	/* its id (or group/repeat) */
	const struct ynode	*save_to;
	struct fexpr		 x[NFEXPR];
};

/* The loader's state for one form (form-load*.c, form-check.c). */
struct lctx {
	const char		 *path;
	struct diags		 *d;
	const char		 *data_dir;
	struct case_type *const	 *cts;
	size_t			  ncts;
	const struct case_type	 *ct;		/* the form's, if declared */
	struct form		 *form;
	struct fsrc		 *src;		/* by field index */
	size_t			  capfields;	/* of form->fields and src */
	const struct ynode	 *lists_node;	/* `choices:` */
	struct choice_list	**named;	/* lists of `choices:` */
	size_t			  nnamed;
	struct choice_list	**files;	/* lists from data files */
	size_t			  nfiles;
	bool			  broken;	/* a field without id or type */
	struct fexpr		  close_when;	/* `close_when:` of `case:` */
};

/* Sorts the keys of mapping m into vals (NULL when absent), reporting
 * unknown ones; false (reported) when m is not a mapping. */
bool		 form_map_keys(struct lctx *, const struct ynode *m,
		     const char *const *keys, size_t nkeys,
		     const struct ynode **vals, const char *what);
/* A copy of scalar v (NULL when absent, empty, or not a scalar). */
char		*form_get_text(struct lctx *, const struct ynode *v,
		     const char *key);
/* The file line and column of column col of an expression's text. */
void		 form_expr_pos(const struct fexpr *, int col, int *line,
		     int *fcol);
/* Parses expression v (the field property key) into x, with cl's filter
 * columns written bare when filter is set; NULL (reported) when broken. */
struct expr	*form_load_expr(struct lctx *, const struct ynode *v,
		     const char *key, struct fexpr *x,
		     const struct choice_list *cl, bool filter);
/* Reads the `choices:` mapping of named lists into the form. */
void		 form_load_named_lists(struct lctx *, const struct ynode *m);
/* Resolves field f's `choices:` (a list name, an inline list, or a data
 * file) to a list of the form; NULL (reported) when none is usable. */
const struct choice_list *form_load_field_choices(struct lctx *,
		     struct field *f, const struct ynode *v);
/* The checks that need the whole form: ids, references, '.', cycles, the
 * case and save_to; fills byid and the dependents. */
void		 form_check_form(struct lctx *);

#endif
