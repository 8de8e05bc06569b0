/*
 * gen-store.c: makes the benchmark store: 100,000 beneficiary cases with
 * a registration record each, 1,000,000 changes in all (ten per case),
 * from 20 devices, with a fixed seed, so every run makes the same store.
 * The changes go through the store's own insert path
 * (store_apply_change), in one transaction.
 *
 *	gen-store PATH [NCASES]		the store
 *	gen-store --plain PATH [NCASES]	the same rows into a bare table
 *					with plain sqlite3: the baseline
 *
 * Prints the milliseconds it took.  The pack is tests/data/forms-ok.
 */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "form.h"
#include "store-int.h"
#include "util.h"

#define GEN_DEVICES	20

static const char *const first_names[] = {
	"Amadou", "Aïcha", "Zoë", "José", "Nguyễn", "Kofi", "Fatoumata",
	"Björn", "Ana", "Chloé", "Mohamed", "Olúwaseun", "Thi Hương",
	"Ngozi", "Łukasz", "Sofía", "Yusuf", "Amélie", "Kwame", "Mariam",
	"Dawit", "Leïla", "Hamza", "Esi", "Rahel", "Tomás", "Awa", "Jamal",
	"Grace", "Ibrahim", "Noor", "Seydou"
};
static const char *const last_names[] = {
	"Traoré", "Öberg", "Diallo", "Mensah", "García", "Nkosi", "Ibrahim",
	"Kouassi", "Müller", "Da Silva", "Okonkwo", "Haile", "Benali",
	"Nguyễn", "Coulibaly", "Asante", "Kowalski", "Pérez", "Osei",
	"Tesfaye", "Mbeki", "Sow", "Ouédraogo", "Abebe", "Keïta", "Ndiaye",
	"Adeyemi", "Boateng", "Camara", "Dlamini", "Fofana", "Gueye"
};

static uint64_t gen_seed = 20261123;

/* A fixed pseudo-random sequence (xorshift64*). */
static uint32_t
gen_rand(void)
{
	gen_seed ^= gen_seed >> 12;
	gen_seed ^= gen_seed << 25;
	gen_seed ^= gen_seed >> 27;
	return (uint32_t)((gen_seed * 2685821657736338717ULL) >> 32);
}

static double
gen_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Calls fn for each generated change, in order. */
static int
gen_changes(long ncases, int (*fn)(void *, const struct change *),
    void *arg)
{
	struct change	 c;
	char		 devices[GEN_DEVICES][33], prefix[GEN_DEVICES][5];
	int64_t		 seq[GEN_DEVICES], hlc = (int64_t)1735689600000 << 16;
	char		 cid[32], rid[32], name[128], bdate[16], tend[16];
	char		 hh[8];
	const char	*alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	long		 i;
	int		 d, k;
	struct {
		const char	*path;
		const char	*value;
		bool		 on_case;
	} rows[10];

	for (d = 0; d < GEN_DEVICES; d++) {
		for (k = 0; k < 32; k++)
			devices[d][k] = "0123456789abcdef"[gen_rand() % 16];
		devices[d][32] = '\0';
		for (k = 0; k < 4; k++)
			prefix[d][k] = alphabet[gen_rand() % 32];
		prefix[d][4] = '\0';
		seq[d] = 0;
	}
	for (i = 0; i < ncases; i++) {
		d = (int)(gen_rand() % GEN_DEVICES);
		/* The check character does not matter here. */
		snprintf(cid, sizeof cid, "%s-%05ld-0", prefix[d], i + 1);
		snprintf(rid, sizeof rid, "%.8s-%ld", devices[d], i + 1);
		snprintf(name, sizeof name, "%s %s",
		    first_names[gen_rand() % nitems(first_names)],
		    last_names[gen_rand() % nitems(last_names)]);
		snprintf(bdate, sizeof bdate, "%04u-%02u-%02u",
		    1960 + gen_rand() % 45, 1 + gen_rand() % 12,
		    1 + gen_rand() % 28);
		snprintf(tend, sizeof tend, "2026-%02u-%02u",
		    1 + gen_rand() % 12, 1 + gen_rand() % 28);
		snprintf(hh, sizeof hh, "%u", 1 + gen_rand() % 9);
		rows[0].path = "@case"; rows[0].value = "beneficiary";
		rows[1].path = "full_name"; rows[1].value = name;
		rows[2].path = "birth_date"; rows[2].value = bdate;
		rows[3].path = "training_end"; rows[3].value = tend;
		for (k = 0; k < 4; k++)
			rows[k].on_case = true;
		rows[4].path = "@record"; rows[4].value = "1";
		rows[5].path = "full_name"; rows[5].value = name;
		rows[6].path = "birth_date"; rows[6].value = bdate;
		rows[7].path = "training_end"; rows[7].value = tend;
		rows[8].path = "household_size"; rows[8].value = hh;
		rows[9].path = "needs"; rows[9].value = "training placement";
		for (k = 4; k < 10; k++)
			rows[k].on_case = false;
		hlc += (int64_t)(1 + gen_rand() % 60000) << 16;
		for (k = 0; k < 10; k++) {
			memset(&c, 0, sizeof c);
			c.device = devices[d];
			c.seq = ++seq[d];
			c.hlc = hlc;
			c.record = rows[k].on_case ? cid : rid;
			c.form = (char *)"registration";
			c.form_version = 1;
			c.case_id = cid;
			c.path = (char *)rows[k].path;
			c.value = (char *)rows[k].value;
			c.author = (char *)"bench";
			if (fn(arg, &c) == -1)
				return -1;
		}
	}
	return 0;
}

