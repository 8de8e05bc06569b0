/*
 * screen-form.c: filling a form.  Every relevant question of the form in
 * order, with its label, required mark, hint and widget; groups and
 * repeats as headings.  Relevance, calculations and messages come from
 * record.h after every key, so the screen and the store never disagree.
 * Answers go to a draft in the store as the worker moves between fields,
 * after a pause in typing and at least every DRAFT_EVERY_MS while typing,
 * so a crash loses at most the last two seconds; a draft write that fails
 * is said on screen and retried.  Finalizing checks the whole record and takes the worker to the
 * first problem.  The form being filled is tui-fill.c's; how one item is
 * laid out is screen-form-item.c.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "screen-form.h"
#include "screen.h"
#include "store.h"
#include "tui-fill.h"
#include "tui.h"
#include "util.h"

enum {
	FA_NEXT,
	FA_PREV,
	FA_FINALIZE,
	FA_LEAVE,
	FA_REMOVE,
	FA_DISCARD,
	FA_PICK,
	FA_PGUP,
	FA_PGDN,
	FA_CLEAR,
	FA_REVIEW,
	FA_GOTO
};
static const struct tui_key form_key_list[] = {
	{ FA_NEXT,	{ TUI_TAB, TUI_ENTER, TUI_FKEY(KEY_DOWN) },
	  N_("Next"), TUI_KEY_LINE },
	{ FA_PREV,	{ TUI_FKEY(KEY_BTAB), TUI_FKEY(KEY_UP) },
	  N_("Previous"), 0 },
	{ FA_FINALIZE,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('s') },	N_("Finalize"), TUI_KEY_LINE },
	{ FA_REVIEW,	{ TUI_FKEY(KEY_F(3)) },	N_("Review"), TUI_KEY_LINE },
	{ FA_GOTO,	{ TUI_FKEY(KEY_F(6)), TUI_CTRL('g') },
	  N_("Go to a question"), 0 },
	{ FA_PICK,	{ ' ' },		N_("Choose (in a list)"), 0 },
	{ FA_CLEAR,	{ TUI_FKEY(KEY_F(5)) },
	  N_("Clear the choice (in a list)"), 0 },
	{ FA_REMOVE,	{ TUI_FKEY(KEY_F(4)), TUI_CTRL('r') },
	  N_("Remove this repeat"), 0 },
	{ FA_DISCARD,	{ TUI_FKEY(KEY_F(8)), TUI_CTRL('x') },	N_("Discard"), TUI_KEY_LINE },
	{ FA_LEAVE,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },
	  N_("Leave"), TUI_KEY_LINE },
	{ FA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },
	  N_("Previous page of questions"), 0 },
	{ FA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },
	  N_("Next page of questions"), 0 },
};
static const struct tui_keymap form_keys = {
	N_("Form"), form_key_list, nitems(form_key_list)
};

/* While typing, the field goes to the draft once it has been unsaved
 * this long; with the idle hook's delay, nothing typed waits longer
 * than twice this for the draft. */
#define DRAFT_EVERY_MS	1000

/* The form screen's state. */
static struct {
	struct tui_fill_state	 fill;		/* the form being filled */
	int			 cur_y, cur_x;	/* where the terminal cursor
						   goes after drawing; -1
						   for nowhere */
	char			*visit;		/* what the record completes,
						   shown at the top, or NULL */
} sf;
/* The form being filled, as tui-fill.c's calls take it. */
static struct tui_fill_state *const fs = &sf.fill;

/* Saves the field being typed to the draft (fatal errors, signals). */
static void
form_save_typing(void)
{
	tui_fill_save_field(fs);
}

/* Called when no key came for a while: saves the field being typed;
 * true when it did (the screen shows it). */
static bool
form_idle(void)
{
	if (!fs->open || (!fs->field_dirty && !fs->draft_failed))
		return false;
	tui_fill_save_field(fs);
	return true;
}

static void
form_close(void)
{
	screen_form_review_close();
	if (fs->open)
		tui_fill_free(fs);
	free(sf.visit);
	sf.visit = NULL;
}

