/*
 * record-eval.c: the form's expressions evaluated over a record's answers.
 * The environment reads ${name} as seen from inside a repeat instance (its
 * own instance's answer, or the top-level one), every instance's answers
 * for count() and sum(), and a choice filter's bare columns from the
 * choice being tried.  Over it: relevance (of a field and everything
 * around it), calculations, repeats sized by their count, and defaults.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "record.h"
#include "record-int.h"
#include "util.h"

/*
 * The part of prefix up to and including its instance of repeat r
 * ("a[I1].b[I2]." and b give all of it), or NULL when prefix is not inside
 * an instance of r.  Caller frees.
 */
static char *
record_scope_repeat(const struct field *r, const char *prefix)
{
	const char	*p, *open, *close;
	size_t		 idlen;

	idlen = strlen(r->id);
	for (p = prefix; *p != '\0'; p = close + 2) {
		open = strchr(p, '[');
		close = open != NULL ? strchr(open, ']') : NULL;
		if (open == NULL || close == NULL || close[1] != '.')
			return NULL;
		if ((size_t)(open - p) == idlen && strncmp(p, r->id, idlen) == 0)
			return xstrndup(prefix, (size_t)(close + 2 - prefix));
	}
	return NULL;
}

/* The prefix field x is read under from inside prefix: its own instance
 * when prefix is in one, "" at top level, else NULL.  Caller frees. */
static char *
record_scope(const struct field *x, const char *prefix)
{
	const struct field	*r;

	if ((r = field_repeat(x)) == NULL)
		return xstrdup("");
	return record_scope_repeat(r, prefix);
}

/*
 * Every instance prefix that fields directly inside repeat r live under
 * (r NULL: the one prefix ""); enclosing repeats are restricted to the
 * instances `within` is in, and so is r itself when `self` is true.
 */
static void
record_prefixes_in(const struct answers *a, const struct field *r,
    const char *within, bool self, char ***out, size_t *n)
{
	char		**outer, **ids, *scope;
	size_t		  nouter = 0, nids, i, k;

	*out = NULL;
	*n = 0;
	if (r == NULL) {
		*out = xmalloc(sizeof **out);
		(*out)[0] = xstrdup("");
		*n = 1;
		return;
	}
	if (self && within != NULL &&
	    (scope = record_scope_repeat(r, within)) != NULL) {
		*out = xmalloc(sizeof **out);
		(*out)[0] = scope;
		*n = 1;
		return;
	}
	record_prefixes_in(a, field_repeat(r), within, true, &outer, &nouter);
	for (i = 0; i < nouter; i++) {
		nids = record_instances(a, r, outer[i], &ids);
		for (k = 0; k < nids; k++) {
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			(*out)[(*n)++] = xasprintf("%s%s[%s].", outer[i],
			    r->id, ids[k]);
		}
		record_free_ids(ids, nids);
		free(outer[i]);
	}
	free(outer);
}

/* Every instance prefix of repeat r (NULL: {""}); caller frees with
 * record_free_ids. */
void
record_prefixes(const struct answers *a, const struct field *r,
    char ***out, size_t *n)
{
	record_prefixes_in(a, r, NULL, false, out, n);
}

/* expr lookup: ${name} as seen from the environment's instance; a
 * choice_filter's bare column name (form_filter_column) reads that column
 * of the choice being tried ("" when it has none). */
static const char *
record_lookup(void *arg, const char *name)
{
	struct record_env	*env = arg;
	const struct field	*x;
	char			*scope, *path;
	const char		*v, *col;

	if ((col = form_filter_column(name)) != NULL) {
		if (env->choice == NULL ||
		    (v = choice_filter_column(env->choice, col)) == NULL)
			return "";
		return v;
	}
	if (strncmp(name, FORM_CASE_PREFIX, strlen(FORM_CASE_PREFIX)) == 0) {
		v = env->a->case_props == NULL ? NULL :
		    answers_get(env->a->case_props,
		    name + strlen(FORM_CASE_PREFIX));
		return v != NULL ? v : "";
	}
	if ((x = form_find_field(env->form, name)) == NULL)
		return NULL;
	if (!field_has_value(x))
		return "";
	if ((scope = record_scope(x, env->prefix)) == NULL)
		return "";
	path = xasprintf("%s%s", scope, x->id);
	v = answers_get(env->a, path);
	free(scope);
	free(path);
	return v != NULL ? v : "";
}

