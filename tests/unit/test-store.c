/*
 * test-store.c: the store (store.h) on the pack in tests/data/forms-ok:
 * creating (mode 0600, a device id), saving, editing only what changed,
 * deleting, history, rebuild giving the same dump, drafts across reopen,
 * invalid UTF-8, any text round-tripping, case id check characters,
 * search with and without accents, follow-ups, conflicts from changes
 * that arrive in any order, a read-only store and a full disk.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "form.h"
#include "record.h"
#include "store-int.h"
#include "store.h"
#include "store-sync.h"
#include "store-test.h"
#include "util.h"

static void
count_change(void *arg, const struct change_info *ci)
{
	(void)ci;
	(*(int *)arg)++;
}

static int
nchanges(struct store *st, const char *rid)
{
	int	 n = 0;
	char	*cause;

	if (store_record_history(st, rid, count_change, &n, &cause) == -1) {
		diag("history: %s", cause);
		free(cause);
	}
	return n;
}

/* Saves answers given as "path", "value", ..., NULL; returns the record
 * id (caller frees) or NULL. */
static char *
save(struct store *st, const char *form_id, const char *rid,
    const char *cid, char **out_case, ...)
{
	const struct form	*f = form_pack_find(pack, form_id);
	struct answers		 a;
	struct record_info	 ri;
	struct diags		 d = { 0 };
	va_list			 ap;
	const char		*p, *v;
	char			*out = NULL, *cause = NULL;
	size_t			 i;

	answers_init(&a);
	if (rid != NULL && store_load_record(st, rid, &ri, &a, &cause) == 0)
		record_info_free(&ri);
	va_start(ap, out_case);
	while ((p = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		answers_set(&a, p, v);
	}
	va_end(ap);
	if (store_save_record(st, f, rid, cid, &a, "tester", &out, out_case,
	    &d, &cause) == -1) {
		if (cause != NULL)
			diag("save: %s", cause);
		for (i = 0; i < d.n; i++)
			diag("problem: %s", d.v[i]);
		free(cause);
	}
	diags_free(&d);
	answers_free(&a);
	return out;
}

static void
test_basics(void)
{
	struct store		*st;
	struct record_info	 ri;
	struct answers		 a;
	struct stat		 sb;
	char			*rid, *cid, *path, *cause, dev[33], *d1, *d2;
	int			 n;

	st = open_store("basic.db");
	ok(st != NULL, "a new store opens");
	path = xasprintf("%s/basic.db", dir);
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	    "the file is mode 0600");
	is_int(strlen(store_device(st)), 32, "a 32-digit device id");
	memcpy(dev, store_device(st), 33);
	store_close(st);
	st = open_store("basic.db");
	is_str(store_device(st), dev, "the device id stays on reopen");

	rid = save(st, "registration", NULL, NULL, &cid, "full_name", "Ann",
	    "birth_date", "1990-01-02", "needs", "credit",
	    "credit_amount", "500", NULL);
	ok(rid != NULL && cid != NULL, "a registration saves: %s %s",
	    rid != NULL ? rid : "-", cid != NULL ? cid : "-");
	ok(cid != NULL && store_case_id_valid(cid), "its case id is valid");
	n = nchanges(st, rid);
	/* @record, full_name, birth_date, age, needs, credit_amount,
	 * total_age */
	is_int(n, 7, "one change per answer and one for the record");

	free(save(st, "registration", rid, NULL, NULL, "full_name", "Anna",
	    NULL));
	is_int(nchanges(st, rid), n + 1, "an edit writes only what changed");
	free(save(st, "registration", rid, NULL, NULL, NULL));
	is_int(nchanges(st, rid), n + 1, "an edit changing nothing writes "
	    "nothing");
	free(save(st, "registration", rid, NULL, NULL, "credit_amount", NULL,
	    NULL));
	is_int(nchanges(st, rid), n + 2, "clearing a field is a tombstone");

	answers_init(&a);
	ok(store_load_record(st, rid, &ri, &a, &cause) == 0, "it loads");
	is_str(answers_get(&a, "full_name"), "Anna", "with the new value");
	ok(answers_get(&a, "credit_amount") == NULL, "and without the "
	    "cleared one");
	is_str(ri.case_id, cid, "on its case");
	is_str(ri.author, "tester", "by its author");
	record_info_free(&ri);
	answers_free(&a);

	{
		struct case_row	r;

		answers_init(&a);
		ok(store_case_props(st, cid, &r, &a, &cause) == 0,
		    "the case loads");
		is_str(answers_get(&a, "full_name"), "Anna",
		    "save_to follows the edit");
		is_str(r.name, "Anna", "and names the case");
		case_row_free(&r);
		answers_free(&a);
	}

	ok(store_delete_record(st, rid, "tester", &cause) == -1 &&
	    strstr(cause, "registration is not deleted") != NULL,
	    "a case's registration is not deleted");
	free(cause);
	is_int(nchanges(st, rid), n + 2, "and that writes nothing");
	free(rid);
	rid = save(st, "follow_up_visit", NULL, cid, NULL, "visit_date",
	    "2020-06-19", NULL);
	n = nchanges(st, rid);
	ok(store_delete_record(st, rid, "tester", &cause) == 0, "delete");
	answers_init(&a);
	ok(store_load_record(st, rid, &ri, &a, &cause) == 0 && ri.deleted,
	    "a deleted record is still there, marked deleted");
	record_info_free(&ri);
	answers_free(&a);
	is_int(nchanges(st, rid), n + 1, "deleting is one more change");
	ok(store_delete_record(st, rid, "tester", &cause) == -1 &&
	    strstr(cause, "deleted") != NULL, "deleting twice is refused");
	free(cause);

	d1 = dump_text(st);
	ok(store_rebuild(st, &cause) == 0, "rebuild");
	d2 = dump_text(st);
	ok(d1 != NULL && strlen(d1) > 100 && strcmp(d1, d2) == 0,
	    "rebuild gives the identical dump");
	free(d1);
	free(d2);
	free(rid);
	free(cid);
	free(path);
	store_close(st);
}

