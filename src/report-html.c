/*
 * report-html.c: the report as one self-contained HTML page: no network,
 * no scripts, inline CSS that prints well, and an inline SVG bar beside
 * every share.  Rows come from report_walk, so the page and the terminal
 * table show the same words and figures.
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
	FILE	*f;
	bool	 open;		/* a table is open */
};

static void
html_table_open(struct html_out *h)
{
	fprintf(h->f, "<table>\n<thead><tr><th>%s</th><th class=\"v\">%s"
	    "</th><th class=\"b\">%s</th><th class=\"bar\"></th></tr>"
	    "</thead>\n<tbody>\n", _("Indicator"), _("Figure"),
	    _("Out of"));
	h->open = true;
}

static void
html_row(void *arg, const char *section, int depth, const char *label,
    const char *value, const char *basis, double ratio)
{
	struct html_out	*h = arg;
	FILE		*f = h->f;

	if (section != NULL) {
		if (h->open)
			fputs("</tbody>\n</table>\n", f);
		fputs("<h2>", f);
		str_escape_write(f, section, strlen(section), ESCAPE_HTML);
		fputs("</h2>\n", f);
		html_table_open(h);
	} else if (!h->open)
		html_table_open(h);
	fprintf(f, "<tr class=\"d%d\"><th>", depth);
	str_escape_write(f, label, strlen(label), ESCAPE_HTML);
	fputs("</th><td class=\"v\">", f);
	str_escape_write(f, value, strlen(value), ESCAPE_HTML);
	fputs("</td><td class=\"b\">", f);
	str_escape_write(f, basis, strlen(basis), ESCAPE_HTML);
	fputs("</td><td class=\"bar\">", f);
	if (ratio >= 0)
		fprintf(f, "<svg width=\"160\" height=\"12\" viewBox=\"0 0 160 "
		    "12\" role=\"img\" aria-label=\"%.0f%%\"><rect width=\"160\" "
		    "height=\"12\" fill=\"#eee\"/><rect width=\"%.1f\" "
		    "height=\"12\" fill=\"#2a6\"/></svg>", ratio * 100,
		    ratio * 160);
	fputs("</td></tr>\n", f);
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
    "td.bar{width:170px}p.meta{color:#444}"
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
	report_walk(rep, html_row, &h);
	if (h.open)
		fputs("</tbody>\n</table>\n", h.f);
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
