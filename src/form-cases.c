/*
 * form-cases.c: the case types of forms/cases.yaml (see onward-forms(5)):
 * their properties, name, list columns and searched properties, checked as
 * they are read; their schedules are read by form-schedule.c.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

static const char *const top_keys[] = { "case_types" };
static const char *const ct_keys[] = {
	"id", "title", "name", "properties", "columns", "search", "schedules"
};
enum { CK_ID, CK_TITLE, CK_NAME, CK_PROPERTIES, CK_COLUMNS, CK_SEARCH,
    CK_SCHEDULES };
static const char *const prop_keys[] = { "id", "label", "type" };

/* Frees the case types. */
void
form_case_types_free(struct case_type **cts, size_t n)
{
	struct case_type	*ct;
	size_t			 i, j;

	for (i = 0; i < n; i++) {
		ct = cts[i];
		free(ct->id);
		free(ct->title);
		free(ct->name_property);
		for (j = 0; j < ct->nprops; j++) {
			free(ct->props[j].id);
			free(ct->props[j].label);
			free(ct->props[j].type);
		}
		free(ct->props);
		for (j = 0; j < ct->ncolumns; j++)
			free(ct->columns[j]);
		free(ct->columns);
		for (j = 0; j < ct->nsearch; j++)
			free(ct->search[j]);
		free(ct->search);
		form_schedules_free(ct->schedules, ct->nschedules);
		free(ct);
	}
	free(cts);
}

/* The property id of case type ct, or NULL. */
static const struct case_property *
find_prop(const struct case_type *ct, const char *id)
{
	size_t	i;

	for (i = 0; i < ct->nprops; i++) {
		if (strcmp(ct->props[i].id, id) == 0)
			return &ct->props[i];
	}
	return NULL;
}

/* Reports a name (under key) that is not a property of ct, suggesting the
 * nearest. */
static void
unknown_prop(struct lctx *c, const struct case_type *ct, const struct ynode *n,
    const char *key)
{
	const char	**ids, *best;
	size_t		  i;

	ids = xcalloc(ct->nprops + 1, sizeof *ids);
	for (i = 0; i < ct->nprops; i++)
		ids[i] = ct->props[i].id;
	if ((best = form_suggest(n->s, ids, ct->nprops)) != NULL)
		diags_add(c->d, c->path, n->line, n->col,
		    _("'%s': case type '%s' has no property '%s'; did you "
		    "mean '%s'?"), key, ct->id, n->s, best);
	else
		diags_add(c->d, c->path, n->line, n->col,
		    _("'%s': case type '%s' has no property '%s'"), key,
		    ct->id, n->s);
	free(ids);
}

/* The property id of case type ct, or NULL (see form-int.h). */
const struct case_property *
form_case_prop(const struct case_type *ct, const char *id)
{
	return find_prop(ct, id);
}

/* Reads properties: [{id, label, type}]. */
static void
load_props(struct lctx *c, struct case_type *ct, const struct ynode *seq)
{
	const struct ynode	*v[nitems(prop_keys)], *item;
	struct case_property	*p;
	const char		*prop_types[FT_NTYPES];
	size_t			 i, k, ntypes;

	if (seq->kind != YN_SEQ || seq->n == 0) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'properties' must be a list of {id, label, type}"));
		return;
	}
	/* A property takes the answer of a question: a type with a value
	 * that is asked, not calculated. */
	ntypes = form_type_names(FTF_VALUE | FTF_CALCULATED, FTF_VALUE,
	    prop_types);
	ct->props = xcalloc(seq->n, sizeof *ct->props);
	for (i = 0; i < seq->n; i++) {
		item = seq->kids[i];
		if (!form_map_keys(c, item, prop_keys, nitems(prop_keys), v,
		    _("a property")))
			continue;
		if (v[0] == NULL || v[0]->kind != YN_SCALAR) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("a property has no 'id'"));
			continue;
		}
		if (!form_is_name(v[0]->s, false))
			diags_add(c->d, c->path, v[0]->line, v[0]->col,
			    _("property id '%s' must be a letter or _ "
			    "followed by letters, digits or _"), v[0]->s);
		if (find_prop(ct, v[0]->s) != NULL)
			diags_add(c->d, c->path, v[0]->line, v[0]->col,
			    _("duplicate property id '%s'"), v[0]->s);
		p = &ct->props[ct->nprops++];
		p->id = xstrdup(v[0]->s);
		p->label = form_get_text(c, v[1], "label");
		p->type = form_get_text(c, v[2], "type");
		if (p->label == NULL)
			diags_add(c->d, c->path, item->line, item->col,
			    _("property '%s' has no 'label'"), p->id);
		if (p->type == NULL) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("property '%s' has no 'type'"), p->id);
			p->type = xstrdup("text");
			continue;
		}
		for (k = 0; k < ntypes; k++) {
			if (strcmp(p->type, prop_types[k]) == 0)
				break;
		}
		if (k == ntypes)
			form_unknown(c->d, c->path, v[2]->line, v[2]->col,
			    _("unknown property type '%s'"),
			    _("unknown property type '%s'; did you mean "
			    "'%s'?"), p->type, prop_types, ntypes);
	}
}