static void
test_text(void)
{
	struct store	*st;
	struct answers	 a;
	struct record_info ri;
	struct diags	 d = { 0 };
	const char	*texts[] = {
		"مرحبا بالعالم", "你好，世界", "🙂👍🏽 família", "a\tb\nc\\d"
	};
	char		*big, *rid, *out = NULL, *cause = NULL, *cid = NULL;
	size_t		 i;

	st = open_store("text.db");
	for (i = 0; i < nitems(texts); i++) {
		rid = save(st, "registration", NULL, NULL, &cid, "full_name",
		    texts[i], NULL);
		answers_init(&a);
		ok(rid != NULL && store_load_record(st, rid, &ri, &a,
		    &cause) == 0, "saved %zu", i);
		is_str(answers_get(&a, "full_name"), texts[i],
		    "text %zu round-trips", i);
		if (rid != NULL)
			record_info_free(&ri);
		answers_free(&a);
		free(rid);
		free(cid);
	}
	big = xmalloc(100 * 1024 + 1);
	for (i = 0; i < 100 * 1024; i++)
		big[i] = "abcdefghij"[i % 10];
	big[100 * 1024] = '\0';
	rid = save(st, "registration", NULL, NULL, NULL, "full_name", big,
	    NULL);
	answers_init(&a);
	ok(rid != NULL && store_load_record(st, rid, &ri, &a, &cause) == 0 &&
	    strcmp(answers_get(&a, "full_name"), big) == 0,
	    "a 100 KB value round-trips");
	if (rid != NULL)
		record_info_free(&ri);
	answers_free(&a);
	free(rid);
	free(big);

	answers_init(&a);
	answers_set(&a, "full_name", "bad \xff\xfe text");
	ok(store_save_record(st, form_pack_find(pack, "registration"), NULL,
	    NULL, &a, "tester", &out, NULL, &d, &cause) == -1 && cause == NULL,
	    "invalid UTF-8 is refused");
	ok(d.n == 1 && strstr(d.v[0], "full_name: ") == d.v[0] &&
	    strstr(d.v[0], "UTF-8") != NULL, "naming the field: %s",
	    d.n > 0 ? d.v[0] : "");
	diags_free(&d);
	answers_free(&a);
	store_close(st);
}

