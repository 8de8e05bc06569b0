/*
 * form-indicators.c: loads and checks data/indicators.yaml
 * (form-indicators.h) with the form module's YAML tree, so its errors read
 * like a form's: file:line:column, unknown names with a suggestion.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form-indicators.h"
#include "form-int.h"
#include "i18n.h"
#include "util.h"

static const char *const ind_kinds[] = {
	"count", "share", "shares", "mean", "median", "sum", "overdue",
	"cases", "funnel"
};
static const char *const ind_picks[] = { "all", "first", "latest" };
static const char *const ind_keys[] = {
	"id", "label", "section", "kind", "form", "case_type", "repeat",
	"where", "numerator", "field", "split", "date", "key", "pick",
	"per_case", "min_n", "money", "schedule", "window"
};
static const char *const top_keys[] = {
	"title", "min_n", "currency", "breakdowns", "indicators"
};
static const char *const by_keys[] = { "id", "label", "property", "author" };
/* Names an expression may use besides the form's fields. */
static const char *const ind_specials[] = { "_visit", "_day", "_author" };

/* The loader's state. */
struct iload {
	const char		*path;
	const struct form_pack	*pack;
	struct diags		*d;
	size_t			 errors;
};

/* Reports a problem at node n. */
static void
iload_err(struct iload *il, const struct ynode *n, const char *msg,
    const char *arg)
{
	diags_add(il->d, il->path, n != NULL ? n->line : 0,
	    n != NULL ? n->col : 0, msg, arg);
	il->errors++;
}

/* Checks that every key of mapping m is one of keys. */
static bool
iload_keys(struct iload *il, const struct ynode *m, const char *const *keys,
    size_t nkeys, const char *what)
{
	size_t	i, k;

	if (m == NULL || m->kind != YN_MAP) {
		iload_err(il, m, _("%s must be a mapping (key: value)"), what);
		return false;
	}
	for (i = 0; i + 1 < m->n; i += 2) {
		for (k = 0; k < nkeys; k++) {
			if (strcmp(m->kids[i]->s, keys[k]) == 0)
				break;
		}
		if (k == nkeys) {
			form_unknown(il->d, il->path, m->kids[i]->line,
			    m->kids[i]->col, _("unknown key '%s'"),
			    _("unknown key '%s'; did you mean '%s'?"),
			    m->kids[i]->s, keys, nkeys);
			il->errors++;
		}
	}
	return true;
}

/* The text of scalar key of m, or NULL (reported when required). */
static const char *
iload_text(struct iload *il, const struct ynode *m, const char *key,
    bool required)
{
	const struct ynode	*v = form_yaml_get(m, key);

	if (v == NULL || (v->kind == YN_SCALAR && v->s[0] == '\0')) {
		if (required)
			iload_err(il, m, _("'%s' is missing"), key);
		return NULL;
	}
	if (v->kind != YN_SCALAR) {
		iload_err(il, v, _("'%s' must be a text"), key);
		return NULL;
	}
	return v->s;
}

/* An integer key of m (def when absent). */
static int
iload_int(struct iload *il, const struct ynode *m, const char *key, int def)
{
	const char	*s = iload_text(il, m, key, false);
	char		*end;
	long		 v;

	if (s == NULL)
		return def;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 0 || v > 1000000) {
		iload_err(il, form_yaml_get(m, key),
		    _("'%s' must be a whole number from 0"), key);
		return def;
	}
	return (int)v;
}

/* One of the words of a list, by index; -1 (reported) when unknown. */
static int
iload_word(struct iload *il, const struct ynode *m, const char *key,
    const char *const *words, size_t nwords, int def)
{
	const char	*s = iload_text(il, m, key, def < 0);
	size_t		 i;

	if (s == NULL)
		return def;
	for (i = 0; i < nwords; i++) {
		if (strcmp(s, words[i]) == 0)
			return (int)i;
	}
	form_unknown(il->d, il->path, form_yaml_get(m, key)->line,
	    form_yaml_get(m, key)->col, _("unknown value '%s'"),
	    _("unknown value '%s'; did you mean '%s'?"), s, words, nwords);
	il->errors++;
	return def < 0 ? 0 : def;
}

