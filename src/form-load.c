/*
 * form-load.c: one form file's tree into the model of form.h: the top-level
 * keys, the fields with their properties and containers (the keys a type
 * accepts and needs are its row's in form-type.c).  Choice lists are read
 * by form-load-choices.c and every expression is parsed by
 * form-load-expr.c.  What needs the whole form
 * (references, cycles, dependents, the case) is checked by form-check.c on
 * the same pass; the problems of all of them reach the caller, and a form
 * with any is freed.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

static const char *const form_keys[] = {
	"form", "version", "title", "case", "fields", "choices"
};
enum { FK_FORM, FK_VERSION, FK_TITLE, FK_CASE, FK_FIELDS, FK_CHOICES };

static const char *const case_keys[] = { "type", "action", "on_closed",
	"reason", "parent", "close_when" };
static const char *const case_actions[] = { "open", "update", "close",
	"reopen" };

static const char *const field_keys[] = {
	"id", "type", "group", "repeat", "label", "hint", "required",
	"required_message", "relevant", "constraint", "constraint_message",
	"default", "calculation", "read_only", "save_to", "choices",
	"choice_filter", "fields", "max", "count", "due", "case_type",
	"case_filter"
};

/* True when fields of f's type take key k (K_*). */
static bool
accepts(const struct field *f, int k)
{
	return (form_type(f->type)->keys & (1u << k)) != 0;
}

/* True when fields of f's type must have key k (K_*). */
static bool
needs(const struct field *f, int k)
{
	return (form_type(f->type)->needs & (1u << k)) != 0;
}

/* The filter column a choice_filter dependency stands for, or NULL. */
const char *
form_filter_column(const char *dep)
{
	if (!str_startswith(dep, FORM_FILTER_PREFIX))
		return NULL;
	return dep + sizeof FORM_FILTER_PREFIX - 1;
}

/* True when s is a name expressions can refer to: [A-Za-z_][A-Za-z0-9_]*. */
bool
form_is_name(const char *s, bool lower)
{
	if (!((*s >= 'a' && *s <= 'z') ||
	    (!lower && ((*s >= 'A' && *s <= 'Z') || *s == '_'))))
		return false;
	for (s++; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || (!lower && *s >= 'A' && *s <= 'Z')))
			return false;
	}
	return true;
}

/*
 * Sorts the keys of mapping m into vals (indexed like keys; NULL when
 * absent), reporting unknown keys with a suggestion.  False when m is not
 * a mapping (reported as "WHAT must be a mapping").
 */
bool
form_map_keys(struct lctx *c, const struct ynode *m, const char *const *keys,
    size_t nkeys, const struct ynode **vals, const char *what)
{
	size_t	i, k;

	for (k = 0; k < nkeys; k++)
		vals[k] = NULL;
	if (m->kind != YN_MAP) {
		diags_add(c->d, c->path, m->line, m->col,
		    _("%s must be a mapping (key: value)"), what);
		return false;
	}
	for (i = 0; i + 1 < m->n; i += 2) {
		for (k = 0; k < nkeys; k++) {
			if (strcmp(m->kids[i]->s, keys[k]) == 0)
				break;
		}
		if (k < nkeys)
			vals[k] = m->kids[i + 1];
		else
			form_unknown(c->d, c->path, m->kids[i]->line,
			    m->kids[i]->col, _("unknown key '%s'"),
			    _("unknown key '%s'; did you mean '%s'?"),
			    m->kids[i]->s, keys, nkeys);
	}
	return true;
}

/* Returns a copy of scalar v, or NULL (reported) when v is not a scalar;
 * an empty plain scalar (`key:` alone) gives NULL quietly. */
char *
form_get_text(struct lctx *c, const struct ynode *v, const char *key)
{
	if (v == NULL)
		return NULL;
	if (v->kind != YN_SCALAR) {
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' must be a text, not a list or mapping"), key);
		return NULL;
	}
	if (v->plain && v->len == 0)
		return NULL;
	return xstrndup(v->s, v->len);
}