static void
test_case_ids(void)
{
	struct store	*st;
	const char	*alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char		*id, *typo;
	size_t		 k, i, j;
	int		 missed = 0, tried = 0, valid = 0;

	st = open_store("ids.db");
	for (k = 0; k < 50; k++) {
		id = store_new_case_id(st);
		if (store_case_id_valid(id))
			valid++;
		typo = xstrdup(id);
		for (i = 0; id[i] != '\0'; i++) {
			if (id[i] == '-')
				continue;
			for (j = 0; alphabet[j] != '\0'; j++) {
				if (alphabet[j] == id[i])
					continue;
				typo[i] = alphabet[j];
				tried++;
				if (store_case_id_valid(typo)) {
					if (missed++ == 0)
						diag("missed %s for %s", typo,
						    id);
				}
			}
			typo[i] = id[i];
		}
		free(typo);
		free(id);
	}
	is_int(valid, 50, "50 new case ids are valid");
	is_int(missed, 0, "every one of %d single-character typos is caught",
	    tried);
	ok(!store_case_id_valid("ABCD-0001"), "a short id is not valid");
	ok(!store_case_id_valid("ABCD-00X1-0"), "nor one with a letter in "
	    "the number");
	store_close(st);
}

/* The ids of cases found by a search, space separated. */
static char *
search(struct store *st, const char *text, bool due)
{
	struct case_query	 q;
	struct case_row		*rows;
	struct buf		 b;
	size_t			 n, i, total;
	char			*cause;

	memset(&q, 0, sizeof q);
	q.search = text;
	q.closed = -1;
	q.due_only = due;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (store_cases(st, &q, &rows, &n, &total, &cause) == -1) {
		diag("cases: %s", cause);
		free(cause);
		return buf_detach(&b);
	}
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%s%s", i > 0 ? " " : "", rows[i].name != NULL ?
		    rows[i].name : rows[i].id);
		case_row_free(&rows[i]);
	}
	free(rows);
	return buf_detach(&b);
}

static void
is_search(struct store *st, const char *text, const char *want)
{
	char	*got = search(st, text, false);

	is_str(got, want, "search '%s'", text);
	free(got);
}

static void
test_search(void)
{
	struct store	*st;
	char		*c1, *c2, *got, *q;

	st = open_store("search.db");
	free(save(st, "registration", NULL, NULL, &c1, "full_name",
	    "Zoë Öberg", NULL));
	free(save(st, "registration", NULL, NULL, &c2, "full_name",
	    "Amadou Traoré", NULL));
	is_search(st, "ober", "Zoë Öberg");
	is_search(st, "OBERG", "Zoë Öberg");
	is_search(st, "öb", "Zoë Öberg");
	is_search(st, "zoe ob", "Zoë Öberg");
	is_search(st, "traore", "Amadou Traoré");
	is_search(st, "Traoré", "Amadou Traoré");
	is_search(st, "amad", "Amadou Traoré");
	is_search(st, "", "Amadou Traoré Zoë Öberg");
	is_search(st, "\"", "Amadou Traoré Zoë Öberg");
	is_search(st, "nobody", "");
	q = xstrndup(c1, 9);
	got = search(st, q, false);
	is_str(got, "Zoë Öberg", "search by the start of the case id");
	free(got);
	free(q);
	free(c1);
	free(c2);
	store_close(st);
}

/*
 * "Ignoring accents" is the same in the case search as in a choice filter
 * (tui-fill.c's tui_fill_choices: str_fold of the label and of the filter,
 * then a substring): every name here is found both ways, including letters
 * FTS5's tokenizer alone does not fold (ø, ł, đ, ß).
 */
static void
test_search_folds_like_the_filter(void)
{
	static const char *const pairs[][2] = {
		{ "Åsa Lindström", "asa lindstrom" },
		{ "Jens Sørensen", "sorensen" },
		{ "Łukasz Wałęsa", "lukasz walesa" },
		{ "Đorđe Straße", "dorde stra" },
		{ "Tomas Olsen", "ølsen" },
	};
	struct store	*st;
	char		*cid, *name, *query;
	size_t		 i;

	st = open_store("fold.db");
	for (i = 0; i < nitems(pairs); i++) {
		free(save(st, "registration", NULL, NULL, &cid, "full_name",
		    pairs[i][0], NULL));
		free(cid);
	}
	for (i = 0; i < nitems(pairs); i++) {
		name = str_fold(pairs[i][0]);
		query = str_fold(pairs[i][1]);
		ok(strstr(name, query) != NULL, "the choice filter finds '%s' "
		    "by '%s'", pairs[i][0], pairs[i][1]);
		free(name);
		free(query);
		is_search(st, pairs[i][1], pairs[i][0]);
	}
	store_close(st);
}

