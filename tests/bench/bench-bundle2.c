/*
 * bench-bundle2.c: format 2 (signed and sealed) against format 1 in the
 * same run: writing (two passes over the changes, deflate, fsync,
 * read-back) and reading (every check) a bundle of 1,000,000 generated
 * changes of the shape the field writes (names, phones, dates, numbers,
 * one parent most of the time), and the two sizes.  The targets of the
 * protection issue: format 2 takes at most 1.2x the time and 1.02x the
 * size of format 1.
 *
 *	make bench	(tests/bench/run.sh)
 *	tests/bench/bench-bundle2 [NCHANGES]
 *
 * Every timed figure is the best of BENCH_BUNDLE2_RUNS rounds (3), each
 * round measuring all four in turn.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "keys.h"
#include "util.h"

#define DEV	"22e4e8a114bd4736700c243b68288078"

static const char *names[] = {
	"Amina Wanjiru", "Otieno Ochieng", "Grace Akinyi", "Juma Mwangi",
	"Fatuma Hassan", "Peter Kamau", "Mercy Chebet", "Brian Odhiambo",
};
static const char *fields[] = {
	"name", "phone", "id_number", "date_of_birth", "sex", "district",
	"household[k3x].age", "skills", "consent", "notes",
};

struct gen {
	uint64_t	 n, i;
	struct change	 c;
	char		 record[32], casebuf[32], value[96], parent[64];
	char		*parents[1];
};

static int
gen_rewind(void *arg, char **cause)
{
	struct gen	*g = arg;

	(void)cause;
	g->i = 0;
	return 0;
}

/* The i-th change: ten fields of a record, a parent but for the first. */
static int
gen_next(void *arg, const struct change **c, char **cause)
{
	struct gen	*g = arg;
	uint64_t	 i = g->i, rec = i / 10;

	(void)cause;
	if (g->i == g->n)
		return 0;
	g->i++;
	snprintf(g->record, sizeof g->record, "22e4e8a1-%" PRIu64, rec + 1);
	snprintf(g->casebuf, sizeof g->casebuf, "KSM-%04" PRIu64 "-X",
	    rec % 10000);
	switch (i % 10) {
	case 0:
		snprintf(g->value, sizeof g->value, "%s",
		    names[rec % nitems(names)]);
		break;
	case 1:
		snprintf(g->value, sizeof g->value, "+2547%08" PRIu64,
		    (rec * 7919) % 100000000);
		break;
	case 2:
		snprintf(g->value, sizeof g->value, "%08" PRIu64,
		    (rec * 104729) % 100000000);
		break;
	case 3:
		snprintf(g->value, sizeof g->value, "19%02" PRIu64 "-%02"
		    PRIu64 "-%02" PRIu64, 60 + rec % 40, 1 + rec % 12,
		    1 + rec % 28);
		break;
	case 9:
		snprintf(g->value, sizeof g->value, "Visited on day %" PRIu64
		    "; wants training in tailoring.", rec % 365);
		break;
	default:
		snprintf(g->value, sizeof g->value, "%" PRIu64,
		    (rec * (i % 10)) % 97);
	}
	snprintf(g->parent, sizeof g->parent, "%s:%" PRIu64, DEV, i);
	g->parents[0] = g->parent;
	g->c.device = DEV;
	g->c.seq = (int64_t)i + 1;
	g->c.hlc = ((int64_t)1781512100000 + (int64_t)i * 37) << 16;
	g->c.record = g->record;
	g->c.form = "registration";
	g->c.form_version = 1;
	g->c.case_id = g->casebuf;
	g->c.path = (char *)fields[i % 10];
	g->c.value = g->value;
	g->c.parents = i % 10 == 0 ? NULL : g->parents;
	g->c.nparents = i % 10 == 0 ? 0 : 1;
	g->c.author = "amina";
	*c = &g->c;
	return 1;
}