/* Reads a positive integer; false (reported) when v is not one. */
static bool
load_posint(struct lctx *c, const struct ynode *v, const char *key, int *out)
{
	const char	*s;
	long long	 n = 0;

	if (v->kind == YN_SCALAR && v->len > 0 && v->len <= 10) {
		for (s = v->s; *s >= '0' && *s <= '9'; s++)
			n = n * 10 + (*s - '0');
		if (*s == '\0' && n > 0 && n <= INT_MAX) {
			*out = (int)n;
			return true;
		}
	}
	diags_add(c->d, c->path, v->line, v->col,
	    _("'%s' must be a positive integer, not '%s'"), key,
	    v->kind == YN_SCALAR ? v->s : "...");
	return false;
}

/* Reads true/false (or yes/no); false (reported) when v is neither. */
static bool
load_bool(struct lctx *c, const struct ynode *v, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
	    "Yes", "YES" };
	static const char *const no[] = { "false", "False", "FALSE", "no",
	    "No", "NO" };
	size_t	i;

	if (v->kind == YN_SCALAR) {
		for (i = 0; i < nitems(yes); i++) {
			if (strcmp(v->s, yes[i]) == 0) {
				*out = true;
				return true;
			}
			if (strcmp(v->s, no[i]) == 0) {
				*out = false;
				return true;
			}
		}
	}
	diags_add(c->d, c->path, v->line, v->col,
	    _("'%s' must be true or false, not '%s'"), key,
	    v->kind == YN_SCALAR ? v->s : "...");
	return false;
}

/* Appends f to the form's list of every field, with its private record. */
static void
add_field(struct lctx *c, struct field *f)
{
	struct form	*fm = c->form;

	f->index = fm->nfields;
	if (fm->nfields == c->capfields) {
		c->capfields = c->capfields == 0 ? 64 : c->capfields * 2;
		fm->fields = xreallocarray(fm->fields, c->capfields,
		    sizeof *fm->fields);
		c->src = xreallocarray(c->src, c->capfields, sizeof *c->src);
	}
	fm->fields[fm->nfields++] = f;
	memset(&c->src[f->index], 0, sizeof c->src[f->index]);
}

/* Reads the id and type of a field or container; false when unusable. */
static bool
field_id_type(struct lctx *c, const struct ynode *n, const struct ynode **v,
    struct field *f, struct fsrc *s)
{
	const struct ynode	*idn;
	const struct form_type	*ft;
	const char		*names[FT_NTYPES];
	int			 t;

	if (v[K_GROUP] != NULL && v[K_REPEAT] != NULL) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("a field cannot be both a group and a repeat"));
		return false;
	}
	if (v[K_GROUP] != NULL || v[K_REPEAT] != NULL) {
		t = v[K_GROUP] != NULL ? FT_GROUP : FT_REPEAT;
		idn = v[t == FT_GROUP ? K_GROUP : K_REPEAT];
		if (v[K_ID] != NULL)
			diags_add(c->d, c->path, v[K_ID]->line, v[K_ID]->col,
			    _("a %s is named by '%s: ID', not by 'id'"),
			    field_type_name(t), field_type_name(t));
		if (v[K_TYPE] != NULL && (v[K_TYPE]->kind != YN_SCALAR ||
		    strcmp(v[K_TYPE]->s, field_type_name(t)) != 0))
			diags_add(c->d, c->path, v[K_TYPE]->line,
			    v[K_TYPE]->col, _("a %s cannot have 'type'"),
			    field_type_name(t));
	} else {
		idn = v[K_ID];
		t = -1;
		if (v[K_TYPE] == NULL)
			diags_add(c->d, c->path, n->line, n->col,
			    _("field '%s' has no 'type'"),
			    idn != NULL && idn->kind == YN_SCALAR ? idn->s :
			    "?");
		else if (v[K_TYPE]->kind != YN_SCALAR)
			diags_add(c->d, c->path, v[K_TYPE]->line,
			    v[K_TYPE]->col, _("'type' must be a text"));
		else if ((ft = form_type_named(v[K_TYPE]->s)) == NULL)
			form_unknown(c->d, c->path, v[K_TYPE]->line,
			    v[K_TYPE]->col, _("unknown type '%s'"),
			    _("unknown type '%s'; did you mean '%s'?"),
			    v[K_TYPE]->s, names, form_type_names(0, 0, names));
		else
			t = (int)ft->type;
	}
	if (idn == NULL) {
		diags_add(c->d, c->path, n->line, n->col,
		    _("a field has no 'id'"));
		return false;
	}
	if (idn->kind != YN_SCALAR || !form_is_name(idn->s, false) ||
	    str_startswith(idn->s, FORM_FILTER_PREFIX)) {
		diags_add(c->d, c->path, idn->line, idn->col,
		    _("field id '%s' must be a letter or _ followed by "
		    "letters, digits or _ (and not start with __)"),
		    idn->kind == YN_SCALAR ? idn->s : "...");
		return false;
	}
	f->id = xstrdup(idn->s);
	f->line = idn->line;
	f->col = idn->col;
	s->idnode = idn;
	if (t < 0)
		return false;
	f->type = (enum field_type)t;
	return true;
}

