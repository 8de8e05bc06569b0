/*
 * screen: the screens of the terminal UI and the table that lists them.
 * Each screen is one file, src/screen-<name>.c, which exports exactly one
 * thing: a `const struct screen` entry (its id, title, key table and
 * hooks); its state is a static struct of that file.  src/screen.c holds
 * the table, indexed by enum screen_id, and tui.c reaches every screen
 * only through it: drawing, key routing, the keys for help, "is text
 * being typed", the idle timer, saving what is typed on a fatal error and
 * closing everything at exit.  No screen calls another screen's
 * functions: a screen opens another with tui_push(SCREEN_X, &arg), where
 * arg is that screen's argument struct below, and leaves with tui_pop().
 *
 * Adding a screen (the comment in screen.c says the same), three places:
 * write src/screen-<name>.c with its key table and entry; add its line to
 * SCREENS here (which makes its SCREEN_<NAME> id, declares its entry and
 * puts it in the table in screen.c), with its argument struct if it takes
 * one; list the file in Makefile.am and po/POTFILES.in.
 */
#ifndef ONWARD_SCREEN_H
#define ONWARD_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

/* Every screen, one line each: SCREEN(ID, name) for SCREEN_<ID> and the
 * entry screen_<name> of src/screen-<name>.c. */
#define SCREENS \
	SCREEN(FIRSTRUN, firstrun)	/* worker, site, language */	\
	SCREEN(SIGNIN, signin)		/* sign in; the lock screen */	\
	SCREEN(CASES, cases)		/* the case list, home */	\
	SCREEN(CASE, case)		/* one case */			\
	SCREEN(DUE, due)		/* the work list */		\
	SCREEN(FORM, form)		/* filling a form */		\
	SCREEN(SYNC, sync)		/* export, merge */		\
	SCREEN(DEVICES, devices)	/* held devices accepted */	\
	SCREEN(HANDOVER, handover)	/* a caseload to another */	\
	SCREEN(CONFLICTS, conflicts)	/* fields edited twice */	\
	SCREEN(REPORT, report)		/* the indicators */		\
	SCREEN(SETTINGS, settings)	/* language, worker, site */	\
	SCREEN(HELP, help)		/* every key of a screen */

enum screen_id {
#define SCREEN(id, name)	SCREEN_##id,
	SCREENS
#undef SCREEN
	SCREEN_COUNT		/* not a screen: the size of the table */
};

/* What tui_push hands to the open hook of the screens that take one
 * (the others take NULL).  The strings are copied by the screen. */
struct screen_case_arg {
	const char	*case_id;
};
struct screen_form_arg {
	const char	*form_id;
	const char	*case_id;	/* NULL: a registration */
	const char	*record_id;	/* NULL: a new record */
	const char	*draft_id;	/* resumes this draft */
	bool		 no_offer;	/* a new record without offering the
					   form's latest draft first */
	const char	*visit;		/* the visit or date it completes,
					   shown at the top; NULL: none */
};
struct screen_firstrun_arg {
	bool		 account_only;	/* a store made before accounts:
					   only the worker's account */
};
struct screen_signin_arg {
	bool		 lock;		/* the lock screen */
};
struct screen_help_arg {
	enum screen_id	 from;		/* the screen whose keys are shown */
};

/*
 * One screen.  draw paints the whole screen from its state and never
 * changes data; key changes the state and returns TUI_* reactions and
 * never paints (htop's reactions, ncdu's draw/key pair).  Hooks marked
 * optional may be NULL.
 */
struct screen {
	enum screen_id		 id;		/* its index in the table */
	const char		*title;		/* N_(): translated when shown */
	const struct tui_keymap	*keys;		/* handling, help line, help */
	/* Opens the screen with its argument: 0, or -1 when it is not
	 * shown (a message says why, or a question decides); optional. */
	int	(*open)(const void *arg);
	/* Frees the state; the screen is no longer on the stack; optional. */
	void	(*close)(void);
	/* The screen above it closed and it is shown again (a form was
	 * saved: the lists refresh); optional. */
	void	(*resume)(void);
	void	(*draw)(void);
	int	(*key)(int key);
	/* True when a text field has the focus, so keys flagged
	 * TUI_KEY_NOTEXT stand back; a function of the state alone. */
	bool	(*typing)(void);
	/* After idle_ms without a key: true when it did something to show
	 * (the form saves the field being typed); optional. */
	bool	(*idle)(void);
	int	 idle_ms;
	/* Saves what is being typed (fatal errors, signals, exit);
	 * optional. */
	void	(*save_typing)(void);
};

/* The entries, one a file (screen-<name>.c). */
#define SCREEN(id, name)	extern const struct screen screen_##name;
SCREENS
#undef SCREEN

/* The table (screen.c): screen_table[id]->id == id for every id. */
extern const struct screen *const screen_table[SCREEN_COUNT];
/* The entry of a screen; never NULL for an id below SCREEN_COUNT. */
const struct screen *screen_get(enum screen_id);

/*
 * The stack of open screens (tui.c); the top one is shown.  tui_push
 * calls the entry's open with arg and, when it opened, puts it on top;
 * returns 0 or -1.  tui_pop closes the top screen and resumes the one
 * below it (the case list when none is left).  tui_switch closes the
 * top screen and opens s in its place.  tui_close_all closes every open
 * screen, top first (exit).
 */
int	tui_push(enum screen_id s, const void *arg);
void	tui_pop(void);
int	tui_switch(enum screen_id s, const void *arg);
void	tui_close_all(void);
/* The entry of the screen shown, or NULL before the first is opened. */
const struct screen *tui_top(void);
/* Every open screen's save_typing hook, top first. */
void	tui_save_typing(void);
/* The milliseconds the main loop waits for a key before calling
 * tui_idle (-1: forever), and the call: true to redraw. */
int	tui_idle_ms(void);
bool	tui_idle(void);

/*
 * tui-sync.c: the sync screen's bridge to the bundle module.  Each
 * returns 0 or -1 and fills *lines with a summary for people (the first
 * line says what went wrong on failure; caller frees each and the array).
 * progress is called with a line to show while working.
 */
struct app;
int	tui_sync_export(struct app *, const char *dir,
	    void (*progress)(void *, const char *), void *arg,
	    char ***lines, size_t *n);
int	tui_sync_merge(struct app *, const char *path,
	    void (*progress)(void *, const char *), void *arg,
	    char ***lines, size_t *n);
/* True when a file name looks like a bundle. */
bool	tui_sync_is_bundle(const char *name);

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
