/*
 * store-guard: what a merge refuses whatever a bundle claims
 * (store-guard.c), whether or not the bundle is signed: sequence numbers
 * and clocks beyond what a store can go on numbering after, answers over
 * the answer cap, this store's own device id, ids minted by another
 * device, and a bundle that inflates or grows the store past the limit
 * of the setting merge_limit_mb.
 *
 * Owns: those rules and their messages.
 * Never: reads a bundle or adds a change (store-sync.c does both); it
 * only looks and says no.
 */
#ifndef ONWARD_STORE_GUARD_H
#define ONWARD_STORE_GUARD_H

#include <stdint.h>

#include "change.h"
#include "strmap.h"

struct store;

/* The highest sequence number a store takes: far above any real
 * device's, far below overflow, so numbering on can never wrap. */
#define STORE_MAX_SEQ		((int64_t)1 << 48)
/* A change stamped further ahead of this computer's clock than this is
 * refused (a day ahead is only reported: store_hlc_observe). */
#define STORE_REFUSE_AHEAD_MS	(366LL * 86400000LL)
/* The highest clock value a local change takes (the year 4199): no
 * clock a merge takes comes near it. */
#define STORE_MAX_HLC		((int64_t)1 << 62)
/* merge_limit_mb when the setting is unset. */
#define STORE_MERGE_LIMIT_MB	1024

/* One merge's watch. */
struct store_guard {
	const char	*path;		/* the bundle, for messages */
	int64_t		 now_ms;
	uint64_t	 limit;		/* bytes of inflated text and of
					   store growth; 0: none */
	int64_t		 pages;		/* the store's pages before */
	int64_t		 pagesize;
	uint64_t	 seen;		/* new changes since the last look */
	struct strmap	 minted;	/* "r:ID", "c:ID" changed here by a
					   device that did not mint them */
};

/* The merge limit in bytes from the store's setting merge_limit_mb
 * (0: none). */
uint64_t	store_guard_limit(struct store *);
/* Starts watching a merge of path inside the merge's transaction; -1
 * with *cause on a store error. */
int		store_guard_begin(struct store_guard *, struct store *,
		    const char *path, char **cause);
/* 0 when the new change c (at line of the bundle) may be added, else -1
 * with *cause naming the file, line, change and the rule. */
int		store_guard_change(struct store_guard *, struct store *,
		    const struct change *c, uint64_t line, char **cause);
/* 0 while the store has grown no more than the limit, else -1 with
 * *cause; looks only every few thousand changes unless force. */
int		store_guard_growth(struct store_guard *, struct store *,
		    int force, char **cause);
/* Once every change is in: each id minted by another device that the
 * bundle changed must have been created by that device (-1 with *cause
 * naming the id and both devices otherwise). */
int		store_guard_finish(struct store_guard *, struct store *,
		    char **cause);
void		store_guard_free(struct store_guard *);

#endif
