/*
 * test-form.c: the form model as the loader builds it from the small pack
 * in tests/data/forms-ok: forms, types, containers, choices inline, named
 * and from a data file, choice filters, dependents, case types and their
 * schedules, field_check_type, problems found in a buffer, and the table
 * of field types (form-type.c) with the keys the loader lets each take.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "form.h"
#include "form-int.h"	/* K_*: the bits of a type's keys */
#include "util.h"

/* The ids of a field's dependents, space separated. */
static char *
dependents(const struct form *fm, const char *id)
{
	const struct field	*f = form_find_field(fm, id);
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; f != NULL && i < f->ndependents; i++)
		buf_addf(&b, "%s%s", i > 0 ? " " : "", f->dependents[i]->id);
	return buf_detach(&b);
}

/* Checks one dependents list. */
static void
is_dependents(const struct form *fm, const char *id, const char *want)
{
	char	*got = dependents(fm, id);

	is_str(got, want, "dependents of %s", id);
	free(got);
}

/* An answer for the choice filter test: one choice and one field. */
struct filter_env {
	const struct choice	*choice;
	const char		*major;
};

/* Looks a name up as the UI does for a choice filter: columns first. */
static const char *
filter_lookup(void *arg, const char *name)
{
	struct filter_env	*fe = arg;
	const char		*v;

	if ((v = form_filter_column(name)) != NULL)
		return choice_filter_column(fe->choice, v);
	if (strcmp(name, "occupation_major") == 0)
		return fe->major;
	return NULL;
}

/* Checks field_check_type on one answer. */
static void
check_type(const struct form *fm, const char *id, const char *value,
    bool good)
{
	char	*msg = field_check_type(form_find_field(fm, id), value);

	ok((msg == NULL) == good, "%s '%s' is %s", id, value,
	    good ? "accepted" : "refused");
	free(msg);
}

