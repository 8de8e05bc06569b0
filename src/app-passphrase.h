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
 * and its mode, unless only its owner may read it), or from the terminal
 * when path is NULL.  Returns 0, or -1 after printing why.
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

#endif
