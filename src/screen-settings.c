/*
 * screen-settings.c: the settings of this store: the language (it switches
 * at once, no restart), the worker's name, the site and the minutes
 * without a key before the lock screen (lock_minutes, 0 never).  Each is
 * saved as a store setting the moment it is chosen or confirmed.  The
 * worker setting is the laptop's worker (the name the sign-in screen
 * offers); what the UI saves stays by the account signed in.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	SA_BACK,
	SA_NEXT,
	SA_PREV,
	SA_SAVE,
	SA_LANG_PREV,
	SA_LANG_NEXT
};
static const struct tui_key settings_key_list[] = {
	{ SA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },
	  N_("Back"), TUI_KEY_LINE },
	{ SA_SAVE,	{ TUI_ENTER, TUI_FKEY(KEY_F(2)) },
	  N_("Save"), TUI_KEY_LINE },
	{ SA_NEXT,	{ TUI_TAB, TUI_FKEY(KEY_DOWN) },
	  N_("Next"), TUI_KEY_LINE },
	{ SA_PREV,	{ TUI_FKEY(KEY_BTAB), TUI_FKEY(KEY_UP) },
	  N_("Previous"), 0 },
	{ SA_LANG_PREV,	{ TUI_FKEY(KEY_LEFT) },
	  N_("Previous language"), TUI_KEY_NOTEXT },
	{ SA_LANG_NEXT,	{ TUI_FKEY(KEY_RIGHT), ' ' },
	  N_("Next language"), TUI_KEY_NOTEXT },
};
static const struct tui_keymap settings_keys = {
	N_("Settings"), settings_key_list, nitems(settings_key_list)
};

static struct {
	struct tui_text	worker, site, lock;
	int		focus;		/* 0 language, 1 worker, 2 site,
					   3 lock minutes */
	size_t		lang;
	bool		open;
} st;

static int
settings_open(const void *arg)
{
	const char	*cur = i18n_language();
	char		*v;
	size_t		 i;

	(void)arg;
	if (!st.open) {
		tui_text_init(&st.worker);
		tui_text_init(&st.site);
		tui_text_init(&st.lock);
		st.open = true;
	}
	v = store_setting(tui.app->store, "worker");
	tui_text_set(&st.worker, v);
	free(v);
	tui_text_set(&st.site, tui.app->site);
	v = store_setting(tui.app->store, "lock_minutes");
	tui_text_set(&st.lock, v != NULL ? v : "10");
	free(v);
	st.focus = 0;
	st.lang = 0;
	for (i = 0; i < tui_nlanguages; i++) {
		if (*tui_languages[i].code != '\0' &&
		    strncmp(cur, tui_languages[i].code,
		    strlen(tui_languages[i].code)) == 0)
			st.lang = i;
	}
	return 0;
}

static void
settings_close(void)
{
	if (!st.open)
		return;
	tui_text_free(&st.worker);
	tui_text_free(&st.site);
	tui_text_free(&st.lock);
	st.open = false;
}

/* The worker and the site are typed; the language is chosen with keys. */
static bool
settings_typing(void)
{
	return st.focus > 0;
}

static void
settings_draw(void)
{
	const char	*labels[4];
	char		*sel;
	int		 y = 2, fx = 0, fw, i, w;

	tui_draw_title(_("Settings"), tui.app->worker);
	labels[0] = _("Language");
	labels[1] = _("Worker");
	labels[2] = _("Site");
	labels[3] = _("Lock after (minutes)");
	for (i = 0; i < 4; i++) {
		w = tui_width(labels[i]);
		if (w > fx)
			fx = w;
	}
	fx += 4;
	fw = COLS - fx - 2;
	if (fw > 40)
		fw = 40;
	for (i = 0; i < 4; i++)
		tui_put(y + 2 * i, 2, labels[i], fx - 3);
	sel = xasprintf("< %s >", tui_languages[st.lang].name);
	if (st.focus == 0)
		attron(tui_attr(TR_SELECTED));
	tui_put(y, fx, sel, fw);
	if (st.focus == 0)
		attroff(tui_attr(TR_SELECTED));
	free(sel);
	tui_text_draw(&st.worker, y + 2, fx, fw, st.focus == 1);
	tui_text_draw(&st.site, y + 4, fx, fw, st.focus == 2);
	tui_text_draw(&st.lock, y + 6, fx, 6, st.focus == 3);
	attron(tui_attr(TR_DIM));
	tui_put(y + 9, 2, st.focus == 0 ?
	    _("Left and Right change the language; it applies at once.") :
	    st.focus == 3 ? _("Enter saves the field; 0 never locks.") :
	    _("Enter saves the field."), COLS - 4);
	if (tui.log_path != NULL) {
		char	*s = xasprintf(_("Store: %s"), tui.app->db_path);

		tui_put(y + 11, 2, s, COLS - 4);
		free(s);
		s = xasprintf(_("Log: %s"), tui.log_path);
		tui_put(y + 12, 2, s, COLS - 4);
		free(s);
	}
	attroff(tui_attr(TR_DIM));
	tui_draw_helpline();
}

