/*
 * tui: the terminal UI.  Screens are generated from the form model; the UI
 * reads and writes data only through the store module and judges answers
 * only through record.h.
 *
 * Owns: curses set-up and tear-down, the main loop, the stack of open
 * screens, the key tables of every screen (which feed key handling, the
 * help line and the help screen), the UTF-8 text widget, and
 * column-measured drawing.
 * Never: speaks SQL, or decides what an answer means.
 *
 * How a screen works (ncdu's shape, htop's reactions): src/screen-<name>.c
 * exports one `const struct screen` entry (screen.h) whose draw hook
 * paints the whole screen from its state and whose key hook changes the
 * state and returns a reaction bitmask (TUI_REDRAW, TUI_QUIT); key
 * handlers never paint.  The main loop in tui-main.c calls tui_draw() and
 * tui_key() here, which look the screen on top of the stack up in the
 * table of screen.c; screen.c says how to add a screen.
 */
#ifndef ONWARD_TUI_H
#define ONWARD_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "i18n.h"
#include "util.h"

#ifndef ENABLE_NLS
#define ngettext(s, p, n)	((n) == 1 ? (s) : (p))
#endif

struct answers;
struct app;
struct field;
struct form;
struct form_pack;
struct store;

/* Runs the UI until the user quits; returns the exit status. */
int	tui_main(struct app *);

/* Reactions returned by key handlers. */
#define TUI_NONE	0x0
#define TUI_REDRAW	0x1
#define TUI_QUIT	0x2

/* The smallest terminal the screens are laid out for. */
#define TUI_MIN_COLS	60
#define TUI_MIN_LINES	18

/*
 * Keys.  A key is an int: a character (a Unicode code point, control
 * characters included) or a curses function key made with TUI_FKEY().
 */
#define TUI_FKEY(k)	(0x40000000 | (k))
#define TUI_CTRL(c)	((c) & 0x1f)
#define TUI_ESC		0x1b
#define TUI_TAB		'\t'
#define TUI_ENTER	'\r'

/* Flags of a key table entry. */
#define TUI_KEY_LINE	0x1	/* shown on the help line */
#define TUI_KEY_NOTEXT	0x2	/* only when no text is being typed */
#define TUI_KEY_SPARE	0x4	/* on the help line, the first to go when
				   it does not fit (after Enter) */

/* One action of a screen: the keys that do it and what it is called. */
struct tui_key {
	int		 action;	/* the screen's own action number */
	int		 keys[3];	/* 0 ends the list */
	const char	*label;		/* N_(): translated when shown */
	int		 flags;
};

struct tui_keymap {
	const char		*title;	/* N_(): the screen, for help */
	const struct tui_key	*v;
	size_t			 n;
};

/* The whole UI's state that screens share. */
struct tui {
	struct app		*app;		/* what the UI works on */
	char			*log_path;	/* where stderr goes */
	char			*message;	/* shown until the next key */
	bool			 message_error;
	int			 lock_secs;	/* idle time before the lock
						   screen; 0 never (tui_lock_load) */
};
extern struct tui tui;

/* Moving between screens: tui_push, tui_pop and tui_switch (screen.h). */

/* Reads the idle time before the lock screen into tui.lock_secs: the
 * store's lock_minutes setting (10 when unset, 0 never), or, a test-only
 * seam, $ONWARD_LOCK_SECONDS in seconds. */
void	tui_lock_load(void);

/* Milliseconds of the monotonic clock (for timing typing and idling). */
long long	tui_now_ms(void);