static void
test_follow_up(const struct form_pack *pack)
{
	const struct form	*fm;
	const struct field	*f, *g;
	struct filter_env	 fe;
	struct expr_env		 env;
	const char *const	*names;
	size_t			 n;
	char			*big, *msg;

	fm = form_pack_find(pack, "follow_up_visit");
	ok(fm != NULL, "follow_up_visit is found");
	if (fm == NULL)
		return;
	is_int(fm->version, 3, "its version");
	is_str(fm->title, "Follow-up visit", "its title");
	is_str(fm->case_type, "beneficiary", "its case type");
	is_int(fm->case_action, CASE_UPDATE, "it updates the case");
	is_int(fm->ntop, 8, "8 top-level fields");
	is_int(fm->nfields, 10, "10 fields in all");
	is_str(fm->fields[4]->id, "monthly_income", "fields are depth first");

	f = form_find_field(fm, "visit_date");
	is_int(f->type, FT_DATE, "visit_date is a date");
	ok(f->required, "visit_date is required");
	ok(f->dflt != NULL && f->constraint != NULL, "with a default and a "
	    "constraint");
	is_str(f->constraint_message, "The visit cannot be in the future",
	    "and its message");
	is_int(f->line, 6, "its line");

	f = form_find_field(fm, "situation");
	is_int(f->type, FT_SELECT_ONE, "situation is a select_one");
	ok(f->choices != NULL && f->choices->n == 3, "from a named list of 3");
	is_str(f->choices->name, "work_status", "named work_status");
	is_str(f->choices->v[1].label, "Self-employed", "with its labels");
	is_str(f->save_to, "work_status", "saved to work_status");

	g = form_find_field(fm, "income");
	is_int(g->type, FT_GROUP, "income is a group");
	is_int(g->nchildren, 1, "of one field");
	f = form_find_field(fm, "monthly_income");
	ok(f->parent == g, "whose parent is the group");
	ok(field_repeat(f) == NULL, "outside any repeat");

	g = form_find_field(fm, "household");
	is_int(g->type, FT_REPEAT, "household is a repeat");
	is_int(g->max, 20, "of at most 20");
	f = form_find_field(fm, "member_name");
	ok(field_repeat(f) == g, "member_name is in it");
	ok(!field_has_value(g) && field_has_value(f), "field_has_value");

	f = form_find_field(fm, "occupation");
	ok(f->choices != NULL && f->choices->n == 3, "occupation has 3 "
	    "choices from its data file");
	is_str(f->choices->name, "isco08.csv", "named after the file");
	is_str(f->choices->v[1].label, "Welders and flame cutters, gas",
	    "a quoted CSV field");
	is_str(f->choices->v[2].label, "Sheet-metal workers \"and\" others",
	    "doubled quotes");
	is_int(f->choices->ncolumns, 1, "one filter column");
	is_str(f->choices->columns[0], "major", "major");
	is_str(choice_filter_column(&f->choices->v[1], "major"), "7",
	    "its value for a choice");
	ok(choice_filter_column(&f->choices->v[1], "nosuch") == NULL,
	    "no value for another name");
	n = expr_deps(f->choice_filter, &names);
	ok(n == 2 && strcmp(names[0], "__major") == 0 &&
	    strcmp(names[1], "occupation_major") == 0,
	    "the bare column of the filter is a dependency");
	is_str(form_filter_column(names[0]), "major", "form_filter_column");
	ok(form_filter_column(names[1]) == NULL, "a field is not a column");

	memset(&env, 0, sizeof env);
	env.arg = &fe;
	env.lookup = filter_lookup;
	fe.major = "7";
	fe.choice = &f->choices->v[0];
	ok(!expr_eval_bool(f->choice_filter, &env), "the filter hides 2211");
	fe.choice = &f->choices->v[1];
	ok(expr_eval_bool(f->choice_filter, &env), "and offers 7212");

	f = form_find_field(fm, "income_band");
	is_int(f->type, FT_CALCULATE, "income_band is a calculate");
	ok(f->calculation != NULL && f->label == NULL, "with a calculation "
	    "and no label");

	is_dependents(fm, "situation", "employer income");
	is_dependents(fm, "monthly_income", "income_band");
	is_dependents(fm, "occupation_major", "occupation");
	is_dependents(fm, "visit_date", "");
	is_dependents(fm, "employer", "");

	check_type(fm, "visit_date", "2024-02-29", true);
	check_type(fm, "visit_date", "2023-02-29", false);
	check_type(fm, "visit_date", "29/02/2024", false);
	check_type(fm, "monthly_income", "1200.50", true);
	check_type(fm, "monthly_income", "-.5", true);
	check_type(fm, "monthly_income", "12,5", false);
	check_type(fm, "monthly_income", "1e5", false);
	check_type(fm, "situation", "wage", true);
	check_type(fm, "situation", "retired", false);
	check_type(fm, "employer", "Caf\xc3\xa9", true);
	check_type(fm, "employer", "Caf\xe9", false);
	check_type(fm, "employer", "", true);
	big = xmalloc(FIELD_MAX_VALUE + 2);
	memset(big, 'a', FIELD_MAX_VALUE);
	big[FIELD_MAX_VALUE] = '\0';
	msg = field_check_type(form_find_field(fm, "employer"), big);
	ok(msg == NULL, "an answer of FIELD_MAX_VALUE bytes is accepted");
	free(msg);
	big[FIELD_MAX_VALUE] = 'a';
	big[FIELD_MAX_VALUE + 1] = '\0';
	msg = field_check_type(form_find_field(fm, "employer"), big);
	ok(msg != NULL && strstr(msg, "too long") != NULL,
	    "one byte more is refused as too long: %s", msg ? msg : "");
	free(msg);
	free(big);
}

static void
test_registration(const struct form_pack *pack)
{
	const struct form	*fm;
	const struct field	*f;

	fm = form_pack_find(pack, "registration");
	ok(fm != NULL, "registration is found");
	if (fm == NULL)
		return;
	is_int(fm->case_action, CASE_OPEN, "it opens a case");
	f = form_find_field(fm, "needs");
	is_int(f->type, FT_SELECT_MULTIPLE, "needs is a select_multiple");
	ok(f->choices != NULL && f->choices->n == 3, "with an inline list");
	f = form_find_field(fm, "district");
	is_str(f->choices->columns[0], "region", "inline choices have filter "
	    "columns");
	is_str(choice_filter_column(&f->choices->v[2], "region"), "south",
	    "with values");
	f = form_find_field(fm, "members");
	ok(f->count != NULL && f->max == 0, "a repeat with a count");
	f = form_find_field(fm, "full_name");
	is_str(f->required_message, "Every beneficiary has a name",
	    "required_message");
	is_str(form_find_field(fm, "birth_date")->hint,
	    "As on the identity document", "hint");

	is_dependents(fm, "birth_date", "age");
	is_dependents(fm, "age", "adult_note");
	is_dependents(fm, "needs", "credit_amount");
	is_dependents(fm, "region", "district");
	is_dependents(fm, "household_size", "members");
	is_dependents(fm, "member_age", "total_age");

	check_type(fm, "needs", "credit placement", true);
	check_type(fm, "needs", "credit nope", false);
	check_type(fm, "credit_amount", "100", true);
	check_type(fm, "credit_amount", "-7", true);
	check_type(fm, "credit_amount", "1.5", false);
	check_type(fm, "credit_amount", "ten", false);
	ok(form_find_field(fm, "nosuch") == NULL, "form_find_field: no such");
}

