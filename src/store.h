/*
 * store: the SQLite store.  An append-only log of field changes is the
 * truth; records, cases, case properties, heads and conflicts are state
 * derived from it, kept in tables for speed, and can always be rebuilt.
 *
 * Owns: the schema and its migrations, the device id and hybrid logical
 * clock, saving and reading records, drafts, cases, follow-ups, search,
 * history, conflicts, dump and rebuild, and the settings of this store.
 * Never: draws, or decides what a form means (record.h does that).
 *
 * How the state follows from the log (store-int.h has the tables):
 *  - A record's fields are paths (record.h) plus "@record", whose value
 *    "1" makes the record and whose tombstone (value NULL) deletes it.
 *    An empty answer is no value: clearing a field writes a tombstone.
 *  - Case properties are changes too, whose record is the case id (a
 *    change with record == case_id belongs to the case itself): "@case"
 *    holds the case type (written by the opening form), "@closed" is "1"
 *    once a closing form closed it, and each save_to answer that changed
 *    writes one change on the property, with the property's heads as
 *    parents.  So properties merge like fields: two workers who change
 *    one property concurrently make a conflict, shown and resolved like
 *    any other.
 *  - Heads are the changes that no change names as a parent, wherever
 *    they arrived from and in whatever order; the value shown is the head
 *    with the highest (hlc, device, seq).  The state is a pure function of
 *    the set of changes.
 *  - Ids: records "DDDDDDDD-N" (the device id's first 8 hex digits and a
 *    counter); cases "PPPP-NNNN-C" (store-case.c: a device prefix, a
 *    counter, a Luhn mod 32 check character); instance ids in repeats
 *    begin with the device id's first 6 hex digits.
 *  - Schedules (store-due.c, schedule.h): a live record of a schedule's
 *    form completes the visit whose window its date falls in; the next
 *    visit of a case (kase.next_due) is the earliest not done, overdue
 *    once its window closed.
 *
 * Every function that can fail returns 0 on success or -1 with *cause set
 * to a translated message the caller frees.  SQLite's busy, full, read-only
 * and I/O errors are ordinary failures reported this way; a failed save
 * leaves the store exactly as it was.
 */
#ifndef ONWARD_STORE_H
#define ONWARD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "change.h"
#include "form.h"
#include "record.h"
#include "schedule.h"

struct store;

/*
 * Opens the store at path, creating it (mode 0600, a new random device id)
 * when missing, and migrating an older schema forward.  The pack is
 * borrowed and must outlive the store; it may be NULL for verbs that need
 * no forms (dump, rebuild).  Returns NULL with *cause on failure.
 */
struct store	*store_open(const char *path, const struct form_pack *pack,
		     char **cause);
void		 store_close(struct store *);
/* Bulk loading (onward demo): with durable false, commits no longer wait
 * for the disk, so a power cut may lose what was written since; true
 * syncs and turns FULL synchronous back on.  Never for field data. */
int		 store_set_durable(struct store *, bool durable, char **cause);
/* This store's device id (lower-case hex) and its short case-id prefix. */
const char	*store_device(const struct store *);

/* Settings of this store: "worker", "site", "language".  Get returns a
 * copy (caller frees) or NULL when unset. */
char		*store_setting(struct store *, const char *key);
int		 store_set_setting(struct store *, const char *key,
		     const char *value, char **cause);

/* A record as the store knows it. */
struct record_info {
	char	*id;
	char	*form;
	int	 form_version;
	char	*case_id;	/* NULL when the form has no case */
	char	*author;	/* who created it */
	char	*created;	/* ISO 8601 UTC time of the first change */
	char	*updated;	/* of the latest change */
	bool	 deleted;
	bool	 conflict;	/* some field has more than one head */
};
void		 record_info_free(struct record_info *);

/*
 * The forms of the pack whose answers mean something else (form_signature)
 * than when records were first saved here with the same form version: a
 * form changed without its version being raised, so old and new answers
 * could not be told apart.  *out (caller frees the array, not the forms)
 * in pack order; returns how many.  store_save_record notes each version.
 */
size_t		 store_forms_changed(struct store *, const struct form_pack *,
		     const struct form ***out);

