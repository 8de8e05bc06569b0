/*
 * store-record.c: saving and deleting records.  A save writes one change
 * per field whose value changed, with the field's current heads as
 * parents; the record's existence is the field "@record"; the case it
 * opens, updates or closes gets changes of its own (record = the case
 * id): "@case" (its type), "@closed", and one per save_to property.
 *
 * store_field_value gives the winner a save compares against.  Reading a
 * record and its history is in store-record-load.c, drafts in
 * store-record-draft.c.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-guard.h"
#include "store-int.h"
#include "util.h"

/* Changes being built for one save. */
struct store_batch {
	struct change	*v;
	size_t		 n;
};

/* Checks a worker's name for a change's author; see store-int.h. */
int
store_check_author(const char *author, char **cause)
{
	if (author == NULL || *author == '\0' ||
	    !utf8_valid(author, strlen(author))) {
		*cause = xstrdup(_("the worker's name is empty or not valid "
		    "UTF-8"));
		return -1;
	}
	return 0;
}

/* The ids of the heads of (record, path) (see store-int.h). */
int
store_heads(struct store *st, const char *record, const char *path,
    char ***out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*out = NULL;
	*n = 0;
	s = store_stmt(st, "SELECT c.device, c.seq FROM change c WHERE "
	    STORE_HEADS);
	store_bind(s, 1, record);
	store_bind(s, 2, path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = store_change_id(
		    (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* The winner of (record, path): 1 with *value (NULL for a tombstone), 0
 * when the field has no change, -1 on error. */
static int
store_winner(struct store *st, const char *record, const char *path,
    char **value, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*value = NULL;
	s = store_stmt(st, "SELECT value FROM field WHERE record = ? AND "
	    "path = ?");
	store_bind(s, 1, record);
	store_bind(s, 2, path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_col(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return rc == SQLITE_ROW;
}

int
store_field_value(struct store *st, const char *record, const char *path,
    char **value, char **cause)
{
	return store_winner(st, record, path, value, cause);
}

/* Adds a change replacing the current heads of (record, path). */
static int
store_batch_add(struct store *st, struct store_batch *b, const char *record,
    const char *path, const char *value, char **cause)
{
	struct change	*c;

	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	c = &b->v[b->n++];
	memset(c, 0, sizeof *c);
	c->record = xstrdup(record);
	c->path = xstrdup(path);
	c->value = value != NULL ? xstrdup(value) : NULL;
	return store_heads(st, record, path, &c->parents, &c->nparents, cause);
}

/* Frees the changes of a batch. */
static void
store_batch_free(struct store_batch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		change_free(&b->v[i]);
	free(b->v);
}

/* Stamps and applies every change of the batch. */
static int
store_batch_apply(struct store *st, struct store_batch *b,
    const struct form *form, const char *case_id, const char *author,
    char **cause)
{
	struct change	 *c;
	const char	**ids;
	int64_t		  hlc;
	size_t		  i;

	/* The records the batch writes: the record and its case. */
	ids = xreallocarray(NULL, b->n + 1, sizeof *ids);
	for (i = 0; i < b->n; i++)
		ids[i] = b->v[i].record;
	hlc = store_hlc_for(st, ids, b->n, cause);
	free(ids);
	if (hlc == -1)
		return -1;
	if (st->seq > STORE_MAX_SEQ - (int64_t)b->n || hlc > STORE_MAX_HLC) {
		*cause = xasprintf(_("store '%s': its change numbers or clock "
		    "are at their limit; nothing saved"), st->path);
		return -1;
	}
	for (i = 0; i < b->n; i++) {
		c = &b->v[i];
		c->device = xstrdup(st->device);
		c->seq = ++st->seq;
		c->hlc = hlc;
		c->form = xstrdup(form->id);
		c->form_version = form->version;
		c->case_id = case_id != NULL ? xstrdup(case_id) : NULL;
		c->author = xstrdup(author);
		if (store_apply_change(st, c, NULL, cause) == -1)
			return -1;
	}
	return 0;
}

/* The case's type, whether it is closed; 0 when it exists, -1 (with
 * *cause) when not. */
static int
store_case_state(struct store *st, const char *case_id, char **type,
    bool *closed, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*type = NULL;
	*closed = false;
	s = store_stmt(st, "SELECT type, closed FROM kase WHERE id = ?");
	store_bind(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*type = store_col(s, 0);
		*closed = sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	*cause = xasprintf(_("no case '%s'"), case_id);
	return -1;
}

/* Whether a new record of form may be made on a case closed or not: a
 * reopening form needs a closed case, any other one an open case unless
 * it says `on_closed: true`.  0, or -1 with *cause. */
static int
store_case_open_for(const struct form *form, const char *case_id,
    bool closed, char **cause)
{
	if (form->case_action == CASE_REOPEN && !closed)
		*cause = xasprintf(_("case '%s' is not closed: there is "
		    "nothing to reopen"), case_id);
	else if (form->case_action != CASE_REOPEN && closed &&
	    !form->on_closed)
		*cause = xasprintf(_("case '%s' is closed: form '%s' is "
		    "not used on closed cases (reopen the case first)"),
		    case_id, form->id);
	else
		return 0;
	return -1;
}

/* The changes a save makes to its case: type, parent (a child case's:
 * parent), save_to properties (of the questions that apply), close. */
static int
store_case_changes(struct store *st, struct store_batch *b,
    const struct form *form, const char *cid, const char *parent,
    const struct answers *a, bool new_record, size_t nfield_changes,
    char **cause)
{
	const struct field	*f;
	const char		*v;
	char			*old;
	size_t			 i, k;
	int			 rc;
	bool			 changed;

	if (new_record && form->case_action == CASE_OPEN &&
	    store_batch_add(st, b, cid, "@case", form->case_type, cause) == -1)
		return -1;
	if (new_record && form->parent != NULL && parent != NULL &&
	    store_batch_add(st, b, cid, "@parent", parent, cause) == -1)
		return -1;
	for (i = 0; i < form->nfields; i++) {
		f = form->fields[i];
		if (f->save_to == NULL || field_repeat(f) != NULL)
			continue;
		changed = new_record;
		for (k = 0; k < nfield_changes && !changed; k++)
			changed = strcmp(b->v[k].path, f->id) == 0;
		if (!changed)
			continue;
		v = answers_get(a, f->id);
		if ((rc = store_winner(st, cid, f->save_to, &old, cause)) == -1)
			return -1;
		if ((v == NULL && old == NULL) ||
		    (v != NULL && old != NULL && strcmp(v, old) == 0)) {
			free(old);
			continue;
		}
		free(old);
		if (v == NULL && rc == 0)
			continue;
		/* A question that does not apply says nothing about the case:
		 * an employer skipped because the person is not working now
		 * keeps the employer recorded before.  A question that applies
		 * and is left empty does clear the property. */
		if (v == NULL && !record_relevant(form, a, f, ""))
			continue;
		if (store_batch_add(st, b, cid, f->save_to, v, cause) == -1)
			return -1;
	}
	if (new_record && form->case_action == CASE_REOPEN &&
	    store_batch_add(st, b, cid, "@closed", NULL, cause) == -1)
		return -1;
	if (new_record && (form->case_action == CASE_CLOSE ||
	    record_true(form, a, form->close_when))) {
		if ((rc = store_winner(st, cid, "@closed", &old, cause)) == -1)
			return -1;
		if (old == NULL &&
		    store_batch_add(st, b, cid, "@closed", "1", cause) == -1)
			return -1;
		free(old);
	}
	return 0;
}

/* The record's form and case; -1 with *cause when there is no such
 * record or it is deleted. */
static int
store_record_row(struct store *st, const char *id, char **form,
    char **case_id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, deleted = 0;

	*form = *case_id = NULL;
	s = store_stmt(st, "SELECT form, case_id, deleted FROM record "
	    "WHERE id = ?");
	store_bind(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*form = store_col(s, 0);
		*case_id = store_col(s, 1);
		deleted = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	if (rc == SQLITE_DONE)
		*cause = xasprintf(_("no record '%s'"), id);
	else if (deleted)
		*cause = xasprintf(_("record '%s' is deleted"), id);
	else
		return 0;
	free(*form);
	free(*case_id);
	*form = *case_id = NULL;
	return -1;
}

/* Every path of the record that has a change (caller frees). */
static int
store_record_paths(struct store *st, const char *id, struct answers *cur,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;
	const char	*path, *value;

	s = store_stmt(st, "SELECT path, value FROM field WHERE record = ?");
	store_bind(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(s, 0);
		value = (const char *)sqlite3_column_text(s, 1);
		if (*path != '@')
			answers_set(cur, path, value != NULL ? value : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Adds a change for every path whose value differs from cur (where ""
 * stands for a tombstone). */
static int
store_field_changes(struct store *st, struct store_batch *b, const char *rid,
    const struct answers *a, const struct answers *cur, char **cause)
{
	size_t		 i = 0, j = 0;
	int		 c;
	const char	*nv, *ov;

	while (i < a->n || j < cur->n) {
		if (i == a->n)
			c = 1;
		else if (j == cur->n)
			c = -1;
		else
			c = strcmp(a->v[i].path, cur->v[j].path);
		if (c < 0) {
			if (store_batch_add(st, b, rid, a->v[i].path,
			    a->v[i].value, cause) == -1)
				return -1;
			i++;
			continue;
		}
		if (c > 0) {
			if (*cur->v[j].value != '\0' && store_batch_add(st, b,
			    rid, cur->v[j].path, NULL, cause) == -1)
				return -1;
			j++;
			continue;
		}
		nv = a->v[i].value;
		ov = cur->v[j].value;
		if (strcmp(nv, ov) != 0 && store_batch_add(st, b, rid,
		    a->v[i].path, nv, cause) == -1)
			return -1;
		i++;
		j++;
	}
	return 0;
}

/* The meta key of a form version's signature. */
static char *
store_form_key(const struct form *form)
{
	return xasprintf("form:%s@%d", form->id, form->version);
}

/*
 * Notes, the first time a record is saved here with a form version, what
 * that version's answers mean (form_signature), for store_forms_changed.
 */
static int
store_form_seen(struct store *st, const struct form *form, char **cause)
{
	char	*key, *old, *sig;
	int	 rc = 0;

	key = store_form_key(form);
	if ((old = store_meta_get(st, key)) == NULL) {
		sig = form_signature(form);
		rc = store_meta_set(st, key, sig, cause);
		free(sig);
	}
	free(old);
	free(key);
	return rc;
}

/* The forms changed since records were saved with their version here
 * (see store.h). */
size_t
store_forms_changed(struct store *st, const struct form_pack *pack,
    const struct form ***out)
{
	const struct form	*f;
	char			*key, *old, *sig;
	size_t			 i, n = 0;

	*out = NULL;
	for (i = 0; i < pack->nforms; i++) {
		f = pack->forms[i];
		key = store_form_key(f);
		old = store_meta_get(st, key);
		free(key);
		if (old == NULL)
			continue;
		sig = form_signature(f);
		if (strcmp(old, sig) != 0) {
			*out = xreallocarray(*out, n + 1, sizeof **out);
			(*out)[n++] = f;
		}
		free(sig);
		free(old);
	}
	return n;
}

/* The case a new record of form goes on, into *cid (caller frees; NULL
 * for a form without a case): a new one for a form that opens a case
 * (under case_id for a child case), else case_id, which must be an open
 * case of the form's type.  0, or -1 with *cause. */
static int
store_record_case(struct store *st, const struct form *form,
    const char *case_id, char **cid, char **cause)
{
	char	*ctype = NULL;
	bool	 closed;
	int	 rc = -1;

	*cid = NULL;
	if (form->case_action == CASE_OPEN) {
		if (form->parent != NULL &&
		    store_child_parent(st, form, case_id, cause) == -1)
			return -1;
		*cid = store_new_case_id(st);
		return 0;
	}
	if (form->case_action == CASE_NONE) {
		if (case_id == NULL)
			return 0;
		*cause = xasprintf(_("form '%s' has no case"), form->id);
		return -1;
	}
	if (case_id == NULL) {
		*cause = xasprintf(_("form '%s' needs a case (--case ID)"),
		    form->id);
		return -1;
	}
	if (store_case_state(st, case_id, &ctype, &closed, cause) == -1)
		return -1;
	if (ctype == NULL || strcmp(ctype, form->case_type) != 0)
		*cause = xasprintf(_("case '%s' is not a '%s'"), case_id,
		    form->case_type);
	else if (store_case_open_for(form, case_id, closed, cause) == 0) {
		*cid = xstrdup(case_id);
		rc = 0;
	}
	free(ctype);
	return rc;
}

/*
 * With a key, inside the save's transaction: the record an earlier save
 * with that key made, in *rid and *cid (1), or none yet (0); -1 with
 * *cause on a store error.
 */
static int
store_key_record(struct store *st, const char *key, char **rid, char **cid,
    char **cause)
{
	char	*mkey, *form = NULL;

	mkey = xasprintf("addkey:%s", key);
	*rid = store_meta_get(st, mkey);
	free(mkey);
	if (*rid == NULL)
		return 0;
	if (store_record_row(st, *rid, &form, cid, cause) == -1) {
		free(*rid);
		*rid = NULL;
		return -1;
	}
	free(form);
	return 1;
}

/* The answers a save writes in *a (calculated, pruned), or -1 with each
 * problem in problems and *a freed. */
static int
store_save_answers(const struct form *form, const struct answers *in,
    struct answers *a, struct diags *problems)
{
	size_t	i, nbad = 0;

	answers_copy(a, in);
	record_calculate(form, a);
	record_prune(form, a);
	record_calculate(form, a);
	for (i = 0; i < a->n; i++) {
		if (!utf8_valid(a->v[i].value, strlen(a->v[i].value))) {
			diags_add(problems, a->v[i].path, 0, 0, "%s",
			    _("not valid UTF-8 text"));
			nbad++;
		}
	}
	if (nbad > 0 || record_check(form, a, problems) > 0) {
		answers_free(a);
		return -1;
	}
	return 0;
}

/* Checks and saves a record in one transaction (see store.h); with key,
 * only once (store_save_record_key). */
static int
store_save(struct store *st, const char *key, const struct form *form,
    const char *record_id, const char *case_id, const struct answers *in,
    const char *author, char **out_record, char **out_case,
    struct diags *problems, char **cause)
{
	char			*mkey;
	struct answers		 a, cur;
	struct store_batch	 b;
	char			*rid = NULL, *cid = NULL, *rform = NULL;
	size_t			 nfield;
	int			 rc = -1;

	*cause = NULL;
	*out_record = NULL;
	if (out_case != NULL)
		*out_case = NULL;
	if (store_check_author(author, cause) != 0)
		return -1;
	if (store_save_answers(form, in, &a, problems) == -1)
		return -1;
	memset(&b, 0, sizeof b);
	answers_init(&cur);
	if (store_begin(st, cause) == -1) {
		answers_free(&a);
		return -1;
	}
	if (key != NULL && (rc = store_key_record(st, key, &rid, &cid,
	    cause)) != 0) {
		if (rc == 1)
			b.n = 0;	/* the save is done: commit nothing */
		else
			goto out;
	} else if (record_id == NULL) {
		rc = -1;
		rid = xasprintf("%.8s-%" PRId64, st->device,
		    ++st->record_counter);
		if (store_record_case(st, form, case_id, &cid, cause) == -1)
			goto out;
		if (store_batch_add(st, &b, rid, "@record", "1", cause) == -1)
			goto out;
	} else {
		rc = -1;
		rid = xstrdup(record_id);
		if (store_record_row(st, rid, &rform, &cid, cause) == -1)
			goto out;
		if (strcmp(rform, form->id) != 0) {
			*cause = xasprintf(_("record '%s' is a '%s', not a "
			    "'%s'"), rid, rform, form->id);
			goto out;
		}
		if (store_record_paths(st, rid, &cur, cause) == -1)
			goto out;
	}
	if (rc == 1)
		goto done;
	if (store_field_changes(st, &b, rid, &a, &cur, cause) == -1)
		goto out;
	nfield = b.n;
	if (store_link_check(st, form, b.v, nfield, problems, cause) != 0)
		goto out;	/* problems (*cause NULL) or an error */
	if (cid != NULL && store_case_changes(st, &b, form, cid, case_id, &a,
	    record_id == NULL, nfield, cause) == -1)
		goto out;
	if (key != NULL) {
		mkey = xasprintf("addkey:%s", key);
		rc = store_meta_set(st, mkey, rid, cause);
		free(mkey);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	if (b.n > 0 && (store_batch_apply(st, &b, form, cid, author,
	    cause) == -1 || store_form_seen(st, form, cause) == -1 ||
	    store_commit(st, cause) == -1))
		goto out;
done:
	if (b.n == 0)
		store_rollback(st);
	*out_record = rid;
	rid = NULL;
	if (out_case != NULL) {
		*out_case = cid;
		cid = NULL;
	}
	rc = 0;
out:
	if (rc == -1)
		store_rollback(st);
	store_batch_free(&b);
	answers_free(&a);
	answers_free(&cur);
	free(rid);
	free(cid);
	free(rform);
	return rc;
}

/* Saves a record; see store.h. */
int
store_save_record(struct store *st, const struct form *form,
    const char *record_id, const char *case_id, const struct answers *in,
    const char *author, char **out_record, char **out_case,
    struct diags *problems, char **cause)
{
	return store_save(st, NULL, form, record_id, case_id, in, author,
	    out_record, out_case, problems, cause);
}

/* Saves a new record once per key; see store.h. */
int
store_save_record_key(struct store *st, const char *key,
    const struct form *form, const char *case_id, const struct answers *in,
    const char *author, char **out_record, char **out_case,
    struct diags *problems, char **cause)
{
	return store_save(st, key, form, NULL, case_id, in, author,
	    out_record, out_case, problems, cause);
}

/* 1 when form is the one that opened case cid (its "@case" change was
 * made by it: a record of it on the case is the registration), 0 when
 * not, -1 with *cause on error. */
static int
store_is_registration(struct store *st, const char *form, const char *cid,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_stmt(st, "SELECT 1 FROM change WHERE record = ? AND "
	    "path = '@case' AND form = ? LIMIT 1");
	store_bind(s, 1, cid);
	store_bind(s, 2, form);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/*
 * Deletes (restore false: a tombstone) or restores (a record that was
 * deleted: "@record" set again) a record, one change replacing the heads
 * of its "@record" either way.
 */
static int
store_set_existence(struct store *st, const char *record_id,
    const char *author, bool restore, char **cause)
{
	struct store_batch	 b;
	struct form		 fake;
	sqlite3_stmt		*s;
	char			*form = NULL, *cid = NULL;
	int			 rc = -1, deleted = 0, found;

	memset(&b, 0, sizeof b);
	if (store_check_author(author, cause) != 0)
		return -1;
	if (store_begin(st, cause) == -1)
		return -1;
	memset(&fake, 0, sizeof fake);
	s = store_stmt(st, "SELECT form, form_version, case_id, deleted "
	    "FROM record WHERE id = ?");
	store_bind(s, 1, record_id);
	if ((found = sqlite3_step(s)) == SQLITE_ROW) {
		form = store_col(s, 0);
		fake.version = sqlite3_column_int(s, 1);
		cid = store_col(s, 2);
		deleted = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	fake.id = form;
	if (found != SQLITE_ROW && found != SQLITE_DONE) {
		store_fail(st, found, cause);
		goto out;
	}
	if (found == SQLITE_DONE)
		*cause = xasprintf(_("no record '%s'"), record_id);
	else if (!restore && deleted)
		*cause = xasprintf(_("record '%s' is deleted"), record_id);
	else if (restore && !deleted)
		*cause = xasprintf(_("record '%s' is not deleted"), record_id);
	if (*cause == NULL && !restore && cid != NULL &&
	    (found = store_is_registration(st, form, cid, cause)) != 0) {
		if (found == 1)
			*cause = xstrdup(_("a case's registration is not "
			    "deleted: to end the case, close it (F8)"));
	}
	if (*cause != NULL)
		goto out;
	if (store_batch_add(st, &b, record_id, "@record", restore ? "1" :
	    NULL, cause) == -1 ||
	    store_batch_apply(st, &b, &fake, cid, author, cause) == -1 ||
	    store_commit(st, cause) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		store_rollback(st);
	store_batch_free(&b);
	free(form);
	free(cid);
	return rc;
}

int
store_delete_record(struct store *st, const char *record_id,
    const char *author, char **cause)
{
	*cause = NULL;
	return store_set_existence(st, record_id, author, false, cause);
}

int
store_restore_record(struct store *st, const char *record_id,
    const char *author, char **cause)
{
	*cause = NULL;
	return store_set_existence(st, record_id, author, true, cause);
}