/* What open asks about before resuming a draft: one allocation, the
 * strings after the struct, so the question owns it whole. */
struct offer {
	const char	*case_id;	/* NULL: a registration */
	const char	*draft_id;
	char		 form_id[];	/* then the case and draft ids */
};

/* The question's argument (caller frees). */
static struct offer *
offer_new(const char *form_id, const char *case_id, const char *draft_id)
{
	struct offer	*o;
	size_t		 lf = strlen(form_id) + 1, ld = strlen(draft_id) + 1;
	size_t		 lc = case_id != NULL ? strlen(case_id) + 1 : 0;
	char		*p;

	o = xmalloc(sizeof *o + lf + lc + ld);
	p = o->form_id;
	memcpy(p, form_id, lf);
	p += lf;
	o->case_id = NULL;
	if (case_id != NULL) {
		memcpy(p, case_id, lc);
		o->case_id = p;
		p += lc;
	}
	memcpy(p, draft_id, ld);
	o->draft_id = p;
	return o;
}

/* tui_ask callback, the answer to the offer of a draft (arg, a struct
 * offer): the form opens on the draft or on a new record. */
static int
offer_answer(void *arg, bool yes)
{
	const struct offer	*o = arg;
	struct screen_form_arg	 fa;

	memset(&fa, 0, sizeof fa);
	fa.form_id = o->form_id;
	fa.case_id = o->case_id;
	fa.draft_id = yes ? o->draft_id : NULL;
	fa.no_offer = true;
	tui_push(SCREEN_FORM, &fa);
	return TUI_REDRAW;
}

/*
 * Opens the form of arg (a struct screen_form_arg): a record to edit, a
 * draft to resume, or a new record, after offering the latest draft of
 * the same form when there is one (then -1: the answer opens it).
 */
static int
form_open(const void *arg)
{
	const struct screen_form_arg	*fa = arg;
	const char		*form_id = fa->form_id, *case_id = fa->case_id;
	struct draft_info	*d = NULL;
	char			*cause = NULL, *q;
	size_t			 n = 0, i, found = (size_t)-1;

	if (fa->visit != NULL || !fa->no_offer) {
		free(sf.visit);
		sf.visit = fa->visit != NULL ? xstrdup(fa->visit) : NULL;
	}
	if (fa->record_id != NULL || fa->draft_id != NULL || fa->no_offer)
		return tui_fill_open(fs, form_id, case_id, fa->record_id,
		    fa->draft_id);
	/* A new record: offer the latest draft of the same form. */
	if (store_drafts(tui.app->store, case_id, &d, &n, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(d[i].form, form_id) != 0 || d[i].record_id != NULL)
			continue;
		if ((case_id == NULL) != (d[i].case_id == NULL))
			continue;
		if (found == (size_t)-1 || (d[i].updated != NULL &&
		    d[found].updated != NULL &&
		    strcmp(d[i].updated, d[found].updated) > 0))
			found = i;
	}
	if (found != (size_t)-1) {
		q = xasprintf(_("A draft of this form from %s exists. "
		    "Continue it?"), d[found].updated != NULL ?
		    d[found].updated : "?");
		tui_ask(q, true, offer_answer, offer_new(form_id, case_id,
		    d[found].id));
		free(q);
	}
	for (i = 0; i < n; i++)
		draft_info_free(&d[i]);
	free(d);
	if (found != (size_t)-1)
		return -1;
	return tui_fill_open(fs, form_id, case_id, NULL, NULL);
}


/* Question N of M among the relevant ones. */
static void
progress(size_t *n, size_t *m)
{
	size_t	i;

	*n = *m = 0;
	for (i = 0; i < fs->nitems; i++) {
		if (fs->items[i].kind != FI_FIELD)
			continue;
		(*m)++;
		if (i <= fs->focus)
			*n = *m;
	}
}

/* A text field or a list always has the focus. */
static bool
form_typing(void)
{
	return true;
}