/* A case field (a link): its type, the case type it names, the shape of
 * its answer. */
static void
test_link(const struct form_pack *pack)
{
	const struct form	*fm = form_pack_find(pack, "shop_visit");
	const struct field	*f;

	f = fm != NULL ? form_find_field(fm, "shop") : NULL;
	ok(f != NULL && f->type == FT_CASE, "shop is a case field");
	if (f == NULL)
		return;
	ok(field_is_link(f) && field_has_value(f) && !field_is_select(f),
	    "a link, with a value, not a select");
	is_str(f->case_type, "business", "naming the case type business");
	ok(!field_is_link(form_find_field(fm, "visits")),
	    "an integer is no link");
	check_type(fm, "shop", "K2RT-0001-8", true);
	check_type(fm, "shop", "Coastal Steel", false);
	is_int(form_type(FT_CASE)->export, FTX_CASE,
	    "it exports the id and the name");
}

static void
test_case_types(const struct form_pack *pack)
{
	const struct case_type	*ct;
	const struct schedule	*s;

	is_int(pack->ncase_types, 2, "2 case types");
	ct = form_pack_case_type(pack, "beneficiary");
	ok(ct != NULL, "beneficiary is found");
	if (ct == NULL)
		return;
	is_str(ct->title, "Beneficiary", "its title");
	is_str(ct->name_property, "full_name", "its name property");
	is_int(ct->nprops, 6, "6 properties");
	is_str(ct->props[2].type, "date", "with types");
	is_str(ct->props[2].label, "Date of birth", "and labels");
	is_int(ct->ncolumns, 3, "3 list columns");
	is_str(ct->columns[1], "work_status", "in order");
	is_int(ct->nsearch, 2, "2 searched properties");
	is_int(ct->nschedules, 1, "one schedule");
	s = &ct->schedules[0];
	is_str(s->form, "follow_up_visit", "of follow_up_visit");
	is_str(s->id, "follow_up_visit", "its id defaults to the form's");
	is_str(expr_source(s->from), "${case.training_end}",
	    "from training_end, a bare property");
	ok(s->ndays == 4 && s->days[0] == 30 && s->days[1] == 90 &&
	    s->days[2] == 180 && s->days[3] == 365, "at 30, 90, 180, 365 days");
	ok(s->win_lo == 0 && s->win_hi == 14,
	    "with 14 days' grace: the window [0, 14]");
	ct = form_pack_case_type(pack, "business");
	ok(ct != NULL && ct->ncolumns == 1 && ct->nsearch == 1 &&
	    strcmp(ct->columns[0], "business_name") == 0,
	    "columns and search default to the name property");
	ok(form_pack_case_type(pack, "nosuch") == NULL, "no such case type");
}

static void
test_buffer(const char *dir, const char *data)
{
	static const char broken[] =
	    "form: x\nversion: 1\ntitle: X\nfields:\n"
	    "  - {id: a, type: text, label: A, relevant: \"${b} = 1\"}\n";
	static const char bomb[] =
	    "a: &a [x, x]\nb: [*a, *a]\n";
	struct diags	d = { 0 };

	is_int(form_check_buffer(dir, data, "x.yaml", broken,
	    sizeof broken - 1, &d), 1, "a buffer with one problem");
	is_str(d.n > 0 ? d.v[0] : NULL,
	    "x.yaml:5:46: '${b}' names no field of the form", "named exactly");
	diags_free(&d);
	is_int(form_check_buffer(NULL, NULL, "b.yaml", bomb, sizeof bomb - 1,
	    &d), 1, "aliases are refused");
	diags_free(&d);
	is_int(form_check_buffer(NULL, NULL, "z.yaml", "", 0, &d), 1,
	    "an empty buffer is a problem");
	diags_free(&d);
}