static struct field *load_field(struct lctx *, const struct ynode *,
    struct field *, int);

/* Reads the `fields:` list of a form or container into *kids. */
static void
load_fields(struct lctx *c, const struct ynode *seq, struct field *parent,
    int nrepeat, struct field ***kids, size_t *nkids)
{
	struct field	*f;
	size_t		 i;

	if (seq->kind != YN_SEQ) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'fields' must be a list"));
		return;
	}
	if (seq->n == 0) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("'fields' is empty"));
		return;
	}
	*kids = xcalloc(seq->n, sizeof **kids);
	for (i = 0; i < seq->n; i++) {
		if ((f = load_field(c, seq->kids[i], parent, nrepeat)) != NULL)
			(*kids)[(*nkids)++] = f;
	}
}

/* A `case` field's case_type must be declared in cases.yaml. */
static void
load_link_type(struct lctx *c, const struct field *f, const struct ynode *v)
{
	const char	**names;
	size_t		  i;

	for (i = 0; i < c->ncts; i++) {
		if (strcmp(c->cts[i]->id, f->case_type) == 0)
			return;
	}
	names = xcalloc(c->ncts + 1, sizeof *names);
	for (i = 0; i < c->ncts; i++)
		names[i] = c->cts[i]->id;
	form_unknown(c->d, c->path, v->line, v->col,
	    _("case type '%s' is not declared in cases.yaml"),
	    _("case type '%s' is not declared in cases.yaml; did you mean "
	    "'%s'?"), f->case_type, names, c->ncts);
	free(names);
}

/* A `case` field's case_filter: an expression whose ${PROP} are
 * properties of its case type; NULL (reported) when broken. */
static struct expr *
load_case_filter(struct lctx *c, const struct field *f, const struct ynode *v)
{
	const struct case_type	*ct = NULL;
	const char *const	*names;
	struct expr		*e;
	char			*cause;
	size_t			 i, k, n;
	int			 col;

	if (v->kind != YN_SCALAR) {
		diags_add(c->d, c->path, v->line, v->col, "%s",
		    _("'case_filter' must be an expression"));
		return NULL;
	}
	if ((e = expr_parse(v->s, &cause, &col)) == NULL) {
		diags_add(c->d, c->path, v->line, v->col + col - 1,
		    _("bad expression in 'case_filter': %s"), cause);
		free(cause);
		return NULL;
	}
	for (i = 0; f->case_type != NULL && i < c->ncts; i++)
		if (strcmp(c->cts[i]->id, f->case_type) == 0)
			ct = c->cts[i];
	n = expr_deps(e, &names);
	for (i = 0; ct != NULL && i < n; i++) {
		for (k = 0; k < ct->nprops; k++)
			if (strcmp(ct->props[k].id, names[i]) == 0)
				break;
		if (k == ct->nprops)
			diags_add(c->d, c->path, v->line, v->col,
			    _("'case_filter' of '%s': the case type '%s' has "
			    "no property '%s'"), f->id, ct->id, names[i]);
	}
	return e;
}

