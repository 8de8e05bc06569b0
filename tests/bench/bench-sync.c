/*
 * bench-sync.c: export and merge on the benchmark store that gen-store
 * makes (100,000 cases, 1,000,000 changes; kept in the build folder as
 * tests/bench/store-100k.db), each beside a baseline measured in the same
 * run:
 *
 *   export --all        store_export of every change to a bundle (two
 *                       reads of the log, deflate, fsync, read-back)
 *   merge (new)         store_merge of that bundle into an empty store
 *   merge (again)       the same bundle into the same store: all known
 *   baseline            reading the same bundle and inserting its rows
 *                       with plain sqlite3 into a bare change table
 *                       (same columns, UNIQUE(device, seq), one index),
 *                       in one transaction; and reading it alone
 *   size                the bundle against gzip -6 and xz -9 of the same
 *                       changes as JSON lines
 *   format 2            store_export_sealed of every change, signed with
 *                       a test key and sealed to one headquarters key,
 *                       and store_merge_trust of that bundle into an
 *                       empty store, against format 1 (export --all and
 *                       merge into a new store) and the two sizes: the
 *                       protection issue's targets are at most 1.2x the
 *                       time and 1.02x the size
 *
 *	make bench	(tests/bench/run.sh)
 *	tests/bench/bench-sync [NCASES]
 *
 * Every timed figure is the best of BENCH_SYNC_RUNS rounds (3), each
 * round measuring all of them in turn.  BENCH_SYNC_XZ=0 skips xz -9
 * (about a minute per 100 MB).
 */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "form.h"
#include "keys.h"
#include "store.h"
#include "store-sync.h"
#include "util.h"

/* The test keys of format 2: the sender's signing pair and one
 * headquarters box pair. */
static unsigned char	spk[KEYS_SIGN_PK], ssk[KEYS_SIGN_SK];
static unsigned char	bpk[KEYS_BOX_PK], bsk[KEYS_BOX_SK];

/* Trusts the test signing key only. */
static bool
trusted(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	(void)arg;
	return memcmp(pk, spk, sizeof spk) == 0;
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench-sync: %s: %s\n", what, cause);
	exit(1);
}

/* Appends s as a JSON string (or null). */
static void
json_str(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			putc(*s, f);
	}
	putc('"', f);
}

/* The baseline: read the bundle and insert its rows with plain sqlite3
 * in one transaction.  Returns ms. */
static double
baseline(const char *bundle, const char *dbpath, uint64_t *n)
{
	struct bundle_reader	*r;
	const struct change	*c;
	struct buf		 parents = { 0 };
	sqlite3			*db;
	sqlite3_stmt		*s;
	char			*cause = NULL;
	double			 t0;
	size_t			 i;
	int			 rc;

	unlink(dbpath);
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		die(dbpath, xstrdup(sqlite3_errmsg(db)));
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "CREATE TABLE change(n INTEGER PRIMARY KEY, device TEXT NOT NULL,"
	    " seq INTEGER NOT NULL, hlc INTEGER NOT NULL, record TEXT NOT NULL,"
	    " form TEXT NOT NULL, form_version INTEGER NOT NULL, case_id TEXT,"
	    " path TEXT NOT NULL, value TEXT, parents TEXT NOT NULL,"
	    " author TEXT NOT NULL, UNIQUE(device, seq));"
	    "CREATE INDEX change_record ON change(record, path);",
	    NULL, NULL, NULL);
	t0 = now_ms();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO change(device, seq, hlc, record, "
	    "form, form_version, case_id, path, value, parents, author) "
	    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL);
	if ((r = bundle_open(bundle, NULL, &cause)) == NULL)
		die(bundle, cause);
	*n = 0;
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		buf_reset(&parents);
		for (i = 0; i < c->nparents; i++) {
			if (i > 0)
				buf_addc(&parents, ' ');
			buf_adds(&parents, c->parents[i]);
		}
		sqlite3_bind_text(s, 1, c->device, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, c->seq);
		sqlite3_bind_int64(s, 3, c->hlc);
		sqlite3_bind_text(s, 4, c->record, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, c->form, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, c->form_version);
		sqlite3_bind_text(s, 7, c->case_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, c->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, c->value, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, parents.s != NULL ? parents.s : "",
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, c->author, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			die("insert", xstrdup(sqlite3_errmsg(db)));
		sqlite3_reset(s);
		(*n)++;
	}
	if (rc != 0)
		die(bundle, cause);
	bundle_close(r);
	sqlite3_finalize(s);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	t0 = now_ms() - t0;
	sqlite3_close(db);
	buf_free(&parents);
	return t0;
}

