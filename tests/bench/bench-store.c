/*
 * bench-store.c: the store against plain SQLite, on the store gen-store
 * makes (100,000 cases, 1,000,000 changes; made once and kept in the build
 * folder as tests/bench/store-100k.db), each figure beside a baseline
 * measured in the same run:
 *
 *   open + first page   store_open and the first 50 cases (with the
 *                       total), in a fresh process: time and peak RSS;
 *                       baseline: sqlite3_open and one query, same file
 *   search              typing "Amadou Tr" letter by letter, each
 *                       keystroke a paged store_cases search with total;
 *                       baseline: the bare FTS5 MATCH of the same prefix
 *   save                one follow-up record (one transaction, fsync);
 *                       baseline: one plain INSERT in one transaction
 *   rebuild             store_rebuild; baseline: the same rows inserted
 *                       into a bare table with plain sqlite3 (gen-store
 *                       --plain)
 *
 *	make bench	(tests/bench/run.sh)
 *	tests/bench/bench-store [NCASES]
 */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "form.h"
#include "record.h"
#include "store-int.h"
#include "store.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long
peak_rss_kb(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static struct form_pack *
load_pack(void)
{
	struct diags	 d = { 0 };
	const char	*top;
	char		*fdir, *ddir;
	struct form_pack *pack;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	fdir = xasprintf("%s/tests/data/forms-ok", top);
	ddir = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(fdir, ddir, &d);
	diags_free(&d);
	free(fdir);
	free(ddir);
	return pack;
}

/* Child mode: open the store and list the first page; prints ms and KB. */
static int
child_open(const char *path)
{
	struct form_pack	*pack;
	struct store		*st;
	struct case_query	 q;
	struct case_row		*rows;
	size_t			 n, total, i;
	char			*cause;
	double			 t0;

	pack = load_pack();
	t0 = now_ms();
	if ((st = store_open(path, pack, &cause)) == NULL) {
		fprintf(stderr, "bench-store: %s\n", cause);
		return 1;
	}
	memset(&q, 0, sizeof q);
	q.closed = 0;
	q.limit = 50;
	if (store_cases(st, &q, &rows, &n, &total, &cause) == -1) {
		fprintf(stderr, "bench-store: %s\n", cause);
		return 1;
	}
	printf("%.2f %ld %zu %zu\n", now_ms() - t0, peak_rss_kb(), n, total);
	for (i = 0; i < n; i++)
		case_row_free(&rows[i]);
	free(rows);
	store_close(st);
	form_pack_free(pack);
	return 0;
}

/* Child mode: the baseline, sqlite3 alone. */
static int
child_open_baseline(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	double		 t0;

	t0 = now_ms();
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		return 1;
	sqlite3_prepare_v2(db, "SELECT id FROM kase ORDER BY n DESC "
	    "LIMIT 50", -1, &s, NULL);
	while (sqlite3_step(s) == SQLITE_ROW)
		;
	sqlite3_finalize(s);
	printf("%.2f %ld 0 0\n", now_ms() - t0, peak_rss_kb());
	sqlite3_close(db);
	return 0;
}

/* Runs this program in a child mode and reads its "ms kb n total". */
static int
run_child(const char *self, const char *mode, const char *path, double *ms,
    long *kb, size_t *n, size_t *total)
{
	char	*cmd;
	FILE	*f;
	int	 ok;

	cmd = xasprintf("'%s' %s '%s'", self, mode, path);
	f = popen(cmd, "r");
	free(cmd);
	if (f == NULL)
		return -1;
	ok = fscanf(f, "%lf %ld %zu %zu", ms, kb, n, total) == 4;
	return pclose(f) == 0 && ok ? 0 : -1;
}

static void
bench_search(struct store *st)
{
	const char		*typed = "Amadou Tr";
	struct case_query	 q;
	struct case_row		*rows;
	sqlite3_stmt		*s;
	char			 prefix[32], fts[64];
	size_t			 len, n, total, i;
	double			 t0, t, worst = 0, sum = 0, bworst = 0, bsum = 0;
	char			*cause;
	int			 keys = 0;
	long			 cnt;

	memset(&q, 0, sizeof q);
	q.closed = 0;
	q.limit = 50;
	for (len = 1; len <= strlen(typed); len++) {
		if (typed[len - 1] == ' ')
			continue;
		memcpy(prefix, typed, len);
		prefix[len] = '\0';
		q.search = prefix;
		t0 = now_ms();
		if (store_cases(st, &q, &rows, &n, &total, &cause) == -1) {
			fprintf(stderr, "bench-store: %s\n", cause);
			return;
		}
		t = now_ms() - t0;
		for (i = 0; i < n; i++)
			case_row_free(&rows[i]);
		free(rows);
		sum += t;
		if (t > worst)
			worst = t;
		printf("  search %-10s %8.2f ms  %6zu cases\n", prefix, t,
		    total);

		/* Baseline: the bare FTS5 match of the last word typed. */
		snprintf(fts, sizeof fts, "\"%s\"*", strrchr(prefix, ' ') ?
		    strrchr(prefix, ' ') + 1 : prefix);
		t0 = now_ms();
		s = store_stmt(st, "SELECT count(*) FROM case_search "
		    "WHERE case_search MATCH ?");
		sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
		cnt = sqlite3_step(s) == SQLITE_ROW ?
		    sqlite3_column_int64(s, 0) : -1;
		sqlite3_reset(s);
		t = now_ms() - t0;
		(void)cnt;
		bsum += t;
		if (t > bworst)
			bworst = t;
		keys++;
	}
	printf("search per keystroke: mean %.2f ms, worst %.2f ms "
	    "(target < 20 ms); baseline bare FTS5 count: mean %.2f ms, "
	    "worst %.2f ms; ratio %.1fx\n", sum / keys, worst, bsum / keys,
	    bworst, bsum > 0 ? sum / bsum : 0);
}

static void
bench_save(struct store *st, const struct form_pack *pack, const char *dir)
{
	const struct form	*f = form_pack_find(pack, "follow_up_visit");
	struct case_query	 q;
	struct case_row		*rows;
	struct answers		 a;
	struct diags		 d = { 0 };
	sqlite3			*db;
	char			*rid, *cause, *path;
	size_t			 n, i;
	double			 t0, t, tb;

	memset(&q, 0, sizeof q);
	q.closed = 0;
	q.limit = 1;
	if (store_cases(st, &q, &rows, &n, NULL, &cause) == -1 || n == 0)
		return;
	answers_init(&a);
	answers_set(&a, "visit_date", "2026-06-01");
	answers_set(&a, "situation", "wage");
	answers_set(&a, "employer", "Bench Ltd");
	answers_set(&a, "monthly_income", "350");
	t0 = now_ms();
	if (store_save_record(st, f, NULL, rows[0].id, &a, "bench", &rid,
	    NULL, &d, &cause) == -1) {
		fprintf(stderr, "bench-store: save: %s\n", cause != NULL ?
		    cause : d.n > 0 ? d.v[0] : "?");
		return;
	}
	t = now_ms() - t0;
	free(rid);
	answers_free(&a);
	diags_free(&d);
	for (i = 0; i < n; i++)
		case_row_free(&rows[i]);
	free(rows);

	path = xasprintf("%s/bench-save-baseline.db", dir);
	unlink(path);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = "
	    "FULL; CREATE TABLE t(a, b, c)", NULL, NULL, NULL);
	t0 = now_ms();
	sqlite3_exec(db, "BEGIN; INSERT INTO t VALUES('x', 'y', 'z'); "
	    "COMMIT", NULL, NULL, NULL);
	tb = now_ms() - t0;
	sqlite3_close(db);
	unlink(path);
	free(path);
	printf("save one record: %.2f ms; baseline one INSERT in one "
	    "transaction: %.2f ms; ratio %.1fx\n", t, tb, tb > 0 ? t / tb : 0);
}

