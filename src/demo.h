/*
 * demo.h: the made-up people, employers, providers and cohorts of
 * `onward demo` (cmd-demo.c).  demo-data.c holds the names and places;
 * demo.c holds the generator and makes employers, providers and cohorts,
 * entering their records through the real form pack with the same checks
 * as `onward record add`; demo-person.c takes each person through the
 * records of their stage.
 *
 * Owns: struct demo (the generator's state and the answers of the record
 * being made).
 */
#ifndef ONWARD_DEMO_H
#define ONWARD_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct form_pack;
struct store;

#define DEMO_MAX_ARGS	96

struct demo {
	struct store		*st;
	const struct form_pack	*pack;
	uint64_t		 rng;
	long			 today;	/* days since 1970 */
	char			*args[DEMO_MAX_ARGS];
	size_t			 nargs;
	size_t			 records, cases;
	char			**employer_ids;	/* the roster's cases, for
						   links (cmd-demo.c frees) */
	size_t			 nemployer_ids;
	char			*cohort_ids[3];	/* the cohorts (demo_cohort) */
	char			*office_id;	/* the employment office, the
						   demo's referrals' provider */
};


/* Each makes one case of its kind, number i, with its records; 0, or -1
 * when the pack refused a record (said on stderr, naming form and field). */
int	demo_employer(struct demo *, size_t i);
int	demo_provider(struct demo *, size_t i);
int	demo_cohort(struct demo *, size_t i);
int	demo_person(struct demo *, size_t i);
/* Makes n fields edited on two devices at once (conflicts), through a
 * temporary second store beside db_path and two real bundles
 * (demo-sync.c). */
int	demo_conflicts(struct demo *, const char *db_path, size_t n);
/* On a store with no account yet, makes the demo's accounts: an admin
 * (demo_admin), a supervisor (demo_supervisor) and a worker per demo
 * worker, all with demo_passphrase, and the store's device keys; *made
 * says whether it did (a store with accounts keeps its own).  0, or -1
 * with *cause (demo-accounts.c). */
int	demo_accounts(struct store *, bool *made, char **cause);
extern const char *const demo_supervisor;
extern const char *const demo_admin;
extern const char *const demo_passphrase;
/* Frees the answers gathered for a record not saved. */
void	demo_clear(struct demo *);

/* The generator (demo.c): the next number; a number in [lo, hi]; true
 * with the given percentage; one of the n strings of v. */
uint32_t	 demo_rand(struct demo *);
int		 demo_range(struct demo *, int lo, int hi);
int		 demo_chance(struct demo *, int percent);
const char	*demo_pick(struct demo *, const char *const *v, size_t n);
/* Adds one FIELD=VALUE answer to the record being made. */
void	demo_arg(struct demo *, const char *fmt, ...) PRINTFLIKE(2, 3);
/* Adds FIELD=<the date `days` days before today>. */
void	demo_arg_date(struct demo *, const char *field, int days);
/* Saves the answers gathered as a new record of form_id in case_id (NULL
 * for a form that opens one) by worker; *out_case, when not NULL, gets
 * the case the record opened (caller frees).  0, or -1 said on stderr. */
int	demo_save(struct demo *, const char *form_id, const char *case_id,
	    const char *worker, char **out_case);

/* The data (demo-data.c). */
struct demo_names {
	const char *const	*female;
	size_t			 nfemale;
	const char *const	*male;
	size_t			 nmale;
	const char *const	*family;
	size_t			 nfamily;
	int			 family_first;	/* "李军", "Nguyễn Thị Hoa" */
	const char		*language;	/* data/languages.csv value */
};

struct demo_trade {
	const char	*major, *sub, *course, *job, *sector;
};

struct demo_provider {
	const char	*name, *type, *services, *availability, *cost;
};

#define DEMO_NGROUPS		8
#define DEMO_NWORKERS		3
#define DEMO_NDISTRICTS		8
#define DEMO_NCOUNTRIES		11
#define DEMO_NTRADES		10
#define DEMO_NEMPLOYERS		10
#define DEMO_NPROVIDERS		9

extern const struct demo_names		demo_names[DEMO_NGROUPS];
extern const char *const		demo_workers[DEMO_NWORKERS];
extern const char *const		demo_districts[DEMO_NDISTRICTS][2];
extern const char *const		demo_countries[DEMO_NCOUNTRIES];
extern const struct demo_trade		demo_trades[DEMO_NTRADES];
extern const char *const		demo_employers[DEMO_NEMPLOYERS];
extern const struct demo_provider	demo_providers[DEMO_NPROVIDERS];

#endif
