/*
 * demo-person.c: the people of `onward demo` (demo.h), each taken from
 * registration as far as their stage has come.  A person's path is data:
 * person_steps lists the records in the order they are made, each with the
 * stages that have it; a step is a small function that gathers one form's
 * answers and saves them through demo_save.  A tenth of the people are at
 * each stage, and stage_days says how long ago they registered and ended
 * their training.
 *
 * The generator is drawn from in a fixed order (the person, then each step
 * in turn), so the same seed on the same day gives the same people: a step
 * added or moved changes every person after it.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "util.h"

#define PICK(d, a) ((a)[demo_rand(d) % (sizeof(a) / sizeof((a)[0]))])

/* How far a person has come; a tenth of the people at each stage. */
enum demo_stage {
	ST_REGISTERED, ST_ASSESSED, ST_PLANNED, ST_TRAINING,
	ST_OVERDUE, ST_DUE, ST_VISITED, ST_PLACED, ST_BUSINESS, ST_CLOSED
};

#define S(st)		(1u << (st))
#define ST_ALL		(S(ST_CLOSED + 1) - 1)
/* The stages past the end of training, whose follow-up visits are made. */
#define ST_FOLLOWED	(S(ST_VISITED) | S(ST_PLACED) | S(ST_BUSINESS) | \
			    S(ST_CLOSED))

/*
 * Days ago the training ended (end_lo, end_hi; 0, 0 while it has not) and
 * the person registered: days ago while training has not ended, else days
 * before its end.
 */
static const struct stage_days {
	int	end_lo, end_hi;
	int	reg_lo, reg_hi;
} stage_days[] = {
	[ST_REGISTERED] =	{ 0, 0, 0, 20 },
	[ST_ASSESSED] =		{ 0, 0, 20, 60 },
	[ST_PLANNED] =		{ 0, 0, 20, 60 },
	[ST_TRAINING] =		{ 0, 0, 60, 150 },
	/* the 30-day visit is more than the 14 days' grace late */
	[ST_OVERDUE] =		{ 50, 80, 120, 200 },
	[ST_DUE] =		{ 24, 40, 120, 200 },
	[ST_VISITED] =		{ 100, 400, 120, 200 },
	[ST_PLACED] =		{ 100, 400, 120, 200 },
	[ST_BUSINESS] =		{ 100, 400, 120, 200 },
	[ST_CLOSED] =		{ 100, 400, 120, 200 },
};

/* The person being made. */
struct person {
	size_t			 i;	/* the person's number */
	enum demo_stage		 stage;
	const struct demo_names	*nm;
	const struct demo_trade	*tr;
	const char *const	*dist;	/* region, district */
	const char		*worker;
	const char		*group;	/* beneficiary_group */
	int			 female;
	int			 reg, end;	/* days ago (stage_days) */
	char			*cid;	/* the case, once registered */
};

/* True for a person who has come back from abroad. */
static bool
person_returnee(const struct person *p)
{
	return strcmp(p->group, "returnee") == 0;
}

/* The day training ended (today while it goes on), days ago. */
static int
person_end_or_today(const struct person *p)
{
	return p->stage == ST_TRAINING ? 0 : p->end;
}

/* Who the person is: the name in the order of their group, sex, birth,
 * papers, phone and place. */
static void
person_identity(struct demo *d, const struct person *p)
{
	const struct demo_names	*nm = p->nm;
	const char		*given, *family;

	given = p->female ? demo_pick(d, nm->female, nm->nfemale) :
	    demo_pick(d, nm->male, nm->nmale);
	family = demo_pick(d, nm->family, nm->nfamily);
	if (nm->family_first)
		demo_arg(d, "full_name=%s%s%s", family,
		    nm->family_first == 2 ? "" : " ", given);
	else
		demo_arg(d, "full_name=%s %s", given, family);
	demo_arg(d, "sex=%s", p->female ? "female" : "male");
	demo_arg_date(d, "birth_date", demo_range(d, 18 * 366, 50 * 365));
	demo_arg(d, "id_document=national_id");
	demo_arg(d, "id_number=NG %07d", demo_range(d, 0, 9999999));
	if (demo_chance(d, 85))
		demo_arg(d, "phone=+234 80%d %03d %04d", demo_range(d, 1, 9),
		    demo_range(d, 100, 999), demo_range(d, 0, 9999));
	demo_arg(d, "region=%s", p->dist[0]);
	demo_arg(d, "district=%s", p->dist[1]);
}

