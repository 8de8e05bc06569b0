/*
 * store-sync-export.c: export (store-sync.h).  Export reads the changes
 * in bundle order inside one read transaction (the bundle writer reads
 * them twice) and records the last arrival number exported, in meta
 * "exported", only after the bundle has been read back.
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
#include "store-guard.h"
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
	struct store_progress	 pb = { prog, "export" };
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
	rc = bundle_write_sealed(r->path, &m, keys, &src, store_progress_cb, &pb,
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
