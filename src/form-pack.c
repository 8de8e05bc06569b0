/*
 * form-pack.c: the form pack as a whole: reading the forms folder (the case
 * types first, then every form), the checks across forms (form ids, the
 * schedules of the case types), `forms check` on chosen files, and the
 * read-only accessors of the model (form.h).
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* A file of the pack while it is loaded. */
struct pfile {
	char		*path;		/* as shown in messages */
	struct ynode	*tree;		/* NULL when it does not parse */
	struct form	*stub;		/* id and case only, from the tree */
	struct form	*form;		/* when it loaded without problems */
	bool		 checked;	/* its problems are being reported */
};

/* Everything loaded for a pack or a check. */
struct pload {
	const char		 *data_dir;
	struct diags		 *d;
	struct case_type	**cts;
	size_t			  ncts;
	struct pfile		 *v;
	size_t			  n;
};

static void	pload_check_reads(struct pload *);

/* Joins a folder and a file name; "." gives the name alone. */
static char *
join(const char *dir, const char *name)
{
	size_t	len = strlen(dir);

	if (strcmp(dir, ".") == 0)
		return xstrdup(name);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	return xasprintf("%.*s/%s", (int)len, dir, name);
}

/* The last component of a path. */
static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* Orders file names. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The form files of dir (*.yaml but cases.yaml and dot files), sorted;
 * NULL with a problem added when dir cannot be read. */
static char **
list_forms(const char *dir, size_t *n, struct diags *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		**v = NULL;
	size_t		  len;

	*n = 0;
	if ((dp = opendir(dir)) == NULL) {
		diags_add(d, dir, 0, 0, _("cannot open the forms folder"));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    strcmp(de->d_name, "cases.yaml") == 0)
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof *v, name_cmp);
	return v;
}

/* Reads and parses one file; NULL (reported) when it does not parse. */
static struct ynode *
parse_file(const char *path, struct diags *d)
{
	struct ynode	*t;
	char		*text;
	size_t		 len;

	if ((text = form_read_file(path, FORM_MAX_FILE, &len, d)) == NULL)
		return NULL;
	t = form_yaml_parse(path, text, len, d);
	free(text);
	return t;
}

/* A form holding only the id and case of a tree, for checks across the
 * pack that must not depend on whether the form itself is sound. */
static struct form *
make_stub(const char *path, const struct ynode *t)
{
	const struct ynode	*id, *cs, *type, *act;
	struct form		*f;

	if ((id = form_yaml_get(t, "form")) == NULL || id->kind != YN_SCALAR)
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->id = xstrdup(id->s);
	f->path = xstrdup(path);
	f->line = id->line;
	cs = form_yaml_get(t, "case");
	type = form_yaml_get(cs, "type");
	act = form_yaml_get(cs, "action");
	if (type != NULL && type->kind == YN_SCALAR)
		f->case_type = xstrdup(type->s);
	if (act != NULL && act->kind == YN_SCALAR)
		f->case_action = strcmp(act->s, "open") == 0 ? CASE_OPEN :
		    strcmp(act->s, "close") == 0 ? CASE_CLOSE :
		    strcmp(act->s, "reopen") == 0 ? CASE_REOPEN : CASE_UPDATE;
	return f;
}

/* True when a tree is a case types file rather than a form. */
static bool
is_cases(const char *path, const struct ynode *t)
{
	return strcmp(base_name(path), "cases.yaml") == 0 ||
	    (form_yaml_get(t, "case_types") != NULL &&
	    form_yaml_get(t, "form") == NULL);
}

/* Adds a file to the load; its tree is parsed with problems reported to
 * d (or to a scratch list when it is context only). */
