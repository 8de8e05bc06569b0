/*
 * screen-devices.c: the devices this store knows (enrolled, held,
 * revoked), each with its fingerprint, reached from the sync screen.  A
 * supervisor accepts a held device, which enrols it and merges its held
 * bundles, or refuses it, which drops them, as `onward devices
 * accept|refuse` does (app-merge.h), after a yes/no question.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-merge.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "keys.h"
#include "screen.h"
#include "store.h"
#include "store-keys.h"
#include "tui.h"
#include "util.h"

enum {
	DV_ACCEPT,
	DV_REFUSE,
	DV_BACK,
	DV_UP,
	DV_DOWN
};
static const struct tui_key devices_key_list[] = {
	{ DV_ACCEPT,	{ TUI_FKEY(KEY_F(2)), 'a' },	N_("Accept"),
	  TUI_KEY_LINE },
	{ DV_REFUSE,	{ TUI_FKEY(KEY_F(8)), 'r' },	N_("Refuse"),
	  TUI_KEY_LINE },
	{ DV_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ DV_UP,	{ TUI_FKEY(KEY_UP) },	N_("Previous"), 0 },
	{ DV_DOWN,	{ TUI_FKEY(KEY_DOWN) },	N_("Next"), 0 },
};
static const struct tui_keymap devices_keys = {
	N_("Devices"), devices_key_list, nitems(devices_key_list)
};

static struct {
	struct store_peer	*v;		/* every device known */
	size_t			 n;
	size_t			*held;		/* bundles held, per device */
	size_t			 sel;
	char			*said;		/* the last accept or refuse */
} dv;

/* Frees the list. */
static void
devices_free(void)
{
	store_peer_free(dv.v, dv.n);
	free(dv.held);
	dv.v = NULL;
	dv.held = NULL;
	dv.n = 0;
}

/* Reads the devices and their held bundles anew. */
static void
devices_load(void)
{
	struct strvec	 files;
	char		*cause;
	size_t		 i;

	devices_free();
	if (store_peer_list(tui.app->store, &dv.v, &dv.n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
		dv.v = NULL;
		dv.n = 0;
	}
	dv.held = xreallocarray(NULL, dv.n + 1, sizeof *dv.held);
	for (i = 0; i < dv.n; i++) {
		memset(&files, 0, sizeof files);
		if (store_held_files(tui.app->store, dv.v[i].sign_pk, &files,
		    &cause) == -1)
			free(cause);
		dv.held[i] = files.n;
		strvec_free(&files);
	}
	if (dv.sel >= dv.n)
		dv.sel = dv.n > 0 ? dv.n - 1 : 0;
}

static int
devices_open(const void *arg)
{
	(void)arg;
	dv.sel = 0;
	free(dv.said);
	dv.said = NULL;
	devices_load();
	return 0;
}

static void
devices_close(void)
{
	devices_free();
	free(dv.said);
	dv.said = NULL;
}

static bool
devices_typing(void)
{
	return false;
}

/* The word shown for a device's status. */
static const char *
status_word(const char *status)
{
	if (strcmp(status, "enrolled") == 0)
		return _("known");
	if (strcmp(status, "held") == 0)
		return _("held");
	if (strcmp(status, "revoked") == 0)
		return _("revoked");
	return status;
}

static void
devices_draw(void)
{
	char	 fp[KEYS_FP_SIZE], *s;
	size_t	 i;
	int	 y = 2, attr;

	tui_draw_title(_("Devices"), tui.app->site);
	attron(tui_attr(TR_HEADING));
	tui_put(1, 1, _("Devices this store knows, and held ones"), COLS - 2);
	attroff(tui_attr(TR_HEADING));
	if (dv.n == 0) {
		attron(tui_attr(TR_DIM));
		tui_put(y, 2, _("no devices known yet"), COLS - 4);
		attroff(tui_attr(TR_DIM));
	}
	for (i = 0; i < dv.n && y < LINES - 3; i++, y++) {
		keys_fingerprint(dv.v[i].sign_pk, fp);
		/* TRANSLATORS: a device: status, fingerprint, device id,
		 * role, bundles held. */
		s = xasprintf(_("%-8s %s  %s (%s), held bundles: %zu"),
		    status_word(dv.v[i].status), fp, dv.v[i].device,
		    dv.v[i].role, dv.held[i]);
		attr = i == dv.sel ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y, 2, s, COLS - 4);
		attroff(attr);
		free(s);
		if (i == dv.sel)
			mvaddch(y, 0, '>');
	}
	if (dv.said != NULL)
		tui_put(LINES - 3, 1, dv.said, COLS - 2);
	tui_draw_helpline();
}

/* Keeps what app-merge said, the last line shown. */
static void
on_say(void *arg, const char *msg)
{
	(void)arg;
	free(dv.said);
	dv.said = xstrdup(msg);
}

/* tui_ask callback: accepts (arg non-NULL) or refuses the device
 * selected. */
static int
decided(void *arg, bool yes)
{
	struct app_merge	 m;
	char			 fp[KEYS_FP_SIZE];
	bool			 accept = arg != NULL;
	size_t			 held;

	if (!yes || dv.sel >= dv.n)
		return TUI_REDRAW;
	held = dv.held[dv.sel];
	keys_fingerprint(dv.v[dv.sel].sign_pk, fp);
	memset(&m, 0, sizeof m);
	m.app = tui.app;
	m.say = on_say;
	if (app_merge_decide(&m, accept, fp) != 0)
		tui_error("%s", dv.said != NULL ? dv.said : _("not done"));
	else {
		free(dv.said);
		dv.said = xasprintf(accept ? _("Device %s accepted; %zu held "
		    "bundles merged.") : _("Device %s refused; %zu held "
		    "bundles dropped."), fp, held);
		tui_message("%s", dv.said);
	}
	app_merge_done(&m);
	devices_load();
	return TUI_REDRAW;
}

/* Asks whether to accept or refuse the device selected, when it is held
 * and a supervisor or admin is signed in. */
static int
ask(bool accept)
{
	char		 fp[KEYS_FP_SIZE], *q;

	if (dv.sel >= dv.n || strcmp(dv.v[dv.sel].status, "held") != 0) {
		tui_error("%s", _("choose a held device first"));
		return TUI_REDRAW;
	}
	if (!app_signed_in_as(tui.app, "supervisor")) {
		tui_error("%s", _("accepting or refusing a device needs a "
		    "supervisor or an admin signed in"));
		return TUI_REDRAW;
	}
	keys_fingerprint(dv.v[dv.sel].sign_pk, fp);
	q = xasprintf(accept ? _("Accept device %s (%s) and merge its "
	    "bundles?") : _("Refuse device %s (%s) and drop its bundles?"),
	    dv.v[dv.sel].device, fp);
	tui_ask(q, false, decided, accept ? xstrdup("accept") : NULL);
	free(q);
	return TUI_REDRAW;
}

static int
devices_key(int key)
{
	switch (tui_key_action(&devices_keys, key, false)) {
	case DV_ACCEPT:
		return ask(true);
	case DV_REFUSE:
		return ask(false);
	case DV_BACK:
		tui_pop();
		return TUI_REDRAW;
	case DV_UP:
		if (dv.sel > 0)
			dv.sel--;
		return TUI_REDRAW;
	case DV_DOWN:
		if (dv.sel + 1 < dv.n)
			dv.sel++;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_devices = {
	.id = SCREEN_DEVICES,
	.title = N_("Devices"),
	.keys = &devices_keys,
	.open = devices_open,
	.close = devices_close,
	.draw = devices_draw,
	.key = devices_key,
	.typing = devices_typing,
};
