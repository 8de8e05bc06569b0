/*
 * app-passphrase.c: passphrases from the terminal without echo or from a
 * passphrase file (see app-passphrase.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "app.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "secret.h"
#include "store-account.h"
#include "store-keys.h"
#include "util.h"

int
app_pass_open(struct app_pass *ap, const char *path)
{
	struct stat	sb;
	int		fd;

	memset(ap, 0, sizeof *ap);
	if (path == NULL && (path = getenv("ONWARD_PASSPHRASE_FILE")) != NULL &&
	    *path == '\0')
		path = NULL;
	if (path == NULL)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		fprintf(stderr, _("onward: cannot read passphrase file '%s': "
		    "%s\n"), path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if ((sb.st_mode & 077) != 0) {
		fprintf(stderr, _("onward: passphrase file '%s' has mode %04o: "
		    "others may read it; it must be 0600 or stricter\n"), path,
		    (unsigned)(sb.st_mode & 07777));
		close(fd);
		return -1;
	}
	if ((ap->f = fdopen(fd, "r")) == NULL)
		fatal("out of memory");
	/* Unbuffered: no copy of a passphrase in stdio's buffer. */
	setvbuf(ap->f, NULL, _IONBF, 0);
	ap->path = xstrdup(path);
	return 0;
}

/* Strips the line end of a read line. */
static void
chomp(char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* One line of the file into a secret buffer, or NULL after saying so. */
static char *
file_line(struct app_pass *ap, const char *what)
{
	char	*p = secret_alloc(SECRET_PASSMAX);

	if (fgets(p, SECRET_PASSMAX, ap->f) == NULL) {
		fprintf(stderr, _("onward: passphrase file '%s' has no line "
		    "for %s\n"), ap->path, what);
		secret_free(p);
		return NULL;
	}
	chomp(p);
	return p;
}

static volatile sig_atomic_t tty_signal;

static void
tty_on_signal(int sig)
{
	tty_signal = sig;
}

/*
 * Typed at the terminal tty after prompt, without echo, into a secret
 * buffer; NULL on end of input.  ^C (or a SIGTERM, SIGHUP) while typing
 * turns echo back on before the signal ends the program: the terminal is
 * never left silent.
 */
static char *
tty_line(int tty, const char *prompt)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction	 sa, saved[nitems(sigs)];
	struct termios		 old, quiet;
	char			*p = secret_alloc(SECRET_PASSMAX), c;
	size_t			 n = 0, i;
	ssize_t			 r = 0;
	int			 restore;

	(void)write(tty, prompt, strlen(prompt));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tty_on_signal;
	sigemptyset(&sa.sa_mask);
	tty_signal = 0;
	for (i = 0; i < nitems(sigs); i++)
		sigaction(sigs[i], &sa, &saved[i]);	/* no SA_RESTART */
	restore = tcgetattr(tty, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK);
		quiet.c_lflag |= ICANON;
		(void)tcsetattr(tty, TCSAFLUSH, &quiet);
	}
	while (!tty_signal && (r = read(tty, &c, 1)) == 1 && c != '\n') {
		if (n + 1 < SECRET_PASSMAX)
			p[n++] = c;
	}
	if (restore)
		(void)tcsetattr(tty, TCSAFLUSH, &old);
	(void)write(tty, "\n", 1);
	for (i = 0; i < nitems(sigs); i++)
		sigaction(sigs[i], &saved[i], NULL);
	if (tty_signal) {
		secret_free(p);
		raise(tty_signal);
		return NULL;
	}
	if (r != 1 && n == 0) {
		secret_free(p);
		return NULL;
	}
	chomp(p);
	return p;
}

