/*
 * store-dump.c: the canonical text of the whole state (store_dump),
 * rebuilding the derived tables from the log, and conflicts.
 *
 * The dump prints, sorted by id and path (bytewise): every case (type,
 * open or closed, properties), every record (form, version, case, first
 * author, created, updated, deleted) with its fields, and every conflict.
 * A field with one head prints its value; a conflict prints every head,
 * winner first, with author, device and time; so does an erasure
 * ("@erased", its reason as the value).  It prints nothing local
 * (drafts, settings, this store's device id, arrival order), so two
 * stores with the same set of changes print the same bytes.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Every head of (record, path), winner first, one line each. */
static int
dump_heads(struct store *st, FILE *f, const char *record, const char *path)
{
	sqlite3_stmt	*s;
	char		 t[32];
	const char	*v;
	int		 rc;

	s = store_stmt(st, "SELECT c.value, c.author, c.device, c.hlc "
	    "FROM change c WHERE " STORE_HEADS " ORDER BY "
	    STORE_WINNER_FIRST);
	store_bind(s, 1, record);
	store_bind(s, 2, path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_hlc_time(sqlite3_column_int64(s, 3), t, sizeof t);
		fputs("\t\t", f);
		if ((v = (const char *)sqlite3_column_text(s, 0)) == NULL)
			fputs("(deleted)", f);
		else {
			fputs("= ", f);
			str_escape_write(f, v, strlen(v), ESCAPE_LINE);
		}
		fprintf(f, "\tby %s on %s at %s\n",
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2), t);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* The fields of one record or case; conflicts print every head. */
static int
dump_fields(struct store *st, FILE *f, const char *record)
{
	sqlite3_stmt	*s;
	const char	*path, *v;
	int		 rc, nheads;

	s = store_stmt(st, "SELECT path, value, nheads FROM field "
	    "WHERE record = ? ORDER BY path");
	store_bind(s, 1, record);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(s, 0);
		v = (const char *)sqlite3_column_text(s, 1);
		nheads = sqlite3_column_int(s, 2);
		/* An erasure prints who ordered it, when and why. */
		if (nheads > 1 || strcmp(path, "@erased") == 0) {
			fprintf(f, "\t%s%s:\n", path, nheads > 1 ?
			    " conflict" : "");
			if ((rc = dump_heads(st, f, record, path)) != 0)
				break;
			continue;
		}
		if (*path == '@' || v == NULL)
			continue;
		fprintf(f, "\t%s = ", path);
		str_escape_write(f, v, strlen(v), ESCAPE_LINE);
		fputc('\n', f);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* Writes the canonical text of the state (see the top of this file). */
int
store_dump(struct store *st, FILE *f, char **cause)
{
	sqlite3_stmt	*s;
	char		*id, t1[32], t2[32];
	const char	*type, *cid;
	int		 rc, frc = 0;

	s = store_stmt(st, "SELECT id, type, closed FROM kase ORDER BY id");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = store_col(s, 0);
		type = (const char *)sqlite3_column_text(s, 1);
		fprintf(f, "case %s %s %s\n", id, type != NULL ? type : "-",
		    sqlite3_column_int(s, 2) ? "closed" : "open");
		frc = dump_fields(st, f, id);
		free(id);
		if (frc != 0)
			break;
	}
	sqlite3_reset(s);
	if (frc != 0)
		return store_fail(st, frc, cause);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);

	s = store_stmt(st, "SELECT id, form, form_version, case_id, author, "
	    "created, updated, deleted FROM record ORDER BY id");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = store_col(s, 0);
		cid = (const char *)sqlite3_column_text(s, 3);
		store_hlc_time(sqlite3_column_int64(s, 5), t1, sizeof t1);
		store_hlc_time(sqlite3_column_int64(s, 6), t2, sizeof t2);
		fprintf(f, "record %s %s %d case %s by %s created %s "
		    "updated %s%s\n", id,
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int(s, 2), cid != NULL ? cid : "-",
		    (const char *)sqlite3_column_text(s, 4), t1, t2,
		    sqlite3_column_int(s, 7) ? " deleted" : "");
		frc = dump_fields(st, f, id);
		free(id);
		if (frc != 0)
			break;
	}
	sqlite3_reset(s);
	if (frc != 0)
		return store_fail(st, frc, cause);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);

	s = store_stmt(st, "SELECT record, path, nheads FROM field "
	    "WHERE nheads > 1 ORDER BY record, path");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fprintf(f, "conflict %s %s %d\n",
		    (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int(s, 2));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	if (fflush(f) != 0 || ferror(f)) {
		*cause = xstrdup(_("cannot write the dump"));
		return -1;
	}
	return 0;
}