/* The rows of a case's schedule whose state is st. */
static size_t
count_state(struct due_row *v, size_t n, enum visit_state st)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].kind == DUE_VISIT && v[i].state == st;
	return k;
}

static void
free_rows(struct due_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		due_row_free(&v[i]);
	free(v);
}

static void
test_followups(void)
{
	struct store		*st;
	struct due_row		*fu;
	struct due_query	 q;
	char			*cid, *got, *cause;
	size_t			 n;

	st = open_store("fu.db");
	free(save(st, "registration", NULL, NULL, &cid, "full_name", "Kofi",
	    "training_end", "2026-05-01", NULL));
	setenv("ONWARD_TODAY", "2026-05-20", 1);
	got = search(st, NULL, true);
	is_str(got, "", "nothing due before the first visit");
	free(got);
	ok(store_case_schedule(st, cid, &fu, &n, &cause) == 0 && n == 4,
	    "four visits to come");
	if (n == 4) {
		is_str(fu[0].target, "2026-05-31", "the first 30 days after");
		is_str(fu[0].hi, "2026-06-14", "its window 14 days after");
		is_str(fu[3].target, "2027-05-01", "the last 365 days after");
		ok(fu[0].state == VISIT_PLANNED, "planned yet");
	}
	free_rows(fu, n);
	setenv("ONWARD_TODAY", "2026-06-05", 1);
	got = search(st, NULL, true);
	is_str(got, "Kofi", "due after the date");
	free(got);
	memset(&q, 0, sizeof q);
	q.filter = DUE_OVERDUE;
	ok(store_due(st, &q, &fu, &n, &cause) == 0 && n == 1 &&
	    fu[0].state == VISIT_LATE && fu[0].late == 5 &&
	    strcmp(fu[0].name, "Kofi") == 0, "late in its window, 5 days");
	free_rows(fu, n);
	setenv("ONWARD_TODAY", "2026-06-20", 1);
	q.filter = DUE_MISSED;
	ok(store_due(st, &q, &fu, &n, &cause) == 0 && n == 1 &&
	    fu[0].state == VISIT_MISSED, "missed once the window closed");
	free_rows(fu, n);
	/* A visit after the window does not complete it: it is extra. */
	free(save(st, "follow_up_visit", NULL, cid, NULL, "visit_date",
	    "2026-06-19", NULL));
	ok(store_case_schedule(st, cid, &fu, &n, &cause) == 0 && n == 5 &&
	    count_state(fu, n, VISIT_MISSED) == 1 &&
	    count_state(fu, n, VISIT_EXTRA) == 1 &&
	    count_state(fu, n, VISIT_PLANNED) == 3,
	    "a visit after the window is extra; the window stays missed");
	free_rows(fu, n);
	q.filter = DUE_MISSED;
	ok(store_due(st, &q, &fu, &n, &cause) == 0 && n == 1,
	    "and the work list still says missed");
	free_rows(fu, n);
	/* One in the 90-day window completes that one. */
	setenv("ONWARD_TODAY", "2026-08-02", 1);
	free(save(st, "follow_up_visit", NULL, cid, NULL, "visit_date",
	    "2026-08-01", NULL));
	ok(store_case_schedule(st, cid, &fu, &n, &cause) == 0 && n == 5 &&
	    count_state(fu, n, VISIT_DONE) == 1 &&
	    strcmp(fu[2].target, "2026-07-30") == 0 &&
	    fu[2].state == VISIT_DONE, "the 90-day visit is done");
	free_rows(fu, n);
	setenv("ONWARD_TODAY", "2026-06-15", 1);
	free(cid);
	store_close(st);
}

static void
test_drafts(void)
{
	struct store		*st;
	struct draft_info	 di, *list;
	struct answers		 a;
	char			*id, *cause;
	size_t			 n;

	st = open_store("drafts.db");
	ok(store_draft_new(st, "registration", NULL, NULL, &id, &cause) == 0,
	    "a draft");
	store_draft_set(st, id, "full_name", "Half typed", &cause);
	store_draft_set(st, id, "birth_date", "2000-01-01", &cause);
	store_draft_set(st, id, "birth_date", NULL, &cause);
	store_close(st);
	st = open_store("drafts.db");
	answers_init(&a);
	ok(store_draft_load(st, id, &di, &a, &cause) == 0, "it survives "
	    "reopening");
	is_str(answers_get(&a, "full_name"), "Half typed", "field by field");
	ok(answers_get(&a, "birth_date") == NULL, "a cleared field is gone");
	is_str(di.form, "registration", "with its form");
	draft_info_free(&di);
	answers_free(&a);
	store_drafts(st, NULL, &list, &n, &cause);
	is_int(n, 1, "listed");
	draft_info_free(&list[0]);
	free(list);
	{
		char	*d = dump_text(st);

		ok(d != NULL && strstr(d, "Half typed") == NULL,
		    "drafts are not in the dump");
		free(d);
	}
	ok(store_draft_discard(st, id, &cause) == 0, "discarded");
	store_drafts(st, NULL, &list, &n, &cause);
	is_int(n, 0, "and gone");
	free(list);
	free(id);
	store_close(st);
}

