/*
 * tui-fill: the form being filled in the form screen.  Holds its answers,
 * the list of items shown (rebuilt through record.h after every change, so
 * relevance and calculations are always the store's own), the focus, and
 * the draft the answers are saved to field by field.
 *
 * Owns: struct tui_fill_state and its items; the state itself belongs to
 * the form screen (screen-form.c), which hands it to every call.
 * Never: draws (screen-form.c does), or judges an answer itself
 * (record.h does).
 */
#ifndef ONWARD_TUI_FILL_H
#define ONWARD_TUI_FILL_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "record.h"
#include "tui.h"

enum tui_fill_kind {
	FI_FIELD,	/* a question with a widget */
	FI_HEADING,	/* a group or a repeat */
	FI_INSTANCE,	/* one instance of a repeat */
	FI_ADD,		/* "add another" of a repeat */
	FI_NOTE,
	FI_CALC		/* a read-only value */
};

struct tui_fill_item {
	enum tui_fill_kind		 kind;
	const struct field	*f;
	char			*prefix;	/* instance prefix of f */
	char			*path;		/* answer path, or the
						   instance or repeat path */
	char			*iid;		/* FI_INSTANCE: instance id */
	int			 depth;
	int			 number;	/* FI_INSTANCE: 1-based */
};

struct tui_fill_state {
	bool			 open;
	const struct form	*form;
	char			*case_id;
	char			*record_id;
	char			*draft_id;	/* NULL until the first change */
	struct answers		 a;
	struct answers		 case_props;	/* what ${case.PROP} reads */
	struct answers		 touched;	/* paths left or typed in */
	struct tui_fill_item	*items;		/* relevant items, in order */
	size_t			 nitems;
	size_t			 focus;
	int			 top;		/* first item drawn */
	char			*focus_key;	/* survives rebuilding items */
	struct tui_text		 edit;		/* the focused text field */
	struct tui_text		 filter;	/* the focused list's filter */
	size_t			 ccur;		/* cursor in filtered choices */
	bool			 cmoved;	/* moved by the worker (Up,
						   Down, the filter) since the
						   list had the focus */
	bool			 dirty;		/* changed since opened */
	bool			 field_dirty;	/* not yet in the draft */
	long long		 dirty_ms;	/* when it became so
						   (tui_now_ms) */
	struct answers		 unsaved;	/* draft writes that failed,
						   to retry ("": removed) */
	bool			 draft_failed;	/* unsaved holds some */
	bool			 show_all;	/* after a finalize attempt */
};

bool	tui_fill_is_text(const struct field *);
bool	tui_fill_is_select(const struct field *);
/* True for free text (its type has no width of its own): its answer may
 * hold line breaks (a paste) and is shown whole, wrapped. */
bool	tui_fill_is_multiline(const struct field *);
/* True for items that take the focus (questions and "add" rows). */
bool	tui_fill_focusable(const struct tui_fill_item *);

/* Loads a new record (record_id NULL) or a record, overlaid with a draft
 * when draft_id is given.  -1 with a message shown when it cannot. */
int	tui_fill_open(struct tui_fill_state *, const char *form_id,
	    const char *case_id, const char *record_id, const char *draft_id);
void	tui_fill_free(struct tui_fill_state *);

/* Answers changed: recalculate, then show and hide questions. */
void	tui_fill_recompute(struct tui_fill_state *);
/* Loads the focused item's answer into the text field or list. */
void	tui_fill_focus_load(struct tui_fill_state *);
/* Moves the focus to item i, saving the field it leaves. */
void	tui_fill_focus_to(struct tui_fill_state *, size_t i);
/* Moves to the next (dir 1) or previous (-1) focusable item; false at the
 * end. */
bool	tui_fill_focus_step(struct tui_fill_state *, int dir);
/* Moves to the question with this answer path; false when not shown. */
bool	tui_fill_focus_path(struct tui_fill_state *, const char *path);

/* Saves one answer (NULL: removed) to the draft, making the draft first
 * when needed; -1 with an error shown, the answer then kept in unsaved
 * for the next tui_fill_save_field to retry. */
int	tui_fill_draft_set(struct tui_fill_state *, const char *path,
	    const char *value);
/* Saves the focused field to the draft if it changed, after retrying the
 * draft writes that failed before (draft_failed says whether some are
 * still not saved). */
void	tui_fill_save_field(struct tui_fill_state *);

/* The choices of the focused list allowed by its choice_filter and
 * matching the typed filter, as indexes (caller frees *out). */
size_t	tui_fill_choices(struct tui_fill_state *, const struct field *,
	    size_t **out);
/* True when value (space separated for select_multiple) holds v. */
bool	tui_fill_has_value(const char *value, const char *v);
/* Picks (select_one) or toggles (select_multiple) value v; v NULL clears
 * the answer. */
void	tui_fill_pick(struct tui_fill_state *, const struct tui_fill_item *,
	    const char *v);

/* Adds an instance to the repeat of an "add" item and focuses it. */
int	tui_fill_add_instance(struct tui_fill_state *, const struct tui_fill_item *);
/* The instance item enclosing item i, or NULL. */
const struct tui_fill_item *tui_fill_enclosing_instance(struct tui_fill_state *,
	    size_t i);

#endif