/* The ids of a form's fields, for suggestions (caller frees the array). */
static const char **
iload_field_ids(const struct form *form, size_t *n)
{
	const char	**v;
	size_t		  i;

	v = xreallocarray(NULL, form->nfields + nitems(ind_specials),
	    sizeof *v);
	for (i = 0; i < form->nfields; i++)
		v[i] = form->fields[i]->id;
	for (i = 0; i < nitems(ind_specials); i++)
		v[form->nfields + i] = ind_specials[i];
	*n = form->nfields + nitems(ind_specials);
	return v;
}

/* The field named by key of m in form, or NULL (reported if named but
 * not found). */
static const struct field *
iload_field(struct iload *il, const struct ynode *m, const char *key,
    const struct form *form)
{
	const char		 *s = iload_text(il, m, key, false);
	const struct field	 *f;
	const char		**ids;
	size_t			  n;

	if (s == NULL || form == NULL)
		return NULL;
	if ((f = form_find_field(form, s)) != NULL)
		return f;
	ids = iload_field_ids(form, &n);
	form_unknown(il->d, il->path, form_yaml_get(m, key)->line,
	    form_yaml_get(m, key)->col, _("form has no field '%s'"),
	    _("form has no field '%s'; did you mean '%s'?"), s, ids, n);
	free(ids);
	il->errors++;
	return NULL;
}

/* Parses the expression of key, checking its names against form. */
static struct expr *
iload_expr(struct iload *il, const struct ynode *m, const char *key,
    const struct form *form)
{
	const char		 *s = iload_text(il, m, key, false);
	const struct ynode	 *v = form_yaml_get(m, key);
	const char *const	 *deps;
	const char		**ids;
	struct expr		 *e;
	char			 *cause;
	size_t			  n, i, k, nids;
	int			  col;

	if (s == NULL)
		return NULL;
	if ((e = expr_parse(s, &cause, &col)) == NULL) {
		diags_add(il->d, il->path, v->line, v->col, "%s", cause);
		il->errors++;
		free(cause);
		return NULL;
	}
	if (form == NULL)
		return e;
	n = expr_deps(e, &deps);
	ids = iload_field_ids(form, &nids);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nids; k++) {
			if (strcmp(ids[k], deps[i]) == 0)
				break;
		}
		if (k < nids)
			continue;
		form_unknown(il->d, il->path, v->line, v->col,
		    _("form has no field '%s'"),
		    _("form has no field '%s'; did you mean '%s'?"), deps[i],
		    ids, nids);
		il->errors++;
	}
	free(ids);
	return e;
}

/* Reads what every indicator has: id, label, section (the enclosing
 * one's when not its own), kind, pick, min_n and per_case. */
static void
iload_head(struct iload *il, const struct ynode *m, struct indicator *ind,
    const char *section)
{
	const char	*s;

	if ((s = iload_text(il, m, "id", true)) != NULL) {
		if (!form_is_name(s, true))
			iload_err(il, form_yaml_get(m, "id"), _("indicator id "
			    "'%s' must be lower-case letters, digits and _"),
			    s);
		ind->id = xstrdup(s);
	}
	if ((s = iload_text(il, m, "label", true)) != NULL)
		ind->label = xstrdup(s);
	if ((s = iload_text(il, m, "section", false)) != NULL)
		section = s;
	ind->section = section != NULL ? xstrdup(section) : NULL;
	ind->kind = (enum indicator_kind)iload_word(il, m, "kind", ind_kinds,
	    nitems(ind_kinds), -1);
	ind->pick = (enum indicator_pick)iload_word(il, m, "pick", ind_picks,
	    nitems(ind_picks), PICK_ALL);
	ind->min_n = iload_int(il, m, "min_n", -1);
	if ((s = iload_text(il, m, "per_case", false)) != NULL)
		ind->per_case = strcmp(s, "true") == 0 || strcmp(s, "yes") == 0;
	if ((s = iload_text(il, m, "money", false)) != NULL &&
	    (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)) {
		ind->currency = "";
		if (ind->kind != IND_MEAN && ind->kind != IND_MEDIAN &&
		    ind->kind != IND_SUM)
			iload_err(il, form_yaml_get(m, "money"), _("'%s' is "
			    "for a mean, median or sum"), "money");
	}
}

