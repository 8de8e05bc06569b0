#!/bin/sh
# Every form of the real pack (forms/), filled with `onward record add` as
# a field worker would fill it for one person (a returnee trained as a
# welder and placed with an employer), one employer, one provider and one
# cohort: each valid record saves and `record show` gives back every
# answer; then for each form one or more impossible answers (a date in
# the future, a negative amount, a value not in the list, a choice outside
# its choice_filter, a required answer missing, a figure larger than the
# one it is part of ...) are refused with a message naming the field, and
# nothing is stored.  Forms open their case first (cases.yaml), and the
# forms that close a case come last.
. "$top_srcdir/tests/lib.sh"

ONWARD_FORMS="$top_srcdir/forms"
ONWARD_DATA="$top_srcdir/data"
ONWARD_DB="$T/pack.db"
export ONWARD_FORMS ONWARD_DATA ONWARD_DB
accounts "$ONWARD_DB" ann
"$ONWARD" settings worker ann >/dev/null

tested=
rid=
cid=

# add FORM CASE ARGS...: record add, on case CASE ("-": none).
add() {
	local form=$1 case=$2
	shift 2
	if [ "$case" = - ]; then
		"$ONWARD" record add "$form" "$@"
	else
		"$ONWARD" record add "$form" --case "$case" "$@"
	fi
}

# good FORM CASE FIELD=VALUE...: saves a record, and checks that `record
# show` gives back every answer (repeat positions compared as "[]").  Sets
# $rid, and $cid for a form that opens a case.
good() {
	local form=$1 case=$2 out rc=0 show a path missing=
	shift 2
	out=$(add "$form" "$case" "$@" 2>&1) || rc=$?
	rid=$(printf '%s\n' "$out" | sed -n 1p)
	cid=$(printf '%s\n' "$out" | sed -n 's/^case //p')
	if [ "$rc" -ne 0 ]; then
		_tap 1 "$form: a valid record saves"
		diag "$out"
		return
	fi
	_tap 0 "$form: a valid record saves"
	show=$("$ONWARD" record show "$rid" | sed 's/\[[^]]*\]/[]/g')
	for a; do
		path=$(printf '%s' "${a%%=*}" | sed 's/\[[0-9]*\]/[]/g')
		printf '%s\n' "$show" | grep -Fxq -- "$path = ${a#*=}" ||
			missing="$missing $path"
	done
	is "$form: record show gives back every answer" "$missing" ""
	like "$form: as a record of the form" "$show" "^form $form [0-9]+$"
	# (A form that opens a child case is on the case it opened.)
	[ "$case" = - ] ||
		like "$form: on its case" "$show" "^case ${cid:-$case}$"
	tested="$tested
$form"
	last_show=$show
}

# bad FORM CASE FIELD WHY BAD FIELD=VALUE...: the valid answers with BAD
# (FIELD=VALUE, given last, so it replaces the valid answer; FIELD= takes
# it away) are refused: exit 1, a line "FIELD: message" (PATH: inside a
# repeat), and the store as it was.
bad() {
	local form=$1 case=$2 field=$3 why=$4 wrong=$5 before out rc=0
	shift 5
	before=$("$ONWARD" dump)
	out=$(add "$form" "$case" "$@" "$wrong" 2>&1) || rc=$?
	if [ "$rc" -eq 1 ] && printf '%s\n' "$out" |
	    grep -Eq "^([a-z_]+\[[^]]+\]\.)*$field: "; then
		_tap 0 "$form: $why is refused, naming $field"
	else
		_tap 1 "$form: $why is refused, naming $field"
		diag "exit $rc" "$out"
	fi
	is "$form: nothing is stored" "$("$ONWARD" dump)" "$before"
	bad_out=$out
}

