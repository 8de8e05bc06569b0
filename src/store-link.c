/*
 * store-link.c: links between cases.  A `case` field's answer is the id
 * of another case (an employer, a provider, a cohort); it is stored and
 * merged as any answer, so a link that reaches a store before its case
 * is kept and resolves once the case arrives.  Here: the name a link
 * shows (the linked case's name property), and the check a save makes of
 * the links it writes (the case is here, of the field's case type, open
 * and not erased).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* The name of case id (see store.h). */
char *
store_case_name(struct store *st, const char *id)
{
	const struct case_type	*ct;
	char			*type = NULL, *name = NULL, *cause = NULL;

	if (store_field_value(st, id, "@case", &type, &cause) == -1 ||
	    type == NULL) {
		free(cause);
		return NULL;
	}
	ct = st->pack != NULL ? form_pack_case_type(st->pack, type) : NULL;
	if (ct != NULL && ct->name_property != NULL &&
	    store_field_value(st, id, ct->name_property, &name, &cause) == -1)
		name = NULL;
	if (name == NULL && store_case_erased(st, id, &cause) == 1)
		name = xstrdup(_("(erased)"));
	free(cause);
	free(type);
	return name;
}

/* A property of the case being filtered, for ${PROP}. */
static const char *
fits_lookup(void *arg, const char *name)
{
	const char	*v = answers_get(arg, name);

	return v != NULL ? v : "";
}

/* Whether case id meets field f's case_filter (see store.h). */
bool
store_case_fits(struct store *st, const struct field *f, const char *id)
{
	struct expr_env	 env;
	struct answers	 props;
	char		*cause = NULL;
	bool		 fits;

	if (f->case_filter == NULL)
		return true;
	answers_init(&props);
	if (store_case_props(st, id, NULL, &props, &cause) == -1) {
		free(cause);
		answers_free(&props);
		return false;
	}
	memset(&env, 0, sizeof env);
	env.arg = &props;
	env.lookup = fits_lookup;
	fits = expr_eval_bool(f->case_filter, &env);
	answers_free(&props);
	return fits;
}

/* The field of form a change's path answers ("x" or "rep[k].x"), or
 * NULL. */
static const struct field *
link_field(const struct form *form, const char *path)
{
	const char	*dot = strrchr(path, '.');

	return form_find_field(form, dot != NULL ? dot + 1 : path);
}

/* Checks the link value of field f: NULL when it names an open case of
 * f's type, else the message (caller frees); *err set on a store error. */
static char *
link_problem(struct store *st, const struct field *f, const char *value,
    char **cause, bool *err)
{
	sqlite3_stmt	*s;
	char		*type = NULL, *msg = NULL;
	int		 rc, closed = 0;

	s = store_stmt(st, "SELECT type, closed FROM kase WHERE id = ?");
	store_bind(s, 1, value);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		type = store_col(s, 0);
		closed = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = true;
		store_fail(st, rc, cause);
		return NULL;
	}
	if (rc == SQLITE_DONE || type == NULL)
		msg = xasprintf(_("there is no case '%s'"), value);
	else if (strcmp(type, f->case_type) != 0)
		msg = xasprintf(_("case '%s' is a '%s', not a '%s'"), value,
		    type, f->case_type);
	else if ((rc = store_case_erased(st, value, cause)) != 0) {
		if (rc == -1)
			*err = true;
		else
			msg = xasprintf(_("case '%s' is erased"), value);
	} else if (closed)
		msg = xasprintf(_("case '%s' is closed"), value);
	else if (!store_case_fits(st, f, value))
		msg = xasprintf(_("case '%s' is not one this question takes "
		    "(%s)"), value, expr_source(f->case_filter));
	free(type);
	return msg;
}

/* Checks the links among changes (see store-int.h). */
int
store_link_check(struct store *st, const struct form *form,
    const struct change *v, size_t n, struct diags *problems, char **cause)
{
	const struct field	*f;
	char			*msg;
	size_t			 i, nbad = 0;
	bool			 err = false;

	for (i = 0; i < n && !err; i++) {
		if (v[i].value == NULL || *v[i].value == '\0' ||
		    (f = link_field(form, v[i].path)) == NULL ||
		    !field_is_link(f))
			continue;
		if ((msg = link_problem(st, f, v[i].value, cause,
		    &err)) != NULL) {
			diags_add(problems, v[i].path, 0, 0, "%s", msg);
			free(msg);
			nbad++;
		}
	}
	if (err)
		return -1;
	return (int)nbad;
}

/* Whether form may open a child case under parent (see store-int.h). */
int
store_child_parent(struct store *st, const struct form *form,
    const char *parent, char **cause)
{
	sqlite3_stmt	*s;
	char		*type = NULL;
	int		 rc, closed = 0;

	if (parent == NULL) {
		*cause = xasprintf(_("form '%s' opens a child case: it needs "
		    "the case it belongs to (--case ID)"), form->id);
		return -1;
	}
	s = store_stmt(st, "SELECT type, closed FROM kase WHERE id = ?");
	store_bind(s, 1, parent);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		type = store_col(s, 0);
		closed = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	if (rc == SQLITE_DONE || type == NULL)
		*cause = xasprintf(_("form '%s': there is no case '%s' to "
		    "open a child case of"), form->id, parent);
	else if (strcmp(form->parent, "this") != 0 &&
	    strcmp(type, form->parent) != 0)
		*cause = xasprintf(_("form '%s' opens child cases of a '%s', "
		    "and case '%s' is a '%s'"), form->id, form->parent, parent,
		    type);
	else if (closed)
		*cause = xasprintf(_("case '%s' is closed: form '%s' is not "
		    "used on closed cases (reopen the case first)"), parent,
		    form->id);
	else if ((rc = store_case_erased(st, parent, cause)) == 1)
		*cause = xasprintf(_("case '%s' is erased"), parent);
	free(type);
	return *cause != NULL ? -1 : 0;
}

/* The parent of case id (see store.h). */
char *
store_case_parent(struct store *st, const char *id)
{
	char	*v = NULL, *cause = NULL;

	if (store_field_value(st, id, "@parent", &v, &cause) == -1) {
		free(cause);
		return NULL;
	}
	return v;
}

/* The child cases of case id (see store.h). */
int
store_case_children(struct store *st, const char *id, struct case_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	char		**kids = NULL;
	size_t		  nkids = 0, i;
	int		  rc;

	*out = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT record FROM field WHERE path = '@parent' "
	    "AND value = ? ORDER BY hlc, record");
	store_bind(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		kids = xreallocarray(kids, nkids + 1, sizeof *kids);
		kids[nkids++] = store_col(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause);
		goto out;
	}
	*out = xreallocarray(NULL, nkids + 1, sizeof **out);
	for (i = 0, rc = 0; i < nkids && rc == 0; i++) {
		struct answers	props;

		answers_init(&props);
		if ((rc = store_case_props(st, kids[i], &(*out)[*n], &props,
		    cause)) == 0)
			(*n)++;
		answers_free(&props);
	}
out:
	for (i = 0; i < nkids; i++)
		free(kids[i]);
	free(kids);
	return rc;
}
