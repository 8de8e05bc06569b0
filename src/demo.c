/*
 * demo.c: makes the cases of `onward demo` (demo.h): employers of the
 * trusted roster, the post-training services network, cohorts, and people
 * at every stage from registration to closure, each record entered through
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

static uint32_t
demo_rand(struct demo *d)
{
	d->rng ^= d->rng >> 12;
	d->rng ^= d->rng << 25;
	d->rng ^= d->rng >> 27;
	return (uint32_t)((d->rng * 2685821657736338717ULL) >> 32);
}

/* A number in [lo, hi]. */
int
demo_range(struct demo *d, int lo, int hi)
{
	return lo + (int)(demo_rand(d) % (uint32_t)(hi - lo + 1));
}

/* True with the given percentage. */
static int
demo_chance(struct demo *d, int percent)
{
	return (int)(demo_rand(d) % 100) < percent;
}

#define PICK(d, a) ((a)[demo_rand(d) % (sizeof(a) / sizeof((a)[0]))])

/* One of the n strings of v. */
static const char *
demo_pick(struct demo *d, const char *const *v, size_t n)
{
	return v[demo_rand(d) % n];
}

/* Adds one FIELD=VALUE answer to the record being made. */
static void demo_arg(struct demo *, const char *, ...) PRINTFLIKE(2, 3);

static void
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

/* Adds FIELD=<date `days` ago>. */
static void
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
static int
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
	return demo_save(d, "employer_registration", NULL,
	    demo_workers[i % 3], NULL);
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
	    demo_workers[i % 3], NULL);
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
	    demo_workers[i % 3], NULL);
}

/*
 * The post-training needs near the end of training (ILO TREE), with whether
 * a provider is there: the report's "needs with no provider" come from
 * these.
 */
static int
demo_needs(struct demo *d, const char *cid, const char *worker, int days,
    int business)
{
	static const struct {
		const char	*need, *availability, *provider, *action;
	} wage[] = {
		{ "cv", "local", "Kingsford Employment Office", "refer" },
		{ "interview", "local", "Kingsford Employment Office",
		    "refer" },
		{ "workers_org", "not_local", "Domestic Workers' Union",
		    "visiting" },
		{ "childcare", "none", NULL, "build" },
	}, self[] = {
		{ "business_plan", "not_local", "Business Advice Centre",
		    "visiting" },
		{ "credit", "not_local", "Coastal Microfinance", "visiting" },
		{ "incubator", "none", NULL, "build" },
		{ "registration", "none", NULL, "programme" },
	};
	size_t	 k, n = 2 + demo_rand(d) % 3;

	demo_arg_date(d, "assessment_date", days);
	demo_arg(d, "weeks_left=%d", days == 0 ? demo_range(d, 2, 6) : 1);
	demo_arg(d, "direction=%s", business ? "self" : "wage");
	for (k = 0; k < n; k++) {
		const char	*need = business ? self[k].need : wage[k].need;
		const char	*av = business ? self[k].availability :
				    wage[k].availability;
		const char	*prov = business ? self[k].provider :
				    wage[k].provider;
		const char	*act = business ? self[k].action :
				    wage[k].action;

		demo_arg(d, "needs[%zu].need=%s", k + 1, need);
		demo_arg(d, "needs[%zu].availability=%s", k + 1, av);
		if (prov != NULL)
			demo_arg(d, "needs[%zu].provider_name=%s", k + 1,
			    prov);
		demo_arg(d, "needs[%zu].priority=%s", k + 1,
		    k == 0 ? "high" : "medium");
		demo_arg(d, "needs[%zu].action=%s", k + 1, act);
	}
	return demo_save(d, "needs_reassessment", cid, worker, NULL);
}

