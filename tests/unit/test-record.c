/*
 * test-record.c: answers and the form logic over them (record.h) on the
 * packs in tests/data/forms-ok and tests/data/forms-store: relevance with
 * groups and repeats, reading a field of the same instance, calculations
 * with count() and sum(), defaults, constraints only on answers, required
 * only when relevant, type checks, choice filters, pruning, and CLI paths.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "form.h"
#include "record.h"
#include "util.h"

static struct form_pack *
load(const char *top, const char *name)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	char			*dir, *data;
	size_t			 i;

	dir = xasprintf("%s/tests/data/%s", top, name);
	data = xasprintf("%s/tests/data/data-ok", top);
	pack = form_pack_load(dir, data, &d);
	for (i = 0; i < d.n; i++)
		diag("%s", d.v[i]);
	diags_free(&d);
	free(dir);
	free(data);
	return pack;
}

/* The problems of a record, joined by "; ". */
static char *
problems(const struct form *f, const struct answers *a)
{
	struct diags	d = { 0 };
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_add(&b, "", 0);
	record_check(f, a, &d);
	for (i = 0; i < d.n; i++)
		buf_addf(&b, "%s%s", i > 0 ? "; " : "", d.v[i]);
	diags_free(&d);
	return buf_detach(&b);
}

static void
test_answers(void)
{
	struct answers	a, b;

	answers_init(&a);
	answers_set(&a, "b", "2");
	answers_set(&a, "a", "1");
	answers_set(&a, "c", "3");
	answers_set(&a, "b", "two");
	is_int(a.n, 3, "three answers");
	is_str(a.v[0].path, "a", "kept sorted");
	is_str(answers_get(&a, "b"), "two", "set replaces");
	answers_set(&a, "a", NULL);
	ok(answers_get(&a, "a") == NULL, "NULL removes");
	answers_set(&a, "nosuch", NULL);
	is_int(a.n, 2, "removing a missing path does nothing");
	answers_copy(&b, &a);
	answers_set(&a, "c", "x");
	is_str(answers_get(&b, "c"), "3", "a copy is deep");
	answers_free(&a);
	answers_free(&b);
}

