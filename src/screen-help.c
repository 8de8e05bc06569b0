/*
 * screen-help.c: the help screen, generated from the key tables: the keys
 * of the screen it was opened from, the keys that work everywhere and the
 * editing keys of text fields.  Nothing here is written by hand, so help
 * cannot disagree with what the keys do.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screen.h"
#include "tui.h"
#include "util.h"

enum {
	HA_BACK,
	HA_UP,
	HA_DOWN,
	HA_PGUP,
	HA_PGDN
};
static const struct tui_key help_key_list[] = {
	{ HA_BACK,	{ TUI_ESC, 'q', TUI_FKEY(KEY_F(1)) },
	  N_("Back"), TUI_KEY_LINE },
	{ HA_UP,	{ TUI_FKEY(KEY_UP), 'k' },	N_("Scroll up"), 0 },
	{ HA_DOWN,	{ TUI_FKEY(KEY_DOWN), 'j' },	N_("Scroll down"), 0 },
	{ HA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Page up"), 0 },
	{ HA_PGDN,	{ TUI_FKEY(KEY_NPAGE), ' ' },	N_("Page down"), 0 },
};
static const struct tui_keymap help_keys = {
	N_("Help"), help_key_list, nitems(help_key_list)
};

static struct {
	enum screen_id	from;
	int		top;
} h;

/* Opens the help of the screen in arg (a struct screen_help_arg). */
static int
help_open(const void *arg)
{
	const struct screen_help_arg	*ha = arg;

	h.from = ha != NULL ? ha->from : SCREEN_CASES;
	h.top = 0;
	return 0;
}

/* The keys of one entry, "F2, ^N". */
static char *
keys_text(const struct tui_key *k)
{
	struct buf	b;
	char		kb[32];
	size_t		j;

	buf_init(&b);
	for (j = 0; j < nitems(k->keys) && k->keys[j] != 0; j++) {
		if (j > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, tui_key_name(k->keys[j], kb, sizeof kb));
	}
	return buf_detach(&b);
}

/* Calls fn for every line of help (heading or key), in order. */
static int
help_lines(int y0, int top, int rows, bool draw)
{
	const struct tui_keymap	*maps[3];
	size_t			 m, i;
	int			 n = 0, y;
	char			*keys;

	maps[0] = screen_get(h.from)->keys;
	maps[1] = &tui_global_keys;
	maps[2] = &tui_text_keys;
	for (m = 0; m < nitems(maps); m++) {
		if (m > 0)
			n++;
		y = y0 + n - top;
		if (draw && n >= top && n < top + rows) {
			attron(tui_attr(TR_HEADING));
			tui_put(y, 1, _(maps[m]->title), COLS - 2);
			attroff(tui_attr(TR_HEADING));
		}
		n++;
		for (i = 0; i < maps[m]->n; i++, n++) {
			y = y0 + n - top;
			if (!draw || n < top || n >= top + rows)
				continue;
			keys = keys_text(&maps[m]->v[i]);
			attron(A_BOLD);
			tui_put(y, 3, keys, 22);
			attroff(A_BOLD);
			tui_put(y, 26, _(maps[m]->v[i].label), COLS - 27);
			free(keys);
		}
	}
	return n;
}

static void
help_draw(void)
{
	char	*title;
	int	 rows = LINES - 4, n;

	title = xasprintf(_("Help: %s"), _(screen_get(h.from)->title));
	tui_draw_title(title, "Onward " PACKAGE_VERSION);
	free(title);
	n = help_lines(0, 0, 0, false);
	if (h.top > n - rows)
		h.top = n - rows;
	if (h.top < 0)
		h.top = 0;
	help_lines(2, h.top, rows, true);
	tui_draw_helpline();
}

static int
help_key(int key)
{
	switch (tui_key_action(&help_keys, key, false)) {
	case HA_BACK:
		tui_pop();
		return TUI_REDRAW;
	case HA_UP:
		h.top--;
		return TUI_REDRAW;
	case HA_DOWN:
		h.top++;
		return TUI_REDRAW;
	case HA_PGUP:
		h.top -= LINES - 5;
		return TUI_REDRAW;
	case HA_PGDN:
		h.top += LINES - 5;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

/* Nothing is typed on the help screen. */
static bool
help_typing(void)
{
	return false;
}

const struct screen screen_help = {
	.id = SCREEN_HELP,
	.title = N_("Help"),
	.keys = &help_keys,
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.typing = help_typing,
};