/* Reading the bundle alone (inflate, digest, parse, checks).  Returns ms;
 * writes the changes as JSON lines to json when not NULL (untimed use). */
static double
read_only(const char *bundle, const char *json)
{
	struct bundle_reader	*r;
	const struct change	*c;
	FILE			*jf = NULL;
	char			*cause = NULL;
	double			 t0;
	size_t			 i;
	int			 rc;

	if (json != NULL && (jf = fopen(json, "w")) == NULL)
		die(json, xstrdup("cannot write"));
	t0 = now_ms();
	if ((r = bundle_open(bundle, NULL, &cause)) == NULL)
		die(bundle, cause);
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		if (jf == NULL)
			continue;
		fputs("{\"device\":", jf);
		json_str(jf, c->device);
		fprintf(jf, ",\"seq\":%" PRId64 ",\"hlc\":%" PRId64
		    ",\"record\":", c->seq, c->hlc);
		json_str(jf, c->record);
		fputs(",\"form\":", jf);
		json_str(jf, c->form);
		fprintf(jf, ",\"form_version\":%d,\"case\":", c->form_version);
		json_str(jf, c->case_id);
		fputs(",\"path\":", jf);
		json_str(jf, c->path);
		fputs(",\"value\":", jf);
		json_str(jf, c->value);
		fputs(",\"parents\":[", jf);
		for (i = 0; i < c->nparents; i++) {
			if (i > 0)
				putc(',', jf);
			json_str(jf, c->parents[i]);
		}
		fputs("],\"author\":", jf);
		json_str(jf, c->author);
		fputs("}\n", jf);
	}
	if (rc != 0)
		die(bundle, cause);
	bundle_close(r);
	t0 = now_ms() - t0;
	if (jf != NULL)
		fclose(jf);
	return t0;
}

/* Bytes that `cmd < file` writes. */
static long long
compressed_size(const char *cmd, const char *file)
{
	char		*sh, line[64];
	FILE		*f;
	long long	 n = -1;

	sh = xasprintf("%s < '%s' | wc -c", cmd, file);
	if ((f = popen(sh, "r")) != NULL) {
		if (fgets(line, sizeof line, f) != NULL)
			n = atoll(line);
		pclose(f);
	}
	free(sh);
	return n;
}

static void
row(const char *what, uint64_t n, double ms, double base)
{
	printf("%-24s %9.0f ms %12.0f changes/s   %5.2fx baseline\n", what, ms,
	    n / (ms / 1e3), ms / base);
}

