/*
 * main.c: the onward command: global options, the table of verbs, and the
 * terminal UI when no verb is given.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "tui.h"
#include "util.h"

/*
 * The table of verbs.  To add a verb:
 *   1. write src/cmd-<verb>.c defining `const struct cmd_entry
 *      cmd_<verb>_entry` (name, usage, summary, help, flags, exec);
 *   2. declare it in cmd.h and list it here, in alphabetical order;
 *   3. add the file to src_libonward_a_SOURCES in Makefile.am and to
 *      po/POTFILES.in;
 *   4. describe it in doc/onward.1 and add a test in tests/cli/.
 */
const struct cmd_entry *const cmd_table[] = {
	&cmd_bundle_entry,
	&cmd_cases_entry,
	&cmd_conflicts_entry,
	&cmd_csv_entry,
	&cmd_demo_entry,
	&cmd_dump_entry,
	&cmd_export_entry,
	&cmd_forms_entry,
	&cmd_help_entry,
	&cmd_merge_entry,
	&cmd_rebuild_entry,
	&cmd_record_entry,
	&cmd_report_entry,
	&cmd_settings_entry,
	&cmd_views_entry,
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

/* The default store: $XDG_DATA_HOME/onward/onward.db, creating the folder. */
static char *
default_db(void)
{
	const char	*xdg, *home;
	char		*dir, *base, *path;

	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		base = xstrdup(xdg);
	else {
		home = getenv("HOME");
		base = xasprintf("%s/.local/share",
		    home != NULL && *home != '\0' ? home : ".");
	}
	dir = xasprintf("%s/onward", base);
	/* Failure shows later, when the store cannot be opened. */
	(void)mkdir(base, 0700);
	(void)mkdir(dir, 0700);
	path = xasprintf("%s/onward.db", dir);
	free(base);
	free(dir);
	return path;
}

/* The data folder: beside the forms folder when it has one, else installed. */
static char *
find_data_dir(const char *forms_dir)
{
	const char	*env;
	char		*d;
	struct stat	 sb;

	if ((env = getenv("ONWARD_DATA")) != NULL && *env != '\0')
		return xstrdup(env);
	d = xasprintf("%s/../data", forms_dir);
	if (stat(d, &sb) == 0 && S_ISDIR(sb.st_mode))
		return d;
	free(d);
	return xstrdup(PKGDATADIR "/data");
}

int
main(int argc, char **argv)
{
	struct cmd_ctx		 ctx;
	const struct cmd_entry	*e;
	const char		*env;
	char			*db = NULL, *data_dir, *forms = NULL;
	int			 ch, rc;

	i18n_init();
	memset(&ctx, 0, sizeof ctx);
	ctx.progname = "onward";

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", global_options,
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

	if (db == NULL && (env = getenv("ONWARD_DB")) != NULL && *env != '\0')
		db = xstrdup(env);
	if (db == NULL)
		db = default_db();
	if (forms == NULL && (env = getenv("ONWARD_FORMS")) != NULL &&
	    *env != '\0')
		forms = xstrdup(env);
	if (forms == NULL)
		forms = xstrdup(PKGDATADIR "/forms");
	data_dir = find_data_dir(forms);
	ctx.db_path = db;
	ctx.forms_dir = forms;
	ctx.data_dir = data_dir;

	if (argc == 0) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, _("onward: no verb given and no terminal "
			    "to draw on; try 'onward --help'\n"));
			rc = EXIT_USAGE;
		} else
			rc = tui_main(&ctx);
	} else if ((e = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, _("onward: unknown verb '%s'; try "
		    "'onward --help'\n"), argv[0]);
		rc = EXIT_USAGE;
	} else if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		char	*hargv[] = { (char *)"help", argv[0], NULL };

		rc = cmd_help_entry.exec(&ctx, 2, hargv);
	} else {
		optind = 0;	/* glibc: reinitialise getopt for the verb */
		opterr = 1;
		rc = e->exec(&ctx, argc, argv);
	}
	free(db);
	free(forms);
	free(data_dir);
	return rc;
}
