/*
 * record.c: the answers of one record and the form logic over them
 * (relevance, calculations, defaults, checks, repeat instances, pruning and
 * the CLI's positional paths).  See record.h for the path syntax.
 *
 * A repeat instance exists while "R[IID]" holds its ordering key, a
 * decimal number; instances are ordered by key, then by id.  Instance ids
 * are the first characters of the `uniq` seed (the device id) and a
 * counter, so two devices never make the same one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "util.h"

#define RECORD_UNIQ_LEN	6	/* characters of the seed in an instance id */

/* The evaluation environment: the answers and the instance prefix. */
struct record_env {
	const struct form	 *form;
	const struct answers	 *a;
	const char		 *prefix;
	const struct choice	 *choice;	/* choice_filter: the choice */
	const char		***arrays;	/* arrays to free afterwards */
	size_t			  narrays;
};

/* The index of path in a, or where it would go; *found says which. */
static int
answers_find(const struct answers *a, const char *path, bool *found)
{
	size_t	lo = 0, hi = a->n, mid;
	int	c;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(a->v[mid].path, path);
		if (c == 0) {
			*found = true;
			return (int)mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo;
}

/* Initialises an empty set of answers. */
void
answers_init(struct answers *a)
{
	memset(a, 0, sizeof *a);
}

/* Frees every answer; the set is empty and reusable afterwards. */
void
answers_free(struct answers *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].path);
		free(a->v[i].value);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* Makes dst (initialised or freed) a deep copy of src. */
void
answers_copy(struct answers *dst, const struct answers *src)
{
	size_t	i;

	answers_init(dst);
	if (src->n == 0)
		return;
	dst->v = xreallocarray(NULL, src->n, sizeof *dst->v);
	dst->cap = dst->n = src->n;
	for (i = 0; i < src->n; i++) {
		dst->v[i].path = xstrdup(src->v[i].path);
		dst->v[i].value = xstrdup(src->v[i].value);
	}
}

/* Sets path to a copy of value, or removes it when value is NULL. */
void
answers_set(struct answers *a, const char *path, const char *value)
{
	bool	found;
	size_t	at;

	at = (size_t)answers_find(a, path, &found);
	if (found) {
		if (value == NULL) {
			free(a->v[at].path);
			free(a->v[at].value);
			memmove(&a->v[at], &a->v[at + 1],
			    (a->n - at - 1) * sizeof *a->v);
			a->n--;
		} else if (strcmp(a->v[at].value, value) != 0) {
			free(a->v[at].value);
			a->v[at].value = xstrdup(value);
		}
		return;
	}
	if (value == NULL)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap == 0 ? 16 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	memmove(&a->v[at + 1], &a->v[at], (a->n - at) * sizeof *a->v);
	a->v[at].path = xstrdup(path);
	a->v[at].value = xstrdup(value);
	a->n++;
}

/* The answer at path, or NULL; the string belongs to the answers. */
const char *
answers_get(const struct answers *a, const char *path)
{
	bool	found;
	int	at;

	at = answers_find(a, path, &found);
	return found ? a->v[at].value : NULL;
}

struct inst {
	char	*id;
	long	 key;
};

