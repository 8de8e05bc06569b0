/*
 * record: a record's answers and the form logic over them, without storage.
 *
 * Owns: struct answers (the answers of one record, by field path), and the
 * evaluation of a form against answers: relevance, calculations, defaults,
 * constraints, required and type checks, repeat instances.  Both the store
 * (to validate a save) and the UI (to show and hide questions as the worker
 * types) use it, so they can never disagree.
 * Never: speaks SQL or draws.
 *
 * Paths: a field outside repeats is its id ("visit_date"; groups add
 * nothing, ids are unique in a form).  A field inside a repeat is
 * "household[IID].member_name", where IID is the instance's own id (not its
 * position), so two workers adding members to one record add two members.
 * The instance itself exists while "household[IID]" holds a value (its
 * ordering key); nested repeats chain: "a[I1].b[I2].x".
 * The CLI's "household[2].member_name" is a convenience that
 * record_resolve_path maps from a 1-based position to an instance id.
 */
#ifndef ONWARD_RECORD_H
#define ONWARD_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "util.h"

struct answer {
	char	*path;
	char	*value;		/* never NULL; "" is an empty answer */
};

/* The answers of one record, kept sorted by path. */
struct answers {
	struct answer	*v;
	size_t		 n;
	size_t		 cap;
	/* The properties of the record's case, by property id, that
	 * ${case.PROP} reads in expressions; NULL: none.  Not owned;
	 * answers_copy copies the pointer. */
	const struct answers	*case_props;
};

void		 answers_init(struct answers *);
void		 answers_free(struct answers *);
void		 answers_copy(struct answers *dst, const struct answers *src);
/* Sets (copying both strings) or, with value NULL, removes an answer. */
void		 answers_set(struct answers *, const char *path,
		     const char *value);
/* The answer at path, or NULL when there is none. */
const char	*answers_get(const struct answers *, const char *path);

/* The ids of the instances of a repeat, in order (by ordering key), under
 * the prefix of the enclosing instance ("" at top level, or "a[I1]." for a
 * nested repeat).  Returns the count; *ids is an array of strings the
 * caller frees with record_free_ids. */
size_t		 record_instances(const struct answers *,
		     const struct field *repeat, const char *prefix,
		     char ***ids);
void		 record_free_ids(char **ids, size_t n);
/* Adds an instance to a repeat (a new unique id, ordered last); returns the
 * new instance id (caller frees).  `uniq` seeds the id, e.g. the device id
 * prefix, so ids made offline on two devices never collide. */
char		*record_add_instance(struct answers *,
		     const struct field *repeat, const char *prefix,
		     const char *uniq);
/* Removes an instance and every answer under it. */
void		 record_remove_instance(struct answers *,
		     const struct field *repeat, const char *prefix,
		     const char *iid);

/* The full path of field f inside the instance prefix ("" at top level). */
char		*record_path(const struct field *f, const char *prefix);
/*
 * Maps a CLI path ("household[2].member_name", positions 1-based; a
 * position one past the end adds an instance) to a real path, creating
 * instances in *a as needed.  Returns the path (caller frees), or NULL with
 * *cause set (caller frees) when no such field exists.
 */
char		*record_resolve_path(const struct form *, struct answers *a,
		     const char *cli_path, const char *uniq, char **cause);
/* The other way: a stored path with each entry's position in place of
 * its instance id ("household[2].member_name"), as `record add` and
 * `record edit` take it (caller frees). */
char		*record_display_path(const struct answers *, const char *path);
/*
 * A label or hint (already translated) with every ${id} and ${case.PROP}
 * filled in as seen from instance prefix ("" or NULL: the top): a choice
 * by its label, an answer still to come by "\u2026"; caller frees.
 */
char		*record_fill_text(const struct form *, const struct answers *,
		     const char *prefix, const char *text);

/*
 * Evaluation.  `prefix` is the repeat instance the field is in ("" outside
 * repeats): ${x} from inside an instance reads x of the same instance when
 * x is in that repeat, else the top-level x.
 */
bool		 record_relevant(const struct form *, const struct answers *,
		     const struct field *, const char *prefix);
/* Recomputes every calculate field (and read-only calculations) in order,
 * storing the results in *a.  Returns true when any value changed. */
bool		 record_calculate(const struct form *, struct answers *a);
/* Whether expression e of form (close_when) is true of answers a. */
bool		 record_true(const struct form *, const struct answers *a,
		     const struct expr *e);
/*
 * Gives every relevant repeat with a count (a number of entries) that many
 * instances: new ones are added at the end (ids seeded with `uniq`, as in
 * record_add_instance), extra ones removed from the end with their
 * answers.  A count that is empty or not a number changes nothing; it is
 * capped at the repeat's max, and at RECORD_MAX_INSTANCES.  Call after
 * an answer changes, before record_calculate.  True when it changed any.
 */
#define RECORD_MAX_INSTANCES	500
bool		 record_size_repeats(const struct form *, struct answers *a,
		     const char *uniq);
/* Fills defaults for empty, relevant fields that have one. */
void		 record_apply_defaults(const struct form *, struct answers *a);

/*
 * True when choice c of list field f is offered inside instance prefix:
 * f has no choice_filter, or the filter holds for c.  In the filter a bare
 * column name (a dependency that form_filter_column maps, "__major") reads
 * that column of c ("" when c has none), and ${x} reads the answers as
 * everywhere else.  The UI offers only these choices, and
 * record_check_field refuses an answer that is not one of them.
 */
bool		 record_choice_ok(const struct form *, const struct answers *,
		     const struct field *f, const char *prefix,
		     const struct choice *c);

/*
 * Checks one answer: type, then that a chosen value is allowed by the
 * choice_filter (record_choice_ok), then constraint (only on a non-empty
 * answer), then required (only when relevant).  Returns NULL when fine, or the
 * message to show (the form's own message, translated; caller frees).
 */
char		*record_check_field(const struct form *, const struct answers *,
		     const struct field *, const char *prefix);
/*
 * Checks a whole record for finalizing: one diagnostic per problem, as
 * "FIELD: message" with FIELD the field's path, in form order.  Returns
 * the number of problems.
 */
size_t		 record_check(const struct form *, const struct answers *,
		     struct diags *problems);
/* Removes answers to questions that are not relevant (they are not
 * stored), and answers to paths the form does not have. */
void		 record_prune(const struct form *, struct answers *);

#endif
