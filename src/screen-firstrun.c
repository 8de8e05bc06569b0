/*
 * screen-firstrun.c: the first screen of a new store.  Asks the worker's
 * name, the site and the language, once; they are saved as settings of
 * the store and can be changed later in Settings.
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
	  N_("Previous language"), TUI_KEY_NOTEXT },
	{ FA_LANG_NEXT,	{ TUI_FKEY(KEY_RIGHT), ' ' },
	  N_("Next language"), TUI_KEY_NOTEXT },
};
static const struct tui_keymap firstrun_keys = {
	N_("First run"), firstrun_key_list, nitems(firstrun_key_list)
};

static struct {
	struct tui_text	name, site;
	int		focus;		/* 0 name, 1 site, 2 language */
	size_t		lang;
	bool		open;
} fr;

static int
firstrun_open(const void *arg)
{
	(void)arg;
	tui_text_init(&fr.name);
	tui_text_init(&fr.site);
	fr.focus = 0;
	fr.lang = 0;
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
	fr.open = false;
}

/* The name and the site are typed; the language is chosen with keys. */
static bool
firstrun_typing(void)
{
	return fr.focus < 2;
}

static void
firstrun_draw(void)
{
	char	*sel;
	int	 y = 2, lx = 2, fx, fw;
	size_t	*st, *ln, n, i;
	const char *intro;

	tui_draw_title(_("Welcome to Onward"), NULL);
	intro = _("This store is new. Tell Onward who you are and where you "
	    "work; it is asked only once and can be changed in Settings.");
	n = tui_wrap(intro, COLS - 4, &st, &ln);
	for (i = 0; i < n; i++) {
		char	*line = xstrndup(intro + st[i], ln[i]);

		tui_put(y++, 2, line, COLS - 4);
		free(line);
	}
	free(st);
	free(ln);
	y++;
	fx = lx + 2 + tui_width(_("Your name"));
	if (fx < lx + 2 + tui_width(_("Site")))
		fx = lx + 2 + tui_width(_("Site"));
	if (fx < lx + 2 + tui_width(_("Language")))
		fx = lx + 2 + tui_width(_("Language"));
	fw = COLS - fx - 2;
	if (fw > 40)
		fw = 40;
	tui_put(y, lx, _("Your name"), fx - lx);
	tui_put(y + 2, lx, _("Site"), fx - lx);
	tui_put(y + 4, lx, _("Language"), fx - lx);
	sel = xasprintf("< %s >", tui_languages[fr.lang].name);
	if (fr.focus == 2)
		attron(tui_attr(TR_SELECTED));
	tui_put(y + 4, fx, sel, fw);
	if (fr.focus == 2)
		attroff(tui_attr(TR_SELECTED));
	free(sel);
	tui_text_draw(&fr.name, y, fx, fw, fr.focus == 0);
	tui_text_draw(&fr.site, y + 2, fx, fw, fr.focus == 1);
	if (fr.focus == 2) {
		attron(tui_attr(TR_DIM));
		tui_put(y + 5, fx, _("Left and Right change the language"),
		    COLS - fx - 1);
		attroff(tui_attr(TR_DIM));
	}
	tui_draw_helpline();
}

static int
firstrun_save(void)
{
	char	*cause = NULL;

	if (fr.name.len == 0) {
		fr.focus = 0;
		tui_error("%s", _("type your name first"));
		return TUI_REDRAW;
	}
	if (app_set_setting(tui.app, "worker", fr.name.s, &cause) == -1 ||
	    app_set_setting(tui.app, "site", fr.site.s, &cause) == -1 ||
	    app_set_setting(tui.app, "language", tui_languages[fr.lang].code,
	    &cause) == -1) {
		tui_error(_("cannot save the settings: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	tui_switch(SCREEN_CASES, NULL);
	tui_message(_("Welcome, %s."), tui.app->worker);
	return TUI_REDRAW;
}

static void
set_lang(size_t l)
{
	fr.lang = l;
	i18n_set_language(tui_languages[l].code);
}

static int
firstrun_key(int key)
{
	switch (tui_key_action(&firstrun_keys, key, firstrun_typing())) {
	case FA_NEXT:
		if (key == TUI_ENTER && fr.focus == 2)
			return firstrun_save();
		fr.focus = (fr.focus + 1) % 3;
		return TUI_REDRAW;
	case FA_PREV:
		fr.focus = (fr.focus + 2) % 3;
		return TUI_REDRAW;
	case FA_SAVE:
		return firstrun_save();
	case FA_QUIT:
		return TUI_QUIT;
	case FA_LANG_PREV:	/* on the language: no text is typed */
		set_lang((fr.lang + tui_nlanguages - 1) % tui_nlanguages);
		return TUI_REDRAW;
	case FA_LANG_NEXT:
		set_lang((fr.lang + 1) % tui_nlanguages);
		return TUI_REDRAW;
	}
	if (fr.focus == 0 && tui_text_key(&fr.name, key))
		return TUI_REDRAW;
	if (fr.focus == 1 && tui_text_key(&fr.site, key))
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
