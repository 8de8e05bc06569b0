/*
 * record.c: the answers of one record, the instances of repeats, and paths:
 * the path of a field, a path as people write it, the CLI's positional
 * paths, and pruning answers to paths the form lacks or to questions that
 * are not relevant.  See record.h for the path syntax; the form logic over
 * the answers is in record-eval.c and record-check.c (see record-int.h).
 *
 * A repeat instance exists while "R[IID]" holds its ordering key, a
 * decimal number; instances are ordered by key, then by id.  Instance ids
 * are the first characters of the `uniq` seed (the device id) and a
 * counter, so two devices never make the same one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "record.h"
#include "util.h"

#define RECORD_UNIQ_LEN	6	/* characters of the seed in an instance id */

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
	dst->case_props = src->case_props;
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
			if (!field_is_repeat(f) || close == NULL ||
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
		if (!field_is_repeat(f) || close == NULL || close + 1 != end ||
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
