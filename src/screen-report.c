/*
 * screen-report.c: the programme's indicators (data/indicators.yaml) for
 * a supervisor, as `onward report` prints them: the same rows, the same
 * figures.  F2 sets the period, F3 breaks the figures down (by district,
 * by worker...), F4 saves the page as one HTML file to share or print,
 * F5 saves the data of every form and the cases for Stata, SPSS or Excel
 * (export-file.h), as `onward csv --all --format` does.
 */
#include "config.h"

#include "tui-curses.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "export-file.h"
#include "app-passphrase.h"
#include "expr.h"
#include "form-indicators.h"
#include "form.h"
#include "i18n.h"
#include "report.h"
#include "screen.h"
#include "tui.h"
#include "util.h"

enum {
	RA_PERIOD,
	RA_BY,
	RA_SAVE,
	RA_DATA,
	RA_BACK,
	RA_OK,
	RA_UP,
	RA_DOWN,
	RA_PGUP,
	RA_PGDN
};
static const struct tui_key report_key_list[] = {
	/* The control-key twins keep clear of the text keys (^A ^B ^D ^E
	 * ^F ^K ^U ^W), which the period and file name are typed with. */
	{ RA_PERIOD,	{ TUI_FKEY(KEY_F(2)), TUI_CTRL('p') },	N_("Period"),
	  TUI_KEY_LINE },
	{ RA_BY,	{ TUI_FKEY(KEY_F(3)), TUI_CTRL('t') },	N_("Break down"),
	  TUI_KEY_LINE },
	{ RA_SAVE,	{ TUI_FKEY(KEY_F(4)), TUI_CTRL('o') },
	  N_("Save as web page"), TUI_KEY_LINE },
	{ RA_DATA,	{ TUI_FKEY(KEY_F(5)), TUI_CTRL('x') },
	  N_("Save the data"), TUI_KEY_LINE },
	{ RA_OK,	{ TUI_ENTER },	N_("Done"), 0 },
	{ RA_BACK,	{ TUI_ESC, TUI_FKEY(KEY_F(10)) },	N_("Back"),
	  TUI_KEY_LINE },
	{ RA_UP,	{ TUI_FKEY(KEY_UP) },	N_("Scroll up"), 0 },
	{ RA_DOWN,	{ TUI_FKEY(KEY_DOWN) },	N_("Scroll down"), 0 },
	{ RA_PGUP,	{ TUI_FKEY(KEY_PPAGE) },	N_("Page up"), 0 },
	{ RA_PGDN,	{ TUI_FKEY(KEY_NPAGE) },	N_("Page down"), 0 },
};
static const struct tui_keymap report_keys = {
	N_("Programme indicators"), report_key_list, nitems(report_key_list)
};

/* What is being typed on the screen's last line. */
enum report_input { RI_NONE, RI_FROM, RI_TO, RI_SAVE, RI_DATA };

/* A line of the page: a blank, a section heading or a row. */
struct report_row {
	char	*label;		/* NULL: blank */
	char	*value;		/* NULL: a section heading */
	char	*basis;
	int	 depth;
};

static struct {
	struct indicator_set	*set;		/* tui.app's */
	struct report		*rep;
	char			*error;		/* why there is no report */
	char			*from, *to;	/* the period; NULL: open */
	const char		*by;		/* breakdown id, or NULL */
	struct report_row	*rows;
	size_t			 nrows;
	size_t			 top;		/* first screen line shown */
	enum report_input	 input;
	char			*new_from;	/* typed, until To is given */
	struct tui_text		 text;
	bool			 text_init;
	const struct export_format *fmt;	/* RI_DATA: the format */
} rp;

static void
rows_free(void)
{
	size_t	i;

	for (i = 0; i < rp.nrows; i++) {
		free(rp.rows[i].label);
		free(rp.rows[i].value);
		free(rp.rows[i].basis);
	}
	free(rp.rows);
	rp.rows = NULL;
	rp.nrows = 0;
}

