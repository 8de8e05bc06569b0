/*
 * test-erase.c: erasure in the store (store-erase.c) on the pack in
 * tests/data/forms-ok, small enough to run under valgrind
 * (tests/cli/store-valgrind.sh): an erased case keeps no value in the
 * dump, the log, the search or its drafts; a store that had the case and
 * writes to it late merges the erasure and loses those values too; both
 * print the same dump, and so does a rebuild; what is refused writes
 * nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "form.h"
#include "record.h"
#include "store.h"
#include "store-sync.h"
#include "store-test.h"
#include "util.h"

/* Saves answers given as "path", "value", ..., NULL; the record id
 * (caller frees) or NULL. */
static char *
save(struct store *st, const char *form_id, const char *cid, char **out_case,
    ...)
{
	struct answers	 a;
	struct diags	 d = { 0 };
	va_list		 ap;
	const char	*p;
	char		*out = NULL, *cause = NULL;

	answers_init(&a);
	va_start(ap, out_case);
	while ((p = va_arg(ap, const char *)) != NULL)
		answers_set(&a, p, va_arg(ap, const char *));
	va_end(ap);
	if (store_save_record(st, form_pack_find(pack, form_id), NULL, cid,
	    &a, "tester", &out, out_case, &d, &cause) == -1) {
		diag("save: %s", cause != NULL ? cause : d.n > 0 ? d.v[0] :
		    "?");
		free(cause);
	}
	diags_free(&d);
	answers_free(&a);
	return out;
}

/* Exports everything of from and merges it into to: 0 or -1. */
static int
sync_all(struct store *from, struct store *to)
{
	struct export_result	 ex;
	struct merge_report	 m;
	char			*bundle, *cause = NULL;
	int			 rc = -1;

	memset(&ex, 0, sizeof ex);
	bundle = xasprintf("%s/x.onward", dir);
	unlink(bundle);
	if (store_export(from, bundle, true, NULL, &ex, &cause) == 0 &&
	    store_merge(to, bundle, NULL, &m, &cause) == 0) {
		merge_report_free(&m);
		rc = 0;
	} else {
		diag("sync: %s", cause);
		free(cause);
	}
	export_result_free(&ex);
	free(bundle);
	return rc;
}

/* Whether the file at dir/name holds text. */
static int
file_has(const char *name, const char *text)
{
	char	*cmd;
	int	 rc;

	cmd = xasprintf("grep -a -q '%s' '%s/%s'", text, dir, name);
	rc = system(cmd);
	free(cmd);
	return rc == 0;
}

static void
test_erase(void)
{
	struct store		*a, *b;
	struct case_query	 q;
	struct case_row		*rows;
	struct draft_info	*drafts;
	char			*rid, *cid, *cause = NULL, *d1, *d2, *draft;
	char			*ids[1];
	size_t			 n;

	a = open_store("a.db");
	b = open_store("b.db");
	if (a == NULL || b == NULL)
		return;
	rid = save(a, "registration", NULL, &cid, "full_name", "Zorba",
	    NULL);
	ok(rid != NULL && cid != NULL, "a registration opens a case");
	if (cid == NULL)
		return;
	d1 = save(a, "follow_up_visit", cid, NULL, "visit_date",
	    "2026-06-10", "situation", "wage", NULL);
	ok(d1 != NULL, "a visit of the case");
	free(d1);
	ok(store_draft_new(a, "follow_up_visit", cid, NULL, &draft,
	    &cause) == 0 && store_draft_set(a, draft, "employer",
	    "Zanzibar", &cause) == 0, "a draft of the case");
	free(draft);
	ok(sync_all(a, b) == 0, "b has the case");
	d1 = save(b, "follow_up_visit", cid, NULL, "visit_date",
	    "2026-06-11", "situation", "wage", "employer", "Zimmer", NULL);
	ok(d1 != NULL, "b adds a visit, not knowing of the erasure");
	free(d1);

	ids[0] = "NOPE-0001-X";
	d1 = dump_text(a);
	ok(store_erase_cases(a, ids, 1, "asked", "sup", &cause) == -1 &&
	    cause != NULL && strstr(cause, "no case") != NULL,
	    "an unknown case is refused");
	free(cause);
	cause = NULL;
	ids[0] = cid;
	ok(store_erase_cases(a, ids, 1, "", "sup", &cause) == -1,
	    "no reason is refused");
	free(cause);
	cause = NULL;
	d2 = dump_text(a);
	is_str(d2, d1, "and nothing is written");
	free(d1);
	free(d2);

	ok(store_erase_cases(a, ids, 1, "asked", "sup", &cause) == 0,
	    "the case is erased");
	ok(store_case_erased(a, cid, &cause) == 1, "it says so");
	ok(store_erase_cases(a, ids, 1, "again", "sup", &cause) == -1 &&
	    cause != NULL && strstr(cause, "already") != NULL,
	    "not twice");
	free(cause);
	cause = NULL;
	d1 = dump_text(a);
	ok(d1 != NULL && strstr(d1, "Zorba") == NULL &&
	    strstr(d1, "= asked\tby sup") != NULL,
	    "the dump shows the erasure and no value");
	memset(&q, 0, sizeof q);
	q.search = "Zorba";
	q.closed = -1;
	ok(store_cases(a, &q, &rows, &n, NULL, &cause) == 0 && n == 0,
	    "searching the name finds nothing");
	while (n > 0)
		case_row_free(&rows[--n]);
	free(rows);
	ok(store_drafts(a, cid, &drafts, &n, &cause) == 0 && n == 0,
	    "its drafts are gone");
	while (n > 0)
		draft_info_free(&drafts[--n]);
	free(drafts);

	ok(sync_all(b, a) == 0 && sync_all(a, b) == 0,
	    "the late visit and the erasure cross");
	free(d1);
	d1 = dump_text(a);
	d2 = dump_text(b);
	is_str(d2, d1, "both print the same dump");
	ok(d2 != NULL && strstr(d2, "Zimmer") == NULL && strstr(d2,
	    "Zorba") == NULL, "with no value, not even the late one");
	free(d2);
	ok(store_rebuild(b, &cause) == 0, "b rebuilds");
	d2 = dump_text(b);
	is_str(d2, d1, "and prints the same dump");
	free(d1);
	free(d2);
	store_close(a);
	store_close(b);
	ok(!file_has("a.db", "Zorba") && !file_has("b.db", "Zorba") &&
	    !file_has("b.db", "Zimmer") && !file_has("a.db", "Zanzibar"),
	    "no store file holds an erased value");
	free(rid);
	free(cid);
}

int
main(void)
{
	int	rc;

	if (store_test_begin("erase") == -1)
		return done_testing();
	test_erase();
	rc = done_testing();
	store_test_end();
	return rc;
}
