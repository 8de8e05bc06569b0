/*
 * strmap: the one string-keyed hash map (open addressing, FNV-1a), used as
 * a map (strmap_put/strmap_get) or as a set of strings (strmap_add).
 *
 * Owns: a copy of every key.  The values are the caller's: strmap_free
 * hands each to a function the caller names, or leaves them.
 * Never: keeps an order other than its slots' (the same keys put in the
 * same order always come out in the same order).
 */
#ifndef ONWARD_STRMAP_H
#define ONWARD_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
	char	*key;		/* NULL: an empty slot */
	void	*val;
};
/* Zero-initialise; free with strmap_free. */
struct strmap {
	struct strmap_slot	*v;
	size_t			 cap;	/* 0 or a power of two */
	size_t			 n;	/* keys in it */
};

/* The value of key, or NULL when absent (or when its value is NULL). */
void	*strmap_get(const struct strmap *, const char *key);
/* Sets key to val, copying the key when it is new. */
void	 strmap_put(struct strmap *, const char *key, void *val);
/* Adds key (with a NULL value) unless present; true when it was new. */
bool	 strmap_add(struct strmap *, const char *key);
/* The next filled slot at or after *i, moving *i past it; NULL at the end.
 * Start with *i = 0. */
const struct strmap_slot *strmap_next(const struct strmap *, size_t *i);
/* Frees the keys and the map, calling fr on each value unless fr is NULL,
 * and zeroes the map. */
void	 strmap_free(struct strmap *, void (*fr)(void *));

#endif