static unsigned char	spk[KEYS_SIGN_PK], ssk[KEYS_SIGN_SK];
static unsigned char	bpk[KEYS_BOX_PK], bsk[KEYS_BOX_SK];

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
	fprintf(stderr, "bench-bundle2: %s: %s\n", what, cause);
	exit(1);
}

/* Keeps the smaller of *best and the time since t0 (first round: it). */
static void
best(double *b, double t0, int round)
{
	double	t = now_ms() - t0;

	if (round == 0 || t < *b)
		*b = t;
}

int
main(int argc, char **argv)
{
	struct bundle_trust	 t = { bpk, bsk, trusted, NULL };
	struct bundle_keys	 k = { ssk, NULL, 1 };
	struct bundle_meta	 m = { DEV, "Kisumu", "amina" };
	struct bundle_header	 h;
	struct bundle_source	 src;
	struct gen		 g;
	struct stat		 s1, s2;
	const char		*builddir, *env;
	char			*dir, *p1, *p2, *cause = NULL;
	double			 w1 = 0, w2 = 0, r1 = 0, r2 = 0, t0, tw, ts;
	int			 runs = 3, r;

	memset(&g, 0, sizeof g);
	g.n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	if ((env = getenv("BENCH_BUNDLE2_RUNS")) != NULL && atoi(env) > 0)
		runs = atoi(env);
	if ((builddir = getenv("top_builddir")) == NULL)
		builddir = ".";
	dir = xasprintf("%s/tests/bench", builddir);
	mkdir(dir, 0755);
	p1 = xasprintf("%s/bundle-v1.onward", dir);
	p2 = xasprintf("%s/bundle-v2.onward", dir);
	keys_sign_pair(spk, ssk);
	keys_box_pair(bpk, bsk);
	k.to = (const unsigned char (*)[KEYS_BOX_PK])bpk;
	src.rewind = gen_rewind;
	src.next = gen_next;
	src.arg = &g;

	for (r = 0; r < runs; r++) {
		t0 = now_ms();
		if (bundle_write(p1, &m, &src, NULL, NULL, &h, &cause) != 0)
			die("write format 1", cause);
		best(&w1, t0, r);
		bundle_header_free(&h);
		t0 = now_ms();
		if (bundle_write_sealed(p2, &m, &k, &src, NULL, NULL, &h,
		    &cause) != 0)
			die("write format 2", cause);
		best(&w2, t0, r);
		bundle_header_free(&h);
		t0 = now_ms();
		if (bundle_verify(p1, NULL, NULL, &cause) != 0)
			die("read format 1", cause);
		best(&r1, t0, r);
		t0 = now_ms();
		if (bundle_verify_trust(p2, NULL, &t, NULL, &cause) != 0)
			die("read format 2", cause);
		best(&r2, t0, r);
		printf("round %d: best so far: write %.0f / %.0f ms, read "
		    "%.0f / %.0f ms (format 1 / 2)\n", r + 1, w1, w2, r1, r2);
		fflush(stdout);
	}
	stat(p1, &s1);
	stat(p2, &s2);
	tw = w2 / w1;
	ts = (double)s2.st_size / s1.st_size;
	printf("%" PRIu64 " changes; best of %d rounds\n", g.n, runs);
	printf("%-20s %9.0f ms %9.0f ms %6.3fx\n", "write (export)", w1, w2,
	    tw);
	printf("%-20s %9.0f ms %9.0f ms %6.3fx\n", "read (merge's part)", r1,
	    r2, r2 / r1);
	printf("%-20s %9lld B  %9lld B  %6.4fx\n", "size",
	    (long long)s1.st_size, (long long)s2.st_size, ts);
	printf("targets: format 2 within 1.2x the time of format 1: %s "
	    "(write %.3fx, read %.3fx); within 1.02x the size: %s (%.4fx)\n",
	    tw <= 1.2 && r2 / r1 <= 1.2 ? "met" : "NOT met", tw, r2 / r1,
	    ts <= 1.02 ? "met" : "NOT met", ts);
	unlink(p1);
	unlink(p2);
	free(p1);
	free(p2);
	free(dir);
	return 0;
}
