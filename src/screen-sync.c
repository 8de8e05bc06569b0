/*
 * screen-sync.c: moving records between stores.  Export writes a bundle
 * to a folder (USB sticks mounted under /media are offered first); merge
 * brings a bundle from headquarters into this store.  Both report what
 * they did.  The bundle work itself belongs to the bundle module; this
 * screen only chooses the files and shows the outcome.
 */
#include "config.h"

#include "tui-curses.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "i18n.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

enum {
	YA_EXPORT,
	YA_MERGE,
	YA_FOLDER,
	YA_BACK,
	YA_UP,
	YA_DOWN,
	YA_SWITCH,
	YA_DEVICES
};
static const struct tui_key sync_key_list[] = {
	{ YA_EXPORT,	{ TUI_FKEY(KEY_F(2)), 'e' },	N_("Export"),
	  TUI_KEY_LINE },
	{ YA_MERGE,	{ TUI_FKEY(KEY_F(3)), 'm' },	N_("Merge"),
	  TUI_KEY_LINE },
	{ YA_SWITCH,	{ TUI_TAB },		N_("Switch list"),
	  TUI_KEY_LINE },
	{ YA_FOLDER,	{ TUI_FKEY(KEY_F(4)), 'f' },	N_("Folder"),
	  TUI_KEY_LINE },
	{ YA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ YA_DEVICES,	{ TUI_FKEY(KEY_F(6)), 'd' },	N_("Devices"),
	  TUI_KEY_LINE },
	{ YA_UP,	{ TUI_FKEY(KEY_UP) },	N_("Previous"), 0 },
	{ YA_DOWN,	{ TUI_FKEY(KEY_DOWN) },	N_("Next"), 0 },
};
static const struct tui_keymap sync_keys = {
	N_("Sync"), sync_key_list, nitems(sync_key_list)
};

static struct {
	char	**dirs;		/* folders offered */
	size_t	  ndirs;
	size_t	  dsel;
	char	**files;	/* bundles in the chosen folder */
	size_t	  nfiles;
	size_t	  fsel;
	int	  pane;		/* 0 folders, 1 bundles */
	bool	  typing;	/* a folder name being typed */
	struct tui_text path;
	bool	  path_init;
	char	**report;	/* lines of the last export or merge */
	size_t	  nreport;
} sy;

static void
list_free(char ***v, size_t *n)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