/* The programme and group, and for returnees and the laid off where they
 * come from. */
static void
person_group(struct demo *d, const struct person *p)
{
	demo_arg(d, "programme=%s", person_returnee(p) ? "reintegration" :
	    strcmp(p->group, "laid_off") == 0 ? "reemployment" :
	    p->i % 7 == 0 ? "jobbspar" : "tree");
	demo_arg(d, "beneficiary_group=%s", p->group);
	if (person_returnee(p)) {
		demo_arg(d, "country_return=%s", PICK(d, demo_countries));
		demo_arg_date(d, "return_date", p->reg + demo_range(d, 10,
		    300));
		demo_arg(d, "months_abroad=%d", demo_range(d, 6, 60));
		demo_arg(d, "return_type=%s", demo_chance(d, 70) ?
		    "assisted" : "spontaneous");
		demo_arg(d, "migration_debt=%s", demo_chance(d, 40) ?
		    "yes" : "no");
	} else if (strcmp(p->group, "laid_off") == 0) {
		demo_arg(d, "last_employer=%s", PICK(d, demo_employers));
		demo_arg_date(d, "layoff_date", p->reg + demo_range(d, 10,
		    200));
		demo_arg(d, "layoff_benefits=%s", demo_chance(d, 50) ?
		    "severance" : "none");
	}
}

/* The registration, which opens the case (p->cid). */
static int
person_registration(struct demo *d, struct person *p)
{
	demo_arg_date(d, "registration_date", p->reg);
	demo_arg(d, "consent=yes");
	person_identity(d, p);
	person_group(d, p);
	demo_arg(d, "wg_seeing=none");
	demo_arg(d, "wg_hearing=none");
	demo_arg(d, "wg_walking=%s", p->i % 13 == 0 ? "a_lot" : "none");
	demo_arg(d, "wg_cognition=none");
	demo_arg(d, "wg_selfcare=none");
	demo_arg(d, "wg_communication=none");
	demo_arg(d, "household_size=%d", demo_range(d, 1, 9));
	demo_arg(d, "care_duties=%s", p->female && demo_chance(d, 50) ?
	    "young_children" : "none");
	demo_arg(d, "education=%s", PICK(d, ((const char *const[]){
	    "primary", "lower_secondary", "upper_secondary", "vocational",
	    "primary_incomplete" })));
	demo_arg(d, "main_language=%s", p->nm->language);
	demo_arg(d, "other_languages=en");
	demo_arg(d, "work_status=%s", demo_chance(d, 30) ? "casual" :
	    "seeking");
	demo_arg(d, "income_before=%d", demo_range(d, 0, 40) * 1000);
	return demo_save(d, "registration", NULL, p->worker, &p->cid);
}

/* The skills assessment a week after registering. */
static int
person_assessment(struct demo *d, struct person *p)
{
	const struct demo_trade	*tr = p->tr;

	demo_arg_date(d, "assessment_date", p->reg - 7);
	demo_arg(d, "education=upper_secondary");
	demo_arg(d, "work_history[1].job_title=%s", tr->job);
	demo_arg(d, "work_history[1].job_major=%s", tr->major);
	demo_arg(d, "work_history[1].job_occupation=%s", tr->sub);
	demo_arg(d, "work_history[1].job_kind=casual");
	demo_arg(d, "work_history[1].job_months=%d", demo_range(d, 3, 48));
	demo_arg(d, "main_major=%s", tr->major);
	demo_arg(d, "main_occupation=%s", tr->sub);
	demo_arg(d, "worked_abroad=%s", person_returnee(p) ? "yes" : "no");
	if (person_returnee(p))
		demo_arg(d, "skills_abroad=trade language");
	demo_arg(d, "reading=easily");
	demo_arg(d, "writing=%s", demo_chance(d, 30) ? "with_difficulty" :
	    "easily");
	demo_arg(d, "numeracy=easily");
	demo_arg(d, "digital=calls_sms mobile_money");
	demo_arg(d, "preferred_pathway=%s", p->stage == ST_BUSINESS ?
	    "self" : "wage");
	demo_arg(d, "barriers=%s", p->female && demo_chance(d, 40) ?
	    "childcare" : "none");
	demo_arg(d, "fit_to_work=yes");
	return demo_save(d, "skills_assessment", p->cid, p->worker, NULL);
}