static struct pfile *
pload_add(struct pload *pl, const char *path, bool checked)
{
	struct pfile	*pf;
	struct diags	 quiet = { 0 };

	pl->v = xreallocarray(pl->v, pl->n + 1, sizeof *pl->v);
	pf = &pl->v[pl->n++];
	memset(pf, 0, sizeof *pf);
	pf->path = xstrdup(path);
	pf->checked = checked;
	pf->tree = parse_file(path, checked ? pl->d : &quiet);
	diags_free(&quiet);
	if (pf->tree != NULL)
		pf->stub = make_stub(path, pf->tree);
	return pf;
}

/* Loads the case types file at path, reporting its problems when checked;
 * returns its tree (kept for the schedules) or NULL. */
static struct ynode *
pload_cases(struct pload *pl, const char *path, bool checked)
{
	struct ynode	*t;
	struct diags	 quiet = { 0 };
	struct diags	*d = checked ? pl->d : &quiet;

	if ((t = parse_file(path, d)) != NULL)
		form_load_case_types(path, t, &pl->cts, &pl->ncts, d);
	diags_free(&quiet);
	return t;
}

/* Loads the forms being checked and runs the checks across files: form
 * ids used twice, and (when cases_checked) the schedules. */
static void
pload_forms(struct pload *pl, const char *cases_path, bool cases_checked)
{
	struct form	**stubs;
	struct pfile	 *pf;
	size_t		  i, j, ns = 0;

	for (i = 0; i < pl->n; i++) {
		pf = &pl->v[i];
		if (!pf->checked || pf->tree == NULL)
			continue;
		pf->form = form_load_tree(pf->path, pf->tree, pl->cts, pl->ncts,
		    pl->data_dir, pl->d);
	}
	stubs = xcalloc(pl->n + 1, sizeof *stubs);
	for (i = 0; i < pl->n; i++) {
		pf = &pl->v[i];
		if (pf->stub == NULL)
			continue;
		stubs[ns++] = pf->stub;
		if (!pf->checked)
			continue;
		/* Against every file of the pack, but each pair once. */
		for (j = 0; j < pl->n; j++) {
			if (j == i || pl->v[j].stub == NULL ||
			    (pl->v[j].checked && j > i) ||
			    strcmp(pl->v[j].stub->id, pf->stub->id) != 0)
				continue;
			diags_add(pl->d, pf->path, pf->stub->line, 1,
			    _("form id '%s' is already used by %s"),
			    pf->stub->id, pl->v[j].path);
			break;
		}
	}
	for (i = 0; i < pl->n; i++) {
		pf = &pl->v[i];
		if (pf->checked && pf->form != NULL)
			form_check_dues(pf->path, pf->form, stubs, ns, pl->d);
	}
	if (cases_checked)
		form_check_schedules(cases_path, pl->cts, pl->ncts, stubs, ns,
		    pl->d);
	free(stubs);
	pload_check_reads(pl);
}

/* When every file of the pack was checked and loaded, the case
 * properties its rules read must be written by some form. */
static void
pload_check_reads(struct pload *pl)
{
	struct form	**forms;
	size_t		  i, n = 0;

	forms = xcalloc(pl->n + 1, sizeof *forms);
	for (i = 0; i < pl->n; i++) {
		if (pl->v[i].stub == NULL)
			continue;	/* cases.yaml */
		if (!pl->v[i].checked || pl->v[i].form == NULL) {
			free(forms);
			return;
		}
		forms[n++] = pl->v[i].form;
	}
	form_check_case_reads(forms, n, pl->d);
	free(forms);
}

/* Frees what a load holds, but the forms handed on (set to NULL). */
static void
pload_free(struct pload *pl)
{
	size_t	i;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].path);
		form_yaml_free(pl->v[i].tree);
		form_free(pl->v[i].stub);
		form_free(pl->v[i].form);
	}
	free(pl->v);
	form_case_types_free(pl->cts, pl->ncts);
}

/* Orders forms by id. */
static int
form_cmp(const void *a, const void *b)
{
	return strcmp((*(struct form *const *)a)->id,
	    (*(struct form *const *)b)->id);
}

