/*
 * store-guard.c: the rules a merge holds every new change to, whatever
 * the bundle claims and whoever signed it (store-guard.h).  Each rule
 * keeps a store able to go on: a sequence number or clock near overflow
 * would stop every later save and export; an answer over the answer cap,
 * or a bundle that inflates to gigabytes, fills the disk; a change under
 * this store's own device id, or a record or case created by a device
 * other than the one whose id it bears, takes another device's name.
 *
 * Ids say who minted them: a record id is the first 8 hex digits of its
 * device and a number ("6ad4a0e3-228"), a case id the first 20 bits of
 * its device in the case alphabet, a number and a check character
 * ("8TZ3-0041-K").  Any device may edit them; only the minting device's
 * changes may create them ("@record" or "@case" with no parents), and a
 * bundle that edits one must leave the store with its creation.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "i18n.h"
#include "store-guard.h"
#include "store-int.h"
#include "util.h"

static const char guard_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* How often, in new changes, the growth of the store is measured. */
#define GUARD_EVERY	4096

/* The merge limit; see store-guard.h. */
uint64_t
store_guard_limit(struct store *st)
{
	char		*v, *end;
	long long	 mb;

	if ((v = store_setting(st, "merge_limit_mb")) == NULL || *v == '\0') {
		free(v);
		return (uint64_t)STORE_MERGE_LIMIT_MB << 20;
	}
	mb = strtoll(v, &end, 10);
	if (*end != '\0' || mb < 0 || mb > 1048576)
		mb = STORE_MERGE_LIMIT_MB;
	free(v);
	return (uint64_t)mb << 20;
}

/* Starts a merge's watch; see store-guard.h. */
int
store_guard_begin(struct store_guard *g, struct store *st, const char *path,
    char **cause)
{
	memset(g, 0, sizeof *g);
	g->path = path;
	g->now_ms = (int64_t)time(NULL) * 1000;
	g->limit = store_guard_limit(st);
	if (store_query_int(st, "PRAGMA page_count", NULL, &g->pages,
	    cause) == -1 || store_query_int(st, "PRAGMA page_size", NULL,
	    &g->pagesize, cause) == -1)
		return -1;
	return 0;
}

/* The case id prefix of a device (as store.c makes this store's) in
 * out; false when the device id is too short to have one. */
static bool
guard_case_prefix(const char *device, char out[5])
{
	unsigned long	v;
	char		hex[6];
	int		i;

	if (strlen(device) < 5)
		return false;
	memcpy(hex, device, 5);
	hex[5] = '\0';
	v = strtoul(hex, NULL, 16);
	for (i = 3; i >= 0; i--) {
		out[i] = guard_alphabet[v & 31];
		v >>= 5;
	}
	out[4] = '\0';
	return true;
}

/* Whether id is a record id as a device mints it (8 hex digits, '-', a
 * number). */
static bool
guard_record_minted(const char *id)
{
	size_t	i;

	for (i = 0; i < 8; i++) {
		if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'f')))
			return false;
	}
	if (id[8] != '-' || id[9] == '\0')
		return false;
	for (i = 9; id[i] != '\0'; i++) {
		if (id[i] < '0' || id[i] > '9')
			return false;
	}
	return true;
}

/* Whether device minted the record or case id (true for ids no device
 * mints). */
static bool
guard_minted_by(const char *id, bool is_case, const char *device)
{
	char	p[5];

	if (is_case) {
		if (!store_case_id_valid(id))
			return true;
		return guard_case_prefix(device, p) && strncmp(id, p, 4) == 0;
	}
	if (!guard_record_minted(id))
		return true;
	return strncmp(id, device, 8) == 0;
}

/* Sets *cause to "'FILE': line N: change D:S RULE; bundle refused". */
static int
guard_refuse(struct store_guard *g, const struct change *c, uint64_t line,
    char *why, char **cause)
{
	*cause = xasprintf(_("'%s': line %llu: change %s:%lld %s; bundle "
	    "refused"), g->path, (unsigned long long)line, c->device,
	    (long long)c->seq, why);
	free(why);
	return -1;
}