/* Reads a list of property names (columns, search). */
static void
load_prop_list(struct lctx *c, const struct case_type *ct,
    const struct ynode *seq, const char *key, char ***out, size_t *n)
{
	const struct ynode	*item;
	size_t			 i;

	if (seq->kind != YN_SEQ) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'%s' must be a list of property ids"), key);
		return;
	}
	*out = xcalloc(seq->n, sizeof **out);
	for (i = 0; i < seq->n; i++) {
		item = seq->kids[i];
		if (item->kind != YN_SCALAR) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("'%s' must be a list of property ids"), key);
			continue;
		}
		if (find_prop(ct, item->s) == NULL)
			unknown_prop(c, ct, item, key);
		(*out)[(*n)++] = xstrdup(item->s);
	}
}

/* Reads one case type. */
static struct case_type *
load_case_type(struct lctx *c, const struct ynode *n)
{
	const struct ynode	*v[nitems(ct_keys)];
	struct case_type	*ct;

	if (!form_map_keys(c, n, ct_keys, nitems(ct_keys), v,
	    _("a case type")))
		return NULL;
	if (v[CK_ID] == NULL || v[CK_ID]->kind != YN_SCALAR) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("a case type has no 'id'"));
		return NULL;
	}
	if (!form_is_name(v[CK_ID]->s, true))
		diags_add(c->d, c->path, v[CK_ID]->line, v[CK_ID]->col,
		    _("case type id '%s' must be a lower-case letter followed "
		    "by lower-case letters, digits or _"), v[CK_ID]->s);
	ct = xcalloc(1, sizeof *ct);
	ct->id = xstrdup(v[CK_ID]->s);
	ct->title = form_get_text(c, v[CK_TITLE], "title");
	if (ct->title == NULL)
		diags_add(c->d, c->path, n->line, n->col,
		    _("case type '%s' has no 'title'"), ct->id);
	if (v[CK_PROPERTIES] == NULL)
		diags_add(c->d, c->path, n->line, n->col,
		    _("case type '%s' has no 'properties'"), ct->id);
	else
		load_props(c, ct, v[CK_PROPERTIES]);
	ct->name_property = form_get_text(c, v[CK_NAME], "name");
	if (ct->name_property == NULL)
		diags_add(c->d, c->path, n->line, n->col,
		    _("case type '%s' has no 'name' (the property shown as "
		    "its name)"), ct->id);
	else if (find_prop(ct, ct->name_property) == NULL)
		unknown_prop(c, ct, v[CK_NAME], "name");
	if (v[CK_COLUMNS] != NULL)
		load_prop_list(c, ct, v[CK_COLUMNS], "columns", &ct->columns,
		    &ct->ncolumns);
	else if (ct->name_property != NULL) {
		ct->columns = xcalloc(1, sizeof *ct->columns);
		ct->columns[ct->ncolumns++] = xstrdup(ct->name_property);
	}
	if (v[CK_SEARCH] != NULL)
		load_prop_list(c, ct, v[CK_SEARCH], "search", &ct->search,
		    &ct->nsearch);
	else if (ct->name_property != NULL) {
		ct->search = xcalloc(1, sizeof *ct->search);
		ct->search[ct->nsearch++] = xstrdup(ct->name_property);
	}
	if (v[CK_SCHEDULES] != NULL)
		form_load_schedules(c, ct, v[CK_SCHEDULES]);
	return ct;
}

/* Loads the case types of a cases.yaml tree (see form-int.h). */
size_t
form_load_case_types(const char *path, const struct ynode *root,
    struct case_type ***cts, size_t *n, struct diags *d)
{
	const struct ynode	*v[nitems(top_keys)], *seq;
	struct case_type	*ct;
	struct lctx		 c;
	size_t			 before = d->n, i, j;

	*cts = NULL;
	*n = 0;
	memset(&c, 0, sizeof c);
	c.path = path;
	c.d = d;
	if (!form_map_keys(&c, root, top_keys, nitems(top_keys), v,
	    _("the case types file")))
		return d->n - before;
	if ((seq = v[0]) == NULL || seq->kind != YN_SEQ) {
		diags_add(d, path, root->line, root->col,
		    _("'case_types' must be a list of case types"));
		return d->n - before;
	}
	*cts = xcalloc(seq->n + 1, sizeof **cts);
	for (i = 0; i < seq->n; i++) {
		if ((ct = load_case_type(&c, seq->kids[i])) == NULL)
			continue;
		for (j = 0; j < *n; j++) {
			if (strcmp((*cts)[j]->id, ct->id) == 0)
				diags_add(d, path, seq->kids[i]->line,
				    seq->kids[i]->col,
				    _("duplicate case type id '%s'"), ct->id);
		}
		(*cts)[(*n)++] = ct;
	}
	return d->n - before;
}