/*
 * Saves a finalized record in one transaction that returns only when the
 * data is on disk.  record_id NULL creates a record; otherwise only the
 * fields whose value changed are written, each with the changes it
 * replaces as parents.  case_id: the case the form updates or closes (NULL
 * when the form opens one: a new case id is made).  The answers are
 * validated with record_check after record_prune and record_calculate; on
 * problems nothing is written, each problem is added to *problems, and -1
 * is returned with *cause NULL.  On success *out_record and (if not NULL)
 * *out_case receive the ids (caller frees).
 */
int		 store_save_record(struct store *, const struct form *,
		     const char *record_id, const char *case_id,
		     const struct answers *, const char *author,
		     char **out_record, char **out_case,
		     struct diags *problems, char **cause);
/*
 * store_save_record of a new record, once per key (any text the caller
 * chooses): a save with a key this store has saved under already writes
 * nothing and returns 0 with the first record's ids, so a caller that
 * never learnt the id (killed after the commit) retries safely.  The key
 * is this store's alone (kept in meta beside the record it made); it does
 * not travel in bundles.
 */
int		 store_save_record_key(struct store *, const char *key,
		     const struct form *, const char *case_id,
		     const struct answers *, const char *author,
		     char **out_record, char **out_case,
		     struct diags *problems, char **cause);
/* Deletes a record: a tombstone change, never a DELETE. */
int		 store_delete_record(struct store *, const char *record_id,
		     const char *author, char **cause);
/* Restores a deleted record: one more change, its answers as they were. */
int		 store_restore_record(struct store *, const char *record_id,
		     const char *author, char **cause);
/* The shown value of one field of a record (or case property): 1 with
 * *value (NULL when deleted), 0 when it has none, -1 on error. */
int		 store_field_value(struct store *, const char *record,
		     const char *path, char **value, char **cause);
/* Reads a record's current answers (the display winner of each field). */
int		 store_load_record(struct store *, const char *record_id,
		     struct record_info *, struct answers *, char **cause);

/* One change in a record's history. */
struct change_info {
	char	*time;		/* ISO 8601 UTC, from the hlc */
	char	*author;
	char	*device;
	char	*path;
	char	*old_value;	/* value(s) it replaced, NULL if none */
	char	*value;		/* NULL for a deletion */
};
/* Calls fn for every change of a record, oldest first. */
int		 store_record_history(struct store *, const char *record_id,
		     void (*fn)(void *, const struct change_info *), void *arg,
		     char **cause);

/*
 * Drafts: answers typed but not finalized, saved field by field so a crash
 * loses at most the field being typed.  Never exported.  A draft is keyed
 * by its own id (made by store_draft_new) and remembers the form, the case
 * and the record it edits (either may be NULL).
 */
int		 store_draft_new(struct store *, const char *form_id,
		     const char *case_id, const char *record_id,
		     char **out_draft, char **cause);
int		 store_draft_set(struct store *, const char *draft_id,
		     const char *path, const char *value, char **cause);
struct draft_info {
	char	*id;
	char	*form;
	char	*case_id;
	char	*record_id;
	char	*updated;
};
void		 draft_info_free(struct draft_info *);
/* Lists drafts (of one case when case_id is not NULL); caller frees each
 * with draft_info_free and the array with free. */
int		 store_drafts(struct store *, const char *case_id,
		     struct draft_info **out, size_t *n, char **cause);
int		 store_draft_load(struct store *, const char *draft_id,
		     struct draft_info *, struct answers *, char **cause);
int		 store_draft_discard(struct store *, const char *draft_id,
		     char **cause);

/* Cases. */
struct case_row {
	char	 *id;
	char	 *type;
	char	 *name;		/* value of the case type's name property */
	char	**cols;		/* values of the case type's list columns */
	size_t	  ncols;
	bool	  closed;
	char	 *next_due;	/* earliest follow-up due (YYYY-MM-DD) or NULL */
	bool	  overdue;
};
void		 case_row_free(struct case_row *);

struct case_query {
	const char	*type;		/* NULL: every type */
	const char	*search;	/* NULL or "": no search; else prefix
					   words, ignoring case and accents */
	int		 closed;	/* -1 any, 0 open only, 1 closed only */
	bool		 due_only;	/* follow-up due or overdue */
	const char	*owner;		/* NULL: anyone's; else only the
					   cases this worker owns */
	size_t		 offset, limit;	/* paging */
};
/* Lists cases, newest first (the order they first reached this store:
 * a case merged today from another device is new here); caller frees rows
 * with case_row_free and the
 * array with free.  *total (if not NULL) is the count without paging.
 * The search looks in the id and the case type's search properties, its
 * name property and a property "phone" (every property when the pack
 * does not know the type); each word typed must begin a word there. */