static void
form_draw(void)
{
	int	ymin = 2, ymax = LINES - 2, avail = ymax - ymin, y, h, sum, dw;
	size_t	i, n, m;
	char	*s, *q;
	bool	 before = false;
	const struct case_type	*ct;
	const char		*who;

	sf.cur_y = -1;
	if (screen_form_review_shown()) {
		screen_form_review_draw(fs);
		return;
	}
	progress(&n, &m);
	s = xasprintf(_("Question %zu of %zu"), n, m);
	tui_draw_title(form_text(fs->form->title), s);
	free(s);
	attron(tui_attr(TR_DIM));
	/* Whose case this is, by name: the worker checks it is the right
	 * person before typing. */
	who = NULL;
	if (fs->case_id != NULL && fs->form->case_type != NULL &&
	    (ct = form_pack_case_type(tui.app->pack, fs->form->case_type)) != NULL &&
	    ct->name_property != NULL)
		who = answers_get(&fs->case_props, ct->name_property);
	s = fs->record_id != NULL ? (who != NULL ?
	    xasprintf(_("Editing the record of %s (%s)"), who, fs->case_id) :
	    xasprintf(_("Editing record %s"), fs->record_id)) :
	    fs->case_id != NULL ? (who != NULL ?
	    xasprintf(_("New record for %s (%s)"), who, fs->case_id) :
	    xasprintf(_("New record for case %s"), fs->case_id)) :
	    xstrdup(_("New record"));
	if (sf.visit != NULL) {
		q = s;
		/* TRANSLATORS: "New record for NAME (ID): the visit". */
		s = xasprintf(_("%s: %s"), q, sf.visit);
		free(q);
	}
	/* The draft's state at the right, whole in every language; the
	 * record's line has the rest. */
	dw = fs->draft_id == NULL ? 0 : tui_width(fs->field_dirty ?
	    _("typing...") : _("draft saved"));
	tui_put(1, 1, s, COLS - 2 - (dw > 0 ? dw + 2 : 0));
	free(s);
	if (fs->draft_id != NULL && !fs->draft_failed)
		tui_put(1, COLS - 1 - dw, fs->field_dirty ? _("typing...") :
		    _("draft saved"), dw);
	attroff(tui_attr(TR_DIM));
	if (fs->draft_failed) {
		attron(tui_attr(TR_ERROR));
		tui_put(1, COLS / 2 + COLS / 4 + 1, _("NOT saved"),
		    COLS / 4 - 3);
		attroff(tui_attr(TR_ERROR));
	}

	/* Scroll so that the focused item fits, with its heading if any. */
	if (fs->focus < (size_t)fs->top)
		fs->top = (int)fs->focus;
	if (fs->top > 0 && (size_t)fs->top == fs->focus &&
	    fs->items[fs->top - 1].kind != FI_FIELD &&
	    fs->items[fs->top - 1].kind != FI_ADD)
		fs->top--;
	for (;;) {
		sum = 0;
		for (i = (size_t)fs->top; i <= fs->focus && i < fs->nitems; i++)
			sum += screen_form_item(fs, i, 0, false, 0, &sf.cur_y,
			    &sf.cur_x) + 1;
		if (sum <= avail || (size_t)fs->top >= fs->focus)
			break;
		fs->top++;
	}
	y = ymin;
	if (fs->top > 0) {
		attron(tui_attr(TR_DIM));
		tui_put(ymin - 1, COLS - 2, "^", 1);
		attroff(tui_attr(TR_DIM));
	}
	for (i = (size_t)fs->top; i < fs->nitems && y < ymax; i++) {
		if (fs->items[i].kind == FI_HEADING && before)
			y++;
		h = screen_form_item(fs, i, y, true, ymax, &sf.cur_y,
		    &sf.cur_x);
		y += h + (fs->items[i].kind == FI_FIELD ||
		    fs->items[i].kind == FI_ADD ? 1 : 0);
		before = true;
	}
	if (fs->nitems == 0)
		tui_put(ymin, 2, _("This form has no questions to show."),
		    COLS - 4);
	tui_draw_helpline();
	/* The cursor goes where the worker types. */
	if (sf.cur_y >= 0) {
		move(sf.cur_y, sf.cur_x);
		curs_set(1);
	}
}