# The valid answers of each form, handed to a command: answers_F CMD ARGS
# runs CMD ARGS ANSWERS...
answers_registration() {
	"$@" consent=yes full_name='Amina Diallo' sex=female \
	    birth_date=1995-03-01 nationality=gh id_document=national_id \
	    id_number='GHA-712345' phone='+233 24 123 4567' phone_owner=own \
	    mobile_money=yes region=coast district=eastport \
	    address='Behind the fish market' programme=reintegration \
	    beneficiary_group=returnee came_through=return_programme \
	    country_return=ly return_date=2025-11-20 months_abroad=30 \
	    return_type=assisted migration_debt=yes return_support=yes \
	    wg_seeing=none wg_hearing=none wg_walking=some wg_cognition=none \
	    wg_selfcare=none wg_communication=none household_size=4 \
	    dependants=3 head_of_household=no care_duties=young_children \
	    'members[1].member_name=Kofi Diallo' members[1].member_relation=child \
	    members[1].member_sex=male members[1].member_age=6 \
	    education=lower_secondary main_language=en 'other_languages=fr ha' \
	    work_status=seeking income_before=0
}
answers_registration good registration -
C_BEN=$cid
like 'registration opens a beneficiary case' "$C_BEN" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
like 'calculations are stored: the age' "$last_show" '^age = 31$'
like 'and the Washington Group result' "$last_show" '^disability = no$'
answers_registration bad registration - birth_date 'a birth date in the future' \
	birth_date=2026-07-01
like 'with the form'"'"'s message' "$bad_out" \
	'^birth_date: The person must be between 15 and 80 years old$'
answers_registration bad registration - full_name 'a missing name' full_name=
like 'with the form'"'"'s message' "$bad_out" \
	'^full_name: The name is needed to find the person again$'
answers_registration bad registration - sex 'a value not in the list' sex=unknown
answers_registration bad registration - district 'a district of another region' \
	district=amberfield
like 'the message says why' "$bad_out" \
	"^district: 'amberfield' is not one of the choices the other answers allow$"
answers_registration bad registration - household_size 'a household of none' \
	household_size=0
answers_registration bad registration - months_abroad \
	'more months abroad than the person has lived' months_abroad=400
answers_registration bad registration - consent 'no consent' consent=no

answers_skills_assessment() {
	"$@" education=vocational field_of_study=Welding has_certificates=yes \
	    'certificates=TVET welding level 2' certificates_proof=partly \
	    'work_history[1].job_title=Welder in a shipyard' \
	    work_history[1].job_major=7 work_history[1].job_occupation=72 \
	    work_history[1].job_kind=employee work_history[1].job_country=ly \
	    work_history[1].job_months=24 work_history[1].job_end_year=2025 \
	    work_history[1].job_left_reason=migration main_major=7 \
	    main_occupation=72 worked_abroad=yes 'skills_abroad=trade machinery' \
	    'skills_abroad_detail=MIG and arc welding, grinders' \
	    skills_abroad_certified=no reading=easily writing=with_difficulty \
	    literacy_language=en numeracy=easily 'digital=calls_sms mobile_money' \
	    preferred_pathway=wage 'desired_work=Welding in a workshop' \
	    expected_income=1200 willing_to_move=daily_travel remigration=no \
	    'barriers=childcare debt' 'barriers_detail=Two young children; a migration debt' \
	    home_based=no wellbeing=stressed fit_to_work=yes \
	    'summary=Skilled welder; wants a wage job'
}
answers_skills_assessment good skills_assessment "$C_BEN"
like 'the digital level is worked out' "$last_show" '^digital_level = basic$'
like 'and the work history counted' "$last_show" '^months_worked = 24$'
answers_skills_assessment bad skills_assessment "$C_BEN" main_occupation \
	'an occupation outside the group chosen' main_occupation=22
answers_skills_assessment bad skills_assessment "$C_BEN" job_occupation \
	'the same inside the work history' work_history[1].job_occupation=51
answers_skills_assessment bad skills_assessment "$C_BEN" job_end_year \
	'a job that ends next year' work_history[1].job_end_year=2027
