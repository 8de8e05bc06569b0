/*
 * screen-firstrun.c: the first screen of a new store.  Asks the worker's
 * name, the site and the language, once; they are saved as settings of
 * the store and can be changed later in Settings.  It also makes the
 * store's first account: the worker's name, a passphrase typed twice
 * (shown as bullets) and whether this laptop is a field laptop (a worker)
 * or headquarters (an admin); the worker is then signed in.  On a store
 * made before accounts (a worker set, no account) it asks only for that
 * account, the name filled in.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "store-account.h"
#include "tui.h"
#include "util.h"

enum {
	FA_NEXT,
	FA_PREV,
	FA_SAVE,
	FA_QUIT,
	FA_LANG_PREV,
	FA_LANG_NEXT
};
static const struct tui_key firstrun_key_list[] = {
	{ FA_NEXT,	{ TUI_TAB, TUI_FKEY(KEY_DOWN), TUI_ENTER },
	  N_("Next"), TUI_KEY_LINE },
	{ FA_PREV,	{ TUI_FKEY(KEY_BTAB), TUI_FKEY(KEY_UP) },
	  N_("Previous"), 0 },
	{ FA_SAVE,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('s') },	N_("Start"), TUI_KEY_LINE },
	{ FA_QUIT,	{ TUI_FKEY(KEY_F(10)), TUI_CTRL('q') },	N_("Quit"), TUI_KEY_LINE },
	{ FA_LANG_PREV,	{ TUI_FKEY(KEY_LEFT) },
	  N_("Previous choice"), TUI_KEY_NOTEXT },
	{ FA_LANG_NEXT,	{ TUI_FKEY(KEY_RIGHT), ' ' },
	  N_("Next choice"), TUI_KEY_NOTEXT },
};
static const struct tui_keymap firstrun_keys = {
	N_("First run"), firstrun_key_list, nitems(firstrun_key_list)
};

/* The fields, in the order Tab visits them. */
enum fr_field { F_NAME, F_SITE, F_LANG, F_PASS, F_AGAIN, F_ROLE };
static const enum fr_field all_fields[] = {
	F_NAME, F_SITE, F_LANG, F_PASS, F_AGAIN, F_ROLE
};
static const enum fr_field account_fields[] = {
	F_NAME, F_PASS, F_AGAIN, F_ROLE
};

static struct {
	struct tui_text		 name, site, pass, again;
	const enum fr_field	*fields;
	int			 nfields;
	int			 focus;		/* an index into fields */
	size_t			 lang;
	bool			 hq;		/* headquarters: an admin */
	bool			 account_only;
	bool			 open;
} fr;

static int
firstrun_open(const void *arg)
{
	const struct screen_firstrun_arg	*a = arg;

	fr.account_only = a != NULL && a->account_only;
	fr.fields = fr.account_only ? account_fields : all_fields;
	fr.nfields = fr.account_only ? (int)nitems(account_fields) :
	    (int)nitems(all_fields);
	tui_text_init(&fr.name);
	tui_text_init(&fr.site);
	tui_text_init(&fr.pass);
	tui_text_init(&fr.again);
	fr.focus = 0;
	if (fr.account_only && tui.app->worker != NULL) {
		tui_text_set(&fr.name, tui.app->worker);
		fr.focus = 1;
	}
	fr.lang = 0;
	fr.hq = false;
	fr.open = true;
	return 0;
}

static void
firstrun_close(void)
{
	if (!fr.open)
		return;
	tui_text_free(&fr.name);
	tui_text_free(&fr.site);
	tui_text_wipe(&fr.pass);
	tui_text_wipe(&fr.again);
	fr.open = false;
}

/* The field with the focus. */
static enum fr_field
focused(void)
{
	return fr.fields[fr.focus];
}

/* The text fields are typed; the role and the language are chosen with
 * keys. */
static bool
firstrun_typing(void)
{
	return focused() != F_ROLE && focused() != F_LANG;
}

/* The label of a field. */
static const char *
field_label(enum fr_field f)
{
	switch (f) {
	case F_NAME:
		return _("Your name");
	case F_SITE:
		return _("Site");
	case F_PASS:
		return _("Passphrase");
	case F_AGAIN:
		return _("Again");
	case F_ROLE:
		return _("This laptop");
	case F_LANG:
		return _("Language");
	}
	return "";
}

/* Draws a choice shown as "< value >", selected when focused. */
static void
draw_choice(int y, int x, int w, const char *value, bool focus)
{
	char	*sel = xasprintf("< %s >", value);

	if (focus)
		attron(tui_attr(TR_SELECTED));
	tui_put(y, x, sel, w);
	if (focus)
		attroff(tui_attr(TR_SELECTED));
	free(sel);
}

/* Draws the intro, wrapped, from line y; returns the next line. */
static int
draw_intro(int y)
{
	size_t		*st, *ln, n, i;
	const char	*intro;

	intro = fr.account_only ? _("This store has no account yet. Choose "
	    "a passphrase for your account; it is asked when Onward starts "
	    "and after a pause.") : _("This store is new. Tell Onward who you "
	    "are and where you work; it is asked only once and can be changed "
	    "in Settings.");
	n = tui_wrap(intro, COLS - 4, &st, &ln);
	for (i = 0; i < n; i++) {
		char	*line = xstrndup(intro + st[i], ln[i]);

		tui_put(y++, 2, line, COLS - 4);
		free(line);
	}
	free(st);
	free(ln);
	return y;
}

