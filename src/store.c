/*
 * store.c: opening and creating the store, its schema and migrations,
 * statements, transactions, the hybrid logical clock, settings, and
 * applying changes to the derived state (store-int.h describes the schema).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/*
 * Migrations: store_migrations[v] takes a store from user_version v to
 * v + 1.  Never edit one that has shipped; add the next instead.
 */
static const char *const store_migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE change("
	"  n INTEGER PRIMARY KEY,"
	"  device TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
	"  record TEXT NOT NULL, form TEXT NOT NULL,"
	"  form_version INTEGER NOT NULL, case_id TEXT, path TEXT NOT NULL,"
	"  value TEXT, parents TEXT NOT NULL, author TEXT NOT NULL,"
	"  UNIQUE(device, seq));"
	"CREATE INDEX change_record ON change(record, path);"
	"CREATE TABLE superseded(device TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  PRIMARY KEY(device, seq)) WITHOUT ROWID;"
	"CREATE TABLE field(record TEXT NOT NULL, path TEXT NOT NULL,"
	"  value TEXT, change INTEGER NOT NULL REFERENCES change(n),"
	"  nheads INTEGER NOT NULL, hlc INTEGER NOT NULL,"
	"  device TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  PRIMARY KEY(record, path)) WITHOUT ROWID;"
	"CREATE INDEX field_conflict ON field(record, path) WHERE nheads > 1;"
	"CREATE TABLE record(id TEXT PRIMARY KEY, form TEXT NOT NULL,"
	"  form_version INTEGER NOT NULL, case_id TEXT, author TEXT NOT NULL,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  deleted INTEGER NOT NULL, conflict INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX record_case ON record(case_id, created);"
	"CREATE TABLE kase(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	"  type TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  closed INTEGER NOT NULL, next_due INTEGER, overdue_from INTEGER);"
	"CREATE INDEX kase_type ON kase(type);"
	"CREATE INDEX kase_due ON kase(next_due) WHERE next_due IS NOT NULL;"
	STORE_CASE_SEARCH
	"CREATE TABLE draft(n INTEGER PRIMARY KEY, form TEXT NOT NULL,"
	"  case_id TEXT, record_id TEXT, updated TEXT NOT NULL);"
	"CREATE TABLE draft_value(draft INTEGER NOT NULL"
	"  REFERENCES draft(n) ON DELETE CASCADE, path TEXT NOT NULL,"
	"  value TEXT NOT NULL, PRIMARY KEY(draft, path)) WITHOUT ROWID;",
	/*
	 * 1 -> 2: the winners move from the field table into the log's own
	 * rows (change.head); field becomes a view of them with the same
	 * columns, so readers do not change.
	 */
	"ALTER TABLE change ADD COLUMN head INTEGER;"
	"UPDATE change SET head = CASE WHEN EXISTS (SELECT 1 FROM superseded s"
	"  WHERE s.device = change.device AND s.seq = change.seq)"
	"  THEN 0 ELSE -1 END;"
	"UPDATE change SET head = f.nheads FROM field f WHERE f.change = change.n;"
	"DROP INDEX field_conflict;"
	"DROP TABLE field;"
	"CREATE VIEW field(record, path, value, change, nheads, hlc, device,"
	"  seq) AS SELECT record, path, value, n, head, hlc, device, seq"
	"  FROM change WHERE head > 0;"
	"CREATE INDEX change_conflict ON change(record, path) WHERE head > 1;"
	STORE_CASE_SEARCH_TUNE,
	/*
	 * 2 -> 3: accounts (store-account.c), local to this store like the
	 * settings: never in a bundle, never in the dump.
	 */
	"CREATE TABLE account(name TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK(role IN ('worker', 'supervisor', 'admin')),"
	"  pwhash TEXT NOT NULL, wrapped BLOB NOT NULL, salt BLOB NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL) WITHOUT ROWID;",
	/*
	 * 3 -> 4: the erased cases (store-erase.c), found without a scan;
	 * an erasure an older version merged without knowing it is done now
	 * (its search entries go until the case changes or a rebuild).
	 */
	"CREATE INDEX change_erased ON change(record) WHERE path = '@erased';"
	"CREATE TEMP TABLE erased AS SELECT record AS id FROM change"
	"  WHERE path = '@erased' AND record = case_id;"
	"UPDATE change SET value = NULL WHERE value IS NOT NULL AND"
	"  substr(path, 1, 1) <> '@' AND coalesce(case_id, record) IN"
	"  (SELECT id FROM erased);"
	"DELETE FROM draft WHERE case_id IN (SELECT id FROM erased) OR"
	"  record_id IN (SELECT r.id FROM record r, erased e"
	"  WHERE r.case_id = e.id);"
	"DELETE FROM case_search WHERE rowid IN (SELECT k.n FROM kase k,"
	"  erased e WHERE k.id = e.id);"
	"INSERT INTO case_search(case_search) SELECT 'optimize'"
	"  WHERE EXISTS (SELECT 1 FROM erased);"
	"DROP TABLE erased;",
	/*
	 * 4 -> 5: what falls due (store-due.c), derived like kase: every
	 * visit and date not done, read by the work list in one query;
	 * store_due_fill makes them for the cases there are.
	 */
	"CREATE TABLE IF NOT EXISTS due_item(case_id TEXT NOT NULL, n INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL, item TEXT NOT NULL, day INTEGER NOT NULL,"
	"  form TEXT NOT NULL, record TEXT, lo INTEGER NOT NULL,"
	"  target INTEGER NOT NULL, hi INTEGER, name TEXT, worker TEXT,"
	"  type TEXT, PRIMARY KEY(case_id, n)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS due_open ON due_item(lo, hi, target, kind,"
	"  item, day, form, record, name, worker, type) WHERE hi IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS due_date ON due_item(lo, target, kind,"
	"  item, day, form, record, name, worker, type) WHERE hi IS NULL;"
	"CREATE INDEX IF NOT EXISTS due_missed ON due_item(hi);",
};

