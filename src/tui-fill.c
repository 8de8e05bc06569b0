/*
 * tui-fill.c: the form being filled (see tui-fill.h).  The list of items
 * is rebuilt from the form and the answers after every change, asking
 * record.h what is relevant; answers go to a draft in the store as the
 * worker leaves each question.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "tui-fill.h"
#include "tui.h"
#include "util.h"

bool
tui_fill_is_text(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_TEXT_ENTRY) != 0;
}

bool
tui_fill_is_multiline(const struct field *f)
{
	const struct form_type	*ft = form_type(f->type);

	return (ft->flags & FTF_TEXT_ENTRY) != 0 && ft->width == 0;
}

bool
tui_fill_is_select(const struct field *f)
{
	return field_is_select(f);
}

bool
tui_fill_focusable(const struct tui_fill_item *it)
{
	return it->kind == FI_FIELD || it->kind == FI_ADD;
}

static char *
item_key(const struct tui_fill_item *it)
{
	return xasprintf("%d:%s", (int)it->kind, it->path);
}

static void
items_free(struct tui_fill_state *fs)
{
	size_t	i;

	for (i = 0; i < fs->nitems; i++) {
		free(fs->items[i].prefix);
		free(fs->items[i].path);
		free(fs->items[i].iid);
	}
	free(fs->items);
	fs->items = NULL;
	fs->nitems = 0;
}

static struct tui_fill_item *
item_add(struct tui_fill_state *fs, enum tui_fill_kind kind, const struct field *f,
    const char *prefix, char *path, int depth)
{
	struct tui_fill_item	*it;

	fs->items = xreallocarray(fs->items, fs->nitems + 1, sizeof *fs->items);
	it = &fs->items[fs->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->f = f;
	it->prefix = xstrdup(prefix);
	it->path = path;
	it->depth = depth;
	return it;
}

static void
walk(struct tui_fill_state *fs, struct field *const *fields, size_t n,
    const char *prefix, int depth)
{
	const struct field	*f;
	struct tui_fill_item		*it;
	char			**ids, *ipre;
	size_t			  i, k, nids;
	unsigned		  ff;

	for (i = 0; i < n; i++) {
		f = fields[i];
		if (!record_relevant(fs->form, &fs->a, f, prefix))
			continue;
		ff = form_type(f->type)->flags;
		if ((ff & FTF_CONTAINER) && !(ff & FTF_INSTANCES)) {
			if (f->label != NULL && *f->label != '\0')
				item_add(fs, FI_HEADING, f, prefix,
				    record_path(f, prefix), depth);
			walk(fs, f->children, f->nchildren, prefix, depth + 1);
		} else if (ff & FTF_INSTANCES) {
			item_add(fs, FI_HEADING, f, prefix,
			    record_path(f, prefix), depth);
			nids = record_instances(&fs->a, f, prefix, &ids);
			for (k = 0; k < nids; k++) {
				it = item_add(fs, FI_INSTANCE, f, prefix,
				    xasprintf("%s%s[%s]", prefix, f->id,
				    ids[k]), depth);
				it->iid = xstrdup(ids[k]);
				it->number = (int)k + 1;
				ipre = xasprintf("%s%s[%s].", prefix, f->id,
				    ids[k]);
				walk(fs, f->children, f->nchildren, ipre,
				    depth + 1);
				free(ipre);
			}
			record_free_ids(ids, nids);
			/* A repeat with a count is sized by record.h. */
			if (f->count == NULL && (f->max == 0 ||
			    nids < (size_t)f->max))
				item_add(fs, FI_ADD, f, prefix,
				    record_path(f, prefix), depth);
		} else if (!(ff & FTF_VALUE)) {
			item_add(fs, FI_NOTE, f, prefix, record_path(f, prefix),
			    depth);
		} else if (ff & FTF_CALCULATED) {
			if (f->label != NULL && *f->label != '\0')
				item_add(fs, FI_CALC, f, prefix,
				    record_path(f, prefix), depth);
		} else {
			item_add(fs, f->read_only ? FI_CALC : FI_FIELD, f,
			    prefix, record_path(f, prefix), depth);
		}
	}
}