/* Reads the properties of field f that hold text, flags and numbers. */
static void
field_props(struct lctx *c, struct field *f, const struct ynode **v)
{
	const char	*tn = field_type_name(f->type);
	size_t		 k;

	for (k = 0; k < nitems(field_keys); k++) {
		if (v[k] != NULL && !accepts(f, (int)k))
			diags_add(c->d, c->path, v[k]->line, v[k]->col,
			    _("'%s' does not apply to fields of type %s"),
			    field_keys[k], tn);
	}
	f->label = form_get_text(c, v[K_LABEL], "label");
	if (f->label == NULL && needs(f, K_LABEL))
		diags_add(c->d, c->path, f->line, f->col,
		    _("field '%s' has no 'label'"), f->id);
	f->hint = form_get_text(c, v[K_HINT], "hint");
	f->required_message = form_get_text(c, v[K_REQUIRED_MESSAGE],
	    "required_message");
	f->constraint_message = form_get_text(c, v[K_CONSTRAINT_MESSAGE],
	    "constraint_message");
	f->save_to = form_get_text(c, v[K_SAVE_TO], "save_to");
	f->case_type = form_get_text(c, v[K_CASE_TYPE], "case_type");
	if (f->case_type == NULL && needs(f, K_CASE_TYPE))
		diags_add(c->d, c->path, f->line, f->col,
		    _("field '%s' has no 'case_type' (the type of case it "
		    "chooses)"), f->id);
	else if (f->case_type != NULL && accepts(f, K_CASE_TYPE))
		load_link_type(c, f, v[K_CASE_TYPE]);
	if (v[K_CASE_FILTER] != NULL && accepts(f, K_CASE_FILTER))
		f->case_filter = load_case_filter(c, f, v[K_CASE_FILTER]);
	if (v[K_REQUIRED] != NULL)
		load_bool(c, v[K_REQUIRED], "required", &f->required);
	if (v[K_READ_ONLY] != NULL)
		load_bool(c, v[K_READ_ONLY], "read_only", &f->read_only);
	if (v[K_MAX] != NULL)
		load_posint(c, v[K_MAX], "max", &f->max);
	if (v[K_CONSTRAINT_MESSAGE] != NULL && v[K_CONSTRAINT] == NULL)
		diags_add(c->d, c->path, v[K_CONSTRAINT_MESSAGE]->line,
		    v[K_CONSTRAINT_MESSAGE]->col,
		    _("'constraint_message' without 'constraint'"));
	if (v[K_REQUIRED_MESSAGE] != NULL && !f->required)
		diags_add(c->d, c->path, v[K_REQUIRED_MESSAGE]->line,
		    v[K_REQUIRED_MESSAGE]->col,
		    _("'required_message' without 'required: true'"));
	if (needs(f, K_CALCULATION) && v[K_CALCULATION] == NULL)
		diags_add(c->d, c->path, f->line, f->col,
		    _("calculate field '%s' has no 'calculation'"), f->id);
	if (v[K_CALCULATION] != NULL && accepts(f, K_READ_ONLY) &&
	    !f->read_only)
		diags_add(c->d, c->path, v[K_CALCULATION]->line,
		    v[K_CALCULATION]->col,
		    _("'calculation' on a field of type %s needs "
		    "'read_only: true' (or use 'default')"), tn);
	if (needs(f, K_FIELDS) && v[K_FIELDS] == NULL)
		diags_add(c->d, c->path, f->line, f->col,
		    _("%s '%s' has no 'fields'"), tn, f->id);
	if (needs(f, K_CHOICES) && v[K_CHOICES] == NULL)
		diags_add(c->d, c->path, f->line, f->col,
		    _("select field '%s' has no 'choices'"), f->id);
}

