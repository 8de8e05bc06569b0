/*
 * screen-case: what the case page (screen-case.c) shares with its pane of
 * lines (screen-case-pane.c), which shows over the page a record's
 * history, a record's answers to read, or every detail of the case, and
 * with its erasure (screen-case-erase.c): the reason typed, then a
 * yes/no question.
 * Only the case page uses it; other screens open the page with
 * tui_push(SCREEN_CASE, ...).
 */
#ifndef ONWARD_SCREEN_CASE_H
#define ONWARD_SCREEN_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

struct answers;
struct case_type;
struct record_info;

/* The pane: shown while it has lines. */
struct case_pane {
	char			**lines;
	size_t			  n;
	const char		 *title;	/* translated */
	const struct record_info *rec;		/* the record whose answers
						   are shown, for Enter to
						   edit; NULL otherwise */
	int			  top;		/* first line shown */
};

/* Empties the pane (it hides). */
void	screen_case_pane_free(struct case_pane *);
/* Draws the pane below the title bar, scrolled to top (kept in range). */
void	screen_case_pane_draw(struct case_pane *);
/* Fills the pane with the history of record r, oldest first; returns a
 * reaction (a message says when there is none). */
int	screen_case_pane_history(struct case_pane *, const struct record_info *r);
/* Fills the pane with the answers of r to read; Enter then edits r, which
 * must outlive the pane.  Looking never changes anything. */
int	screen_case_pane_record(struct case_pane *, const struct record_info *r);
/* F4: every property of the case (props, of type ct) that has a value,
 * for when the page has no room for them all; returns a reaction. */
int	screen_case_pane_details(struct case_pane *, const struct case_type *ct,
	    const struct answers *props);

/* The case's schedule (screen-case-sched.c), from store_case_schedule's
 * rows: how many rows from v[0] make one line of the page (a schedule's
 * visits, or one date due); the line (caller frees) and its colour; the
 * row Enter opens (due or late first, then planned), or NULL. */
struct due_row;
struct form_pack;
size_t	screen_case_sched_len(const struct due_row *v, size_t n);
char	*screen_case_sched_line(const struct form_pack *,
	    const struct due_row *v, size_t n, int *attr);
const struct due_row *screen_case_sched_next(const struct due_row *v,
	    size_t n);
/* The case case_id is part of (its "@parent"), when it has one, then
 * its child cases, oldest first, into *out (caller frees each with
 * case_row_free and the array); *has_parent says whether the first is
 * the parent.  Returns how many (screen-case-kids.c). */
struct case_row;
size_t	screen_case_kids_load(const char *case_id, struct case_row **out,
	    bool *has_parent);
/* The page's line for a parent or child case (caller frees). */
char	*screen_case_kid_text(const struct case_row *);

/* The erasure of the case shown: its reason while it is typed. */
struct case_erase {
	bool		 typing;	/* the reason has the focus */
	struct tui_text	 reason;
	bool		 init;		/* reason initialised */
	char		*case_id;
	char		*name;		/* as the question names it */
	void		(*erased)(void);	/* the page reads the case
						   anew */
};

/* The erase key: asks for the reason when a supervisor or an admin is
 * signed in and the case is not erased yet, else says why not; returns
 * a reaction.  name (or the id) names the case in the question. */
int	screen_case_erase_start(struct case_erase *, const char *case_id,
	    const char *name, bool erased);
/* A key while the reason is typed: Enter asks whether to erase, Esc
 * gives up; returns a reaction. */
int	screen_case_erase_key(struct case_erase *, int key);
/* Draws the reason's prompt above the message line while it is
 * typed. */
void	screen_case_erase_draw(struct case_erase *);
/* Forgets the erasure (not the struct). */
void	screen_case_erase_free(struct case_erase *);

#endif
