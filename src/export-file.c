/*
 * export-file.c: the sheets of the file formats, their columns' kinds,
 * labels and short names, and the walk over the store that hands a
 * format its rows (export-file.h).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <unistd.h>

#include "export-file.h"
#include "i18n.h"
#include "record.h"
#include "strmap.h"
#include "util.h"

const struct export_format *
export_format_find(const char *name)
{
	const struct export_format *const all[] = {
		export_format_csv, export_format_dta, export_format_sav,
		export_format_xlsx
	};
	size_t	i;

	for (i = 0; i < nitems(all); i++) {
		if (all[i] != NULL && strcmp(all[i]->name, name) == 0)
			return all[i];
	}
	return NULL;
}

const char *
export_format_names(void)
{
	static char	names[64];
	const struct export_format *const all[] = {
		export_format_csv, export_format_dta, export_format_sav,
		export_format_xlsx
	};
	size_t		i, len;

	names[0] = '\0';
	for (i = 0, len = 0; i < nitems(all); i++) {
		if (all[i] != NULL && len < sizeof names)
			len += (size_t)snprintf(names + len, sizeof names - len,
			    "%s%s", len > 0 ? ", " : "", all[i]->name);
	}
	return names;
}

/* Adds a column to sheet s and returns it. */
static struct export_fcol *
sheet_col(struct export_sheet *s, const char *name, const char *type,
    enum export_kind kind, char *label)
{
	struct export_fcol	*c;

	s->cols = xreallocarray(s->cols, s->ncols + 1, sizeof *s->cols);
	c = &s->cols[s->ncols++];
	memset(c, 0, sizeof *c);
	c->name = name;
	c->type = type;
	c->kind = kind;
	c->label = label;
	return c;
}

/* The kind of a field's answer (f may be NULL: text). */
static enum export_kind
field_kind(const struct form_type *t, const struct field *f)
{
	if (t == NULL)
		return EXK_TEXT;
	if (t->flags & FTF_NUMERIC)
		return EXK_NUMBER;
	if (t->flags & FTF_DATE)
		return EXK_DATE;
	if ((t->flags & FTF_SELECT) && !(t->flags & FTF_MULTIPLE) &&
	    f != NULL && f->choices != NULL)
		return EXK_CHOICE;
	return EXK_TEXT;
}

/* The sheet of table ti of layout l. */
static void
sheet_table(struct export_sheet *s, struct export_layout *l, size_t ti)
{
	const struct export_table	*t = &l->v[ti];
	const struct export_column	*col;
	struct export_fcol		*c;
	size_t				 k;

	memset(s, 0, sizeof *s);
	s->name = xstrdup(t->name);
	s->form = t->form->id;
	s->table = t;
	if (ti == 0) {
		s->layout = l;
		s->label = xstrdup(form_text(t->form->title));
	} else
		s->label = xasprintf("%s: %s", form_text(t->form->title),
		    form_text(t->repeat->label));
	for (k = 0; k < export_nmeta; k++)
		sheet_col(s, export_meta_columns[k], "meta", EXK_TEXT,
		    xstrdup(_(export_meta_labels[k])));
	for (k = 0; t->repeat != NULL && k < export_nrepeat; k++)
		sheet_col(s, export_repeat_columns[k], "meta", k == 2 ?
		    EXK_NUMBER : EXK_TEXT,
		    xstrdup(_(export_repeat_labels[k])));
	for (k = 0; k < t->ncols; k++) {
		col = &t->cols[k];
		if (col->choice != NULL) {
			c = sheet_col(s, col->name, "choice", EXK_FLAG,
			    xasprintf("%s: %s", form_text(col->field->label),
			    form_text(col->choice->label)));
			c->choice = col->choice;
		} else
			c = sheet_col(s, col->name,
			    field_type_name(col->field->type),
			    field_kind(form_type(col->field->type), col->field),
			    xstrdup(col->field->label != NULL ?
			    form_text(col->field->label) : ""));
		c->field = col->field;
	}
}

