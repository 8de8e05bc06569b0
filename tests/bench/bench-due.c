/*
 * bench-due.c: the work list (store_due) for 100,000 cases with four
 * schedules each, against the plain SQL query of the same rows, and a
 * record save that completes a visit against the same save with the case
 * type's schedules hidden (what a save cost before schedules):
 *
 *   work list    store_due --today and --week over due_item filled as
 *                store-due.c keeps it (visits not done: 30/90/180/365
 *                follow-ups, 14-day check-ins to 56, 30-day consulting to
 *                180, a re-assessment; a fifth of past windows missed);
 *                baseline: the same SELECT stepped with bare sqlite3
 *   save         a follow-up record in a case with schedules and dates,
 *                median of 21; baseline: the same with none
 *
 *	make bench	(tests/bench/run.sh)
 *	tests/bench/bench-due [NCASES]
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "expr.h"
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

static struct form_pack *
load_pack(void)
{
	struct diags		 d = { 0 };
	const char		*top;
	char			*fdir, *ddir;
	struct form_pack	*pack;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	fdir = xasprintf("%s/tests/data/forms-due", top);
	ddir = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(fdir, ddir, &d);
	if (pack == NULL && d.n > 0)
		fprintf(stderr, "bench-due: %s\n", d.v[0]);
	diags_free(&d);
	free(fdir);
	free(ddir);
	return pack;
}

/* One schedule's visits of a case into due_item, as store-due.c keeps
 * them: those not done (a fifth of the past ones missed, the rest done). */
static void
fill_schedule(sqlite3_stmt *s, const char *cid, int *n, const char *item,
    const char *form, long start, const int *days, int ndays, int lo, int hi,
    long today, unsigned *seed)
{
	long	target;
	int	k;

	for (k = 0; k < ndays; k++) {
		target = start + days[k];
		if (target + hi < today && rand_r(seed) % 5 != 0)
			continue;	/* done: not kept */
		sqlite3_bind_text(s, 1, cid, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, (*n)++);
		sqlite3_bind_int(s, 3, DUE_VISIT);
		sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, days[k]);
		sqlite3_bind_text(s, 6, form, -1, SQLITE_STATIC);
		sqlite3_bind_null(s, 7);
		sqlite3_bind_int64(s, 8, target + lo);
		sqlite3_bind_int64(s, 9, target);
		sqlite3_bind_int64(s, 10, target + hi);
		sqlite3_bind_text(s, 11, "Bench Person", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 12, k % 2 ? "ana" : "bo", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 13, "beneficiary", -1, SQLITE_STATIC);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
}

/* Fills due_item for ncases cases started over the last two years. */
static void
fill(sqlite3 *db, int ncases, long today)
{
	static const int fu[] = { 30, 90, 180, 365 };
	static const int ci[] = { 14, 28, 42, 56 };
	static const int bc[] = { 30, 60, 90, 120, 150, 180 };
	static const int na[] = { -21 };
	sqlite3_stmt	*s;
	unsigned	 seed = 1;
	char		 cid[32];
	long		 start;
	int		 i, n;

	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO due_item(case_id, n, kind, item, "
	    "day, form, record, lo, target, hi, name, worker, type) "
	    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL);
	for (i = 0; i < ncases; i++) {
		snprintf(cid, sizeof cid, "BNCH-%06d-X", i);
		start = today - rand_r(&seed) % 730;
		n = 0;
		fill_schedule(s, cid, &n, "follow_up", "follow_up_visit", start,
		    fu, 4, -7, 21, today, &seed);
		fill_schedule(s, cid, &n, "checkin", "job_placement", start,
		    ci, 4, -3, 7, today, &seed);
		fill_schedule(s, cid, &n, "consulting", "business_support",
		    start, bc, 6, -7, 14, today, &seed);
		fill_schedule(s, cid, &n, "reassessment", "needs_reassessment",
		    start, na, 1, -14, 14, today, &seed);
	}
	sqlite3_finalize(s);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

/* The plain query of the same rows (store_due's, the widest window 35
 * days as the pack's), stepped and read, as a baseline. */
#define PLAIN "SELECT case_id, kind, item, day, form, record, lo, target, " \
	"hi, name, worker, type, n FROM due_item WHERE "

static double
plain(sqlite3 *db, const char *where, long today, size_t *n)
{
	sqlite3_stmt	*s;
	char		*sql;
	double		 t0 = now_ms();
	size_t		 len = 0;

	sql = xasprintf("SELECT * FROM (%s) ORDER BY target, name, case_id, n",
	    where);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-due: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_bind_int64(s, 1, today);
	sqlite3_bind_int64(s, 2, 35);
	*n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		len += (size_t)sqlite3_column_bytes(s, 0);
		(*n)++;
	}
	sqlite3_finalize(s);
	free(sql);
	return now_ms() - t0 + (double)(len & 0);
}