void
tui_fill_focus_load(struct tui_fill_state *fs)
{
	const struct tui_fill_item	*it;

	size_t				*idx, n, k;
	const char			*v;

	tui_text_set(&fs->filter, "");
	fs->ccur = 0;
	fs->cmoved = false;
	if (fs->nitems == 0)
		return;
	it = &fs->items[fs->focus];
	if (it->kind == FI_FIELD && tui_fill_is_text(it->f))
		tui_text_set(&fs->edit, answers_get(&fs->a, it->path));
	else
		tui_text_set(&fs->edit, "");
	/* A list opens on its answer (the first chosen, for several). */
	if (it->kind != FI_FIELD || !tui_fill_is_select(it->f) ||
	    (v = answers_get(&fs->a, it->path)) == NULL)
		return;
	n = tui_fill_choices(fs, it->f, &idx);
	for (k = 0; k < n; k++) {
		if (tui_fill_has_value(v, it->f->choices->v[idx[k]].value)) {
			fs->ccur = k;
			break;
		}
	}
	free(idx);
}

/* Rebuilds the list of shown items after answers changed, keeping the
 * focus on the same item when it is still shown. */
static void
rebuild(struct tui_fill_state *fs, bool keep_edit)
{
	size_t	i, old = fs->focus;
	char	*k;
	bool	 found = false;

	items_free(fs);
	walk(fs, fs->form->top, fs->form->ntop, "", 0);
	for (i = 0; i < fs->nitems && fs->focus_key != NULL; i++) {
		k = item_key(&fs->items[i]);
		if (strcmp(k, fs->focus_key) == 0) {
			fs->focus = i;
			found = true;
		}
		free(k);
		if (found)
			break;
	}
	if (!found) {
		fs->focus = old < fs->nitems ? old : 0;
		while (fs->focus < fs->nitems &&
		    !tui_fill_focusable(&fs->items[fs->focus]))
			fs->focus++;
		if (fs->focus >= fs->nitems) {
			fs->focus = fs->nitems;
			while (fs->focus > 0 &&
			    !tui_fill_focusable(&fs->items[fs->focus - 1]))
				fs->focus--;
			fs->focus = fs->focus > 0 ? fs->focus - 1 : 0;
		}
		keep_edit = false;
	}
	free(fs->focus_key);
	fs->focus_key = fs->nitems > 0 ? item_key(&fs->items[fs->focus]) : NULL;
	if (!keep_edit)
		tui_fill_focus_load(fs);
}

/*
 * Gives repeats with a count the instances it asks for (record.h), and
 * puts the instances made or removed into the draft.
 */
static void
size_repeats(struct tui_fill_state *fs)
{
	struct answers	before;
	const char	*v;
	size_t		i;

	answers_init(&before);
	answers_copy(&before, &fs->a);
	if (record_size_repeats(fs->form, &fs->a,
	    store_device(tui.app->store))) {
		fs->dirty = true;
		for (i = 0; i < before.n; i++) {
			if (answers_get(&fs->a, before.v[i].path) == NULL)
				tui_fill_draft_set(fs, before.v[i].path, NULL);
		}
		for (i = 0; i < fs->a.n; i++) {
			v = answers_get(&before, fs->a.v[i].path);
			if (v == NULL || strcmp(v, fs->a.v[i].value) != 0)
				tui_fill_draft_set(fs, fs->a.v[i].path,
				    fs->a.v[i].value);
		}
	}
	answers_free(&before);
}

/* Answers changed: recalculate, then show and hide questions. */
void
tui_fill_recompute(struct tui_fill_state *fs)
{
	size_repeats(fs);
	record_calculate(fs->form, &fs->a);
	rebuild(fs, true);
}

