/*
 * cmd-due.c: `onward due [--today | --week | --overdue | --missed]
 * [--worker NAME] [--type TYPE]`: the work list, the rows of F6, as
 * tab-separated lines sorted by date.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-passphrase.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

static const struct option due_options[] = {
	APP_PASS_OPTIONS,
	{ "missed",	no_argument,		NULL, 'm' },
	{ "overdue",	no_argument,		NULL, 'o' },
	{ "today",	no_argument,		NULL, 'd' },
	{ "type",	required_argument,	NULL, 't' },
	{ "week",	no_argument,		NULL, 'w' },
	{ "worker",	required_argument,	NULL, 'W' },
	{ NULL,		0,			NULL, 0 }
};

/* Prints one row of the work list. */
static void
due_print(const struct form_pack *pack, const struct due_row *r)
{
	char	*label, late[32];

	label = due_row_label(pack, r);
	fputs(r->target, stdout);
	cmd_tsv_field(r->case_id);
	cmd_tsv_field(r->name);
	cmd_tsv_field(label);
	cmd_tsv_field(visit_state_name(r->state));
	snprintf(late, sizeof late, "%d", r->late);
	cmd_tsv_field(late);
	cmd_tsv_field(r->form);
	cmd_tsv_field(r->worker);
	putchar('\n');
	free(label);
}

/* onward due [options]: the work list. */
static int
cmd_due_exec(struct app *app, int argc, char **argv)
{
	struct due_query	 q;
	struct due_row		*rows;
	size_t			 n, i;
	const char		*as = NULL, *file = NULL;
	char			*cause;
	int			 ch, nfilters = 0;

	memset(&q, 0, sizeof q);
	q.filter = DUE_TODAY;
	while ((ch = getopt_long(argc, argv, "", due_options, NULL)) != -1) {
		switch (ch) {
		case 'd':
			q.filter = DUE_TODAY;
			nfilters++;
			break;
		case 'm':
			q.filter = DUE_MISSED;
			nfilters++;
			break;
		case 'o':
			q.filter = DUE_OVERDUE;
			nfilters++;
			break;
		case 'w':
			q.filter = DUE_WEEK;
			nfilters++;
			break;
		case 't':
			q.type = optarg;
			break;
		case 'W':
			q.worker = optarg;
			break;
		default:
			if (!app_pass_option(ch, &as, &file))
				return cmd_usage(&cmd_due_entry);
		}
	}
	if (optind != argc || nfilters > 1)
		return cmd_usage(&cmd_due_entry);
	if (cmd_open_type(app, q.type) == -1 || app_sign_in_reader(app, as,
	    file, "worker", _("see the work list")) == -1)
		return 1;
	if (store_due(app->store, &q, &rows, &n, &cause) == -1) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		due_print(app->pack, &rows[i]);
		due_row_free(&rows[i]);
	}
	free(rows);
	return 0;
}

const struct cmd_entry cmd_due_entry = {
	"due",
	N_("[--today | --week | --overdue | --missed] [--worker NAME] "
	    "[--type TYPE] [--as ACCOUNT] [--passphrase-file FILE]"),
	N_("the work list: visits and dates due, by date"),
	N_("Prints one item a line, tab-separated, sorted by date: the date it\n"
	    "is due, case id, name, what is due, its state ('due', 'late',\n"
	    "'planned' or 'missed'), days late, the form that completes it and\n"
	    "the worker the case is with; '-' stands for nothing.  A visit is\n"
	    "due from the day its window opens; 'missed' once its window\n"
	    "closed with no record.\n"
	    "  --today        what is due or late today (the default)\n"
	    "  --week         the same, and what falls due in the next 7 days\n"
	    "  --overdue      only what is past its day\n"
	    "  --missed       only visits whose window closed with no record\n"
	    "  --worker NAME  only the cases of this worker (who registered\n"
	    "                 them)\n"
	    "  --type TYPE    only cases of this type"),
	APP_FORMS | APP_STORE,
	cmd_due_exec
};
