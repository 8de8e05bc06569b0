/*
 * screen: the entry points of every screen of the terminal UI, one file a
 * screen (src/screen-<name>.c).  Each exports its key table, <name>_draw()
 * (paints from state, never changes data) and <name>_key() (changes state,
 * returns TUI_* reactions, never paints), plus the calls that open it.
 */
#ifndef ONWARD_SCREEN_H
#define ONWARD_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

/* screen-firstrun.c: worker name, site and language, asked once. */
extern const struct tui_keymap firstrun_keys;
void	firstrun_open(void);
void	firstrun_draw(void);
int	firstrun_key(int);

/* screen-cases.c: the case list, the home screen. */
extern const struct tui_keymap cases_keys;
void	cases_open(void);
void	cases_refresh(void);
void	cases_close(void);
void	cases_draw(void);
int	cases_key(int);

/* screen-case.c: one case, its properties, timeline and follow-ups. */
extern const struct tui_keymap case_keys;
void	case_open(const char *case_id);
void	case_refresh(void);
void	case_close(void);
void	case_draw(void);
int	case_key(int);

/* screen-form.c: filling a form.  form_open starts a new record (record_id
 * NULL) or edits one; draft_id resumes a draft.  Returns -1 with a
 * message shown when the form cannot be opened. */
extern const struct tui_keymap form_keys;
int	form_open(const char *form_id, const char *case_id,
	    const char *record_id, const char *draft_id);
void	form_close(void);
void	form_draw(void);
int	form_key(int);
/* Called when no key came for a while: saves the field being typed;
 * true when it did (the screen shows it). */
bool	form_idle(void);
/* Saves the field being typed to the draft (fatal errors, signals). */
void	form_save_typing(void);

/* screen-sync.c: export to a folder or stick, merge a bundle. */
extern const struct tui_keymap sync_keys;
void	sync_open(void);
void	sync_draw(void);
int	sync_key(int);

/*
 * tui-sync.c: the sync screen's bridge to the bundle module.  Each
 * returns 0 or -1 and fills *lines with a summary for people (the first
 * line says what went wrong on failure; caller frees each and the array).
 * progress is called with a line to show while working.
 */
struct store;
int	tui_sync_export(struct store *, const char *dir,
	    void (*progress)(void *, const char *), void *arg,
	    char ***lines, size_t *n);
int	tui_sync_merge(struct store *, const char *path,
	    void (*progress)(void *, const char *), void *arg,
	    char ***lines, size_t *n);
/* True when a file name looks like a bundle. */
bool	tui_sync_is_bundle(const char *name);

/* screen-conflicts.c: fields edited on two devices. */
extern const struct tui_keymap conflicts_keys;
void	conflicts_open(void);
void	conflicts_draw(void);
int	conflicts_key(int);

/* screen-report.c: the programme's indicators, as `onward report`. */
extern const struct tui_keymap report_keys;
void	report_open(void);
void	report_close(void);
void	report_draw(void);
int	report_key(int);

/* screen-settings.c: language, worker, site. */
extern const struct tui_keymap settings_keys;
void	settings_open(void);
void	settings_draw(void);
int	settings_key(int);

/* screen-help.c: every key of a screen, from its table. */
extern const struct tui_keymap help_keys;
void	help_open(enum tui_screen from);
void	help_draw(void);
int	help_key(int);

/* Languages offered (settings and first run): English, then every
 * language with an installed catalog, each named in itself. */
struct tui_language {
	const char	*code;
	const char	*name;
};
extern struct tui_language	*tui_languages;
extern size_t			 tui_nlanguages;
/* Fills tui_languages from the installed catalogs; frees them. */
void	tui_languages_load(void);
void	tui_languages_free(void);

#endif
