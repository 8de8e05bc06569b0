/*
 * screen-handover.c: handing a worker's caseload to another, for a
 * supervisor (reached from the case list, F12).  It lists the accounts of
 * this store with how many open cases each owns; Enter on one chooses the
 * worker whose cases go, Enter on another the worker who takes them, and
 * after a yes/no question every open case of the first is assigned to
 * the second as `onward assign --from A --to B` does (store-owner.c).
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "store-account.h"
#include "tui.h"
#include "util.h"

enum {
	HO_CHOOSE,
	HO_BACK,
	HO_UP,
	HO_DOWN
};
static const struct tui_key handover_key_list[] = {
	{ HO_CHOOSE,	{ TUI_ENTER },			N_("Choose"),
	  TUI_KEY_LINE },
	{ HO_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ HO_UP,	{ TUI_FKEY(KEY_UP) },		N_("Previous"), 0 },
	{ HO_DOWN,	{ TUI_FKEY(KEY_DOWN) },		N_("Next"), 0 },
};
static const struct tui_keymap handover_keys = {
	N_("Hand over cases"), handover_key_list, nitems(handover_key_list)
};

static struct {
	struct store_account	*v;		/* every account */
	size_t			 n;
	size_t			*open;		/* open cases each owns */
	size_t			 sel;
	int			 from;		/* chosen first, -1 none */
} ho;

static void
handover_free(void)
{
	store_account_free(ho.v, ho.n);
	free(ho.open);
	ho.v = NULL;
	ho.open = NULL;
	ho.n = 0;
}

/* Reads the accounts and their open cases anew. */
static void
handover_load(void)
{
	char	**ids, *cause;
	size_t	  i, k, n;

	handover_free();
	if (store_account_list(tui.app->store, &ho.v, &ho.n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
		ho.v = NULL;
		ho.n = 0;
	}
	ho.open = xcalloc(ho.n + 1, sizeof *ho.open);
	for (i = 0; i < ho.n; i++) {
		if (store_owned_cases(tui.app->store, ho.v[i].name, true, &ids,
		    &n, &cause) == -1) {
			free(cause);
			continue;
		}
		ho.open[i] = n;
		for (k = 0; k < n; k++)
			free(ids[k]);
		free(ids);
	}
	if (ho.sel >= ho.n)
		ho.sel = ho.n > 0 ? ho.n - 1 : 0;
}

static int
handover_open(const void *arg)
{
	(void)arg;
	ho.sel = 0;
	ho.from = -1;
	handover_load();
	return 0;
}

static void
handover_close(void)
{
	handover_free();
}

static bool
handover_typing(void)
{
	return false;
}

static void
handover_draw(void)
{
	char	*s;
	size_t	 i;
	int	 y = 3, attr;

	tui_draw_title(_("Hand over cases"), tui.app->site);
	attron(tui_attr(TR_HEADING));
	tui_put(1, 1, ho.from < 0 ? _("Whose open cases go? Choose the "
	    "worker (Enter).") : _("Who takes them? Choose the worker "
	    "(Enter)."), COLS - 2);
	attroff(tui_attr(TR_HEADING));
	for (i = 0; i < ho.n && y < LINES - 3; i++, y++) {
		/* TRANSLATORS: an account, its role and its open cases. */
		s = xasprintf(ngettext("%-20s %-10s %zu open case%s",
		    "%-20s %-10s %zu open cases%s", ho.open[i]), ho.v[i].name,
		    ho.v[i].role, ho.open[i], (int)i == ho.from ?
		    _("  <- their cases go") : "");
		attr = i == ho.sel ? tui_attr(TR_SELECTED) : ho.v[i].disabled ?
		    tui_attr(TR_DIM) : 0;
		attron(attr);
		tui_put_pad(y, 2, s, COLS - 4);
		attroff(attr);
		free(s);
		if (i == ho.sel)
			mvaddch(y, 0, '>');
	}
	tui_draw_helpline();
}

/* tui_ask callback: hands the chosen worker's open cases over to the
 * one selected. */
static int
handed(void *arg, bool yes)
{
	char	**ids = NULL, *cause;
	size_t	  n = 0, changed, i;

	(void)arg;
	if (!yes || ho.from < 0 || ho.sel >= ho.n)
		return TUI_REDRAW;
	if (store_owned_cases(tui.app->store, ho.v[ho.from].name, true, &ids,
	    &n, &cause) == -1 || store_assign(tui.app->store, ids, n,
	    ho.v[ho.sel].name, tui.app->account, &changed, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
	} else
		tui_message(ngettext("%zu case handed over to %s.",
		    "%zu cases handed over to %s.", changed), changed,
		    ho.v[ho.sel].name);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	ho.from = -1;
	handover_load();
	return TUI_REDRAW;
}

/* Enter: the worker whose cases go, then the one who takes them. */
static int
choose(void)
{
	char	*q;

	if (ho.sel >= ho.n)
		return TUI_NONE;
	if (ho.from < 0) {
		if (ho.open[ho.sel] == 0) {
			tui_error(_("%s has no open case"), ho.v[ho.sel].name);
			return TUI_REDRAW;
		}
		ho.from = (int)ho.sel;
		return TUI_REDRAW;
	}
	if ((int)ho.sel == ho.from) {
		ho.from = -1;
		return TUI_REDRAW;
	}
	q = xasprintf(ngettext("Hand over %zu open case of %s to %s?",
	    "Hand over %zu open cases of %s to %s?", ho.open[ho.from]),
	    ho.open[ho.from], ho.v[ho.from].name, ho.v[ho.sel].name);
	tui_ask(q, false, handed, NULL);
	free(q);
	return TUI_REDRAW;
}

static int
handover_key(int key)
{
	switch (tui_key_action(&handover_keys, key, false)) {
	case HO_CHOOSE:
		return choose();
	case HO_BACK:
		if (ho.from >= 0)
			ho.from = -1;
		else
			tui_pop();
		return TUI_REDRAW;
	case HO_UP:
		if (ho.sel > 0)
			ho.sel--;
		return TUI_REDRAW;
	case HO_DOWN:
		if (ho.sel + 1 < ho.n)
			ho.sel++;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_handover = {
	.id = SCREEN_HANDOVER,
	.title = N_("Hand over cases"),
	.keys = &handover_keys,
	.open = handover_open,
	.close = handover_close,
	.draw = handover_draw,
	.key = handover_key,
	.typing = handover_typing,
};