static int
ensure_draft(struct tui_fill_state *fs)
{
	char	*cause = NULL;

	if (fs->draft_id != NULL)
		return 0;
	if (store_draft_new(tui.app->store, fs->form->id, fs->case_id, fs->record_id,
	    &fs->draft_id, &cause) == -1) {
		tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
tui_fill_draft_set(struct tui_fill_state *fs, const char *path, const char *value)
{
	char	*cause = NULL;

	if (ensure_draft(fs) == -1 || store_draft_set(tui.app->store,
	    fs->draft_id, path, value != NULL ? value : "", &cause) == -1) {
		if (cause != NULL)
			tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		answers_set(&fs->unsaved, path, value != NULL ? value : "");
		fs->draft_failed = true;
		return -1;
	}
	answers_set(&fs->unsaved, path, NULL);
	return 0;
}

/* Writes again the draft writes that failed; stops at the first that
 * fails again. */
static void
draft_retry(struct tui_fill_state *fs)
{
	struct answers	todo;
	size_t		i;

	if (!fs->draft_failed)
		return;
	todo = fs->unsaved;
	answers_init(&fs->unsaved);
	for (i = 0; i < todo.n; i++) {
		if (fs->unsaved.n > 0)
			answers_set(&fs->unsaved, todo.v[i].path,
			    todo.v[i].value);
		else
			(void)tui_fill_draft_set(fs, todo.v[i].path,
			    todo.v[i].value);
	}
	answers_free(&todo);
	fs->draft_failed = fs->unsaved.n > 0;
}

/* True when the folded text t is word, in English or translated. */
static bool
is_word(const char *t, const char *word, const char *translated)
{
	char	*fw = tui_fold(translated);
	bool	 yes = strcmp(t, word) == 0 || strcmp(t, fw) == 0;

	free(fw);
	return yes;
}

/* A date typed as "today" or "yesterday" (or the words of the language
 * shown) becomes that date, in the answer and in the field. */
static void
date_word(struct tui_fill_state *fs, const struct tui_fill_item *it)
{
	const char	*v = answers_get(&fs->a, it->path);
	char		 buf[16], *t;
	long		 back = -1;

	if ((form_type(it->f->type)->flags & FTF_DATE) == 0 || v == NULL)
		return;
	t = tui_fold(v);
	if (is_word(t, "today", _("today")))
		back = 0;
	else if (is_word(t, "yesterday", _("yesterday")))
		back = 1;
	free(t);
	if (back < 0)
		return;
	expr_format_date(expr_today() - back, buf, sizeof buf);
	answers_set(&fs->a, it->path, buf);
	tui_text_set(&fs->edit, buf);
	tui_fill_recompute(fs);
}

/* Saves the focused field to the draft if it changed. */
void
tui_fill_save_field(struct tui_fill_state *fs)
{
	const struct tui_fill_item	*it;

	if (!fs->open)
		return;
	draft_retry(fs);
	if (!fs->field_dirty || fs->nitems == 0)
		return;
	it = &fs->items[fs->focus];
	if (it->kind == FI_FIELD)
		date_word(fs, it);
	it = &fs->items[fs->focus];
	if (it->kind == FI_FIELD &&
	    tui_fill_draft_set(fs, it->path, answers_get(&fs->a, it->path)) == 0)
		fs->field_dirty = false;
}

/* Moves the focus to item i (a focusable one), leaving the old field. */
void
tui_fill_focus_to(struct tui_fill_state *fs, size_t i)
{
	if (i == fs->focus || i >= fs->nitems)
		return;
	tui_fill_save_field(fs);
	if (fs->focus < fs->nitems && fs->items[fs->focus].kind == FI_FIELD)
		answers_set(&fs->touched, fs->items[fs->focus].path, "1");
	fs->focus = i;
	free(fs->focus_key);
	fs->focus_key = item_key(&fs->items[i]);
	tui_fill_focus_load(fs);
}

bool
tui_fill_focus_step(struct tui_fill_state *fs, int dir)
{
	size_t	i = fs->focus;

	for (;;) {
		if (dir > 0 && i + 1 >= fs->nitems)
			return false;
		if (dir < 0 && i == 0)
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (tui_fill_focusable(&fs->items[i])) {
			tui_fill_focus_to(fs, i);
			return true;
		}
	}
}

void
tui_fill_free(struct tui_fill_state *fs)
{
	items_free(fs);
	answers_free(&fs->a);
	answers_free(&fs->case_props);
	answers_free(&fs->touched);
	answers_free(&fs->unsaved);
	tui_text_free(&fs->edit);
	tui_text_free(&fs->filter);
	free(fs->case_id);
	free(fs->record_id);
	free(fs->draft_id);
	free(fs->focus_key);
	memset(fs, 0, sizeof *fs);
}

/* Overlays a draft's answers ("" removes an answer). */
static int
load_draft(struct tui_fill_state *fs, const char *draft_id, char **cause)
{
	struct draft_info	info;
	struct answers		da;
	size_t			i;

	answers_init(&da);
	memset(&info, 0, sizeof info);
	if (store_draft_load(tui.app->store, draft_id, &info, &da, cause) == -1) {
		answers_free(&da);
		return -1;
	}
	for (i = 0; i < da.n; i++)
		answers_set(&fs->a, da.v[i].path,
		    *da.v[i].value != '\0' ? da.v[i].value : NULL);
	answers_free(&da);
	draft_info_free(&info);
	return 0;
}

int
tui_fill_open(struct tui_fill_state *fs, const char *form_id, const char *case_id,
    const char *record_id, const char *draft_id)
{
	const struct form	*f;
	struct record_info	 ri;
	char			*cause = NULL;

	if ((f = form_pack_find(tui.app->pack, form_id)) == NULL) {
		tui_error(_("no form '%s' in the form pack"), form_id);
		return -1;
	}
	if (fs->open)
		tui_fill_free(fs);
	fs->form = f;
	answers_init(&fs->a);
	answers_init(&fs->touched);
	answers_init(&fs->unsaved);
	tui_text_init(&fs->edit);
	tui_text_init(&fs->filter);
	fs->case_id = case_id != NULL ? xstrdup(case_id) : NULL;
	fs->record_id = record_id != NULL ? xstrdup(record_id) : NULL;
	fs->draft_id = draft_id != NULL ? xstrdup(draft_id) : NULL;
	fs->open = true;
	if (record_id != NULL) {
		memset(&ri, 0, sizeof ri);
		if (store_load_record(tui.app->store, record_id, &ri, &fs->a,
		    &cause) == -1)
			goto fail;
		record_info_free(&ri);
	}
	if (draft_id != NULL && load_draft(fs, draft_id, &cause) == -1)
		goto fail;
	/* The case's properties, for ${case.PROP} (defaults, relevance,
	 * calculations). */
	answers_init(&fs->case_props);
	if (case_id != NULL && store_case_props(tui.app->store, case_id, NULL,
	    &fs->case_props, &cause) == -1)
		goto fail;
	fs->a.case_props = &fs->case_props;
	if (record_id == NULL)
		record_apply_defaults(fs->form, &fs->a);
	size_repeats(fs);
	record_calculate(fs->form, &fs->a);
	rebuild(fs, false);
	fs->focus = 0;
	while (fs->focus < fs->nitems && !tui_fill_focusable(&fs->items[fs->focus]))
		fs->focus++;
	if (fs->focus >= fs->nitems)
		fs->focus = 0;
	free(fs->focus_key);
	fs->focus_key = fs->nitems > 0 ? item_key(&fs->items[fs->focus]) : NULL;
	tui_fill_focus_load(fs);
	if (draft_id != NULL)
		tui_message("%s", _("Draft reopened."));
	return 0;
fail:
	tui_error(_("cannot open the record: %s"), cause);
	free(cause);
	tui_fill_free(fs);
	return -1;
}

/* Choices of the focused list that match the filter, as indexes. */
size_t
tui_fill_choices(struct tui_fill_state *fs, const struct field *f, size_t **out)
{
	const struct choice_list	*cl = f->choices;
	char				*ff, *lab, *val;
	size_t				 i, n = 0;

	*out = NULL;
	if (cl == NULL)
		return 0;
	*out = xreallocarray(NULL, cl->n + 1, sizeof **out);
	ff = tui_fold(fs->filter.s);
	for (i = 0; i < cl->n; i++) {
		if (!record_choice_ok(fs->form, &fs->a, f,
		    fs->items[fs->focus].prefix, &cl->v[i]))
			continue;
		if (*ff != '\0') {
			lab = tui_fold(form_text(cl->v[i].label));
			val = tui_fold(cl->v[i].value);
			if (strstr(lab, ff) == NULL && strstr(val, ff) == NULL) {
				free(lab);
				free(val);
				continue;
			}
			free(lab);
			free(val);
		}
		(*out)[n++] = i;
	}
	free(ff);
	return n;
}

/* True when value (space separated for select_multiple) holds v. */
bool
tui_fill_has_value(const char *value, const char *v)
{
	size_t	len = strlen(v);
	const char *p = value;

	if (value == NULL)
		return false;
	while ((p = strstr(p, v)) != NULL) {
		if ((p == value || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			return true;
		p += len;
	}
	return false;
}

void
tui_fill_pick(struct tui_fill_state *fs, const struct tui_fill_item *it, const char *v)
{
	const char	*cur = answers_get(&fs->a, it->path);
	struct buf	 b;
	char		*copy, *tok, *save = NULL;
	bool		 had = false;

	if (v == NULL)
		answers_set(&fs->a, it->path, NULL);
	else if (!field_is_multiple(it->f)) {
		if (cur != NULL && strcmp(cur, v) == 0)
			return;
		answers_set(&fs->a, it->path, v);
	} else {
		buf_init(&b);
		copy = xstrdup(cur != NULL ? cur : "");
		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			if (strcmp(tok, v) == 0) {
				had = true;
				continue;
			}
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, tok);
		}
		if (!had) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, v);
		}
		free(copy);
		answers_set(&fs->a, it->path, b.len > 0 ? b.s : NULL);
		buf_free(&b);
	}
	fs->dirty = true;
	fs->field_dirty = true;
	tui_fill_save_field(fs);
	tui_fill_recompute(fs);
}