/* Reads an overdue or cases indicator's case type and split (by author
 * only). */
static void
iload_overdue(struct iload *il, const struct ynode *m, struct indicator *ind)
{
	const char	*s;

	if ((s = iload_text(il, m, "case_type", true)) != NULL &&
	    (ind->case_type = form_pack_case_type(il->pack, s)) == NULL)
		iload_err(il, form_yaml_get(m, "case_type"),
		    _("no case type '%s' in cases.yaml"), s);
	if ((s = iload_text(il, m, "split", false)) != NULL) {
		if (strcmp(s, "_author") == 0)
			ind->split_author = true;
		else
			iload_err(il, form_yaml_get(m, "split"),
			    _("an overdue indicator splits only by '%s'"),
			    "_author");
	}
}

/* The form an indicator counts, or NULL (reported, with a suggestion,
 * when named but not in the pack). */
static const struct form *
iload_form(struct iload *il, const struct ynode *m)
{
	const struct form	 *form;
	const struct ynode	 *n;
	const char		 *s;
	const char		**ids;
	size_t			  i;

	if ((s = iload_text(il, m, "form", true)) == NULL)
		return NULL;
	if ((form = form_pack_find(il->pack, s)) != NULL)
		return form;
	ids = xreallocarray(NULL, il->pack->nforms + 1, sizeof *ids);
	for (i = 0; i < il->pack->nforms; i++)
		ids[i] = il->pack->forms[i]->id;
	n = form_yaml_get(m, "form");
	form_unknown(il->d, il->path, n->line, n->col,
	    _("no form '%s'"), _("no form '%s'; did you mean '%s'?"),
	    s, ids, il->pack->nforms);
	free(ids);
	il->errors++;
	return NULL;
}

/* Reads the repeat, expressions and fields an indicator names in its
 * form. */
static void
iload_form_fields(struct iload *il, const struct ynode *m,
    struct indicator *ind)
{
	const char	*s;

	ind->repeat = iload_field(il, m, "repeat", ind->form);
	if (ind->repeat != NULL && !field_is_repeat(ind->repeat)) {
		iload_err(il, form_yaml_get(m, "repeat"),
		    _("'%s' is not a repeat"), ind->repeat->id);
		ind->repeat = NULL;
	}
	ind->where = iload_expr(il, m, "where", ind->form);
	ind->numerator = iload_expr(il, m, "numerator", ind->form);
	ind->field = iload_field(il, m, "field", ind->form);
	ind->date = iload_field(il, m, "date", ind->form);
	/* Without one, the form's own date (the visit's, the
	 * registration's), so --from/--to select by when things happened,
	 * as the follow-up figures do; else the day it was entered. */
	if (ind->date == NULL && ind->form != NULL &&
	    form_yaml_get(m, "date") == NULL)
		ind->date = form_date_field(ind->form);
	ind->key = iload_field(il, m, "key", ind->form);
	if ((s = iload_text(il, m, "split", false)) != NULL &&
	    strcmp(s, "_author") == 0)
		ind->split_author = true;
	else if (s != NULL && strcmp(s, "_month") == 0)
		ind->split_month = true;
	else
		ind->split = iload_field(il, m, "split", ind->form);
}