/* Loads and checks the pack in dir (see form.h). */
static struct form_pack	*pack_load(const char *, const char *,
			    const char *const *, size_t, struct diags *);

struct form_pack *
form_pack_load(const char *dir, const char *data_dir, struct diags *d)
{
	return pack_load(dir, data_dir, NULL, 0, d);
}

/* Loads the pack without some form files; see form.h. */
struct form_pack *
form_pack_load_usable(const char *dir, const char *data_dir,
    struct diags *d)
{
	struct form_pack	*pack;
	struct diags		 again = { 0 };
	char			**bad = NULL, *name;
	const char		*p, *colon;
	size_t			  nbad = 0, before = d->n, dl = strlen(dir), i, k;

	if ((pack = form_pack_load(dir, data_dir, d)) != NULL)
		return pack;
	for (i = before; i < d->n; i++) {
		/* "DIR/NAME.yaml:line:col: message", NAME a form's file */
		p = d->v[i];
		if (strncmp(p, dir, dl) != 0 || p[dl] != '/')
			goto whole;
		p += dl + 1;
		if ((colon = strchr(p, ':')) == NULL ||
		    memchr(p, '/', (size_t)(colon - p)) != NULL)
			goto whole;
		name = xstrndup(p, (size_t)(colon - p));
		if (strlen(name) < 6 || strcmp(name + strlen(name) - 5,
		    ".yaml") != 0 || strcmp(name, "cases.yaml") == 0) {
			free(name);
			goto whole;
		}
		for (k = 0; k < nbad && strcmp(bad[k], name) != 0; k++)
			;
		if (k < nbad) {
			free(name);
			continue;
		}
		bad = xreallocarray(bad, nbad + 1, sizeof *bad);
		bad[nbad++] = name;
	}
	if (nbad == 0)
		goto whole;
	pack = pack_load(dir, data_dir, (const char *const *)bad, nbad,
	    &again);
	diags_free(&again);
	if (pack == NULL)
		goto whole;
	pack->left_out = bad;
	pack->nleft_out = nbad;
	return pack;
whole:
	for (i = 0; i < nbad; i++)
		free(bad[i]);
	free(bad);
	return NULL;
}

static struct form_pack *
pack_load(const char *dir, const char *data_dir, const char *const *skip,
    size_t nskip, struct diags *d)
{
	struct form_pack	*pack;
	struct pload		 pl;
	struct ynode		*ct_tree = NULL;
	struct stat		 sb;
	char			**names, *cases, *path;
	size_t			  before = d->n, n, i, k;

	memset(&pl, 0, sizeof pl);
	pl.d = d;
	pl.data_dir = data_dir;
	cases = join(dir, "cases.yaml");
	if (stat(cases, &sb) == 0)
		ct_tree = pload_cases(&pl, cases, true);
	names = list_forms(dir, &n, d);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nskip && strcmp(skip[k], names[i]) != 0; k++)
			;
		if (k == nskip) {
			path = join(dir, names[i]);
			pload_add(&pl, path, true);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	if (n == 0 && d->n == before)
		diags_add(d, dir, 0, 0, _("no forms (*.yaml) in the folder"));
	pload_forms(&pl, cases, ct_tree != NULL);
	form_yaml_free(ct_tree);
	free(cases);

	pack = NULL;
	if (d->n == before) {
		pack = xcalloc(1, sizeof *pack);
		pack->dir = xstrdup(dir);
		pack->data_dir = xstrdup(data_dir != NULL ? data_dir : "");
		pack->forms = xcalloc(pl.n + 1, sizeof *pack->forms);
		for (i = 0; i < pl.n; i++) {
			pack->forms[pack->nforms++] = pl.v[i].form;
			pl.v[i].form = NULL;
		}
		qsort(pack->forms, pack->nforms, sizeof *pack->forms,
		    form_cmp);
		pack->case_types = pl.cts;
		pack->ncase_types = pl.ncts;
		pl.cts = NULL;
		pl.ncts = 0;
	}
	pload_free(&pl);
	return pack;
}