/* The sheet of the cases. */
static void
sheet_cases(struct export_sheet *s, const struct form_pack *pack)
{
	const struct case_property	**props;
	const char			**types;
	const struct form_type		 *t;
	const struct field		 *f;
	struct export_fcol		 *c;
	size_t				  n, k;

	memset(s, 0, sizeof *s);
	s->name = xstrdup("cases");
	s->label = xstrdup(_("Cases"));
	s->form = "";
	for (k = 0; k < export_ncase; k++)
		sheet_col(s, export_case_columns[k], "meta",
		    strcmp(export_case_columns[k], "_next_due") == 0 ?
		    EXK_DATE : k >= 6 ? EXK_FLAG : EXK_TEXT,
		    xstrdup(_(export_case_labels[k])));
	n = export_case_props(pack, &props, &types);
	for (k = 0; k < n; k++) {
		t = props[k]->type != NULL ? form_type_named(props[k]->type) :
		    NULL;
		f = export_prop_field(pack, types[k], props[k]->id);
		c = sheet_col(s, props[k]->id, props[k]->type != NULL ?
		    props[k]->type : "text", field_kind(t, f),
		    xstrdup(props[k]->label != NULL ?
		    form_text(props[k]->label) : ""));
		c->field = f;
	}
	free(props);
	free(types);
}

void
export_sheets(const struct form_pack *pack, const struct form *const *forms,
    size_t nforms, bool cases, struct export_sheet **v, size_t *n)
{
	struct export_layout	*l;
	size_t			 i, k;

	*v = NULL;
	*n = 0;
	for (i = 0; i < nforms; i++) {
		l = xmalloc(sizeof *l);
		export_layout(forms[i], l);
		*v = xreallocarray(*v, *n + l->n, sizeof **v);
		for (k = 0; k < l->n; k++)
			sheet_table(&(*v)[(*n)++], l, k);
	}
	if (cases) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		sheet_cases(&(*v)[(*n)++], pack);
	}
}

void
export_sheets_free(struct export_sheet *v, size_t n)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].ncols; k++)
			free(v[i].cols[k].label);
		free(v[i].cols);
		free(v[i].name);
		free(v[i].label);
		if (v[i].layout != NULL) {
			export_layout_free(v[i].layout);
			free(v[i].layout);
		}
	}
	free(v);
}

/* True when s is a reserved word of the format (any case for SPSS). */
static bool
name_reserved(const char *s, bool sav)
{
	static const char *const dta[] = {
		"_all", "_b", "byte", "_coef", "_cons", "double", "float",
		"if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc",
		"_skip", "strL", "using", "with"
	};
	static const char *const spss[] = {
		"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne",
		"not", "or", "to", "with"
	};
	size_t	i;

	for (i = 0; sav && i < nitems(spss); i++) {
		if (strcasecmp(s, spss[i]) == 0)
			return true;
	}
	for (i = 0; !sav && i < nitems(dta); i++) {
		if (strcmp(s, dta[i]) == 0)
			return true;
	}
	/* Stata's str1 ... str2045. */
	return !sav && strncmp(s, "str", 3) == 0 && s[3] != '\0' &&
	    strspn(s + 3, "0123456789") == strlen(s + 3);
}

/* The lower-case copy of s, for a set that ignores case. */
static char *
name_key(const char *s)
{
	char	*k = xstrdup(s), *p;

	for (p = k; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/* One name within the format's rules, not yet unique. */
static char *
name_clean(const char *name, const struct export_format *fmt)
{
	bool	 sav = strcmp(fmt->name, "sav") == 0;
	char	*s, *p;

	if (!isalpha((unsigned char)name[0]) && (sav || name[0] != '_'))
		s = xasprintf("v%s", name);
	else
		s = xstrdup(name);
	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '_')
			*p = '_';
	}
	if (strlen(s) > fmt->name_max)
		s[fmt->name_max] = '\0';
	if (name_reserved(s, sav)) {
		p = s;
		s = xasprintf("%.*s_", (int)fmt->name_max - 1, p);
		free(p);
	}
	return s;
}

