/*
 * store-int.h: what the files of the store module share, and nothing
 * outside it may use: the struct store, the cached prepared statements,
 * transactions, the hybrid logical clock, and the one function that brings
 * a change into the log and the derived state (store_apply_change), used
 * alike by local saves (store-record.c) and merges (store-sync.c).
 *
 * The schema (version STORE_VERSION, see store_migrations in store.c):
 *
 *   change       the log, the truth: one row per change, unique by
 *                (device, seq); `n` is this store's arrival order, local
 *                and never exported; parents is "DEV:SEQ DEV:SEQ..." sorted.
 *                One derived column, head: 0 for a superseded change, -1
 *                for a head that is not its field's winner, and for the
 *                winner the number of heads (1 unless in conflict); NULL
 *                only while store_rebuild replays the log.
 *   superseded   every (device, seq) some change names as a parent, even
 *                before that parent arrives.  The heads of (record, path)
 *                are its changes not in superseded (STORE_HEADS).
 *   field        a view: per (record, path), the winner among the heads
 *                (highest hlc, then device, then seq: its value, change,
 *                hlc, device and seq) and how many heads there are
 *                (nheads).  Until schema 2 a table holding copies of the
 *                same; the log's own rows, marked, cost a merge half the
 *                writes.
 *   record       per record (record != case_id): form, case, author,
 *                created, updated, deleted, conflict.
 *   kase         per case (changes whose record is the case id): type,
 *                closed, created, and the next follow-up (from the pack).
 *   due_item     per case, every visit and date not done yet
 *                (store-due.c, from the pack): the work list's rows.
 *   case_search  FTS5, rowid = kase.n: `text` holds the case's id and
 *                searched properties; `tags` "state open|closed type T",
 *                so filters and counts need no join.
 *   meta         this store's device id, clock, counters (local).
 *   setting      worker, site, language (local).
 *   draft, draft_value   unfinished forms, field by field (local).
 *   account      who may sign in here: role, passphrase hash, the store
 *                key wrapped under the passphrase (store-account.c;
 *                local: never in a bundle or the dump).
 *
 * An erased case (store-erase.c) is a case with a change at "@erased"
 * (the reason); the log keeps every change of its records and its own,
 * but the value of none but the "@" paths (index change_erased).
 *
 * Everything but change (bar its head column), meta, setting, account and the
 * drafts is derived: a pure
 * function of the set of changes (plus, for next follow-up and the search
 * text, the form pack), rebuilt by store_rebuild.
 */
#ifndef ONWARD_STORE_INT_H
#define ONWARD_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"

#define STORE_VERSION	5

/* The heads of a field, for "FROM change c WHERE " STORE_HEADS, with the
 * record and path as the first two parameters. */
#define STORE_HEADS "c.record = ?1 AND c.path = ?2 AND NOT EXISTS " \
	"(SELECT 1 FROM superseded s WHERE s.device = c.device AND " \
	"s.seq = c.seq)"
/* The search table, as schema version 1 creates it. */
#define STORE_CASE_SEARCH "CREATE VIRTUAL TABLE case_search USING fts5(" \
	"text, tags, tokenize = \"unicode61 remove_diacritics 2\", " \
	"prefix = '1 2 3');"
/*
 * The search table's memory for index entries not yet written, kept with
 * the table (FTS5's 'hashsize', 1 MB unless set): 8 MB lets a merge of
 * 100,000 cases flush and merge index segments a third as often (a third
 * less time indexing); FTS5 uses it only while a transaction writes.
 */
#define STORE_CASE_SEARCH_TUNE "INSERT INTO case_search(case_search, rank) " \
	"VALUES('hashsize', 8388608);"
/* For "FROM field WHERE ": the fields of records and cases not erased
 * (store-erase.c), whose conflicts count. */
#define STORE_NOT_ERASED "NOT EXISTS (SELECT 1 FROM change e WHERE " \
	"e.path = '@erased' AND e.record = coalesce((SELECT r.case_id " \
	"FROM record r WHERE r.id = field.record), field.record))"
/* The order of heads, winner first. */
#define STORE_WINNER_FIRST "c.hlc DESC, c.device DESC, c.seq DESC"

struct store_stmt {
	const char	*sql;
	sqlite3_stmt	*st;
};

/* A record or case id marked for store_refresh_dirty, and which it is
 * when the marker knew. */
enum store_kind { STORE_UNKNOWN, STORE_RECORD, STORE_CASE };
struct store_dirty {
	char		*id;
	enum store_kind	 kind;
};

