/*
 * screen-case-kids.c: the cases a case page lists besides its records
 * (see screen-case.h): the case it is part of (a referral's person) and
 * the child cases it has (a person's referrals), each with its type,
 * name, id and whether it is open.  Only reads the store.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "screen-case.h"
#include "store.h"
#include "tui.h"
#include "util.h"

/* The parent and children of case id (see screen-case.h). */
size_t
screen_case_kids_load(const char *id, struct case_row **out,
    bool *has_parent)
{
	struct case_row	*v = NULL, *kids;
	char		*parent, *cause = NULL;
	size_t		 n = 0, nk = 0;

	kids = xcalloc(1, sizeof *kids);
	if ((parent = store_case_parent(tui.app->store, id)) != NULL) {
		struct answers	props;

		answers_init(&props);
		if (store_case_props(tui.app->store, parent, &kids[0], &props,
		    &cause) == 0)
			nk = 1;
		answers_free(&props);
	}
	*has_parent = nk == 1;
	free(parent);
	free(cause);
	cause = NULL;
	if (store_case_children(tui.app->store, id, &v, &n, &cause) == 0) {
		kids = xreallocarray(kids, nk + n + 1, sizeof *kids);
		memcpy(kids + nk, v, n * sizeof *v);
		nk += n;
	}
	free(v);
	free(cause);
	*out = kids;
	return nk;
}

/* A line of the page for case r (see screen-case.h). */
char *
screen_case_kid_text(const struct case_row *r)
{
	const struct case_type	*ct = NULL;

	if (tui.app->pack != NULL && r->type != NULL)
		ct = form_pack_case_type(tui.app->pack, r->type);
	/* TRANSLATORS: a parent or child case: its type, name, id and
	 * whether it is open. */
	return xasprintf(_("%s  %s (%s)  %s"), ct != NULL ?
	    form_text(ct->title) : r->type != NULL ? r->type : "",
	    r->name == NULL ? "" : ct != NULL ? tui_prop_text(ct,
	    ct->name_property, r->name) : r->name, r->id, r->closed ?
	    _("closed") : _("open"));
}