/* Saves a setting (and, for the language, switches to it); says why not. */
static int
save_setting(const char *key, const char *value)
{
	char	*cause = NULL;

	if (app_set_setting(tui.app, key, value, &cause) == -1) {
		tui_error(_("cannot save the settings: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

static void
set_lang(size_t l)
{
	st.lang = l;
	if (save_setting("language", tui_languages[l].code) == 0)
		tui_message("%s", _("Language changed."));
}

/* Saves the lock minutes: a whole number, 0 for never. */
static void
save_lock(void)
{
	if (!app_lock_minutes_ok(st.lock.s)) {
		tui_error("%s", _("the lock time is a whole number of minutes "
		    "(0: never)"));
		return;
	}
	if (save_setting("lock_minutes", st.lock.s) == 0) {
		st.lock.changed = false;
		tui_lock_load();
		tui_message("%s", _("Saved."));
	}
}

static int
save_focused(void)
{
	if (st.focus == 1) {
		if (st.worker.len == 0) {
			tui_error("%s", _("the worker's name cannot be empty"));
			return TUI_REDRAW;
		}
		if (save_setting("worker", st.worker.s) == 0) {
			/* The author stays the account signed in. */
			if (tui.app->account != NULL) {
				free(tui.app->worker);
				tui.app->worker = xstrdup(tui.app->account);
			}
			st.worker.changed = false;
			tui_message("%s", _("Saved."));
		}
	} else if (st.focus == 2) {
		if (save_setting("site", st.site.s) == 0) {
			st.site.changed = false;
			tui_message("%s", _("Saved."));
		}
	} else if (st.focus == 3)
		save_lock();
	return TUI_REDRAW;
}

static int
leave(void *arg, bool yes)
{
	(void)arg;
	if (yes) {
		st.focus = 1;
		save_focused();
		st.focus = 2;
		save_focused();
		st.focus = 3;
		save_focused();
	}
	tui_pop();
	return TUI_REDRAW;
}

static int
settings_key(int key)
{
	switch (tui_key_action(&settings_keys, key, settings_typing())) {
	case SA_BACK:
		if (st.worker.changed || st.site.changed || st.lock.changed)
			tui_ask(_("Save the changes?"), true, leave, NULL);
		else
			tui_pop();
		return TUI_REDRAW;
	case SA_SAVE:
		return save_focused();
	case SA_NEXT:
		st.focus = (st.focus + 1) % 4;
		return TUI_REDRAW;
	case SA_PREV:
		st.focus = (st.focus + 3) % 4;
		return TUI_REDRAW;
	case SA_LANG_PREV:
		set_lang((st.lang + tui_nlanguages - 1) % tui_nlanguages);
		return TUI_REDRAW;
	case SA_LANG_NEXT:
		set_lang((st.lang + 1) % tui_nlanguages);
		return TUI_REDRAW;
	}
	if (st.focus == 1 && tui_text_key(&st.worker, key))
		return TUI_REDRAW;
	if (st.focus == 2 && tui_text_key(&st.site, key))
		return TUI_REDRAW;
	if (st.focus == 3 && tui_text_key(&st.lock, key))
		return TUI_REDRAW;
	return TUI_NONE;
}

const struct screen screen_settings = {
	.id = SCREEN_SETTINGS,
	.title = N_("Settings"),
	.keys = &settings_keys,
	.open = settings_open,
	.close = settings_close,
	.draw = settings_draw,
	.key = settings_key,
	.typing = settings_typing,
};
