/*
 * strmap.c: the string-keyed hash map (strmap.h).  Linear probing in a
 * table kept at most half full, so a look-up is a probe or two; the table
 * doubles from 64 slots.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

/* FNV-1a of s. */
static uint64_t
strmap_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of key, or the empty slot where it would go; NULL when the map
 * has no table yet. */
static struct strmap_slot *
strmap_slot(const struct strmap *m, const char *key)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	for (i = strmap_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->v[i].key == NULL || strcmp(m->v[i].key, key) == 0)
			return &m->v[i];
	}
}

/* Makes room for one more key, keeping the table at most half full. */
static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot	*old = m->v, *s;
	size_t			 oldcap = m->cap, i;

	if ((m->n + 1) * 2 <= m->cap)
		return;
	m->cap = m->cap == 0 ? 64 : m->cap * 2;
	m->v = xcalloc(m->cap, sizeof *m->v);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key != NULL) {
			s = strmap_slot(m, old[i].key);
			*s = old[i];
		}
	}
	free(old);
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot	*s = strmap_slot(m, key);

	return s != NULL && s->key != NULL ? s->val : NULL;
}

void
strmap_put(struct strmap *m, const char *key, void *val)
{
	struct strmap_slot	*s;

	strmap_grow(m);
	s = strmap_slot(m, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		m->n++;
	}
	s->val = val;
}

bool
strmap_add(struct strmap *m, const char *key)
{
	struct strmap_slot	*s;

	strmap_grow(m);
	s = strmap_slot(m, key);
	if (s->key != NULL)
		return false;
	s->key = xstrdup(key);
	s->val = NULL;
	m->n++;
	return true;
}

const struct strmap_slot *
strmap_next(const struct strmap *m, size_t *i)
{
	while (*i < m->cap) {
		if (m->v[(*i)++].key != NULL)
			return &m->v[*i - 1];
	}
	return NULL;
}

void
strmap_free(struct strmap *m, void (*fr)(void *))
{
	size_t	i;

	for (i = 0; i < m->cap; i++) {
		if (m->v[i].key == NULL)
			continue;
		free(m->v[i].key);
		if (fr != NULL)
			fr(m->v[i].val);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
