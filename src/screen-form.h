/*
 * screen-form: what the form screen (screen-form.c) shares with the file
 * that lays out its items (screen-form-item.c).  Only the form screen
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

#endif