/* Adds a line to the page (label NULL: blank; value NULL: heading). */
static void
line_add(const char *label, const char *value, const char *basis,
    int depth)
{
	struct report_row	*r;

	rp.rows = xreallocarray(rp.rows, rp.nrows + 1, sizeof *rp.rows);
	r = &rp.rows[rp.nrows++];
	r->label = label != NULL ? xstrdup(label) : NULL;
	r->value = value != NULL ? xstrdup(value) : NULL;
	r->basis = basis != NULL ? xstrdup(basis) : NULL;
	r->depth = depth;
}

/* report_walk callback: a section's heading (after a blank line) and
 * the row. */
static void
row_add(void *arg, const char *section, int depth, const char *label,
    const char *value, const char *basis, double ratio)
{
	(void)arg;
	(void)ratio;
	if (section != NULL) {
		if (rp.nrows > 0)
			line_add(NULL, NULL, NULL, 0);
		line_add(section, NULL, NULL, 0);
	}
	line_add(label, value, basis, depth);
}

/* Says on the screen that work is under way: the report reads every
 * record, seconds on a large store. */
static void
show_working(const char *what)
{
	move(LINES - 2, 0);
	clrtoeol();
	attron(A_BOLD);
	tui_put(LINES - 2, 1, what, COLS - 2);
	attroff(A_BOLD);
	refresh();
}

/* Computes the report for the period and breakdown chosen. */
static void
run(void)
{
	struct report_options	 opt;
	char			*cause = NULL;

	report_free(rp.rep);
	rp.rep = NULL;
	rows_free();
	free(rp.error);
	rp.error = NULL;
	rp.top = 0;
	if (tui.app->account != NULL && !app_signed_in_as(tui.app,
	    "supervisor")) {
		rp.error = xstrdup(_("The report is for a supervisor or an "
		    "admin: sign in as one to see it."));
		return;
	}
	if (tui.app->pack == NULL) {
		rp.error = xstrdup(_("The forms could not be read: see "
		    "'onward forms check'."));
		return;
	}
	/* Read once; a file with problems is read again next time. */
	if (app_open(tui.app, APP_INDICATORS) == -1) {
		rp.error = xasprintf(_("The indicators in '%s' have "
		    "problems: see 'onward report'."),
		    app_indicators_path(tui.app));
		return;
	}
	rp.set = tui.app->indicators;
	show_working(_("Computing the indicators over every record..."));
	memset(&opt, 0, sizeof opt);
	opt.from = rp.from;
	opt.to = rp.to;
	opt.by = rp.by;
	if ((rp.rep = report_run(tui.app->store, tui.app->pack, rp.set, &opt,
	    &cause)) == NULL) {
		rp.error = cause;
		return;
	}
	report_walk(rp.rep, row_add, NULL);
}

static int
report_open(const void *arg)
{
	(void)arg;
	if (!rp.text_init) {
		tui_text_init(&rp.text);
		rp.text_init = true;
	}
	rp.input = RI_NONE;
	run();
	return 0;
}

static void
report_close(void)
{
	rows_free();
	report_free(rp.rep);
	rp.rep = NULL;
	rp.set = NULL;
	free(rp.error);
	free(rp.from);
	free(rp.to);
	free(rp.new_from);
	if (rp.text_init)
		tui_text_free(&rp.text);
	memset(&rp, 0, sizeof rp);
}

/* The lines rows are drawn on. */
static int
page_lines(void)
{
	return LINES - 7 > 1 ? LINES - 7 : 1;
}

/* The line that says what the figures cover. */
static char *
scope_text(void)
{
	char	*s, *t;

	if (rp.from != NULL || rp.to != NULL)
		s = xasprintf(_("Records from %s to %s."),
		    rp.from != NULL ? rp.from : "...",
		    rp.to != NULL ? rp.to : "...");
	else
		s = xstrdup(_("All records."));
	if (rp.rep != NULL && rp.rep->by != NULL) {
		t = xasprintf("%s %s %s.", s, _("By"),
		    form_text(rp.rep->by->label));
		free(s);
		s = t;
	}
	return s;
}

/* The period and the file name are typed after F2 and F4. */
static bool
report_typing(void)
{
	return rp.input != RI_NONE;
}

