/*
 * tui-fill.c: the form being filled (see tui-fill.h).  The list of items
 * is rebuilt from the form and the answers after every change, asking
 * record.h what is relevant; answers go to a draft in the store as the
 * worker leaves each question.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "record.h"
#include "store.h"
#include "tui-fill.h"
#include "tui.h"
#include "util.h"

struct fill_state	fill;

bool
fill_is_text(const struct field *f)
{
	return (form_type(f->type)->flags & FTF_TEXT_ENTRY) != 0;
}

bool
fill_is_select(const struct field *f)
{
	return field_is_select(f);
}

bool
fill_focusable(const struct fill_item *it)
{
	return it->kind == FI_FIELD || it->kind == FI_ADD;
}

static char *
item_key(const struct fill_item *it)
{
	return xasprintf("%d:%s", (int)it->kind, it->path);
}

static void
items_free(void)
{
	size_t	i;

	for (i = 0; i < fill.nitems; i++) {
		free(fill.items[i].prefix);
		free(fill.items[i].path);
		free(fill.items[i].iid);
	}
	free(fill.items);
	fill.items = NULL;
	fill.nitems = 0;
}

static struct fill_item *
item_add(enum fill_kind kind, const struct field *f, const char *prefix,
    char *path, int depth)
{
	struct fill_item	*it;

	fill.items = xreallocarray(fill.items, fill.nitems + 1, sizeof *fill.items);
	it = &fill.items[fill.nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->f = f;
	it->prefix = xstrdup(prefix);
	it->path = path;
	it->depth = depth;
	return it;
}

static void
walk(struct field *const *fields, size_t n, const char *prefix, int depth)
{
	const struct field	*f;
	struct fill_item		*it;
	char			**ids, *ipre;
	size_t			  i, k, nids;
	unsigned		  ff;

	for (i = 0; i < n; i++) {
		f = fields[i];
		if (!record_relevant(fill.form, &fill.a, f, prefix))
			continue;
		ff = form_type(f->type)->flags;
		if ((ff & FTF_CONTAINER) && !(ff & FTF_INSTANCES)) {
			if (f->label != NULL && *f->label != '\0')
				item_add(FI_HEADING, f, prefix,
				    record_path(f, prefix), depth);
			walk(f->children, f->nchildren, prefix, depth + 1);
		} else if (ff & FTF_INSTANCES) {
			item_add(FI_HEADING, f, prefix, record_path(f, prefix),
			    depth);
			nids = record_instances(&fill.a, f, prefix, &ids);
			for (k = 0; k < nids; k++) {
				it = item_add(FI_INSTANCE, f, prefix,
				    xasprintf("%s%s[%s]", prefix, f->id,
				    ids[k]), depth);
				it->iid = xstrdup(ids[k]);
				it->number = (int)k + 1;
				ipre = xasprintf("%s%s[%s].", prefix, f->id,
				    ids[k]);
				walk(f->children, f->nchildren, ipre,
				    depth + 1);
				free(ipre);
			}
			record_free_ids(ids, nids);
			/* A repeat with a count is sized by record.h. */
			if (f->count == NULL && (f->max == 0 ||
			    nids < (size_t)f->max))
				item_add(FI_ADD, f, prefix,
				    record_path(f, prefix), depth);
		} else if (!(ff & FTF_VALUE)) {
			item_add(FI_NOTE, f, prefix, record_path(f, prefix),
			    depth);
		} else if (ff & FTF_CALCULATED) {
			if (f->label != NULL && *f->label != '\0')
				item_add(FI_CALC, f, prefix,
				    record_path(f, prefix), depth);
		} else {
			item_add(f->read_only ? FI_CALC : FI_FIELD, f, prefix,
			    record_path(f, prefix), depth);
		}
	}
}

void
fill_focus_load(void)
{
	const struct fill_item	*it;

	tui_text_set(&fill.filter, "");
	fill.ccur = 0;
	if (fill.nitems == 0)
		return;
	it = &fill.items[fill.focus];
	if (it->kind == FI_FIELD && fill_is_text(it->f))
		tui_text_set(&fill.edit, answers_get(&fill.a, it->path));
	else
		tui_text_set(&fill.edit, "");
}

/* Rebuilds the list of shown items after answers changed, keeping the
 * focus on the same item when it is still shown. */
static void
rebuild(bool keep_edit)
{
	size_t	i, old = fill.focus;
	char	*k;
	bool	 found = false;

	items_free();
	walk(fill.form->top, fill.form->ntop, "", 0);
	for (i = 0; i < fill.nitems && fill.focus_key != NULL; i++) {
		k = item_key(&fill.items[i]);
		if (strcmp(k, fill.focus_key) == 0) {
			fill.focus = i;
			found = true;
		}
		free(k);
		if (found)
			break;
	}
	if (!found) {
		fill.focus = old < fill.nitems ? old : 0;
		while (fill.focus < fill.nitems &&
		    !fill_focusable(&fill.items[fill.focus]))
			fill.focus++;
		if (fill.focus >= fill.nitems) {
			fill.focus = fill.nitems;
			while (fill.focus > 0 &&
			    !fill_focusable(&fill.items[fill.focus - 1]))
				fill.focus--;
			fill.focus = fill.focus > 0 ? fill.focus - 1 : 0;
		}
		keep_edit = false;
	}
	free(fill.focus_key);
	fill.focus_key = fill.nitems > 0 ? item_key(&fill.items[fill.focus]) : NULL;
	if (!keep_edit)
		fill_focus_load();
}