char **
export_short_names(const struct export_sheet *sh,
    const struct export_format *fmt)
{
	struct strmap	  seen = { NULL, 0, 0 };
	char		**v, *s, *key, suffix[24];
	size_t		  k, n;

	v = xcalloc(sh->ncols, sizeof *v);
	for (k = 0; k < sh->ncols; k++) {
		s = name_clean(sh->cols[k].name, fmt);
		key = name_key(s);
		for (n = 2; !strmap_add(&seen, key); n++) {
			(void)snprintf(suffix, sizeof suffix, "_%zu", n);
			free(key);
			free(v[k]);
			v[k] = xasprintf("%.*s%s", (int)(fmt->name_max -
			    strlen(suffix)), s, suffix);
			key = name_key(v[k]);
		}
		if (v[k] == NULL)
			v[k] = s;
		else
			free(s);
		free(key);
	}
	strmap_free(&seen, NULL);
	return v;
}

void
export_names_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

char **
export_sheet_titles(const struct export_sheet *sh, size_t n)
{
	struct strmap	  seen = { NULL, 0, 0 };
	char		**v, *s, *p, *key, suffix[24];
	size_t		  i, len, k;

	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		s = xstrdup(sh[i].name);
		for (p = s; *p != '\0'; p++) {
			if (strchr("[]:*?/\\", *p) != NULL)
				*p = '_';
		}
		for (k = 1; ; k++) {
			if (k == 1)
				suffix[0] = '\0';
			else
				(void)snprintf(suffix, sizeof suffix, "~%zu", k);
			len = strlen(s);
			if (len + strlen(suffix) > 31)
				len = 31 - strlen(suffix);
			while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
				len--;
			free(v[i]);
			v[i] = xasprintf("%.*s%s", (int)len, s, suffix);
			key = name_key(v[i]);
			if (strmap_add(&seen, key)) {
				free(key);
				break;
			}
			free(key);
		}
		free(s);
	}
	strmap_free(&seen, NULL);
	return v;
}

/* The whole number s in int32 range into *v; false when it is not one. */
static bool
code_number(const char *s, long *v)
{
	char	*end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return *s != '\0' && *end == '\0' && errno == 0 && *v >= INT32_MIN &&
	    *v <= INT32_MAX;
}

bool
export_choice_code(const struct field *f, const char *v, long *code)
{
	const struct choice_list	*cl = f->choices;
	size_t				 i;
	bool				 numbers = true;

	if (cl == NULL)
		return false;
	for (i = 0; i < cl->n && numbers; i++)
		numbers = code_number(cl->v[i].value, code);
	for (i = 0; i < cl->n; i++) {
		if (strcmp(cl->v[i].value, v) != 0)
			continue;
		if (numbers)
			(void)code_number(v, code);
		else
			*code = (long)i + 1;
		return true;
	}
	return false;
}

/* Flushes the file at path to the disk. */
static int
finish_sync(const char *path)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	rc = fsync(fd);
	(void)close(fd);
	return rc;
}

int
export_file_finish(struct export_out *o, FILE *f, const char *tmp,
    const char *path, size_t rows, bool ok, char **cause)
{
	bool	was = ok;

	if (f != NULL) {
		if (ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0)
			ok = false;
		if (fclose(f) != 0)
			ok = false;
	} else if (ok && finish_sync(tmp) == -1)
		ok = false;
	if (was && !ok)
		*cause = xasprintf(_("cannot write '%s': %s"), tmp,
		    strerror(errno));
	if (ok && rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot rename '%s' to '%s': %s"), tmp,
		    path, strerror(errno));
		ok = false;
	}
	if (!ok) {
		(void)unlink(tmp);
		return -1;
	}
	strvec_take(&o->written, xasprintf("%s\t%zu", path, rows));
	return 0;
}

int
export_close_each(struct export_out *o, bool ok, char **cause,
    int (*one)(struct export_out *, size_t, bool, char **))
{
	char	*later = NULL;
	size_t	 i;
	int	 rc = ok ? 0 : -1;

	for (i = 0; i < o->nsheets; i++) {
		if (one(o, i, rc == 0, rc == 0 ? cause : &later) == -1)
			rc = -1;
		free(later);
		later = NULL;
	}
	return rc;
}

/* A walk over the store for one pass: counting or writing. */
struct xwalk {
	struct export_out	 *o;
	struct store		 *st;		/* names linked cases */
	bool			  counting;
	bool			  preparing;
	struct buf		 *bufs;		/* one per column */
	struct buf		  tmp;
	const char		**vals;
	size_t			  max;		/* columns of the widest */
	char			 *cause;
	int			  rc;
};