/* Every type has its row, found by its name, with flags that agree. */
static void
test_types(void)
{
	const struct form_type	*t;
	unsigned		 fl;
	size_t			 i, bad = 0, badflags = 0;

	for (i = 0; i < FT_NTYPES; i++) {
		t = form_type((enum field_type)i);
		if (t->type != (enum field_type)i || t->name == NULL ||
		    form_type_named(t->name) != t ||
		    strcmp(field_type_name(t->type), t->name) != 0) {
			diag("type %zu: its row or its name is wrong", i);
			bad++;
			continue;
		}
		fl = t->flags;
		if (((fl & FTF_SELECT) && !(fl & FTF_VALUE)) ||
		    ((fl & FTF_MULTIPLE) && !(fl & FTF_SELECT)) ||
		    ((fl & FTF_CONTAINER) && (fl & FTF_VALUE)) ||
		    ((fl & FTF_INSTANCES) && !(fl & FTF_CONTAINER)) ||
		    ((fl & FTF_TEXT_ENTRY) && (!(fl & FTF_VALUE) ||
		    (fl & (FTF_SELECT | FTF_CALCULATED)))) ||
		    ((fl & (FTF_NUMERIC | FTF_DATE)) &&
		    !(fl & FTF_TEXT_ENTRY)) ||
		    ((fl & FTF_CALCULATED) && !(fl & FTF_VALUE)) ||
		    ((t->export == FTX_NONE) != !(fl & FTF_VALUE)) ||
		    ((t->export == FTX_CHOICES) != ((fl & FTF_MULTIPLE) != 0)) ||
		    ((t->export != FTX_NONE) != (t->sql_type != NULL)) ||
		    ((t->width != 0 || t->hint != NULL) &&
		    !(fl & FTF_TEXT_ENTRY)) ||
		    (t->check != NULL && !(fl & FTF_VALUE)) ||
		    ((fl & FTF_SELECT) && t->check == NULL) ||
		    (t->needs & ~t->keys) != 0 ||
		    !(t->keys & (1u << K_ID)) || !(t->keys & (1u << K_LABEL)) ||
		    !(t->keys & (1u << K_RELEVANT)) ||
		    ((t->keys & (1u << K_CHOICES)) != 0) !=
		    ((fl & FTF_SELECT) != 0) ||
		    ((t->needs & (1u << K_CHOICES)) != 0) !=
		    ((fl & FTF_SELECT) != 0) ||
		    ((t->needs & (1u << K_FIELDS)) != 0) !=
		    ((fl & FTF_CONTAINER) != 0) ||
		    ((t->keys & (1u << K_REQUIRED)) != 0) !=
		    ((fl & (FTF_VALUE | FTF_CALCULATED)) == FTF_VALUE) ||
		    ((t->needs & (1u << K_CALCULATION)) != 0) !=
		    ((fl & FTF_CALCULATED) != 0) ||
		    ((t->keys & (1u << K_COUNT)) != 0) !=
		    ((fl & FTF_INSTANCES) != 0)) {
			diag("type %s: its flags, keys or shape disagree",
			    t->name);
			badflags++;
		}
	}
	is_int(bad, 0, "every type has its row and its name round-trips");
	is_int(badflags, 0, "the flags, keys and shapes of every type agree");
	ok(form_type_named("nosuch") == NULL && form_type_named("") == NULL,
	    "no type is named nosuch");
	is_str(field_type_name(FT_NTYPES), "?", "nor is FT_NTYPES a type");
	t = form_type(FT_SELECT_MULTIPLE);
	ok(t->export == FTX_CHOICES && (t->flags & FTF_MULTIPLE),
	    "a select_multiple exports its answer and a 0/1 column a choice");
	ok(form_type(FT_SELECT_ONE)->export == FTX_COLUMN,
	    "a select_one exports one column");
	ok(form_type(FT_NOTE)->export == FTX_NONE &&
	    form_type(FT_GROUP)->export == FTX_NONE &&
	    form_type(FT_REPEAT)->export == FTX_NONE,
	    "notes, groups and repeats export no column");
	ok(form_type(FT_DATE)->width == 12 && form_type(FT_INTEGER)->width ==
	    16 && form_type(FT_TEXT)->width == 0, "widget widths");
	is_str(form_type(FT_DATE)->hint, "YYYY-MM-DD", "a date's hint");
	ok(form_type(FT_TEXT)->hint == NULL, "a text has none");
}

/* A field key, a value for it, and its K_ index. */
struct key_case {
	const char	*key;
	const char	*value;
	int		 k;
};

/* The problems of a form of one field of type `type` with key: value, in
 * block style so the value is at line 8, column 7 + the key's length. */
static void
key_form(const char *type, const struct key_case *kc, struct diags *d)
{
	char	*text;

	text = xasprintf("form: x\nversion: 1\ntitle: X\nfields:\n"
	    "  - id: f\n    type: %s\n    label: F\n    %s: %s\n", type,
	    kc->key, kc->value);
	form_check_buffer(NULL, NULL, "x.yaml", text, strlen(text), d);
	free(text);
}