/*
 * expr lookup_all: every answer of name across the instances in scope
 * (one entry per instance for a repeat), for count() and sum().
 */
static size_t
record_lookup_all(void *arg, const char *name, const char *const **values)
{
	struct record_env	 *env = arg;
	const struct field	 *x, *r;
	char			**pre, *path;
	const char		**v = NULL, *s;
	size_t			  npre, i, n = 0;

	*values = NULL;
	if (strncmp(name, FORM_CASE_PREFIX, strlen(FORM_CASE_PREFIX)) == 0) {
		v = xmalloc(sizeof *v);
		v[0] = record_lookup(env, name);
		n = 1;
		env->arrays = xreallocarray(env->arrays, env->narrays + 1,
		    sizeof *env->arrays);
		env->arrays[env->narrays++] = v;
		*values = v;
		return n;
	}
	if ((x = form_find_field(env->form, name)) == NULL)
		return 0;
	r = field_is_repeat(x) ? x : field_repeat(x);
	if (r == NULL) {
		v = xmalloc(sizeof *v);
		s = answers_get(env->a, x->id);
		v[0] = s != NULL ? s : "";
		n = 1;
	} else {
		record_prefixes_in(env->a, r, env->prefix, false, &pre,
		    &npre);
		v = npre > 0 ? xreallocarray(NULL, npre, sizeof *v) : NULL;
		for (i = 0; i < npre; i++) {
			if (field_is_repeat(x))
				s = "1";
			else {
				path = xasprintf("%s%s", pre[i], x->id);
				s = answers_get(env->a, path);
				free(path);
			}
			v[n++] = s != NULL ? s : "";
		}
		record_free_ids(pre, npre);
	}
	env->arrays = xreallocarray(env->arrays, env->narrays + 1,
	    sizeof *env->arrays);
	env->arrays[env->narrays++] = v;
	*values = v;
	return n;
}

/* Sets up env and the expr_env e that reads through it. */
void
record_env_init(struct record_env *env, const struct form *form,
    const struct answers *a, const char *prefix, struct expr_env *e,
    const char *dot)
{
	memset(env, 0, sizeof *env);
	env->form = form;
	env->a = a;
	env->prefix = prefix;
	memset(e, 0, sizeof *e);
	e->arg = env;
	e->lookup = record_lookup;
	e->lookup_all = record_lookup_all;
	e->dot = dot;
	e->today = expr_today();
}

/* Frees the arrays lookup_all handed out. */
void
record_env_free(struct record_env *env)
{
	size_t	i;

	for (i = 0; i < env->narrays; i++)
		free(env->arrays[i]);
	free(env->arrays);
}

/* Evaluates e as a boolean inside instance prefix (dot: the answer). */
bool
record_eval_bool(const struct form *form, const struct answers *a,
    const struct expr *e, const char *prefix, const char *dot)
{
	struct record_env	env;
	struct expr_env		ee;
	bool			b;

	record_env_init(&env, form, a, prefix, &ee, dot);
	b = expr_eval_bool(e, &ee);
	record_env_free(&env);
	return b;
}

/* Evaluates e as answer text inside instance prefix (caller frees). */
static char *
record_eval_string(const struct form *form, const struct answers *a,
    const struct expr *e, const char *prefix)
{
	struct record_env	env;
	struct expr_env		ee;
	char			*s;

	record_env_init(&env, form, a, prefix, &ee, NULL);
	s = expr_eval_string(e, &ee);
	record_env_free(&env);
	return s;
}