char *
app_passphrase(struct app_pass *ap, const char *prompt, const char *what,
    bool confirm)
{
	char	*p, *again;
	int	 tty;

	if (ap->f != NULL)
		return file_line(ap, what);
	if ((tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		fprintf(stderr, _("onward: no terminal to ask %s on; use "
		    "--passphrase-file\n"), what);
		return NULL;
	}
	if ((p = tty_line(tty, prompt)) == NULL)
		fprintf(stderr, _("onward: no passphrase given\n"));
	else if (confirm) {
		again = tty_line(tty, _("Again: "));
		if (again == NULL || strcmp(p, again) != 0) {
			fprintf(stderr, _("onward: the two passphrases "
			    "differ\n"));
			secret_free(p);
			p = NULL;
		}
		secret_free(again);
	}
	close(tty);
	return p;
}

void
app_pass_close(struct app_pass *ap)
{
	if (ap->f != NULL)
		fclose(ap->f);
	free(ap->path);
	memset(ap, 0, sizeof *ap);
}

/* The rank of a role: worker 0, supervisor 1, admin 2; -1 for none. */
static int
role_rank(const char *role)
{
	static const char *const roles[] = { "worker", "supervisor", "admin" };
	size_t	i;

	for (i = 0; role != NULL && i < nitems(roles); i++) {
		if (strcmp(role, roles[i]) == 0)
			return (int)i;
	}
	return -1;
}

bool
app_signed_in_as(const struct app *app, const char *min_role)
{
	return app->account != NULL && app->role != NULL &&
	    role_rank(app->role) >= role_rank(min_role);
}

int
app_sign_in_with(struct app *app, const char *as, const char *pass,
    const char *min_role, const char *what, char **cause)
{
	struct store_account	 a;
	unsigned char		*key = NULL;
	char			*kerr = NULL;
	int			 rc;

	if (store_account_check(app->store, as, pass, &key, cause) == -1)
		return -1;
	if ((rc = store_account_get(app->store, as, &a, cause)) != 1) {
		if (rc == 0)
			*cause = xasprintf(_("no account '%s'"), as);
		secret_free(key);
		return -1;
	}
	if (min_role != NULL && role_rank(a.role) < role_rank(min_role)) {
		*cause = xasprintf(_("'%s' is a %s and may not %s: that needs "
		    "a %s or above"), as, a.role, what, min_role);
		store_account_clear(&a);
		secret_free(key);
		return -1;
	}
	/* A store older than device keys gets them now; a read-only one
	 * gets them at a later sign-in. */
	if (store_keys_make(app->store, key, &kerr) == -1)
		free(kerr);
	free(app->account);
	free(app->role);
	secret_free(app->store_key);
	app->account = xstrdup(a.name);
	app->role = xstrdup(a.role);
	app->store_key = key;
	store_account_clear(&a);
	return 0;
}

bool
app_pass_option(int ch, const char **as, const char **file)
{
	if (ch == APP_OPT_AS)
		*as = optarg;
	else if (ch == APP_OPT_PASSFILE)
		*file = optarg;
	else
		return false;
	return true;
}

const char *
app_as_given(const char *as)
{
	const char	*e;

	if (as != NULL)
		return as;
	if ((e = getenv("ONWARD_ACCOUNT")) != NULL && *e != '\0')
		return e;
	return NULL;
}

const char *
app_as(const struct app *app, const char *as)
{
	if ((as = app_as_given(as)) != NULL)
		return as;
	if (app->worker != NULL && *app->worker != '\0')
		return app->worker;
	return NULL;
}

/* The number of accounts of app's store into *n: 0, or -1 after
 * printing why not. */
static int
count_accounts(struct app *app, size_t *n)
{
	char	*cause;

	if (store_account_count(app->store, n, &cause) == 0)
		return 0;
	fprintf(stderr, "onward: %s\n", cause);
	free(cause);
	return -1;
}

int
app_has_accounts(struct app *app, const char *what)
{
	size_t	n;

	if (count_accounts(app, &n) == -1)
		return -1;
	if (n > 0)
		return 0;
	fprintf(stderr, _("onward: this store has no account yet: to %s, "
	    "make the first with 'onward account add NAME --role admin' "
	    "(headquarters) or '--role worker' (a field laptop), which keeps "
	    "every record, then sign in with --as NAME\n"), what != NULL ?
	    what : _("do this"));
	return -1;
}

int
app_sign_in(struct app *app, struct app_pass *pass, const char *as,
    const char *min_role, const char *what)
{
	char	*prompt, *asked, *p, *cause = NULL;
	int	 rc;

	if (app_has_accounts(app, what) == -1)
		return -1;
	if ((as = app_as(app, as)) == NULL) {
		fprintf(stderr, _("onward: this store has accounts: sign in "
		    "with --as ACCOUNT (or ONWARD_ACCOUNT) to %s\n"),
		    what != NULL ? what : _("do this"));
		return -1;
	}
	prompt = xasprintf(_("Passphrase for '%s': "), as);
	asked = xasprintf(_("the passphrase of '%s'"), as);
	p = app_passphrase(pass, prompt, asked, false);
	free(prompt);
	free(asked);
	if (p == NULL)
		return -1;
	rc = app_sign_in_with(app, as, p, min_role, what, &cause);
	secret_free(p);
	if (rc == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
	}
	return rc;
}

int
app_sign_in_file(struct app *app, const char *as, const char *file,
    const char *min_role, const char *what)
{
	struct app_pass	pass;
	int		rc;

	if (app_signed_in_as(app, min_role) && (as = app_as(app, as)) != NULL &&
	    strcmp(as, app->account) == 0)
		return 0;
	if (app_has_accounts(app, what) == -1)
		return -1;
	if (app_pass_open(&pass, file) == -1)
		return -1;
	rc = app_sign_in(app, &pass, as, min_role, what);
	app_pass_close(&pass);
	return rc;
}

int
app_sign_in_reader(struct app *app, const char *as, const char *file,
    const char *min_role, const char *what)
{
	size_t	n;

	if (count_accounts(app, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	return app_sign_in_file(app, as, file, min_role, what);
}

char *
app_author(struct app *app, const char *as, const char *min_role,
    const char *what)
{
	if (app_sign_in_file(app, as, app->passfile, min_role, what) == -1)
		return NULL;
	return xstrdup(app->account);
}