/* Parses the expressions of field f. */
static void
field_exprs(struct lctx *c, struct field *f, const struct ynode **v,
    struct fsrc *s)
{
	if (v[K_RELEVANT] != NULL)
		f->relevant = form_load_expr(c, v[K_RELEVANT], "relevant",
		    &s->x[X_RELEVANT], NULL, false);
	if (v[K_CONSTRAINT] != NULL && accepts(f, K_CONSTRAINT))
		f->constraint = form_load_expr(c, v[K_CONSTRAINT],
		    "constraint", &s->x[X_CONSTRAINT], NULL, false);
	if (v[K_DEFAULT] != NULL && accepts(f, K_DEFAULT))
		f->dflt = form_load_expr(c, v[K_DEFAULT], "default",
		    &s->x[X_DEFAULT], NULL, false);
	if (v[K_CALCULATION] != NULL && accepts(f, K_CALCULATION))
		f->calculation = form_load_expr(c, v[K_CALCULATION],
		    "calculation", &s->x[X_CALCULATION], NULL, false);
	if (v[K_COUNT] != NULL && accepts(f, K_COUNT))
		f->count = form_load_expr(c, v[K_COUNT], "count",
		    &s->x[X_COUNT], NULL, false);
	if (v[K_CHOICE_FILTER] != NULL && accepts(f, K_CHOICE_FILTER))
		f->choice_filter = form_load_expr(c, v[K_CHOICE_FILTER],
		    "choice_filter", &s->x[X_CHOICE_FILTER], f->choices, true);
}

/* Reads one item of a `fields:` list, and its children if a container. */
static struct field *
load_field(struct lctx *c, const struct ynode *n, struct field *parent,
    int nrepeat)
{
	const struct ynode	*v[nitems(field_keys)];
	struct field		*f;
	struct fsrc		*s;

	if (!form_map_keys(c, n, field_keys, nitems(field_keys), v,
	    _("a field")))
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->parent = parent;
	f->line = n->line;
	f->col = n->col;
	add_field(c, f);
	s = &c->src[f->index];
	s->node = n;
	if (!field_id_type(c, n, v, f, s)) {
		if (f->id == NULL)
			f->id = xstrdup("");
		c->broken = true;
		return f;
	}
	field_props(c, f, v);
	if (field_is_repeat(f) && ++nrepeat > FORM_MAX_REPEAT_DEPTH)
		diags_add(c->d, c->path, f->line, f->col,
		    _("repeat '%s' is nested in %d repeats; at most %d may be "
		    "nested"), f->id, nrepeat - 1, FORM_MAX_REPEAT_DEPTH);
	if (v[K_CHOICES] != NULL && accepts(f, K_CHOICES))
		f->choices = form_load_field_choices(c, f, v[K_CHOICES]);
	s->save_to = v[K_SAVE_TO];
	field_exprs(c, f, v, s);
	if (v[K_DUE] != NULL && accepts(f, K_DUE))
		f->due = form_load_due(c, f, v[K_DUE]);
	if (v[K_FIELDS] != NULL && accepts(f, K_FIELDS))
		load_fields(c, v[K_FIELDS], f, nrepeat, &f->children,
		    &f->nchildren);
	return f;
}

/* Reads `on_closed` and `reason` of `case:`: whether an update may be
 * used on a closed case, and the question a reopening form asks why
 * (checked against the fields by form_check_form). */
static void
load_case_closed(struct lctx *c, const struct ynode *n,
    const struct ynode *on_closed, const struct ynode *reason)
{
	struct form	*f = c->form;

	if (on_closed != NULL) {
		if (on_closed->kind == YN_SCALAR &&
		    strcmp(on_closed->s, "true") == 0)
			f->on_closed = true;
		else if (on_closed->kind != YN_SCALAR ||
		    strcmp(on_closed->s, "false") != 0)
			diags_add(c->d, c->path, on_closed->line,
			    on_closed->col, "%s",
			    _("'on_closed' must be true or false"));
		if (f->on_closed && f->case_action != CASE_UPDATE &&
		    f->case_action != CASE_CLOSE)
			diags_add(c->d, c->path, on_closed->line,
			    on_closed->col, "%s", _("'on_closed' is for "
			    "forms that update or close a case"));
	}
	if (reason != NULL)
		f->reason = form_get_text(c, reason, "reason");
	if (f->case_action == CASE_REOPEN && f->reason == NULL)
		diags_add(c->d, c->path, n->line, n->col, "%s", _("a form "
		    "that reopens its case needs 'reason' (the question "
		    "asking why)"));
	else if (f->case_action != CASE_REOPEN && f->reason != NULL)
		diags_add(c->d, c->path, reason->line, reason->col, "%s",
		    _("'reason' is for a form that reopens its case"));
}

