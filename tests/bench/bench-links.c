/*
 * bench-links: links between cases at scale, on the pack
 * tests/data/forms-link.  Makes a store of NEMP employer cases and NEMP
 * persons, each placed (a placement record whose `case` field names an
 * employer), through the store's own insert path in one transaction, and
 * the same names and links in bare tables with plain SQLite.  Then:
 *
 *   picker search   what the case picker asks as a worker types
 *                   ("co", "coa", "coastal", "coastal st"): store_cases
 *                   for a page of 8 open employers and their count,
 *                   against the plain FTS5 query on a bare table
 *   by employer     placements counted per employer name through the
 *                   SQL view form_placement (its employer__name join),
 *                   against the plain join and GROUP BY on bare tables
 *
 *   bench-links [NEMP]		(100,000 by default)
 */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "form.h"
#include "store-int.h"
#include "util.h"

#define REPS	20

static const char *const words[] = {
	"Coastal", "Harbour", "Sunrise", "Kofi", "Eastport", "Steel", "Bakery",
	"Motors", "Textiles", "Works", "Solar", "Farms", "Traders", "Build",
	"Fresh", "Union", "Green", "Akwaaba", "Lakeside", "Northern"
};

static const char *const typed[] = { "co", "coa", "coastal", "coastal st" };

static uint64_t seed = 20261202;

