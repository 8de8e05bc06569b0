/*
 * form-sig.c: a form's signature, what its answers mean: every field's id,
 * type, place (the group or repeat it is in), case property and
 * calculation, and the values of the choice lists written in the form.
 * Labels, hints, messages, relevance and constraints are left out: they
 * change how a question is asked, not what its stored answer means.  Lists
 * read from a data file are named, not listed: a list of occupations
 * grows without the forms that use it meaning anything else.  A form that
 * keeps its version must keep its signature (see store_forms_changed).
 */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "util.h"

/* Appends s and a separator no id or value holds. */
static void
sig_add(struct buf *b, const char *s)
{
	buf_adds(b, s != NULL ? s : "");
	buf_addc(b, '\x1f');
}

/* Whether a choice list was read from a data file. */
static bool
sig_list_from_file(const struct choice_list *cl)
{
	size_t	n = strlen(cl->name);

	return n > 4 && strcmp(cl->name + n - 4, ".csv") == 0;
}

char *
form_signature(const struct form *f)
{
	const struct field	*fd;
	unsigned char		 h[16];
	char			 hex[sizeof h * 2 + 1];
	struct buf		 b;
	size_t			 i, k;

	if (sodium_init() < 0)		/* idempotent */
		fatal("libsodium cannot be initialised");
	buf_init(&b);
	sig_add(&b, f->id);
	sig_add(&b, f->case_type);
	if (f->parent != NULL)		/* a child case: of which cases */
		sig_add(&b, f->parent);
	if (f->close_when != NULL)
		sig_add(&b, expr_source(f->close_when));
	for (i = 0; i < f->nfields; i++) {
		fd = f->fields[i];
		sig_add(&b, fd->id);
		sig_add(&b, field_type_name(fd->type));
		sig_add(&b, fd->parent != NULL ? fd->parent->id : NULL);
		sig_add(&b, fd->save_to);
		if (fd->case_type != NULL)	/* a link: what it names */
			sig_add(&b, fd->case_type);
		if (fd->case_filter != NULL)
			sig_add(&b, expr_source(fd->case_filter));
		sig_add(&b, fd->calculation != NULL ?
		    expr_source(fd->calculation) : NULL);
		if (fd->choices != NULL) {
			sig_add(&b, fd->choices->name);
			for (k = 0; !sig_list_from_file(fd->choices) &&
			    k < fd->choices->n; k++)
				sig_add(&b, fd->choices->v[k].value);
		}
		buf_addc(&b, '\n');
	}
	crypto_generichash(h, sizeof h, (const unsigned char *)b.s, b.len,
	    NULL, 0);
	buf_free(&b);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return xstrdup(hex);
}
