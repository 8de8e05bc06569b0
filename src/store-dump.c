/*
 * store-dump.c: the canonical text of the whole state (store_dump) and
 * rebuilding the derived tables from the log; conflicts are
 * store-conflict.c's.
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
/* Writes stored text (NULL as "-") with every control character
 * escaped (ESCAPE_SHOW): a bundle's text never drives the terminal. */
static void
dump_put(FILE *f, const char *s)
{
	if (s == NULL)
		s = "-";
	str_escape_write(f, s, strlen(s), ESCAPE_SHOW);
}

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
			dump_put(f, v);
		}
		fputs("\tby ", f);
		dump_put(f, (const char *)sqlite3_column_text(s, 1));
		fprintf(f, " on %s at %s\n",
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
			fputc('\t', f);
			dump_put(f, path);
			fprintf(f, "%s:\n", nheads > 1 ? " conflict" : "");
			if ((rc = dump_heads(st, f, record, path)) != 0)
				break;
			continue;
		}
		if (*path == '@' || v == NULL)
			continue;
		fputc('\t', f);
		dump_put(f, path);
		fputs(" = ", f);
		dump_put(f, v);
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
		fputs("case ", f);
		dump_put(f, id);
		fputc(' ', f);
		dump_put(f, type);
		fprintf(f, " %s\n", sqlite3_column_int(s, 2) ? "closed" :
		    "open");
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
		fputs("record ", f);
		dump_put(f, id);
		fprintf(f, " %s %d case ", (const char *)sqlite3_column_text(s,
		    1), sqlite3_column_int(s, 2));
		dump_put(f, cid);
		fputs(" by ", f);
		dump_put(f, (const char *)sqlite3_column_text(s, 4));
		fprintf(f, " created %s updated %s%s\n", t1, t2,
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
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fputs("conflict ", f);
		dump_put(f, (const char *)sqlite3_column_text(s, 0));
		fputc(' ', f);
		dump_put(f, (const char *)sqlite3_column_text(s, 1));
		fprintf(f, " %d\n", sqlite3_column_int(s, 2));
	}
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