static void
test_registration(const struct form_pack *pack)
{
	const struct form	*f = form_pack_find(pack, "registration");
	struct answers		 a;
	char			*p, *cause;

	answers_init(&a);
	answers_set(&a, "full_name", "Ann");
	ok(!record_relevant(f, &a, form_find_field(f, "credit_amount"), ""),
	    "credit_amount is not relevant without credit");
	answers_set(&a, "needs", "training credit");
	ok(record_relevant(f, &a, form_find_field(f, "credit_amount"), ""),
	    "credit_amount is relevant when credit is selected");
	answers_set(&a, "credit_amount", "-5");
	p = problems(f, &a);
	is_str(p, "credit_amount: the answer is not allowed",
	    "a constraint without a message gets the default one");
	free(p);
	answers_set(&a, "needs", "training");
	record_prune(f, &a);
	ok(answers_get(&a, "credit_amount") == NULL,
	    "prune removes the answer that is no longer relevant");
	answers_set(&a, "nosuch", "x");
	answers_set(&a, "adult_note", "x");
	record_prune(f, &a);
	ok(answers_get(&a, "nosuch") == NULL, "prune removes unknown paths");
	ok(answers_get(&a, "adult_note") == NULL, "and answers to notes");

	answers_set(&a, "full_name", NULL);
	p = problems(f, &a);
	is_str(p, "full_name: Every beneficiary has a name",
	    "required uses the form's own message");
	free(p);
	answers_set(&a, "full_name", "Ann");
	answers_set(&a, "birth_date", "1990-02-30");
	p = problems(f, &a);

	ok(strstr(p, "birth_date: ") == p, "a bad date is refused: %s", p);
	free(p);
	answers_set(&a, "birth_date", "2000-01-01");
	answers_set(&a, "needs", "training bogus");
	p = problems(f, &a);
	ok(strstr(p, "needs: ") == p && strstr(p, "bogus") != NULL,
	    "every value of a select_multiple is checked: %s", p);
	free(p);
	answers_set(&a, "needs", "training");

	/* Repeats: positions, instances, sum(). */
	p = record_resolve_path(f, &a, "members[1].member_age", "abcdef1234",
	    &cause);
	ok(p != NULL && str_startswith(p, "members[abcdef1]."),
	    "position 1 of an empty repeat adds an instance: %s",
	    p != NULL ? p : cause);
	answers_set(&a, p, "30");
	free(p);
	p = record_resolve_path(f, &a, "members[2].member_age", "abcdef1234",
	    &cause);
	ok(p != NULL && strcmp(p, "members[abcdef2].member_age") == 0,
	    "one past the end adds the next");
	answers_set(&a, p, "12");
	free(p);
	p = record_resolve_path(f, &a, "members[1].member_age", "zz", &cause);
	is_str(p, "members[abcdef1].member_age", "position 1 is the first");
	free(p);
	p = record_resolve_path(f, &a, "members[4].member_age", "zz", &cause);
	ok(p == NULL && strstr(cause, "has no entry 4") != NULL,
	    "a position further on is refused: %s", cause);
	free(cause);
	p = record_resolve_path(f, &a, "member_age", "zz", &cause);
	ok(p == NULL && strstr(cause, "members[N].member_age") != NULL,
	    "a repeat field without a position says how: %s", cause);
	free(cause);
	p = record_resolve_path(f, &a, "nosuch", "zz", &cause);
	ok(p == NULL && strstr(cause, "'nosuch'") != NULL,
	    "an unknown field is named: %s", cause);
	free(cause);
	record_calculate(f, &a);
	is_str(answers_get(&a, "total_age"), "42", "sum() over instances");

	/* members has count: ${household_size}. */
	{
		const struct field	*mf = form_find_field(f, "members");
		char			**ids;
		size_t			  n;

		ok(!record_size_repeats(f, &a, "abcdef"),
		    "no household_size: the entries stay");
		answers_set(&a, "household_size", "4");
		ok(record_size_repeats(f, &a, "abcdef"), "a count adds");
		n = record_instances(&a, mf, "", &ids);
		is_int(n, 4, "up to the count");
		is_str(ids[0], "abcdef1", "keeping the first ones");
		record_free_ids(ids, n);
		answers_set(&a, "household_size", "1");
		record_size_repeats(f, &a, "abcdef");
		n = record_instances(&a, mf, "", &ids);
		is_int(n, 1, "and removes from the end");
		record_free_ids(ids, n);
		ok(answers_get(&a, "members[abcdef2].member_age") == NULL,
		    "with their answers");
		answers_set(&a, "household_size", "100000");
		record_size_repeats(f, &a, "abcdef");
		n = record_instances(&a, mf, "", &ids);
		is_int(n, RECORD_MAX_INSTANCES, "a huge count is capped");
		record_free_ids(ids, n);
		answers_set(&a, "household_size", "2");
		record_size_repeats(f, &a, "abcdef");
		answers_set(&a, "members[abcdef2].member_age", "12");
		record_calculate(f, &a);
		is_str(answers_get(&a, "total_age"), "42", "sum() after sizing");
	}
	is_str(answers_get(&a, "age"), "26", "a calculation from a date");
	answers_free(&a);
}

static void
test_follow_up(const struct form_pack *pack)
{
	const struct form	*f = form_pack_find(pack, "follow_up_visit");
	const struct field	*hh = form_find_field(f, "household");
	struct answers		 a;
	char			*p, *iid, **ids;
	size_t			 n;

	answers_init(&a);
	record_apply_defaults(f, &a);
	ok(answers_get(&a, "visit_date") != NULL, "default today()");
	answers_set(&a, "visit_date", "2999-01-01");
	p = problems(f, &a);
	is_str(p, "visit_date: The visit cannot be in the future",
	    "the constraint's own message");
	free(p);
	answers_set(&a, "visit_date", "2020-01-01");
	answers_set(&a, "situation", "none");
	ok(!record_relevant(f, &a, form_find_field(f, "monthly_income"), ""),
	    "a field in a non-relevant group is not relevant");
	answers_set(&a, "situation", "wage");
	ok(record_relevant(f, &a, form_find_field(f, "monthly_income"), ""),
	    "and relevant when the group is");

	iid = record_add_instance(&a, hh, "", "dev");
	p = problems(f, &a);
	ok(strstr(p, "].member_name: an answer is required") != NULL,
	    "required inside an instance: %s", p);
	free(p);
	free(iid);
	iid = record_add_instance(&a, hh, "", "dev");
	n = record_instances(&a, hh, "", &ids);
	is_int(n, 2, "two instances");
	is_str(ids[1], iid, "the new one is last");
	record_free_ids(ids, n);
	record_remove_instance(&a, hh, "", iid);
	n = record_instances(&a, hh, "", &ids);
	is_int(n, 1, "one left after removing");
	record_free_ids(ids, n);
	free(iid);
	answers_free(&a);
}

