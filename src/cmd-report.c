/*
 * cmd-report.c: `onward report [--from DATE] [--to DATE] [--by ID]
 * [--html FILE] [--indicators FILE]`: the programme's indicators
 * (data/indicators.yaml) as a table in the terminal, or as one HTML page.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "expr.h"
#include "form-indicators.h"
#include "form.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "util.h"

#define REPORT_LABEL_MAX	56	/* columns before the figures */

static const struct option report_options[] = {
	APP_PASS_OPTIONS,
	{ "by",		required_argument,	NULL, 'b' },
	{ "from",	required_argument,	NULL, 'f' },
	{ "html",	required_argument,	NULL, 'h' },
	{ "indicators",	required_argument,	NULL, 'i' },
	{ "to",		required_argument,	NULL, 't' },
	{ NULL,		0,			NULL, 0 }
};

struct report_text {
	FILE	*f;
	size_t	 width;		/* of the label column */
	bool	 measure;	/* first pass: only measure */
	bool	 first;
};

static void
report_text_row(void *arg, const char *section, int depth,
    const char *label, const char *value, const char *basis, double ratio)
{
	struct report_text	*rt = arg;
	size_t			 w = (size_t)depth * 2 +
				    utf8_width(label, strlen(label));

	(void)ratio;
	if (rt->measure) {
		if (w > rt->width)
			rt->width = w > REPORT_LABEL_MAX ? REPORT_LABEL_MAX : w;
		return;
	}
	if (section != NULL) {
		fprintf(rt->f, "%s%s\n", rt->first ? "" : "\n", section);
		rt->first = false;
	}
	rt->first = false;
	fprintf(rt->f, "%*s%s", depth * 2, "", label);
	if (*value == '\0' && *basis == '\0') {
		putc('\n', rt->f);
		return;
	}
	fprintf(rt->f, "%*s  %14s%s%s\n",
	    (int)(w < rt->width ? rt->width - w : 0), "", value,
	    *basis != '\0' ? "  " : "", basis);
}

/* The terminal table. */
static void
report_print(const struct report *rep, FILE *f)
{
	struct report_text	rt;

	memset(&rt, 0, sizeof rt);
	rt.f = f;
	rt.measure = true;
	report_walk(rep, report_text_row, &rt);
	fprintf(f, "%s\n", rep->set->title != NULL ?
	    form_text(rep->set->title) : _("Programme indicators"));
	if (rep->from != NULL || rep->to != NULL)
		fprintf(f, _("Records from %s to %s."),
		    rep->from != NULL ? rep->from : "...",
		    rep->to != NULL ? rep->to : "...");
	else
		fputs(_("All records."), f);
	putc(' ', f);
	fprintf(f, _("Made on %s."), rep->today);
	if (rep->by != NULL)
		fprintf(f, " %s %s.", _("By"), form_text(rep->by->label));
	putc('\n', f);
	fprintf(f, _("A figure from fewer than %d cases shows as \"too few "
	    "cases\"."), rep->set->min_n);
	fputs("\n\n", f);
	rt.measure = false;
	rt.first = true;
	report_walk(rep, report_text_row, &rt);
}

/* True when s is a real YYYY-MM-DD date. */
static bool
report_date_ok(const char *s)
{
	long	days;

	return strlen(s) == 10 && expr_parse_date(s, &days);
}

static int
cmd_report_exec(struct app *app, int argc, char **argv)
{
	struct report		*rep;
	struct report_options	 opt;
	const char		*html = NULL, *ipath = NULL, *as = NULL;
	const char		*file = NULL;
	char			*cause;
	int			 ch, rc = 0;

	memset(&opt, 0, sizeof opt);
	while ((ch = getopt_long(argc, argv, "", report_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			opt.by = optarg;
			break;
		case 'f':
			opt.from = optarg;
			break;
		case 'h':
			html = optarg;
			break;
		case 'i':
			ipath = optarg;
			break;
		case 't':
			opt.to = optarg;
			break;
		default:
			if (!app_pass_option(ch, &as, &file))
				return cmd_usage(&cmd_report_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_report_entry);
	if ((opt.from != NULL && !report_date_ok(opt.from)) ||
	    (opt.to != NULL && !report_date_ok(opt.to))) {
		fprintf(stderr, _("onward: '%s' is not a date "
		    "(YYYY-MM-DD)\n"), opt.from != NULL &&
		    !report_date_ok(opt.from) ? opt.from : opt.to);
		return EXIT_USAGE;
	}
	if (ipath != NULL)
		app->indicators_path = xstrdup(ipath);
	if (app_ready(app) == -1 || app_sign_in_reader(app, as, file,
	    "supervisor", _("read reports")) == -1)
		return 1;
	if ((rep = report_run(app->store, app->pack, app->indicators, &opt,
	    &cause)) == NULL) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		rc = 1;
	} else if (html != NULL) {
		if (report_write_html(rep, html, &cause) == -1) {
			fprintf(stderr, "onward: %s\n", cause);
			free(cause);
			rc = 1;
		}
	} else
		report_print(rep, stdout);
	report_free(rep);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	"report",
	N_("[--from DATE] [--to DATE] [--by ID] [--html FILE] "
	    "[--indicators FILE] [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("the programme's indicators, as a table or a web page"),
	N_("Computes every indicator of data/indicators.yaml over the\n"
	    "store and prints them as a table: each figure with what it is\n"
	    "out of; a share or average over fewer cases than the\n"
	    "indicator's minimum shows as 'too few cases'.\n"
	    "  --from DATE, --to DATE  only records of these days (the\n"
	    "                indicator's date field, else the day the\n"
	    "                record was made), YYYY-MM-DD, both included\n"
	    "  --by ID       also each group of a breakdown of the file\n"
	    "                (sex, programme, site, worker)\n"
	    "  --html FILE   write one self-contained HTML page instead\n"
	    "  --indicators FILE  another indicators file\n"
	    "On a store with accounts, --as a supervisor or an admin.\n"),
	APP_INDICATORS | APP_STORE,
	cmd_report_exec
};