/* Hands the row in w->vals to sheet si: counts it, or writes it. */
static void
walk_emit(struct xwalk *w, size_t si)
{
	struct export_sheet	*s = &w->o->sheets[si];
	size_t			 k, len;

	if (w->rc != 0)
		return;
	if (w->counting) {
		s->nrows++;
		for (k = 0; k < s->ncols; k++) {
			len = w->vals[k] != NULL ? strlen(w->vals[k]) : 0;
			if (len > s->cols[k].width)
				s->cols[k].width = len;
		}
		return;
	}
	if (w->preparing)
		w->rc = w->o->fmt->prepare(w->o, si, w->vals, &w->cause);
	else
		w->rc = w->o->fmt->row(w->o, si, w->vals, &w->cause);
}

/* Fills the meta columns of a record's row; returns how many. */
static size_t
walk_meta(struct xwalk *w, const struct export_record *er)
{
	w->vals[0] = er->id;
	w->vals[1] = er->case_id;
	w->vals[2] = er->author;
	w->vals[3] = er->device;
	w->vals[4] = er->created;
	w->vals[5] = er->updated;
	return export_nmeta;
}

/* Fills the answer columns of table t from column k on. */
static void
walk_answers(struct xwalk *w, const struct export_table *t, size_t k,
    const struct answers *a, const char *prefix)
{
	const char	*v;
	char		*name;
	size_t		 c;

	for (c = 0; c < t->ncols; c++) {
		v = export_value(&t->cols[c], a, prefix, w->o->labels,
		    &w->bufs[k + c]);
		w->vals[k + c] = v;
		if (!t->cols[c].case_name || v == NULL)
			continue;
		/* A link's name column: the linked case's name, empty when
		 * the case has not reached this store yet. */
		name = store_case_name(w->st, v);
		w->bufs[k + c].len = 0;
		buf_adds(&w->bufs[k + c], name != NULL ? name : "");
		free(name);
		w->vals[k + c] = w->bufs[k + c].s;
	}
}

/* The rows of repeat sheet si (table ti of its form, whose first sheet
 * is base) under the instance prefix, then those of its own repeats. */
static void
walk_instances(struct xwalk *w, size_t base, size_t ti,
    const struct export_record *er, const char *prefix,
    const char *parent_path)
{
	const struct export_layout	*l = w->o->sheets[base].layout;
	const struct export_table	*t = &l->v[ti];
	char				**ids, *path, *sub, pos[24];
	size_t				  n, i, k, m;

	n = record_instances(er->answers, t->repeat, prefix, &ids);
	for (i = 0; i < n && w->rc == 0; i++) {
		path = xasprintf("%s%s[%s]", prefix, t->repeat->id, ids[i]);
		sub = xasprintf("%s.", path);
		m = walk_meta(w, er);
		(void)snprintf(pos, sizeof pos, "%zu", i + 1);
		w->vals[m++] = path;
		w->vals[m++] = parent_path;
		w->vals[m++] = pos;
		walk_answers(w, t, m, er->answers, sub);
		walk_emit(w, base + ti);
		for (k = ti + 1; k < l->n; k++) {
			if (l->v[k].parent == ti)
				walk_instances(w, base, k, er, sub, path);
		}
		free(sub);
		free(path);
	}
	record_free_ids(ids, n);
}

/* store_export_records callback: a record into its form's sheets. */
static int
walk_record(void *arg, const struct export_record *er)
{
	struct xwalk		*w = arg;
	struct export_sheet	*s;
	size_t			 si, k;

	for (si = 0; si < w->o->nsheets; si++) {
		s = &w->o->sheets[si];
		if (s->layout != NULL && strcmp(s->form, er->form) == 0)
			break;
	}
	if (si == w->o->nsheets) {
		if (!w->counting && !w->preparing)
			w->o->skipped++;
		return 0;
	}
	walk_answers(w, &s->layout->v[0], walk_meta(w, er), er->answers, "");
	walk_emit(w, si);
	for (k = 1; k < s->layout->n; k++) {
		if (s->layout->v[k].parent == 0)
			walk_instances(w, si, k, er, "", "");
	}
	return w->rc != 0;
}