/* Moves the focus to the item with this answer path. */
bool
tui_fill_focus_path(struct tui_fill_state *fs, const char *path)
{
	size_t	i;

	for (i = 0; i < fs->nitems; i++) {
		if (fs->items[i].kind == FI_FIELD &&
		    strcmp(fs->items[i].path, path) == 0) {
			tui_fill_focus_to(fs, i);
			return true;
		}
	}
	return false;
}

int
tui_fill_add_instance(struct tui_fill_state *fs, const struct tui_fill_item *it)
{
	char	*iid, *path;
	size_t	 i;

	tui_fill_save_field(fs);
	iid = record_add_instance(&fs->a, it->f, it->prefix,
	    store_device(tui.app->store));
	path = xasprintf("%s%s[%s]", it->prefix, it->f->id, iid);
	tui_fill_draft_set(fs, path, answers_get(&fs->a, path));
	fs->dirty = true;
	tui_fill_recompute(fs);
	/* Go to the new instance's first question. */
	for (i = 0; i < fs->nitems; i++) {
		if (fs->items[i].kind == FI_INSTANCE &&
		    strcmp(fs->items[i].path, path) == 0)
			break;
	}
	for (; i < fs->nitems; i++) {
		if (tui_fill_focusable(&fs->items[i])) {
			tui_fill_focus_to(fs, i);
			break;
		}
	}
	free(path);
	free(iid);
	return 0;
}

/* The instance item enclosing item i, or NULL. */
const struct tui_fill_item *
tui_fill_enclosing_instance(struct tui_fill_state *fs, size_t i)
{
	int	depth = fs->items[i].depth;

	while (i-- > 0) {
		if (fs->items[i].kind == FI_INSTANCE &&
		    fs->items[i].depth < depth)
			return &fs->items[i];
		if (fs->items[i].depth < depth && fs->items[i].kind != FI_INSTANCE)
			depth = fs->items[i].depth;
	}
	return NULL;
}