answers_skills_assessment bad skills_assessment "$C_BEN" digital \
	"'none' with other answers" 'digital=calls_sms none'
answers_skills_assessment bad skills_assessment "$C_BEN" expected_income \
	'a negative income' expected_income=-100

answers_plan() {
	"$@" plan_kind=new pathway=wage 'other_measures=job_placement budgeting' \
	    target_major=7 target_occupation=72 'job_search_steps=cv interview' \
	    'target_employers=Coastal Steel' 'goals[1].goal=A welding job' \
	    goals[1].goal_date=2026-12-31 'goals[1].goal_measure=Contract signed' \
	    planned_services[1].service=placement \
	    'planned_services[1].service_provider=Eastport employment office' \
	    planned_services[1].service_start=2026-07-01 \
	    planned_services[1].service_responsible=case_worker \
	    duration_months=6 living_costs=partly participation_support=childcare \
	    review_date=2026-09-15 'exit_condition=Six months in a job' agreed=yes
}
answers_plan good plan "$C_BEN"
answers_plan bad plan "$C_BEN" review_date 'a review before the plan' \
	review_date=2026-06-01
answers_plan bad plan "$C_BEN" agreed 'a plan the person does not agree with' \
	agreed=no
answers_plan bad plan "$C_BEN" goal_date 'a goal dated before the plan' \
	goals[1].goal_date=2026-01-01

answers_training() {
	"$@" training_status=completed 'course=Welding level 2' training_kind=tvet \
	    course_major=7 course_occupation=72 'provider=Eastport TVET centre' \
	    delivery=joint schedule_mode=full_time \
	    hours_week=30 start_date=2026-01-12 planned_end_date=2026-05-29 \
	    linked_to=employer 'linked_employer=Coastal Steel' \
	    'support=transport cash_for_training' stipend_amount=50 attendance=92 \
	    end_date=2026-05-29 result=passed certificate=yes \
	    certificate_kind=national satisfaction=fully
}
answers_training good training "$C_BEN"
like 'training saves the end of training for the follow-ups' \
	"$last_show" '^training_end = 2026-05-29$'
answers_training bad training "$C_BEN" end_date 'an end before the start' \
	end_date=2025-12-01
answers_training bad training "$C_BEN" end_date 'an end in the future' \
	end_date=2026-06-30
answers_training bad training "$C_BEN" attendance 'an attendance over 100%' \
	attendance=120
answers_training bad training "$C_BEN" certificate 'a missing certificate answer' \
	certificate=

answers_needs_reassessment() {
	"$@" weeks_left=0 direction=wage needs[1].need=placement \
	    needs[1].availability=local \
	    'needs[1].provider_name=Eastport employment office' \
	    needs[1].priority=high needs[1].scope=group needs[1].action=refer \
	    needs[2].need=safety_rights needs[2].availability=none \
	    needs[2].priority=medium needs[2].scope=group needs[2].action=build \
	    plan_change=no
}
answers_needs_reassessment good needs_reassessment "$C_BEN"
like 'the needs with no provider are counted' "$last_show" '^no_provider_count = 1$'
answers_needs_reassessment bad needs_reassessment "$C_BEN" weeks_left \
	'a negative number of weeks' weeks_left=-1
answers_needs_reassessment bad needs_reassessment "$C_BEN" need \
	'a service not in the list' needs[1].need=nosuch

answers_business_support() {
	"$@" step=capital 'indepth_topics=accounting legal' capital_approved=2000 \
	    tranches[1].tranche_date=2026-05-01 tranches[1].tranche_kind=goods \
	    tranches[1].tranche_amount=1200 \
	    'tranches[1].tranche_items=Welding machine' \
	    tranches[1].tranche_verified=first business_started=yes \
	    'business_name=Diallo Metal Works' business_sector=c \
	    business_start_date=2026-05-10 owners=1 employees=1 premises=shop \
	    registration=in_process registration_kinds=business_register
}
# The selection across records: no capital before the person is
# pre-selected and the plan selected.
answers_business_support bad business_support "$C_BEN" step \
	'capital for a person not pre-selected' step=capital