static void
list_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static bool
is_dir(const char *p)
{
	struct stat	sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Mounts under /media (/media/USER/STICK or /media/STICK). */
static void
find_media(void)
{
	DIR		*d, *d2;
	struct dirent	*e, *e2;
	char		*p, *p2;

	if ((d = opendir("/media")) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("/media/%s", e->d_name);
		if (!is_dir(p)) {
			free(p);
			continue;
		}
		if ((d2 = opendir(p)) != NULL) {
			bool sub = false;

			while ((e2 = readdir(d2)) != NULL) {
				if (e2->d_name[0] == '.')
					continue;
				p2 = xasprintf("%s/%s", p, e2->d_name);
				if (is_dir(p2)) {
					list_add(&sy.dirs, &sy.ndirs, p2);
					sub = true;
				} else
					free(p2);
			}
			closedir(d2);
			if (!sub) {
				list_add(&sy.dirs, &sy.ndirs, p);
				p = NULL;
			}
		}
		free(p);
	}
	closedir(d);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
find_bundles(void)
{
	DIR		*d;
	struct dirent	*e;
	const char	*dir;

	list_free(&sy.files, &sy.nfiles);
	sy.fsel = 0;
	if (sy.ndirs == 0)
		return;
	dir = sy.dirs[sy.dsel];
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (tui_sync_is_bundle(e->d_name))
			list_add(&sy.files, &sy.nfiles,
			    xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (sy.nfiles > 1)
		qsort(sy.files, sy.nfiles, sizeof *sy.files, cmp_str);
}

static int
sync_open(const void *arg)
{
	(void)arg;
	list_free(&sy.dirs, &sy.ndirs);
	list_free(&sy.report, &sy.nreport);
	if (!sy.path_init) {
		tui_text_init(&sy.path);
		sy.path_init = true;
	}
	sy.typing = false;
	find_media();
	list_add(&sy.dirs, &sy.ndirs, tui_store_dir());
	sy.dsel = 0;
	sy.pane = 0;
	find_bundles();
	return 0;
}

/* Forgets the folders, bundles and report (the typed folder stays for
 * the next time). */
static void
sync_close(void)
{
	list_free(&sy.dirs, &sy.ndirs);
	list_free(&sy.files, &sy.nfiles);
	list_free(&sy.report, &sy.nreport);
}

/* A folder name is typed only after F4. */
static bool
sync_typing(void)
{
	return sy.typing;
}

static void
sync_draw(void)
{
	int	y = 2, half = (LINES - 5) / 2, attr;
	size_t	i;
	char	*s;

	tui_draw_title(_("Sync"), tui.app->site);
	attron(tui_attr(TR_HEADING));
	tui_put(1, 1, _("Folders (USB sticks under /media first)"), COLS - 2);
	attroff(tui_attr(TR_HEADING));
	for (i = 0; i < sy.ndirs && y < 2 + half; i++, y++) {
		attr = sy.pane == 0 && i == sy.dsel ? tui_attr(TR_SELECTED) :
		    i == sy.dsel ? (int)A_BOLD : 0;
		attron(attr);
		tui_put_pad(y, 2, sy.dirs[i], COLS - 4);
		attroff(attr);
		if (sy.pane == 0 && i == sy.dsel)
			mvaddch(y, 0, '>');
	}
	y++;
	attron(tui_attr(TR_HEADING));
	s = xasprintf(_("Bundles in %s"), sy.ndirs > 0 ? sy.dirs[sy.dsel] :
	    "-");
	tui_put(y++, 1, s, COLS - 2);
	free(s);
	attroff(tui_attr(TR_HEADING));
	if (sy.nfiles == 0) {
		attron(tui_attr(TR_DIM));
		tui_put(y++, 2, _("no bundles here"), COLS - 4);
		attroff(tui_attr(TR_DIM));
	}
	for (i = 0; i < sy.nfiles && y < LINES - 3 - (int)sy.nreport;
	    i++, y++) {
		attr = sy.pane == 1 && i == sy.fsel ? tui_attr(TR_SELECTED) : 0;
		attron(attr);
		tui_put_pad(y, 2, sy.files[i], COLS - 4);
		attroff(attr);
		if (sy.pane == 1 && i == sy.fsel)
			mvaddch(y, 0, '>');
	}
	y = LINES - 2 - (int)sy.nreport;
	for (i = 0; i < sy.nreport; i++, y++)
		tui_put(y - 1, 1, sy.report[i], COLS - 2);
	tui_draw_helpline();
	if (sy.typing) {
		int	x = tui_put(LINES - 3, 1, _("Folder:"), COLS / 3) + 2;

		tui_text_draw(&sy.path, LINES - 3, x, COLS - x - 1, true);
	}
}

/* Keeps the first keep of the n lines as the report shown; frees all. */
static void
report(char **lines, size_t keep, size_t n)
{
	size_t	i;

	list_free(&sy.report, &sy.nreport);
	for (i = 0; i < n; i++) {
		if (i < keep && i < 6)
			list_add(&sy.report, &sy.nreport, lines[i]);
		else
			free(lines[i]);
	}
	free(lines);
}

/* Shown while a long export or merge runs: the one place where a key's
 * work paints, because the work itself takes the time. */
static void
progress(void *arg, const char *what)
{
	(void)arg;
	tui_message("%s", what);
	tui_draw();
}

static int
sync_key(int key)
{
	char	**lines = NULL;
	size_t	  n = 0;

	if (sy.typing) {
		if (key == TUI_ENTER) {
			sy.typing = false;
			if (sy.path.len == 0)
				return TUI_REDRAW;
			if (!is_dir(sy.path.s)) {
				tui_error(_("no folder '%s'"), sy.path.s);
				return TUI_REDRAW;
			}
			list_add(&sy.dirs, &sy.ndirs, xstrdup(sy.path.s));
			sy.dsel = sy.ndirs - 1;
			sy.pane = 0;
			find_bundles();
			return TUI_REDRAW;
		}
		if (key == TUI_ESC) {
			sy.typing = false;
			return TUI_REDRAW;
		}
		if (tui_text_key(&sy.path, key))
			return TUI_REDRAW;
		return TUI_NONE;
	}
	switch (tui_key_action(&sync_keys, key, false)) {
	case YA_EXPORT:
		if (sy.ndirs == 0)
			return TUI_NONE;
		if (tui_sync_export(tui.app, sy.dirs[sy.dsel], progress,
		    NULL, &lines, &n) == -1) {
			tui_error("%s", n > 0 ? lines[0] : _("export failed"));
			report(lines, 0, n);
		} else {
			tui_message("%s", _("Export done."));
			report(lines, n, n);
		}
		find_bundles();
		return TUI_REDRAW;
	case YA_MERGE:
		if (sy.nfiles == 0) {
			tui_error("%s", _("no bundle chosen"));
			return TUI_REDRAW;
		}
		if (tui_sync_merge(tui.app, sy.files[sy.fsel], progress,
		    NULL, &lines, &n) == -1) {
			tui_error("%s", n > 0 ? lines[0] : _("merge failed"));
			report(lines, 0, n);
		} else {
			tui_message("%s", _("Merge done."));
			report(lines, n, n);
		}
		return TUI_REDRAW;
	case YA_FOLDER:
		sy.typing = true;
		tui_text_set(&sy.path, "");
		return TUI_REDRAW;
	case YA_SWITCH:
		sy.pane = !sy.pane;
		return TUI_REDRAW;
	case YA_DEVICES:
		tui_push(SCREEN_DEVICES, NULL);
		return TUI_REDRAW;
	case YA_BACK:
		tui_pop();
		return TUI_REDRAW;
	case YA_UP:
		if (sy.pane == 0 && sy.dsel > 0) {
			sy.dsel--;
			find_bundles();
		} else if (sy.pane == 1 && sy.fsel > 0)
			sy.fsel--;
		return TUI_REDRAW;
	case YA_DOWN:
		if (sy.pane == 0 && sy.dsel + 1 < sy.ndirs) {
			sy.dsel++;
			find_bundles();
		} else if (sy.pane == 1 && sy.fsel + 1 < sy.nfiles)
			sy.fsel++;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_sync = {
	.id = SCREEN_SYNC,
	.title = N_("Sync"),
	.keys = &sync_keys,
	.open = sync_open,
	.close = sync_close,
	.draw = sync_draw,
	.key = sync_key,
	.typing = sync_typing,
};
