/*
 * store-sync.c: export and merge (store-sync.h).  Export reads the
 * changes in bundle order inside one read transaction (the bundle writer
 * reads them twice) and records the last arrival number exported, in
 * meta "exported", only after the bundle has been read back.  Merge
 * brings every change of a bundle in through store_add_change inside
 * one write transaction, checks changes it already has for forks, and
 * reports gaps and form versions this store lacks.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle.h"
#include "form.h"
#include "i18n.h"
#include "store-int.h"
#include "store-keys.h"
#include "store-sync.h"
#include "strmap.h"
#include "util.h"

/* The export source: a statement over the change log. */
struct export_src {
	struct store	*st;
	sqlite3_stmt	*s;
	int64_t		 from, to;
	struct change	 c;
	char		*ptext;		/* parents, split in place */
	char		**pv;
	size_t		 pcap;
};

/* The range is found by arrival number and sorted: measured on a
 * million changes, faster than reading the (device, seq) index in order
 * and fetching each row. */
static const char *sql_export =
    "SELECT device, seq, hlc, record, form, form_version, case_id, path, "
    "value, parents, author FROM change WHERE n > ? AND n <= ? "
    "ORDER BY device, seq";

/* Page cache while a bundle is exported or merged, and after. */
#define SYNC_CACHE	"PRAGMA cache_size = -65536"
#define STORE_CACHE	"PRAGMA cache_size = -8192"

/* The export source starts again: the statement over the range, reset. */
static int
export_rewind(void *arg, char **cause)
{
	struct export_src	*e = arg;

	(void)cause;
	e->s = store_stmt(e->st, sql_export);
	sqlite3_bind_int64(e->s, 1, e->from);
	sqlite3_bind_int64(e->s, 2, e->to);
	return 0;
}

/* A text column, valid until the statement steps again (NULL for NULL). */
static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* The next change of the export, borrowed from the statement until the next call. */
static int
export_next(void *arg, const struct change **out, char **cause)
{
	struct export_src	*e = arg;
	struct change		*c = &e->c;
	char			*p, *sp;
	int			 rc;

	do {
		if ((rc = sqlite3_step(e->s)) == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return store_fail(e->st, rc, cause);
	} while (!store_export_wanted(e->st, col(e->s, 6), col(e->s, 3),
	    col(e->s, 4)));
	c->device = (char *)col(e->s, 0);
	c->seq = sqlite3_column_int64(e->s, 1);
	c->hlc = sqlite3_column_int64(e->s, 2);
	c->record = (char *)col(e->s, 3);
	c->form = (char *)col(e->s, 4);
	c->form_version = sqlite3_column_int(e->s, 5);
	c->case_id = (char *)col(e->s, 6);
	c->path = (char *)col(e->s, 7);
	c->value = (char *)col(e->s, 8);
	c->author = (char *)col(e->s, 10);
	free(e->ptext);
	e->ptext = xstrdup(col(e->s, 9) != NULL ? col(e->s, 9) : "");
	c->nparents = 0;
	for (p = e->ptext; *p != '\0'; p = sp + 1) {
		if (c->nparents == e->pcap) {
			e->pcap = e->pcap == 0 ? 8 : e->pcap * 2;
			e->pv = xreallocarray(e->pv, e->pcap, sizeof *e->pv);
		}
		e->pv[c->nparents++] = p;
		if ((sp = strchr(p, ' ')) == NULL)
			break;
		*sp = '\0';
	}
	c->parents = e->pv;
	*out = c;
	return 1;
}

/* A piece of a file name: letters, digits, '_' and '-' only. */
static void
name_part(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-')
			buf_addc(b, *s);
		else if (b->len > 0 && b->s[b->len - 1] != '_')
			buf_addc(b, '_');
	}
}

