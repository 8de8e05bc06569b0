/*
 * app-merge: merging bundles for every verb alike (merge, devices
 * accept): format 1 when this store accepts unsigned bundles (setting
 * accept_unsigned, "no" on headquarters), format 2 opened with this
 * store's box key (unwrapped once by signing --as in, a supervisor or
 * above) from enrolled devices only; a signed bundle from a device this
 * store has not enrolled is held (store-keys.h), not merged.
 *
 * Owns: the trust rule and every message about a merge.  Never: parses
 * arguments.
 */
#ifndef ONWARD_APP_MERGE_H
#define ONWARD_APP_MERGE_H

#include <stdbool.h>

#include "app-passphrase.h"
#include "keys.h"

struct app;
struct merge_report;
struct sync_progress;

struct app_merge {
	struct app	*app;
	const char	*as;		/* --as, NULL: none given */
	struct app_pass	*pass;
	bool		 tried;		/* signed in, or failed to */
	unsigned char	*box_sk;	/* secret buffer once signed in */
	unsigned char	 box_pk[KEYS_BOX_PK];
	/* For a caller that is not a terminal (the UI); NULL: printed
	 * (with say set and merged NULL, a merge's report is not shown). */
	void		(*say)(void *, const char *);	/* one message */
	void		(*merged)(void *, const char *path,
			    const struct merge_report *);
	void		 *arg;		/* to say and merged */
	const struct sync_progress *progress;
	bool		 held;		/* the last bundle was held */
};

/* Merges the bundle at path and prints what it did.  Returns 0 merged,
 * 1 refused or held (after saying why). */
int	app_merge_file(struct app_merge *, const char *path);
/* Accepts (enrols, then merges its held bundles) or refuses (drops its
 * held bundles) the held device id, its device id or fingerprint, as a
 * supervisor or above: 0, or 1 after saying why. */
int	app_merge_decide(struct app_merge *, bool accept, const char *id);
/* Wipes what m holds. */
void	app_merge_done(struct app_merge *);
/* Signs in once for format 2 (supervisor or above; with no --as, the
 * account app has signed in already): 0, or -1 after saying why. */
int	app_merge_sign_in(struct app_merge *);

#endif