/* A change from another device, as a merge would bring it. */
static void
apply(struct store *st, const char *device, int64_t seq, int64_t hlc,
    const char *record, const char *path, const char *value,
    const char *parent)
{
	struct change	 c;
	char		*cause = NULL, *parents[1];

	memset(&c, 0, sizeof c);
	c.device = (char *)device;
	c.seq = seq;
	c.hlc = hlc;
	c.record = (char *)record;
	c.form = (char *)"shop_visit";
	c.form_version = 2;
	c.path = (char *)path;
	c.value = (char *)value;
	c.author = (char *)device;
	if (parent != NULL) {
		parents[0] = (char *)parent;
		c.parents = parents;
		c.nparents = 1;
	}
	if (store_begin(st, &cause) == -1 ||
	    store_apply_change(st, &c, NULL, &cause) == -1 ||
	    store_commit(st, &cause) == -1) {
		diag("apply: %s", cause);
		free(cause);
	}
}

/* Two devices edit one field concurrently; the changes arrive in two
 * different orders (children before parents too) into two stores. */
static void
test_conflicts(void)
{
	struct store	*s1, *s2;
	struct conflict	*cs;
	char		*d1, *d2, *cause;
	size_t		 n, i;

	s1 = open_store("c1.db");
	s2 = open_store("c2.db");
	apply(s1, "aaaa", 1, 100 << 16, "r1", "@record", "1", NULL);
	apply(s1, "aaaa", 2, 100 << 16, "r1", "visits", "1", NULL);
	apply(s1, "bbbb", 1, 200 << 16, "r1", "visits", "2", "aaaa:2");
	apply(s1, "cccc", 1, 150 << 16, "r1", "visits", "3", "aaaa:2");

	apply(s2, "cccc", 1, 150 << 16, "r1", "visits", "3", "aaaa:2");
	apply(s2, "bbbb", 1, 200 << 16, "r1", "visits", "2", "aaaa:2");
	apply(s2, "aaaa", 2, 100 << 16, "r1", "visits", "1", NULL);
	apply(s2, "aaaa", 1, 100 << 16, "r1", "@record", "1", NULL);
	apply(s2, "cccc", 1, 150 << 16, "r1", "visits", "3", "aaaa:2");

	d1 = dump_text(s1);
	d2 = dump_text(s2);
	is_str(d2, d1, "the same changes in another order give the same "
	    "dump");
	ok(strstr(d1, "conflict r1 visits 2") != NULL, "a conflict of two");
	free(d2);
	ok(store_conflicts(s1, &cs, &n, &cause) == 0 && n == 1, "listed");
	if (n == 1) {
		is_str(cs[0].values[0].value, "2", "winner first (highest "
		    "hlc)");
		is_str(cs[0].id, "r1/visits", "its id");
		ok(store_resolve_conflict(s1, cs[0].id, "5", "sup",
		    &cause) == 0, "resolved");
	}
	for (i = 0; i < n; i++)
		conflict_free(&cs[i]);
	free(cs);
	ok(store_conflicts(s1, &cs, &n, &cause) == 0 && n == 0,
	    "no conflict left");
	free(cs);
	free(d1);
	d1 = dump_text(s1);
	ok(strstr(d1, "visits = 5") != NULL, "the chosen value shows");
	free(d1);
	store_close(s1);
	store_close(s2);
}

/* A read-only store: run as another user when root (root ignores file
 * modes).  Returns a bitmask of failed checks, 0 when all passed. */