static void
test_instance_scope(const struct form_pack *pack)
{
	const struct form	*f = form_pack_find(pack, "hh");
	const struct field	*m = form_find_field(f, "member");
	const struct field	*school = form_find_field(f, "school");
	struct answers		 a;
	char			*i1, *i2, *pre1, *pre2, *path, *p;

	answers_init(&a);
	answers_set(&a, "village", "Kpalimé");
	i1 = record_add_instance(&a, m, "", "d1");
	i2 = record_add_instance(&a, m, "", "d1");
	pre1 = xasprintf("member[%s].", i1);
	pre2 = xasprintf("member[%s].", i2);
	path = xasprintf("%sage", pre1);
	answers_set(&a, path, "12");
	free(path);
	path = xasprintf("%sage", pre2);
	answers_set(&a, path, "40");
	free(path);
	path = xasprintf("%smname", pre1);
	answers_set(&a, path, "Ama");
	free(path);
	ok(record_relevant(f, &a, school, pre1),
	    "${age} in instance 1 reads instance 1's age");
	ok(!record_relevant(f, &a, school, pre2),
	    "and in instance 2 reads instance 2's");
	record_calculate(f, &a);
	is_str(answers_get(&a, "n"), "2", "count() of a repeat");
	is_str(answers_get(&a, "total"), "52", "sum() across instances");
	path = xasprintf("%stag", pre1);
	is_str(answers_get(&a, path), "Ama@Kpalimé",
	    "a calculation in an instance reads its own and top-level fields");
	free(path);
	path = xasprintf("%sage", pre2);
	answers_set(&a, path, "200");
	free(path);
	p = problems(f, &a);
	ok(strstr(p, "].age: Age out of range") != NULL &&
	    strstr(p, "].mname: an answer is required") != NULL,
	    "problems name the instance path: %s", p);
	free(p);
	path = xasprintf("%sschool", pre2);
	answers_set(&a, path, "X");
	record_prune(f, &a);
	ok(answers_get(&a, path) == NULL,
	    "prune removes a non-relevant answer in one instance only");
	free(path);
	record_remove_instance(&a, m, "", i1);
	path = xasprintf("%smname", pre1);
	ok(answers_get(&a, path) == NULL, "removing drops its answers");
	free(path);
	free(i1);
	free(i2);
	free(pre1);
	free(pre2);
	answers_free(&a);
}

static void
test_choice_filter(const struct form_pack *pack)
{
	const struct form	*f = form_pack_find(pack, "follow_up_visit");
	const struct field	*occ = form_find_field(f, "occupation");
	const struct field	*sit = form_find_field(f, "situation");
	struct answers		 a;
	char			*p;
	size_t			 i, n;

	answers_init(&a);
	answers_set(&a, "visit_date", "2020-01-01");
	answers_set(&a, "occupation_major", "7");
	for (i = 0, n = 0; i < occ->choices->n; i++) {
		if (record_choice_ok(f, &a, occ, "", &occ->choices->v[i]))
			n++;
	}
	is_int(n, 2, "major = ${occupation_major} offers the two of group 7");
	ok(record_choice_ok(f, &a, occ, "",
	    field_find_choice(occ, "7212")), "7212 is one of them");
	ok(!record_choice_ok(f, &a, occ, "",
	    field_find_choice(occ, "2211")), "2211 is not");
	ok(record_choice_ok(f, &a, sit, "", field_find_choice(sit, "wage")),
	    "a list without a filter offers every choice");
	answers_set(&a, "occupation", "7213");
	p = problems(f, &a);
	is_str(p, "", "an occupation of the chosen group is accepted");
	free(p);
	answers_set(&a, "occupation", "2211");
	p = problems(f, &a);
	is_str(p, "occupation: '2211' is not one of the choices the other "
	    "answers allow", "one outside it is refused, naming the field");
	free(p);
	answers_set(&a, "occupation_major", NULL);
	p = problems(f, &a);
	ok(strncmp(p, "occupation: ", 12) == 0,
	    "and so is any when no group is chosen: %s", p);
	free(p);
	answers_free(&a);
}

int
main(void)
{
	struct form_pack	*ok_pack, *store_pack;
	const char		*top;

	if ((top = getenv("top_srcdir")) == NULL)
		top = "..";
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	test_answers();
	ok_pack = load(top, "forms-ok");
	store_pack = load(top, "forms-store");
	ok(ok_pack != NULL && store_pack != NULL, "the packs load");
	if (ok_pack != NULL) {
		test_registration(ok_pack);
		test_follow_up(ok_pack);
		test_choice_filter(ok_pack);
	}
	if (store_pack != NULL)
		test_instance_scope(store_pack);
	form_pack_free(ok_pack);
	form_pack_free(store_pack);
	return done_testing();
}
