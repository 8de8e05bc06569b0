/*
 * screen-signin.c: signing in, and the lock screen.  On a store with
 * accounts the UI starts here: the account (the worker setting to begin
 * with) and its passphrase, shown as bullets; the signed-in account is
 * then the author of everything the UI saves.  Opened with lock set (after
 * lock_minutes without a key, see tui_idle in tui.c) it is the lock
 * screen: it shows nothing of any person but the signed-in account's name
 * and asks its passphrase; the right one returns to the screen below,
 * untouched, F10 quits with what was typed kept as a draft.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "screen.h"
#include "store-account.h"
#include "tui.h"
#include "util.h"

enum {
	SI_NEXT,
	SI_PREV,
	SI_SIGN_IN,
	SI_QUIT
};
static const struct tui_key signin_key_list[] = {
	{ SI_NEXT,	{ TUI_TAB, TUI_FKEY(KEY_DOWN), TUI_ENTER },
	  N_("Next"), 0 },
	{ SI_PREV,	{ TUI_FKEY(KEY_BTAB), TUI_FKEY(KEY_UP) },
	  N_("Previous"), 0 },
	{ SI_SIGN_IN,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('s') },
	  N_("Sign in"), TUI_KEY_LINE },
	{ SI_QUIT,	{ TUI_FKEY(KEY_F(10)), TUI_CTRL('q') },
	  N_("Quit"), TUI_KEY_LINE },
};
static const struct tui_keymap signin_keys = {
	N_("Sign in"), signin_key_list, nitems(signin_key_list)
};

static struct {
	struct tui_text	name, pass;
	int		focus;		/* 0 the account, 1 the passphrase */
	bool		lock;
	bool		open;
} si;

static int
signin_open(const void *arg)
{
	const struct screen_signin_arg	*a = arg;

	si.lock = a != NULL && a->lock;
	tui_text_init(&si.name);
	tui_text_init(&si.pass);
	if (si.lock)
		tui_text_set(&si.name, tui.app->account);
	else if (tui.app->worker != NULL)
		tui_text_set(&si.name, tui.app->worker);
	si.focus = si.lock || si.name.len > 0 ? 1 : 0;
	si.open = true;
	return 0;
}

static void
signin_close(void)
{
	if (!si.open)
		return;
	tui_text_free(&si.name);
	tui_text_wipe(&si.pass);
	si.open = false;
}

/* Both fields are typed. */
static bool
signin_typing(void)
{
	return true;
}

static void
signin_draw(void)
{
	char	*s;
	int	 y = 3, fx, fw;

	if (si.lock) {
		/* Nothing of any person: no title but the program's. */
		tui_draw_title("Onward", NULL);
		s = xasprintf(_("Locked: type the passphrase of %s"),
		    si.name.s);
		tui_put(y, 2, s, COLS - 4);
		free(s);
		fw = COLS - 6 > 40 ? 40 : COLS - 6;
		tui_text_draw_hidden(&si.pass, y + 2, 2, fw, true);
		tui_draw_helpline();
		return;
	}
	tui_draw_title(_("Sign in"), NULL);
	fx = 2 + 2 + tui_width(_("Account"));
	if (fx < 2 + 2 + tui_width(_("Passphrase")))
		fx = 2 + 2 + tui_width(_("Passphrase"));
	fw = COLS - fx - 2 > 40 ? 40 : COLS - fx - 2;
	tui_put(y, 2, _("Account"), fx - 2);
	tui_put(y + 2, 2, _("Passphrase"), fx - 2);
	tui_text_draw(&si.name, y, fx, fw, si.focus == 0);
	tui_text_draw_hidden(&si.pass, y + 2, fx, fw, si.focus == 1);
	tui_draw_helpline();
}

/* Says why the passphrase was refused, with the count of wrong ones. */
static void
refused(const char *cause)
{
	struct store_account	 a;
	char			*ignored = NULL;

	if (store_account_get(tui.app->store, si.name.s, &a, &ignored) == 1 &&
	    a.failures > 0)
		tui_error(ngettext("%s: %d wrong passphrase in a row",
		    "%s: %d wrong passphrases in a row", a.failures), cause,
		    a.failures);
	else
		tui_error("%s", cause);
	store_account_clear(&a);
	free(ignored);
}

static int
signin_try(void)
{
	char	*cause = NULL;

	if (si.name.len == 0) {
		si.focus = 0;
		tui_error("%s", _("type the account's name first"));
		return TUI_REDRAW;
	}
	if (app_sign_in_with(tui.app, si.name.s, si.pass.s, NULL, NULL,
	    &cause) == -1) {
		refused(cause);
		free(cause);
		tui_text_wipe(&si.pass);
		tui_text_init(&si.pass);
		si.focus = 1;
		return TUI_REDRAW;
	}
	if (si.lock) {
		tui_pop();
		return TUI_REDRAW;
	}
	/* The author of everything the UI saves from now on. */
	free(tui.app->worker);
	tui.app->worker = xstrdup(tui.app->account);
	tui_switch(SCREEN_CASES, NULL);
	tui_message(_("Welcome, %s."), tui.app->worker);
	return TUI_REDRAW;
}

static int
signin_key(int key)
{
	switch (tui_key_action(&signin_keys, key, signin_typing())) {
	case SI_NEXT:
		if (key == TUI_ENTER && si.focus == 1)
			return signin_try();
		if (!si.lock)
			si.focus = (si.focus + 1) % 2;
		return TUI_REDRAW;
	case SI_PREV:
		if (!si.lock)
			si.focus = (si.focus + 1) % 2;
		return TUI_REDRAW;
	case SI_SIGN_IN:
		return signin_try();
	case SI_QUIT:
		return TUI_QUIT;
	}
	if (si.focus == 0 && tui_text_key(&si.name, key))
		return TUI_REDRAW;
	if (si.focus == 1 && tui_text_key(&si.pass, key))
		return TUI_REDRAW;
	return TUI_NONE;
}

const struct screen screen_signin = {
	.id = SCREEN_SIGNIN,
	.title = N_("Sign in"),
	.keys = &signin_keys,
	.open = signin_open,
	.close = signin_close,
	.draw = signin_draw,
	.key = signin_key,
	.typing = signin_typing,
};