like 'with the rule across records' "$bad_out" \
	'^step: Capital and in-depth training are only for a person pre-selected'
ok 'step 2: pre-selected' "$ONWARD" record add business_support --case "$C_BEN" \
	step=assessment score_skills=4 score_motivation=4 score_acumen=3 \
	preselected=yes
answers_business_support bad business_support "$C_BEN" step \
	'capital for a plan not selected yet' step=capital
ok 'step 4: the plan selected' "$ONWARD" record add business_support \
	--case "$C_BEN" step=selection committee_date=2026-04-20 \
	'committee=programme mfi' committee_decision=selected \
	'decision_reason=A sound plan'
answers_business_support good business_support "$C_BEN"
like 'the tranches are summed' "$last_show" '^tranches_total = 1200$'
answers_business_support bad business_support "$C_BEN" capital_approved \
	'less capital than the tranches given' capital_approved=1000
answers_business_support bad business_support "$C_BEN" tranche_date \
	'a tranche given in the future' tranches[1].tranche_date=2026-07-01
answers_business_support bad business_support "$C_BEN" step \
	'a step not in the list' step=7

answers_microcredit_screening() {
	"$@" purpose=expand 'purpose_detail=A second welding machine' amount=800 \
	    term_months=12 frequency=monthly installment=75 risks_explained=yes \
	    training_done=yes misappropriation_risk=low \
	    risk_assessed_by=livelihoods own_capital=200 own_capital_proof=yes \
	    'collateral=grant guarantor' other_support=0 capital_needed=1000 \
	    need_verified=yes credit_history=none \
	    'other_requirements=existing_business identity' \
	    monthly_income_now=1200 'lender_name=Coast Microfinance' \
	    lender_type=mfi interest_rate=24 interest_fair=yes \
	    default_support=yes lender_mentoring=yes lender_checked=yes \
	    decision=recommend 'decision_reason=Every check passes' \
	    first_due=2026-07-15
}
answers_microcredit_screening good microcredit_screening "$C_BEN"
# The screening's red lines block a recommendation.
answers_microcredit_screening bad microcredit_screening "$C_BEN" decision \
	'a recommendation despite a poor credit history' credit_history=poor
like 'with the form'"'"'s message' "$bad_out" \
	'^decision: Do not recommend it: the checks above do not all pass, the credit'
answers_microcredit_screening bad microcredit_screening "$C_BEN" decision \
	'a recommendation for repayments of 42% of the income' \
	monthly_income_now=180
like 'the total to repay is worked out' "$last_show" '^total_repaid = 900$'
like 'and the share of income' "$last_show" '^repayment_share = 6$'
answers_microcredit_screening bad microcredit_screening "$C_BEN" amount \
	'a negative loan' amount=-800
answers_microcredit_screening bad microcredit_screening "$C_BEN" decision \
	'recommending a loan whose risks were not explained' risks_explained=no
answers_microcredit_screening bad microcredit_screening "$C_BEN" first_due \
	'a first repayment before the screening' first_due=2026-06-01

answers_budgeting() {
	"$@" session_number=1 session_kind=individual 'topics=budget debt saving' \
	    incomes[1].income_source=wage incomes[1].income_amount=1200 \
	    incomes[1].income_regular=regular exp_food=400 exp_housing=200 \
	    exp_utilities=80 exp_transport=60 exp_school=30 exp_health=20 \
	    exp_family=40 exp_other=20 debts[1].debt_to=smuggler \
	    debts[1].debt_migration=yes debts[1].debt_amount=1500 \
	    debts[1].debt_repayment=100 debts[1].debt_pressure=no saves_now=yes \
	    savings_now=50 savings_where=mobile_money 'savings_goal=Tools' \
	    saving_plan=50 emergency_plan=no savings_group=referred \
	    next_session=2026-07-15
}
answers_budgeting good budgeting "$C_BEN"
like 'the balance is worked out' "$last_show" '^balance = 250$'
like 'and the migration debt' "$last_show" '^migration_debt = 1500$'
answers_budgeting bad budgeting "$C_BEN" debt_repayment \
	'repaying more than is owed' debts[1].debt_repayment=2000