static int
readonly_child(const char *path, const char *rid)
{
	struct store		*st;
	struct record_info	 ri;
	struct answers		 a;
	char			*cause = NULL, *out = NULL;
	struct diags		 d = { 0 };
	int			 bad = 0;

	st = store_open(path, pack, &cause);
	if (st == NULL) {
		printf("# open read-only: %s\n", cause);
		fflush(stdout);
		return 1;
	}
	answers_init(&a);
	if (store_load_record(st, rid, &ri, &a, &cause) != 0 ||
	    answers_get(&a, "full_name") == NULL)
		bad |= 2;
	else
		record_info_free(&ri);
	if (store_save_record(st, form_pack_find(pack, "registration"), NULL,
	    NULL, &a, "x", &out, NULL, &d, &cause) == 0)
		bad |= 4;
	else if (cause == NULL || strstr(cause, "read-only") == NULL)
		bad |= 8;
	else
		printf("# %s\n", cause);
	fflush(stdout);
	answers_free(&a);
	store_close(st);
	return bad;
}

/* A device whose clock runs ten days ahead is named in the merge report;
 * its changes are kept like any others. */
/* When and by whom a record was made and last changed, as b sees it. */
static void
record_times(struct store *st, const char *rid, char **created,
    char **updated)
{
	struct record_info	 ri;
	struct answers		 a;
	char			*cause = NULL;

	answers_init(&a);
	*created = *updated = NULL;
	if (store_load_record(st, rid, &ri, &a, &cause) == -1) {
		diag("load: %s", cause);
		free(cause);
	} else {
		*created = xstrdup(ri.created);
		*updated = xstrdup(ri.updated);
		record_info_free(&ri);
	}
	answers_free(&a);
}

/*
 * b has merged a record from a, whose clock is ten days ahead: b's own
 * clock stays at this computer's time, so b's new records are dated
 * today; yet b's edit of a's record sorts after a's changes to it (it was
 * made later), so the record keeps its creation time.
 */
static void
clock_stays(struct store *a, struct store *b, const char *rid,
    const char *cid)
{
	char		*h, *created, *updated, *c2, *u2, *rid2, *cid2 = NULL;
	char		 today[16];
	time_t		 now = time(NULL);
	struct tm	 tm;

	(void)a;
	h = store_meta_get(b, "hlc");
	ok(h != NULL && (strtoll(h, NULL, 10) >> 16) <
	    ((int64_t)now + 86400) * 1000,
	    "the merging store's clock is not pushed ten days ahead");
	free(h);
	record_times(b, rid, &created, &updated);
	free(save(b, "registration", rid, cid, NULL, "full_name", "Tac",
	    NULL));
	record_times(b, rid, &c2, &u2);
	ok(created != NULL && c2 != NULL && strcmp(created, c2) == 0,
	    "an edit there keeps the record's creation time (%s)",
	    c2 != NULL ? c2 : "none");
	ok(u2 != NULL && created != NULL && strcmp(u2, created) >= 0,
	    "and is its latest change (%s)", u2 != NULL ? u2 : "none");
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	rid2 = save(b, "registration", NULL, NULL, &cid2, "full_name", "Tuc",
	    "training_end", "2026-05-01", NULL);
	free(c2);
	free(u2);
	record_times(b, rid2 != NULL ? rid2 : "", &c2, &u2);
	ok(c2 != NULL && strncmp(c2, today, 10) == 0,
	    "a new record there is dated today (%s)", c2 != NULL ? c2 : "none");
	free(created);
	free(updated);
	free(c2);
	free(u2);
	free(rid2);
	free(cid2);
}

