/*
 * cmd-cases.c: `onward cases [--type T] [--search TEXT] [--due] [--open |
 * --closed] [--owner WORKER]`: the case list as tab-separated lines,
 * newest first.
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
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option cases_options[] = {
	APP_PASS_OPTIONS,
	{ "closed",	no_argument,		NULL, 'C' },
	{ "due",	no_argument,		NULL, 'd' },
	{ "open",	no_argument,		NULL, 'o' },
	{ "owner",	required_argument,	NULL, 'w' },
	{ "search",	required_argument,	NULL, 's' },
	{ "type",	required_argument,	NULL, 't' },
	{ NULL,		0,			NULL, 0 }
};

/* A field of a tab-separated line (see cmd.h). */
void
cmd_tsv_field(const char *s)
{
	putchar('\t');
	if (s == NULL || *s == '\0') {
		putchar('-');
		return;
	}
	for (; *s != '\0'; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* Opens the store and forms for a verb that filters by case type (see
 * cmd.h). */
int
cmd_open_type(struct app *app, const char *type)
{
	if (app_open(app, APP_FORMS) == -1)
		return -1;
	if (type != NULL && form_pack_case_type(app->pack, type) == NULL) {
		fprintf(stderr, _("onward: no case type '%s'\n"), type);
		return -1;
	}
	return app_ready(app);
}

/* onward cases [options]: the case list. */
static int
cmd_cases_exec(struct app *app, int argc, char **argv)
{
	struct case_query	 q;
	struct case_row		*rows;
	size_t			 n, i, k;
	const char		*as = NULL, *file = NULL;
	char			*cause, today[16];
	int			 ch;

	memset(&q, 0, sizeof q);
	q.closed = -1;
	expr_format_date(expr_today(), today, sizeof today);
	while ((ch = getopt_long(argc, argv, "", cases_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'C':
			q.closed = 1;
			break;
		case 'd':
			q.due_only = true;
			break;
		case 'o':
			q.closed = 0;
			break;
		case 's':
			q.search = optarg;
			break;
		case 't':
			q.type = optarg;
			break;
		case 'w':
			q.owner = optarg;
			break;
		default:
			if (!app_pass_option(ch, &as, &file))
				return cmd_usage(&cmd_cases_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_cases_entry);
	if (cmd_open_type(app, q.type) == -1 || app_sign_in_reader(app, as,
	    file, "worker", _("list cases")) == -1)
		return 1;
	if (store_cases(app->store, &q, &rows, &n, NULL, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		fputs(rows[i].id, stdout);
		cmd_tsv_field(rows[i].type);
		cmd_tsv_field(rows[i].name);
		cmd_tsv_field(rows[i].closed ? "closed" : "open");
		cmd_tsv_field(rows[i].next_due);
		cmd_tsv_field(rows[i].next_due == NULL ? NULL :
		    rows[i].overdue ? "overdue" :
		    strcmp(rows[i].next_due, today) <= 0 ? "due" : "planned");
		for (k = 0; k < rows[i].ncols; k++)
			cmd_tsv_field(rows[i].cols[k]);
		putchar('\n');
		case_row_free(&rows[i]);
	}
	free(rows);
	return 0;
}

const struct cmd_entry cmd_cases_entry = {
	"cases",
	N_("[--type TYPE] [--search TEXT] [--due] [--open | --closed] "
	    "[--owner WORKER] [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("list cases, newest first"),
	N_("Prints one case a line, tab-separated: id, type, name, open or\n"
	    "closed, next follow-up date, 'due' (today or passed), 'overdue'\n"
	    "(past its grace days) or 'planned' (still to come), then the\n"
	    "case type's list columns; '-' stands for nothing.\n"
	    "  --type TYPE    only cases of this type\n"
	    "  --search TEXT  cases whose id, name, phone or searched\n"
	    "                 properties start with every word of TEXT,\n"
	    "                 ignoring case and accents\n"
	    "  --due          only cases with a follow-up due or overdue\n"
	    "  --open, --closed  only open or only closed cases\n"
	    "  --owner WORKER only the cases WORKER owns (onward assign)\n"
	    "On a store with accounts, --as any account signed in.\n"),
	APP_FORMS | APP_STORE,
	cmd_cases_exec
};