answers_budgeting bad budgeting "$C_BEN" exp_food 'a negative expense' \
	exp_food=-400
answers_budgeting bad budgeting "$C_BEN" session_date 'a session in the future' \
	session_date=2026-06-16

answers_cash_for_work() {
	"$@" 'project_name=Drain clearing, Eastport' project_kind=water \
	    project_place=Eastport 'partner=Eastport council' \
	    start_date=2026-05-04 planned_days=45 daily_wage=10 savings_share=30 \
	    payment_method=mobile_money 'mobile_number=+233 24 123 4567' \
	    savings_account=mobile_savings account_in_own_name=yes \
	    weeks[1].week_start=2026-05-04 weeks[1].days_worked=5 \
	    weeks[1].week_paid=yes weeks[2].week_start=2026-05-11 \
	    weeks[2].days_worked=4 weeks[2].week_paid=no sessions_attended=2 \
	    cfw_status=ongoing
}
answers_cash_for_work good cash_for_work "$C_BEN"
like 'the days are summed' "$last_show" '^total_days = 9$'
like 'the savings share is worked out' "$last_show" '^savings_amount = 27$'
like 'and what was paid out' "$last_show" '^paid_total = 63$'
answers_cash_for_work bad cash_for_work "$C_BEN" days_worked \
	'eight days in a week' weeks[1].days_worked=8
answers_cash_for_work bad cash_for_work "$C_BEN" week_start \
	'a week before the start' weeks[1].week_start=2026-04-01
answers_cash_for_work bad cash_for_work "$C_BEN" daily_wage 'a negative wage' \
	daily_wage=-10

answers_follow_up_visit() {
	"$@" contact_mode=workplace work_situation=wage 'employer=Coastal Steel' \
	    job_title=Welder job_linked_training=mostly contract=written_fixed \
	    hours_week=40 monthly_income=1200 income_change=higher \
	    has_business=no work_problems=none conflict=no wellbeing=well \
	    'new_needs=safety_rights' 'next_steps=Visit again in three months'
}
answers_follow_up_visit good follow_up_visit "$C_BEN"
answers_follow_up_visit bad follow_up_visit "$C_BEN" visit_date \
	'a visit in the future' visit_date=2026-06-16
like 'with the form'"'"'s message' "$bad_out" \
	'^visit_date: The visit cannot be in the future$'
answers_follow_up_visit bad follow_up_visit "$C_BEN" monthly_income \
	'a negative income' monthly_income=-1
answers_follow_up_visit bad follow_up_visit "$C_BEN" work_situation \
	'a missing work situation' work_situation=

answers_employer_registration() {
	"$@" 'employer_name=Coastal Steel' employer_type=private sector=c \
	    workers=40 region=coast district=eastport 'address=Harbour road 4' \
	    'contact_person=Ama Owusu' 'contact_role=HR officer' \
	    'phone=+233 30 222 3333' email=hr@coastalsteel.example \
	    'checks=registered visited wages' trusted=yes agreement=written \
	    'offers=jobs apprenticeships' 'interest_groups=returnees trainees' \
	    vacancies[1].vac_title=Welder vacancies[1].vac_major=7 \
	    vacancies[1].vac_occupation=72 vacancies[1].vac_number=3 \
	    'vacancies[1].vac_requirements=Two years of welding' \
	    vacancies[1].vac_wage=1200 vacancies[1].vac_deadline=2026-07-31
}
answers_employer_registration good employer_registration -
C_EMP=$cid
like 'employer_registration opens an employer case' "$C_EMP" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
like 'the open places are summed' "$last_show" '^vacancies_open = 3$'
answers_employer_registration bad employer_registration - trusted \
	'trusting an employer after one check' checks=visited
