/*
 * form-rules.c: the checks of the rules across records that need the
 * whole pack.  A rule of a form (relevant, constraint, default,
 * calculation, choice filter, count) may read its case with
 * ${case.PROP}: some form of the pack must write PROP (save_to) on cases
 * of that type, else the rule reads a property that never has a value
 * (a business grant tested against a selection nobody records).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* Whether some form of forms writes property prop on cases of type ct. */
static bool
rules_written(struct form *const *forms, size_t n, const char *ct,
    const char *prop)
{
	const struct field	*f;
	size_t			 i, k;

	for (i = 0; i < n; i++) {
		if (forms[i] == NULL || forms[i]->case_type == NULL ||
		    strcmp(forms[i]->case_type, ct) != 0)
			continue;
		for (k = 0; k < forms[i]->nfields; k++) {
			f = forms[i]->fields[k];
			if (f->save_to != NULL && strcmp(f->save_to, prop) == 0)
				return true;
		}
	}
	return false;
}

/* Reports each ${case.PROP} of expression e (of field f of form fm) that
 * no form writes. */
static void
rules_expr(struct form *const *forms, size_t n, const struct form *fm,
    const struct field *f, const struct expr *e, struct diags *d)
{
	const char *const	*names;
	const char		*prop;
	size_t			 i, nn;

	if (e == NULL)
		return;
	nn = expr_deps(e, &names);
	for (i = 0; i < nn; i++) {
		if (strncmp(names[i], FORM_CASE_PREFIX,
		    strlen(FORM_CASE_PREFIX)) != 0)
			continue;
		prop = names[i] + strlen(FORM_CASE_PREFIX);
		if (!rules_written(forms, n, fm->case_type, prop))
			diags_add(d, fm->path, f->line, f->col, _("field "
			    "'%s' reads '${%s}', which no form of the pack "
			    "writes on a '%s' (save_to: %s)"), f->id, names[i],
			    fm->case_type, prop);
	}
}

/* Checks the case properties the forms' rules read (see form-int.h). */
void
form_check_case_reads(struct form *const *forms, size_t n, struct diags *d)
{
	const struct field	*f;
	size_t			 i, k;

	for (i = 0; i < n; i++) {
		if (forms[i] == NULL || forms[i]->case_type == NULL)
			continue;
		for (k = 0; k < forms[i]->nfields; k++) {
			f = forms[i]->fields[k];
			rules_expr(forms, n, forms[i], f, f->relevant, d);
			rules_expr(forms, n, forms[i], f, f->constraint, d);
			rules_expr(forms, n, forms[i], f, f->dflt, d);
			rules_expr(forms, n, forms[i], f, f->calculation, d);
			rules_expr(forms, n, forms[i], f, f->choice_filter, d);
			rules_expr(forms, n, forms[i], f, f->count, d);
		}
	}
}
