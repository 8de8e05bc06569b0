/*
 * change: one change to one field, the unit the store's log holds and a
 * bundle carries.  The store (store.h) makes and applies changes; the
 * bundle module (bundle.h) writes and reads them; both include this and
 * neither includes the other's header for it.
 *
 * Owns: the struct and freeing what it holds.
 * Never: includes another module of onward (it sits below store and
 * bundle, beside util).
 */
#ifndef ONWARD_CHANGE_H
#define ONWARD_CHANGE_H

#include <stddef.h>
#include <stdint.h>

/*
 * A change is identified by its origin (device, seq); the same change
 * arriving twice is the same change.  parents are the ids ("DEVICE:SEQ")
 * of the changes its author saw and replaced.  value NULL is a deletion
 * (tombstone).
 */
struct change {
	char	 *device;
	int64_t	  seq;
	int64_t	  hlc;		/* hybrid logical clock: ms << 16 | counter */
	char	 *record;
	char	 *form;
	int	  form_version;
	char	 *case_id;	/* NULL when none */
	char	 *path;		/* field path, or "@record" for the record */
	char	 *value;	/* NULL: deleted */
	char	**parents;
	size_t	  nparents;
	char	 *author;
};
/* Frees every string and the parents array of a change that owns them
 * (as the store's changes do; a change read from a bundle is the
 * reader's and is not freed) and zeroes it. */
void	change_free(struct change *);

#endif