/* store_export_cases callback: a case into the cases sheet. */
static int
walk_case(void *arg, const struct export_case *ec)
{
	struct xwalk		*w = arg;
	struct export_sheet	*s = &w->o->sheets[w->o->nsheets - 1];
	struct export_column	 col;
	struct answers		 one;
	const char		*v;
	size_t			 k;

	w->vals[0] = ec->id;
	w->vals[1] = ec->type;
	w->vals[2] = ec->author;
	w->vals[3] = ec->device;
	w->vals[4] = ec->created;
	w->vals[5] = ec->updated;
	w->vals[6] = ec->closed ? "1" : "0";
	w->vals[7] = ec->next_due[0] != '\0' ? ec->next_due : NULL;
	w->vals[8] = ec->next_due[0] == '\0' ? NULL : ec->overdue ? "1" : "0";
	for (k = export_ncase; k < s->ncols; k++) {
		v = answers_get(ec->props, s->cols[k].name);
		w->vals[k] = v != NULL && *v != '\0' ? v : NULL;
		if (v == NULL || !w->o->labels || s->cols[k].field == NULL)
			continue;
		/* The property's answer as its field's would be. */
		answers_init(&one);
		answers_set(&one, s->cols[k].field->id, v);
		memset(&col, 0, sizeof col);
		col.field = s->cols[k].field;
		v = export_value(&col, &one, "", true, &w->tmp);
		buf_reset(&w->bufs[k]);
		buf_adds(&w->bufs[k], v != NULL ? v : "");
		w->vals[k] = w->bufs[k].s;
		answers_free(&one);
	}
	walk_emit(w, w->o->nsheets - 1);
	return w->rc != 0;
}

/* One pass over the store. */
static int
walk_pass(struct store *st, struct xwalk *w, char **cause)
{
	const char	*only = NULL;
	size_t		 i, nforms = 0;
	bool		 cases = false;
	int		 rc;

	for (i = 0; i < w->o->nsheets; i++) {
		if (w->o->sheets[i].layout != NULL) {
			nforms++;
			only = w->o->sheets[i].form;
		} else if (w->o->sheets[i].table == NULL)
			cases = true;
	}
	rc = nforms == 0 ? 0 : store_export_records(st, nforms == 1 ? only :
	    NULL, walk_record, w, cause);
	if (rc == 0 && cases)
		rc = store_export_cases(st, walk_case, w, cause);
	if (rc > 0) {
		*cause = w->cause;
		w->cause = NULL;
		rc = -1;
	}
	return rc;
}

int
export_file_write(struct store *st, struct export_out *o, char **cause)
{
	struct xwalk	w;
	size_t		i;
	int		rc;

	*cause = NULL;
	memset(&w, 0, sizeof w);
	w.o = o;
	w.st = st;
	for (i = 0; i < o->nsheets; i++) {
		if (o->sheets[i].ncols > w.max)
			w.max = o->sheets[i].ncols;
	}
	w.bufs = xcalloc(w.max, sizeof *w.bufs);
	w.vals = xcalloc(w.max, sizeof *w.vals);
	rc = 0;
	if (o->fmt->counts) {
		w.counting = true;
		rc = walk_pass(st, &w, cause);
		w.counting = false;
	}
	/* Once open has begun, close finishes or removes what it made. */
	if (rc == 0) {
		rc = o->fmt->open(o, cause);
		if (rc == 0 && o->prepare && o->fmt->prepare != NULL) {
			w.preparing = true;
			rc = walk_pass(st, &w, cause);
			w.preparing = false;
		}
		if (rc == 0)
			rc = walk_pass(st, &w, cause);
		if (o->fmt->close(o, rc == 0, rc == 0 ? cause : &w.cause) == -1)
			rc = -1;
	}
	free(w.cause);
	buf_free(&w.tmp);
	for (i = 0; i < w.max; i++)
		buf_free(&w.bufs[i]);
	free(w.bufs);
	free(w.vals);
	return rc == 0 ? 0 : -1;
}