/* Reads `parent:` of `case:`: a form that opens a child case of the
 * case it is filled on, "this" (any) or that case's type. */
static void
load_case_parent(struct lctx *c, const struct ynode *v)
{
	struct form	*f = c->form;
	size_t		 i;

	if ((f->parent = form_get_text(c, v, "parent")) == NULL)
		return;
	if (f->case_action != CASE_OPEN) {
		diags_add(c->d, c->path, v->line, v->col, "%s", _("'parent' "
		    "is for a form that opens a case (a child case)"));
		return;
	}
	if (strcmp(f->parent, "this") == 0)
		return;
	for (i = 0; i < c->ncts; i++) {
		if (strcmp(c->cts[i]->id, f->parent) == 0)
			return;
	}
	diags_add(c->d, c->path, v->line, v->col, _("'parent' must be 'this' "
	    "or a case type of cases.yaml, not '%s'"), f->parent);
}

/* Reads `case: {type, action, on_closed, reason, parent}`. */
static void
load_case(struct lctx *c, const struct ynode *n)
{
	const struct ynode	*v[nitems(case_keys)];
	const char		**names;
	size_t			 i;

	if (!form_map_keys(c, n, case_keys, nitems(case_keys), v,
	    "'case'"))
		return;
	if (v[0] == NULL || v[0]->kind != YN_SCALAR || v[0]->len == 0)
		diags_add(c->d, c->path, n->line, n->col,
		    _("'case' has no 'type'"));
	else {
		c->form->case_type = xstrdup(v[0]->s);
		for (i = 0; i < c->ncts; i++) {
			if (strcmp(c->cts[i]->id, v[0]->s) == 0)
				c->ct = c->cts[i];
		}
		if (c->ct == NULL) {
			names = xcalloc(c->ncts + 1, sizeof *names);
			for (i = 0; i < c->ncts; i++)
				names[i] = c->cts[i]->id;
			form_unknown(c->d, c->path, v[0]->line, v[0]->col,
			    _("case type '%s' is not declared in cases.yaml"),
			    _("case type '%s' is not declared in cases.yaml; "
			    "did you mean '%s'?"), v[0]->s, names, c->ncts);
			free(names);
		}
	}
	if (v[1] == NULL || v[1]->kind != YN_SCALAR)
		diags_add(c->d, c->path, n->line, n->col,
		    _("'case' has no 'action' (open, update or close)"));
	else {
		for (i = 0; i < nitems(case_actions); i++) {
			if (strcmp(v[1]->s, case_actions[i]) == 0)
				c->form->case_action = CASE_OPEN + (int)i;
		}
		if (c->form->case_action == CASE_NONE)
			diags_add(c->d, c->path, v[1]->line, v[1]->col,
			    _("case action must be open, update, close or "
			    "reopen, not '%s'"), v[1]->s);
	}
	load_case_closed(c, n, v[2], v[3]);
	if (v[4] != NULL)
		load_case_parent(c, v[4]);
	if (v[5] != NULL && c->form->case_action != CASE_UPDATE)
		diags_add(c->d, c->path, v[5]->line, v[5]->col, "%s",
		    _("'close_when' is for a form that updates a case"));
	else if (v[5] != NULL)
		c->form->close_when = form_load_expr(c, v[5], "close_when",
		    &c->close_when, NULL, false);
}

