/*
 * form-pot.c: the translatable text of a form pack as a PO template, so
 * that form titles, labels, hints, choices and messages reach the same
 * catalog as the program's messages (`make update-po`).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "form-indicators.h"
#include "util.h"

/* One msgid and where it comes from; the same text is written once. */
struct pot_entry {
	char	*text;
	char	*where;		/* "forms/x.yaml:12 forms/y.yaml:3" */
	char	*comment;	/* first use's kind, for translators */
};

struct pot {
	struct pot_entry	*v;
	size_t			 n, cap;
};

static const char *
pot_basename(const char *path)
{
	const char	*s;

	s = strrchr(path, '/');
	return s != NULL ? s + 1 : path;
}

static void
pot_add(struct pot *p, const char *text, const char *dir, const char *file,
    int line, const char *kind)
{
	size_t	 i;
	char	*where, *w;

	if (text == NULL || *text == '\0')
		return;
	if (line > 0)
		where = xasprintf("%s/%s:%d", dir, pot_basename(file), line);
	else
		where = xasprintf("%s/%s", dir, pot_basename(file));
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].text, text) == 0) {
			if (strstr(p->v[i].where, where) == NULL) {
				w = xasprintf("%s %s", p->v[i].where, where);
				free(p->v[i].where);
				p->v[i].where = w;
			}
			free(where);
			return;
		}
	}
	if (p->n == p->cap) {
		p->cap = p->cap == 0 ? 256 : p->cap * 2;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	p->v[p->n].text = xstrdup(text);
	p->v[p->n].where = where;
	p->v[p->n].comment = xstrdup(kind);
	p->n++;
}

/*
 * Writes the PO template of every translatable string of the pack to f,
 * each with its file and line as seen from the top of the source tree
 * (relative folder `dir`, e.g. "forms").  Strings from data files are
 * referenced by file name under `data_dir_name`, and so are the
 * indicators' title, breakdowns, sections and labels when set is given.
 * The labels of a list of ISO codes are not: iso-codes translates them.
 */
void
form_pack_write_pot(const struct form_pack *pack,
    const struct indicator_set *set, const char *dir,
    const char *data_dir_name, FILE *f)
{
	struct pot		 p = { 0 };
	const struct form	*fm;
	const struct field	*fl;
	const struct case_type	*ct;
	const struct choice_list *cl;
	size_t			 i, j, k;
	char			*cases;

	cases = xasprintf("%s/cases.yaml", dir);
	for (i = 0; i < pack->ncase_types; i++) {
		ct = pack->case_types[i];
		pot_add(&p, ct->title, dir, cases, 0, "case type");
		for (j = 0; j < ct->nprops; j++)
			pot_add(&p, ct->props[j].label, dir, cases, 0,
			    "case property");
		for (j = 0; j < ct->nschedules; j++)
			pot_add(&p, ct->schedules[j].label, dir, cases,
			    ct->schedules[j].line, "schedule");
	}
	free(cases);
	for (i = 0; i < pack->nforms; i++) {
		fm = pack->forms[i];
		pot_add(&p, fm->title, dir, fm->path, 0, "form title");
		for (j = 0; j < fm->nfields; j++) {
			fl = fm->fields[j];
			pot_add(&p, fl->label, dir, fm->path, fl->line,
			    "field label");
			pot_add(&p, fl->hint, dir, fm->path, fl->line, "hint");
			pot_add(&p, fl->required_message, dir, fm->path,
			    fl->line, "message");
			pot_add(&p, fl->constraint_message, dir, fm->path,
			    fl->line, "message");
			if (fl->due != NULL)
				pot_add(&p, fl->due->label, dir, fm->path,
				    fl->line, "date due");
		}
		for (j = 0; j < fm->nlists; j++) {
			cl = fm->lists[j];
			/* iso-codes translates a list of ISO codes. */
			for (k = 0; cl->iso == NULL && k < cl->n; k++) {
				if (strstr(cl->name, ".csv") != NULL)
					pot_add(&p, cl->v[k].label,
					    data_dir_name, cl->name, 0,
					    "choice");
				else
					pot_add(&p, cl->v[k].label, dir,
					    fm->path, 0, "choice");
			}
		}
	}

	if (set != NULL) {
		pot_add(&p, set->title, data_dir_name, set->path, 0,
		    "report title");
		for (i = 0; i < set->nby; i++)
			pot_add(&p, set->by[i].label, data_dir_name,
			    set->path, 0, "report breakdown");
		for (i = 0; i < set->n; i++) {
			pot_add(&p, set->v[i].section, data_dir_name,
			    set->path, set->v[i].line, "report section");
			pot_add(&p, set->v[i].label, data_dir_name,
			    set->path, set->v[i].line, "indicator");
		}
	}

	fputs("# Text of the Onward form pack, extracted by "
	    "`onward forms pot`.\n"
	    "msgid \"\"\nmsgstr \"\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n", f);
	for (i = 0; i < p.n; i++) {
		fprintf(f, "#. %s\n#: %s\n", p.v[i].comment, p.v[i].where);
		fputs("msgid \"", f);
		str_escape_write(f, p.v[i].text, strlen(p.v[i].text),
		    ESCAPE_PO);
		fputs("\"\nmsgstr \"\"\n\n", f);
		free(p.v[i].text);
		free(p.v[i].where);
		free(p.v[i].comment);
	}
	free(p.v);
}
