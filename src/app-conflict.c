/*
 * app-conflict.c: a conflict's question and the check of a value typed
 * to settle it (app-conflict.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-conflict.h"
#include "form.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* True when c is on a case property (its record is the case). */
static bool
on_case(const struct conflict *c)
{
	return c->case_id != NULL && strcmp(c->record_id, c->case_id) == 0;
}

const struct field *
app_conflict_field(struct app *app, const struct conflict *c,
    const struct form **fp)
{
	const struct form	*f;
	const struct field	*fld;
	const char		*id;
	char			*bare;
	size_t			 i, j;

	*fp = NULL;
	if (app->pack == NULL)
		return NULL;
	if (!on_case(c)) {
		if (c->form == NULL ||
		    (*fp = form_pack_find(app->pack, c->form)) == NULL)
			return NULL;
		id = strrchr(c->path, '.');
		id = id != NULL ? id + 1 : c->path;
		bare = xstrndup(id, strcspn(id, "["));
		fld = form_find_field(*fp, bare);
		free(bare);
		return fld;
	}
	for (i = 0; i < app->pack->nforms; i++) {
		f = app->pack->forms[i];
		for (j = 0; j < f->nfields; j++) {
			fld = f->fields[j];
			if (fld->save_to != NULL &&
			    strcmp(fld->save_to, c->path) == 0) {
				*fp = f;
				return fld;
			}
		}
	}
	return NULL;
}

char *
app_conflict_problem(struct app *app, const struct conflict *c,
    const char *value)
{
	const struct form	*f;
	const struct field	*fld = app_conflict_field(app, c, &f);
	struct answers		 a;
	struct record_info	 ri;
	char			*msg, *prefix, *cause = NULL;
	const char		*dot;

	if (fld == NULL || value == NULL)
		return NULL;
	if ((msg = field_check_type(fld, value)) != NULL)
		return msg;
	/* The constraint sees the record's other answers, as in the
	 * form; a case property's, the value alone. */
	answers_init(&a);
	if (!on_case(c) && store_load_record(app->store, c->record_id, &ri,
	    &a, &cause) == 0)
		record_info_free(&ri);
	free(cause);
	dot = on_case(c) ? NULL : strrchr(c->path, '.');
	prefix = dot != NULL ? xstrndup(c->path, (size_t)(dot - c->path + 1)) :
	    xstrdup("");
	answers_set(&a, on_case(c) ? fld->id : c->path, value);
	msg = record_check_field(f, &a, fld, prefix);
	free(prefix);
	answers_free(&a);
	return msg;
}