/* Checks that the fields named suit the kind of indicator. */
static void
iload_check_kind(struct iload *il, const struct ynode *m,
    const struct indicator *ind)
{
	if (ind->split != NULL && !field_is_select(ind->split))
		iload_err(il, form_yaml_get(m, "split"),
		    _("split field '%s' must be a select_one or "
		    "select_multiple"), ind->split->id);
	if (ind->kind == IND_SHARE && ind->numerator == NULL &&
	    form_yaml_get(m, "numerator") == NULL)
		iload_err(il, m, _("'%s' is missing"), "numerator");
	if (ind->kind >= IND_SHARES && ind->kind <= IND_SUM &&
	    ind->field == NULL && form_yaml_get(m, "field") == NULL)
		iload_err(il, m, _("'%s' is missing"), "field");
	if (ind->kind == IND_FUNNEL && ind->field == NULL &&
	    form_yaml_get(m, "field") == NULL)
		iload_err(il, m, _("'%s' is missing"), "field");
	if (ind->kind == IND_FUNNEL && ind->field != NULL &&
	    (!field_is_select(ind->field) || field_is_multiple(ind->field)))
		iload_err(il, form_yaml_get(m, "field"),
		    _("'%s' must be a select_one for a funnel"),
		    ind->field->id);
	if (ind->kind == IND_SHARES && ind->field != NULL &&
	    !field_is_select(ind->field))
		iload_err(il, form_yaml_get(m, "field"),
		    _("'%s' must be a select_one or select_multiple for "
		    "shares"), ind->field->id);
	if ((ind->kind == IND_MEAN || ind->kind == IND_MEDIAN ||
	    ind->kind == IND_SUM) && ind->field != NULL &&
	    (form_type(ind->field->type)->flags &
	    (FTF_NUMERIC | FTF_CALCULATED)) == 0)
		iload_err(il, form_yaml_get(m, "field"),
		    _("'%s' must be a number (integer, decimal or calculate)"),
		    ind->field->id);
}

/* Checks that every field named is outside repeats or in the row's
 * repeat. */
static void
iload_check_repeats(struct iload *il, const struct ynode *m,
    const struct indicator *ind)
{
	const struct field	*fs[4] = { ind->field, ind->split, ind->date,
				    ind->key };
	const char *const	 ks[4] = { "field", "split", "date", "key" };
	const struct field	*r;
	size_t			 i;

	for (i = 0; i < nitems(fs); i++) {
		if (fs[i] == NULL)
			continue;
		r = field_repeat(fs[i]);
		if (r != NULL && r != ind->repeat)
			iload_err(il, form_yaml_get(m, ks[i]),
			    _("'%s' is inside a repeat: name it with "
			    "'repeat'"), fs[i]->id);
	}
}

/* Whether sc has a visit at day w. */
static bool
iload_has_day(const struct schedule *sc, int w)
{
	size_t	i;

	if (sc->every > 0)
		return w > 0 && w % sc->every == 0 && w <= sc->until;
	for (i = 0; i < sc->ndays; i++) {
		if (sc->days[i] == w)
			return true;
	}
	return false;
}

/* Reads `schedule: ID` and `window: DAY`: a schedule of the pack that
 * the indicator's form completes, and one of its visits. */
static void
iload_window(struct iload *il, const struct ynode *m, struct indicator *ind)
{
	const struct ynode	*sn = form_yaml_get(m, "schedule");
	const struct ynode	*wn = form_yaml_get(m, "window");
	const struct schedule	*sc = NULL, *c;
	char			*end;
	size_t			 i, j;
	long			 w;

	if (sn == NULL && wn == NULL)
		return;
	if (sn == NULL || wn == NULL || sn->kind != YN_SCALAR ||
	    wn->kind != YN_SCALAR) {
		iload_err(il, sn != NULL ? sn : wn, _("'schedule' and "
		    "'window' go together: a schedule's id and a day"), NULL);
		return;
	}
	for (i = 0; i < il->pack->ncase_types && sc == NULL; i++) {
		for (j = 0; j < il->pack->case_types[i]->nschedules; j++) {
			c = &il->pack->case_types[i]->schedules[j];
			if (strcmp(c->id, sn->s) == 0 &&
			    strcmp(c->form, ind->form->id) == 0)
				sc = c;
		}
	}
	if (sc == NULL) {
		iload_err(il, sn, _("no schedule '%s' whose visits this "
		    "indicator's form makes"), sn->s);
		return;
	}
	w = strtol(wn->s, &end, 10);
	if (*end != '\0' || wn->s[0] == '\0' || !iload_has_day(sc, (int)w)) {
		iload_err(il, wn, _("schedule '%s' has no visit at that day"),
		    sc->id);
		return;
	}
	ind->schedule = sc->id;
	ind->window = (int)w;
}

