/*
 * store-sync: the store's side of bundles (store-sync.c): exporting the
 * changes a store has not exported yet, and merging a bundle as a set
 * union in one transaction, with a report of what it did.
 *
 * Owns: which changes an export carries (by this store's arrival order,
 * recorded only once the bundle has been read back), fork detection,
 * gaps, and the merge report.
 * Never: draws or parses bundle text (bundle.c does); it speaks SQL only
 * through the store's internals.
 */
#ifndef ONWARD_STORE_SYNC_H
#define ONWARD_STORE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

struct store;

/* Progress for the UI: what is being done ("export", "merge"), and work
 * done out of total (changes, or bytes of the bundle). */
struct sync_progress {
	void	(*fn)(void *arg, const char *what, uint64_t done,
		    uint64_t total);
	void	 *arg;
};

struct export_result {
	char			*path;		/* NULL: nothing new */
	struct bundle_header	 h;
	int64_t			 first;		/* this store's arrival */
	int64_t			 last;		/* numbers carried */
};
void	export_result_free(struct export_result *);

/*
 * Exports the changes this store has not exported yet (every change when
 * all) to dest: a folder (NULL: the current one), where the file is named
 * SITE-DEVICE-FIRST-LAST.onward, or a file name.  Nothing new: returns 0
 * with r->path NULL and writes nothing.  The changes count as exported
 * only once the file has been read back and verified.
 */
int	store_export(struct store *, const char *dest, bool all,
	    const struct sync_progress *, struct export_result *,
	    char **cause);
/* The same in format 2, signed and sealed with keys (format 1 when keys
 * is NULL). */
int	store_export_sealed(struct store *, const char *dest, bool all,
	    const struct bundle_keys *keys, const struct sync_progress *,
	    struct export_result *, char **cause);
/*
 * A bundle for one worker's laptop (store-owner.c): every change of the
 * cases worker owns (open or closed), of the cases they link to, are
 * part of or have as children (the employers, providers and cohorts of
 * their people), and of the store's reserved records (revocations,
 * accounts disabled everywhere); nothing else.  As store_export_sealed
 * with all, except that it counts nothing as exported.  *ncases gets how
 * many cases it carries.
 */
int	store_export_for(struct store *, const char *dest, const char *worker,
	    const struct bundle_keys *keys, const struct sync_progress *,
	    struct export_result *, size_t *ncases, char **cause);
/* Whether the export for one worker carries the change of record (of
 * case case_id, NULL for none, and form form) (store-owner.c). */
bool	store_export_wanted(struct store *, const char *case_id,
	    const char *record, const char *form);

struct merge_report {
	uint64_t	  changes;	/* in the bundle */
	uint64_t	  added;	/* new to this store */
	uint64_t	  known;	/* already here */
	uint64_t	  conflicts;	/* new conflicts */
	uint64_t	  open;		/* conflicts open after the merge */
	uint64_t	  records;	/* records touched by new changes */
	uint64_t	  cases;	/* cases touched by new changes */
	char		**gaps;		/* translated lines, one per gap */
	size_t		  ngaps;
	char		**forms;	/* translated lines: form versions this
					   store lacks (changes kept) */
	size_t		  nforms;
	char		**clocks;	/* translated lines: devices whose
					   clock runs more than a day ahead */
	size_t		  nclocks;
};
void	merge_report_free(struct merge_report *);

/*
 * Merges one bundle in one transaction: every change is added unless
 * already known (a set union, so merging twice or in any order gives the
 * same state).  A damaged bundle, or one holding a change that differs
 * from the one this store has under the same (device, seq) (a fork), is
 * refused whole and the store is left as it was.
 */
int	store_merge(struct store *, const char *path,
	    const struct sync_progress *, struct merge_report *,
	    char **cause);
/* The same reading format 2 too, trusting as t says (bundle.h); NULL:
 * format 1 only. */
int	store_merge_trust(struct store *, const char *path,
	    const struct bundle_trust *t, const struct sync_progress *,
	    struct merge_report *, char **cause);

#endif
