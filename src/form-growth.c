/*
 * form-growth.c: the growth `forms check` can see in a form's
 * calculations.  A calculation that reads another one twice inside a
 * concat() doubles it; forty of them in a chain make a text of 2^40 times
 * its inputs.  A save refuses any calculated text over the answer cap
 * (record_check), so such a form loses its records rather than memory;
 * this says so before the form is used.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "util.h"

/* Growth above this many times the inputs is reported. */
#define GROWTH_WARN	64
/* Estimates saturate here. */
#define GROWTH_MAX	((uint64_t)1 << 40)

/* How many times its inputs the text of field i can be (memo[i] 0: not
 * worked out yet); calculations form no cycle (the checker's rule). */
static uint64_t
growth_of(const struct form *fm, size_t i, uint64_t *memo, size_t depth)
{
	const struct field	*f = fm->fields[i], *d;
	const char *const	*names;
	uint64_t		 g = 1, k;
	size_t			 j, n;

	if (memo[i] != 0)
		return memo[i];
	if (f->calculation != NULL && depth < fm->nfields) {
		n = expr_deps(f->calculation, &names);
		for (j = 0; j < n && g < GROWTH_MAX; j++) {
			if ((k = expr_text_uses(f->calculation, j)) == 0 ||
			    (d = form_find_field(fm, names[j])) == NULL)
				continue;
			k *= growth_of(fm, d->index, memo, depth + 1);
			g = k >= GROWTH_MAX - g ? GROWTH_MAX : g + k;
		}
	}
	memo[i] = g;
	return g;
}

/* Adds a warning to d for each calculation that can grow past
 * GROWTH_WARN times its inputs; returns how many. */
size_t
form_growth_warnings(const struct form *fm, struct diags *d)
{
	uint64_t	*memo, g;
	size_t		 i, n = 0;

	memo = xcalloc(fm->nfields + 1, sizeof *memo);
	for (i = 0; i < fm->nfields; i++) {
		if (fm->fields[i]->calculation == NULL ||
		    (g = growth_of(fm, i, memo, 0)) < GROWTH_WARN)
			continue;
		diags_add(d, fm->path, fm->fields[i]->line,
		    fm->fields[i]->col, _("warning: field '%s': its "
		    "calculation can multiply the length of its answers by "
		    "%llu (chained concat()); a save whose text would pass "
		    "%zu bytes is refused"), fm->fields[i]->id,
		    (unsigned long long)g, EXPR_MAX_TEXT);
		n++;
	}
	free(memo);
	return n;
}