/* Checks chosen files against the pack in dir (see form.h). */
size_t
form_check_files(const char *dir, const char *data_dir, char **files,
    size_t nfiles, struct diags *d)
{
	struct pload	 pl;
	struct pfile	*pf;
	struct ynode	*ct_tree = NULL;
	char		**names, *path, *cases = NULL, *rp;
	char		**real;
	struct diags	  quiet = { 0 };
	size_t		  before = d->n, n = 0, i, j;
	bool		  own, cases_checked = false;

	memset(&pl, 0, sizeof pl);
	pl.d = d;
	pl.data_dir = data_dir;
	real = xcalloc(nfiles + 1, sizeof *real);
	for (i = 0; i < nfiles; i++) {
		real[i] = realpath(files[i], NULL);
		if (cases != NULL || (pf = pload_add(&pl, files[i], true))->tree
		    == NULL || !is_cases(files[i], pf->tree))
			continue;
		/* A case types file: load it as such, not as a form. */
		cases = xstrdup(files[i]);
		form_free(pf->stub);
		form_yaml_free(pf->tree);
		free(pf->path);
		pl.n--;
		ct_tree = pload_cases(&pl, cases, true);
		cases_checked = true;
	}
	if (cases == NULL && dir != NULL) {
		cases = join(dir, "cases.yaml");
		ct_tree = pload_cases(&pl, cases, false);
	}
	/* Pack files not being checked give context: ids and cases. */
	if (dir != NULL && (names = list_forms(dir, &n, &quiet)) != NULL) {
		for (i = 0; i < n; i++) {
			path = join(dir, names[i]);
			rp = realpath(path, NULL);
			own = false;
			for (j = 0; j < nfiles && rp != NULL; j++)
				own = own || (real[j] != NULL &&
				    strcmp(real[j], rp) == 0);
			if (!own)
				pload_add(&pl, path, false);
			free(rp);
			free(path);
			free(names[i]);
		}
		free(names);
	}
	diags_free(&quiet);
	for (i = 0; i < nfiles; i++)
		free(real[i]);
	free(real);
	pload_forms(&pl, cases, cases_checked && ct_tree != NULL);
	form_yaml_free(ct_tree);
	free(cases);
	pload_free(&pl);
	return d->n - before;
}

/* Checks a buffer as a file of the pack in dir (see form.h). */
size_t
form_check_buffer(const char *dir, const char *data_dir, const char *path,
    const char *text, size_t len, struct diags *d)
{
	struct pload	 pl;
	struct ynode	*t, *ct_tree = NULL;
	struct form	*f;
	struct case_type **cts = NULL;
	char		*cases;
	size_t		 before = d->n, nct = 0;

	memset(&pl, 0, sizeof pl);
	pl.d = d;
	if (dir != NULL) {
		cases = join(dir, "cases.yaml");
		ct_tree = pload_cases(&pl, cases, false);
		free(cases);
	}
	if ((t = form_yaml_parse(path, text, len, d)) != NULL) {
		if (is_cases(path, t)) {
			form_load_case_types(path, t, &cts, &nct, d);
			form_check_schedules(path, cts, nct, NULL, 0, d);
			form_case_types_free(cts, nct);
		} else {
			f = form_load_tree(path, t, pl.cts, pl.ncts, data_dir,
			    d);
			form_free(f);
		}
		form_yaml_free(t);
	}
	form_yaml_free(ct_tree);
	pload_free(&pl);
	return d->n - before;
}

/* Frees a pack. */
void
form_pack_free(struct form_pack *pack)
{
	size_t	i;

	if (pack == NULL)
		return;
	for (i = 0; i < pack->nforms; i++)
		form_free(pack->forms[i]);
	free(pack->forms);
	form_case_types_free(pack->case_types, pack->ncase_types);
	for (i = 0; i < pack->nleft_out; i++)
		free(pack->left_out[i]);
	free(pack->left_out);
	free(pack->dir);
	free(pack->data_dir);
	free(pack);
}

