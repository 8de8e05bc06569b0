/*
 * report-html.c: the report as one self-contained HTML page: no network,
 * no scripts, inline CSS that prints well, and an inline SVG bar beside
 * every share.  Its cells say what report_cell_text says, so the page and
 * the terminal table show the same words and figures; but a breakdown's
 * groups stand side by side as columns, and lines with no cases in any
 * group are folded into one "no cases yet" line under their section, and
 * a figure by month gets a small column chart of its months.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "report.h"
#include "util.h"

struct html_out {
	FILE		*f;
	const struct report *rep;
	struct buf	 none;		/* what the section folded */
};

/* Writes s escaped for HTML. */
static void
html_text(FILE *f, const char *s)
{
	str_escape_write(f, s, strlen(s), ESCAPE_HTML);
}

/* True when a cell has nothing to show: no rows ("no cases 0 / 0"),
 * where a plain count's 0 is a figure. */
static bool
html_cell_empty(const struct report_figure *fig, const struct report_cell *c)
{
	return c->den == 0 && !(fig->ind->kind == IND_COUNT && !fig->split);
}

/* True when every group's cell of line l is empty. */
static bool
html_line_empty(const struct report_figure *fig, const struct report_line *l)
{
	size_t	g;

	for (g = 0; g < l->ncells; g++) {
		if (!html_cell_empty(fig, &l->cells[g]))
			return false;
	}
	return true;
}

/* The head of a section's table: a figure, its basis and a bar for
 * everyone, then the same for each group of the breakdown, side by
 * side. */
static void
html_table_open(struct html_out *h)
{
	size_t	g;

	fprintf(h->f, "<table>\n<thead>");
	if (h->rep->ngroups > 1) {
		fputs("<tr><th></th>", h->f);
		for (g = 0; g < h->rep->ngroups; g++) {
			fputs("<th class=\"g\" colspan=\"3\">", h->f);
			html_text(h->f, h->rep->group_labels[g]);
			fputs("</th>", h->f);
		}
		fputs("</tr>", h->f);
	}
	fprintf(h->f, "<tr><th>%s</th>", _("Indicator"));
	for (g = 0; g < h->rep->ngroups; g++)
		fprintf(h->f, "<th class=\"v\">%s</th><th class=\"b\">%s"
		    "</th><th class=\"bar\"></th>", _("Figure"), _("Out of"));
	fputs("</tr></thead>\n<tbody>\n", h->f);
}

/* One row: a label, then each group's figure, basis and bar. */
static void
html_row(struct html_out *h, const struct report_figure *fig,
    const struct report_line *l, int depth, const char *label)
{
	FILE	*f = h->f;
	char	*value, *basis;
	double	 ratio;
	int	 w = h->rep->ngroups > 1 ? 60 : 160;
	size_t	 g;

	fprintf(f, "<tr class=\"d%d\"><th>", depth);
	html_text(f, label);
	fputs("</th>", f);
	for (g = 0; g < h->rep->ngroups; g++) {
		if (l == NULL) {
			fputs("<td class=\"v\"></td><td class=\"b\"></td>"
			    "<td class=\"bar\"></td>", f);
			continue;
		}
		report_cell_text(fig, &l->cells[g], &value, &basis, &ratio);
		fputs("<td class=\"v\">", f);
		html_text(f, value);
		fputs("</td><td class=\"b\">", f);
		html_text(f, basis);
		fputs("</td><td class=\"bar\">", f);
		if (ratio >= 0)
			fprintf(f, "<svg width=\"%d\" height=\"12\" "
			    "viewBox=\"0 0 %d 12\" role=\"img\" "
			    "aria-label=\"%.0f%%\"><rect width=\"%d\" "
			    "height=\"12\" fill=\"#eee\"/><rect width=\"%.1f\" "
			    "height=\"12\" fill=\"#2a6\"/></svg>", w, w,
			    ratio * 100, w, ratio * w);
		fputs("</td>", f);
		free(value);
		free(basis);
	}
	fputs("</tr>\n", f);
}