answers_employer_registration bad employer_registration - email \
	'an email without @' email=hr.coastalsteel.example
answers_employer_registration bad employer_registration - vac_wage \
	'a negative wage' vacancies[1].vac_wage=-5

answers_employer_update() {
	"$@" contact_kind=visit 'contact_person=Ama Owusu' \
	    'phone=+233 30 222 3333' hired_since=1 'feedback=Amina learns fast' \
	    vacancies[1].vac_title=Welder vacancies[1].vac_number=2 \
	    vacancies[1].vac_wage=1200 vacancies[1].vac_deadline=2026-07-31 \
	    trusted=yes agreement=written status=active
}
answers_employer_update good employer_update "$C_EMP"
answers_employer_update bad employer_update "$C_EMP" vac_deadline \
	'a vacancy closed before the contact' vacancies[1].vac_deadline=2026-06-01
answers_employer_update bad employer_update "$C_EMP" phone 'a phone with letters' \
	'phone=call the office'
answers_employer_update bad employer_update "$C_EMP" contact_date \
	'a contact in the future' contact_date=2026-12-01

answers_job_placement() {
	"$@" placement_stage=placed employer="$C_EMP" \
	    employer_sector=c job_title=Welder job_major=7 job_occupation=72 \
	    start_date=2026-06-01 contract=written_fixed contract_months=12 \
	    hours_week=40 wage=1200 wage_period=month wage_check=yes \
	    social_security=yes employment_support=applied next_session=2026-07-15
}
answers_job_placement good job_placement "$C_BEN"
like 'the monthly wage is worked out' "$last_show" '^monthly_wage = 1200$'
like 'the person is employed' "$last_show" '^stage = employed$'
answers_job_placement bad job_placement "$C_BEN" wage 'a negative wage' wage=-1200
answers_job_placement bad job_placement "$C_BEN" job_occupation \
	'an occupation outside the group chosen' job_occupation=21
answers_job_placement bad job_placement "$C_BEN" hours_week \
	'a 100-hour week' hours_week=100
answers_job_placement bad job_placement "$C_BEN" employer \
	'an employer that is not in the store' employer=ZZZZ-9999-Z
like 'naming the id' "$bad_out" "^employer: there is no case 'ZZZZ-9999-Z'$"
answers_job_placement bad job_placement "$C_BEN" employer \
	'an employer that is a beneficiary' employer="$C_BEN"
like 'naming both types' "$bad_out" \
	"^employer: case '$C_BEN' is a 'beneficiary', not a 'employer'$"
answers_job_placement bad job_placement "$C_BEN" employer \
	'an employer that is no case id' 'employer=Coastal Steel'

answers_apprenticeship() {
	"$@" apprenticeship_status=started employer="$C_EMP" \
	    'supervisor=Kofi Mensah' trade_major=7 trade=72 \
	    'job_description=Engine and body repair' scheme=traditional \
	    contract=written salary=150 salary_period=month start_date=2026-03-01 \
	    duration_months=12 hours_week=40 classroom=yes \
	    'classroom_provider=Eastport TVET centre' classroom_days=1
}
answers_apprenticeship good apprenticeship "$C_BEN"
like 'the work situation follows' "$last_show" '^work_status = apprentice$'
answers_apprenticeship bad apprenticeship "$C_BEN" salary 'a negative salary' \
	salary=-150
answers_apprenticeship bad apprenticeship "$C_BEN" duration_months \
	'an apprenticeship of no months' duration_months=0
answers_apprenticeship bad apprenticeship "$C_BEN" job_description \
	'a missing job description' job_description=

