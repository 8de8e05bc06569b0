/*
 * form-cases.c: the case types of forms/cases.yaml (see onward-forms(5)):
 * their properties, name, list columns, searched properties and follow-up
 * schedules, checked as they are read; schedules are checked against the
 * forms once every form is loaded.
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
static const char *const sched_keys[] = { "form", "from", "days", "grace" };

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
		for (j = 0; j < ct->nschedules; j++) {
			free(ct->schedules[j].form);
			free(ct->schedules[j].from);
			free(ct->schedules[j].days);
		}
		free(ct->schedules);
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

/* Reads a non-negative integer into *out; false (reported) otherwise. */
static bool
load_days(struct lctx *c, const struct ynode *v, const char *key, int min,
    int *out)
{
	const char	*s;
	long long	 n = 0;

	if (v->kind == YN_SCALAR && v->len > 0 && v->len <= 10) {
		for (s = v->s; *s >= '0' && *s <= '9'; s++)
			n = n * 10 + (*s - '0');
		if (*s == '\0' && n >= min && n <= INT_MAX) {
			*out = (int)n;
			return true;
		}
	}
	diags_add(c->d, c->path, v->line, v->col,
	    min > 0 ? _("'%s' must be a positive number of days, not '%s'") :
	    _("'%s' must be a number of days (0 or more), not '%s'"), key,
	    v->kind == YN_SCALAR ? v->s : "...");
	return false;
}

/* Reads schedules: [{form, from, days: [...], grace}]. */
static void
load_schedules(struct lctx *c, struct case_type *ct, const struct ynode *seq)
{
	const struct ynode		*v[nitems(sched_keys)], *item;
	const struct case_property	*p;
	struct schedule			*s;
	size_t				 i, j;
	int				 d;

	if (seq->kind != YN_SEQ) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'schedules' must be a list of {form, from, days, "
		    "grace}"));
		return;
	}
	ct->schedules = xcalloc(seq->n, sizeof *ct->schedules);
	for (i = 0; i < seq->n; i++) {
		item = seq->kids[i];
		if (!form_map_keys(c, item, sched_keys, nitems(sched_keys), v,
		    _("a schedule")))
			continue;
		if (v[0] == NULL || v[1] == NULL || v[2] == NULL) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("a schedule needs 'form', 'from' and 'days'"));
			continue;
		}
		s = &ct->schedules[ct->nschedules++];
		s->form = form_get_text(c, v[0], "form");
		s->from = form_get_text(c, v[1], "from");
		s->line = v[0]->line;
		s->col = v[0]->col;
		if (s->form == NULL)
			s->form = xstrdup("");
		if (s->from == NULL)
			s->from = xstrdup("");
		if ((p = find_prop(ct, s->from)) == NULL &&
		    v[1]->kind == YN_SCALAR)
			unknown_prop(c, ct, v[1], "from");
		else if (p != NULL && strcmp(p->type, "date") != 0)
			diags_add(c->d, c->path, v[1]->line, v[1]->col,
			    _("'from' must be a date property; '%s' has type %s"),
			    p->id, p->type);
		if (v[3] != NULL)
			load_days(c, v[3], "grace", 0, &s->grace);
		if (v[2]->kind != YN_SEQ || v[2]->n == 0) {
			diags_add(c->d, c->path, v[2]->line, v[2]->col,
			    _("'days' must be a list of numbers of days, e.g. "
			    "[30, 90]"));
			continue;
		}
		s->days = xcalloc(v[2]->n, sizeof *s->days);
		for (j = 0; j < v[2]->n; j++) {
			if (!load_days(c, v[2]->kids[j], "days", 1, &d))
				continue;
			if (s->ndays > 0 && d <= s->days[s->ndays - 1])
				diags_add(c->d, c->path, v[2]->kids[j]->line,
				    v[2]->kids[j]->col,
				    _("'days' must be in increasing order"));
			s->days[s->ndays++] = d;
		}
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
		load_schedules(c, ct, v[CK_SCHEDULES]);
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

/* Checks schedules against the loaded forms (see form-int.h). */
void
form_check_schedules(const char *path, struct case_type *const *cts,
    size_t ncts, struct form *const *forms, size_t nforms, struct diags *d)
{
	const struct schedule	*s;
	const struct form	*f;
	size_t			 i, j, k;

	for (i = 0; i < ncts; i++) {
		for (j = 0; j < cts[i]->nschedules; j++) {
			s = &cts[i]->schedules[j];
			f = NULL;
			for (k = 0; k < nforms && f == NULL; k++) {
				if (strcmp(forms[k]->id, s->form) == 0)
					f = forms[k];
			}
			if (f == NULL)
				diags_add(d, path, s->line, s->col,
				    _("schedule names form '%s', which the "
				    "pack does not have"), s->form);
			else if (f->case_type == NULL ||
			    strcmp(f->case_type, cts[i]->id) != 0 ||
			    f->case_action == CASE_OPEN)
				diags_add(d, path, s->line, s->col,
				    _("scheduled form '%s' must update or "
				    "close cases of type '%s'"), s->form,
				    cts[i]->id);
		}
	}
}