static void
report_draw(void)
{
	const struct report_row	*r;
	const char		*prompt = NULL;
	char			*s;
	size_t			 i;
	int			 y = 4, ymax = LINES - 3, lw, vx, vw, bw, w, labw;
	int			 x, cy, cx;

	if (rp.input != RI_NONE)
		ymax--;		/* the question takes a line of its own */
	s = rp.rep != NULL ? xasprintf(_("Made on %s"), rp.rep->today) :
	    xstrdup("");
	tui_draw_title(rp.set != NULL && rp.set->title != NULL ?
	    form_text(rp.set->title) : _("Programme indicators"), s);
	free(s);
	s = scope_text();
	tui_put(1, 1, s, COLS - 2);
	free(s);
	if (rp.set != NULL) {
		s = xasprintf(_("A figure from fewer than %d cases shows as "
		    "\"too few cases\"."), rp.set->min_n);
		attron(tui_attr(TR_DIM));
		tui_put(2, 1, s, COLS - 2);
		attroff(tui_attr(TR_DIM));
		free(s);
	}
	if (rp.error != NULL) {
		attron(tui_attr(TR_ERROR));
		tui_put(y, 1, rp.error, COLS - 2);
		attroff(tui_attr(TR_ERROR));
	}
	/* Labels on the left, the figure right-aligned in a column as wide
	 * as the widest ("too few cases"), then what it is out of. */
	for (i = 0, vw = bw = labw = 0; i < rp.nrows; i++) {
		if (rp.rows[i].value == NULL)
			continue;
		if ((w = tui_width(rp.rows[i].value)) > vw)
			vw = w;
		if ((w = tui_width(rp.rows[i].basis)) > bw)
			bw = w;
		if ((w = 1 + 2 * rp.rows[i].depth +
		    tui_width(rp.rows[i].label)) > labw)
			labw = w;
	}
	vx = COLS - 2 - (bw > 0 ? bw + 2 : 0);
	lw = vx - vw - 2;
	if (labw + 2 < lw) {		/* no wider than the labels need */
		lw = labw + 2;
		vx = lw + vw + 2;
	}
	if (lw < COLS / 3) {		/* a narrow terminal: labels first */
		lw = COLS / 3;
		vx = lw + vw + 2;
	}
	for (i = rp.top; rp.error == NULL && i < rp.nrows && y < ymax;
	    i++, y++) {
		r = &rp.rows[i];
		if (r->label == NULL)
			continue;
		if (r->value == NULL) {
			attron(tui_attr(TR_HEADING));
			tui_put(y, 1, r->label, COLS - 2);
			attroff(tui_attr(TR_HEADING));
			continue;
		}
		x = 1 + 2 * r->depth;
		if (r->depth == 0)
			attron(A_BOLD);
		/* A heading of lines (no figure of its own) may use the
		 * whole width. */
		tui_put(y, x, r->label, *r->value == '\0' ? COLS - 1 - x :
		    lw - x > 4 ? lw - x : 4);
		if (r->depth == 0)
			attroff(A_BOLD);
		if (*r->value != '\0' && vx < COLS - 1) {
			x = vx - tui_width(r->value);
			tui_put(y, x > lw ? x : lw, r->value, vx - lw);
			if (vx + 2 < COLS - 1)
				tui_put(y, vx + 2, r->basis, COLS - vx - 3);
		}
	}
	if (rp.input != RI_NONE) {
		prompt = rp.input == RI_FROM ? _("From (YYYY-MM-DD, empty: "
		    "from the first record):") : rp.input == RI_TO ?
		    _("To (YYYY-MM-DD, empty: up to today):") :
		    rp.input == RI_SAVE ? _("Save the page as:") :
		    rp.fmt->one_file ? _("Save the workbook as:") :
		    _("Save the files in the folder:");
		attron(A_BOLD);
		tui_put(LINES - 4, 1, prompt, COLS - 2);
		attroff(A_BOLD);
		tui_text_draw(&rp.text, LINES - 3, 1, COLS - 3, true);
	} else if (rp.error == NULL && rp.nrows > (size_t)page_lines()) {
		s = xasprintf(_("Lines %zu-%zu of %zu"), rp.top + 1,
		    rp.top + (size_t)page_lines() < rp.nrows ?
		    rp.top + (size_t)page_lines() : rp.nrows,
		    rp.nrows);
		attron(tui_attr(TR_DIM));
		tui_put(LINES - 3, COLS - 2 - tui_width(s), s, COLS / 2);
		attroff(tui_attr(TR_DIM));
		free(s);
	}
	getyx(stdscr, cy, cx);
	tui_draw_helpline();
	if (rp.input != RI_NONE)
		move(cy, cx);
}