/* Shows the problems of a finalize attempt and goes to the first. */
static void
show_problems(const struct diags *d)
{
	char		*path;
	const char	*sep;

	fs->show_all = true;
	if (d->n == 0)
		return;
	sep = strstr(d->v[0], ": ");
	path = sep != NULL ? xstrndup(d->v[0], (size_t)(sep - d->v[0])) :
	    xstrdup(d->v[0]);
	tui_fill_focus_path(fs, path);
	free(path);
	tui_error(ngettext("%zu problem to fix before finalizing; it is "
	    "shown", "%zu problems to fix before finalizing; the first is "
	    "shown", d->n), d->n);
}

static int
finalize(void)
{
	struct diags	 problems;
	char		*cause = NULL, *rec = NULL, *cas = NULL;
	bool		 new_case;

	memset(&problems, 0, sizeof problems);
	tui_fill_save_field(fs);
	record_calculate(fs->form, &fs->a);
	if (record_check(fs->form, &fs->a, &problems) > 0) {
		show_problems(&problems);
		diags_free(&problems);
		return TUI_REDRAW;
	}
	if (store_save_record(tui.app->store, fs->form, fs->record_id, fs->case_id,
	    &fs->a, tui.app->worker, &rec, &cas, &problems, &cause) == -1) {
		if (cause == NULL)
			show_problems(&problems);
		else {
			tui_error(_("cannot save the record: %s"), cause);
			free(cause);
		}
		diags_free(&problems);
		return TUI_REDRAW;
	}
	diags_free(&problems);
	if (fs->draft_id != NULL &&
	    store_draft_discard(tui.app->store, fs->draft_id, &cause) == -1) {
		free(cause);	/* a stale draft is harmless */
		cause = NULL;
	}
	new_case = fs->case_id == NULL && cas != NULL;
	tui_fill_free(fs);
	tui_pop();
	if (new_case) {
		struct screen_case_arg	ca = { cas };

		tui_push(SCREEN_CASE, &ca);
	}
	tui_message("%s", _("Saved."));
	free(rec);
	free(cas);
	return TUI_REDRAW;
}

static int
leave_answer(void *arg, bool yes)
{
	bool	lost;

	(void)arg;
	if (!yes)
		return TUI_REDRAW;
	tui_fill_save_field(fs);
	lost = fs->draft_failed;
	tui_fill_free(fs);
	tui_pop();
	if (lost)
		tui_error("%s", _("The answers could not be saved in a "
		    "draft."));
	else
		tui_message("%s", _("The answers are kept in a draft."));
	return TUI_REDRAW;
}

static int
discard_answer(void *arg, bool yes)
{
	char	*cause = NULL;

	(void)arg;
	if (!yes)
		return TUI_REDRAW;
	if (fs->draft_id != NULL &&
	    store_draft_discard(tui.app->store, fs->draft_id, &cause) == -1) {
		tui_error(_("cannot discard the draft: %s"), cause);
		free(cause);
		return TUI_REDRAW;
	}
	tui_fill_free(fs);
	tui_pop();
	tui_message("%s", _("Discarded."));
	return TUI_REDRAW;
}

static int
remove_answer(void *arg, bool yes)
{
	const struct tui_fill_item	*inst;
	char			*ipath = arg, *sub;
	char			**gone = NULL;
	size_t			  ngone = 0, i, len = strlen(ipath);

	if (!yes)
		return TUI_REDRAW;
	for (i = 0; i < fs->nitems; i++) {
		if (fs->items[i].kind == FI_INSTANCE &&
		    strcmp(fs->items[i].path, ipath) == 0)
			break;
	}
	if (i == fs->nitems)
		return TUI_REDRAW;
	inst = &fs->items[i];
	for (i = 0; i < fs->a.n; i++) {
		sub = fs->a.v[i].path;
		if (strncmp(sub, ipath, len) == 0 &&
		    (sub[len] == '\0' || sub[len] == '.')) {
			gone = xreallocarray(gone, ngone + 1, sizeof *gone);
			gone[ngone++] = xstrdup(sub);
		}
	}
	record_remove_instance(&fs->a, inst->f, inst->prefix, inst->iid);
	for (i = 0; i < ngone; i++) {
		tui_fill_draft_set(fs, gone[i], NULL);
		free(gone[i]);
	}
	free(gone);
	fs->dirty = true;
	fs->field_dirty = false;
	tui_fill_recompute(fs);
	tui_fill_focus_load(fs);
	return TUI_REDRAW;
}