/* A message for the line above the help line, until the next key. */
void	tui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	tui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A yes/no question asked on the message line; the next key answers it
 * ('y' or 'n', Enter for the default) and fn is called with the answer
 * and arg; Esc cancels without calling fn.  fn returns a reaction.  arg
 * (malloc'd, or NULL) belongs to the question and is freed when it
 * closes, either way: fn must not free it.
 */
void	tui_ask(const char *question, bool dflt,
	    int (*fn)(void *arg, bool yes), void *arg);

/* Where the terminal cursor goes once the screen is painted: a focused
 * text field says so when drawn (tui_text_draw), and tui_draw leaves the
 * cursor there, shown, after the message and help lines; when no field
 * did, the cursor is hidden. */
void	tui_cursor_at(int y, int x);
/* Paints the current screen; routes one key and returns the reaction
 * (the main loop's two halves, also driven by the benchmark). */
void	tui_draw(void);
int	tui_key(int key);
/* Colours for the roles, when the terminal has them and NO_COLOR is not
 * set; call after initscr or newterm. */
void	tui_colours_init(void);
/* Forgets every screen-independent state (messages, questions, the
 * stack of screens, which tui_close_all has closed). */
void	tui_reset(void);
/* Keys that work on every screen (F1 help, ^L redraw). */
extern const struct tui_keymap tui_global_keys;

/*
 * A list to pick one item from, drawn over the current screen: Up, Down
 * and Enter pick (fn is called with the index and arg), Esc cancels
 * (fn is not called).  The strings are copied; arg (malloc'd, or NULL)
 * belongs to the pick and is freed when it closes, either way.
 */
void	tui_pick(const char *title, const char *const *items, size_t n,
	    int (*fn)(void *arg, size_t i), void *arg);

/* The action bound to key in map, or -1.  typing: a text field has the
 * focus, so keys flagged TUI_KEY_NOTEXT do not count. */
int	tui_key_action(const struct tui_keymap *, int key, bool typing);
/* The name of a key as shown to people ("F1", "Enter", "^U"). */
const char *tui_key_name(int key, char *buf, size_t len);

/* Drawing helpers (tui.c), all cropped to the screen. */
void	tui_draw_title(const char *left, const char *right);
/* The help line of the screen shown: its keys (and the global ones) from
 * its key table, those flagged TUI_KEY_NOTEXT left out while it says text
 * is being typed. */
void	tui_draw_helpline(void);
/* Attributes for roles, monochrome when there is no colour. */
enum tui_role { TR_NORMAL, TR_TITLE, TR_SELECTED, TR_HEADING, TR_ERROR,
	TR_DIM, TR_FIELD, TR_KEY, TR_OK };
int	tui_attr(enum tui_role);
/* A case property's value as people read it: the label of its choice
 * when a form saves a list answer to it, else the value. */
struct case_type;
/* The field at an answer path ("household[x].name" gives name), or NULL;
 * its label (translated), or the path itself when there is none. */
const struct field *tui_path_field(const struct form *, const char *path);
const char *tui_path_label(const struct form *, const char *path);
const char *tui_prop_text(const struct case_type *, const char *prop,
	    const char *value);
/* A linked case (the answer of a `case` field, a property of type case)
 * as people read it: "NAME (ID)", or the id and "not in this store yet";
 * "" for none, and text that is no case id (written before the property
 * was a link) as it is.  Valid until the next screen change. */
const char *tui_link_text(const char *id);
/* The label of the answer at path of a record with answers a (its
 * case_props set for ${case.PROP}), with the answers it shows filled in as
 * seen from that answer's instance; caller frees. */
char	*tui_answer_label(const struct form *, const struct answers *a,
	    const char *path);
/* The folder of the store, for exports and the log. */
char	*tui_store_dir(void);

/*
 * UTF-8 measured in columns (tui-text.c).  Invalid bytes count as U+FFFD,
 * control characters show as U+FFFD too.  Decoding and the width of one
 * character are utf8.h's, folding is util.h's, under the UI's names.
 */
#define tui_utf8_next	utf8_next
#define tui_wcwidth	utf8_cwidth
#define tui_fold	str_fold
/* Display width of a string in columns. */
int	tui_width(const char *s);
/* Draws s at y,x in at most maxcols columns (never splitting a wide
 * character) and returns the columns used. */
int	tui_put(int y, int x, const char *s, int maxcols);
/* Like tui_put, skipping the first skip columns of s. */
int	tui_put_from(int y, int x, const char *s, int skip, int maxcols);
/* Draws s padded with spaces (or cropped) to exactly cols columns. */
void	tui_put_pad(int y, int x, const char *s, int cols);
/* Folds s into lines of at most cols columns, at spaces where possible;
 * returns the count and an array of byte offsets (caller frees). */
size_t	tui_wrap(const char *s, int cols, size_t **starts, size_t **lens);

/* A one-line text field holding UTF-8, edited by column. */
struct tui_text {
	char	*s;		/* always valid UTF-8, never NULL */
	size_t	 len;		/* bytes */
	size_t	 cap;
	size_t	 cur;		/* cursor, a byte offset on a boundary */
	int	 scroll;	/* first column shown */
	bool	 changed;	/* since tui_text_set or the last clear */
};
void	tui_text_init(struct tui_text *);
void	tui_text_free(struct tui_text *);
/* Replaces the text (invalid bytes become U+FFFD); cursor at the end. */
void	tui_text_set(struct tui_text *, const char *);
/* The editing keys of every text field (for the help screen). */
extern const struct tui_keymap tui_text_keys;
/* Handles an editing key; returns true when the key was used. */
bool	tui_text_key(struct tui_text *, int key);
/* Draws the field in cols columns at y,x, scrolling to keep the cursor
 * visible; when focused, places the terminal cursor. */
void	tui_text_draw(struct tui_text *, int y, int x, int cols, bool focused);
/* The same for a passphrase: one bullet a character, the text never
 * shown. */
void	tui_text_draw_hidden(struct tui_text *, int y, int x, int cols,
	    bool focused);
/* Inserts a line break at the cursor (a multi-line answer; drawn as a
 * mark in the one-line field). */
void	tui_text_newline(struct tui_text *);
/* True when another key is already waiting (the rest of a paste): a
 * key read now would not wait for a person. */
bool	tui_key_pending(void);
/* Zeroes the text's buffer, then tui_text_free (passphrases). */
void	tui_text_wipe(struct tui_text *);

#endif