/* A referral to the employment office, and what became of it. */
static int
demo_referral(struct demo *d, const char *cid, const char *worker,
    int days, size_t i)
{
	static const char *const status[] = {
		"sent", "accepted", "completed", "completed", "declined"
	};
	const char	*st = status[i % 5];

	demo_arg_date(d, "referral_date", days);
	demo_arg(d, "service=cv");
	demo_arg(d, "provider_name=Kingsford Employment Office");
	demo_arg(d, "provider_mode=local");
	demo_arg(d, "reason=Help with a CV and applications");
	demo_arg(d, "urgency=soon");
	demo_arg(d, "consent_share=yes");
	demo_arg(d, "shared=contact skills");
	demo_arg(d, "how_sent=form");
	demo_arg_date(d, "check_by", days - 14);
	if (demo_save(d, "referral", cid, worker, NULL) == -1)
		return -1;
	if (days < 10 || strcmp(st, "sent") == 0)
		return 0;
	demo_arg_date(d, "update_date", days - 10);
	demo_arg_date(d, "referral_date", days);
	demo_arg(d, "service=cv");
	demo_arg(d, "status=%s", st);
	if (strcmp(st, "declined") == 0) {
		demo_arg(d, "declined_by=provider");
		demo_arg(d, "declined_reason=no_capacity");
		demo_arg(d, "next_step=other_provider");
	} else {
		demo_arg_date(d, "service_start", days - 5);
		if (strcmp(st, "completed") == 0) {
			demo_arg(d, "outcome=CV written, three "
			    "applications sent");
			demo_arg(d, "satisfied=yes");
		}
	}
	return demo_save(d, "referral_update", cid, worker, NULL);
}

/* How far a person has come; a tenth of the people at each stage. */
enum demo_stage {
	ST_REGISTERED, ST_ASSESSED, ST_PLANNED, ST_TRAINING,
	ST_OVERDUE, ST_DUE, ST_VISITED, ST_PLACED, ST_BUSINESS, ST_CLOSED
};

