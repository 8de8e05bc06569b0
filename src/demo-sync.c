/*
 * demo-sync.c: the conflicts of `onward demo` (demo.h): a temporary second
 * store takes a bundle of everything, both stores change the same answers,
 * and the second store's bundle comes back, through the real export and
 * merge, so a supervisor has concurrent edits to learn on.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo.h"
#include "form.h"
#include "record.h"
#include "store.h"
#include "store-sync.h"
#include "util.h"

/* Sets one answer of record rid and saves it as author. */
static int
demo_edit(struct store *st, const struct form_pack *pack, const char *rid,
    const char *path, const char *value, const char *author)
{
	const struct form	*form;
	struct record_info	 ri;
	struct answers		 a;
	struct diags		 problems = { 0 };
	char			*cause = NULL, *out = NULL;
	int			 rc = -1;

	answers_init(&a);
	if (store_load_record(st, rid, &ri, &a, &cause) == -1) {
		fprintf(stderr, "onward: demo: %s\n", cause);
		free(cause);
		answers_free(&a);
		return -1;
	}
	if ((form = form_pack_find(pack, ri.form)) != NULL) {
		answers_set(&a, path, value);
		if (store_save_record(st, form, rid, ri.case_id, &a, author,
		    &out, NULL, &problems, &cause) == 0)
			rc = 0;
		else if (cause != NULL) {
			fprintf(stderr, "onward: demo: %s\n", cause);
			free(cause);
		} else
			diags_print(&problems);
	}
	diags_free(&problems);
	free(out);
	record_info_free(&ri);
	answers_free(&a);
	return rc;
}

/* The registration record of the n-th newest beneficiary (caller frees),
 * or NULL. */
static char *
demo_registration(struct store *st, size_t nth)
{
	struct case_query	 q = { .type = "beneficiary", .closed = 0,
				   .offset = nth, .limit = 1 };
	struct case_row		*rows = NULL;
	struct record_info	*recs = NULL;
	size_t			 n = 0, nrecs = 0, i;
	char			*cause = NULL, *rid = NULL;

	if (store_cases(st, &q, &rows, &n, NULL, &cause) == -1 || n == 0) {
		free(cause);
		free(rows);
		return NULL;
	}
	if (store_case_records(st, rows[0].id, &recs, &nrecs, &cause) == 0) {
		for (i = 0; i < nrecs && rid == NULL; i++)
			if (strcmp(recs[i].form, "registration") == 0)
				rid = xstrdup(recs[i].id);
		for (i = 0; i < nrecs; i++)
			record_info_free(&recs[i]);
		free(recs);
	} else
		free(cause);
	for (i = 0; i < n; i++)
		case_row_free(&rows[i]);
	free(rows);
	return rid;
}

/*
 * Concurrent edits for a supervisor to settle (F7 in the UI, `onward
 * conflicts`): a second, temporary store takes a bundle of everything,
 * both stores change the phone of the same people, and the peer's bundle
 * comes back.  The sync code is the real one.
 */
int
demo_conflicts(struct demo *d, const char *db_path, size_t n)
{
	struct store		*peer = NULL;
	struct export_result	 ex = { 0 }, ex2 = { 0 };
	struct merge_report	 m = { 0 };
	char			*dir, *peer_path, *b1, *b2, *rid, *cause = NULL;
	char			 phone[32];
	size_t			 i;
	int			 rc = -1;

	dir = xasprintf("%s.demo-XXXXXX", db_path);
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "onward: demo: %s: %s\n", dir,
		    strerror(errno));
		free(dir);
		return -1;
	}
	peer_path = xasprintf("%s/peer.db", dir);
	b1 = xasprintf("%s/all.onward", dir);
	b2 = xasprintf("%s/peer.onward", dir);
	if (store_export(d->st, b1, true, NULL, &ex, &cause) == -1 ||
	    (peer = store_open(peer_path, d->pack, &cause)) == NULL ||
	    store_set_durable(peer, false, &cause) == -1 ||
	    store_merge(peer, b1, NULL, &m, &cause) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rid = demo_registration(d->st, i * 3 + 1)) == NULL)
			break;
		snprintf(phone, sizeof phone, "+234 803 %03d %04d",
		    demo_range(d, 100, 999), demo_range(d, 0, 9999));
		if (demo_edit(d->st, d->pack, rid, "phone", phone,
		    demo_workers[0]) == -1) {
			free(rid);
			goto out;
		}
		snprintf(phone, sizeof phone, "+234 706 %03d %04d",
		    demo_range(d, 100, 999), demo_range(d, 0, 9999));
		if (demo_edit(peer, d->pack, rid, "phone", phone,
		    demo_workers[1]) == -1) {
			free(rid);
			goto out;
		}
		free(rid);
	}
	merge_report_free(&m);
	if (store_export(peer, b2, false, NULL, &ex2, &cause) == -1 ||
	    (ex2.path != NULL &&
	    store_merge(d->st, ex2.path, NULL, &m, &cause) == -1))
		goto out;
	rc = 0;
out:
	if (rc == -1 && cause != NULL) {
		fprintf(stderr, "onward: demo: %s\n", cause);
		free(cause);
	}
	merge_report_free(&m);
	store_close(peer);
	(void)unlink(b1);
	if (ex2.path != NULL)
		(void)unlink(ex2.path);
	(void)unlink(peer_path);
	cause = xasprintf("%s-wal", peer_path);
	(void)unlink(cause);
	free(cause);
	cause = xasprintf("%s-shm", peer_path);
	(void)unlink(cause);
	free(cause);
	(void)rmdir(dir);
	export_result_free(&ex);
	export_result_free(&ex2);
	free(b1);
	free(b2);
	free(peer_path);
	free(dir);
	return rc;
}