int
main(int argc, char **argv)
{
	struct form_pack	*pack;
	struct store		*st;
	struct bundle_keys	 k = { ssk, NULL, 1 };
	struct bundle_trust	 bt = { bpk, bsk, trusted, NULL };
	struct export_result	 ex, ex2;
	struct merge_report	 m, m2, ms;
	struct diags		 d = { 0 };
	struct stat		 sb, sb2;
	const char		*builddir, *srcdir, *xz, *env;
	char			*dir, *path, *bundle, *sealed, *empty, *plain;
	char			*json;
	char			*cmd, *cause, *forms, *data;
	double			 tex = 0, tm1 = 0, tm2 = 0, tb = 0, tr, t0;
	double			 tex2 = 0, tms = 0, rex, rm, rs;
	uint64_t		 n;
	long			 ncases = 100000;
	int			 runs = 3, r;
	long long		 gz, xzs;

	if (argc > 1)
		ncases = strtol(argv[1], NULL, 10);
	if ((env = getenv("BENCH_SYNC_RUNS")) != NULL && atoi(env) > 0)
		runs = atoi(env);
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	if ((builddir = getenv("top_builddir")) == NULL)
		builddir = ".";
	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = "..";
	dir = xasprintf("%s/tests/bench", builddir);
	mkdir(dir, 0755);
	path = xasprintf("%s/store-%ldk.db", dir, ncases / 1000);
	if (stat(path, &sb) == -1) {
		printf("making %s (once; kept for later runs)...\n", path);
		fflush(stdout);
		cmd = xasprintf("'%s/tests/bench/gen-store' '%s' %ld "
		    ">/dev/null", builddir, path, ncases);
		if (system(cmd) != 0) {
			fprintf(stderr, "bench-sync: gen-store failed\n");
			return 1;
		}
		free(cmd);
	}
	forms = xasprintf("%s/tests/data/forms-ok", srcdir);
	data = xasprintf("%s/tests/data/data-ok", srcdir);
	if ((pack = form_pack_load(forms, data, &d)) == NULL) {
		diags_print(&d);
		return 1;
	}
	bundle = xasprintf("%s/sync-all.onward", dir);
	sealed = xasprintf("%s/sync-all-2.onward", dir);
	empty = xasprintf("%s/sync-merged.db", dir);
	plain = xasprintf("%s/sync-plain.db", dir);
	json = xasprintf("%s/sync-all.json", dir);
	keys_sign_pair(spk, ssk);
	keys_box_pair(bpk, bsk);
	k.to = (const unsigned char (*)[KEYS_BOX_PK])bpk;

	/*
	 * Each figure is the best of `runs` rounds, a round being export,
	 * baseline, merge into a new store and merge again, then export
	 * and merge into a new store in format 2, so that a busy moment of
	 * a shared machine weighs on one round, not on the ratio.
	 */
	for (r = 0; r < runs; r++) {
		if ((st = store_open(path, pack, &cause)) == NULL)
			die(path, cause);
		unlink(bundle);
		t0 = now_ms();
		if (store_export(st, bundle, true, NULL, &ex, &cause) != 0)
			die("export", cause);
		t0 = now_ms() - t0;
		tex = r == 0 || t0 < tex ? t0 : tex;
		store_close(st);
		if (r + 1 < runs)
			export_result_free(&ex);

		t0 = baseline(bundle, plain, &n);
		tb = r == 0 || t0 < tb ? t0 : tb;

		unlink(empty);
		cmd = xasprintf("rm -f '%s-wal' '%s-shm'", empty, empty);
		(void)system(cmd);
		free(cmd);
		if ((st = store_open(empty, pack, &cause)) == NULL)
			die(empty, cause);
		t0 = now_ms();
		if (store_merge(st, bundle, NULL, &m, &cause) != 0)
			die("merge", cause);
		t0 = now_ms() - t0;
		tm1 = r == 0 || t0 < tm1 ? t0 : tm1;
		t0 = now_ms();
		if (store_merge(st, bundle, NULL, &m2, &cause) != 0)
			die("merge again", cause);
		t0 = now_ms() - t0;
		tm2 = r == 0 || t0 < tm2 ? t0 : tm2;
		store_close(st);
		printf("round %d: best so far: export %.0f ms, baseline %.0f "
		    "ms, merge %.0f ms, again %.0f ms\n", r + 1, tex, tb, tm1,
		    tm2);
		fflush(stdout);
		if (r + 1 < runs) {
			merge_report_free(&m);
			merge_report_free(&m2);
		}

		if ((st = store_open(path, pack, &cause)) == NULL)
			die(path, cause);
		unlink(sealed);
		t0 = now_ms();
		if (store_export_sealed(st, sealed, true, &k, NULL, &ex2,
		    &cause) != 0)
			die("export format 2", cause);
		t0 = now_ms() - t0;
		tex2 = r == 0 || t0 < tex2 ? t0 : tex2;
		store_close(st);
		export_result_free(&ex2);

		unlink(empty);
		cmd = xasprintf("rm -f '%s-wal' '%s-shm'", empty, empty);
		(void)system(cmd);
		free(cmd);
		if ((st = store_open(empty, pack, &cause)) == NULL)
			die(empty, cause);
		t0 = now_ms();
		if (store_merge_trust(st, sealed, &bt, NULL, &ms, &cause) != 0)
			die("merge format 2", cause);
		t0 = now_ms() - t0;
		tms = r == 0 || t0 < tms ? t0 : tms;
		store_close(st);
		printf("round %d: best so far: format 2 export %.0f ms, merge "
		    "%.0f ms\n", r + 1, tex2, tms);
		fflush(stdout);
		if (r + 1 < runs)
			merge_report_free(&ms);
	}
	n = ex.h.changes;
	tr = read_only(bundle, NULL);
	stat(bundle, &sb);
	printf("%" PRIu64 " changes; bundle %.1f MB; best of %d rounds\n", n,
	    sb.st_size / 1048576.0, runs);
	row("plain sqlite3 insert", n, tb, tb);
	row("read bundle only", n, tr, tb);
	row("export --all", n, tex, tb);
	row("merge into empty store", m.changes, tm1, tb);
	row("merge again (known)", m2.changes, tm2, tb);
	printf("merge: %" PRIu64 " new, %" PRIu64 " known; again: %" PRIu64
	    " new, %" PRIu64 " known\n", m.added, m.known, m2.added, m2.known);
	(void)read_only(bundle, json);
	gz = compressed_size("gzip -6 -c", json);
	printf("%-24s %12lld bytes (%.2fx the bundle)\n", "gzip -6 of JSON",
	    gz, (double)gz / sb.st_size);
	xz = getenv("BENCH_SYNC_XZ");
	if (xz == NULL || strcmp(xz, "0") != 0) {
		xzs = compressed_size("xz -9 -T1 -c", json);
		printf("%-24s %12lld bytes (%.2fx the bundle)\n",
		    "xz -9 of JSON", xzs, (double)xzs / sb.st_size);
	}
	printf("%-24s %12lld bytes\n", "bundle", (long long)sb.st_size);
	stat(sealed, &sb2);
	/* The targets of the sync issue, said plainly. */
	printf("targets: merge at 1,000,000 changes a minute or more: %s "
	    "(%.1f million); within 2x of plain inserts: %s (%.2fx); "
	    "smaller than gzip -6 of JSON: %s\n",
	    m.changes / (tm1 / 6e4) >= 1e6 ? "met" : "NOT met",
	    m.changes / (tm1 / 6e4) / 1e6, tm1 <= 2 * tb ? "met" : "NOT met",
	    tm1 / tb, sb.st_size < gz ? "met" : "NOT met");

	/* Format 2 against format 1, and the protection issue's targets. */
	rex = tex2 / tex;
	rm = tms / tm1;
	rs = (double)sb2.st_size / sb.st_size;
	printf("format 2: %" PRIu64 " changes merged (%" PRIu64 " new)\n",
	    ms.changes, ms.added);
	printf("%-24s %9.0f ms %9.0f ms %6.3fx\n", "export (format 1 / 2)",
	    tex, tex2, rex);
	printf("%-24s %9.0f ms %9.0f ms %6.3fx\n", "merge (format 1 / 2)",
	    tm1, tms, rm);
	printf("%-24s %9lld B  %9lld B  %6.4fx\n", "size (format 1 / 2)",
	    (long long)sb.st_size, (long long)sb2.st_size, rs);
	printf("targets: format 2 export within 1.2x the time of format 1: "
	    "%s (%.3fx); merge within 1.2x: %s (%.3fx); bundle within 1.02x "
	    "the size: %s (%.4fx)\n", rex <= 1.2 ? "met" : "NOT met", rex,
	    rm <= 1.2 ? "met" : "NOT met", rm, rs <= 1.02 ? "met" : "NOT met",
	    rs);
	merge_report_free(&m);
	merge_report_free(&m2);
	merge_report_free(&ms);
	export_result_free(&ex);
	unlink(json);
	unlink(sealed);
	form_pack_free(pack);
	return 0;
}
