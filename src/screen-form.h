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

#endif
