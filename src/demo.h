/*
 * demo.h: the made-up people, employers, providers and cohorts of
 * `onward demo` (cmd-demo.c).  demo-data.c holds the names and places;
 * demo.c makes each kind of case and enters its records through the real
 * form pack, with the same checks as `onward record add`.
 *
 * Owns: struct demo (the generator's state and the answers of the record
 * being made).
 */
#ifndef ONWARD_DEMO_H
#define ONWARD_DEMO_H

#include <stddef.h>
#include <stdint.h>

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
/* Frees the answers gathered for a record not saved. */
void	demo_clear(struct demo *);
/* A number in [lo, hi] from the generator. */
int	demo_range(struct demo *, int lo, int hi);

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
