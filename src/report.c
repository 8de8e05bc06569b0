/*
 * report.c: computing the indicators (report.h).  One walk over the cases
 * (for breakdowns and overdue follow-ups), then one walk over the records
 * of each form that indicators name, evaluating every indicator of that
 * form on each row (report-rows.c).  Rows of an indicator that picks the
 * first or latest per case are kept, one per case, until the walk ends;
 * everything else is added up as it goes (report-figures.c), so memory
 * stays small on 100,000 cases.
 *
 * This file has report_run and report_free; the run keeps its cases, visits
 * and picks in string maps (strmap.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "expr.h"
#include "i18n.h"
#include "report.h"
#include "report-int.h"
#include "store.h"
#include "util.h"

struct report *
report_run(struct store *st, const struct form_pack *pack,
    const struct indicator_set *set, const struct report_options *opt,
    char **cause)
{
	struct report		*rep;
	struct rrun		 rr;
	const struct form	*form;
	struct report_figure	*fig;
	const struct strmap_slot *slot;
	size_t			 i, k;
	bool			 needed;
	int			 rc = 0;

	rep = xcalloc(1, sizeof *rep);
	rep->set = set;
	expr_format_date(expr_today(), rep->today, sizeof rep->today);
	if (opt->by != NULL) {
		for (i = 0; i < set->nby; i++) {
			if (strcmp(set->by[i].id, opt->by) == 0)
				rep->by = &set->by[i];
		}
		if (rep->by == NULL) {
			struct buf	b;

			buf_init(&b);
			for (i = 0; i < set->nby; i++)
				buf_addf(&b, "%s%s", i > 0 ? ", " : "",
				    set->by[i].id);
			*cause = xasprintf(_("no breakdown '%s' in '%s' "
			    "(there are: %s)"), opt->by, set->path,
			    b.s != NULL ? b.s : "");
			buf_free(&b);
			free(rep);
			return NULL;
		}
	}
	rep->from = opt->from != NULL ? xstrdup(opt->from) : NULL;
	rep->to = opt->to != NULL ? xstrdup(opt->to) : NULL;
	rep->groups = xcalloc(1, sizeof *rep->groups);
	rep->group_labels = xcalloc(1, sizeof *rep->group_labels);
	rep->groups[0] = xstrdup("");
	rep->group_labels[0] = xstrdup(_("All"));
	rep->ngroups = 1;
	rep->n = set->n;
	rep->v = xcalloc(set->n, sizeof *rep->v);
	for (i = 0; i < set->n; i++) {
		rep->v[i].ind = &set->v[i];
		report_seed_lines(&rep->v[i]);
	}

	memset(&rr, 0, sizeof rr);
	rr.rep = rep;
	rr.st = st;
	rr.pack = pack;
	rr.picks = xcalloc(set->n, sizeof *rr.picks);
	rc = store_export_cases(st, report_load_case, &rr, cause);
	for (i = 0; rc == 0 && i < pack->nforms; i++) {
		form = pack->forms[i];
		needed = false;
		for (k = 0; k < set->n; k++)
			needed = needed || set->v[k].form == form;
		if (!needed)
			continue;
		rr.form = form;
		rc = store_export_case_order(st, form->id, report_load_visit, &rr,
		    cause);
		if (rc == 0)
			rc = store_visit_days(st, form->id, report_load_day,
			    &rr, cause);
		free(rr.vcase);
		rr.vcase = NULL;
		if (rc == 0)
			rc = store_export_records(st, form->id, report_load_record,
			    &rr, cause);
		if (rc == 0)
			report_missed(&rr);
		strmap_free(&rr.vsched, free);
		strvec_free(&rr.missed);
		strmap_free(&rr.visits, NULL);
		strmap_free(&rr.days, NULL);
	}
	for (i = 0; rc == 0 && i < set->n; i++) {
		fig = &rep->v[i];
		if (fig->ind->kind == IND_OVERDUE ||
		    fig->ind->kind == IND_CASES)
			report_overdue(&rr, i);
		/* A funnel's set holds keys only, folded already. */
		for (k = 0; fig->ind->kind != IND_FUNNEL &&
		    (slot = strmap_next(&rr.picks[i], &k)) != NULL;)
			report_fold(&rr, fig, slot->val);
	}
	for (i = 0; i < set->n; i++)
		strmap_free(&rr.picks[i], report_row_free);
	free(rr.picks);
	strmap_free(&rr.cases, report_case_free);
	free(rr.all);
	buf_free(&rr.path);
	if (rc != 0) {
		report_free(rep);
		return NULL;
	}
	report_finish(rep);
	return rep;
}

void
report_free(struct report *rep)
{
	size_t	i, l, g;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->n; i++) {
		for (l = 0; l < rep->v[i].nlines; l++) {
			for (g = 0; g < rep->v[i].lines[l].ncells; g++)
				free(rep->v[i].lines[l].cells[g].values);
			free(rep->v[i].lines[l].cells);
			free(rep->v[i].lines[l].key);
			free(rep->v[i].lines[l].label);
		}
		free(rep->v[i].lines);
		free(rep->v[i].totals);
	}
	free(rep->v);
	for (g = 0; g < rep->ngroups; g++) {
		free(rep->groups[g]);
		free(rep->group_labels[g]);
	}
	free(rep->groups);
	free(rep->group_labels);
	free(rep->from);
	free(rep->to);
	free(rep);
}