/* The plan two weeks after registering: training, or a business. */
static int
person_plan(struct demo *d, struct person *p)
{
	const struct demo_trade	*tr = p->tr;
	int			 business = p->stage == ST_BUSINESS;

	demo_arg_date(d, "plan_date", p->reg - 14);
	demo_arg(d, "plan_kind=new");
	demo_arg(d, "pathway=%s", business ? "self" : "training");
	if (business) {
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
	/* Most reviews to come (a few days ahead), some late. */
	demo_arg_date(d, "review_date", p->i % 4 == 0 || p->reg < 120 ?
	    p->reg - 14 - 90 : -(int)(p->i % 20) - 1);
	demo_arg(d, "agreed=yes");
	return demo_save(d, "plan", p->cid, p->worker, NULL);
}

/* The training: still attending, or completed p->end days ago. */
static int
person_training(struct demo *d, struct person *p)
{
	const struct demo_trade	*tr = p->tr;
	int			 going = p->stage == ST_TRAINING;

	demo_arg_date(d, "record_date", person_end_or_today(p));
	demo_arg(d, "training_status=%s", going ? "attending" : "completed");
	demo_arg(d, "course=%s", tr->course);
	demo_arg(d, "training_kind=tvet");
	demo_arg(d, "course_major=%s", tr->major);
	demo_arg(d, "course_occupation=%s", tr->sub);
	demo_arg(d, "provider=%s", demo_providers[1].name);
	demo_arg(d, "delivery=joint");
	demo_arg(d, "schedule_mode=full_time");
	demo_arg(d, "hours_week=%d", demo_range(d, 20, 35));
	if (going) {
		demo_arg_date(d, "start_date", p->reg - 30);
		demo_arg_date(d, "planned_end_date", -60);
	} else {
		demo_arg_date(d, "start_date", p->end + 120);
		demo_arg_date(d, "planned_end_date", p->end);
		demo_arg_date(d, "end_date", p->end);
		demo_arg(d, "result=passed");
		demo_arg(d, "certificate=%s", demo_chance(d, 80) ? "yes" :
		    "pending");
		demo_arg(d, "satisfaction=fully");
	}
	demo_arg(d, "linked_to=employer");
	demo_arg(d, "linked_employer=%s", PICK(d, demo_employers));
	demo_arg(d, "support=transport%s", p->female ? " childcare" : "");
	demo_arg(d, "attendance=%d", demo_range(d, 70, 100));
	return demo_save(d, "training", p->cid, p->worker, NULL);
}

/* A post-training need (ILO TREE) and whether a provider is there. */
struct demo_need {
	const char	*need, *availability, *provider, *action;
};

/*
 * The post-training needs near the end of training, with whether a
 * provider is there: the report's "needs with no provider" come from
 * these.
 */
static int
person_needs(struct demo *d, struct person *p)
{
	static const struct demo_need wage[] = {
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
	int			 business = p->stage == ST_BUSINESS;
	int			 days = p->stage == ST_TRAINING ? 0 :
				    p->end + 10;
	const struct demo_need	*v = business ? self : wage;
	size_t			 k, n = 2 + demo_rand(d) % 3;

	demo_arg_date(d, "assessment_date", days);
	demo_arg(d, "weeks_left=%d", days == 0 ? demo_range(d, 2, 6) : 1);
	demo_arg(d, "direction=%s", business ? "self" : "wage");
	for (k = 0; k < n; k++) {
		demo_arg(d, "needs[%zu].need=%s", k + 1, v[k].need);
		demo_arg(d, "needs[%zu].availability=%s", k + 1,
		    v[k].availability);
		if (v[k].provider != NULL)
			demo_arg(d, "needs[%zu].provider_name=%s", k + 1,
			    v[k].provider);
		demo_arg(d, "needs[%zu].priority=%s", k + 1,
		    k == 0 ? "high" : "medium");
		demo_arg(d, "needs[%zu].action=%s", k + 1, v[k].action);
	}
	return demo_save(d, "needs_reassessment", p->cid, p->worker, NULL);
}

/* A referral to the employment office, and what became of it. */
static int
person_referral(struct demo *d, struct person *p)
{
	static const char *const status[] = {
		"sent", "accepted", "completed", "completed", "declined"
	};
	const char	*st = status[p->i % 5];
	char		*rid = NULL;
	int		 days = p->stage == ST_TRAINING ? 0 : p->end + 5, rc;

	demo_arg_date(d, "referral_date", days);
	demo_arg(d, "service=cv");
	demo_arg(d, "provider=%s", d->office_id);	/* demo_providers[0] */
	demo_arg(d, "provider_mode=local");
	demo_arg(d, "reason=Help with a CV and applications");
	demo_arg(d, "urgency=soon");
	demo_arg(d, "consent_share=yes");
	demo_arg(d, "shared=contact skills");
	demo_arg(d, "how_sent=form");
	demo_arg_date(d, "check_by", days - 14);
	/* The referral is a case of its own, under the person. */
	if (demo_save(d, "referral", p->cid, p->worker, &rid) == -1)
		return -1;
	if (days < 10 || strcmp(st, "sent") == 0) {
		free(rid);
		return 0;
	}
	demo_arg_date(d, "update_date", days - 10);
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
	rc = demo_save(d, "referral_update", rid, p->worker, NULL);
	free(rid);
	return rc;
}

/* The job a trained person was placed in. */
static int
person_placement(struct demo *d, struct person *p)
{
	const struct demo_trade	*tr = p->tr;

	demo_arg_date(d, "session_date", p->end - 20);
	demo_arg(d, "placement_stage=placed");
	demo_arg(d, "employer=%s", d->employer_ids[demo_rand(d) %
	    d->nemployer_ids]);
	demo_arg(d, "employer_sector=%s", tr->sector);
	demo_arg(d, "job_title=%s", tr->job);
	demo_arg(d, "job_major=%s", tr->major);
	demo_arg(d, "job_occupation=%s", tr->sub);
	demo_arg_date(d, "start_date", p->end - 25);
	demo_arg(d, "contract=written_fixed");
	demo_arg(d, "contract_months=12");
	demo_arg(d, "hours_week=40");
	demo_arg(d, "wage=%d", demo_range(d, 40, 120) * 1000);
	demo_arg(d, "wage_period=month");
	demo_arg(d, "wage_check=yes");
	demo_arg(d, "social_security=yes");
	return demo_save(d, "job_placement", p->cid, p->worker, NULL);
}

/* The start-up capital and the business it started. */
static int
person_business(struct demo *d, struct person *p)
{
	const struct demo_trade	*tr = p->tr;

	/* The selection first: pre-selected (step 2), plan selected (4). */
	demo_arg_date(d, "record_date", p->end - 60);
	demo_arg(d, "step=assessment");
	demo_arg(d, "score_skills=4");
	demo_arg(d, "score_motivation=5");
	demo_arg(d, "score_acumen=3");
	demo_arg(d, "preselected=yes");
	if (demo_save(d, "business_support", p->cid, p->worker, NULL) == -1)
		return -1;
	demo_arg_date(d, "record_date", p->end - 45);
	demo_arg(d, "step=selection");
	demo_arg_date(d, "committee_date", p->end - 45);
	demo_arg(d, "committee=programme mfi");
	demo_arg(d, "committee_decision=selected");
	demo_arg(d, "decision_reason=A sound plan with a market");
	if (demo_save(d, "business_support", p->cid, p->worker, NULL) == -1)
		return -1;
	demo_arg_date(d, "record_date", p->end - 30);
	demo_arg(d, "step=capital");
	demo_arg(d, "capital_approved=150000");
	demo_arg_date(d, "tranches[1].tranche_date", p->end - 30);
	demo_arg(d, "tranches[1].tranche_kind=goods");
	demo_arg(d, "tranches[1].tranche_amount=100000");
	demo_arg(d, "tranches[1].tranche_items=Tools and materials");
	demo_arg(d, "tranches[1].tranche_verified=yes");
	demo_arg(d, "business_started=yes");
	demo_arg(d, "business_name=%s", tr->course);
	demo_arg(d, "business_sector=%s", tr->sector);
	demo_arg_date(d, "business_start_date", p->end - 35);
	demo_arg(d, "owners=1");
	demo_arg(d, "employees=%d", demo_range(d, 0, 2));
	demo_arg(d, "registration=in_process");
	return demo_save(d, "business_support", p->cid, p->worker, NULL);
}

/* People of a job track (jobbspår): the placed, and some of the visited. */
static bool
person_on_job_track(const struct person *p)
{
	return p->stage == ST_PLACED || p->i % 20 == 16;
}

/* The exit evaluation of a job track with the employer, hired or not and
 * why. */
static int
person_exit_evaluation(struct demo *d, struct person *p)
{
	int	hired = p->stage == ST_PLACED;

	demo_arg_date(d, "evaluation_date", p->end);
	/* The cohort of its trade (demo_cohort made one of each). */
	demo_arg(d, "track=%s", d->cohort_ids[p->i % 3]);
	demo_arg(d, "parties=participant employer provider");
	demo_arg(d, "components_passed=%s", hired ? "yes" : "partly");
	demo_arg(d, "hired=%s", hired ? "yes" : "no");
	if (hired) {
		demo_arg(d, "employment_form=%s", demo_chance(d, 50) ?
		    "fixed" : "subsidised");
		demo_arg_date(d, "employment_start", p->end - 20);
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
		demo_arg(d, "continued_support=job_search next_track");
	return demo_save(d, "exit_evaluation", p->cid, p->worker, NULL);
}

/* Some of the visited take cash for work while they look. */
static bool
person_takes_cash_for_work(const struct person *p)
{
	return p->i % 20 == 6;
}

/* Cash for work: weeks worked, with the compulsory savings share. */
static int
person_cash_for_work(struct demo *d, struct person *p)
{
	int	w, weeks = demo_range(d, 3, 8);
	char	field[32];

	demo_arg_date(d, "record_date", p->end - 7 * weeks - 10);
	demo_arg(d, "project_name=Clearing the drainage canals");
	demo_arg(d, "project_kind=infrastructure");
	demo_arg(d, "project_place=%s", "Kingsford market");
	demo_arg_date(d, "start_date", p->end - 5);
	demo_arg(d, "daily_wage=2500");
	demo_arg(d, "payment_method=mobile_money");
	demo_arg(d, "mobile_number=+234 803 555 %04d",
	    demo_range(d, 0, 9999));
	demo_arg(d, "savings_account=mobile_savings");
	demo_arg(d, "account_in_own_name=yes");
	for (w = 1; w <= weeks; w++) {
		snprintf(field, sizeof field, "weeks[%d].week_start", w);
		demo_arg_date(d, field, p->end - 5 - 7 * (w - 1));
		demo_arg(d, "weeks[%d].days_worked=%d", w,
		    demo_range(d, 3, 5));
		demo_arg(d, "weeks[%d].week_paid=yes", w);
	}
	demo_arg(d, "sessions_attended=%d", weeks);
	demo_arg(d, "cfw_status=completed");
	demo_arg(d, "savings_use=own_business");
	return demo_save(d, "cash_for_work", p->cid, p->worker, NULL);
}

/* What follow-up visit k found: a business, a search, or a job. */
static void
person_visit_work(struct demo *d, const struct person *p, int k)
{
	int	closed = k == 2 && p->i % 20 == 8;

	if (p->stage == ST_BUSINESS) {
		demo_arg(d, "work_situation=self");
		demo_arg(d, "hours_week=%d", demo_range(d, 20, 60));
		demo_arg(d, "monthly_income=%d",
		    demo_range(d, 20, 90) * 1000);
		demo_arg(d, "has_business=yes");
		demo_arg(d, "business_operating=%s", closed ? "no" : "yes");
		demo_arg(d, "business_name=%s", p->tr->course);
		if (closed)
			demo_arg(d, "closure_causes=no_customers debt");
	} else if (p->stage == ST_VISITED && k == 0 && demo_chance(d, 50)) {
		demo_arg(d, "work_situation=seeking");
		demo_arg(d, "monthly_income=0");
		demo_arg(d, "has_business=no");
		demo_arg(d, "new_needs=cv interview");
	} else {
		demo_arg(d, "work_situation=wage");
		demo_arg(d, "employer=%s", PICK(d, demo_employers));
		demo_arg(d, "job_title=%s", p->tr->job);
		demo_arg(d, "job_linked_training=mostly");
		demo_arg(d, "contract=written_fixed");
		demo_arg(d, "hours_week=40");
		demo_arg(d, "monthly_income=%d",
		    demo_range(d, 40, 120) * 1000);
		demo_arg(d, "income_change=higher");
		demo_arg(d, "has_business=no");
		demo_arg(d, "work_problems=none");
	}
}

/* The follow-up visits already made: 30 days after training, then 90 and
 * 180 when that much time has passed. */
static int
person_visits(struct demo *d, struct person *p)
{
	static const int	after[] = { 30, 90, 180 };
	int			k, visits, end = p->end;

	visits = end >= 190 ? 3 : end >= 100 ? 2 : 1;
	for (k = 0; k < visits; k++) {
		demo_arg_date(d, "visit_date", end - after[k] +
		    demo_range(d, -5, 5) * (end > 200));
		demo_arg(d, "contact_mode=%s", k % 2 ? "phone" : "home");
		person_visit_work(d, p, k);
		demo_arg(d, "conflict=no");
		demo_arg(d, "wellbeing=well");
		if (demo_save(d, "follow_up_visit", p->cid, p->worker,
		    NULL) == -1)
			return -1;
	}
	return 0;
}

/* The closure of a case whose plan is done. */
static int
person_closure(struct demo *d, struct person *p)
{
	demo_arg_date(d, "closure_date", p->end - 200 > 0 ? p->end - 200 :
	    0);
	demo_arg(d, "closure_reason=completed");
	demo_arg(d, "work_status=wage");
	demo_arg(d, "plan_goals=all");
	return demo_save(d, "closure", p->cid, p->worker, NULL);
}

/*
 * A person's records in the order they are made: a step is made for the
 * people at one of its stages for whom its test (if any) holds.  To add a
 * record: a function that gathers its answers and calls demo_save, and a
 * row here.
 */
static const struct person_step {
	unsigned	  stages;	/* S(stage) of those who have it */
	bool		(*when)(const struct person *);
	int		(*make)(struct demo *, struct person *);
} person_steps[] = {
	{ ST_ALL,			NULL, person_registration },
	{ ST_ALL & ~S(ST_REGISTERED),	NULL, person_assessment },
	{ ST_ALL & ~(S(ST_REGISTERED) | S(ST_ASSESSED)), NULL, person_plan },
	{ ST_ALL & ~(S(ST_TRAINING) - 1), NULL, person_training },
	{ ST_ALL & ~(S(ST_TRAINING) - 1), NULL, person_needs },
	{ ST_ALL & ~(S(ST_TRAINING) - 1), NULL, person_referral },
	{ S(ST_PLACED) | S(ST_CLOSED),	NULL, person_placement },
	{ S(ST_BUSINESS),		NULL, person_business },
	{ S(ST_PLACED) | S(ST_VISITED),	person_on_job_track,
	    person_exit_evaluation },
	{ S(ST_VISITED),		person_takes_cash_for_work,
	    person_cash_for_work },
	{ ST_FOLLOWED,			NULL, person_visits },
	{ S(ST_CLOSED),			NULL, person_closure },
};

/* Draws who person i is and, from their stage, when things happened. */
static void
person_draw(struct demo *d, size_t i, struct person *p)
{
	const struct stage_days	*sd;

	memset(p, 0, sizeof *p);
	p->i = i;
	p->stage = (enum demo_stage)(i % 10);
	p->nm = &demo_names[demo_rand(d) % DEMO_NGROUPS];
	p->tr = &demo_trades[demo_rand(d) % DEMO_NTRADES];
	p->dist = demo_districts[demo_rand(d) % DEMO_NDISTRICTS];
	p->worker = demo_workers[i % DEMO_NWORKERS];
	p->female = demo_chance(d, 55);
	sd = &stage_days[p->stage];
	if (sd->end_hi == 0)
		p->reg = demo_range(d, sd->reg_lo, sd->reg_hi);
	else {
		p->end = demo_range(d, sd->end_lo, sd->end_hi);
		p->reg = p->end + demo_range(d, sd->reg_lo, sd->reg_hi);
	}
	p->group = p->stage == ST_BUSINESS || i % 3 == 0 ? "returnee" :
	    i % 3 == 1 ? "trainee" : "laid_off";
}

/* One person from registration to wherever their stage has them. */
int
demo_person(struct demo *d, size_t i)
{
	const struct person_step	*s;
	struct person			 p;
	size_t				 k;
	int				 rc = 0;

	person_draw(d, i, &p);
	for (k = 0; k < nitems(person_steps) && rc == 0; k++) {
		s = &person_steps[k];
		if ((s->stages & S(p.stage)) == 0 ||
		    (s->when != NULL && !s->when(&p)))
			continue;
		rc = s->make(d, &p);
	}
	free(p.cid);
	return rc;
}