/* One person from registration to wherever their stage has them. */
int
demo_person(struct demo *d, size_t i)
{
	const struct demo_names	*nm = &demo_names[demo_rand(d) % DEMO_NGROUPS];
	const struct demo_trade	*tr = &demo_trades[demo_rand(d) % DEMO_NTRADES];
	const char *const	*dist = demo_districts[demo_rand(d) % 8];
	const char		*worker = demo_workers[i % 3], *group;
	const char		*given, *family;
	enum demo_stage		 stage = (enum demo_stage)(i % 10);
	char			*cid = NULL;
	int			 female = demo_chance(d, 55), reg, end, rc = -1;
	int			 k, visits, income;

	/* Days ago: registered, and (later stages) training ended. */
	switch (stage) {
	case ST_REGISTERED:
		reg = demo_range(d, 0, 20);
		end = 0;
		break;
	case ST_ASSESSED:
	case ST_PLANNED:
		reg = demo_range(d, 20, 60);
		end = 0;
		break;
	case ST_TRAINING:
		reg = demo_range(d, 60, 150);
		end = 0;
		break;
	case ST_OVERDUE:
		/* the 30-day visit is more than the 14 days' grace late */
		end = demo_range(d, 50, 80);
		reg = end + demo_range(d, 120, 200);
		break;
	case ST_DUE:
		end = demo_range(d, 24, 40);
		reg = end + demo_range(d, 120, 200);
		break;
	default:
		end = demo_range(d, 100, 400);
		reg = end + demo_range(d, 120, 200);
		break;
	}
	group = stage == ST_BUSINESS || i % 3 == 0 ? "returnee" :
	    i % 3 == 1 ? "trainee" : "laid_off";

	demo_arg_date(d, "registration_date", reg);
	demo_arg(d, "consent=yes");
	given = female ? nm->female[demo_rand(d) % nm->nfemale] :
	    nm->male[demo_rand(d) % nm->nmale];
	family = nm->family[demo_rand(d) % nm->nfamily];
	if (nm->family_first)
		demo_arg(d, "full_name=%s%s%s", family,
		    nm->family_first == 2 ? "" : " ", given);
	else
		demo_arg(d, "full_name=%s %s", given, family);
	demo_arg(d, "sex=%s", female ? "female" : "male");
	demo_arg_date(d, "birth_date", demo_range(d, 18 * 366, 50 * 365));
	demo_arg(d, "id_document=national_id");
	demo_arg(d, "id_number=NG %07d", demo_range(d, 0, 9999999));
	if (demo_chance(d, 85))
		demo_arg(d, "phone=+234 80%d %03d %04d", demo_range(d, 1, 9),
		    demo_range(d, 100, 999), demo_range(d, 0, 9999));
	demo_arg(d, "region=%s", dist[0]);
	demo_arg(d, "district=%s", dist[1]);
	demo_arg(d, "programme=%s", strcmp(group, "returnee") == 0 ?
	    "reintegration" : strcmp(group, "laid_off") == 0 ?
	    "reemployment" : i % 7 == 0 ? "jobbspar" : "tree");
	demo_arg(d, "beneficiary_group=%s", group);
	if (strcmp(group, "returnee") == 0) {
		demo_arg(d, "country_return=%s", PICK(d, demo_countries));
		demo_arg_date(d, "return_date", reg + demo_range(d, 10, 300));
		demo_arg(d, "months_abroad=%d", demo_range(d, 6, 60));
		demo_arg(d, "return_type=%s", demo_chance(d, 70) ?
		    "assisted" : "spontaneous");
		demo_arg(d, "migration_debt=%s", demo_chance(d, 40) ?
		    "yes" : "no");
	} else if (strcmp(group, "laid_off") == 0) {
		demo_arg(d, "last_employer=%s", PICK(d, demo_employers));
		demo_arg_date(d, "layoff_date", reg + demo_range(d, 10, 200));
		demo_arg(d, "layoff_benefits=%s", demo_chance(d, 50) ?
		    "severance" : "none");
	}
	demo_arg(d, "wg_seeing=none");
	demo_arg(d, "wg_hearing=none");
	demo_arg(d, "wg_walking=%s", i % 13 == 0 ? "a_lot" : "none");
	demo_arg(d, "wg_cognition=none");
	demo_arg(d, "wg_selfcare=none");
	demo_arg(d, "wg_communication=none");
	demo_arg(d, "household_size=%d", demo_range(d, 1, 9));
	demo_arg(d, "care_duties=%s", female && demo_chance(d, 50) ?
	    "young_children" : "none");
	demo_arg(d, "education=%s", PICK(d, ((const char *const[]){
	    "primary", "lower_secondary", "upper_secondary", "vocational",
	    "primary_incomplete" })));
	demo_arg(d, "main_language=%s", nm->language);
	demo_arg(d, "other_languages=en");
	demo_arg(d, "work_status=%s", demo_chance(d, 30) ? "casual" :
	    "seeking");
	income = demo_range(d, 0, 40) * 1000;
	demo_arg(d, "income_before=%d", income);
	if (demo_save(d, "registration", NULL, worker, &cid) == -1)
		return -1;
	if (stage == ST_REGISTERED) {
		rc = 0;
		goto out;
	}

	demo_arg_date(d, "assessment_date", reg - 7);
	demo_arg(d, "education=upper_secondary");
	demo_arg(d, "work_history[1].job_title=%s", tr->job);
	demo_arg(d, "work_history[1].job_major=%s", tr->major);
	demo_arg(d, "work_history[1].job_occupation=%s", tr->sub);
	demo_arg(d, "work_history[1].job_kind=casual");
	demo_arg(d, "work_history[1].job_months=%d", demo_range(d, 3, 48));
	demo_arg(d, "main_major=%s", tr->major);
	demo_arg(d, "main_occupation=%s", tr->sub);
	demo_arg(d, "worked_abroad=%s", strcmp(group, "returnee") == 0 ?
	    "yes" : "no");
	if (strcmp(group, "returnee") == 0)
		demo_arg(d, "skills_abroad=trade language");
	demo_arg(d, "reading=easily");
	demo_arg(d, "writing=%s", demo_chance(d, 30) ? "with_difficulty" :
	    "easily");
	demo_arg(d, "numeracy=easily");
	demo_arg(d, "digital=calls_sms mobile_money");
	demo_arg(d, "preferred_pathway=%s", stage == ST_BUSINESS ? "self" :
	    "wage");
	demo_arg(d, "barriers=%s", female && demo_chance(d, 40) ?
	    "childcare" : "none");
	demo_arg(d, "fit_to_work=yes");
	if (demo_save(d, "skills_assessment", cid, worker, NULL) == -1)
		goto out;
	if (stage == ST_ASSESSED) {
		rc = 0;
		goto out;
	}

	demo_arg_date(d, "plan_date", reg - 14);
	demo_arg(d, "plan_kind=new");
	demo_arg(d, "pathway=%s", stage == ST_BUSINESS ? "self" : "training");
	if (stage == ST_BUSINESS) {
		demo_arg(d, "business_idea=%s", tr->course);
		demo_arg(d, "business_sector=%s", tr->sector);
		demo_arg(d, "collective=alone");
	} else {
		demo_arg(d, "target_major=%s", tr->major);
		demo_arg(d, "target_occupation=%s", tr->sub);
		demo_arg(d, "course_wanted=%s", tr->course);
		demo_arg(d, "job_link=employer");
	}
	demo_arg(d, "goals[1].goal=Finish the course and find work as %s",
	    tr->job);
	demo_arg(d, "planned_services[1].service=further_training");
	demo_arg(d, "planned_services[1].service_provider=%s",
	    demo_providers[1].name);
	demo_arg(d, "planned_services[2].service=placement");
	demo_arg(d, "duration_months=%d", demo_range(d, 6, 12));
	demo_arg(d, "participation_support=transport");
	demo_arg_date(d, "review_date", reg - 14 - 90);
	demo_arg(d, "agreed=yes");
	if (demo_save(d, "plan", cid, worker, NULL) == -1)
		goto out;
	if (stage == ST_PLANNED) {
		rc = 0;
		goto out;
	}

	demo_arg_date(d, "record_date", stage == ST_TRAINING ? 0 : end);
	demo_arg(d, "training_status=%s", stage == ST_TRAINING ?
	    "attending" : "completed");
	demo_arg(d, "course=%s", tr->course);
	demo_arg(d, "training_kind=tvet");
	demo_arg(d, "course_major=%s", tr->major);
	demo_arg(d, "course_occupation=%s", tr->sub);
	demo_arg(d, "provider=%s", demo_providers[1].name);
	demo_arg(d, "delivery=joint");
	demo_arg(d, "schedule_mode=full_time");
	demo_arg(d, "hours_week=%d", demo_range(d, 20, 35));
	if (stage == ST_TRAINING) {
		demo_arg_date(d, "start_date", reg - 30);
		demo_arg_date(d, "planned_end_date", -60);
	} else {
		demo_arg_date(d, "start_date", end + 120);
		demo_arg_date(d, "planned_end_date", end);
		demo_arg_date(d, "end_date", end);
		demo_arg(d, "result=passed");
		demo_arg(d, "certificate=%s", demo_chance(d, 80) ? "yes" :
		    "pending");
		demo_arg(d, "satisfaction=fully");
	}
	demo_arg(d, "linked_to=employer");
	demo_arg(d, "linked_employer=%s", PICK(d, demo_employers));
	demo_arg(d, "support=transport%s", female ? " childcare" : "");
	demo_arg(d, "attendance=%d", demo_range(d, 70, 100));
	if (demo_save(d, "training", cid, worker, NULL) == -1)
		goto out;
	if (demo_needs(d, cid, worker, stage == ST_TRAINING ? 0 : end + 10,
	    stage == ST_BUSINESS) == -1 ||
	    demo_referral(d, cid, worker, stage == ST_TRAINING ? 0 :
	    end + 5, i) == -1)
		goto out;
	if (stage == ST_TRAINING || stage == ST_OVERDUE || stage == ST_DUE) {
		rc = 0;
		goto out;
	}

	if (stage == ST_PLACED || stage == ST_CLOSED) {
		demo_arg_date(d, "session_date", end - 20);
		demo_arg(d, "placement_stage=placed");
		demo_arg(d, "employer_name=%s", PICK(d, demo_employers));
		demo_arg(d, "employer_sector=%s", tr->sector);
		demo_arg(d, "job_title=%s", tr->job);
		demo_arg(d, "job_major=%s", tr->major);
		demo_arg(d, "job_occupation=%s", tr->sub);
		demo_arg_date(d, "start_date", end - 25);
		demo_arg(d, "contract=written_fixed");
		demo_arg(d, "contract_months=12");
		demo_arg(d, "hours_week=40");
		demo_arg(d, "wage=%d", demo_range(d, 40, 120) * 1000);
		demo_arg(d, "wage_period=month");
		demo_arg(d, "wage_check=yes");
		demo_arg(d, "social_security=yes");
		if (demo_save(d, "job_placement", cid, worker, NULL) == -1)
			goto out;
	} else if (stage == ST_BUSINESS) {
		demo_arg_date(d, "record_date", end - 30);
		demo_arg(d, "step=capital");
		demo_arg(d, "capital_approved=150000");
		demo_arg_date(d, "tranches[1].tranche_date", end - 30);
		demo_arg(d, "tranches[1].tranche_kind=goods");
		demo_arg(d, "tranches[1].tranche_amount=100000");
		demo_arg(d, "tranches[1].tranche_items=Tools and materials");
		demo_arg(d, "tranches[1].tranche_verified=yes");
		demo_arg(d, "business_started=yes");
		demo_arg(d, "business_name=%s", tr->course);
		demo_arg(d, "business_sector=%s", tr->sector);
		demo_arg_date(d, "business_start_date", end - 35);
		demo_arg(d, "owners=1");
		demo_arg(d, "employees=%d", demo_range(d, 0, 2));
		demo_arg(d, "registration=in_process");
		if (demo_save(d, "business_support", cid, worker,
		    NULL) == -1)
			goto out;
	}

	/* People of a job track (jobbspår): the exit evaluation with the
	 * employer, hired or not and why. */
	if (stage == ST_PLACED || (stage == ST_VISITED && i % 20 == 16)) {
		int	hired = stage == ST_PLACED;

		demo_arg_date(d, "evaluation_date", end);
		demo_arg(d, "track=%s %d", demo_trades[i % 3].course,
		    2025 + (int)(i % 3 % 2));
		demo_arg(d, "parties=participant employer provider");
		demo_arg(d, "components_passed=%s", hired ? "yes" : "partly");
		demo_arg(d, "hired=%s", hired ? "yes" : "no");
		if (hired) {
			demo_arg(d, "employment_form=%s", demo_chance(d, 50) ?
			    "fixed" : "subsidised");
			demo_arg_date(d, "employment_start", end - 20);
		} else
			demo_arg(d, "not_hired_reason=%s", demo_chance(d, 50) ?
			    "language" : "no_vacancy skills");
		demo_arg(d, "met_needs=%s", hired ? "fully" : "partly");
		demo_arg(d, "met_employer=%s", hired ? "fully" : "partly");
		demo_arg(d, "phase_recruitment=well");
		demo_arg(d, "phase_training=well");
		demo_arg(d, "phase_workplace=%s", hired ? "well" : "partly");
		demo_arg(d, "phase_closing=well");
		demo_arg(d, "certificate=yes");
		if (!hired)
			demo_arg(d, "continued_support=job_search "
			    "next_track");
		if (demo_save(d, "exit_evaluation", cid, worker, NULL) == -1)
			goto out;
	}
	/* Some take cash for work while they look: weeks worked, with the
	 * compulsory savings share. */
	if (stage == ST_VISITED && i % 20 == 6) {
		int	w, weeks = demo_range(d, 3, 8);

		demo_arg_date(d, "record_date", end - 7 * weeks - 10);
		demo_arg(d, "project_name=Clearing the drainage canals");
		demo_arg(d, "project_kind=infrastructure");
		demo_arg(d, "project_place=%s", "Kingsford market");
		demo_arg_date(d, "start_date", end - 5);
		demo_arg(d, "daily_wage=2500");
		demo_arg(d, "payment_method=mobile_money");
		demo_arg(d, "mobile_number=+234 803 555 %04d",
		    demo_range(d, 0, 9999));
		demo_arg(d, "savings_account=mobile_savings");
		demo_arg(d, "account_in_own_name=yes");
		for (w = 1; w <= weeks; w++) {
			char	field[32];

			snprintf(field, sizeof field, "weeks[%d].week_start",
			    w);
			demo_arg_date(d, field, end - 5 - 7 * (w - 1));
			demo_arg(d, "weeks[%d].days_worked=%d", w,
			    demo_range(d, 3, 5));
			demo_arg(d, "weeks[%d].week_paid=yes", w);
		}
		demo_arg(d, "sessions_attended=%d", weeks);
		demo_arg(d, "cfw_status=completed");
		demo_arg(d, "savings_use=own_business");
		if (demo_save(d, "cash_for_work", cid, worker, NULL) == -1)
			goto out;
	}

	/* The follow-up visits already made: 30 days, then 90 and 180 when
	 * that much time has passed. */
	visits = end >= 190 ? 3 : end >= 100 ? 2 : 1;
	for (k = 0; k < visits; k++) {
		demo_arg_date(d, "visit_date", end - (k == 0 ? 30 :
		    k == 1 ? 90 : 180) + demo_range(d, -5, 5) * (end > 200));
		demo_arg(d, "contact_mode=%s", k % 2 ? "phone" : "home");
		if (stage == ST_BUSINESS) {
			demo_arg(d, "work_situation=self");
			demo_arg(d, "hours_week=%d", demo_range(d, 20, 60));
			demo_arg(d, "monthly_income=%d",
			    demo_range(d, 20, 90) * 1000);
			demo_arg(d, "has_business=yes");
			demo_arg(d, "business_operating=%s",
			    k == 2 && i % 20 == 8 ? "no" : "yes");
			demo_arg(d, "business_name=%s", tr->course);
			if (k == 2 && i % 20 == 8)
				demo_arg(d, "closure_causes=no_customers "
				    "debt");
		} else if (stage == ST_VISITED && k == 0 &&
		    demo_chance(d, 50)) {
			demo_arg(d, "work_situation=seeking");
			demo_arg(d, "monthly_income=0");
			demo_arg(d, "has_business=no");
			demo_arg(d, "new_needs=cv interview");
		} else {
			demo_arg(d, "work_situation=wage");
			demo_arg(d, "employer=%s", PICK(d, demo_employers));
			demo_arg(d, "job_title=%s", tr->job);
			demo_arg(d, "job_linked_training=mostly");
			demo_arg(d, "contract=written_fixed");
			demo_arg(d, "hours_week=40");
			demo_arg(d, "monthly_income=%d",
			    demo_range(d, 40, 120) * 1000);
			demo_arg(d, "income_change=higher");
			demo_arg(d, "has_business=no");
			demo_arg(d, "work_problems=none");
		}
		demo_arg(d, "conflict=no");
		demo_arg(d, "wellbeing=well");
		if (demo_save(d, "follow_up_visit", cid, worker, NULL) == -1)
			goto out;
	}

	if (stage == ST_CLOSED) {
		demo_arg_date(d, "closure_date", end - 200 > 0 ? end - 200 :
		    0);
		demo_arg(d, "closure_reason=completed");
		demo_arg(d, "work_status=wage");
		demo_arg(d, "plan_goals=all");
		if (demo_save(d, "closure", cid, worker, NULL) == -1)
			goto out;
	}
	rc = 0;
out:
	free(cid);
	return rc;
}