/* The loader reports every key a type does not take, where it is, with
 * the message it always had, and no other. */
static void
test_type_keys(void)
{
	static const struct key_case keys[] = {
		{ "hint", "Another", K_HINT },
		{ "required", "true", K_REQUIRED },
		{ "required_message", "M", K_REQUIRED_MESSAGE },
		{ "relevant", "1 = 1", K_RELEVANT },
		{ "constraint", "1 = 1", K_CONSTRAINT },
		{ "constraint_message", "M", K_CONSTRAINT_MESSAGE },
		{ "default", "1", K_DEFAULT },
		{ "calculation", "1", K_CALCULATION },
		{ "read_only", "true", K_READ_ONLY },
		{ "save_to", "p", K_SAVE_TO },
		{ "choices", "[{value: a, label: A}]", K_CHOICES },
		{ "choice_filter", "1 = 1", K_CHOICE_FILTER },
		{ "fields", "[{id: g, type: text, label: G}]", K_FIELDS },
		{ "max", "3", K_MAX },
		{ "count", "2", K_COUNT },
		{ "case_type", "business", K_CASE_TYPE }
	};
	const struct form_type	*t;
	struct diags		 d = { 0 };
	char			*want;
	size_t			 i, k, j, n, wrong = 0;
	bool			 takes;

	for (i = 0; i < FT_NTYPES; i++) {
		t = form_type((enum field_type)i);
		for (k = 0; k < nitems(keys); k++) {
			key_form(t->name, &keys[k], &d);
			want = xasprintf("x.yaml:8:%zu: '%s' does not apply "
			    "to fields of type %s", 7 + strlen(keys[k].key),
			    keys[k].key, t->name);
			for (j = n = 0; j < d.n; j++)
				n += strcmp(d.v[j], want) == 0;
			takes = (t->keys & (1u << keys[k].k)) != 0;
			if (n != (takes ? 0 : 1)) {
				diag("%s with %s: %zu times '%s'", t->name,
				    keys[k].key, n, want);
				wrong++;
			}
			free(want);
			diags_free(&d);
		}
	}
	is_int(wrong, 0, "each type's keys, and only those, are taken");

	key_form("note", &keys[1], &d);
	ok(d.n == 1 && strcmp(d.v[0], "x.yaml:8:15: 'required' does not apply "
	    "to fields of type note") == 0, "a note cannot be required");
	diags_free(&d);
	key_form("text", &keys[10], &d);
	ok(d.n == 1 && strcmp(d.v[0], "x.yaml:8:14: 'choices' does not apply "
	    "to fields of type text") == 0, "a text has no choices");
	diags_free(&d);
	key_form("calculate", &keys[0], &d);
	ok(d.n >= 1 && strcmp(d.v[0], "x.yaml:8:11: 'hint' does not apply "
	    "to fields of type calculate") == 0, "a calculate has no hint");
	diags_free(&d);
	key_form("group", &keys[13], &d);
	ok(d.n >= 1 && strcmp(d.v[0], "x.yaml:8:10: 'max' does not apply "
	    "to fields of type group") == 0, "a group has no max");
	diags_free(&d);
	key_form("select_multiple", &keys[10], &d);
	is_int(d.n, 0, "a select_multiple takes its choices");
	for (i = 0; i < d.n; i++)
		diag("%s", d.v[i]);
	diags_free(&d);
}

int
main(void)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	const char		*top;
	char			*dir, *data;
	size_t			 i;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	dir = xasprintf("%s/tests/data/forms-ok", top);
	data = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(dir, data, &d);
	ok(pack != NULL, "the valid pack loads");
	for (i = 0; i < d.n; i++)
		diag("%s", d.v[i]);
	diags_free(&d);
	if (pack != NULL) {
		is_int(pack->nforms, 3, "3 forms");
		is_str(pack->forms[0]->id, "follow_up_visit", "sorted by id");
		ok(form_pack_find(pack, "nosuch") == NULL, "no such form");
		test_follow_up(pack);
		test_registration(pack);
		test_case_types(pack);
		test_link(pack);
		form_pack_free(pack);
	}
	pack = form_pack_load(data, data, &d);
	ok(pack == NULL && d.n == 1, "a folder without forms does not load");
	diags_free(&d);
	test_buffer(dir, data);
	test_types();
	test_type_keys();
	free(dir);
	free(data);
	return done_testing();
}