/*
 * Empties the derived tables and replays the log into them, in one
 * transaction.
 */
int
store_rebuild(struct store *st, char **cause)
{
	sqlite3_stmt	*s;
	struct replay {
		int64_t		 n;
		struct change	 c;	/* device, seq, hlc, record, path */
		char		*parents;
		bool		 iscase;
	}		*batch, *b;
	const size_t	 nbatch = 1024;
	int64_t		 last = 0;
	size_t		 nb, i;
	int		 rc = SQLITE_DONE, drc = 0;

	if (store_begin(st, cause) == -1)
		return -1;
	if (store_exec(st, "UPDATE change SET head = NULL; "
	    "DELETE FROM superseded; DELETE FROM record; DELETE FROM kase; "
	    "DELETE FROM due_item; "
	    /* Deleting FTS5 rows one by one leaves their tombstones in the
	     * index; a new table starts clean. */
	    "DROP TABLE case_search; " STORE_CASE_SEARCH
	    STORE_CASE_SEARCH_TUNE, cause) == -1) {
		store_rollback(st);
		return -1;
	}
	/*
	 * In batches, each read before it is replayed: replaying writes the
	 * head column of rows a running query would still visit.
	 */
	batch = xcalloc(nbatch, sizeof *batch);
	for (;;) {
		nb = 0;
		s = store_stmt(st, "SELECT n, record, path, parents, device, "
		    "seq, hlc, case_id = record FROM change WHERE n > ? "
		    "ORDER BY n LIMIT 1024");
		sqlite3_bind_int64(s, 1, last);
		while (nb < nbatch &&
		    (rc = sqlite3_step(s)) == SQLITE_ROW) {
			b = &batch[nb++];
			memset(&b->c, 0, sizeof b->c);
			b->n = sqlite3_column_int64(s, 0);
			b->c.record = store_col(s, 1);
			b->c.path = store_col(s, 2);
			b->parents = store_col(s, 3);
			b->c.device = store_col(s, 4);
			b->c.seq = sqlite3_column_int64(s, 5);
			b->c.hlc = sqlite3_column_int64(s, 6);
			b->iscase = sqlite3_column_int(s, 7) == 1;
		}
		sqlite3_reset(s);
		for (i = 0; i < nb; i++) {
			b = &batch[i];
			if (drc == 0)
				drc = store_derive(st, b->n, &b->c, b->parents,
				    b->iscase ? STORE_CASE : STORE_RECORD,
				    cause);
			free(b->c.record);
			free(b->c.path);
			free(b->c.device);
			free(b->parents);
		}
		if (drc == -1 || rc != SQLITE_ROW || nb == 0)
			break;
		last = batch[nb - 1].n;
	}
	free(batch);
	if (drc == -1) {
		store_rollback(st);
		return -1;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, rc, cause);
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

/* Frees what a conflict holds. */
void
conflict_free(struct conflict *c)
{
	size_t	i;

	if (c == NULL)
		return;
	free(c->id);
	free(c->record_id);
	free(c->case_id);
	free(c->path);
	for (i = 0; i < c->nvalues; i++) {
		free(c->values[i].value);
		free(c->values[i].author);
		free(c->values[i].device);
		free(c->values[i].time);
	}
	free(c->values);
	memset(c, 0, sizeof *c);
}

/* The heads of (record, path) as conflict values, winner first. */
static int
conflict_values(struct store *st, struct conflict *c, char **cause)
{
	sqlite3_stmt		*s;
	struct conflict_value	*v;
	char			 t[32];
	int			 rc;

	s = store_stmt(st, "SELECT c.value, c.author, c.device, c.hlc, "
	    "c.case_id FROM change c WHERE " STORE_HEADS " ORDER BY "
	    STORE_WINNER_FIRST);
	store_bind(s, 1, c->record_id);
	store_bind(s, 2, c->path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->values = xreallocarray(c->values, c->nvalues + 1,
		    sizeof *c->values);
		v = &c->values[c->nvalues++];
		v->value = store_col(s, 0);
		v->author = store_col(s, 1);
		v->device = store_col(s, 2);
		store_hlc_time(sqlite3_column_int64(s, 3), t, sizeof t);
		v->time = xstrdup(t);
		if (c->case_id == NULL)
			c->case_id = store_col(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return 0;
}

/* Every field with more than one head, by record and path. */
int
store_conflicts(struct store *st, struct conflict **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	struct conflict	*c;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	/* Not those of erased cases and their records: no values left. */
	s = store_stmt(st, "SELECT record, path FROM field WHERE nheads > 1 "
	    "AND " STORE_NOT_ERASED " ORDER BY record, path");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->record_id = store_col(s, 0);
		c->path = store_col(s, 1);
		c->id = xasprintf("%s/%s", c->record_id, c->path);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, cause);
	else
		rc = 0;
	for (i = 0; i < *n && rc == 0; i++)
		rc = conflict_values(st, &(*out)[i], cause);
	if (rc == -1) {
		for (i = 0; i < *n; i++)
			conflict_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Writes the chosen value with every head as a parent. */
int
store_resolve_conflict(struct store *st, const char *conflict_id,
    const char *value, const char *author, char **cause)
{
	sqlite3_stmt	*s;
	struct change	 c;
	const char	*slash;
	int		 rc;

	memset(&c, 0, sizeof c);
	if ((slash = strchr(conflict_id, '/')) == NULL) {
		*cause = xasprintf(_("no conflict '%s'"), conflict_id);
		return -1;
	}
	if (value != NULL && !utf8_valid(value, strlen(value))) {
		*cause = xstrdup(_("not valid UTF-8 text"));
		return -1;
	}
	if (store_check_author(author, cause) != 0)
		return -1;
	if (store_begin(st, cause) == -1)
		return -1;
	c.record = xstrndup(conflict_id, (size_t)(slash - conflict_id));
	c.path = xstrdup(slash + 1);
	s = store_stmt(st, "SELECT c.device, c.seq, c.form, c.form_version, "
	    "c.case_id FROM change c WHERE " STORE_HEADS " ORDER BY "
	    STORE_WINNER_FIRST);
	store_bind(s, 1, c.record);
	store_bind(s, 2, c.path);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c.parents = xreallocarray(c.parents, c.nparents + 1,
		    sizeof *c.parents);
		c.parents[c.nparents++] = store_change_id(
		    (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1));
		if (c.form == NULL) {
			c.form = store_col(s, 2);
			c.form_version = sqlite3_column_int(s, 3);
			c.case_id = store_col(s, 4);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, rc, cause);
		goto fail;
	}
	if (c.nparents < 2) {
		*cause = xasprintf(_("no conflict '%s'"), conflict_id);
		goto fail;
	}
	c.device = xstrdup(st->device);
	c.seq = ++st->seq;
	if ((c.hlc = store_hlc_for(st, (const char *const *)&c.record, 1,
	    cause)) == -1)
		goto fail;
	c.value = value != NULL ? xstrdup(value) : NULL;
	c.author = xstrdup(author);
	if (store_apply_change(st, &c, NULL, cause) == -1 ||
	    store_commit(st, cause) == -1)
		goto fail;
	change_free(&c);
	return 0;
fail:
	store_rollback(st);
	change_free(&c);
	return -1;
}
