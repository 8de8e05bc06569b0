/*
 * form-load-choices.c: the choice lists of a form file: the named lists of
 * its `choices:` mapping, and a select field's `choices:` (a list name, an
 * inline list, or a data file read by form-data.c), each list checked
 * (values without spaces, no value twice, filter columns) and owned by the
 * form.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* Reports a choice that repeats a value of its list. */
static void
choice_dup(void *arg, size_t first, size_t again)
{
	struct lctx		*c = ((void **)arg)[0];
	const struct ynode	*const *nodes = ((void **)arg)[1];

	(void)first;
	diags_add(c->d, c->path, nodes[again]->line, nodes[again]->col,
	    _("value '%s' is already in the list (line %d)"),
	    nodes[again]->s, nodes[first]->line);
}

/* Reads an inline list of choices (a YAML sequence) named name. */
static struct choice_list *
load_choices(struct lctx *c, const struct ynode *seq, const char *name)
{
	static const char *const ckeys[] = { "value", "label" };
	struct choice_list	*cl;
	struct choice		*ch;
	const struct ynode	*item, *k, *v, *val, *lab;
	const struct ynode	**vnodes;
	const char		**values;
	void			*arg[2];
	size_t			 i, j, before = c->d->n;

	if (seq->kind != YN_SEQ) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("choice list '%s' must be a list of {value, label}"),
		    name);
		return NULL;
	}
	if (seq->n == 0) {
		diags_add(c->d, c->path, seq->line, seq->col,
		    _("choice list '%s' is empty"), name);
		return NULL;
	}
	cl = xcalloc(1, sizeof *cl);
	cl->name = xstrdup(name);
	cl->v = xcalloc(seq->n, sizeof *cl->v);
	vnodes = xcalloc(seq->n, sizeof *vnodes);
	for (i = 0; i < seq->n; i++) {
		item = seq->kids[i];
		if (item->kind != YN_MAP) {
			diags_add(c->d, c->path, item->line, item->col,
			    _("a choice must be a mapping {value, label}"));
			continue;
		}
		val = form_yaml_get(item, "value");
		lab = form_yaml_get(item, "label");
		ch = &cl->v[cl->n];
		for (j = 0; j + 1 < item->n; j += 2) {
			k = item->kids[j];
			v = item->kids[j + 1];
			if (v == val || v == lab)
				continue;
			if ((val == NULL && str_distance(k->s, "value", 3) <= 2) ||
			    (lab == NULL && str_distance(k->s, "label", 3) <= 2)) {
				form_unknown(c->d, c->path, k->line, k->col,
				    _("unknown key '%s'"),
				    _("unknown key '%s'; did you mean '%s'?"),
				    k->s, ckeys, nitems(ckeys));
				continue;
			}
			if (!form_is_name(k->s, false) || v->kind != YN_SCALAR) {
				diags_add(c->d, c->path, k->line, k->col,
				    _("filter column '%s' must be a name with "
				    "a text value"), k->s);
				continue;
			}
			ch->fkeys = xreallocarray(ch->fkeys, ch->nf + 1,
			    sizeof *ch->fkeys);
			ch->fvals = xreallocarray(ch->fvals, ch->nf + 1,
			    sizeof *ch->fvals);
			ch->fkeys[ch->nf] = xstrdup(k->s);
			ch->fvals[ch->nf] = xstrdup(v->s);
			ch->nf++;
		}
		if (val == NULL)
			diags_add(c->d, c->path, item->line, item->col,
			    _("a choice has no 'value'"));
		else if (val->kind != YN_SCALAR || val->len == 0 ||
		    strpbrk(val->s, " \t\n") != NULL)
			diags_add(c->d, c->path, val->line, val->col,
			    _("a choice value must be a text without spaces"));
		if (lab == NULL)
			diags_add(c->d, c->path, item->line, item->col,
			    _("a choice has no 'label'"));
		ch->value = form_get_text(c, val, "value");
		ch->label = form_get_text(c, lab, "label");
		if (ch->value == NULL)
			ch->value = xstrdup("");
		if (ch->label == NULL)
			ch->label = xstrdup("");
		vnodes[cl->n] = val;
		cl->n++;
	}
	values = xcalloc(cl->n, sizeof *values);
	for (i = j = 0; i < cl->n; i++) {
		if (vnodes[i] != NULL) {
			vnodes[j] = vnodes[i];
			values[j++] = cl->v[i].value;
		}
	}
	arg[0] = c;
	arg[1] = vnodes;
	form_find_dups(values, j, choice_dup, arg);
	free(values);
	free(vnodes);
	if (c->d->n != before) {
		form_choice_list_free(cl);
		return NULL;
	}
	form_choice_list_columns(cl);
	return cl;
}

