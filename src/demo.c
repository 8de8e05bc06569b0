/*
 * demo.c: makes the cases of `onward demo` (demo.h): employers of the
 * trusted roster, the post-training services network and cohorts (the
 * people at every stage are demo-person.c's), each record entered through
 * the real form pack with the same checks as `onward record add`.  The
 * answers come from a seeded generator: the same seed on the same day
 * gives the same people.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* xorshift64*: the next number of the generator. */
uint32_t
demo_rand(struct demo *d)
{
	d->rng ^= d->rng >> 12;
	d->rng ^= d->rng << 25;
	d->rng ^= d->rng >> 27;
	return (uint32_t)((d->rng * 2685821657736338717ULL) >> 32);
}

int
demo_range(struct demo *d, int lo, int hi)
{
	return lo + (int)(demo_rand(d) % (uint32_t)(hi - lo + 1));
}

int
demo_chance(struct demo *d, int percent)
{
	return (int)(demo_rand(d) % 100) < percent;
}

const char *
demo_pick(struct demo *d, const char *const *v, size_t n)
{
	return v[demo_rand(d) % n];
}

void
demo_arg(struct demo *d, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (d->nargs == DEMO_MAX_ARGS)
		fatal("demo: too many answers in one record");
	d->args[d->nargs++] = s;
}

/* The date `days` days before today, as the forms' today() sees it
 * (ONWARD_TODAY included). */
static void
demo_date(struct demo *d, int days, char out[11])
{
	expr_format_date(d->today - days, out, 11);
}

void
demo_arg_date(struct demo *d, const char *field, int days)
{
	char	buf[11];

	demo_date(d, days, buf);
	demo_arg(d, "%s=%s", field, buf);
}

void
demo_clear(struct demo *d)
{
	while (d->nargs > 0)
		free(d->args[--d->nargs]);
}

/*
 * Saves the answers gathered with demo_arg as a new record of form_id,
 * through the same checks as `onward record add`.  *out_case gets the case
 * the record opened (caller frees), when not NULL.  Returns -1 and prints
 * why when the pack refuses it.
 */
int
demo_save(struct demo *d, const char *form_id, const char *case_id,
    const char *worker, char **out_case)
{
	const struct form	*form;
	struct answers		 a, props;
	struct diags		 problems = { 0 };
	char			*path, *cause = NULL, *rid = NULL, *cid = NULL;
	const char		*eq;
	size_t			 i;
	int			 rc = -1;

	if ((form = form_pack_find(d->pack, form_id)) == NULL) {
		fprintf(stderr, _("onward: demo: the form pack has no form "
		    "'%s'\n"), form_id);
		demo_clear(d);
		return -1;
	}
	answers_init(&a);
	answers_init(&props);
	/* As the UI and record add do: ${case.PROP} reads the case. */
	if (case_id != NULL) {
		if (store_case_props(d->st, case_id, NULL, &props,
		    &cause) == -1) {
			fprintf(stderr, "onward: demo: %s\n", cause);
			free(cause);
			cause = NULL;
			goto out;
		}
		a.case_props = &props;
	}
	for (i = 0; i < d->nargs; i++) {
		eq = strchr(d->args[i], '=');
		*(char *)eq = '\0';
		path = record_resolve_path(form, &a, d->args[i],
		    store_device(d->st), &cause);
		if (path == NULL) {
			fprintf(stderr, _("onward: demo: %s: %s: %s\n"),
			    form_id, d->args[i], cause);
			free(cause);
			goto out;
		}
		answers_set(&a, path, eq[1] != '\0' ? eq + 1 : NULL);
		free(path);
	}
	record_size_repeats(form, &a, store_device(d->st));
	record_apply_defaults(form, &a);
	if (store_save_record(d->st, form, NULL, case_id, &a, worker, &rid,
	    &cid, &problems, &cause) == -1) {
		if (cause != NULL) {
			fprintf(stderr, _("onward: cannot save the record: "
			    "%s\n"), cause);
			free(cause);
		} else {
			fprintf(stderr, _("onward: demo: the form '%s' "
			    "refused a demo record:\n"), form_id);
			diags_print(&problems);
		}
		goto out;
	}
	d->records++;
	if (form->case_action == CASE_OPEN)
		d->cases++;
	if (out_case != NULL) {
		*out_case = cid;
		cid = NULL;
	}
	rc = 0;
out:
	diags_free(&problems);
	answers_free(&a);
	answers_free(&props);
	free(rid);
	free(cid);
	demo_clear(d);
	return rc;
}

/* Where an employer or provider is and whom to call there: a contact
 * named from group nm, a phone on mobile network net. */
static void
demo_contact(struct demo *d, const char *const *dist,
    const struct demo_names *nm, bool female, const char *net)
{
	demo_arg(d, "region=%s", dist[0]);
	demo_arg(d, "district=%s", dist[1]);
	demo_arg(d, "contact_person=%s %s", female ?
	    demo_pick(d, nm->female, nm->nfemale) :
	    demo_pick(d, nm->male, nm->nmale),
	    demo_pick(d, nm->family, nm->nfamily));
	demo_arg(d, "phone=+234 %s%d %04d", net, demo_range(d, 1, 9),
	    demo_range(d, 0, 9999));
}