int		 store_cases(struct store *, const struct case_query *,
		     struct case_row **out, size_t *n, size_t *total,
		     char **cause);
/* The case's properties as path=value answers (case property ids), and
 * its row in *r unless r is NULL (caller frees with case_row_free). */
int		 store_case_props(struct store *, const char *case_id,
		     struct case_row *, struct answers *props, char **cause);
/* The records of a case, oldest first. */
int		 store_case_records(struct store *, const char *case_id,
		     struct record_info **out, size_t *n, char **cause);
/* Checks a case id's check character; true when well-formed. */
bool		 store_case_id_valid(const char *id);

/*
 * Schedules and dates that fall due (store-due.c, schedule.h): the rows
 * of the work list (`onward due`, F6) and of a case's schedule.  Rows are
 * kept in a table of their own, made again whenever the case or one of
 * its records changes (and by a rebuild), so the work list is one query.
 */
enum due_kind {
	DUE_VISIT,		/* a visit of a schedule */
	DUE_DATE,		/* a date field's `due:` */
	DUE_NO_START,		/* case page: a schedule with no start yet */
	DUE_NOT_APPLYING	/* case page: its `when` does not hold */
};

enum due_filter {
	DUE_TODAY,		/* due or late today, dates reached */
	DUE_WEEK,		/* the same, and what opens in 7 days */
	DUE_OVERDUE,		/* late, and dates passed */
	DUE_MISSED		/* windows that closed with no record */
};

struct due_query {
	enum due_filter	 filter;
	const char	*worker;	/* NULL: every worker */
	const char	*type;		/* case type, NULL: every type */
};

struct due_row {
	char			*case_id;
	char			*name;		/* the case's name, or NULL */
	char			*worker;	/* who the case is with */
	char			*type;		/* the case type */
	enum due_kind		 kind;
	char			*item;		/* schedule id, or FORM.FIELD */
	char			*form;		/* the form that completes it */
	char			*record;	/* done, extra, or the record
						   holding the date */
	int			 day;		/* visits: days after start */
	char			 lo[11], target[11], hi[11];	/* dates;
						   hi "" for dates */
	int			 late;		/* days past target (>= 0) */
	enum visit_state	 state;
};
void		 due_row_free(struct due_row *);
/* The rows of the work list for q, today (expr_today), by date then
 * name. */
int		 store_due(struct store *, const struct due_query *q,
		     struct due_row **out, size_t *n, char **cause);
/* Every line of a case's schedule: each visit with its state (extras
 * among them), each date due, and a row for a schedule not started or not
 * applying.  None when the store has no pack. */
int		 store_case_schedule(struct store *, const char *case_id,
		     struct due_row **out, size_t *n, char **cause);
/* Calls fn(arg, record, case, schedule id, day) for every live record of
 * form that completes a visit of its case's schedules (by window: extras
 * are not called), and with record NULL for every visit of form missed,
 * for the report's ${_day} and windows. */
int		 store_visit_days(struct store *, const char *form,
		     void (*fn)(void *, const char *record, const char *case_id,
		     const char *schedule, int day), void *arg, char **cause);
/* What a row is, for a person to read: "Follow-up visit, day 90", "Plan
 * review" (translated; caller frees). */
char		*due_row_label(const struct form_pack *, const struct due_row *);
/* Who a case is with, for `--worker` and the work list's "mine": its
 * owner, store_case_owner (caller frees; NULL when unknown). */
char		*store_case_worker(struct store *, const char *case_id);

/*
 * Conflicts (store-conflict.c): a field with two or more heads.  An
 * answer saved to a case property and the property, changed by the same
 * concurrent saves, are one conflict: the answer's, whose twin names the
 * property's, settled with it.
 */