/* Adds a list to the form, which owns it. */
static void
form_add_list(struct form *f, struct choice_list *cl)
{
	f->lists = xreallocarray(f->lists, f->nlists + 1, sizeof *f->lists);
	f->lists[f->nlists++] = cl;
}

/* Reads the `choices:` mapping of named lists. */
void
form_load_named_lists(struct lctx *c, const struct ynode *m)
{
	struct choice_list	*cl;
	size_t			 i;

	if (m->kind != YN_MAP) {
		diags_add(c->d, c->path, m->line, m->col,
		    _("'choices' must be a mapping of list names to lists"));
		return;
	}
	for (i = 0; i + 1 < m->n; i += 2) {
		if ((cl = load_choices(c, m->kids[i + 1], m->kids[i]->s)) ==
		    NULL)
			continue;
		form_add_list(c->form, cl);
		c->named = xreallocarray(c->named, c->nnamed + 1,
		    sizeof *c->named);
		c->named[c->nnamed++] = cl;
	}
}

/* Resolves a field's `choices:` (a list name, an inline list, or a data
 * file) to a list of the form. */
const struct choice_list *
form_load_field_choices(struct lctx *c, struct field *f,
    const struct ynode *v)
{
	static const char *const fkeys[] = { "file" };
	const struct ynode	*file;
	struct choice_list	*cl;
	const char		**names;
	size_t			 i;

	if (v->kind == YN_SEQ) {
		if ((cl = load_choices(c, v, f->id)) != NULL)
			form_add_list(c->form, cl);
		return cl;
	}
	if (v->kind == YN_MAP) {
		if (!form_map_keys(c, v, fkeys, nitems(fkeys), &file,
		    "'choices'"))
			return NULL;
		if (file == NULL || file->kind != YN_SCALAR) {
			diags_add(c->d, c->path, v->line, v->col,
			    _("'choices' as a mapping needs {file: NAME.csv}"));
			return NULL;
		}
		for (i = 0; i < c->nfiles; i++) {
			if (strcmp(c->files[i]->name, file->s) == 0)
				return c->files[i];
		}
		cl = form_data_load(c->data_dir, file->s, c->path, file->line,
		    file->col, c->d);
		if (cl == NULL)
			return NULL;
		form_add_list(c->form, cl);
		c->files = xreallocarray(c->files, c->nfiles + 1,
		    sizeof *c->files);
		c->files[c->nfiles++] = cl;
		return cl;
	}
	for (i = 0; i < c->nnamed; i++) {
		if (strcmp(c->named[i]->name, v->s) == 0)
			return c->named[i];
	}
	if (form_yaml_get(c->lists_node, v->s) != NULL)
		return NULL;	/* the list exists but is broken: reported */
	names = xcalloc(c->nnamed + 1, sizeof *names);
	for (i = 0; i < c->nnamed; i++)
		names[i] = c->named[i]->name;
	form_unknown(c->d, c->path, v->line, v->col,
	    _("choice list '%s' does not exist"),
	    _("choice list '%s' does not exist; did you mean '%s'?"), v->s,
	    names, c->nnamed);
	free(names);
	return NULL;
}