/* Reads one indicator of mapping m (in section, unless it names its own);
 * problems are reported and counted in il. */
static void
iload_indicator(struct iload *il, const struct ynode *m, struct indicator *ind,
    const char *section)
{
	ind->line = m->line;
	if (!iload_keys(il, m, ind_keys, nitems(ind_keys), _("an indicator")))
		return;
	iload_head(il, m, ind, section);
	if (ind->kind == IND_OVERDUE || ind->kind == IND_CASES) {
		iload_overdue(il, m, ind);
		return;
	}
	if ((ind->form = iload_form(il, m)) == NULL)
		return;
	iload_form_fields(il, m, ind);
	iload_window(il, m, ind);
	iload_check_kind(il, m, ind);
	iload_check_repeats(il, m, ind);
}

static void
iload_breakdown(struct iload *il, const struct ynode *m, struct breakdown *b)
{
	const char	*s;

	if (!iload_keys(il, m, by_keys, nitems(by_keys), _("a breakdown")))
		return;
	if ((s = iload_text(il, m, "id", true)) != NULL)
		b->id = xstrdup(s);
	if ((s = iload_text(il, m, "label", true)) != NULL)
		b->label = xstrdup(s);
	if ((s = iload_text(il, m, "property", false)) != NULL)
		b->property = xstrdup(s);
	if ((s = iload_text(il, m, "author", false)) != NULL)
		b->author = strcmp(s, "true") == 0 || strcmp(s, "yes") == 0;
	if ((b->property == NULL) == !b->author)
		iload_err(il, m, _("a breakdown needs either 'property' or "
		    "'author: true'"), NULL);
}

struct indicator_set *
form_indicators_load(const char *path, const struct form_pack *pack,
    struct diags *d)
{
	struct indicator_set	*set;
	struct iload		 il;
	struct ynode		*root;
	const struct ynode	*list, *m, *sec;
	const char		*s, *section;
	char			*text;
	size_t			 len, i, k, before = d->n;