static void
firstrun_draw(void)
{
	int	 y, lx = 2, fx = 0, fw, i, fy;

	tui_draw_title(_("Welcome to Onward"), NULL);
	y = draw_intro(2) + 1;
	for (i = 0; i < fr.nfields; i++) {
		if (fx < lx + 2 + tui_width(field_label(fr.fields[i])))
			fx = lx + 2 + tui_width(field_label(fr.fields[i]));
	}
	fw = COLS - fx - 2;
	if (fw > 40)
		fw = 40;
	for (i = 0; i < fr.nfields; i++) {
		fy = y + 2 * i;
		if (fy >= LINES - 3)
			break;
		tui_put(fy, lx, field_label(fr.fields[i]), fx - lx);
		switch (fr.fields[i]) {
		case F_NAME:
			tui_text_draw(&fr.name, fy, fx, fw, i == fr.focus);
			break;
		case F_SITE:
			tui_text_draw(&fr.site, fy, fx, fw, i == fr.focus);
			break;
		case F_PASS:
			tui_text_draw_hidden(&fr.pass, fy, fx, fw,
			    i == fr.focus);
			break;
		case F_AGAIN:
			tui_text_draw_hidden(&fr.again, fy, fx, fw,
			    i == fr.focus);
			break;
		case F_ROLE:
			draw_choice(fy, fx, fw, fr.hq ? _("headquarters") :
			    _("a field laptop"), i == fr.focus);
			break;
		case F_LANG:
			draw_choice(fy, fx, fw, tui_languages[fr.lang].name,
			    i == fr.focus);
			break;
		}
		if (i == fr.focus && !firstrun_typing() && fy + 1 < LINES - 3) {
			attron(tui_attr(TR_DIM));
			tui_put(fy + 1, fx, _("Left and Right change the "
			    "choice"), COLS - fx - 1);
			attroff(tui_attr(TR_DIM));
		}
	}
	tui_draw_helpline();
}

/* Moves the focus to field f and says msg; returns the reaction. */
static int
refuse(enum fr_field f, const char *msg)
{
	int	i;

	for (i = 0; i < fr.nfields; i++) {
		if (fr.fields[i] == f)
			fr.focus = i;
	}
	tui_error("%s", msg);
	return TUI_REDRAW;
}

/* Makes the first account and signs it in; -1 after saying why not. */
static int
make_account(void)
{
	char	*cause = NULL;

	if (store_account_add(tui.app->store, fr.name.s, fr.hq ? "admin" :
	    "worker", fr.pass.s, NULL, &cause) == -1 ||
	    app_sign_in_with(tui.app, fr.name.s, fr.pass.s, NULL, NULL,
	    &cause) == -1) {
		tui_error(_("cannot make the account: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
firstrun_save(void)
{
	char	*cause = NULL;

	if (fr.name.len == 0)
		return refuse(F_NAME, _("type your name first"));
	if (fr.pass.len == 0)
		return refuse(F_PASS, _("choose a passphrase"));
	if (store_account_pass_ok(fr.pass.s, &cause) == -1) {
		refuse(F_PASS, cause);
		free(cause);
		return TUI_REDRAW;
	}
	if (strcmp(fr.pass.s, fr.again.s) != 0)
		return refuse(F_AGAIN, _("the two passphrases differ"));
	if (app_set_setting(tui.app, "worker", fr.name.s, &cause) == -1 ||
	    (!fr.account_only &&
	    (app_set_setting(tui.app, "site", fr.site.s, &cause) == -1 ||
	    app_set_setting(tui.app, "language", tui_languages[fr.lang].code,
	    &cause) == -1))) {
		tui_error(_("cannot save the settings: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	if (make_account() == -1)
		return TUI_REDRAW;
	free(tui.app->worker);
	tui.app->worker = xstrdup(tui.app->account);
	tui_lock_load();
	tui_switch(SCREEN_CASES, NULL);
	tui_message(_("Welcome, %s."), tui.app->worker);
	return TUI_REDRAW;
}

/* Left or Right on the role or the language: the next choice. */
static void
change_choice(bool forward)
{
	if (focused() == F_ROLE) {
		fr.hq = !fr.hq;
		return;
	}
	fr.lang = forward ? (fr.lang + 1) % tui_nlanguages :
	    (fr.lang + tui_nlanguages - 1) % tui_nlanguages;
	i18n_set_language(tui_languages[fr.lang].code);
}

/* The text field with the focus, or NULL. */
static struct tui_text *
focused_text(void)
{
	switch (focused()) {
	case F_NAME:
		return &fr.name;
	case F_SITE:
		return &fr.site;
	case F_PASS:
		return &fr.pass;
	case F_AGAIN:
		return &fr.again;
	default:
		return NULL;
	}
}

static int
firstrun_key(int key)
{
	struct tui_text	*t;

	switch (tui_key_action(&firstrun_keys, key, firstrun_typing())) {
	case FA_NEXT:
		if (key == TUI_ENTER && fr.focus == fr.nfields - 1)
			return firstrun_save();
		fr.focus = (fr.focus + 1) % fr.nfields;
		return TUI_REDRAW;
	case FA_PREV:
		fr.focus = (fr.focus + fr.nfields - 1) % fr.nfields;
		return TUI_REDRAW;
	case FA_SAVE:
		return firstrun_save();
	case FA_QUIT:
		return TUI_QUIT;
	case FA_LANG_PREV:	/* on a choice: no text is typed */
		change_choice(false);
		return TUI_REDRAW;
	case FA_LANG_NEXT:
		change_choice(true);
		return TUI_REDRAW;
	}
	if ((t = focused_text()) != NULL && tui_text_key(t, key))
		return TUI_REDRAW;
	return TUI_NONE;
}

const struct screen screen_firstrun = {
	.id = SCREEN_FIRSTRUN,
	.title = N_("First run"),
	.keys = &firstrun_keys,
	.open = firstrun_open,
	.close = firstrun_close,
	.draw = firstrun_draw,
	.key = firstrun_key,
	.typing = firstrun_typing,
};
