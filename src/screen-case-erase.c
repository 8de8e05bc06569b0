/*
 * screen-case-erase.c: erasing the case shown on the case page
 * (screen-case.h), as `onward erase` does: a supervisor or an admin
 * signed in types the reason, answers a yes/no question naming the
 * case, and store_erase_cases empties its values for good, here and in
 * every store that merges the erasure.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "i18n.h"
#include "screen-case.h"
#include "store.h"
#include "tui.h"
#include "util.h"

/* What the question erases when the answer is yes: one allocation
 * (the question frees it with free), the reason after the id. */
struct erase_order {
	void	(*erased)(void);
	char	*reason;	/* in buf */
	char	 buf[];		/* the case id, NUL, the reason */
};

void
screen_case_erase_free(struct case_erase *e)
{
	if (e->init)
		tui_text_free(&e->reason);
	e->init = false;
	e->typing = false;
	free(e->case_id);
	free(e->name);
	e->case_id = e->name = NULL;
}

int
screen_case_erase_start(struct case_erase *e, const char *case_id,
    const char *name, bool erased)
{
	if (!app_signed_in_as(tui.app, "supervisor")) {
		tui_error("%s", _("erasing a case needs a supervisor or an "
		    "admin signed in"));
		return TUI_REDRAW;
	}
	if (erased) {
		tui_error("%s", _("this case is erased already"));
		return TUI_REDRAW;
	}
	screen_case_erase_free(e);
	tui_text_init(&e->reason);
	e->init = true;
	e->typing = true;
	e->case_id = xstrdup(case_id);
	e->name = xstrdup(name != NULL ? name : case_id);
	return TUI_REDRAW;
}

/* tui_ask callback: erases the case of arg, a struct erase_order. */
static int
erase_answered(void *arg, bool yes)
{
	struct erase_order	*o = arg;
	char			*cause, *ids[1];

	if (yes) {
		ids[0] = o->buf;
		if (store_erase_cases(tui.app->store, ids, 1, o->reason,
		    tui.app->account, &cause) == -1) {
			tui_error("%s", cause);
			free(cause);
		} else
			tui_message("%s", _("The case is erased."));
		if (o->erased != NULL)
			o->erased();
	}
	return TUI_REDRAW;
}

int
screen_case_erase_key(struct case_erase *e, int key)
{
	struct erase_order	*o;
	char			*q;
	size_t			 idlen, rlen;

	if (key == TUI_ESC) {
		screen_case_erase_free(e);
		return TUI_REDRAW;
	}
	if (key != TUI_ENTER)
		return tui_text_key(&e->reason, key) ? TUI_REDRAW : TUI_NONE;
	if (e->reason.len == 0) {
		tui_error("%s", _("an erasure needs a reason"));
		return TUI_REDRAW;
	}
	idlen = strlen(e->case_id) + 1;
	rlen = strlen(e->reason.s) + 1;
	o = xmalloc(sizeof *o + idlen + rlen);
	memcpy(o->buf, e->case_id, idlen);
	o->reason = o->buf + idlen;
	memcpy(o->reason, e->reason.s, rlen);
	o->erased = e->erased;
	q = xasprintf(_("Erase the case %s for good? Its values cannot come "
	    "back."), e->name);
	screen_case_erase_free(e);
	tui_ask(q, false, erase_answered, o);
	free(q);
	return TUI_REDRAW;
}

void
screen_case_erase_draw(struct case_erase *e)
{
	int	x;

	if (!e->typing)
		return;
	mvhline(LINES - 3, 0, ' ', COLS);
	x = tui_put(LINES - 3, 1, _("Reason for erasing:"), COLS / 3) + 2;
	tui_text_draw(&e->reason, LINES - 3, x, COLS - x - 1, true);
}
