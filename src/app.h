/*
 * app: the front door.  One struct app holds what a run of onward works
 * on (where the store, forms and data are; the form pack, the store and
 * the indicators once opened; this store's worker and site), filled the
 * same way for every verb and for the terminal UI.
 *
 * Owns: finding the default paths, opening the pack, the store and the
 * indicators (with every message about them), the rule for the language
 * (the environment's LANGUAGE or LC_ALL/LC_MESSAGES naming a language
 * wins, then the store's setting, then the system's), and closing it all.
 * Never: parses a verb's arguments, or draws.
 *
 * Each verb's table entry (cmd.h) says what it needs with APP_* flags;
 * main.c puts them in app->needs and the verb calls app_ready() once its
 * arguments are checked, so that wrong usage, --help and --version never
 * create or touch a store.  A verb whose needs depend on its arguments
 * (a sub-verb) asks for more with app_open().  No verb and no screen opens
 * the pack or the store itself.
 */
#ifndef ONWARD_APP_H
#define ONWARD_APP_H

#include <stdbool.h>

#include "util.h"

struct form_pack;
struct indicator_set;
struct store;

/* What a verb needs opened. */
#define APP_FORMS		0x01	/* the usable pack (broken forms left
					   out, with a warning); none: fail */
#define APP_FORMS_TRY		0x02	/* the pack if it has no problem at
					   all, else none, problems kept in
					   app->diags (rebuild, forms check) */
#define APP_STORE		0x04	/* the store, created when missing,
					   with the pack when one is open */
#define APP_STORE_NOPACK	0x08	/* with APP_STORE: opened without the
					   pack (the pack may be a draft) */
#define APP_STORE_EXISTING	0x10	/* with APP_STORE: only when the file
					   exists; else app->store stays NULL */
#define APP_INDICATORS		0x20	/* the indicators (implies forms) */

struct app {
	const char		*progname;
	char			*db_path;	/* --db, $ONWARD_DB or default */
	bool			 db_default;	/* its folder is made on open */
	char			*forms_dir;	/* --forms, $ONWARD_FORMS or
						   installed */
	char			*data_dir;	/* beside the forms, $ONWARD_DATA
						   or installed */
	char			*indicators_path; /* NULL: the data folder's */
	int			 needs;		/* APP_* of the verb (main.c) */
	int			 opened;	/* APP_* opened so far */

	struct form_pack	*pack;		/* NULL until opened or when the
						   forms failed */
	struct store		*store;
	struct indicator_set	*indicators;
	struct diags		 diags;		/* problems of APP_FORMS_TRY */
	char			*worker;	/* the store's settings, NULL */
	char			*site;		/*   when unset */
	const char		*passfile;	/* the verb's --passphrase-file,
						   NULL: the terminal */
	char			*account;	/* signed in (app_sign_in), or */
	char			*role;		/*   NULL */
	unsigned char		*store_key;	/* its unwrapped store key, a
						   secret buffer (secret.h) */
};

/*
 * Fills app from the global options (db and forms may be NULL for the
 * defaults: the environment, then the installed paths; the default store's
 * folder is created).  Opens nothing.
 */
void		 app_init(struct app *, const char *db, const char *forms);
/* Opens what of what (APP_*) is not open yet, in order: forms, indicators,
 * store.  Every problem is printed on stderr as the verbs print them.
 * Returns 0, or -1 when something needed could not be opened (what was
 * opened stays, for app_close). */
int		 app_open(struct app *, int what);
/* app_open(app, app->needs). */
int		 app_ready(struct app *);
/* The indicators file this app reads; caller must not free. */
const char	*app_indicators_path(struct app *);
/*
 * The author of the changes a verb writes: the account as (else
 * $ONWARD_ACCOUNT, else the worker setting) signed in with its passphrase
 * (app->passfile, else the terminal), of at least min_role to do what;
 * never free text.  A store with no account yet refuses (app_has_accounts).
 * Returns the name (caller frees), or NULL after printing why.
 */
char		*app_author(struct app *, const char *as, const char *min_role,
		     const char *what);
/* Sets a setting of the store ("worker", "site", "language") and the copy
 * in app; "language" also switches the language of messages at once.
 * Returns 0, or -1 with *cause. */
int		 app_set_setting(struct app *, const char *key,
		     const char *value, char **cause);
/* True when v is a lock time the setting lock_minutes takes: a whole
 * number of minutes, at most five digits (0: never lock). */
bool		 app_lock_minutes_ok(const char *v);
/* The seconds without a key before the UI locks: lock_minutes (10 when
 * unset), 0 for never. */
int		 app_lock_seconds(struct app *);
/* Closes and frees everything app opened; app can be filled again. */
void		 app_close(struct app *);

#endif
