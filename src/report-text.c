/*
 * report-text.c: what every output of the report says: the text of each
 * cell ("42%" out of "21 / 50", "too few cases", "no cases") and the
 * rows in order (report_walk), shared by the terminal table
 * (cmd-report.c) and the HTML page (report-html.c) so they cannot drift.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "util.h"

/* A number as people write it: no trailing zeros, one decimal at most. */
static char *
report_number(double d)
{
	char	*s, *p;

	s = xasprintf("%.1f", d);
	if ((p = strchr(s, '.')) != NULL && strcmp(p, ".0") == 0)
		*p = '\0';
	if (strcmp(s, "-0") == 0) {
		free(s);
		s = xstrdup("0");
	}
	return s;
}

/* Money as people write it: digits grouped by thousands, then the
 * currency when there is one (caller frees). */
static char *
report_money(double d, const char *currency)
{
	/* TRANSLATORS: the thousands separator of money in the report
	 * ("1,250,000"). */
	const char	*sep = _(",");
	struct buf	 b;
	char		*s = report_number(d), *p = s;
	size_t		 n, i;

	buf_init(&b);
	if (*p == '-')
		buf_addc(&b, *p++);
	n = strspn(p, "0123456789");
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_adds(&b, sep);
		buf_addc(&b, p[i]);
	}
	buf_adds(&b, p + n);
	if (currency != NULL && *currency != '\0') {
		buf_addc(&b, ' ');
		buf_adds(&b, currency);
	}
	free(s);
	return buf_detach(&b);
}

void
report_cell_text(const struct report_figure *fig,
    const struct report_cell *c, char **value, char **basis, double *ratio)
{
	const struct indicator	*ind = fig->ind;
	double			 m;
	bool			 pct;

	if (ratio != NULL)
		*ratio = -1;
	pct = ind->kind == IND_SHARE || ind->kind == IND_SHARES ||
	    ind->kind == IND_FUNNEL ||
	    ind->kind == IND_OVERDUE || ind->kind == IND_CASES ||
	    (ind->kind == IND_COUNT && fig->split);
	if (ind->kind == IND_COUNT && (!fig->split || ind->split_month)) {
		/* A count, or a month's count, is a number of its own. */
		*value = xasprintf("%zu", fig->split ? c->num : c->den);
		*basis = xstrdup("");
		return;
	}
	if (ind->kind == IND_SUM) {
		*value = ind->currency != NULL ? report_money(c->sum,
		    ind->currency) : report_number(c->sum);
		*basis = xasprintf("n = %zu", c->den);
		return;
	}
	if (c->den == 0) {
		*value = xstrdup(_("no cases"));
		*basis = xstrdup(pct ? "0 / 0" : "n = 0");
		return;
	}
	if (c->den < (size_t)ind->min_n) {
		*value = xstrdup(_("too few cases"));
		*basis = xasprintf("n = %zu", c->den);
		return;
	}
	if (pct) {
		*value = xasprintf("%.0f%%", 100.0 * (double)c->num /
		    (double)c->den);
		*basis = xasprintf("%zu / %zu", c->num, c->den);
		if (ratio != NULL)
			*ratio = (double)c->num / (double)c->den;
		return;
	}
	if (ind->kind == IND_MEAN)
		m = c->sum / (double)c->den;
	else if (c->nvalues % 2 == 1)
		m = c->values[c->nvalues / 2];
	else
		m = (c->values[c->nvalues / 2 - 1] +
		    c->values[c->nvalues / 2]) / 2;
	*value = ind->currency != NULL ? report_money(m, ind->currency) :
	    report_number(m);
	*basis = xasprintf("n = %zu", c->den);
}

/* Calls fn for one cell's row. */
static void
report_walk_cell(const struct report_figure *fig, const struct report_cell *c,
    void (*fn)(void *, const char *, int, const char *, const char *,
    const char *, double), void *arg, const char *section, int depth,
    const char *label)
{
	char	*value, *basis;
	double	 ratio;

	report_cell_text(fig, c, &value, &basis, &ratio);
	fn(arg, section, depth, label, value, basis, ratio);
	free(value);
	free(basis);
}

void
report_walk(const struct report *rep,
    void (*fn)(void *, const char *, int, const char *, const char *,
    const char *, double), void *arg)
{
	const struct report_figure	*fig;
	const struct report_line	*l;
	const char			*section = NULL, *sec;
	size_t				 i, k, g;
	int				 d;

	for (i = 0; i < rep->n; i++) {
		fig = &rep->v[i];
		sec = NULL;
		if (fig->ind->section != NULL && (section == NULL ||
		    strcmp(section, fig->ind->section) != 0))
			sec = section = fig->ind->section;
		if (!fig->split) {
			l = &fig->lines[0];
			report_walk_cell(fig, &l->cells[0], fn, arg,
			    sec != NULL ? form_text(sec) : NULL, 0,
			    form_text(fig->ind->label));
			for (g = 1; g < rep->ngroups; g++)
				report_walk_cell(fig, &l->cells[g], fn, arg,
				    NULL, 1, rep->group_labels[g]);
			continue;
		}
		fn(arg, sec != NULL ? form_text(sec) : NULL, 0,
		    form_text(fig->ind->label), "", "", -1);
		for (k = 0; k < fig->nlines; k++) {
			l = &fig->lines[k];
			report_walk_cell(fig, &l->cells[0], fn, arg, NULL, 1,
			    l->label != NULL ? l->label : l->key);
			d = 2;
			for (g = 1; g < rep->ngroups; g++)
				report_walk_cell(fig, &l->cells[g], fn, arg,
				    NULL, d, rep->group_labels[g]);
		}
	}
}