/* The characters of case ids: digits and capitals without I, L, O, U. */
static const char store_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The cached statement for sql, reset (see store-int.h). */
sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	struct store_stmt	*s;
	size_t			 i;
	int			 rc;

	for (i = 0; i < st->nstmts; i++) {
		if (st->stmts[i].sql == sql) {
			sqlite3_reset(st->stmts[i].st);
			sqlite3_clear_bindings(st->stmts[i].st);
			return st->stmts[i].st;
		}
	}
	st->stmts = xreallocarray(st->stmts, st->nstmts + 1,
	    sizeof *st->stmts);
	s = &st->stmts[st->nstmts];
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->st, NULL);
	if (rc != SQLITE_OK)
		fatal("cannot prepare '%s': %s", sql, sqlite3_errmsg(st->db));
	s->sql = sql;
	st->nstmts++;
	return s->st;
}

/* Binds text without copying, or NULL (see store-int.h). */
void
store_bind(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

/* Column i as a copy, or NULL (see store-int.h). */
char *
store_col(sqlite3_stmt *s, int i)
{
	const unsigned char	*t;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(s, i);
	return xstrdup(t != NULL ? (const char *)t : "");
}

/* Sets *cause from an SQLite result code and returns -1. */
int
store_fail(struct store *st, int rc, char **cause)
{
	const char	*why;

	switch (rc & 0xff) {
	case SQLITE_FULL:
		why = _("the disk is full");
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		why = _("the store is read-only");
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		why = _("the store is busy: another program is using it");
		break;
	case SQLITE_IOERR:
		why = _("input/output error");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		why = _("the file is damaged or is not an onward store");
		break;
	case SQLITE_CANTOPEN:
		why = _("cannot open the file");
		break;
	case SQLITE_NOMEM:
		fatal("out of memory");
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_COMMITHOOK) {
			why = _("the change was abandoned halfway (out of "
			    "memory or a failing disk); nothing was written");
			break;
		}
		/* FALLTHROUGH */
	default:
		why = st->db != NULL ? sqlite3_errmsg(st->db) :
		    sqlite3_errstr(rc);
		break;
	}
	*cause = xasprintf(_("store '%s': %s"), st->path, why);
	return -1;
}