/* The prefix with its innermost instance removed ("a[1].b[2]." gives
 * "a[1]."); caller frees. */
static char *
record_outer_prefix(const char *prefix)
{
	size_t	len = strlen(prefix);

	if (len == 0)
		return xstrdup("");
	len--;			/* the final '.' */
	while (len > 0 && prefix[len - 1] != '.')
		len--;
	return xstrndup(prefix, len);
}

/* True when f and every group or repeat around it is relevant. */
bool
record_relevant(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix)
{
	char		*pre, *outer;
	bool		 rel = true;

	pre = xstrdup(prefix);
	for (; f != NULL && rel; f = f->parent) {
		if (f->relevant != NULL &&
		    !record_eval_bool(form, a, f->relevant, pre, NULL))
			rel = false;
		if (f->parent != NULL && field_is_repeat(f->parent)) {
			/* The repeat's own relevance is read outside the
			 * instance. */
			outer = record_outer_prefix(pre);
			free(pre);
			pre = outer;
		}
	}
	free(pre);
	return rel;
}

/* Whether e is true of the answers (see record.h). */
bool
record_true(const struct form *form, const struct answers *a,
    const struct expr *e)
{
	return e != NULL && record_eval_bool(form, a, e, "", NULL);
}

/* Fields that hold a calculation: calculate fields and read-only ones. */
static bool
record_is_calculated(const struct field *f)
{
	return f->calculation != NULL && field_has_value(f);
}

/* Whether f's calculation is too long; see record-int.h. */
bool
record_calc_too_long(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix)
{
	struct record_env	env;
	struct expr_env		ee;
	bool			too_long;

	if (!record_is_calculated(f))
		return false;
	record_env_init(&env, form, a, prefix, &ee, NULL);
	free(expr_eval_text(f->calculation, &ee, &too_long));
	record_env_free(&env);
	return too_long;
}

/* Recomputes every calculation, in form order, until nothing changes
 * (bounded, as the checker forbids cycles).  True when a value changed. */
bool
record_calculate(const struct form *form, struct answers *a)
{
	const struct field	 *f;
	char			**pre, *path, *v;
	size_t			  npre, i, k;
	int			  pass;
	bool			  changed, any = false;
	const char		 *old;

	for (pass = 0; pass < 8; pass++) {
		changed = false;
		for (i = 0; i < form->nfields; i++) {
			f = form->fields[i];
			if (!record_is_calculated(f))
				continue;
			record_prefixes(a, field_repeat(f), &pre, &npre);
			for (k = 0; k < npre; k++) {
				/* A calculation that does not apply has no
				 * value: it is not stored, and its save_to
				 * leaves the case alone. */
				v = record_relevant(form, a, f, pre[k]) ?
				    record_eval_string(form, a, f->calculation,
				    pre[k]) : xstrdup("");
				path = record_path(f, pre[k]);
				old = answers_get(a, path);
				if (*v == '\0') {
					if (old != NULL) {
						answers_set(a, path, NULL);
						changed = true;
					}
				} else if (old == NULL || strcmp(old, v) != 0) {
					answers_set(a, path, v);
					changed = true;
				}
				free(path);
				free(v);
			}
			record_free_ids(pre, npre);
		}
		if (!changed)
			break;
		any = true;
	}
	return any;
}