	memset(&il, 0, sizeof il);
	il.path = path;
	il.pack = pack;
	il.d = d;
	if ((text = form_read_file(path, FORM_MAX_FILE, &len, d)) == NULL)
		return NULL;
	root = form_yaml_parse(path, text, len, d);
	free(text);
	if (root == NULL)
		return NULL;
	set = xcalloc(1, sizeof *set);
	set->path = xstrdup(path);
	if (iload_keys(&il, root, top_keys, nitems(top_keys), _("the file"))) {
		if ((s = iload_text(&il, root, "title", false)) != NULL)
			set->title = xstrdup(s);
		s = iload_text(&il, root, "currency", false);
		set->currency = xstrdup(s != NULL ? s : "");
		set->min_n = iload_int(&il, root, "min_n", INDICATORS_MIN_N);
		list = form_yaml_get(root, "breakdowns");
		if (list != NULL && list->kind != YN_SEQ)
			iload_err(&il, list, _("'%s' must be a list"),
			    "breakdowns");
		else if (list != NULL) {
			set->by = xcalloc(list->n, sizeof *set->by);
			set->nby = list->n;
			for (i = 0; i < list->n; i++)
				iload_breakdown(&il, list->kids[i],
				    &set->by[i]);
		}
		/* indicators: a list, each item an indicator or a
		 * {section: TITLE} line that heads those after it. */
		list = form_yaml_get(root, "indicators");
		section = NULL;
		if (list == NULL || list->kind != YN_SEQ)
			iload_err(&il, list != NULL ? list : root,
			    _("'%s' must be a list"), "indicators");
		else {
			set->v = xcalloc(list->n, sizeof *set->v);
			for (i = 0; i < list->n; i++) {
				m = list->kids[i];
				if (m->kind == YN_MAP && m->n == 2 &&
				    (sec = form_yaml_get(m, "section")) !=
				    NULL && sec->kind == YN_SCALAR) {
					section = sec->s;
					continue;
				}
				iload_indicator(&il, m, &set->v[set->n++],
				    section);
			}
		}
	}
	for (i = 0; i < set->n; i++) {
		if (set->v[i].min_n < 0)
			set->v[i].min_n = set->min_n;
		if (set->v[i].currency != NULL)
			set->v[i].currency = set->currency;
		for (k = 0; k < i && set->v[i].id != NULL; k++) {
			if (set->v[k].id != NULL &&
			    strcmp(set->v[k].id, set->v[i].id) == 0) {
				diags_add(d, path, set->v[i].line, 0,
				    _("indicator id '%s' is already used "
				    "(line %d)"), set->v[i].id,
				    set->v[k].line);
				break;
			}
		}
	}
	form_yaml_free(root);
	if (d->n > before) {
		form_indicators_free(set);
		return NULL;
	}
	return set;
}

void
form_indicators_free(struct indicator_set *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		free(set->v[i].id);
		free(set->v[i].label);
		free(set->v[i].section);
		expr_free(set->v[i].where);
		expr_free(set->v[i].numerator);
	}
	free(set->v);
	for (i = 0; i < set->nby; i++) {
		free(set->by[i].id);
		free(set->by[i].label);
		free(set->by[i].property);
	}
	free(set->by);
	free(set->path);
	free(set->title);
	free(set->currency);
	free(set);
}

/* Adds an indicator to set with a copy of its (translated) label. */
static struct indicator *
default_add(struct indicator_set *set, enum indicator_kind kind,
    const char *section, char *label)
{
	struct indicator	*ind;

	set->v = xreallocarray(set->v, set->n + 1, sizeof *set->v);
	ind = &set->v[set->n];
	memset(ind, 0, sizeof *ind);
	ind->id = xasprintf("default_%zu", set->n);
	ind->kind = kind;
	ind->section = xstrdup(section);
	ind->label = label;
	ind->min_n = set->min_n;
	set->n++;
	return ind;
}

struct indicator_set *
form_indicators_default(const struct form_pack *pack)
{
	struct indicator_set	*set;
	struct indicator	*ind;
	const struct form	*form;
	const struct case_type	*ct;
	size_t			 i;

	set = xcalloc(1, sizeof *set);
	set->path = xstrdup(_("the default report"));
	set->title = xstrdup(_("Records and cases"));
	set->min_n = 0;		/* plain counts, no shares of few */
	for (i = 0; i < pack->nforms; i++) {
		form = pack->forms[i];
		ind = default_add(set, IND_COUNT, _("Records by month"),
		    xasprintf(_("%s: records"), form_text(form->title)));
		ind->form = form;
		ind->date = form_date_field(form);
		ind->split_month = true;
	}
	for (i = 0; i < pack->ncase_types; i++) {
		ct = pack->case_types[i];
		ind = default_add(set, IND_CASES, _("Cases and follow-ups"),
		    xasprintf(_("%s: open and closed cases"),
		    form_text(ct->title)));
		ind->case_type = ct;
		ind = default_add(set, IND_OVERDUE, _("Cases and follow-ups"),
		    xasprintf(_("%s: follow-ups late, of those due"),
		    form_text(ct->title)));
		ind->case_type = ct;
	}
	return set;
}
