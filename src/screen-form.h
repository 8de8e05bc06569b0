/*
 * screen-form: what the form screen (screen-form.c) shares with the files
 * that lay out its items (screen-form-item.c) and its review page
 * (screen-form-review.c).  Only the form screen
 * uses it; other screens open a form with tui_push(SCREEN_FORM, ...).
 */
#ifndef ONWARD_SCREEN_FORM_H
#define ONWARD_SCREEN_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct tui_fill_state;

/* Lays out item i of fs at row y and, when draw, paints what falls above
 * row ymax; returns its height in rows.  A focused text field or list
 * filter stores where the terminal cursor goes in *cy, *cx. */
int	screen_form_item(struct tui_fill_state *fs, size_t i, int y, bool draw,
	    int ymax, int *cy, int *cx);

struct tui_fill_item;
/* The case picker (screen-form-case.c), the widget of a `case` field:
 * from row y at column x, w wide, painting above row ymax when draw; the
 * linked case by name and, focused, a search line (the cursor goes to
 * *cy, *cx) and a page of the open cases of the field's type that
 * match.  Returns its height in rows. */
int	screen_form_case_draw(struct tui_fill_state *fs,
	    const struct tui_fill_item *it, int y, int x, int w, int ymax,
	    bool draw, bool focused, int *cy, int *cx);
/* A key for the focused picker: Up and Down move in the cases found,
 * Enter links the one under the cursor and goes to the next question,
 * other keys edit the search.  TUI_REDRAW when it took the key, else
 * TUI_NONE (Enter with no case found: the form's Enter). */
int	screen_form_case_key(struct tui_fill_state *fs,
	    const struct tui_fill_item *it, int key);
/* The review page over the form: opened (built from fs's answers and
 * record_check; at_focus starts on the focused question, else on the
 * first problem or answer), shown, painted, closed. */
void	screen_form_review_open(struct tui_fill_state *fs, bool at_focus);
bool	screen_form_review_shown(void);
void	screen_form_review_draw(struct tui_fill_state *fs);
void	screen_form_review_close(void);
/* A key on the review page: it stays, or it closed (Esc, or Enter having
 * moved fs's focus to the question chosen), or F2 asks to finalize. */
enum { REVIEW_STAY, REVIEW_CLOSED, REVIEW_FINALIZE };
int	screen_form_review_key(struct tui_fill_state *fs, int key);

#endif