struct store {
	sqlite3			*db;
	char			*path;
	const struct form_pack	*pack;
	bool			 readonly;
	char			 device[33];	/* lower-case hex */
	char			 prefix[5];	/* case id prefix */
	int64_t			 hlc;		/* last clock value used or seen */
	int64_t			 seq;		/* this device's last seq */
	int64_t			 case_counter;
	int64_t			 record_counter;
	struct store_stmt	*stmts;
	size_t			 nstmts;
	struct store_dirty	*dirty;		/* records and cases to refresh */
	size_t			 ndirty;
	bool			 in_tx;
	bool			 committing;	/* store_commit's COMMIT runs */
	/*
	 * The record the last changes added belong to, if the log had
	 * none of it before them (fresh), and the paths they set: a field
	 * not among them has no value yet, so its first change needs no
	 * look-up of a winner (store_add_change).  Valid inside one
	 * transaction; store_begin clears it.
	 */
	char			*run_record;
	bool			 run_fresh;
	char			**run_paths;
	size_t			 nrun_paths;
	/*
	 * Erasure (store-erase.c), within one transaction: whether the log
	 * has any erasure (0 not looked yet, 1 none, 2 some), the last case looked up and
	 * whether it is erased, and the cases erased by changes added so
	 * far, whose older changes store_refresh_dirty erases.
	 */
	int			 erase_any;
	char			*erase_case;
	bool			 erase_case_erased;
	char			**erase_new;
	size_t			 nerase_new;
	/* An export for one worker (store_export_for): the cases it
	 * carries; NULL for every change. */
	struct strmap		*export_only;
};

/* The statement for sql (a string constant: cached by its address),
 * reset and with no bindings. */
sqlite3_stmt	*store_stmt(struct store *, const char *sql);
/* Binds text (NULL binds NULL) without copying: the text must live until
 * the statement is reset. */
void		 store_bind(sqlite3_stmt *, int, const char *);
/* A column as a fresh copy, or NULL. */
char		*store_col(sqlite3_stmt *, int);
/* Sets *cause to a clear message for SQLite result rc (caller frees) and
 * returns -1. */
int		 store_fail(struct store *, int rc, char **cause);
/* Runs sql (a string constant, one text parameter) and sets *out to the
 * first column of its first row (0 without one): 1 if there was a row,
 * 0 if none, -1 with *cause on error. */
int		 store_query_int(struct store *, const char *sql,
		     const char *arg, int64_t *out, char **cause);
/* Runs sql (no parameters) with sqlite3_exec; -1 with *cause on error. */
/* The meta table (local to this store): a copy of the value or NULL;
 * setting writes within the caller's transaction, if any. */
char		*store_meta_get(struct store *, const char *key);
int		 store_meta_set(struct store *, const char *key,
		     const char *value, char **cause);
/* Makes the SQL views anew when the pack's forms or case types changed
 * since they were made (store-export.c); a failure only leaves the old
 * views in place. */
void		 store_views_ensure(struct store *, const struct form_pack *);
/* The test-only fault-injection hooks into SQLite (store-fault.c), put
 * in by store_open when ONWARD_FAULT is set; a no-op otherwise. */
void		 store_fault_install(void);
/* Opening (store-open.c): whether the folder of path may be written;
 * the commit hook, 1 (roll back) for any commit inside store_begin's
 * transaction but store_commit's. */
bool		 store_dir_writable(const char *path);
int		 store_commit_guard(void *store);
int		 store_exec(struct store *, const char *sql, char **cause);
/* Steps a prepared statement that returns no rows and resets it; -1
 * with *cause on error. */
int		 store_done(struct store *, sqlite3_stmt *, char **cause);

/* BEGIN IMMEDIATE, re-reading the clock and counters another process may
 * have moved; commit writes them back first.  Rollback never fails. */
int		 store_begin(struct store *, char **cause);
int		 store_commit(struct store *, char **cause);
void		 store_rollback(struct store *);

/* A clock further ahead of this computer's than this is wrong: the device
 * it came from had its date set wrong. */
#define STORE_MAX_AHEAD_MS	86400000LL

/* The next clock value for a local change (never going backward). */
int64_t		 store_hlc_next(struct store *);
/*
 * Moves the clock up to a value seen in a merged change (the HLC rule:
 * later local changes sort after everything seen), unless that value is
 * more than STORE_MAX_AHEAD_MS ahead of this computer's clock: one device
 * with a wrong date must not push every store's clock into the future.
 * The order that matters is kept per record instead (store_hlc_for).
 */
void		 store_hlc_observe(struct store *, int64_t remote);
/*
 * The clock value for a local change to these records: store_hlc_next,
 * but after every change the records already have, so that within a
 * record a later change always sorts later (its author, creation and
 * last update stay right) even after a device whose clock was ahead
 * wrote to it.  -1 with *cause on a store error.
 */
int64_t		 store_hlc_for(struct store *, const char *const *records,
		     size_t n, char **cause);
/* Formats an hlc as ISO 8601 UTC ("2026-06-15T09:30:00Z") into buf. */
void		 store_hlc_time(int64_t hlc, char *buf, size_t len);

/* 0 when author can sign a change (a name, UTF-8), else -1 with *cause
 * (store-record.c). */
int		 store_check_author(const char *author, char **cause);
/* The change ids ("DEVICE:SEQ") of the heads of (record, path) into *out
 * (*n of them; caller frees each and the array): the parents of a change
 * that replaces them (store-record.c). */