static void
test_clock(void)
{
	struct store		*a, *b, *c;
	struct export_result	 ex;
	struct merge_report	 m;
	char			*rid, *cid = NULL, *bundle, *ahead, *cause = NULL;

	a = open_store("clock-a.db");
	b = open_store("clock-b.db");
	c = open_store("clock-c.db");
	ahead = xasprintf("%lld", (long long)((((int64_t)time(NULL) +
	    10 * 86400) * 1000) << 16));
	ok(store_meta_set(a, "hlc", ahead, &cause) == 0,
	    "a store's clock set ten days ahead");
	rid = save(a, "registration", NULL, NULL, &cid, "full_name", "Tic",
	    "training_end", "2026-05-01", NULL);
	ok(rid != NULL, "it saves a record");
	bundle = xasprintf("%s/clock.onward", dir);
	ok(store_export(a, bundle, true, NULL, &ex, &cause) == 0,
	    "and exports it");
	export_result_free(&ex);
	ok(store_merge(b, bundle, NULL, &m, &cause) == 0, "another merges it");
	ok(m.nclocks == 1 && strstr(m.clocks[0], "days ahead") != NULL &&
	    strncmp(m.clocks[0] + 7, store_device(a), 8) == 0,
	    "the report names the device whose clock is ahead: %s",
	    m.nclocks > 0 ? m.clocks[0] : "(nothing)");
	ok(m.added > 0, "and keeps its changes");
	merge_report_free(&m);
	free(bundle);
	clock_stays(a, b, rid, cid);
	free(rid);
	free(cid);
	rid = save(c, "registration", NULL, NULL, &cid, "full_name", "Toc",
	    "training_end", "2026-05-01", NULL);
	bundle = xasprintf("%s/clock-c.onward", dir);
	ok(store_export(c, bundle, true, NULL, &ex, &cause) == 0 &&
	    store_merge(b, bundle, NULL, &m, &cause) == 0,
	    "a store with a right clock merges");
	ok(m.nclocks == 0, "with nothing said about clocks");
	export_result_free(&ex);
	merge_report_free(&m);
	free(bundle);
	free(rid);
	free(cid);
	free(ahead);
	store_close(a);
	store_close(b);
	store_close(c);
}

static void
test_readonly(void)
{
	struct store	*st;
	char		*rid, *path, *d1, *d2;
	pid_t		 pid;
	int		 status;

	st = open_store("ro.db");
	rid = save(st, "registration", NULL, NULL, NULL, "full_name", "Ro",
	    NULL);
	d1 = dump_text(st);
	store_close(st);
	path = xasprintf("%s/ro.db", dir);
	chmod(path, 0444);
	chmod(dir, 0555);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (geteuid() == 0 && (setgid(65534) == -1 ||
		    setuid(65534) == -1))
			_exit(64);
		status = readonly_child(path, rid);
		/* Free what the parent owns, for valgrind in the child. */
		free(rid);
		free(path);
		free(d1);
		_exit(status);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : 99, 0,
	    "a read-only store reads, and refuses a save saying so");
	chmod(dir, 0700);
	chmod(path, 0600);
	st = open_store("ro.db");
	d2 = dump_text(st);
	is_str(d2, d1, "and loses nothing");
	free(d1);
	free(d2);
	free(rid);
	free(path);
	store_close(st);
}

static void
test_full(void)
{
	struct store	*st;
	char		*big, *rid, *cause = NULL, *d1, *d2, *out = NULL;
	struct answers	 a;
	struct diags	 d = { 0 };
	int		 i, rc = 0;
	size_t		 k;

	st = open_store("full.db");
	rid = save(st, "registration", NULL, NULL, NULL, "full_name",
	    "Kept", NULL);
	d1 = dump_text(st);
	store_exec(st, "PRAGMA max_page_count = 80", &cause);
	big = xmalloc(64 * 1024 + 1);
	for (k = 0; k < 64 * 1024; k++)
		big[k] = (char)('a' + k % 26);
	big[64 * 1024] = '\0';
	answers_init(&a);
	answers_set(&a, "full_name", big);
	for (i = 0; i < 50 && rc == 0; i++) {
		rc = store_save_record(st, form_pack_find(pack,
		    "registration"), NULL, NULL, &a, "x", &out, NULL, &d,
		    &cause);
		free(out);
		out = NULL;
	}
	ok(rc == -1 && cause != NULL && strstr(cause, "disk is full") != NULL,
	    "a full disk gives a clear message: %s",
	    cause != NULL ? cause : "(none)");
	free(cause);
	answers_free(&a);
	store_close(st);
	st = open_store("full.db");
	d2 = dump_text(st);
	ok(d2 != NULL && strstr(d2, "full_name = Kept") != NULL,
	    "what was saved before is still there");
	free(d1);
	free(d2);
	free(big);
	free(rid);
	diags_free(&d);
	store_close(st);
}

int
main(void)
{
	int	rc;

	if (store_test_begin("store") == -1)
		return done_testing();
	chmod(dir, 0755);
	test_basics();
	test_text();
	test_case_ids();
	test_search();
	test_search_folds_like_the_filter();
	test_followups();
	test_drafts();
	test_conflicts();
	test_clock();
	test_readonly();
	test_full();
	rc = done_testing();
	store_test_end();
	return rc;
}