/* Adds what a figure folded (all of it, or some of its lines) to the
 * section's "no cases yet" line. */
static void
html_fold(struct html_out *h, const char *label, const char *lines)
{
	if (h->none.s != NULL && h->none.s[0] != '\0')
		buf_adds(&h->none, "; ");
	buf_adds(&h->none, label);
	if (lines != NULL) {
		buf_adds(&h->none, ": ");
		buf_adds(&h->none, lines);
	}
}

/* Ends a section's table and says what it folded. */
static void
html_section_end(struct html_out *h)
{
	fputs("</tbody>\n</table>\n", h->f);
	if (h->none.s != NULL && h->none.s[0] != '\0') {
		fprintf(h->f, "<p class=\"none\">%s ", _("No cases yet:"));
		html_text(h->f, h->none.s);
		fputs("</p>\n", h->f);
	}
	buf_reset(&h->none);
}

/* Under a figure split by month: its months as a small column chart,
 * each column's height its count for everyone, the month in its title. */
static void
html_trend(struct html_out *h, const struct report_figure *fig)
{
	size_t	k, max = 1, n = fig->nlines;
	double	x, bh;

	for (k = 0; k < n; k++) {
		if (fig->lines[k].cells[0].num > max)
			max = fig->lines[k].cells[0].num;
	}
	fprintf(h->f, "<tr class=\"trend\"><td colspan=\"%zu\">"
	    "<svg class=\"trend\" width=\"%zu\" height=\"48\" "
	    "viewBox=\"0 0 %zu 48\" role=\"img\" aria-label=\"", 1 +
	    3 * h->rep->ngroups, n * 14 + 2, n * 14 + 2);
	html_text(h->f, form_text(fig->ind->label));
	fputs("\"><line x1=\"0\" y1=\"47.5\" x2=\"100%\" y2=\"47.5\" "
	    "stroke=\"#999\"/>", h->f);
	for (k = 0; k < n; k++) {
		x = 2 + 14.0 * (double)k;
		bh = 46.0 * (double)fig->lines[k].cells[0].num / (double)max;
		fprintf(h->f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"11\" "
		    "height=\"%.1f\" fill=\"#2a6\"><title>", x, 47 - bh, bh);
		html_text(h->f, fig->lines[k].key);
		fprintf(h->f, ": %zu</title></rect>",
		    fig->lines[k].cells[0].num);
	}
	fputs("</svg></td></tr>\n", h->f);
}

/* A figure's rows: lines with no cases in any group are folded into the
 * section's "no cases yet" line, and so is a figure with nothing else. */
static void
html_figure(struct html_out *h, const struct report_figure *fig)
{
	const char	*label = form_text(fig->ind->label), *ll;
	struct buf	 folded;
	size_t		 k, shown = 0;

	if (!fig->split) {
		if (html_line_empty(fig, &fig->lines[0]))
			html_fold(h, label, NULL);
		else
			html_row(h, fig, &fig->lines[0], 0, label);
		return;
	}
	for (k = 0; k < fig->nlines; k++)
		shown += !html_line_empty(fig, &fig->lines[k]);
	if (shown == 0) {
		html_fold(h, label, NULL);
		return;
	}
	html_row(h, fig, NULL, 0, label);
	if (fig->ind->split_month && fig->nlines > 1)
		html_trend(h, fig);
	buf_init(&folded);
	for (k = 0; k < fig->nlines; k++) {
		ll = fig->lines[k].label != NULL ? fig->lines[k].label :
		    fig->lines[k].key;
		if (!html_line_empty(fig, &fig->lines[k])) {
			html_row(h, fig, &fig->lines[k], 1, ll);
			continue;
		}
		if (folded.s != NULL && folded.s[0] != '\0')
			buf_adds(&folded, ", ");
		buf_adds(&folded, ll);
	}
	if (folded.s != NULL && folded.s[0] != '\0')
		html_fold(h, label, folded.s);
	buf_free(&folded);
}

