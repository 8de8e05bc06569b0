/*
 * main.c: the onward command: global options, the table of verbs, and the
 * terminal UI when no verb is given.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "i18n.h"
#include "tui.h"
#include "util.h"

/*
 * The table of verbs.  To add a verb:
 *   1. write src/cmd-<verb>.c defining `const struct cmd_entry
 *      cmd_<verb>_entry` (name, usage, summary, help, the APP_* flags of
 *      what it needs opened, exec: it checks its arguments, calls
 *      app_ready(), and works on app->pack, app->store...);
 *   2. add its line CMD_VERB(<verb>) to CMD_VERBS in cmd.h, in
 *      alphabetical order (it lands here);
 *   3. add the file to src_libonward_a_SOURCES in Makefile.am and to
 *      po/POTFILES.in;
 * and describe it in doc/onward.1, with a test in tests/cli/.
 */
const struct cmd_entry *const cmd_table[] = {
#define CMD_VERB(name)	&cmd_##name##_entry,
	CMD_VERBS
#undef CMD_VERB
	NULL
};

static const struct option global_options[] = {
	{ "db",		required_argument,	NULL, 'd' },
	{ "forms",	required_argument,	NULL, 'f' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 }
};

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, _("usage: onward %s %s\n"), e->name, _(e->usage));
	return EXIT_USAGE;
}

int
cmd_failed(char *cause)
{
	fprintf(stderr, "onward: %s\n", cause);
	free(cause);
	return 1;
}

static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f, _("usage: onward [--db FILE] [--forms DIR] [VERB [ARGS...]]\n"));
	fputs(_("\nWith no verb, onward opens the terminal UI.\n\nVerbs:\n"), f);
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(f, "  %-12s %s\n", cmd_table[i]->name,
		    _(cmd_table[i]->summary));
	fputs(_("\nOptions:\n"
	    "  --db FILE     the store (default $ONWARD_DB, else\n"
	    "                $XDG_DATA_HOME/onward/onward.db)\n"
	    "  --forms DIR   the form pack (default $ONWARD_FORMS, else the\n"
	    "                installed forms)\n"
	    "  --help        show this help and exit\n"
	    "  --version     show the version and exit\n"
	    "\nRun 'onward help VERB' for help on one verb.\n"), f);
}

/* The global option whose short name is ch, for messages. */
static const char *
global_option_name(int ch)
{
	size_t	i;

	for (i = 0; global_options[i].name != NULL; i++) {
		if (global_options[i].val == ch)
			return global_options[i].name;
	}
	return "?";
}

/* Which of --help and --version the verb's arguments ask for, before
 * "--": 'h', 'V' or 0.  Answered before the verb runs, so that neither
 * creates or touches a store. */
static int
verb_asks(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0)
			return 'h';
		if (strcmp(argv[i], "--version") == 0)
			return 'V';
	}
	return 0;
}

/* Runs the verb argv[0] on app; returns the exit status. */
static int
run_verb(struct app *app, int argc, char **argv)
{
	const struct cmd_entry	*e;
	char			*hargv[] = { (char *)"help", argv[0], NULL };

	if ((e = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, _("onward: unknown verb '%s'; try "
		    "'onward --help'\n"), argv[0]);
		return EXIT_USAGE;
	}
	switch (verb_asks(argc, argv)) {
	case 'h':
		return cmd_help_entry.exec(app, 2, hargv);
	case 'V':
		printf("onward %s\n", PACKAGE_VERSION);
		return 0;
	}
	app->needs = e->flags;
	optind = 0;	/* glibc: reinitialise getopt for the verb */
	opterr = 1;
	return e->exec(app, argc, argv);
}

int
main(int argc, char **argv)
{
	struct app	 app;
	char		*db = NULL, *forms = NULL;
	int		 ch, rc;

	i18n_init();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hV", global_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			free(db);
			db = xstrdup(optarg);
			break;
		case 'f':
			free(forms);
			forms = xstrdup(optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("onward %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			fprintf(stderr, _("onward: option '--%s' needs a value; "
			    "try 'onward --help'\n"),
			    global_option_name(optopt));
			return EXIT_USAGE;
		default:
			if (optopt != 0 && optopt != '?')
				fprintf(stderr, _("onward: unknown option "
				    "'-%c'; try 'onward --help'\n"), optopt);
			else
				fprintf(stderr, _("onward: unknown or incomplete "
				    "option '%s'; try 'onward --help'\n"),
				    argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	app_init(&app, db, forms);
	free(db);
	free(forms);
	if (argc > 0)
		rc = run_verb(&app, argc, argv);
	else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("onward: no verb given and no terminal "
		    "to draw on; try 'onward --help'\n"));
		rc = EXIT_USAGE;
	} else {
		app.needs = APP_FORMS | APP_STORE;
		rc = tui_main(&app);
	}
	app_close(&app);
	return rc;
}
