/*
 * form-type.c: the field types, one row each (form.h, struct form_type):
 * the name a form writes, what the type is (flags), the YAML keys it
 * accepts and needs, how an answer is checked, how wide its text field is
 * and the hint beside it, how it exports and its SQL type in the views.
 * The loader, the checks, the export, the views, the indicators and the
 * form screen read these rows; none of them names a type.
 *
 * Adding a type takes two files and its tests:
 *   1. form.h: its value in enum field_type, before FT_NTYPES;
 *   2. here: its row in form_types[] and, when its answers have a shape
 *      of their own, its check function beside the others;
 *   3. tests/unit/test-form.c checks every row (test_types) and a form in
 *      tests/data/forms-ok using it; doc/onward-forms.5 describes it.
 * Its answers are then loaded, checked, saved, exported, shown in the views
 * and asked on the form screen as a text field (FTF_TEXT_ENTRY) or a choice
 * list (FTF_SELECT) with the row's width and hint.  Only a type that needs
 * a widget of its own touches the UI (screen-form.c, tui-fill.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

static char	*check_integer(const struct field *, const char *);
static char	*check_decimal(const struct field *, const char *);
static char	*check_date(const struct field *, const char *);
static char	*check_choice(const struct field *, const char *);
static char	*check_choices(const struct field *, const char *);
static char	*check_case_id(const struct field *, const char *);

#define KEY(k)		(1u << (k))
/* Every field: how it is named and when it is shown. */
#define KEYS_ANY	(KEY(K_ID) | KEY(K_TYPE) | KEY(K_GROUP) | \
			 KEY(K_REPEAT) | KEY(K_LABEL) | KEY(K_RELEVANT))
/* A question: what is asked, how it is checked and where it is kept. */
#define KEYS_ASKED	(KEYS_ANY | KEY(K_HINT) | KEY(K_REQUIRED) | \
			 KEY(K_REQUIRED_MESSAGE) | KEY(K_CONSTRAINT) | \
			 KEY(K_CONSTRAINT_MESSAGE) | KEY(K_DEFAULT) | \
			 KEY(K_CALCULATION) | KEY(K_READ_ONLY) | KEY(K_SAVE_TO))
#define KEYS_SELECT	(KEYS_ASKED | KEY(K_CHOICES) | KEY(K_CHOICE_FILTER))
#define KEYS_GROUP	(KEYS_ANY | KEY(K_HINT) | KEY(K_FIELDS))

#define F_TEXT		(FTF_VALUE | FTF_TEXT_ENTRY)

static const struct form_type form_types[] = {
	{ FT_TEXT, "text", F_TEXT, KEYS_ASKED, KEY(K_LABEL),
	    NULL, 0, NULL, FTX_COLUMN, "TEXT" },
	{ FT_INTEGER, "integer", F_TEXT | FTF_NUMERIC, KEYS_ASKED,
	    KEY(K_LABEL), check_integer, 16, N_("a whole number"),
	    FTX_COLUMN, "INTEGER" },
	{ FT_DECIMAL, "decimal", F_TEXT | FTF_NUMERIC, KEYS_ASKED,
	    KEY(K_LABEL), check_decimal, 16, N_("a number"),
	    FTX_COLUMN, "REAL" },
	{ FT_DATE, "date", F_TEXT | FTF_DATE, KEYS_ASKED | KEY(K_DUE),
	    KEY(K_LABEL), check_date, 12, N_("YYYY-MM-DD"), FTX_COLUMN, "TEXT" },
	{ FT_SELECT_ONE, "select_one", FTF_VALUE | FTF_SELECT, KEYS_SELECT,
	    KEY(K_LABEL) | KEY(K_CHOICES), check_choice, 0, NULL,
	    FTX_COLUMN, "TEXT" },
	{ FT_SELECT_MULTIPLE, "select_multiple",
	    FTF_VALUE | FTF_SELECT | FTF_MULTIPLE, KEYS_SELECT,
	    KEY(K_LABEL) | KEY(K_CHOICES), check_choices, 0, NULL,
	    FTX_CHOICES, "TEXT" },
	{ FT_NOTE, "note", 0, KEYS_ANY | KEY(K_HINT), KEY(K_LABEL),
	    NULL, 0, NULL, FTX_NONE, NULL },
	{ FT_CALCULATE, "calculate", FTF_VALUE | FTF_CALCULATED,
	    KEYS_ANY | KEY(K_CALCULATION) | KEY(K_SAVE_TO),
	    KEY(K_CALCULATION), NULL, 0, NULL, FTX_COLUMN, "TEXT" },
	{ FT_GROUP, "group", FTF_CONTAINER, KEYS_GROUP,
	    KEY(K_LABEL) | KEY(K_FIELDS), NULL, 0, NULL, FTX_NONE, NULL },
	{ FT_REPEAT, "repeat", FTF_CONTAINER | FTF_INSTANCES,
	    KEYS_GROUP | KEY(K_MAX) | KEY(K_COUNT),
	    KEY(K_LABEL) | KEY(K_FIELDS), NULL, 0, NULL, FTX_NONE, NULL },
	{ FT_CASE, "case", FTF_VALUE | FTF_LINK,
	    KEYS_ASKED | KEY(K_CASE_TYPE) | KEY(K_CASE_FILTER),
	    KEY(K_LABEL) | KEY(K_CASE_TYPE), check_case_id, 0, NULL,
	    FTX_CASE, "TEXT" }
};

