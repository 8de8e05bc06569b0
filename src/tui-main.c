/*
 * tui-main.c: the terminal UI's entry point.  Opens the form pack and the
 * store before taking the terminal, owns the terminal while the UI runs
 * (stderr goes to a log beside the store so nothing stray reaches the
 * screen; a fatal error or a signal gives the terminal back and keeps the
 * answer being typed), and runs the main loop: read a key, route it, redraw
 * when a handler asks, and call the shown screen's idle hook when no key
 * comes for as long as the screen's table entry says.  KEY_RESIZE arrives as a key and simply redraws.
 */
#include "config.h"

#include "tui-curses.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "store-account.h"
#include "tui.h"
#include "util.h"

static int		 curses_on;
static int		 saved_stderr = -1;
static volatile sig_atomic_t got_signal;

/* Sends stderr to a log beside the store while curses owns the screen. */
static void
stderr_to_log(void)
{
	char	*dir;
	int	 fd;

	dir = tui_store_dir();
	free(tui.log_path);
	tui.log_path = xasprintf("%s/onward.log", dir);
	free(dir);
	fflush(stderr);
	fd = open(tui.log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0600);
	if (fd == -1)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd == -1)
		return;
	saved_stderr = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static void
stderr_restore(void)
{
	if (saved_stderr == -1)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
}

static void
curses_end(void)
{
	if (curses_on) {
		curs_set(1);
		endwin();
		curses_on = 0;
	}
	stderr_restore();
}

/* fatal(): keep what was typed, then give the terminal back. */
static void
tui_fatal_hook(void)
{
	static int	in_hook;

	if (in_hook++)
		return;
	tui_save_typing();
	curses_end();
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
signals_init(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: wake the key read */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static void
curses_start(void)
{
	initscr();
	curses_on = 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Home and End as PuTTY, the Linux console and rxvt send them, which
	 * many terminfo entries do not name: else Esc, then "[1~". */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	set_escdelay(25);
	tui_colours_init();
	curs_set(0);
}

/* 0 when the terminal can draw the screens (it moves the cursor and
 * clears the screen), else -1 having said why on stderr. */
static int
terminal_ok(void)
{
	const char	*term = getenv("TERM");
	SCREEN		*sp;
	bool		 ok;

	if (term == NULL || *term == '\0' || !isatty(STDOUT_FILENO) ||
	    (sp = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, _("onward: cannot draw on this terminal "
		    "(TERM=%s): run onward in a terminal, or use its verbs "
		    "(onward --help)\n"), term != NULL ? term : "");
		return -1;
	}
	ok = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1 &&
	    tigetstr("clear") != NULL && tigetstr("clear") != (char *)-1;
	endwin();
	delscreen(sp);
	if (ok)
		return 0;
	fprintf(stderr, _("onward: this terminal (TERM=%s) cannot move the "
	    "cursor, so the screens cannot be drawn; set TERM to your "
	    "terminal (xterm, linux, vt100...), or use onward's verbs "
	    "(onward --help)\n"), term);
	return -1;
}

/* Reads one key as an int (see TUI_FKEY); ERR on timeout or signal. */
static int
read_key(int *key)
{
	wint_t	wc;
	int	r;

	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return ERR;
	if (r == KEY_CODE_YES)
		*key = TUI_FKEY((int)wc);
	else if (wc == '\n')
		*key = TUI_ENTER;
	else
		*key = (int)wc;
	if (*key == TUI_FKEY(KEY_ENTER))
		*key = TUI_ENTER;
	return OK;
}

bool
tui_key_pending(void)
{
	wint_t	wc;
	int	r;

	if (!curses_on)
		return false;
	timeout(0);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return false;
	if (r == KEY_CODE_YES)
		ungetch((int)wc);
	else
		unget_wch((wchar_t)wc);
	return true;
}

/* Opens the forms and the store, before the terminal is taken over. */
static int
tui_open(struct app *app)
{
	tui.app = app;
	tui_languages_load();
	if (app_ready(app) == -1)
		return -1;
	return 0;
}

static void
tui_close(void)
{
	tui_close_all();
	free(tui.log_path);
	tui_languages_free();
	tui_reset();
}

/* The first screen: signing in on a store with accounts, else the first
 * run (only the worker's account on a store made before accounts). */
static void
tui_push_first(void)
{
	struct screen_firstrun_arg	 fa = { true };
	size_t				 n = 0;
	char				*cause = NULL;

	if (store_account_count(tui.app->store, &n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
	}
	if (n > 0)
		tui_push(SCREEN_SIGNIN, NULL);
	else if (tui.app->worker == NULL || *tui.app->worker == '\0')
		tui_push(SCREEN_FIRSTRUN, NULL);
	else
		tui_push(SCREEN_FIRSTRUN, &fa);
}

int
tui_main(struct app *app)
{
	const struct form	**changed;
	size_t			  nchanged;
	int			  key, r = TUI_REDRAW;

	if (tui_open(app) == -1 || terminal_ok() == -1) {
		tui_close();
		return 1;
	}
	fatal_add_hook(tui_fatal_hook);
	signals_init();
	stderr_to_log();
	curses_start();
	tui_lock_load();
	tui_push_first();
	/* A broken form is left out, a changed one kept its version: say so
	 * where the worker looks. */
	if ((nchanged = store_forms_changed(tui.app->store, tui.app->pack,
	    &changed)) > 0) {
		tui_error(ngettext("Form '%s' has changed without a new "
		    "version: see 'onward forms check'", "Form '%s' and %zu "
		    "more have changed without a new version: see 'onward "
		    "forms check'", nchanged), changed[0]->id, nchanged - 1);
		free(changed);
	}
	if (tui.app->pack->nleft_out > 0)
		tui_error(ngettext("%s has problems and is left out: see "
		    "'onward forms check'", "%s and %zu more forms have "
		    "problems and are left out: see 'onward forms check'",
		    tui.app->pack->nleft_out), tui.app->pack->left_out[0],
		    tui.app->pack->nleft_out - 1);
	/* Said last, so it is the one seen: without it names in other
	 * scripts would be blank with no reason given. */
	if (!i18n_utf8())
		tui_error("%s", _("This terminal's locale is not UTF-8: names "
		    "in other scripts cannot be shown. Set LANG to a UTF-8 "
		    "locale, e.g. LANG=C.UTF-8"));
	for (;;) {
		if (r & TUI_QUIT)
			break;
		if (got_signal)
			break;
		if (r & TUI_REDRAW)
			tui_draw();
		r = TUI_NONE;
		/* A screen with an idle hook (in a form, a pause in typing
		 * saves the field) waits for a key only so long. */
		timeout(tui_idle_ms());
		errno = 0;
		if (read_key(&key) == ERR) {
			if (errno == EINTR || got_signal)
				continue;
			if (tui_idle())
				r = TUI_REDRAW;
			continue;
		}
		r = tui_key(key);
	}
	tui_save_typing();
	curses_end();
	tui_close();
	/* Killed by a signal: say so in the status, as a shell would. */
	return got_signal ? 128 + got_signal : 0;
}
