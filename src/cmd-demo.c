/*
 * cmd-demo.c: `onward demo [--cases N] [--seed N]` fills an empty store with
 * made-up people, employers, service providers and cohorts, every record
 * entered through the real form pack with the same checks as `onward record
 * add`.  A new user, a trainer or a tester then sees every screen with
 * something on it: people at every stage from registration to closure,
 * follow-ups due and overdue, placements, businesses, referrals, names in
 * many scripts (accents, Arabic, Chinese).
 *
 * The verb: its options, the refusal of a store that has cases, and the
 * order things are made in; demo.c makes them (demo.h).  When the form
 * pack changes so that a demo record no longer passes its checks, the verb
 * fails naming the form and field; tests/cli/demo.sh runs it against the
 * shipped pack.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "demo.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

#define DEMO_CASES	120
#define DEMO_MAX_CASES	200000

static const struct option demo_options[] = {
	{ "cases",	required_argument,	NULL, 'c' },
	{ "seed",	required_argument,	NULL, 's' },
	{ NULL,		0,			NULL, 0 }
};

/* Says who may sign in to the demo store, and with what. */
static void
demo_say_accounts(void)
{
	size_t	i;

	printf("%s\n", _("Its accounts (sign in to the UI, or --as NAME):"));
	for (i = 0; i < DEMO_NWORKERS; i++)
		printf(_("  %s, a worker\n"), demo_workers[i]);
	printf(_("  %s, a supervisor\n"), demo_supervisor);
	printf(_("  %s, an admin\n"), demo_admin);
	printf(_("The passphrase of each: %s\n"), demo_passphrase);
}

/* xorshift64*: small, fast and the same everywhere. */

/* Parses a positive number no larger than max for option opt. */
static int
demo_number(const char *s, long max, const char *opt, long *out)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > max) {
		fprintf(stderr, _("onward: %s wants a number from 0 to %ld, "
		    "not '%s'\n"), opt, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int
cmd_demo_exec(struct app *app, int argc, char **argv)
{
	struct demo		 d;
	struct case_query	 q = { .closed = -1, .limit = 1 };
	struct case_row		*rows = NULL;
	size_t			 n = 0, total = 0, i, nemp;
	long			 ncases = DEMO_CASES, seed = 1;
	char			*cause = NULL, *w;
	int			 ch, rc = 1;
	bool			 made;

	while ((ch = getopt_long(argc, argv, "", demo_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (demo_number(optarg, DEMO_MAX_CASES, "--cases",
			    &ncases) == -1)
				return EXIT_USAGE;
			break;
		case 's':
			if (demo_number(optarg, 1000000000L, "--seed",
			    &seed) == -1)
				return EXIT_USAGE;
			break;
		default:
			return cmd_usage(&cmd_demo_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_demo_entry);
	if (app_ready(app) == -1)
		return 1;
	memset(&d, 0, sizeof d);
	d.pack = app->pack;
	d.st = app->store;
	d.rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)seed * 0x100000001b3ULL;
	d.today = expr_today();
	/* Made-up people never go into a store that holds real ones. */
	if (store_cases(d.st, &q, &rows, &n, &total, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		goto out;
	}
	for (i = 0; i < n; i++)
		case_row_free(&rows[i]);
	free(rows);
	if (total > 0) {
		fprintf(stderr, _("onward: the store '%s' already has %zu "
		    "cases; demo data goes into a new store (use --db "
		    "FILE)\n"), app->db_path, total);
		goto out;
	}
	/* A made-up store need not survive a power cut: one sync at the
	 * end instead of one per record. */
	if (store_set_durable(d.st, false, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		goto out;
	}
	nemp = 4 + (size_t)ncases / 15;
	for (i = 0; i < nemp; i++)
		if (demo_employer(&d, i) == -1)
			goto out;
	for (i = 0; i < DEMO_NPROVIDERS; i++)
		if (demo_provider(&d, i) == -1)
			goto out;
	for (i = 0; i < 3; i++)
		if (demo_cohort(&d, i) == -1)
			goto out;
	for (i = 0; i < (size_t)ncases; i++) {
		if (demo_person(&d, i) == -1)
			goto out;
		if (ncases >= 1000 && (i + 1) % 1000 == 0)
			fprintf(stderr, _("%zu of %ld people\n"), i + 1,
			    ncases);
	}
	if (demo_conflicts(&d, app->db_path, ncases >= 30 ? 3 :
	    (size_t)ncases / 10) == -1)
		goto out;
	if (store_set_durable(d.st, true, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		goto out;
	}
	/* The UI opens on the case list, as the first demo worker. */
	w = store_setting(d.st, "worker");
	if ((w == NULL || *w == '\0') &&
	    (store_set_setting(d.st, "worker", demo_workers[0],
	    &cause) == -1 || store_set_setting(d.st, "site", "Amberfield",
	    &cause) == -1)) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		free(w);
		goto out;
	}
	free(w);
	if (demo_accounts(d.st, &made, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		goto out;
	}
	printf(_("%zu cases and %zu records of made-up people written to "
	    "'%s'\n"), d.cases, d.records, app->db_path);
	if (made)
		demo_say_accounts();
	rc = 0;
out:
	demo_clear(&d);
	for (i = 0; i < d.nemployer_ids; i++)
		free(d.employer_ids[i]);
	free(d.employer_ids);
	for (i = 0; i < nitems(d.cohort_ids); i++)
		free(d.cohort_ids[i]);
	free(d.office_id);
	return rc;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = N_("[--cases N] [--seed N]"),
	.summary = N_("fill a new store with made-up people to try onward"),
	.help = N_("Fills an empty store with made-up people, employers, "
	    "service providers\n"
	    "and cohorts, entered through the form pack with every check of "
	    "'record add':\n"
	    "people at every stage from registration to closure, follow-ups "
	    "due and\n"
	    "overdue, placements, businesses, names in many scripts.  A store "
	    "that already\n"
	    "has cases is refused, so real data never mixes with made-up "
	    "data.\n"
	    "\n"
	    "  --cases N   how many people (default 120)\n"
	    "  --seed N    another seed gives other people (default 1)\n"),
	.flags = APP_FORMS | APP_STORE,
	.exec = cmd_demo_exec,
};