/* Runs parameterless SQL; -1 with *cause on failure. */
int
store_exec(struct store *st, const char *sql, char **cause)
{
	int	rc;

	if ((rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(st, rc, cause);
	return 0;
}

/* Steps a statement that returns no rows (see store-int.h). */
int
store_done(struct store *st, sqlite3_stmt *s, char **cause)
{
	int	rc;

	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	return 0;
}

/* The first column of the first row of sql with text bound (see
 * store-int.h). */
int
store_query_int(struct store *st, const char *sql, const char *arg,
    int64_t *out, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_stmt(st, sql);
	store_bind(s, 1, arg);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return rc == SQLITE_ROW;
}

/* The value sql (a string constant) selects for key, of the meta or the
 * setting table: a copy (caller frees), or NULL. */
static char *
key_value_get(struct store *st, const char *sql, const char *key)
{
	sqlite3_stmt	*s;
	char		*v = NULL;

	s = store_stmt(st, sql);
	store_bind(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = store_col(s, 0);
	sqlite3_reset(s);
	return v;
}

/* Runs sql (a string constant: an upsert of key and value) in the current
 * transaction if any. */
static int
key_value_set(struct store *st, const char *sql, const char *key,
    const char *value, char **cause)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, sql);
	store_bind(s, 1, key);
	store_bind(s, 2, value);
	return store_done(st, s, cause);
}

/* A meta value (caller frees), or NULL. */
char *
store_meta_get(struct store *st, const char *key)
{
	return key_value_get(st, "SELECT value FROM meta WHERE key = ?", key);
}

/* Sets a meta value, in the current transaction if any. */
int
store_meta_set(struct store *st, const char *key, const char *value,
    char **cause)
{
	return key_value_set(st, "INSERT INTO meta(key, value) VALUES(?, ?) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", key,
	    value, cause);
}

/* A meta value as a number, 0 when unset. */
static int64_t
store_meta_int(struct store *st, const char *key)
{
	char	*v;
	int64_t	 n = 0;

	if ((v = store_meta_get(st, key)) != NULL) {
		n = strtoll(v, NULL, 10);
		free(v);
	}
	return n;
}

/* Sets a meta value to a number. */
static int
store_meta_set_int(struct store *st, const char *key, int64_t n,
    char **cause)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, n);
	return store_meta_set(st, key, buf, cause);
}

/* Reads the clock and counters (another process may have moved them). */
static void
store_load_meta(struct store *st)
{
	int64_t	hlc;

	hlc = store_meta_int(st, "hlc");
	if (hlc > st->hlc)
		st->hlc = hlc;
	st->seq = store_meta_int(st, "seq");
	st->case_counter = store_meta_int(st, "case_counter");
	st->record_counter = store_meta_int(st, "record_counter");
}

int
store_set_durable(struct store *st, bool durable, char **cause)
{
	if (!durable)
		return store_exec(st, "PRAGMA synchronous = OFF", cause);
	if (store_exec(st, "PRAGMA synchronous = FULL", cause) == -1)
		return -1;
	return store_exec(st, "PRAGMA wal_checkpoint(FULL)", cause);
}

/* Starts a write transaction (see store-int.h). */
int
store_begin(struct store *st, char **cause)
{
	int	rc;

	if (st->readonly) {
		*cause = xasprintf(_("store '%s': %s"), st->path,
		    _("the store is read-only"));
		return -1;
	}
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause);
	st->in_tx = true;
	store_forget_marks(st);
	store_load_meta(st);
	return 0;
}

/* Refreshes derived rows, saves the clock and counters, commits. */
int
store_commit(struct store *st, char **cause)
{
	int	rc;

	if (store_refresh_dirty(st, cause) == -1 ||
	    store_meta_set_int(st, "hlc", st->hlc, cause) == -1 ||
	    store_meta_set_int(st, "seq", st->seq, cause) == -1 ||
	    store_meta_set_int(st, "case_counter", st->case_counter,
	    cause) == -1 ||
	    store_meta_set_int(st, "record_counter", st->record_counter,
	    cause) == -1) {
		store_rollback(st);
		return -1;
	}
	st->committing = true;
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->committing = false;
	if (rc != SQLITE_OK) {
		store_fail(st, rc, cause);
		store_rollback(st);
		return -1;
	}
	st->in_tx = false;
	return 0;
}

/* Abandons the transaction and what it marked. */
void
store_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db) == 0)
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
	store_forget_marks(st);
	/* The clock may only go forward; counters are re-read at begin. */
}

/* Wall-clock milliseconds since 1970. */
static int64_t
store_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The next hybrid logical clock value for a local change. */
int64_t
store_hlc_next(struct store *st)
{
	int64_t	l = st->hlc >> 16, c = st->hlc & 0xffff, pt;

	pt = store_now_ms();
	if (pt > l) {
		l = pt;
		c = 0;
	} else if (++c > 0xffff) {
		l++;
		c = 0;
	}
	st->hlc = (l << 16) | c;
	return st->hlc;
}

/* Moves the clock to at least a value seen in another change. */
void
store_hlc_observe(struct store *st, int64_t remote)
{
	if (remote > st->hlc &&
	    (remote >> 16) <= store_now_ms() + STORE_MAX_AHEAD_MS)
		st->hlc = remote;
}