int
main(int argc, char **argv)
{
	struct form_pack	*pack;
	struct store		*st;
	struct stat		 sb;
	const char		*builddir;
	char			*dir, *path, *plain, *cmd, *cause, line[64];
	double			 ms, bms, t0, t;
	long			 kb, bkb, ncases = 100000;
	size_t			 n, total, bn, btotal;
	FILE			*f;

	if (argc == 3 && strcmp(argv[1], "open") == 0)
		return child_open(argv[2]);
	if (argc == 3 && strcmp(argv[1], "open-baseline") == 0)
		return child_open_baseline(argv[2]);
	if (argc > 1)
		ncases = strtol(argv[1], NULL, 10);
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	if ((builddir = getenv("top_builddir")) == NULL)
		builddir = ".";
	dir = xasprintf("%s/tests/bench", builddir);
	mkdir(dir, 0755);
	path = xasprintf("%s/store-%ldk.db", dir, ncases / 1000);
	plain = xasprintf("%s/plain-%ldk.db", dir, ncases / 1000);
	if (stat(path, &sb) == -1) {
		printf("making %s (once; kept for later runs)...\n", path);
		fflush(stdout);
		cmd = xasprintf("'%s/tests/bench/gen-store' '%s' %ld", builddir,
		    path, ncases);
		f = popen(cmd, "r");
		free(cmd);
		if (f == NULL || fgets(line, sizeof line, f) == NULL ||
		    pclose(f) != 0) {
			fprintf(stderr, "bench-store: gen-store failed\n");
			unlink(path);
			return 1;
		}
		printf("generated %ld cases, %ld changes through the store in "
		    "%s ms\n", ncases, ncases * 10, strtok(line, "\n"));
	}
	if (stat(path, &sb) == 0)
		printf("store: %s, %.0f MB\n", path, sb.st_size / 1048576.0);

	if (run_child(argv[0], "open", path, &ms, &kb, &n, &total) == -1 ||
	    run_child(argv[0], "open-baseline", path, &bms, &bkb, &bn,
	    &btotal) == -1) {
		fprintf(stderr, "bench-store: open failed\n");
		return 1;
	}
	printf("open + first page (%zu of %zu cases): %.2f ms, %ld KB peak "
	    "RSS (targets < 100 ms, < 16384 KB); baseline sqlite3 open + "
	    "first 50 ids: %.2f ms, %ld KB; ratio %.1fx\n", n, total, ms, kb,
	    bms, bkb, bms > 0 ? ms / bms : 0);

	pack = load_pack();
	if ((st = store_open(path, pack, &cause)) == NULL) {
		fprintf(stderr, "bench-store: %s\n", cause);
		return 1;
	}
	bench_search(st);
	bench_save(st, pack, dir);

	t0 = now_ms();
	if (store_rebuild(st, &cause) == -1) {
		fprintf(stderr, "bench-store: rebuild: %s\n", cause);
		return 1;
	}
	t = now_ms() - t0;
	store_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", &cause);
	store_close(st);
	cmd = xasprintf("'%s/tests/bench/gen-store' --plain '%s' %ld",
	    builddir, plain, ncases);
	f = popen(cmd, "r");
	free(cmd);
	if (f == NULL || fgets(line, sizeof line, f) == NULL ||
	    pclose(f) != 0) {
		fprintf(stderr, "bench-store: gen-store --plain failed\n");
		return 1;
	}
	unlink(plain);
	bms = strtod(line, NULL);
	printf("rebuild (%ld changes): %.0f ms; baseline plain sqlite3 "
	    "insert of the same rows in one transaction: %.0f ms; ratio "
	    "%.1fx\n", ncases * 10, t, bms, bms > 0 ? t / bms : 0);
	form_pack_free(pack);
	free(dir);
	free(path);
	free(plain);
	return 0;
}