/* An employer of the trusted roster, with vacancies. */
int
demo_employer(struct demo *d, size_t i)
{
	const struct demo_trade	*tr = &demo_trades[i % DEMO_NTRADES];
	const char *const	*dist = demo_districts[i % 8];
	int			 trusted = i % 4 != 3, v, nv;

	demo_arg_date(d, "registration_date", demo_range(d, 200, 400));
	if (i < DEMO_NEMPLOYERS)
		demo_arg(d, "employer_name=%s", demo_employers[i]);
	else
		demo_arg(d, "employer_name=%s %zu", demo_employers[
		    i % DEMO_NEMPLOYERS], i / DEMO_NEMPLOYERS + 1);
	demo_arg(d, "employer_type=%s", i % 5 == 0 ? "cooperative" :
	    i % 3 == 0 ? "small" : "private");
	demo_arg(d, "sector=%s", tr->sector);
	demo_arg(d, "workers=%d", demo_range(d, 3, 250));
	demo_contact(d, dist, &demo_names[0], false, "80");
	demo_arg(d, "checks=registered visited wages%s",
	    trusted ? " contracts" : "");
	demo_arg(d, "trusted=%s", trusted ? "yes" : "pending");
	demo_arg(d, "agreement=%s", trusted ? "written" : "informal");
	demo_arg(d, "offers=jobs apprenticeships%s",
	    i % 3 == 0 ? " job_track" : "");
	nv = demo_range(d, 0, 2);
	for (v = 1; v <= nv; v++) {
		demo_arg(d, "vacancies[%d].vac_title=%s", v, tr->job);
		demo_arg(d, "vacancies[%d].vac_major=%s", v, tr->major);
		demo_arg(d, "vacancies[%d].vac_occupation=%s", v, tr->sub);
		demo_arg(d, "vacancies[%d].vac_number=%d", v,
		    demo_range(d, 1, 4));
		demo_arg(d, "vacancies[%d].vac_wage=%d", v,
		    demo_range(d, 90, 250) * 1000);
	}
	/* Job placements link to the employers of the roster. */
	d->employer_ids = xreallocarray(d->employer_ids, d->nemployer_ids + 1,
	    sizeof *d->employer_ids);
	d->employer_ids[d->nemployer_ids] = NULL;
	if (demo_save(d, "employer_registration", NULL, demo_workers[i % 3],
	    &d->employer_ids[d->nemployer_ids]) == -1)
		return -1;
	d->nemployer_ids++;
	return 0;
}

int
demo_provider(struct demo *d, size_t i)
{
	const struct demo_provider	*p = &demo_providers[i];
	const char *const		*dist = demo_districts[(i * 3) % 8];
	int				 build;

	build = strcmp(p->availability, "to_build") == 0;
	demo_arg_date(d, "registration_date", demo_range(d, 250, 400));
	demo_arg(d, "provider_name=%s", p->name);
	demo_arg(d, "provider_type=%s", p->type);
	demo_arg(d, "services=%s", p->services);
	demo_arg(d, "availability=%s", p->availability);
	if (strcmp(p->availability, "visiting") == 0)
		demo_arg(d, "visit_frequency=monthly");
	demo_contact(d, dist, &demo_names[5], true, "70");
	demo_arg(d, "cost=%s", p->cost);
	demo_arg(d, "capacity=%d", demo_range(d, 10, 200));
	demo_arg(d, "capacity_building=%s", build ? "yes" : "no");
	if (build)
		demo_arg(d, "capacity_needs=Find a partner and funding; "
		    "train staff");
	return demo_save(d, "provider_registration", NULL,
	    demo_workers[i % 3], i == 0 ? &d->office_id : NULL);
}

int
demo_cohort(struct demo *d, size_t i)
{
	const struct demo_trade	*tr = &demo_trades[i % DEMO_NTRADES];
	const char *const	*dist = demo_districts[(i * 5) % 8];
	int			 start = 120 + (int)i * 60;

	demo_arg(d, "cohort_name=%s %d", tr->course, 2025 + (int)(i % 2));
	demo_arg(d, "track_type=%s", i % 2 == 0 ? "jobbspar" : "tvet");
	demo_arg(d, "sector=%s", tr->sector);
	demo_arg(d, "occupation_major=%s", tr->major);
	demo_arg(d, "occupation=%s", tr->sub);
	demo_arg(d, "region=%s", dist[0]);
	demo_arg(d, "district=%s", dist[1]);
	demo_arg(d, "employer_name=%s", demo_employers[i % DEMO_NEMPLOYERS]);
	demo_arg(d, "provider_name=%s", demo_providers[1].name);
	demo_arg_date(d, "start_date", start);
	demo_arg_date(d, "end_date", start - 90);
	demo_arg(d, "places=%d", 20);
	demo_arg(d, "hires_expected=%d", demo_range(d, 5, 15));
	demo_arg(d, "phases=recruitment preparatory vocational workplace");
	demo_arg(d, "target_groups=youth returnees laid_off");
	return demo_save(d, "cohort_registration", NULL,
	    demo_workers[i % 3], i < nitems(d->cohort_ids) ?
	    &d->cohort_ids[i] : NULL);
}
