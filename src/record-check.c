/*
 * record-check.c: the checks of a record's answers against its form: one
 * answer (its type, that a choice filter allows it, the constraint,
 * required) and a whole record (every relevant question of every instance,
 * and each repeat's max).  record_choice_ok also tells the UI which
 * choices a filter offers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "record-int.h"
#include "util.h"

_Static_assert(EXPR_MAX_TEXT == FIELD_MAX_VALUE,
    "a calculation's text is capped at the answer cap");

/* True when the field's choice_filter lets choice c be offered. */
bool
record_choice_ok(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix, const struct choice *c)
{
	struct record_env	env;
	struct expr_env		ee;
	bool			b;

	if (f->choice_filter == NULL)
		return true;
	record_env_init(&env, form, a, prefix, &ee, NULL);
	env.choice = c;
	b = expr_eval_bool(f->choice_filter, &ee);
	record_env_free(&env);
	return b;
}

/*
 * For a list with a choice_filter: NULL when every value of answer v (one
 * value, or several space separated) is a choice the filter offers, else
 * the message naming the first that is not (caller frees).  Values that
 * are not choices at all are field_check_type's to report.
 */
static char *
record_check_choices(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix, const char *v)
{
	const struct choice	*c;
	const char		*p, *q;
	char			*one, *msg = NULL;

	if (f->choice_filter == NULL || !field_is_select(f))
		return NULL;
	for (p = v; *p != '\0' && msg == NULL; p = q) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		q = field_is_multiple(f) ? p + strcspn(p, " ") :
		    p + strlen(p);
		one = xstrndup(p, (size_t)(q - p));
		if ((c = field_find_choice(f, one)) != NULL &&
		    !record_choice_ok(form, a, f, prefix, c))
			msg = xasprintf(_("'%s' is not one of the choices "
			    "the other answers allow"), one);
		free(one);
	}
	return msg;
}

/* Checks one answer: type, constraint, required (see record.h). */
char *
record_check_field(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix)
{
	char		*path, *msg;
	const char	*v;

	if (!field_has_value(f))
		return NULL;
	path = record_path(f, prefix);
	v = answers_get(a, path);
	free(path);
	if (v != NULL && *v != '\0') {
		if ((msg = field_check_type(f, v)) != NULL)
			return msg;
		if ((msg = record_check_choices(form, a, f, prefix, v)) != NULL)
			return msg;
		if (f->constraint != NULL &&
		    !record_eval_bool(form, a, f->constraint, prefix, v)) {
			if (f->constraint_message != NULL)
				return xstrdup(form_text(f->constraint_message));
			return xstrdup(_("the answer is not allowed"));
		}
		return NULL;
	}
	if (f->required &&
	    (form_type(f->type)->flags & FTF_CALCULATED) == 0 &&
	    record_relevant(form, a, f, prefix)) {
		if (f->required_message != NULL)
			return xstrdup(form_text(f->required_message));
		return xstrdup(_("an answer is required"));
	}
	return NULL;
}

/* Checks a whole record; one "PATH: message" diagnostic per problem. */
size_t
record_check(const struct form *form, const struct answers *a,
    struct diags *problems)
{
	const struct field	 *f;
	char			**pre, *path, *msg, **ids;
	size_t			  npre, i, k, nids, n = 0;

	for (i = 0; i < form->nfields; i++) {
		f = form->fields[i];
		if (!field_has_value(f) && !field_is_repeat(f))
			continue;
		record_prefixes(a, field_repeat(f), &pre, &npre);
		for (k = 0; k < npre; k++) {
			if (!record_relevant(form, a, f, pre[k]))
				continue;
			path = record_path(f, pre[k]);
			if (field_is_repeat(f)) {
				nids = record_instances(a, f, pre[k], &ids);
				record_free_ids(ids, nids);
				if (f->max > 0 && nids > (size_t)f->max) {
					diags_add(problems, path, 0, 0,
					    _("at most %d entries are allowed"),
					    f->max);
					n++;
				}
			} else if (answers_get(a, path) == NULL &&
			    record_calc_too_long(form, a, f, pre[k])) {
				diags_add(problems, path, 0, 0, _("its "
				    "calculation makes a text longer than %zu "
				    "bytes, the most an answer may be"),
				    EXPR_MAX_TEXT);
				n++;
			} else if ((form_type(f->type)->flags &
			    FTF_CALCULATED) == 0 && (msg = record_check_field(
			    form, a, f, pre[k])) != NULL) {
				diags_add(problems, path, 0, 0, "%s", msg);
				free(msg);
				n++;
			}
			free(path);
		}
		record_free_ids(pre, npre);
	}
	return n;
}