/* An integer from meta, 0 when missing. */
static int64_t
meta_int(struct store *st, const char *key)
{
	sqlite3_stmt	*s;
	int64_t		 v = 0;

	s = store_stmt(st, "SELECT CAST(value AS INTEGER) FROM meta "
	    "WHERE key = ?");
	store_bind(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

struct progress_bridge {
	const struct sync_progress	*p;
	const char			*what;
};

/* Passes the bundle module's progress on to the caller's, naming the work. */
static void
progress_cb(void *arg, uint64_t done, uint64_t total)
{
	struct progress_bridge	*b = arg;

	if (b->p != NULL && b->p->fn != NULL)
		b->p->fn(b->p->arg, b->what, done, total);
}

/* Frees what an export result owns and zeroes it. */
void
export_result_free(struct export_result *r)
{
	free(r->path);
	bundle_header_free(&r->h);
	memset(r, 0, sizeof *r);
}

/* Records that everything up to arrival number `to` was exported. */
static int
export_record(struct store *st, int64_t to, char **cause)
{
	sqlite3_stmt	*s;
	char		 buf[32];
	int		 rc;

	if (store_begin(st, cause) != 0)
		return -1;
	if (meta_int(st, "exported") < to) {
		snprintf(buf, sizeof buf, "%" PRId64, to);
		s = store_stmt(st, "INSERT INTO meta(key, value) "
		    "VALUES('exported', ?) ON CONFLICT(key) DO UPDATE "
		    "SET value = excluded.value");
		store_bind(s, 1, buf);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			store_fail(st, rc, cause);
			store_rollback(st);
			return -1;
		}
	}
	return store_commit(st, cause);
}

/* Exports in format 1; see store-sync.h. */
int
store_export(struct store *st, const char *dest, bool all,
    const struct sync_progress *prog, struct export_result *r, char **cause)
{
	return store_export_sealed(st, dest, all, NULL, prog, r, cause);
}

/* Exports; see store-sync.h. */
int
store_export_sealed(struct store *st, const char *dest, bool all,
    const struct bundle_keys *keys, const struct sync_progress *prog,
    struct export_result *r, char **cause)
{
	struct export_src	 e;
	struct bundle_source	 src;
	struct bundle_meta	 m;
	struct progress_bridge	 pb = { prog, "export" };
	struct stat		 sb;
	struct buf		 name = { 0 };
	sqlite3_stmt		*s;
	char			*site, *worker;
	int			 rc;

	memset(r, 0, sizeof *r);
	memset(&e, 0, sizeof e);
	if ((rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return store_fail(st, rc, cause);
	(void)sqlite3_exec(st->db, SYNC_CACHE, NULL, NULL, NULL);
	e.st = st;
	e.from = all ? 0 : meta_int(st, "exported");
	s = store_stmt(st, "SELECT coalesce(max(n), 0) FROM change");
	e.to = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (e.to <= e.from) {
		(void)sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
		(void)sqlite3_exec(st->db, STORE_CACHE, NULL, NULL, NULL);
		return 0;
	}
	site = store_setting(st, "site");
	worker = store_setting(st, "worker");
	if (site != NULL && *site != '\0')
		name_part(&name, site);
	if (name.len == 0)
		buf_adds(&name, "onward");
	buf_addf(&name, "-%.8s-%" PRId64 "-%" PRId64 "%s", st->device,
	    e.from + 1, e.to, BUNDLE_SUFFIX);
	if (dest == NULL)
		r->path = xstrdup(name.s);
	else if (stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode))
		r->path = xasprintf("%s%s%s", dest,
		    dest[strlen(dest) - 1] == '/' ? "" : "/", name.s);
	else
		r->path = xstrdup(dest);
	buf_free(&name);
	m.origin = st->device;
	m.site = site;
	m.worker = worker;
	src.rewind = export_rewind;
	src.next = export_next;
	src.arg = &e;
	rc = bundle_write_sealed(r->path, &m, keys, &src, progress_cb, &pb,
	    &r->h, cause);
	if (e.s != NULL)
		sqlite3_reset(e.s);
	(void)sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	(void)sqlite3_exec(st->db, STORE_CACHE, NULL, NULL, NULL);
	free(e.ptext);
	free(e.pv);
	free(site);
	free(worker);
	/* An export for one worker is not the export of this store. */
	if (rc == 0 && st->export_only == NULL &&
	    export_record(st, e.to, cause) != 0)
		rc = -1;
	if (rc != 0) {
		export_result_free(r);
		return -1;
	}
	r->first = e.from + 1;
	r->last = e.to;
	return 0;
}

/* Frees what a merge report owns and zeroes it. */
void
merge_report_free(struct merge_report *m)
{
	size_t	i;

	for (i = 0; i < m->ngaps; i++)
		free(m->gaps[i]);
	free(m->gaps);
	for (i = 0; i < m->nforms; i++)
		free(m->forms[i]);
	free(m->forms);
	for (i = 0; i < m->nclocks; i++)
		free(m->clocks[i]);
	free(m->clocks);
	memset(m, 0, sizeof *m);
}

/* Appends s (taking it) to a list of lines. */
static void
lines_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* How many fields have more than one head (bar erased cases'). */
static uint64_t
open_conflicts(struct store *st)
{
	sqlite3_stmt	*s;
	uint64_t	 n = 0;

	s = store_stmt(st, "SELECT count(*) FROM field WHERE nheads > 1 AND "
	    STORE_NOT_ERASED);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (uint64_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

/*
 * Whether this store has a change under c's (device, seq) (*known), and if
 * so whether it is the same change (*same); else the device has two
 * histories (a fork).  One indexed read, which tells a new change too.
 * Two that differ only in that one has lost its value to an erasure
 * (store-erase.c) set *erased: 1 when this store's has, 2 when c has.
 */
static int
check_known(struct store *st, const struct change *c, bool *known,
    bool *same, int *erased, char **cause)
{
	struct change	 cv;
	sqlite3_stmt	*s;
	struct change	 k;
	char		*ptext, *p, *sp, **pv = NULL;
	size_t		 pcap = 0;
	int		 rc;

	s = store_stmt(st, "SELECT hlc, record, form, form_version, case_id, "
	    "path, value, parents, author FROM change WHERE device = ? AND "
	    "seq = ?");
	store_bind(s, 1, c->device);
	sqlite3_bind_int64(s, 2, c->seq);
	*known = *same = false;
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : store_fail(st, rc, cause);
	}
	*known = true;
	memset(&k, 0, sizeof k);
	k.device = c->device;
	k.seq = c->seq;
	k.hlc = sqlite3_column_int64(s, 0);
	k.record = (char *)col(s, 1);
	k.form = (char *)col(s, 2);
	k.form_version = sqlite3_column_int(s, 3);
	k.case_id = (char *)col(s, 4);
	k.path = (char *)col(s, 5);
	k.value = (char *)col(s, 6);
	k.author = (char *)col(s, 8);
	ptext = xstrdup(col(s, 7) != NULL ? col(s, 7) : "");
	for (p = ptext; *p != '\0'; p = sp + 1) {
		if (k.nparents == pcap) {
			pcap = pcap == 0 ? 8 : pcap * 2;
			pv = xreallocarray(pv, pcap, sizeof *pv);
		}
		pv[k.nparents++] = p;
		if ((sp = strchr(p, ' ')) == NULL)
			break;
		*sp = '\0';
	}
	k.parents = pv;
	*same = bundle_change_equal(&k, c);
	*erased = 0;
	if (!*same && k.path[0] != '@' && (k.value == NULL) !=
	    (c->value == NULL)) {
		cv = *c;
		cv.value = NULL;
		*erased = k.value == NULL ? 1 : 2;
		k.value = NULL;
		if (!bundle_change_equal(&k, &cv))
			*erased = 0;
	}
	sqlite3_reset(s);
	free(ptext);
	free(pv);
	return 0;
}

/* The highest sequence number this store has of a device, 0 if none. */
static int
max_seq(struct store *st, const char *device, int64_t *seq, char **cause)
{
	return store_query_int(st, "SELECT coalesce(max(seq), 0) FROM change "
	    "WHERE device = ?", device, seq, cause) == -1 ? -1 : 0;
}

/* Lines for the gaps in a device's sequence numbers. */
static int
find_gaps(struct store *st, const char *device, struct merge_report *m,
    char **cause)
{
	sqlite3_stmt	*s;
	int64_t		 a, b;
	int		 rc;

	/* Sequence numbers are unique and start at 1: no gap when the
	 * count is the largest, which the unique index answers quickly. */
	s = store_stmt(st, "SELECT count(*) = coalesce(max(seq), 0) FROM "
	    "change WHERE device = ?");
	store_bind(s, 1, device);
	rc = sqlite3_step(s);
	a = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	if (a == 1)
		return 0;
	s = store_stmt(st, "SELECT 1, min(seq) - 1 FROM change WHERE "
	    "device = ?1 HAVING min(seq) > 1 UNION ALL "
	    "SELECT seq + 1, nxt - 1 FROM (SELECT seq, lead(seq) OVER "
	    "(ORDER BY seq) AS nxt FROM change WHERE device = ?1) "
	    "WHERE nxt > seq + 1");
	store_bind(s, 1, device);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a = sqlite3_column_int64(s, 0);
		b = sqlite3_column_int64(s, 1);
		if (a == b)
			lines_add(&m->gaps, &m->ngaps, xasprintf(_("device "
			    "%.8s: change %" PRId64 " missing; an earlier "
			    "bundle was not merged"), device, a));
		else
			lines_add(&m->gaps, &m->ngaps, xasprintf(_("device "
			    "%.8s: changes %" PRId64 "-%" PRId64 " missing; "
			    "an earlier bundle was not merged"), device, a,
			    b));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* What a merge keeps while it reads a bundle. */
struct merge {
	struct store		*st;
	const char		*path;		/* the bundle, for messages */
	struct bundle_reader	*r;
	struct merge_report	*m;
	struct strmap		 records, cases;	/* touched */
	char			*lastdev;	/* device of the last change */
	int64_t			 had;		/* its highest seq here */
	struct {
		char	device[33];
		int64_t	ms;
	}			 ahead[8];	/* clocks a day ahead */
	size_t			 nahead;
	int64_t			 now_ms;
	char			**erased;	/* cases whose changes came
						   erased: the bundle must
						   erase them */
	size_t			 nerased;
	struct strvec		 newdev;	/* devices of new changes */
	int64_t			*newmax;	/* the highest new of each */
};

/* Notes a new change's clock when it runs more than a day ahead of this
 * computer's: said once per device (ahead holds the furthest). */
static void
merge_note_ahead(struct merge *mg, const struct change *c)
{
	size_t	k;

	if ((c->hlc >> 16) <= mg->now_ms + STORE_MAX_AHEAD_MS)
		return;
	for (k = 0; k < mg->nahead && strcmp(mg->ahead[k].device,
	    c->device) != 0; k++)
		;
	if (k == mg->nahead && mg->nahead < nitems(mg->ahead)) {
		snprintf(mg->ahead[k].device, sizeof mg->ahead[k].device, "%s",
		    c->device);
		mg->ahead[k].ms = 0;
		mg->nahead++;
	}
	if (k < mg->nahead && (c->hlc >> 16) > mg->ahead[k].ms)
		mg->ahead[k].ms = c->hlc >> 16;
}

/* Counts the record and case a new change touches. */
static void
merge_note_touched(struct merge *mg, const struct change *c)
{
	if (c->case_id != NULL && strcmp(c->case_id, c->record) == 0)
		strmap_add(&mg->cases, c->record);
	else {
		strmap_add(&mg->records, c->record);
		if (c->case_id != NULL)
			strmap_add(&mg->cases, c->case_id);
	}
}

/*
 * Brings one change of the bundle in, unless this store has it: 0, or -1
 * with *cause on a store error or a fork (a change that differs from the
 * one this store has under its (device, seq)).
 */
static int
merge_change(struct merge *mg, const struct change *c, char **cause)
{
	struct store	*st = mg->st;
	bool		 known, same = true;
	int		 erased = 0, rc;

	mg->m->changes++;
	/*
	 * The changes come by device, each device's numbers rising (the
	 * reader checks): one above the highest number this store had of
	 * its device when they began is new without a look-up.
	 */
	if (mg->lastdev == NULL || strcmp(mg->lastdev, c->device) != 0) {
		free(mg->lastdev);
		mg->lastdev = xstrdup(c->device);
		if (max_seq(st, c->device, &mg->had, cause) != 0)
			return -1;
	}
	if (c->seq > mg->had)
		known = false;
	else if (check_known(st, c, &known, &same, &erased, cause) != 0)
		return -1;
	/* Erased here: the same change if its case is erased here. */
	if (erased == 1 && c->case_id != NULL) {
		if ((rc = store_case_erased(st, c->case_id, cause)) == -1)
			return -1;
		same = rc == 1;
	} else if (erased == 2 && c->case_id != NULL) {
		/* Erased there: the same if the bundle erases its case. */
		mg->erased = xreallocarray(mg->erased, mg->nerased + 1,
		    sizeof *mg->erased);
		mg->erased[mg->nerased++] = xstrdup(c->case_id);
		same = true;
	}
	if (!known && store_add_change(st, c, cause) != 0)
		return -1;
	if (strcmp(c->device, st->device) == 0 && c->seq > st->seq)
		st->seq = c->seq;	/* a store restored from backup must
					   not reuse its numbers */
	if (!known) {
		if (mg->newdev.n == 0 || strcmp(mg->newdev.v[mg->newdev.n - 1],
		    c->device) != 0) {
			strvec_add(&mg->newdev, c->device);
			mg->newmax = xreallocarray(mg->newmax, mg->newdev.n,
			    sizeof *mg->newmax);
		}
		mg->newmax[mg->newdev.n - 1] = c->seq;
		mg->m->added++;
		merge_note_ahead(mg, c);
		merge_note_touched(mg, c);
		return 0;
	}
	mg->m->known++;
	store_hlc_observe(st, c->hlc);
	if (!same) {
		*cause = xasprintf(_("'%s': line %llu: change %s:%lld "
		    "differs from the one this store already has: "
		    "device %.8s has two histories (a copied store?); "
		    "bundle refused"), mg->path,
		    (unsigned long long)bundle_reader_line(mg->r),
		    c->device, (long long)c->seq, c->device);
		return -1;
	}
	return 0;
}

/*
 * Once every change is in: each case whose changes came erased while this
 * store has their values must be erased now (the bundle carried the
 * erasure), else the bundle is a fork (-1 with *cause).  Frees the list;
 * with check false only frees it.
 */
static int
merge_check_erased(struct merge *mg, bool check, char **cause)
{
	size_t	i;
	int	rc = check ? 1 : 0;

	for (i = 0; i < mg->nerased; i++) {
		if (rc == 1 && (rc = store_case_erased(mg->st, mg->erased[i],
		    cause)) == 0)
			*cause = xasprintf(_("'%s': changes of case '%s' come "
			    "without their values but the bundle does not "
			    "erase it: a device has two histories (a copied "
			    "store?); bundle refused"), mg->path,
			    mg->erased[i]);
		free(mg->erased[i]);
	}
	free(mg->erased);
	mg->erased = NULL;
	mg->nerased = 0;
	return rc == 1 || !check ? 0 : -1;
}

/*
 * Once every change is in (the bundle's revocations too): a bundle from a
 * revoked device, or with new changes of one numbered above its
 * revocation, is refused (-1 with *cause naming the file and device).
 */
static int
merge_check_revoked(struct merge *mg, char **cause)
{
	const char	*origin = bundle_reader_header(mg->r)->origin;
	int64_t		 last;
	size_t		 i;
	int		 rc;

	if (origin != NULL && (rc = store_revoked(mg->st, origin, &last,
	    cause)) != 0) {
		if (rc == 1)
			*cause = xasprintf(_("'%s' comes from device %s, "
			    "which is revoked (after its change %lld); "
			    "bundle refused"), mg->path, origin,
			    (long long)last);
		return -1;
	}
	for (i = 0; i < mg->newdev.n; i++) {
		if ((rc = store_revoked(mg->st, mg->newdev.v[i], &last,
		    cause)) == -1)
			return -1;
		if (rc == 1 && mg->newmax[i] > last) {
			*cause = xasprintf(_("'%s' carries change %lld of "
			    "device %s, which is revoked after its change "
			    "%lld; bundle refused"), mg->path,
			    (long long)mg->newmax[i], mg->newdev.v[i],
			    (long long)last);
			return -1;
		}
	}
	return 0;
}

/* Adds the report's lines once every change is in: gaps in the devices'
 * numbers, clocks ahead, and form versions this store's pack lacks. */
static int
merge_report_lines(struct merge *mg, char **cause)
{
	const struct bundle_header	*h = bundle_reader_header(mg->r);
	const struct bundle_form	*bf;
	const struct form		*f;
	struct merge_report		*m = mg->m;
	size_t				 i;

	for (i = 0; i < h->ndevices; i++) {
		if (find_gaps(mg->st, h->devices[i].device, m, cause) != 0)
			return -1;
	}
	for (i = 0; i < mg->nahead; i++) {
		lines_add(&m->clocks, &m->nclocks, xasprintf(_("device %.8s: "
		    "its clock was %lld days ahead of this computer's; the "
		    "times of its changes are wrong, nothing is lost"),
		    mg->ahead[i].device, (long long)((mg->ahead[i].ms -
		    mg->now_ms) / 86400000)));
	}
	for (i = 0; mg->st->pack != NULL && i < h->nforms; i++) {
		bf = &h->forms[i];
		if (bf->form[0] == '_')		/* "_onward": revocations */
			continue;
		f = form_pack_find(mg->st->pack, bf->form);
		if (f != NULL && f->version >= bf->version)
			continue;
		lines_add(&m->forms, &m->nforms, xasprintf(_("form '%s' "
		    "version %d is not in this store's form pack; its %llu "
		    "changes were kept"), bf->form, bf->version,
		    (unsigned long long)bf->changes));
	}
	return 0;
}

/* Merges format 1 only; see store-sync.h. */
int
store_merge(struct store *st, const char *path,
    const struct sync_progress *prog, struct merge_report *m, char **cause)
{
	return store_merge_trust(st, path, NULL, prog, m, cause);
}

/* Merges; see store-sync.h. */
int
store_merge_trust(struct store *st, const char *path,
    const struct bundle_trust *t, const struct sync_progress *prog,
    struct merge_report *m, char **cause)
{
	struct merge		 mg;
	const struct change	*c;
	struct progress_bridge	 pb = { prog, "merge" };
	uint64_t		 before;
	int64_t			 arrived;
	int			 rc;

	memset(m, 0, sizeof *m);
	memset(&mg, 0, sizeof mg);
	mg.st = st;
	mg.path = path;
	mg.m = m;
	mg.now_ms = (int64_t)time(NULL) * 1000;
	if ((mg.r = bundle_open_trust(path, NULL, t, cause)) == NULL)
		return -1;
	bundle_reader_progress(mg.r, progress_cb, &pb);
	(void)sqlite3_exec(st->db, SYNC_CACHE, NULL, NULL, NULL);
	if (store_begin(st, cause) != 0) {
		(void)sqlite3_exec(st->db, STORE_CACHE, NULL, NULL, NULL);
		bundle_close(mg.r);
		return -1;
	}
	before = open_conflicts(st);
	if (store_query_int(st, "SELECT coalesce(max(n), 0) FROM change",
	    NULL, &arrived, cause) == -1) {
		store_rollback(st);
		(void)sqlite3_exec(st->db, STORE_CACHE, NULL, NULL, NULL);
		bundle_close(mg.r);
		return -1;
	}
	while ((rc = bundle_read(mg.r, &c, cause)) == 1) {
		if (merge_change(&mg, c, cause) != 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && merge_check_erased(&mg, rc == 0, cause) != 0)
		rc = -1;
	if (rc == 0 && merge_check_revoked(&mg, cause) != 0)
		rc = -1;
	if (rc == 0 && store_disabled_merged(st, arrived, path, cause) != 0)
		rc = -1;
	if (rc == 0 && merge_report_lines(&mg, cause) != 0)
		rc = -1;
	if (rc == 0 && store_refresh_dirty(st, cause) != 0)
		rc = -1;
	if (rc == 0) {
		m->open = open_conflicts(st);
		m->conflicts = m->open > before ? m->open - before : 0;
		rc = store_commit(st, cause);
	} else
		store_rollback(st);
	(void)sqlite3_exec(st->db, STORE_CACHE, NULL, NULL, NULL);
	(void)merge_check_erased(&mg, false, NULL);
	free(mg.lastdev);
	strvec_free(&mg.newdev);
	free(mg.newmax);
	m->records = mg.records.n;
	m->cases = mg.cases.n;
	strmap_free(&mg.records, NULL);
	strmap_free(&mg.cases, NULL);
	bundle_close(mg.r);
	if (rc != 0)
		merge_report_free(m);
	return rc;
}