/* A clock value after every change of the records (see store-int.h). */
int64_t
store_hlc_for(struct store *st, const char *const *records, size_t n,
    char **cause)
{
	int64_t	hlc, top;
	size_t	i;

	hlc = store_hlc_next(st);
	for (i = 0; i < n; i++) {
		if (records[i] == NULL || (i > 0 && records[i - 1] != NULL &&
		    strcmp(records[i], records[i - 1]) == 0))
			continue;	/* a batch lists a record's together */
		if (store_query_int(st, "SELECT coalesce(max(hlc), 0) FROM "
		    "change WHERE record = ?", records[i], &top, cause) == -1)
			return -1;
		if (top >= hlc)
			hlc = top + 1;	/* the clock is not moved: only
					   this record's changes follow it */
	}
	return hlc;
}

/* An hlc as ISO 8601 UTC text in buf. */
void
store_hlc_time(int64_t hlc, char *buf, size_t len)
{
	time_t		t = (time_t)((hlc >> 16) / 1000);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The id "DEVICE:SEQ" of a change (caller frees). */
char *
store_change_id(const char *device, int64_t seq)
{
	return xasprintf("%s:%" PRId64, device, seq);
}

/* Makes a new device id from /dev/urandom. */
static int
store_new_device(char *hex, char **cause)
{
	unsigned char	b[16];
	int		fd;
	size_t		i;
	ssize_t		r;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf(_("cannot open '%s': %s"), "/dev/urandom",
		    strerror(errno));
		return -1;
	}
	r = read(fd, b, sizeof b);
	close(fd);
	if (r != (ssize_t)sizeof b) {
		*cause = xasprintf(_("cannot read '%s'"), "/dev/urandom");
		return -1;
	}
	for (i = 0; i < sizeof b; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/* The case id prefix: the device id's first 20 bits in the alphabet. */
static void
store_make_prefix(struct store *st)
{
	unsigned long	v;
	char		hex[6];
	int		i;

	memcpy(hex, st->device, 5);
	hex[5] = '\0';
	v = strtoul(hex, NULL, 16);
	for (i = 3; i >= 0; i--) {
		st->prefix[i] = store_alphabet[v & 31];
		v >>= 5;
	}
	st->prefix[4] = '\0';
}

/*
 * Brings the schema to STORE_VERSION, one migration at a time, in
 * one transaction; a new store gets its device id here.
 */
static int
store_migrate(struct store *st, char **cause)
{
	sqlite3_stmt	*s;
	int		 version = 0, rc;
	char		 dev[33], *sql;

	if ((rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL)) != SQLITE_OK)
		return store_fail(st, rc, cause);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause);
	if (version > STORE_VERSION) {
		*cause = xasprintf(_("store '%s' was written by a newer onward "
		    "(schema %d; this one knows %d)"), st->path, version,
		    STORE_VERSION);
		return -1;
	}
	if (version == STORE_VERSION)
		return 0;
	if (version == 0) {
		/* Never add our tables to somebody else's database. */
		if ((rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM "
		    "sqlite_master", -1, &s, NULL)) != SQLITE_OK)
			return store_fail(st, rc, cause);
		rc = sqlite3_step(s);
		version = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
		sqlite3_finalize(s);
		if (rc != SQLITE_ROW)
			return store_fail(st, rc, cause);
		if (version != 0) {
			*cause = xasprintf(_("store '%s': %s"), st->path,
			    _("the file is damaged or is not an onward store"));
			return -1;
		}
	}
	/*
	 * An older store we may not write is read as it is: schema 1 has
	 * the field table with the columns the view of schema 2 has, and
	 * nothing that only reads uses more.  A later migration that
	 * changes what readers see must refuse here instead.
	 */
	if (st->readonly && version >= 1)
		return 0;
	if (st->readonly) {
		*cause = xasprintf(_("store '%s': %s"), st->path,
		    _("the store is read-only"));
		return -1;
	}
	if (store_exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	/* Said, as it can take a while on a large store (seconds a million
	 * changes); the terminal is not taken over yet. */
	if (version > 0)
		fprintf(stderr, _("onward: store '%s': moving it to this "
		    "version's layout, once; every value is kept...\n"),
		    st->path);
	for (; version < STORE_VERSION; version++) {
		if (store_exec(st, store_migrations[version], cause) == -1)
			goto fail;
		if (version == 4 && store_due_fill(st, cause) == -1)
			goto fail;
		if (version == 0) {
			if (store_new_device(dev, cause) == -1 ||
			    store_meta_set(st, "device", dev, cause) == -1)
				goto fail;
		}
	}
	sql = xasprintf("PRAGMA user_version = %d", STORE_VERSION);
	rc = store_exec(st, sql, cause);
	free(sql);
	if (rc == -1 || store_exec(st, "COMMIT", cause) == -1)
		goto fail;
	return 0;
fail:
	(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * A WAL store we may not write can only be read when its -shm file can be
 * made.  When it cannot, and there is no -wal with changes not yet in the
 * main file (there never is after a clean close), read the file as
 * immutable instead.
 */
static int
store_readonly_reopen(struct store *st, char **cause)
{
	struct buf	 uri;
	struct stat	 sb;
	char		*wal;
	const char	*p;
	int		 rc;

	rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	wal = xasprintf("%s-wal", st->path);
	rc = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (rc)
		return store_fail(st, SQLITE_READONLY, cause);
	sqlite3_close(st->db);
	st->db = NULL;
	buf_init(&uri);
	buf_adds(&uri, "file:");
	for (p = st->path; *p != '\0'; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			buf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	}
	buf_adds(&uri, "?immutable=1");
	rc = sqlite3_open_v2(uri.s, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI, NULL);
	buf_free(&uri);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause);
	sqlite3_extended_result_codes(st->db, 1);
	return 0;
}

/* Opens or creates the store (see store.h). */
struct store *
store_open(const char *path, const struct form_pack *pack, char **cause)
{
	struct store	*st;
	char		*dev;
	int		 fd, rc, flags;

	store_fault_install();
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->pack = pack;
	/* Create the file ourselves, so it is mode 0600 from the start. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno != EACCES && errno != EROFS) {
			*cause = xasprintf(_("cannot open store '%s': %s"), path,
			    strerror(errno));
			goto fail;
		}
		st->readonly = true;
	} else {
		close(fd);
		/* A folder we may not write holds no -wal or -shm file:
		 * the store opens read-only, for the reading verbs. */
		st->readonly = !store_dir_writable(path);
	}
	flags = (st->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, rc, cause);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_commit_hook(st->db, store_commit_guard, st);
	if (!st->readonly && store_exec(st, "PRAGMA journal_mode = WAL",
	    cause) == -1)
		goto fail;
	if (st->readonly && store_readonly_reopen(st, cause) == -1)
		goto fail;
	/* Up to 8 MB of page cache: opening touches little of it; merges
	 * and rebuilds go much faster with it. */
	if (store_exec(st, "PRAGMA synchronous = FULL", cause) == -1 ||
	    store_exec(st, "PRAGMA cache_size = -8192", cause) == -1 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", cause) == -1 ||
	    store_exec(st, "PRAGMA secure_delete = ON", cause) == -1 ||
	    store_migrate(st, cause) == -1)
		goto fail;
	if ((dev = store_meta_get(st, "device")) == NULL ||
	    strlen(dev) != 32) {
		free(dev);
		*cause = xasprintf(_("store '%s': %s"), path,
		    _("the file is damaged or is not an onward store"));
		goto fail;
	}
	memcpy(st->device, dev, 33);
	free(dev);
	store_make_prefix(st);
	store_load_meta(st);
	/* The analysts' SQL views follow the pack (export.h). */
	if (pack != NULL && !st->readonly)
		store_views_ensure(st, pack);
	return st;
fail:
	store_close(st);
	return NULL;
}

/* Closes the store and frees it; NULL is fine. */
void
store_close(struct store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].st);
	free(st->stmts);
	store_forget_marks(st);
	free(st->dirty);
	free(st->run_paths);
	if (st->db != NULL)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* This store's device id. */
const char *
store_device(const struct store *st)
{
	return st->device;
}

/* A setting (caller frees), or NULL when unset. */
char *
store_setting(struct store *st, const char *key)
{
	return key_value_get(st, "SELECT value FROM setting WHERE key = ?",
	    key);
}

/* Sets a setting, or unsets it when value is NULL. */
int
store_set_setting(struct store *st, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*s;

	if (st->readonly)
		return store_fail(st, SQLITE_READONLY, cause);
	if (value != NULL && !utf8_valid(value, strlen(value))) {
		*cause = xasprintf(_("'%s' is not valid UTF-8 text"), key);
		return -1;
	}
	if (value != NULL)
		return key_value_set(st, "INSERT INTO setting(key, value) "
		    "VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET "
		    "value = excluded.value", key, value, cause);
	s = store_stmt(st, "DELETE FROM setting WHERE key = ?");
	store_bind(s, 1, key);
	return store_done(st, s, cause);
}