/* Compares an id with a form's, for bsearch. */
static int
form_find_cmp(const void *key, const void *elt)
{
	return strcmp(key, (*(struct form *const *)elt)->id);
}

/* The form with this id, or NULL. */
const struct form *
form_pack_find(const struct form_pack *pack, const char *id)
{
	struct form	**p;

	if (pack->nforms == 0)
		return NULL;
	p = bsearch(id, pack->forms, pack->nforms, sizeof *pack->forms,
	    form_find_cmp);
	return p != NULL ? *p : NULL;
}

/* The case type with this id, or NULL. */
const struct case_type *
form_pack_case_type(const struct form_pack *pack, const char *id)
{
	size_t	i;

	for (i = 0; i < pack->ncase_types; i++) {
		if (strcmp(pack->case_types[i]->id, id) == 0)
			return pack->case_types[i];
	}
	return NULL;
}

/* Compares an id with a field's, for bsearch. */
static int
field_find_cmp(const void *key, const void *elt)
{
	return strcmp(key, (*(struct field *const *)elt)->id);
}

/* The field of form f with this id, or NULL. */
const struct field *
form_find_field(const struct form *f, const char *id)
{
	struct field	**p;

	if (f->nfields == 0 || f->byid == NULL)
		return NULL;
	p = bsearch(id, f->byid, f->nfields, sizeof *f->byid,
	    field_find_cmp);
	return p != NULL ? *p : NULL;
}

/* The question that dates a record (form.h). */
const struct field *
form_date_field(const struct form *f)
{
	size_t			 i;
	const struct field	*fl;
	const char		*d;

	for (i = 0; i < f->nfields; i++) {
		fl = f->fields[i];
		if (fl->parent != NULL ||
		    (form_type(fl->type)->flags & FTF_DATE) == 0 ||
		    fl->dflt == NULL)
			continue;
		d = expr_source(fl->dflt);
		while (*d == ' ')
			d++;
		if (strncmp(d, "today()", 7) == 0 &&
		    strspn(d + 7, " ") == strlen(d + 7))
			return fl;
	}
	return NULL;
}

/* The innermost repeat around f, or NULL. */
const struct field *
field_repeat(const struct field *f)
{
	for (f = f->parent; f != NULL; f = f->parent) {
		if (field_is_repeat(f))
			return f;
	}
	return NULL;
}

/* The choice of f's list with this value, or NULL. */
const struct choice *
field_find_choice(const struct field *f, const char *value)
{
	size_t	i;

	if (f->choices == NULL)
		return NULL;
	for (i = 0; i < f->choices->n; i++) {
		if (strcmp(f->choices->v[i].value, value) == 0)
			return &f->choices->v[i];
	}
	return NULL;
}

/* The next ${name} in a label or hint at or after s (form.h). */
const char *
form_text_ref(const char *s, char *name, size_t size, size_t *len)
{
	const char	*p, *end;
	size_t		 n;

	for (p = s; (p = strstr(p, "${")) != NULL; p += 2) {
		end = p + 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789_.");
		n = (size_t)(end - (p + 2));
		if (*end != '}' || n == 0 || n >= size)
			continue;
		memcpy(name, p + 2, n);
		name[n] = '\0';
		*len = n + 3;
		return p;
	}
	return NULL;
}

/* The labels of the values chosen in f's answer, ", "-separated (see
 * form.h). */
char *
field_choice_text(const struct field *f, const char *value)
{
	const struct choice	*c;
	struct buf		 b;
	char			*copy, *tok, *save = NULL;

	buf_init(&b);
	copy = xstrdup(value);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		c = field_find_choice(f, tok);
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, c != NULL ? form_text(c->label) : tok);
	}
	free(copy);
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}
