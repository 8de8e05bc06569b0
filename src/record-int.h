/*
 * record-int.h: what the files of the record module share and nobody else
 * sees: the environment an expression is evaluated in over a record's
 * answers (struct record_env), the functions that set it up and evaluate
 * through it, and the instance prefixes of a repeat.
 *
 *   record.c		answers, repeat instances and paths (a field's,
 *			as people write it, the CLI's positional ones),
 *			pruning
 *   record-eval.c	the environment, relevance, calculations, repeats
 *			sized by their count, defaults
 *   record-check.c	checks of one answer and of a whole record, and
 *			record_choice_ok
 *
 * Never include this outside src/record*.c.
 */
#ifndef ONWARD_RECORD_INT_H
#define ONWARD_RECORD_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "expr.h"
#include "form.h"
#include "record.h"

/* The evaluation environment: the answers and the instance prefix. */
struct record_env {
	const struct form	 *form;
	const struct answers	 *a;
	const char		 *prefix;
	const struct choice	 *choice;	/* choice_filter: the choice */
	const char		***arrays;	/* arrays to free afterwards */
	size_t			  narrays;
};

/* Sets up env and the expr_env e that reads through it (dot: the value of
 * '.', or NULL); free with record_env_free. */
void		 record_env_init(struct record_env *env,
		     const struct form *form, const struct answers *a,
		     const char *prefix, struct expr_env *e, const char *dot);
/* Frees the arrays the environment's lookup_all handed out. */
void		 record_env_free(struct record_env *env);
/* Evaluates e as a boolean inside instance prefix (dot: the answer). */
bool		 record_eval_bool(const struct form *,
		     const struct answers *, const struct expr *e,
		     const char *prefix, const char *dot);
/* Every instance prefix fields directly inside repeat r live under (r
 * NULL: the one prefix ""); caller frees with record_free_ids. */
void		 record_prefixes(const struct answers *,
		     const struct field *r, char ***out, size_t *n);
/* True when f holds a calculation whose text, inside instance prefix,
 * would pass the answer cap (so record_calculate left it empty). */
bool		 record_calc_too_long(const struct form *,
		     const struct answers *, const struct field *f,
		     const char *prefix);

#endif