/* Sizes the repeats that have a count (see record.h). */
bool
record_size_repeats(const struct form *form, struct answers *a,
    const char *uniq)
{
	const struct field	 *f;
	char			**pre, **ids, *v, *end, *iid;
	size_t			  npre, nids, i, j, k;
	double			  d;
	long			  want;
	bool			  changed = false;

	for (i = 0; i < form->nfields; i++) {
		f = form->fields[i];
		if (!field_is_repeat(f) || f->count == NULL)
			continue;
		record_prefixes(a, field_repeat(f), &pre, &npre);
		for (k = 0; k < npre; k++) {
			if (!record_relevant(form, a, f, pre[k]))
				continue;
			v = record_eval_string(form, a, f->count, pre[k]);
			d = strtod(v, &end);
			if (*v == '\0' || *end != '\0' || d != d) {
				free(v);
				continue;
			}
			free(v);
			want = d < 0 ? 0 : d > RECORD_MAX_INSTANCES ?
			    RECORD_MAX_INSTANCES : (long)d;
			if (f->max > 0 && want > f->max)
				want = f->max;
			nids = record_instances(a, f, pre[k], &ids);
			for (j = nids; j > (size_t)want; j--) {
				record_remove_instance(a, f, pre[k],
				    ids[j - 1]);
				changed = true;
			}
			record_free_ids(ids, nids);
			nids = j;
			for (; nids < (size_t)want; nids++) {
				iid = record_add_instance(a, f, pre[k], uniq);
				free(iid);
				changed = true;
			}
		}
		record_free_ids(pre, npre);
	}
	return changed;
}

/* Fills the defaults of empty, relevant fields. */
void
record_apply_defaults(const struct form *form, struct answers *a)
{
	const struct field	 *f;
	char			**pre, *path, *v;
	size_t			  npre, i, k;
	const char		 *old;

	for (i = 0; i < form->nfields; i++) {
		f = form->fields[i];
		if (f->dflt == NULL || !field_has_value(f))
			continue;
		record_prefixes(a, field_repeat(f), &pre, &npre);
		for (k = 0; k < npre; k++) {
			path = record_path(f, pre[k]);
			old = answers_get(a, path);
			if ((old == NULL || *old == '\0') &&
			    record_relevant(form, a, f, pre[k])) {
				v = record_eval_string(form, a, f->dflt, pre[k]);
				answers_set(a, path, *v != '\0' ? v : NULL);
				free(v);
			}
			free(path);
		}
		record_free_ids(pre, npre);
	}
}

/* Appends what ${name} shows from env: a choice's label, else the value,
 * else "..." for an answer still to come. */
static void
record_show_ref(struct record_env *env, const char *name, struct buf *b)
{
	const struct field	*x;
	const char		*v;
	char			*labels;

	v = record_lookup(env, name);
	if (v == NULL || *v == '\0') {
		buf_adds(b, "\u2026");
		return;
	}
	x = strncmp(name, FORM_CASE_PREFIX, strlen(FORM_CASE_PREFIX)) == 0 ?
	    NULL : form_find_field(env->form, name);
	if (x == NULL || !field_is_select(x)) {
		buf_adds(b, v);
		return;
	}
	labels = field_choice_text(x, v);
	buf_adds(b, labels);
	free(labels);
}

/* A label or hint with its references filled in (see record.h). */
char *
record_fill_text(const struct form *form, const struct answers *a,
    const char *prefix, const char *text)
{
	struct record_env	 env;
	struct expr_env		 e;
	struct buf		 b;
	const char		*p, *ref;
	char			 name[128];
	size_t			 len;

	if (text == NULL)
		return xstrdup("");
	if (strstr(text, "${") == NULL)
		return xstrdup(text);
	record_env_init(&env, form, a, prefix != NULL ? prefix : "", &e,
	    NULL);
	buf_init(&b);
	for (p = text; (ref = form_text_ref(p, name, sizeof name, &len)) !=
	    NULL; p = ref + len) {
		buf_add(&b, p, (size_t)(ref - p));
		/* A name the form does not know (a translation's slip) is
		 * shown as written. */
		if (record_lookup(&env, name) == NULL)
			buf_add(&b, ref, len);
		else
			record_show_ref(&env, name, &b);
	}
	buf_adds(&b, p);
	record_env_free(&env);
	return buf_detach(&b);
}