/* Checks one new change; see store-guard.h. */
int
store_guard_change(struct store_guard *g, struct store *st,
    const struct change *c, uint64_t line, char **cause)
{
	char	*key;
	bool	 is_case;

	g->seen++;
	if (c->seq > STORE_MAX_SEQ)
		return guard_refuse(g, c, line, xasprintf(_("is numbered "
		    "above %lld, more than any device makes"),
		    (long long)STORE_MAX_SEQ), cause);
	if ((c->hlc >> 16) > g->now_ms + STORE_REFUSE_AHEAD_MS)
		return guard_refuse(g, c, line, xasprintf(_("is stamped more "
		    "than %d days ahead of this computer's clock"),
		    (int)(STORE_REFUSE_AHEAD_MS / 86400000)), cause);
	if (c->value != NULL && strlen(c->value) > FIELD_MAX_VALUE)
		return guard_refuse(g, c, line, xasprintf(_("gives field '%s' "
		    "of record '%s' an answer of more than %d bytes"),
		    c->path, c->record, FIELD_MAX_VALUE), cause);
	if (strcmp(c->device, st->device) == 0)
		return guard_refuse(g, c, line, xstrdup(_("claims this "
		    "store's own device id, but this store made no such "
		    "change")), cause);
	if (c->record[0] == '@')
		return 0;
	is_case = c->case_id != NULL && strcmp(c->case_id, c->record) == 0;
	if (guard_minted_by(c->record, is_case, c->device))
		return 0;
	if (c->nparents == 0 && (strcmp(c->path, "@record") == 0 ||
	    strcmp(c->path, "@case") == 0))
		return guard_refuse(g, c, line, xasprintf(is_case ?
		    _("creates case '%s', an id only its own device makes") :
		    _("creates record '%s', an id only its own device makes"),
		    c->record), cause);
	key = xasprintf("%c:%s", is_case ? 'c' : 'r', c->record);
	strmap_add(&g->minted, key);
	free(key);
	return 0;
}

/* Checks the store's growth; see store-guard.h. */
int
store_guard_growth(struct store_guard *g, struct store *st, int force,
    char **cause)
{
	int64_t	pages;

	if (g->limit == 0 || (!force && g->seen < GUARD_EVERY))
		return 0;
	g->seen = 0;
	if (store_query_int(st, "PRAGMA page_count", NULL, &pages,
	    cause) == -1)
		return -1;
	if (pages <= g->pages ||
	    (uint64_t)(pages - g->pages) * (uint64_t)g->pagesize <= g->limit)
		return 0;
	*cause = xasprintf(_("'%s': merging it would grow the store by more "
	    "than %llu MB (setting merge_limit_mb); bundle refused, nothing "
	    "written"), g->path, (unsigned long long)(g->limit >> 20));
	return -1;
}

/* Whether the store has the creation of a case by the device that
 * minted its id: 1, 0, or -1 with *cause. */
static int
guard_case_created(struct store *st, const char *id, char **cause)
{
	sqlite3_stmt	*s;
	const char	*dev;
	int		 rc, found = 0;

	s = store_stmt(st, "SELECT device FROM change WHERE record = ? AND "
	    "path = '@case'");
	store_bind(s, 1, id);
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		dev = (const char *)sqlite3_column_text(s, 0);
		found = dev != NULL && guard_minted_by(id, true, dev);
	}
	sqlite3_reset(s);
	if (!found && rc != SQLITE_DONE)
		return store_fail(st, rc, cause);
	return found;
}

/* Checks the minted ids the bundle changed; see store-guard.h. */
int
store_guard_finish(struct store_guard *g, struct store *st, char **cause)
{
	const struct strmap_slot	*sl;
	const char			*id;
	int64_t				 n;
	size_t				 i = 0;
	int				 rc;

	if (store_guard_growth(g, st, 1, cause) == -1)
		return -1;
	while ((sl = strmap_next(&g->minted, &i)) != NULL) {
		id = sl->key + 2;
		if (sl->key[0] == 'c')
			rc = guard_case_created(st, id, cause);
		else
			rc = store_query_int(st, "SELECT count(*) FROM change "
			    "WHERE record = ?1 AND path = '@record' AND "
			    "substr(device, 1, 8) = substr(?1, 1, 8)", id, &n,
			    cause) == -1 ? -1 : n > 0;
		if (rc == -1)
			return -1;
		if (rc == 0) {
			*cause = xasprintf(sl->key[0] == 'c' ?
			    _("'%s' changes case '%s' but does not bring its "
			    "creation by the device that made the id; merge "
			    "that device's bundle first; bundle refused") :
			    _("'%s' changes record '%s' but does not bring its "
			    "creation by the device that made the id; merge "
			    "that device's bundle first; bundle refused"),
			    g->path, id);
			return -1;
		}
	}
	return 0;
}

/* Frees what the watch holds. */
void
store_guard_free(struct store_guard *g)
{
	strmap_free(&g->minted, NULL);
}