answers_provider_registration() {
	"$@" 'provider_name=Eastport Business Centre' provider_type=bds \
	    'services=business_plan start_up business_advice' \
	    availability=visiting visit_frequency=monthly region=coast \
	    district=fairhaven 'contact_person=Yaw Boateng' \
	    'phone=+233 30 444 5555' cost=programme \
	    'eligibility=Anyone with a business idea' capacity=30 \
	    accessible=partly women_friendly=yes capacity_building=yes \
	    'capacity_needs=Training of trainers' referral_agreement=yes
}
answers_provider_registration good provider_registration -
C_PROV=$cid
like 'provider_registration opens a provider case' "$C_PROV" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
answers_provider_registration bad provider_registration - district \
	'a district of another region' district=oakridge
answers_provider_registration bad provider_registration - capacity \
	'a capacity of no one' capacity=0
answers_provider_registration bad provider_registration - services \
	'a service not in the list' 'services=business_plan nosuch'

answers_referral() {
	"$@" service=placement provider="$C_PROV" \
	    provider_mode=local 'reason=Vacancies for welders' urgency=soon \
	    consent_share=yes 'shared=contact skills' how_sent=phone \
	    appointment_date=2026-06-20 check_by=2026-06-30
}
answers_referral good referral "$C_BEN"
C_REF=$cid
like 'the referral is a case of its own' "$C_REF" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
like 'the referral is known by its date and service' "$last_show" \
	'^referral_id = 2026-06-15_placement$'
answers_referral bad referral "$C_BEN" consent_share \
	'sharing without the person'"'"'s agreement' consent_share=no
answers_referral bad referral "$C_BEN" appointment_date \
	'an appointment before the referral' appointment_date=2026-06-01

answers_referral_update() {
	"$@" status=completed service_start=2026-06-15 \
	    'outcome=Two interviews arranged' satisfied=yes next_step=none
}
answers_referral_update bad referral_update "$C_REF" service_start \
	'a service started before the referral' service_start=2026-06-01
answers_referral_update bad referral_update "$C_REF" outcome \
	'a completed referral without its outcome' outcome=
fails 'a referral update on the person is refused' 1 \
	"$ONWARD" record add referral_update --case "$C_BEN" status=accepted
like 'the person is no referral' "$(cat "$T/.out" 2>/dev/null)" \
	"case '$C_BEN' is not a 'referral'"
answers_referral_update good referral_update "$C_REF"
like 'a completed referral is closed' "$("$ONWARD" cases --closed)" "^$C_REF"
like 'the person is still open' "$("$ONWARD" cases --open)" "^$C_BEN"

answers_provider_update() {
	"$@" 'services=business_plan start_up business_advice credit' \
	    availability=local 'contact_person=Yaw Boateng' \
	    'phone=+233 30 444 5555' cost=free capacity_building=no \
	    'capacity_done=Two trainers trained' referrals_feedback=well \
	    status=active
}
answers_provider_update good provider_update "$C_PROV"
answers_provider_update bad provider_update "$C_PROV" contact_date \
	'a contact in the future' contact_date=2026-06-16
answers_provider_update bad provider_update "$C_PROV" status \
	'a missing status' status=

answers_cohort_registration() {
	"$@" 'cohort_name=Welding Eastport 2026-2' track_type=jobbspar sector=c \
	    occupation_major=7 occupation=72 region=coast district=eastport \
	    'employer_name=Coastal Steel' 'provider_name=Eastport TVET centre' \
	    start_date=2026-01-12 end_date=2026-05-29 places=12 hires_expected=8 \
	    'phases=recruitment vocational workplace closing' \
	    employment_support=yes 'target_groups=returnees youth'
}
answers_cohort_registration good cohort_registration -
C_COH=$cid
like 'cohort_registration opens a cohort case' "$C_COH" '^[0-9A-Z]{4}-[0-9]{4}-[0-9A-Z]$'
like 'a cohort that has started is running' "$last_show" '^status = running$'
answers_exit_evaluation() {
	"$@" track="$C_COH" 'parties=participant employer' \
	    components_passed=yes hired=yes employment_form=fixed \
	    employment_start=2026-06-01 met_needs=fully met_employer=fully \
	    phase_recruitment=well phase_training=well phase_workplace=partly \
	    phase_closing=well certificate=yes
}
answers_exit_evaluation good exit_evaluation "$C_BEN"
answers_exit_evaluation bad exit_evaluation "$C_BEN" parties \
	'an evaluation without the participant or the employer' parties=provider