_Static_assert(nitems(form_types) == FT_NTYPES,
    "every field type has its row in form_types");
_Static_assert(K_CASE_FILTER < 32, "every field key has its bit in keys");

/* The row of type t (form.h). */
const struct form_type *
form_type(enum field_type t)
{
	if ((size_t)t >= nitems(form_types) || form_types[t].type != t)
		fatal("no row for field type %d", (int)t);
	return &form_types[t];
}

/* The row of the type named name, or NULL (form.h). */
const struct form_type *
form_type_named(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(form_types); i++) {
		if (strcmp(form_types[i].name, name) == 0)
			return &form_types[i];
	}
	return NULL;
}

/* The YAML name of type t, or "?" (form.h). */
const char *
field_type_name(enum field_type t)
{
	if ((size_t)t >= nitems(form_types))
		return "?";
	return form_types[t].name;
}

/* The names of the types whose flags under mask are want (form-int.h). */
size_t
form_type_names(unsigned mask, unsigned want, const char **names)
{
	size_t	i, n = 0;

	for (i = 0; i < nitems(form_types); i++) {
		if ((form_types[i].flags & mask) == want)
			names[n++] = form_types[i].name;
	}
	return n;
}

/* True for fields that hold an answer (form.h). */
bool
field_has_value(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_VALUE) != 0;
}

/* True for fields answered from a choice list (form.h). */
bool
field_is_select(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_SELECT) != 0;
}

/* True when an answer of f holds several values (form.h). */
bool
field_is_multiple(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_MULTIPLE) != 0;
}

/* True for groups and repeats (form.h). */
bool
field_is_container(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_CONTAINER) != 0;
}

/* True for links to a case (form.h). */
bool
field_is_link(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_LINK) != 0;
}

/* True for repeats (form.h). */
bool
field_is_repeat(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_INSTANCES) != 0;
}

/* True when s is [-]digits, at most 15 of them (exact in a double). */
static bool
is_integer(const char *s)
{
	size_t	n;

	if (*s == '-')
		s++;
	n = strspn(s, "0123456789");
	return n > 0 && n <= 15 && s[n] == '\0';
}

/* True when s is [-]digits[.digits] or [-].digits. */
static bool
is_decimal(const char *s)
{
	size_t	a, b = 0;

	if (*s == '-')
		s++;
	a = strspn(s, "0123456789");
	s += a;
	if (*s == '.') {
		s++;
		b = strspn(s, "0123456789");
		s += b;
	}
	return (a > 0 || b > 0) && a <= 15 && *s == '\0';
}

/* An integer's answer: NULL, or the message (caller frees). */
static char *
check_integer(const struct field *f, const char *value)
{
	(void)f;
	if (!is_integer(value))
		return xasprintf(_("'%s' is not a whole number"), value);
	return NULL;
}

/* A decimal's answer: NULL, or the message (caller frees). */
static char *
check_decimal(const struct field *f, const char *value)
{
	(void)f;
	if (!is_decimal(value))
		return xasprintf(_("'%s' is not a number (use . for "
		    "decimals)"), value);
	return NULL;
}

/* A date's answer: NULL, or the message (caller frees). */
static char *
check_date(const struct field *f, const char *value)
{
	long	days;

	(void)f;
	if (!expr_parse_date(value, &days))
		return xasprintf(_("'%s' is not a date (YYYY-MM-DD)"), value);
	return NULL;
}

/* A select_one's answer, one choice: NULL, or the message (caller
 * frees). */
static char *
check_choice(const struct field *f, const char *value)
{
	if (field_find_choice(f, value) == NULL)
		return xasprintf(_("'%s' is not one of the choices"), value);
	return NULL;
}

/* A select_multiple's answer, choices separated by spaces: NULL, or the
 * message naming the first that is not one (caller frees). */
static char *
check_choices(const struct field *f, const char *value)
{
	const char	*p, *q;
	char		*one, *msg = NULL;

	for (p = value; *p != '\0' && msg == NULL; p = q) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		q = p + strcspn(p, " ");
		one = xstrndup(p, (size_t)(q - p));
		msg = check_choice(f, one);
		free(one);
	}
	return msg;
}

/* A case field's answer, the shape of a case id (whether that case is
 * there, of the type, open, is the store's to say: store-link.c): NULL,
 * or the message (caller frees). */
static char *
check_case_id(const struct field *f, const char *value)
{
	size_t	n = strlen(value);

	(void)f;
	if (n == 0 || n > 64 || strspn(value, "0123456789ABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZabcdefghijklmnopqrstuvwxyz-_") != n)
		return xasprintf(_("'%s' is not a case id"), value);
	return NULL;
}

/* Checks an answer against the field's type (see form.h). */
char *
field_check_type(const struct field *f, const char *value)
{
	const struct form_type	*t = form_type(f->type);

	if (value == NULL || *value == '\0')
		return NULL;
	if (strlen(value) > FIELD_MAX_VALUE)
		return xasprintf(_("the answer is too long (more than %d "
		    "KB)"), FIELD_MAX_VALUE / 1024);
	if (!utf8_valid(value, strlen(value)))
		return xstrdup(_("the text is not valid UTF-8"));
	return t->check != NULL ? t->check(f, value) : NULL;
}