struct conflict_value {
	char	*value;
	char	*author;
	char	*device;
	char	*time;
	char	*site;		/* where its device last exported from, or
				   NULL when not known */
	int64_t	 hlc;		/* its clock: which save wrote it */
};
struct conflict {
	char			*id;	/* stable: record and path */
	char			*record_id;
	char			*case_id;
	char			*path;
	char			*form;	/* the form that wrote it */
	char			*twin;	/* "CASE/PROPERTY" settled with it,
					   or NULL */
	struct conflict_value	*values;	/* winner first */
	size_t			 nvalues;
};
void		 conflict_free(struct conflict *);
/* Every conflict, by record and path, twins folded into their answers;
 * caller frees each with conflict_free and the array. */
int		 store_conflicts(struct store *, struct conflict **out,
		     size_t *n, char **cause);
/* How many conflicts store_conflicts lists. */
int		 store_conflict_count(struct store *, size_t *n, char **cause);
/* Settles a conflict with one more change whose parents are all heads,
 * and its twin with the same value at the same time, in one transaction.
 * conflict_id is "RECORD/PATH" (struct conflict's id, or its twin's);
 * value NULL deletes. */
int		 store_resolve_conflict(struct store *, const char *conflict_id,
		     const char *value, const char *author, char **cause);

/* Writes the whole current state as canonical sorted text: two stores with
 * the same state print identical bytes. */
int		 store_dump(struct store *, FILE *, char **cause);
/* Rebuilds every derived table from the change log. */
int		 store_rebuild(struct store *, char **cause);

/*
 * Erasure (store-erase.c).  store_erase_cases erases the n cases ids in
 * one transaction: one "@erased" change each, its value the reason, by
 * author; every value of the cases and their records leaves the store
 * (ids, dates, authors stay).  All or nothing: -1 with *cause for an
 * unknown case, one erased already, no reason.  store_case_erased: 1
 * when the case is erased, 0 if not, -1 with *cause.
 * store_erase_closed_before: the closed cases not erased yet whose
 * closing change is before before_ms (ms since 1970, UTC), sorted, in
 * *ids (caller frees each and the array).
 */
int		 store_erase_cases(struct store *, char *const *ids, size_t n,
		     const char *reason, const char *author, char **cause);
/*
 * Owners (store-owner.c).  store_case_owner: the worker whose caseload
 * case id is, the account that registered it until it is assigned; NULL
 * for no such case (caller frees).  store_owned_cases: the cases (not
 * erased; open ones only when open_only) of owner, by id, into *ids
 * (caller frees each and the array).  store_assign: gives the n cases to
 * worker to in one transaction, one "@owner" change each that replaces
 * the heads there (a case in conflict over its owner is settled so); to
 * must be an account of this store when it has accounts.  All or
 * nothing: -1 with *cause for an unknown or erased case or worker;
 * *changed is how many cases changed owner.
 */
char		*store_case_owner(struct store *, const char *id);
int		 store_owned_cases(struct store *, const char *owner,
		     bool open_only, char ***ids, size_t *n, char **cause);
int		 store_assign(struct store *, char *const *ids, size_t n,
		     const char *to, const char *author, size_t *changed,
		     char **cause);

/*
 * Child cases (store-link.c): a form with `parent:` opens a case under
 * the case it is filled on (a referral under its person), its "@parent"
 * the parent's id.  store_case_parent: the parent of case id, NULL for
 * none (caller frees).  store_case_children: the child cases of id,
 * oldest first, as rows (caller frees each with case_row_free and the
 * array).
 */
char		*store_case_parent(struct store *, const char *id);
/* Whether case id meets the case_filter of `case` field f (true when f
 * has none): its ${PROP} are the case's properties. */
bool		 store_case_fits(struct store *, const struct field *f,
		     const char *id);
int		 store_case_children(struct store *, const char *id,
		     struct case_row **out, size_t *n, char **cause);

/* The name of case id, as its type's name property gives it (a `case`
 * field shows it for the id it holds), "(erased)" for an erased case, or
 * NULL when the case is not here (yet) or has no name (caller frees). */
char		*store_case_name(struct store *, const char *id);
int		 store_case_erased(struct store *, const char *case_id,
		     char **cause);
int		 store_erase_closed_before(struct store *, int64_t before_ms,
		     char ***ids, size_t *n, char **cause);
/* Compacts the store file (VACUUM), outside any transaction: the space
 * erased data took goes back to the disk.  -1 with *cause. */
int		 store_vacuum(struct store *, char **cause);

#endif