answers_exit_evaluation bad exit_evaluation "$C_BEN" hired \
	'a value not in the list' hired=maybe
# (not_hired_reason and continued_support go before the valid answers,
# hired=no last.)
answers_exit_evaluation bad exit_evaluation "$C_BEN" continued_support \
	"'none wanted' with other support" hired=no not_hired_reason=no_vacancy \
	'continued_support=job_search none'

# The employer, the provider and the cohort.
answers_cohort_registration bad cohort_registration - hires_expected \
	'more hires than places' hires_expected=20
answers_cohort_registration bad cohort_registration - end_date \
	'an end before the start' end_date=2026-01-01
answers_cohort_registration bad cohort_registration - occupation \
	'an occupation outside the group chosen' occupation=41

# The forms that close a case, last: refused first, so the case stays open.
answers_track_evaluation() {
	"$@" 'evaluated_by=employment_office employer programme' \
	    participants_started=12 participants_completed=11 \
	    participants_hired=8 certificates_issued=11 \
	    'result_summary=Eight of twelve hired by Coastal Steel' \
	    'lessons=More practice at the workplace' new_starts=yes \
	    change_needed=no good_example=yes other_employers=maybe \
	    'other_employers_which=Harbour Works' other_groups=yes \
	    other_groups_which=women not_hired_next=yes
}
answers_track_evaluation bad track_evaluation "$C_COH" participants_hired \
	'more hired than started' participants_hired=13
answers_track_evaluation bad track_evaluation "$C_COH" participants_completed \
	'more completed than started' participants_completed=14
answers_track_evaluation good track_evaluation "$C_COH"
like 'the share hired is worked out' "$last_show" '^hired_share = 67$'

answers_closure() {
	"$@" closure_reason=completed work_status=wage plan_goals=all
}
# (attempts=1 goes before the valid answers, closure_reason last.)
answers_closure bad closure "$C_BEN" attempts \
	'closing for lost contact after one try' closure_reason=lost_contact \
	attempts=1
answers_closure bad closure "$C_BEN" closure_date 'a closing in the future' \
	closure_date=2026-06-16
answers_closure good closure "$C_BEN"
is 'the beneficiary, the cohort and the referral are closed' \
	"$("$ONWARD" cases --closed | cut -f1 | sort)" \
	"$(printf '%s\n' "$C_BEN" "$C_COH" "$C_REF" | sort)"
is 'the employer and the provider are open' \
	"$("$ONWARD" cases --open | cut -f1 | sort)" \
	"$(printf '%s\n' "$C_EMP" "$C_PROV" | sort)"

answers_reopening() {
	"$@" reopen_reason=returned 'remarks=Came back from abroad'
}
answers_reopening bad reopening "$C_BEN" reopen_date 'a reopening in the future' \
	reopen_date=2026-06-16
answers_reopening bad reopening "$C_BEN" reopen_reason 'a reopening without its reason' \
	reopen_reason=
answers_reopening good reopening "$C_BEN"
like 'the beneficiary is open again' "$("$ONWARD" cases --open | cut -f1)" \
	"^$C_BEN\$"

# Every form of the pack was filled.
forms=$("$ONWARD" forms list | cut -f1 | sort)
is 'every form of the pack was tested' \
	"$(printf '%s\n' "$tested" | grep . | sort -u)" "$forms"
done_testing