static uint32_t
next_rand(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (uint32_t)((seed * 2685821657736338717ULL) >> 32);
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One generated change, applied; exits on failure. */
static void
put(struct store *st, int64_t *seq, int64_t *hlc,
    const char *record, const char *case_id, const char *form,
    const char *path, const char *value)
{
	struct change	 c;
	char		*cause;

	memset(&c, 0, sizeof c);
	c.device = (char *)"0123456789abcdef0123456789abcdef";
	c.seq = ++*seq;
	*hlc += 1 << 16;
	c.hlc = *hlc;
	c.record = (char *)record;
	c.form = (char *)form;
	c.form_version = 1;
	c.case_id = (char *)case_id;
	c.path = (char *)path;
	c.value = (char *)value;
	c.author = (char *)"bench";
	if (store_apply_change(st, &c, NULL, &cause) == -1)
		fatal("bench-links: %s", cause);
}

/* Makes the store and the bare tables. */
static void
generate(struct store *st, sqlite3 *plain, long n)
{
	sqlite3_stmt	*se, *sp;
	int64_t		 seq = 0, hlc = (int64_t)1735689600000 << 16;
	char		 eid[32], pid[32], rid[32], name[96], *cause;
	long		 i, e;

	if (store_begin(st, &cause) == -1)
		fatal("bench-links: %s", cause);
	sqlite3_exec(plain, "CREATE TABLE employer(id TEXT PRIMARY KEY, "
	    "name TEXT); CREATE VIRTUAL TABLE employer_fts USING "
	    "fts5(name, tokenize = 'unicode61 remove_diacritics 2'); "
	    "CREATE TABLE placement(person TEXT, employer TEXT); BEGIN",
	    NULL, NULL, NULL);
	sqlite3_prepare_v2(plain, "INSERT INTO employer VALUES(?1, ?2)", -1,
	    &se, NULL);
	sqlite3_prepare_v2(plain, "INSERT INTO placement VALUES(?1, ?2)", -1,
	    &sp, NULL);
	for (i = 0; i < n; i++) {
		snprintf(eid, sizeof eid, "EMPL-%06ld-0", i);
		snprintf(name, sizeof name, "%s %s %ld",
		    words[next_rand() % nitems(words)],
		    words[next_rand() % nitems(words)], i);
		put(st, &seq, &hlc, eid, eid, "employer", "@case",
		    "employer");
		put(st, &seq, &hlc, eid, eid, "employer",
		    "employer_name", name);
		sqlite3_bind_text(se, 1, eid, -1, SQLITE_STATIC);
		sqlite3_bind_text(se, 2, name, -1, SQLITE_STATIC);
		sqlite3_step(se);
		sqlite3_reset(se);
	}
	for (i = 0; i < n; i++) {
		e = (long)(next_rand() % (uint32_t)n);
		snprintf(pid, sizeof pid, "PERS-%06ld-0", i);
		snprintf(rid, sizeof rid, "01234567-%ld", i + 1);
		snprintf(eid, sizeof eid, "EMPL-%06ld-0", e);
		put(st, &seq, &hlc, pid, pid, "person", "@case",
		    "person");
		put(st, &seq, &hlc, rid, pid, "placement", "@record",
		    "1");
		put(st, &seq, &hlc, rid, pid, "placement", "employer",
		    eid);
		sqlite3_bind_text(sp, 1, pid, -1, SQLITE_STATIC);
		sqlite3_bind_text(sp, 2, eid, -1, SQLITE_STATIC);
		sqlite3_step(sp);
		sqlite3_reset(sp);
	}
	sqlite3_finalize(se);
	sqlite3_finalize(sp);
	sqlite3_exec(plain, "INSERT INTO employer_fts(rowid, name) SELECT "
	    "rowid, name FROM employer; COMMIT", NULL, NULL, NULL);
	if (store_commit(st, &cause) == -1)
		fatal("bench-links: %s", cause);
}

/* The picker's query for each word typed, REPS times; ms per query. */
static double
picker(struct store *st)
{
	struct case_query	 q;
	struct case_row		*rows;
	size_t			 n, total, i, k;
	char			*cause;
	double			 t0 = now_ms();
	int			 r;

	for (r = 0; r < REPS; r++) {
		for (k = 0; k < nitems(typed); k++) {
			memset(&q, 0, sizeof q);
			q.type = "employer";
			q.search = typed[k];
			q.closed = 0;
			q.limit = 8;
			if (store_cases(st, &q, &rows, &n, &total, &cause) == -1)
				fatal("bench-links: %s", cause);
			for (i = 0; i < n; i++)
				case_row_free(&rows[i]);
			free(rows);
		}
	}
	return (now_ms() - t0) / (REPS * nitems(typed));
}

/* The same searches on the bare FTS table: a page and the count. */
static double
picker_plain(sqlite3 *db)
{
	sqlite3_stmt	*page, *count;
	char		*match, *p;
	double		 t0 = now_ms();
	size_t		 k;
	int		 r;

	sqlite3_prepare_v2(db, "SELECT e.id, e.name FROM employer_fts f JOIN "
	    "employer e ON e.rowid = f.rowid WHERE employer_fts MATCH ?1 "
	    "ORDER BY f.rowid DESC LIMIT 8", -1, &page, NULL);
	sqlite3_prepare_v2(db, "SELECT count(*) FROM employer_fts WHERE "
	    "employer_fts MATCH ?1", -1, &count, NULL);
	for (r = 0; r < REPS; r++) {
		for (k = 0; k < nitems(typed); k++) {
			/* "coastal st" is "coastal* st*". */
			match = xasprintf("\"%s\"*", typed[k]);
			if ((p = strchr(match, ' ')) != NULL) {
				free(match);
				match = xasprintf("\"%.*s\"* \"%s\"*",
				    (int)(strchr(typed[k], ' ') - typed[k]),
				    typed[k], strchr(typed[k], ' ') + 1);
			}
			sqlite3_bind_text(page, 1, match, -1, SQLITE_STATIC);
			while (sqlite3_step(page) == SQLITE_ROW)
				;
			sqlite3_reset(page);
			sqlite3_bind_text(count, 1, match, -1, SQLITE_STATIC);
			sqlite3_step(count);
			sqlite3_reset(count);
			free(match);
		}
	}
	sqlite3_finalize(page);
	sqlite3_finalize(count);
	return (now_ms() - t0) / (REPS * nitems(typed));
}

/* ms for one run of sql on db, the rows stepped through; *rows gets how
 * many. */
static double
timed(sqlite3 *db, const char *sql, long *rows)
{
	sqlite3_stmt	*s;
	double		 t0 = now_ms();

	*rows = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fatal("bench-links: %s", sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW)
		(*rows)++;
	sqlite3_finalize(s);
	return now_ms() - t0;
}

int
main(int argc, char **argv)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	struct store		*st;
	sqlite3			*plain, *db;
	const char		*top;
	char			*fdir, *path, *ppath, *cause, dir[] =
				    "/tmp/onward-bench-links.XXXXXX";
	double			 t0, a, b;
	long			 n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
	long			 ra, rb;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	if (mkdtemp(dir) == NULL)
		fatal("bench-links: cannot make %s", dir);
	fdir = xasprintf("%s/tests/data/forms-link", top);
	if ((pack = form_pack_load(fdir, fdir, &d)) == NULL)
		fatal("bench-links: the pack %s does not load", fdir);
	path = xasprintf("%s/links.db", dir);
	ppath = xasprintf("%s/plain.db", dir);
	if ((st = store_open(path, pack, &cause)) == NULL)
		fatal("bench-links: %s", cause);
	sqlite3_open(ppath, &plain);
	t0 = now_ms();
	generate(st, plain, n);
	printf("made %ld employers and %ld placed persons in %.0f ms\n", n,
	    n, now_ms() - t0);

	a = picker(st);
	b = picker_plain(plain);
	printf("picker search over %ld employers: %.2f ms a keystroke, plain "
	    "FTS5 %.2f ms: %.1fx\n", n, a, b, b > 0 ? a / b : 0.0);

	if (store_export_views(st, pack, NULL, &cause) == -1)
		fatal("bench-links: %s", cause);
	store_close(st);
	sqlite3_open(path, &db);
	a = timed(db, "SELECT employer__name, count(*) FROM form_placement "
	    "GROUP BY employer__name", &ra);
	b = timed(plain, "SELECT e.name, count(*) FROM placement p JOIN "
	    "employer e ON e.id = p.employer GROUP BY e.name", &rb);
	printf("placements by employer over %ld persons: %.0f ms (%ld "
	    "employers) through the views, plain SQL %.0f ms (%ld): %.1fx\n",
	    n, a, ra, b, rb, b > 0 ? a / b : 0.0);
	sqlite3_close(db);
	sqlite3_close(plain);
	form_pack_free(pack);
	unlink(path);
	unlink(ppath);
	free(path);
	free(ppath);
	free(fdir);
	cause = xasprintf("rm -rf '%s'", dir);
	if (system(cause) != 0)
		fprintf(stderr, "bench-links: %s is left behind\n", dir);
	free(cause);
	return 0;
}