/* tui_pick callback: the breakdown chosen (0: everyone together). */
static int
by_picked(void *arg, size_t i)
{
	(void)arg;
	rp.by = i == 0 || rp.set == NULL || i > rp.set->nby ? NULL :
	    rp.set->by[i - 1].id;
	run();
	return TUI_REDRAW;
}

/* A typed date, or NULL for an empty one; false (said) when it is not a
 * date. */
static bool
typed_date(const char *s, char **out)
{
	long	days;

	*out = NULL;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return true;
	if (strlen(s) != 10 || !expr_parse_date(s, &days)) {
		tui_error(_("'%s' is not a date (YYYY-MM-DD)"), s);
		return false;
	}
	*out = xstrdup(s);
	return true;
}

/* Saves every form and the cases in rp.fmt at path (a folder, made when
 * missing, or the workbook), saying how it went. */
static void
save_data(const char *path)
{
	struct export_out	 o;
	char			*cause = NULL, *dir = NULL, *slash;

	memset(&o, 0, sizeof o);
	o.fmt = rp.fmt;
	if (rp.fmt->one_file) {
		o.file = path;
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else
			strcpy(dir, ".");
		o.dir = dir;
	} else {
		o.dir = path;
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			tui_error(_("Cannot make the folder %s: %s"), path,
			    strerror(errno));
			return;
		}
	}
	export_sheets(tui.app->pack,
	    (const struct form *const *)tui.app->pack->forms,
	    tui.app->pack->nforms, true, &o.sheets, &o.nsheets);
	if (export_file_write(tui.app->store, &o, &cause) == -1) {
		tui_error("%s", cause);
		free(cause);
	} else
		tui_message(_("Saved for %s in %s"), _(rp.fmt->what), path);
	strvec_free(&o.written);
	strvec_free(&o.warnings);
	export_sheets_free(o.sheets, o.nsheets);
	free(dir);
}

/* The format picked for F5: where its data goes unless the supervisor
 * says otherwise, in the home folder, named after the day. */
static int
data_picked(void *arg, size_t i)
{
	const struct export_format *const *fmts = arg;
	const char		*home = getenv("HOME");
	char			*path;

	rp.fmt = fmts[i];
	rp.input = RI_DATA;
	path = xasprintf("%s/onward-data-%s%s",
	    home != NULL && *home != '\0' ? home : ".",
	    rp.rep != NULL ? rp.rep->today : "today",
	    rp.fmt->one_file ? ".xlsx" : "");
	tui_text_set(&rp.text, path);
	free(path);
	return TUI_REDRAW;
}

/* F5: which of the formats built in. */
static int
data_pick(void)
{
	const struct export_format **fmts;
	const char	*items[3], *names[] = { "dta", "sav", "xlsx" };
	size_t		 i, n = 0;

	/* The pick owns (and frees) its argument. */
	fmts = xcalloc(nitems(names), sizeof *fmts);
	for (i = 0; i < nitems(names); i++) {
		if ((fmts[n] = export_format_find(names[i])) == NULL)
			continue;
		items[n] = _(fmts[n]->what);
		n++;
	}
	if (n == 0) {
		free(fmts);
		tui_message("%s", _("This onward was built without ReadStat "
		    "and libxlsxwriter: 'onward csv' writes CSV."));
		return TUI_REDRAW;
	}
	tui_pick(_("Save the data of every form for"), items, n, data_picked,
	    (void *)fmts);
	return TUI_REDRAW;
}