/* Reads the top-level keys: id, version, title, case. */
static void
load_head(struct lctx *c, const struct ynode *root, const struct ynode **v)
{
	struct form	*f = c->form;

	if (v[FK_FORM] == NULL)
		diags_add(c->d, c->path, root->line, root->col,
		    _("missing 'form' (the form's id)"));
	else if ((f->id = form_get_text(c, v[FK_FORM], "form")) != NULL) {
		f->line = v[FK_FORM]->line;
		if (!form_is_name(f->id, true))
			diags_add(c->d, c->path, v[FK_FORM]->line,
			    v[FK_FORM]->col, _("form id '%s' must be a "
			    "lower-case letter followed by lower-case letters, "
			    "digits or _"), f->id);
	}
	if (v[FK_VERSION] == NULL)
		diags_add(c->d, c->path, root->line, root->col,
		    _("missing 'version'"));
	else
		load_posint(c, v[FK_VERSION], "version", &f->version);
	if (v[FK_TITLE] == NULL)
		diags_add(c->d, c->path, root->line, root->col,
		    _("missing 'title'"));
	else
		f->title = form_get_text(c, v[FK_TITLE], "title");
	if (v[FK_TITLE] != NULL && f->title == NULL &&
	    v[FK_TITLE]->kind == YN_SCALAR)
		diags_add(c->d, c->path, v[FK_TITLE]->line, v[FK_TITLE]->col,
		    _("'title' is empty"));
	if (v[FK_CASE] != NULL)
		load_case(c, v[FK_CASE]);
	if (v[FK_FIELDS] == NULL)
		diags_add(c->d, c->path, root->line, root->col,
		    _("missing 'fields'"));
}

/* Frees a form and everything in it. */
void
form_free(struct form *f)
{
	struct field	*fl;
	size_t		 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfields; i++) {
		fl = f->fields[i];
		free(fl->id);
		free(fl->label);
		free(fl->hint);
		free(fl->required_message);
		free(fl->constraint_message);
		free(fl->save_to);
		free(fl->case_type);
		expr_free(fl->case_filter);
		expr_free(fl->relevant);
		expr_free(fl->constraint);
		expr_free(fl->dflt);
		expr_free(fl->calculation);
		expr_free(fl->choice_filter);
		expr_free(fl->count);
		form_due_free(fl->due);
		free(fl->children);
		free(fl->dependents);
		free(fl);
	}
	for (i = 0; i < f->nlists; i++)
		form_choice_list_free(f->lists[i]);
	free(f->lists);
	free(f->fields);
	free(f->top);
	free(f->byid);
	free(f->id);
	free(f->title);
	free(f->path);
	free(f->case_type);
	free(f->reason);
	free(f->parent);
	expr_free(f->close_when);
	free(f);
}

/* Loads one form from its tree (see form-int.h). */
struct form *
form_load_tree(const char *path, const struct ynode *root,
    struct case_type *const *cts, size_t ncts, const char *data_dir,
    struct diags *d)
{
	const struct ynode	*v[nitems(form_keys)];
	struct lctx		 c;
	struct form		*f;
	size_t			 before = d->n, i, j;

	memset(&c, 0, sizeof c);
	c.path = path;
	c.d = d;
	c.data_dir = data_dir;
	c.cts = cts;
	c.ncts = ncts;
	c.form = f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	if (form_map_keys(&c, root, form_keys, nitems(form_keys), v,
	    _("a form"))) {
		load_head(&c, root, v);
		c.lists_node = v[FK_CHOICES];
		if (v[FK_CHOICES] != NULL)
			form_load_named_lists(&c, v[FK_CHOICES]);
		if (v[FK_FIELDS] != NULL)
			load_fields(&c, v[FK_FIELDS], NULL, 0, &f->top,
			    &f->ntop);
		form_check_form(&c);
	}
	for (i = 0; i < f->nfields; i++) {
		for (j = 0; j < NFEXPR; j++) {
			free(c.src[i].x[j].ins);
			free(c.src[i].x[j].inslen);
		}
	}
	free(c.src);
	free(c.named);
	free(c.files);
	if (d->n != before) {
		form_free(f);
		return NULL;
	}
	return f;
}