/* store_due for filter f: ms, rows in *n. */
static double
listed(struct store *st, enum due_filter f, size_t *n)
{
	struct due_query	 q;
	struct due_row		*v;
	char			*cause = NULL;
	double			 t0 = now_ms(), t;
	size_t			 i;

	memset(&q, 0, sizeof q);
	q.filter = f;
	if (store_due(st, &q, &v, n, &cause) == -1) {
		fprintf(stderr, "bench-due: %s\n", cause);
		exit(1);
	}
	t = now_ms() - t0;
	for (i = 0; i < *n; i++)
		due_row_free(&v[i]);
	free(v);
	return t;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median ms of 21 follow-up saves on one case. */
static double
saves(struct store *st, const struct form_pack *pack, const char *cid)
{
	const struct form	*f = form_pack_find(pack, "follow_up_visit");
	struct answers		 a;
	struct diags		 d = { 0 };
	double			 t[21], t0;
	char			*rid, *cause = NULL, date[16];
	int			 i;

	for (i = 0; i < 21; i++) {
		answers_init(&a);
		expr_format_date(expr_today() - 21 + i, date, sizeof date);
		answers_set(&a, "visit_date", date);
		t0 = now_ms();
		if (store_save_record(st, f, NULL, cid, &a, "bench", &rid,
		    NULL, &d, &cause) == -1) {
			fprintf(stderr, "bench-due: save: %s\n",
			    cause != NULL ? cause : d.n > 0 ? d.v[0] : "?");
			exit(1);
		}
		t[i] = now_ms() - t0;
		free(rid);
		answers_free(&a);
	}
	diags_free(&d);
	qsort(t, 21, sizeof *t, dbl_cmp);
	return t[10];
}

/* A case with a job, a plan review and a referral to save on. */
static char *
make_case(struct store *st, const struct form_pack *pack)
{
	const char *const	 forms[] = { "registration", "job_placement",
	    "plan", "referral" };
	const char *const	 kv[][6] = {
		{ "full_name", "Bench Person", "training_end", "2026-01-01" },
		{ "session_date", "2026-02-01", "start_date", "2026-02-01",
		  "stage", "employed" },
		{ "plan_date", "2026-02-01", "review_date", "2026-06-01" },
		{ "referral_date", "2026-02-01", "check_by", "2026-03-01" },
	};
	struct answers		 a;
	struct diags		 d = { 0 };
	char			*cid = NULL, *rid, *cause = NULL;
	size_t			 i, k;

	for (i = 0; i < nitems(forms); i++) {
		answers_init(&a);
		for (k = 0; k + 1 < 6 && kv[i][k] != NULL; k += 2)
			answers_set(&a, kv[i][k], kv[i][k + 1]);
		if (store_save_record(st, form_pack_find(pack, forms[i]), NULL,
		    cid, &a, "bench", &rid, cid == NULL ? &cid : NULL, &d,
		    &cause) == -1) {
			fprintf(stderr, "bench-due: %s\n", cause != NULL ?
			    cause : d.n > 0 ? d.v[0] : "?");
			exit(1);
		}
		free(rid);
		answers_free(&a);
	}
	diags_free(&d);
	return cid;
}

int
main(int argc, char **argv)
{
	struct form_pack	*pack;
	struct case_type	*ct;
	struct store		*st;
	char			*path, *cause = NULL, *cid;
	const char		*dir;
	double			 tl, tp, tw, tpw, ts, tb;
	size_t			 n, np, nw, npw, nsched;
	int			 ncases = argc > 1 ? atoi(argv[1]) : 100000;
	long			 today;

	setenv("ONWARD_TODAY", "2026-06-15", 1);
	today = expr_today();
	if ((pack = load_pack()) == NULL)
		return 1;
	dir = getenv("top_builddir") != NULL ? getenv("top_builddir") : ".";
	path = xasprintf("%s/tests/bench/bench-due.db", dir);
	unlink(path);
	if ((st = store_open(path, pack, &cause)) == NULL) {
		fprintf(stderr, "bench-due: %s\n", cause);
		return 1;
	}
	fill(st->db, ncases, today);
	(void)listed(st, DUE_TODAY, &n);	/* warm the cache */
	tl = listed(st, DUE_TODAY, &n);
	tp = plain(st->db, PLAIN "hi IS NOT NULL AND lo BETWEEN ?1 - ?2 AND ?1 "
	    "AND hi >= ?1 UNION ALL " PLAIN "hi IS NULL AND lo <= ?1", today,
	    &np);
	tw = listed(st, DUE_WEEK, &nw);
	tpw = plain(st->db, PLAIN "hi IS NOT NULL AND lo BETWEEN ?1 - ?2 AND "
	    "?1 + 7 AND hi >= ?1 UNION ALL " PLAIN "hi IS NULL AND "
	    "lo <= ?1 + 7", today, &npw);
	printf("work list, %d cases, 4 schedules: today %zu rows %.1f ms "
	    "(plain SQL %zu rows %.1f ms, x%.2f)%s\n", ncases, n, tl, np, tp,
	    tp > 0 ? tl / tp : 0, tl < 100 ? "" : "  OVER 100 ms");
	printf("work list, this week: %zu rows %.1f ms (plain SQL %.1f ms, "
	    "x%.2f)%s\n", nw, tw, tpw, tpw > 0 ? tw / tpw : 0,
	    tw < 100 ? "" : "  OVER 100 ms");

	cid = make_case(st, pack);
	ts = saves(st, pack, cid);
	ct = (struct case_type *)(uintptr_t)form_pack_case_type(pack,
	    "beneficiary");
	nsched = ct->nschedules;
	ct->nschedules = 0;	/* what a save did before schedules */
	tb = saves(st, pack, cid);
	ct->nschedules = nsched;
	printf("save completing a visit: %.2f ms (without schedules %.2f ms, "
	    "+%.2f ms)%s\n", ts, tb, ts - tb, ts - tb <= 1 ? "" :
	    "  OVER 1 ms MORE");
	store_close(st);
	unlink(path);
	free(path);
	free(cid);
	form_pack_free(pack);
	return 0;
}