/* The focused text field it was edited: its answer follows, and goes
 * to the draft when it has waited long enough. */
static int
text_changed(const struct tui_fill_item *it)
{
	if (!fs->edit.changed)
		return TUI_REDRAW;
	fs->edit.changed = false;
	answers_set(&fs->a, it->path, fs->edit.len > 0 ? fs->edit.s : NULL);
	fs->dirty = true;
	if (!fs->field_dirty)
		fs->dirty_ms = tui_now_ms();
	fs->field_dirty = true;
	tui_fill_recompute(fs);
	/* Steady typing never pauses: save it anyway. */
	if (tui_now_ms() - fs->dirty_ms >= DRAFT_EVERY_MS)
		tui_fill_save_field(fs);
	return TUI_REDRAW;
}

/* A key on the focused list it (a select question): Up, Down, Space and
 * Enter work on its choices; -1 when the key is not the list's (Up on its
 * first choice goes to the question before). */
static int
list_key(struct tui_fill_item *it, int key, int action)
{
	size_t	*idx, nidx;
	bool	 kept;

	if (key != TUI_FKEY(KEY_UP) && key != TUI_FKEY(KEY_DOWN) &&
	    action != FA_PICK && key != TUI_ENTER)
		return -1;
	nidx = tui_fill_choices(fs, it->f, &idx);
	if (key == TUI_FKEY(KEY_UP) && fs->ccur > 0) {
		fs->ccur--;
		fs->cmoved = true;
		free(idx);
		return TUI_REDRAW;
	}
	if (key == TUI_FKEY(KEY_DOWN) && fs->ccur + 1 < nidx) {
		fs->ccur++;
		fs->cmoved = true;
		free(idx);
		return TUI_REDRAW;
	}
	/* A list that has an answer changes only to a choice the
	 * worker moved to: Space or Enter on it as it opened keeps
	 * the answer. */
	kept = !fs->cmoved && answers_get(&fs->a, it->path) != NULL;
	if (action == FA_PICK && kept) {
		free(idx);
		tui_message("%s", _("Move to a choice with Up or Down "
		    "(or type to filter), then Space chooses it."));
		return TUI_REDRAW;
	}
	if ((action == FA_PICK || (key == TUI_ENTER && !kept &&
	    !field_is_multiple(it->f))) && fs->ccur < nidx) {
		tui_fill_pick(fs, it,
		    it->f->choices->v[idx[fs->ccur]].value);
		free(idx);
		if (key == TUI_ENTER)
			tui_fill_focus_step(fs, 1);
		return TUI_REDRAW;
	}
	free(idx);
	return action == FA_PICK ? TUI_NONE : -1;
}