/* The report's sections, each a table. */
static void
html_body(struct html_out *h)
{
	const struct report_figure	*fig;
	const char			*section = NULL;
	size_t				 i;
	bool				 open = false;

	for (i = 0; i < h->rep->n; i++) {
		fig = &h->rep->v[i];
		if (!open || (fig->ind->section != NULL && (section == NULL ||
		    strcmp(section, fig->ind->section) != 0))) {
			if (open)
				html_section_end(h);
			if (fig->ind->section != NULL) {
				section = fig->ind->section;
				fputs("<h2>", h->f);
				html_text(h->f, form_text(section));
				fputs("</h2>\n", h->f);
			}
			html_table_open(h);
			open = true;
		}
		html_figure(h, fig);
	}
	if (open)
		html_section_end(h);
	buf_free(&h->none);
}

static const char html_style[] =
    "body{font-family:sans-serif;margin:2em;color:#111}"
    "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;"
    "border-bottom:1px solid #999}"
    "table{border-collapse:collapse;width:100%;max-width:60em}"
    "th,td{padding:.15em .5em;text-align:left;vertical-align:middle}"
    "thead th{border-bottom:1px solid #999;font-size:.85em}"
    "td.v,td.b,th.v,th.b{text-align:right;white-space:nowrap}"
    "tbody th{font-weight:normal}tr.d0 th{font-weight:bold}"
    "tr.d1 th{padding-left:1.5em}tr.d2 th{padding-left:3em}"
    "td.bar{width:170px}p.meta{color:#444}p.none{color:#555;"
    "font-size:.85em}th.g{text-align:center;border-bottom:1px solid #ccc}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{margin:0}h2,tr{page-break-inside:avoid}"
    "svg rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

int
report_write_html(const struct report *rep, const char *path, char **cause)
{
	struct html_out	 h;
	char		*tmp;
	const char	*title;
	bool		 ok;

	memset(&h, 0, sizeof h);
	h.rep = rep;
	if ((h.f = file_create_temp(path, &tmp, cause)) == NULL)
		return -1;
	title = rep->set->title != NULL ? form_text(rep->set->title) :
	    _("Programme indicators");
	fputs("<!DOCTYPE html>\n<html", h.f);
	if (*i18n_language() != '\0')
		fprintf(h.f, " lang=\"%s\"", i18n_language());
	fputs(">\n<head>\n<meta charset=\"utf-8\">\n<title>", h.f);
	str_escape_write(h.f, title, strlen(title), ESCAPE_HTML);
	fprintf(h.f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
	    html_style);
	str_escape_write(h.f, title, strlen(title), ESCAPE_HTML);
	fputs("</h1>\n<p class=\"meta\">", h.f);
	if (rep->from != NULL || rep->to != NULL)
		fprintf(h.f, _("Records from %s to %s."),
		    rep->from != NULL ? rep->from : "…",
		    rep->to != NULL ? rep->to : "…");
	else
		fputs(_("All records."), h.f);
	putc(' ', h.f);
	fprintf(h.f, _("Made on %s."), rep->today);
	if (rep->by != NULL) {
		putc(' ', h.f);
		fputs(_("By"), h.f);
		putc(' ', h.f);
		str_escape_write(h.f, form_text(rep->by->label),
		    strlen(form_text(rep->by->label)), ESCAPE_HTML);
		putc('.', h.f);
	}
	putc(' ', h.f);
	fprintf(h.f, _("A figure from fewer than %d cases shows as \"too few "
	    "cases\"."), rep->set->min_n);
	fputs("</p>\n", h.f);
	html_body(&h);
	fputs("</body>\n</html>\n", h.f);
	ok = !ferror(h.f) && fflush(h.f) == 0 && fsync(fileno(h.f)) == 0;
	if (fclose(h.f) != 0)
		ok = false;
	if (!ok || rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot write '%s': %s"), path,
		    strerror(errno));
		(void)unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