/* Orders instances by their ordering key, then by id. */
static int
inst_cmp(const void *va, const void *vb)
{
	const struct inst	*a = va, *b = vb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* The ids of the instances of repeat under prefix, ordered (see record.h). */
size_t
record_instances(const struct answers *a, const struct field *repeat,
    const char *prefix, char ***ids)
{
	char		*start;
	size_t		 slen, i, n = 0;
	struct inst	*v = NULL;
	const char	*p, *close;
	bool		 found;

	start = xasprintf("%s%s[", prefix, repeat->id);
	slen = strlen(start);
	i = (size_t)answers_find(a, start, &found);
	for (; i < a->n; i++) {
		p = a->v[i].path;
		if (strncmp(p, start, slen) != 0)
			break;
		close = strchr(p + slen, ']');
		if (close == NULL || close[1] != '\0' || close == p + slen)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = xstrndup(p + slen, (size_t)(close - (p + slen)));
		v[n].key = strtol(a->v[i].value, NULL, 10);
		n++;
	}
	free(start);
	if (n > 1)
		qsort(v, n, sizeof *v, inst_cmp);
	*ids = n > 0 ? xreallocarray(NULL, n, sizeof **ids) : NULL;
	for (i = 0; i < n; i++)
		(*ids)[i] = v[i].id;
	free(v);
	return n;
}

/* Frees what record_instances returned. */
void
record_free_ids(char **ids, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* Adds an instance ordered last; returns its id (caller frees). */
char *
record_add_instance(struct answers *a, const struct field *repeat,
    const char *prefix, const char *uniq)
{
	char		**ids, *iid = NULL, *path, key[32];
	size_t		  n, i;
	long		  max = 0, k;
	int		  counter;
	const char	 *v;

	n = record_instances(a, repeat, prefix, &ids);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s%s[%s]", prefix, repeat->id, ids[i]);
		v = answers_get(a, path);
		k = v != NULL ? strtol(v, NULL, 10) : 0;
		if (k > max)
			max = k;
		free(path);
	}
	if (uniq == NULL || *uniq == '\0')
		uniq = "i";
	for (counter = 1;; counter++) {
		iid = xasprintf("%.*s%d", RECORD_UNIQ_LEN, uniq, counter);
		path = xasprintf("%s%s[%s]", prefix, repeat->id, iid);
		if (answers_get(a, path) == NULL) {
			for (i = 0; i < n; i++) {
				if (strcmp(ids[i], iid) == 0)
					break;
			}
			if (i == n) {
				snprintf(key, sizeof key, "%ld", max + 1);
				answers_set(a, path, key);
				free(path);
				break;
			}
		}
		free(path);
		free(iid);
	}
	record_free_ids(ids, n);
	return iid;
}

/* Removes an instance and every answer under it. */
void
record_remove_instance(struct answers *a, const struct field *repeat,
    const char *prefix, const char *iid)
{
	char	*self, *under;
	size_t	 i, ulen;

	self = xasprintf("%s%s[%s]", prefix, repeat->id, iid);
	under = xasprintf("%s.", self);
	ulen = strlen(under);
	answers_set(a, self, NULL);
	for (i = 0; i < a->n;) {
		if (strncmp(a->v[i].path, under, ulen) == 0)
			answers_set(a, a->v[i].path, NULL);
		else
			i++;
	}
	free(self);
	free(under);
}

/* The path of f in instance prefix (caller frees). */
char *
record_path(const struct field *f, const char *prefix)
{
	return xasprintf("%s%s", prefix, f->id);
}

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
static void
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
	if ((x = form_find_field(env->form, name)) == NULL)
		return 0;
	r = x->type == FT_REPEAT ? x : field_repeat(x);
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
			if (x->type == FT_REPEAT)
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
static void
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
static void
record_env_free(struct record_env *env)
{
	size_t	i;

	for (i = 0; i < env->narrays; i++)
		free(env->arrays[i]);
	free(env->arrays);
}

/* Evaluates e as a boolean inside instance prefix (dot: the answer). */
static bool
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

/* True when the field's choice_filter lets choice c be offered. */
bool
record_choice_ok(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix, const struct choice *c)
{
	struct record_env	env;
	struct expr_env		ee;
	bool			b;

	if (f->choice_filter == NULL)
		return true;
	record_env_init(&env, form, a, prefix, &ee, NULL);
	env.choice = c;
	b = expr_eval_bool(f->choice_filter, &ee);
	record_env_free(&env);
	return b;
}

/*
 * For a list with a choice_filter: NULL when every value of answer v (one
 * value, or several space separated) is a choice the filter offers, else
 * the message naming the first that is not (caller frees).  Values that
 * are not choices at all are field_check_type's to report.
 */
static char *
record_check_choices(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix, const char *v)
{
	const struct choice	*c;
	const char		*p, *q;
	char			*one, *msg = NULL;

	if (f->choice_filter == NULL ||
	    (f->type != FT_SELECT_ONE && f->type != FT_SELECT_MULTIPLE))
		return NULL;
	for (p = v; *p != '\0' && msg == NULL; p = q) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		q = f->type == FT_SELECT_ONE ? p + strlen(p) :
		    p + strcspn(p, " ");
		one = xstrndup(p, (size_t)(q - p));
		if ((c = field_find_choice(f, one)) != NULL &&
		    !record_choice_ok(form, a, f, prefix, c))
			msg = xasprintf(_("'%s' is not one of the choices "
			    "the other answers allow"), one);
		free(one);
	}
	return msg;
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
		if (f->parent != NULL && f->parent->type == FT_REPEAT) {
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

/* Fields that hold a calculation: calculate fields and read-only ones. */
static bool
record_is_calculated(const struct field *f)
{
	return f->calculation != NULL && field_has_value(f);
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
		if (f->type != FT_REPEAT || f->count == NULL)
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

/* Checks one answer: type, constraint, required (see record.h). */
char *
record_check_field(const struct form *form, const struct answers *a,
    const struct field *f, const char *prefix)
{
	char		*path, *msg;
	const char	*v;

	if (!field_has_value(f))
		return NULL;
	path = record_path(f, prefix);
	v = answers_get(a, path);
	free(path);
	if (v != NULL && *v != '\0') {
		if ((msg = field_check_type(f, v)) != NULL)
			return msg;
		if ((msg = record_check_choices(form, a, f, prefix, v)) != NULL)
			return msg;
		if (f->constraint != NULL &&
		    !record_eval_bool(form, a, f->constraint, prefix, v)) {
			if (f->constraint_message != NULL)
				return xstrdup(form_text(f->constraint_message));
			return xstrdup(_("the answer is not allowed"));
		}
		return NULL;
	}
	if (f->required && f->type != FT_CALCULATE &&
	    record_relevant(form, a, f, prefix)) {
		if (f->required_message != NULL)
			return xstrdup(form_text(f->required_message));
		return xstrdup(_("an answer is required"));
	}
	return NULL;
}

/* A path as people write it (record.h). */
char *
record_display_path(const struct answers *a, const char *path)
{
	struct buf	 b;
	const char	*p = path, *lb, *rb, *pos;
	char		*inst;

	buf_init(&b);
	while ((lb = strchr(p, '[')) != NULL &&
	    (rb = strchr(lb, ']')) != NULL) {
		inst = xstrndup(path, (size_t)(rb + 1 - path));
		pos = answers_get(a, inst);
		buf_add(&b, p, (size_t)(lb + 1 - p));
		if (pos != NULL)
			buf_adds(&b, pos);
		else
			buf_add(&b, lb + 1, (size_t)(rb - lb - 1));
		buf_addc(&b, ']');
		free(inst);
		p = rb + 1;
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}

/* Checks a whole record; one "PATH: message" diagnostic per problem. */
size_t
record_check(const struct form *form, const struct answers *a,
    struct diags *problems)
{
	const struct field	 *f;
	char			**pre, *path, *msg, **ids;
	size_t			  npre, i, k, nids, n = 0;

	for (i = 0; i < form->nfields; i++) {
		f = form->fields[i];
		if (!field_has_value(f) && f->type != FT_REPEAT)
			continue;
		record_prefixes(a, field_repeat(f), &pre, &npre);
		for (k = 0; k < npre; k++) {
			if (!record_relevant(form, a, f, pre[k]))
				continue;
			path = record_path(f, pre[k]);
			if (f->type == FT_REPEAT) {
				nids = record_instances(a, f, pre[k], &ids);
				record_free_ids(ids, nids);
				if (f->max > 0 && nids > (size_t)f->max) {
					diags_add(problems, path, 0, 0,
					    _("at most %d entries are allowed"),
					    f->max);
					n++;
				}
			} else if (f->type != FT_CALCULATE &&
			    (msg = record_check_field(form, a, f,
			    pre[k])) != NULL) {
				diags_add(problems, path, 0, 0, "%s", msg);
				free(msg);
				n++;
			}
			free(path);
		}
		record_free_ids(pre, npre);
	}
	return n;
}

/*
 * The field a stored path names, or NULL when the form has no such path.
 * *marker is true for a repeat instance's own path ("R[IID]"); *prefix
 * (caller frees) is the instance prefix the field is in.
 */
static const struct field *
record_path_field(const struct form *form, const char *path, bool *marker,
    char **prefix)
{
	const struct field	*r = NULL, *f;
	const char		*p = path, *end, *open, *close;
	char			*id;

	*marker = false;
	*prefix = NULL;
	for (;;) {
		end = p + strcspn(p, ".");
		open = memchr(p, '[', (size_t)(end - p));
		id = xstrndup(p, (size_t)((open != NULL ? open : end) - p));
		f = form_find_field(form, id);
		free(id);
		if (f == NULL || field_repeat(f) != r)
			return NULL;
		if (open != NULL) {
			close = memchr(open, ']', (size_t)(end - open));
			if (f->type != FT_REPEAT || close == NULL ||
			    close + 1 != end || close == open + 1)
				return NULL;
		} else if (*end != '\0' || !field_has_value(f))
			return NULL;
		if (*end == '\0') {
			*marker = open != NULL;
			*prefix = xstrndup(path, (size_t)(p - path));
			return f;
		}
		r = f;
		p = end + 1;
	}
}

/* Removes answers to paths the form lacks and to questions that are not
 * relevant, repeating until nothing more goes. */
void
record_prune(const struct form *form, struct answers *a)
{
	const struct field	*f;
	char			*prefix, *path;
	size_t			 i;
	bool			 marker, removed;

	do {
		removed = false;
		for (i = 0; i < a->n;) {
			path = a->v[i].path;
			f = record_path_field(form, path, &marker, &prefix);
			if (f == NULL || *a->v[i].value == '\0' ||
			    !record_relevant(form, a, f, prefix)) {
				free(prefix);
				path = xstrdup(path);
				answers_set(a, path, NULL);
				free(path);
				removed = true;
				continue;
			}
			free(prefix);
			i++;
		}
		/* Answers under an instance that is gone. */
		for (i = 0; i < a->n;) {
			const char	*p = a->v[i].path, *c;
			bool		 orphan = false;

			for (c = strchr(p, ']'); c != NULL && c[1] == '.';
			    c = strchr(c + 1, ']')) {
				char	*inst = xstrndup(p, (size_t)(c + 1 - p));

				if (answers_get(a, inst) == NULL)
					orphan = true;
				free(inst);
				if (orphan)
					break;
			}
			if (orphan) {
				path = xstrdup(p);
				answers_set(a, path, NULL);
				free(path);
				removed = true;
			} else
				i++;
		}
	} while (removed);
}

/* Maps a CLI path with 1-based positions to a real path (see record.h). */
char *
record_resolve_path(const struct form *form, struct answers *a,
    const char *cli_path, const char *uniq, char **cause)
{
	const struct field	*r = NULL, *f;
	const char		*p = cli_path, *end, *open, *close;
	char			*id, *pos, *prefix, *out, **ids, *iid, *ep;
	size_t			 nids;
	long			 n;

	prefix = xstrdup("");
	for (;;) {
		end = p + strcspn(p, ".");
		open = memchr(p, '[', (size_t)(end - p));
		id = xstrndup(p, (size_t)((open != NULL ? open : end) - p));
		f = form_find_field(form, id);
		if (f == NULL) {
			*cause = xasprintf(_("form '%s' has no field '%s'"),
			    form->id, id);
			goto fail;
		}
		if (field_repeat(f) != r) {
			if (field_repeat(f) != NULL)
				*cause = xasprintf(_("'%s' is inside repeat "
				    "'%s': write %s[N].%s"), id,
				    field_repeat(f)->id, field_repeat(f)->id,
				    id);
			else
				*cause = xasprintf(_("'%s' is not inside "
				    "repeat '%s'"), id, r->id);
			goto fail;
		}
		if (open == NULL) {
			if (*end != '\0' || !field_has_value(f)) {
				*cause = xasprintf(_("'%s' is not a question "
				    "that takes an answer"), id);
				goto fail;
			}
			free(id);
			out = xasprintf("%s%s", prefix, f->id);
			free(prefix);
			return out;
		}
		close = memchr(open, ']', (size_t)(end - open));
		if (f->type != FT_REPEAT || close == NULL || close + 1 != end ||
		    *end != '.') {
			*cause = xasprintf(_("bad field path '%s'"), cli_path);
			goto fail;
		}
		pos = xstrndup(open + 1, (size_t)(close - open - 1));
		nids = record_instances(a, f, prefix, &ids);
		n = strtol(pos, &ep, 10);
		if (*pos != '\0' && *ep == '\0' && n >= 1 &&
		    (size_t)n <= nids)
			iid = xstrdup(ids[n - 1]);
		else if (*pos != '\0' && *ep == '\0' && (size_t)n == nids + 1)
			iid = record_add_instance(a, f, prefix, uniq);
		else {
			size_t	k;

			iid = NULL;
			for (k = 0; k < nids; k++) {
				if (strcmp(ids[k], pos) == 0)
					iid = xstrdup(pos);
			}
		}
		record_free_ids(ids, nids);
		if (iid == NULL) {
			*cause = xasprintf(_("'%s' has no entry %s (it has "
			    "%zu)"), id, pos, nids);
			free(pos);
			goto fail;
		}
		free(pos);
		out = xasprintf("%s%s[%s].", prefix, f->id, iid);
		free(iid);
		free(prefix);
		prefix = out;
		free(id);
		r = f;
		p = end + 1;
	}
fail:
	free(id);
	free(prefix);
	return NULL;
}