/* Enter on the last line: the next step of what is being typed. */
static int
input_done(void)
{
	char	*d, *cause = NULL;

	switch (rp.input) {
	case RI_FROM:
		if (!typed_date(rp.text.s, &d))
			return TUI_REDRAW;
		free(rp.new_from);
		rp.new_from = d;
		rp.input = RI_TO;
		tui_text_set(&rp.text, rp.to != NULL ? rp.to : "");
		return TUI_REDRAW;
	case RI_TO:
		if (!typed_date(rp.text.s, &d))
			return TUI_REDRAW;
		if (rp.new_from != NULL && d != NULL &&
		    strcmp(rp.new_from, d) > 0) {
			tui_error(_("The period ends before it starts."));
			free(d);
			return TUI_REDRAW;
		}
		free(rp.from);
		free(rp.to);
		rp.from = rp.new_from;
		rp.new_from = NULL;
		rp.to = d;
		rp.input = RI_NONE;
		run();
		return TUI_REDRAW;
	case RI_SAVE:
		rp.input = RI_NONE;
		if (rp.rep == NULL)
			return TUI_REDRAW;
		if (report_write_html(rp.rep, rp.text.s, &cause) == -1) {
			tui_error("%s", cause);
			free(cause);
		} else
			tui_message(_("Saved as %s"), rp.text.s);
		return TUI_REDRAW;
	case RI_DATA:
		rp.input = RI_NONE;
		save_data(rp.text.s);
		return TUI_REDRAW;
	case RI_NONE:
		break;
	}
	return TUI_NONE;
}

/* Where the page goes unless the supervisor says otherwise: the home
 * folder, named after the day. */
static char *
default_html_path(void)
{
	const char	*home = getenv("HOME");

	return xasprintf("%s/onward-report-%s.html",
	    home != NULL && *home != '\0' ? home : ".",
	    rp.rep != NULL ? rp.rep->today : "today");
}

static int
report_key(int key)
{
	const char	**items;
	char		 *path;
	size_t		  i, page = (size_t)page_lines();
	int		  action;

	switch ((action = tui_key_action(&report_keys, key,
	    report_typing()))) {
	case RA_PERIOD:
		if (rp.input != RI_NONE)
			return TUI_NONE;
		rp.input = RI_FROM;
		tui_text_set(&rp.text, rp.from != NULL ? rp.from : "");
		return TUI_REDRAW;
	case RA_BY:
		if (rp.input != RI_NONE || rp.set == NULL)
			return TUI_NONE;
		if (rp.set->nby == 0) {
			tui_message("%s", _("The indicators file names no "
			    "breakdowns."));
			return TUI_REDRAW;
		}
		items = xreallocarray(NULL, rp.set->nby + 1, sizeof *items);
		items[0] = _("Everyone together");
		for (i = 0; i < rp.set->nby; i++)
			items[i + 1] = form_text(rp.set->by[i].label);
		tui_pick(_("Break the figures down by"), items,
		    rp.set->nby + 1, by_picked, NULL);
		free(items);
		return TUI_REDRAW;
	case RA_SAVE:
		if (rp.input != RI_NONE || rp.rep == NULL)
			return TUI_NONE;
		rp.input = RI_SAVE;
		path = default_html_path();
		tui_text_set(&rp.text, path);
		free(path);
		return TUI_REDRAW;
	case RA_DATA:
		if (rp.input != RI_NONE)
			return TUI_NONE;
		return data_pick();
	case RA_OK:
		return input_done();
	case RA_BACK:
		if (rp.input != RI_NONE) {
			rp.input = RI_NONE;
			free(rp.new_from);
			rp.new_from = NULL;
			return TUI_REDRAW;
		}
		tui_pop();
		return TUI_REDRAW;
	case RA_UP:
	case RA_PGUP:
		if (rp.input != RI_NONE)
			break;
		i = action == RA_UP ? 1 : page;
		rp.top = rp.top > i ? rp.top - i : 0;
		return TUI_REDRAW;
	case RA_DOWN:
	case RA_PGDN:
		if (rp.input != RI_NONE)
			break;
		i = action == RA_DOWN ? 1 : page;
		if (rp.nrows > page && rp.top + i > rp.nrows - page)
			rp.top = rp.nrows - page;
		else if (rp.nrows > page)
			rp.top += i;
		return TUI_REDRAW;
	}
	if (rp.input != RI_NONE && tui_text_key(&rp.text, key))
		return TUI_REDRAW;
	return TUI_NONE;
}

const struct screen screen_report = {
	.id = SCREEN_REPORT,
	.title = N_("Programme indicators"),
	.keys = &report_keys,
	.open = report_open,
	.close = report_close,
	.draw = report_draw,
	.key = report_key,
	.typing = report_typing,
};