static int
form_key(int key)
{
	struct tui_fill_item	*it;
	size_t		 nidx;
	const struct tui_fill_item *inst;
	char		*q;
	int		 action, r;

	if (!fs->open)
		return TUI_NONE;
	if (screen_form_review_shown()) {
		if (screen_form_review_key(fs, key) == REVIEW_FINALIZE)
			return finalize();
		return TUI_REDRAW;
	}
	action = tui_key_action(&form_keys, key, form_typing());
	it = fs->nitems > 0 ? &fs->items[fs->focus] : NULL;

	if (it != NULL && it->kind == FI_FIELD && tui_fill_is_select(it->f) &&
	    (r = list_key(it, key, action)) != -1)
		return r;

	/* An Enter in the middle of a paste is a line of a long answer:
	 * the paste stays in its field. */
	if (key == TUI_ENTER && it != NULL && it->kind == FI_FIELD &&
	    tui_fill_is_multiline(it->f) && tui_key_pending()) {
		tui_text_newline(&fs->edit);
		return text_changed(it);
	}

	/* A case picker takes them, and what is typed, for its search. */
	if (it != NULL && it->kind == FI_FIELD && field_is_link(it->f) &&
	    screen_form_case_key(fs, it, key) != TUI_NONE)
		return TUI_REDRAW;

	switch (action) {
	case FA_NEXT:
		if (it != NULL && it->kind == FI_ADD && key == TUI_ENTER)
			tui_fill_add_instance(fs, it);
		else
			tui_fill_focus_step(fs, 1);
		return TUI_REDRAW;
	case FA_PREV:
		tui_fill_focus_step(fs, -1);
		return TUI_REDRAW;
	case FA_PGDN:
		for (nidx = 0; nidx < 5 && tui_fill_focus_step(fs, 1); nidx++)
			;
		return TUI_REDRAW;
	case FA_PGUP:
		for (nidx = 0; nidx < 5 && tui_fill_focus_step(fs, -1); nidx++)
			;
		return TUI_REDRAW;
	case FA_FINALIZE:
		return finalize();
	case FA_REVIEW:
	case FA_GOTO:
		screen_form_review_open(fs, action == FA_GOTO);
		return TUI_REDRAW;
	case FA_LEAVE:
		if (!fs->dirty) {
			tui_fill_free(fs);
			tui_pop();
			return TUI_REDRAW;
		}
		tui_fill_save_field(fs);
		if (fs->draft_failed)
			tui_ask(_("The draft cannot be saved: leaving loses "
			    "the answers. Leave anyway?"), false,
			    leave_answer, NULL);
		else
			tui_ask(_("Leave this form? Your answers stay in a "
			    "draft."), true, leave_answer, NULL);
		return TUI_REDRAW;
	case FA_DISCARD:
		tui_ask(_("Discard the answers typed in this form?"), false,
		    discard_answer, NULL);
		return TUI_REDRAW;
	case FA_REMOVE:
		if (it == NULL ||
		    (inst = tui_fill_enclosing_instance(fs, fs->focus)) == NULL) {
			tui_error("%s", _("this question is not in a repeat"));
			return TUI_REDRAW;
		}
		if (inst->f->count != NULL) {
			tui_error("%s", _("the number of these comes from an "
			    "answer; change that answer instead"));
			return TUI_REDRAW;
		}
		q = xasprintf(_("Remove %s %d and its answers?"),
		    form_text(inst->f->label), inst->number);
		tui_ask(q, false, remove_answer, xstrdup(inst->path));
		free(q);
		return TUI_REDRAW;
	}

	if (it == NULL || it->kind != FI_FIELD)
		return TUI_NONE;
	if (tui_fill_is_text(it->f)) {
		if (!tui_text_key(&fs->edit, key))
			return TUI_NONE;
		return text_changed(it);
	}
	if (tui_fill_is_select(it->f) && (action == FA_CLEAR ||
	    (fs->filter.len == 0 && (key == 0x7f || key == TUI_CTRL('h') ||
	    key == TUI_FKEY(KEY_BACKSPACE) || key == TUI_FKEY(KEY_DC))))) {
		if (answers_get(&fs->a, it->path) != NULL)
			tui_fill_pick(fs, it, NULL);
		return TUI_REDRAW;
	}
	if (tui_fill_is_select(it->f) && tui_text_key(&fs->filter, key)) {
		fs->ccur = 0;
		fs->cmoved = true;
		return TUI_REDRAW;
	}
	return TUI_NONE;
}

const struct screen screen_form = {
	.id = SCREEN_FORM,
	.title = N_("Form"),
	.keys = &form_keys,
	.open = form_open,
	.close = form_close,
	.draw = form_draw,
	.key = form_key,
	.typing = form_typing,
	.idle = form_idle,
	.idle_ms = DRAFT_EVERY_MS,
	.save_typing = form_save_typing,
};