static int
gen_store_fn(void *arg, const struct change *c)
{
	struct store	*st = arg;
	char		*cause;

	if (store_apply_change(st, c, NULL, &cause) == -1) {
		fprintf(stderr, "gen-store: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
gen_plain_fn(void *arg, const struct change *c)
{
	sqlite3_stmt	*s = arg;

	sqlite3_bind_text(s, 1, c->device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, c->seq);
	sqlite3_bind_int64(s, 3, c->hlc);
	sqlite3_bind_text(s, 4, c->record, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->form, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, c->form_version);
	sqlite3_bind_text(s, 7, c->case_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, c->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, c->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, c->author, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return -1;
	sqlite3_reset(s);
	return 0;
}

static int
gen_plain(const char *path, long ncases)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	int		 rc;

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; "
	    "CREATE TABLE change(n INTEGER PRIMARY KEY, device TEXT, "
	    "seq INTEGER, hlc INTEGER, record TEXT, form TEXT, "
	    "form_version INTEGER, case_id TEXT, path TEXT, value TEXT, "
	    "parents TEXT, author TEXT, UNIQUE(device, seq)); "
	    "CREATE INDEX change_record ON change(record, path); BEGIN",
	    NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO change(device, seq, hlc, record, "
	    "form, form_version, case_id, path, value, parents, author) "
	    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL);
	rc = gen_changes(ncases, gen_plain_fn, s);
	sqlite3_finalize(s);
	if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		rc = -1;
	sqlite3_close(db);
	return rc;
}

int
main(int argc, char **argv)
{
	struct form_pack	*pack;
	struct store		*st;
	struct diags		 d = { 0 };
	const char		*top, *path;
	char			*fdir, *ddir, *cause;
	long			 ncases = 100000;
	double			 t0, t1;
	int			 plain = 0, rc;

	if (argc > 1 && strcmp(argv[1], "--plain") == 0) {
		plain = 1;
		argc--;
		argv++;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: gen-store [--plain] PATH [NCASES]\n");
		return 2;
	}
	path = argv[1];
	if (argc > 2)
		ncases = strtol(argv[2], NULL, 10);
	t0 = gen_now_ms();
	if (plain) {
		rc = gen_plain(path, ncases);
		printf("%.0f\n", gen_now_ms() - t0);
		return rc == 0 ? 0 : 1;
	}
	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	fdir = xasprintf("%s/tests/data/forms-ok", top);
	ddir = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(fdir, ddir, &d);
	diags_free(&d);
	unlink(path);
	if ((st = store_open(path, pack, &cause)) == NULL) {
		fprintf(stderr, "gen-store: %s\n", cause);
		return 1;
	}
	rc = store_begin(st, &cause) == 0 &&
	    gen_changes(ncases, gen_store_fn, st) == 0;
	t1 = gen_now_ms();
	rc = rc && store_commit(st, &cause) == 0;
	fprintf(stderr, "gen-store: changes applied in %.0f ms, records and "
	    "cases refreshed and committed in %.0f ms\n", t1 - t0,
	    gen_now_ms() - t1);
	if (!rc)
		store_rollback(st);
	store_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", &cause);
	store_close(st);
	form_pack_free(pack);
	free(fdir);
	free(ddir);
	printf("%.0f\n", gen_now_ms() - t0);
	return rc ? 0 : 1;
}