int		 store_heads(struct store *, const char *record,
		     const char *path, char ***out, size_t *n, char **cause);
/* The form and form version of the first change of case case_id into
 * c->form (caller frees) and c->form_version: what a change the store
 * writes on the case (an erasure, an owner) is stamped with.  -1 with
 * *cause "no case" when it has none (store-erase.c). */
int		 store_case_form(struct store *, const char *case_id,
		     struct change *c, char **cause);
struct strmap;
/* The SQL of the owner of the case whose id is the SQL expression K: the
 * winner of its "@owner", else the author of its "@case" (who registered
 * it) (store-owner.c). */
#define STORE_OWNER_OF(K) "coalesce((SELECT o.value FROM field o WHERE " \
	"o.record = " K " AND o.path = '@owner'), (SELECT a.author FROM " \
	"change a WHERE a.record = " K " AND a.path = '@case' ORDER BY " \
	"a.hlc, a.device, a.seq LIMIT 1))"
/* Checks the values the n changes v of a save of form write to its `case`
 * fields (links): each must name a case here, of the field's case type,
 * neither closed nor erased; a problem each is added to problems, named
 * by the change's path and the id (store-link.c).  Returns how many, or
 * -1 with *cause on a store error. */
/* Whether form, which opens a child case, may open one under case
 * parent: given, here, open, not erased, of the form's parent type.  0,
 * or -1 with *cause naming the form and the id (store-link.c). */
int		 store_child_parent(struct store *, const struct form *,
		     const char *parent, char **cause);
int		 store_link_check(struct store *, const struct form *,
		     const struct change *v, size_t n, struct diags *problems,
		     char **cause);

/* "DEVICE:SEQ" (caller frees). */
char		*store_change_id(const char *device, int64_t seq);

/*
 * Brings one change into the log and the derived state, inside a
 * transaction, unless the log has it already (then *is_new, if not NULL,
 * is false and nothing happens): see store_add_change.
 */
int		 store_apply_change(struct store *, const struct change *,
		     bool *is_new, char **cause);
/*
 * Adds a change the log does not have yet (the caller has looked): every
 * parent is marked superseded and leaves the heads; the change becomes a
 * head unless some change already names it as a parent; the head column
 * of its field is recomputed; the record (or case) is marked for refresh.
 */
int		 store_add_change(struct store *, const struct change *,
		     char **cause);
/* Recomputes the record, case and search rows of everything marked since
 * the last call.  Call before committing. */
int		 store_refresh_dirty(struct store *, char **cause);
/* Forgets what was marked for refresh and the run of store_add_change
 * (at the start and end of a transaction). */
void		 store_forget_marks(struct store *);
/* The derived-state half of store_add_change, for change row n already
 * in the log (rebuild replays the log through it, in order of n, after
 * setting every head to NULL). */
int		 store_derive(struct store *, int64_t n, const struct change *,
		     const char *parents, enum store_kind, char **cause);

/* Case rows (store-case.c): recompute one case's row and search text. */
/* The earliest visit or date not done of a case (store-due.c), for
 * kase.next_due; overdue_from: the day after its window closes. */
struct due_next {
	long	due;
	long	overdue_from;
	bool	have;
};
/* Writes the case's rows of due_item from its properties and records
 * (none when closed or when the store has no pack) and sets *next. */
/* Makes the rows of every case (the migration to schema 5). */
int		 store_due_fill(struct store *, char **cause);
int		 store_due_refresh(struct store *, const char *case_id,
		     const struct case_type *, const struct answers *props,
		     bool closed, struct due_next *next, char **cause);
int		 store_refresh_case(struct store *, const char *case_id,
		     char **cause);
/* A new case id (store-case.c), counting on this store's counter. */
char		*store_new_case_id(struct store *);

/*
 * Erasure (store-erase.c).  store_erase_arriving, for a change about to
 * enter the log: *erase true when its value must not (its case is
 * erased, or it is the erasure itself, which it notes for
 * store_erase_apply).  store_erase_apply, after the records' rows are
 * refreshed: erases the changes and drafts of the cases noted.
 * store_erase_forget frees what both keep.
 */
int		 store_erase_arriving(struct store *, const struct change *,
		     bool *erase, char **cause);
int		 store_erase_apply(struct store *, char **cause);
int		 store_erase_search(struct store *, char **cause);
void		 store_erase_forget(struct store *);

/* Page cache while a bundle is exported or merged, and after
 * (store-sync.c, store-sync-export.c). */
#define SYNC_CACHE	"PRAGMA cache_size = -65536"
#define STORE_CACHE	"PRAGMA cache_size = -8192"

/* The bundle module's progress passed on to the caller's, naming the
 * work: store_progress_cb with a struct store_progress as its argument. */
struct sync_progress;
struct store_progress {
	const struct sync_progress	*p;
	const char			*what;
};
void		 store_progress_cb(void *, uint64_t done, uint64_t total);

#endif