/*
 * Gives repeats with a count the instances it asks for (record.h), and
 * puts the instances made or removed into the draft.
 */
static void
size_repeats(void)
{
	struct answers	before;
	const char	*v;
	size_t		i;

	answers_init(&before);
	answers_copy(&before, &fill.a);
	if (record_size_repeats(fill.form, &fill.a,
	    store_device(tui.store))) {
		fill.dirty = true;
		for (i = 0; i < before.n; i++) {
			if (answers_get(&fill.a, before.v[i].path) == NULL)
				fill_draft_set(before.v[i].path, NULL);
		}
		for (i = 0; i < fill.a.n; i++) {
			v = answers_get(&before, fill.a.v[i].path);
			if (v == NULL || strcmp(v, fill.a.v[i].value) != 0)
				fill_draft_set(fill.a.v[i].path,
				    fill.a.v[i].value);
		}
	}
	answers_free(&before);
}

/* Answers changed: recalculate, then show and hide questions. */
void
fill_recompute(void)
{
	size_repeats();
	record_calculate(fill.form, &fill.a);
	rebuild(true);
}

static int
ensure_draft(void)
{
	char	*cause = NULL;

	if (fill.draft_id != NULL)
		return 0;
	if (store_draft_new(tui.store, fill.form->id, fill.case_id, fill.record_id,
	    &fill.draft_id, &cause) == -1) {
		tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
fill_draft_set(const char *path, const char *value)
{
	char	*cause = NULL;

	if (ensure_draft() == -1)
		return -1;
	if (store_draft_set(tui.store, fill.draft_id, path,
	    value != NULL ? value : "", &cause) == -1) {
		tui_error(_("cannot save the draft: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Saves the focused field to the draft if it changed. */
void
fill_save_field(void)
{
	const struct fill_item	*it;

	if (!fill.open || !fill.field_dirty || fill.nitems == 0)
		return;
	it = &fill.items[fill.focus];
	if (it->kind == FI_FIELD &&
	    fill_draft_set(it->path, answers_get(&fill.a, it->path)) == 0)
		fill.field_dirty = false;
}

/* Moves the focus to item i (a focusable one), leaving the old field. */
void
fill_focus_to(size_t i)
{
	if (i == fill.focus || i >= fill.nitems)
		return;
	fill_save_field();
	if (fill.focus < fill.nitems && fill.items[fill.focus].kind == FI_FIELD)
		answers_set(&fill.touched, fill.items[fill.focus].path, "1");
	fill.focus = i;
	free(fill.focus_key);
	fill.focus_key = item_key(&fill.items[i]);
	fill_focus_load();
}

bool
fill_focus_step(int dir)
{
	size_t	i = fill.focus;

	for (;;) {
		if (dir > 0 && i + 1 >= fill.nitems)
			return false;
		if (dir < 0 && i == 0)
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (fill_focusable(&fill.items[i])) {
			fill_focus_to(i);
			return true;
		}
	}
}

void
fill_free(void)
{
	items_free();
	answers_free(&fill.a);
	answers_free(&fill.case_props);
	answers_free(&fill.touched);
	tui_text_free(&fill.edit);
	tui_text_free(&fill.filter);
	free(fill.case_id);
	free(fill.record_id);
	free(fill.draft_id);
	free(fill.focus_key);
	memset(&fill, 0, sizeof fill);
}

/* Overlays a draft's answers ("" removes an answer). */
static int
load_draft(const char *draft_id, char **cause)
{
	struct draft_info	info;
	struct answers		da;
	size_t			i;

	answers_init(&da);
	memset(&info, 0, sizeof info);
	if (store_draft_load(tui.store, draft_id, &info, &da, cause) == -1) {
		answers_free(&da);
		return -1;
	}
	for (i = 0; i < da.n; i++)
		answers_set(&fill.a, da.v[i].path,
		    *da.v[i].value != '\0' ? da.v[i].value : NULL);
	answers_free(&da);
	draft_info_free(&info);
	return 0;
}

int
fill_open(const char *form_id, const char *case_id, const char *record_id,
    const char *draft_id)
{
	const struct form	*f;
	struct record_info	 ri;
	char			*cause = NULL;

	if ((f = form_pack_find(tui.pack, form_id)) == NULL) {
		tui_error(_("no form '%s' in the form pack"), form_id);
		return -1;
	}
	if (fill.open)
		fill_free();
	fill.form = f;
	answers_init(&fill.a);
	answers_init(&fill.touched);
	tui_text_init(&fill.edit);
	tui_text_init(&fill.filter);
	fill.case_id = case_id != NULL ? xstrdup(case_id) : NULL;
	fill.record_id = record_id != NULL ? xstrdup(record_id) : NULL;
	fill.draft_id = draft_id != NULL ? xstrdup(draft_id) : NULL;
	fill.open = true;
	if (record_id != NULL) {
		memset(&ri, 0, sizeof ri);
		if (store_load_record(tui.store, record_id, &ri, &fill.a,
		    &cause) == -1)
			goto fail;
		record_info_free(&ri);
	}
	if (draft_id != NULL && load_draft(draft_id, &cause) == -1)
		goto fail;
	/* The case's properties, for ${case.PROP} (defaults, relevance,
	 * calculations). */
	answers_init(&fill.case_props);
	if (case_id != NULL && store_case_props(tui.store, case_id, NULL,
	    &fill.case_props, &cause) == -1)
		goto fail;
	fill.a.case_props = &fill.case_props;
	if (record_id == NULL)
		record_apply_defaults(fill.form, &fill.a);
	size_repeats();
	record_calculate(fill.form, &fill.a);
	rebuild(false);
	fill.focus = 0;
	while (fill.focus < fill.nitems && !fill_focusable(&fill.items[fill.focus]))
		fill.focus++;
	if (fill.focus >= fill.nitems)
		fill.focus = 0;
	free(fill.focus_key);
	fill.focus_key = fill.nitems > 0 ? item_key(&fill.items[fill.focus]) : NULL;
	fill_focus_load();
	tui_push(TUI_FORM);
	if (draft_id != NULL)
		tui_message("%s", _("Draft reopened."));
	return 0;
fail:
	tui_error(_("cannot open the record: %s"), cause);
	free(cause);
	fill_free();
	return -1;
}

/* Choices of the focused list that match the filter, as indexes. */
size_t
fill_choices(const struct field *f, size_t **out)
{
	const struct choice_list	*cl = f->choices;
	char				*ff, *lab, *val;
	size_t				 i, n = 0;

	*out = NULL;
	if (cl == NULL)
		return 0;
	*out = xreallocarray(NULL, cl->n + 1, sizeof **out);
	ff = tui_fold(fill.filter.s);
	for (i = 0; i < cl->n; i++) {
		if (!record_choice_ok(fill.form, &fill.a, f,
		    fill.items[fill.focus].prefix, &cl->v[i]))
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
fill_has_value(const char *value, const char *v)
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
fill_pick(const struct fill_item *it, const char *v)
{
	const char	*cur = answers_get(&fill.a, it->path);
	struct buf	 b;
	char		*copy, *tok, *save = NULL;
	bool		 had = false;

	if (!field_is_multiple(it->f)) {
		if (cur != NULL && strcmp(cur, v) == 0)
			return;
		answers_set(&fill.a, it->path, v);
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
		answers_set(&fill.a, it->path, b.len > 0 ? b.s : NULL);
		buf_free(&b);
	}
	fill.dirty = true;
	fill.field_dirty = true;
	fill_save_field();
	fill_recompute();
}

/* Moves the focus to the item with this answer path. */
bool
fill_focus_path(const char *path)
{
	size_t	i;

	for (i = 0; i < fill.nitems; i++) {
		if (fill.items[i].kind == FI_FIELD &&
		    strcmp(fill.items[i].path, path) == 0) {
			fill_focus_to(i);
			return true;
		}
	}
	return false;
}

int
fill_add_instance(const struct fill_item *it)
{
	char	*iid, *path;
	size_t	 i;

	fill_save_field();
	iid = record_add_instance(&fill.a, it->f, it->prefix,
	    store_device(tui.store));
	path = xasprintf("%s%s[%s]", it->prefix, it->f->id, iid);
	fill_draft_set(path, answers_get(&fill.a, path));
	fill.dirty = true;
	fill_recompute();
	/* Go to the new instance's first question. */
	for (i = 0; i < fill.nitems; i++) {
		if (fill.items[i].kind == FI_INSTANCE &&
		    strcmp(fill.items[i].path, path) == 0)
			break;
	}
	for (; i < fill.nitems; i++) {
		if (fill_focusable(&fill.items[i])) {
			fill_focus_to(i);
			break;
		}
	}
	free(path);
	free(iid);
	return 0;
}

/* The instance item enclosing item i, or NULL. */
const struct fill_item *
fill_enclosing_instance(size_t i)
{
	int	depth = fill.items[i].depth;

	while (i-- > 0) {
		if (fill.items[i].kind == FI_INSTANCE &&
		    fill.items[i].depth < depth)
			return &fill.items[i];
		if (fill.items[i].depth < depth && fill.items[i].kind != FI_INSTANCE)
			depth = fill.items[i].depth;
	}
	return NULL;
}
