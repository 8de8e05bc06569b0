/*
 * export.c: a form as tidy tables (export.h): which tables, which
 * columns in which order, and the text of a column for one record.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "util.h"

const char *const export_meta_columns[] = {
	"_record", "_case", "_author", "_device", "_created", "_updated"
};
const char *const export_meta_labels[] = {
	N_("record id"), N_("case id"), N_("who entered the record"),
	N_("device the record was entered on"),
	N_("when the record was first saved (UTC)"),
	N_("when the record was last changed (UTC)")
};
const size_t export_nmeta = nitems(export_meta_columns);
const char *const export_repeat_columns[] = {
	"_instance", "_parent", "_position"
};
const char *const export_repeat_labels[] = {
	N_("the repeat entry's path in the record"),
	N_("the enclosing repeat entry's path, empty at the top"),
	N_("place of the entry among its siblings, from 1")
};
const size_t export_nrepeat = nitems(export_repeat_columns);
const char *const export_case_columns[] = {
	"_case", "_type", "_author", "_device", "_created", "_updated",
	"_closed", "_next_due", "_overdue"
};
const char *const export_case_labels[] = {
	N_("case id"), N_("case type"), N_("who opened the case"),
	N_("device the case was opened on"),
	N_("when the case was opened (UTC)"),
	N_("when the case was last changed (UTC)"),
	N_("1 closed, 0 open"),
	N_("the next follow-up's due day, empty when none"),
	N_("1 when the next follow-up is late, 0 when not, empty when none "
	    "is due")
};
const size_t export_ncase = nitems(export_case_columns);

_Static_assert(nitems(export_meta_labels) == nitems(export_meta_columns) &&
    nitems(export_repeat_labels) == nitems(export_repeat_columns) &&
    nitems(export_case_labels) == nitems(export_case_columns),
    "every meta column has its label");

size_t
export_case_props(const struct form_pack *pack,
    const struct case_property ***props, const char ***types)
{
	const struct case_type	*ct;
	size_t			 i, k, j, n = 0;

	*props = NULL;
	if (types != NULL)
		*types = NULL;
	for (i = 0; i < pack->ncase_types; i++) {
		ct = pack->case_types[i];
		for (k = 0; k < ct->nprops; k++) {
			for (j = 0; j < n; j++) {
				if (strcmp((*props)[j]->id,
				    ct->props[k].id) == 0)
					break;
			}
			if (j < n)
				continue;
			*props = xreallocarray(*props, n + 1, sizeof **props);
			if (types != NULL) {
				*types = xreallocarray(*types, n + 1,
				    sizeof **types);
				(*types)[n] = ct->id;
			}
			(*props)[n++] = &ct->props[k];
		}
	}
	return n;
}

const struct field *
export_prop_field(const struct form_pack *pack, const char *ct,
    const char *prop)
{
	const struct form	*form;
	const struct field	*f;
	size_t			 i, k;

	for (i = 0; i < pack->nforms; i++) {
		form = pack->forms[i];
		if (form->case_type == NULL || strcmp(form->case_type, ct) != 0)
			continue;
		for (k = 0; k < form->nfields; k++) {
			f = form->fields[k];
			if (f->save_to != NULL && f->choices != NULL &&
			    strcmp(f->save_to, prop) == 0)
				return f;
		}
	}
	return NULL;
}

/* Adds a column to table t. */
static void
export_add_column(struct export_table *t, const struct field *f,
    const struct choice *c)
{
	struct export_column	*col;

	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	col = &t->cols[t->ncols++];
	col->field = f;
	col->choice = c;
	col->case_name = false;
	if (c == NULL)
		col->name = xstrdup(f->id);
	else
		col->name = xasprintf("%s__%s", f->id, c->value);
}

/* Adds a table and returns its index. */
static size_t
export_add_table(struct export_layout *l, const struct form *form,
    const struct field *repeat, size_t parent)
{
	struct export_table	*t;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	t = &l->v[l->n];
	memset(t, 0, sizeof *t);
	t->form = form;
	t->repeat = repeat;
	t->parent = parent;
	if (repeat == NULL)
		t->name = xstrdup(form->id);
	else
		t->name = xasprintf("%s__%s", form->id, repeat->id);
	return l->n++;
}

/* Lays out fields (children of one container) into table ti. */
static void
export_walk(struct export_layout *l, const struct form *form,
    struct field *const *fields, size_t n, size_t ti)
{
	const struct field	*f;
	enum form_type_export	 ex;
	size_t			 i, k, sub;

	for (i = 0; i < n; i++) {
		f = fields[i];
		ex = form_type(f->type)->export;
		if (field_is_repeat(f)) {
			sub = export_add_table(l, form, f, ti);
			export_walk(l, form, f->children, f->nchildren, sub);
		} else if (field_is_container(f))
			export_walk(l, form, f->children, f->nchildren, ti);
		if (ex == FTX_NONE)
			continue;
		export_add_column(&l->v[ti], f, NULL);
		if (ex == FTX_CASE) {
			export_add_column(&l->v[ti], f, NULL);
			free(l->v[ti].cols[l->v[ti].ncols - 1].name);
			l->v[ti].cols[l->v[ti].ncols - 1].name =
			    xasprintf("%s__name", f->id);
			l->v[ti].cols[l->v[ti].ncols - 1].case_name = true;
		}
		if (ex == FTX_CHOICES && f->choices != NULL) {
			for (k = 0; k < f->choices->n; k++)
				export_add_column(&l->v[ti], f,
				    &f->choices->v[k]);
		}
	}
}

void
export_layout(const struct form *form, struct export_layout *l)
{
	memset(l, 0, sizeof *l);
	export_add_table(l, form, NULL, 0);
	export_walk(l, form, form->top, form->ntop, 0);
}

void
export_layout_free(struct export_layout *l)
{
	size_t	i, k;

	for (i = 0; i < l->n; i++) {
		for (k = 0; k < l->v[i].ncols; k++)
			free(l->v[i].cols[k].name);
		free(l->v[i].cols);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* True when the space-separated list s holds word w. */
static bool
export_has_word(const char *s, const char *w)
{
	size_t		 wl = strlen(w), n;
	const char	*p = s;

	while (*p != '\0') {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == wl && n > 0 && memcmp(p, w, n) == 0)
			return true;
		p += n;
	}
	return false;
}

/* The translated label of choice value v of f, or v itself. */
static const char *
export_label(const struct field *f, const char *v)
{
	const struct choice	*c;

	if ((c = field_find_choice(f, v)) == NULL || c->label == NULL)
		return v;
	return form_text(c->label);
}

const char *
export_value(const struct export_column *col, const struct answers *a,
    const char *prefix, bool labels, struct buf *b)
{
	const struct field	*f = col->field;
	const char		*v, *p;
	char			*word;
	size_t			 n;
	bool			 first = true;

	buf_reset(b);
	buf_adds(b, prefix);
	buf_adds(b, f->id);
	v = answers_get(a, b->s);
	if (v == NULL || *v == '\0')
		return NULL;
	if (col->choice != NULL)
		return export_has_word(v, col->choice->value) ? "1" : "0";
	if (!labels || !field_is_select(f))
		return v;
	if (!field_is_multiple(f))
		return export_label(f, v);
	buf_reset(b);
	for (p = v; *p != '\0'; p += n) {
		p += strspn(p, " ");
		if ((n = strcspn(p, " ")) == 0)
			break;
		word = xstrndup(p, n);
		if (!first)
			buf_adds(b, "; ");
		buf_adds(b, export_label(f, word));
		free(word);
		first = false;
	}
	return b->s != NULL ? b->s : "";
}
