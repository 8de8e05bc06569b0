/*
 * app-passphrase: reading passphrases for every verb alike: from the
 * terminal without echo (/dev/tty, a new one asked twice), or from a
 * --passphrase-file, one passphrase a line in the order they are asked
 * (the acting account's first, then a new one).
 *
 * Owns: the terminal's echo while a passphrase is typed, the file's mode
 * rule (0600 or stricter) and every message about either.  Never: decides
 * whether a passphrase is right (store-account.h does).
 */
#ifndef ONWARD_APP_PASSPHRASE_H
#define ONWARD_APP_PASSPHRASE_H

#include <stdbool.h>
#include <stdio.h>

/* Where passphrases come from. */
struct app_pass {
	char	*path;		/* the file, NULL for the terminal */
	FILE	*f;		/* the file once opened */
};

/*
 * Passphrases from the file path (refused, with a message naming the file
 * and its mode, unless only its owner may read it); when path is NULL,
 * from the file ONWARD_PASSPHRASE_FILE names (the same rules: for
 * scripts), else from the terminal.  Returns 0, or -1 after printing why.
 */
int	 app_pass_open(struct app_pass *, const char *path);
/*
 * The next passphrase: the file's next line, or typed at the terminal
 * after prompt (twice when confirm, and both must match).  Returns it in
 * a secret buffer (secret_free frees), or NULL after printing why; what
 * names what is asked in the message when the file has no line for it.
 */
char	*app_passphrase(struct app_pass *, const char *prompt,
	    const char *what, bool confirm);
/* Closes the file, if any. */
void	 app_pass_close(struct app_pass *);

struct app;
/* The options of a verb that signs in: --as and --passphrase-file, for
 * its struct option table; app_pass_option takes what getopt_long
 * returned for them. */
#define APP_OPT_AS		0x100
#define APP_OPT_PASSFILE	0x101
#define APP_PASS_OPTIONS \
	{ "as",			required_argument,	NULL, APP_OPT_AS }, \
	{ "passphrase-file",	required_argument,	NULL, APP_OPT_PASSFILE }
/* True when ch is one of APP_PASS_OPTIONS: its argument (optarg) is
 * then in *as or *file. */
bool	 app_pass_option(int ch, const char **as, const char **file);
/* The account a verb acts as: as (--as) when not NULL, else
 * $ONWARD_ACCOUNT when set and not empty, else the worker setting when
 * set, else NULL.  app_as_given leaves the worker setting out (the
 * account verbs: who manages accounts is never the laptop's worker by
 * default). */
const char *app_as(const struct app *, const char *as);
const char *app_as_given(const char *as);
/* 0 when app's store has an account; else -1 after saying that what
 * needs one and how to make the first (onward account add). */
int	 app_has_accounts(struct app *, const char *what);
/*
 * Signs the account `as` (else $ONWARD_ACCOUNT: app_as) in on app's store
 * with the next passphrase of pass, and checks that its role is at
 * least min_role ("worker" < "supervisor" < "admin"; NULL for any).  On success the account is
 * app->account (its name and role) and the store key app->store_key
 * (both freed by app_close).  Returns 0, or -1 after printing why: a
 * wrong passphrase, a disabled or unknown account, a role too weak for
 * what (e.g. "merge bundles"), no account named, a store with no
 * account at all (app_has_accounts).
 */
int	 app_sign_in(struct app *, struct app_pass *, const char *as,
	    const char *min_role, const char *what);
/*
 * app_sign_in with the passphrase pass given (the terminal UI reads it
 * itself): the same checks, the same app->account, role and store_key on
 * success.  Returns 0, or -1 with *cause set to a translated message
 * (caller frees): a wrong passphrase, an unknown or disabled account, a
 * role too weak for what.  store_account_check's slow-down applies.
 */
int	 app_sign_in_with(struct app *, const char *as, const char *pass,
	    const char *min_role, const char *what, char **cause);
/* app_sign_in with the passphrases of file (NULL: ONWARD_PASSPHRASE_FILE,
 * else the terminal: app_pass_open), unless as (app_as) is signed in on
 * app already with min_role.  Returns 0, or -1 after printing why. */
int	 app_sign_in_file(struct app *, const char *as, const char *file,
	    const char *min_role, const char *what);
/* For a verb that shows people's data: on a store with accounts, signs
 * in as (else $ONWARD_ACCOUNT, else the worker setting) with file's
 * passphrase, of at least min_role to do what; on a store without any,
 * nothing.  Returns 0, or -1 after printing why. */
int	 app_sign_in_reader(struct app *, const char *as, const char *file,
	    const char *min_role, const char *what);
/* True when an account is signed in on app with a role of at least
 * min_role (the order above). */
bool	 app_signed_in_as(const struct app *, const char *min_role);

#endif
