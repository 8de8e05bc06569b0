/*
 * cmd: the verbs of the onward command.  One file per verb (cmd-<verb>.c),
 * each defining one `const struct cmd_entry`, all listed in cmd_table in
 * main.c.
 *
 * To add a verb: write src/cmd-<verb>.c defining `const struct cmd_entry
 * cmd_<verb>_entry`, declare it below and list it in cmd_table (main.c),
 * and add the file to Makefile.am and po/POTFILES.in: three files (and its
 * test in tests/cli/, and doc/onward.1).
 *
 * Owns: the verb table and the conventions verbs share: exit 0 done, 1
 * failed (with a message naming the file, line or field), 2 wrong usage.
 * Never: opens the pack or the store itself (app.h does).
 */
#ifndef ONWARD_CMD_H
#define ONWARD_CMD_H

#include <stdbool.h>

#define EXIT_USAGE 2

struct app;

/*
 * A verb.  flags are the APP_* of app.h: what the verb needs opened; main
 * puts them in app->needs, and the verb calls app_ready() once its
 * arguments are checked.  `onward VERB --help` and `--version` are
 * answered by main before the verb runs.
 */
struct cmd_entry {
	const char	*name;
	const char	*usage;		/* N_(): arguments after the verb */
	const char	*summary;	/* N_(): one line for --help */
	const char	*help;		/* N_(): longer text for `help VERB` */
	int		 flags;		/* APP_*: what it needs opened */
	int		 (*exec)(struct app *, int argc, char **argv);
};

/* Looks a verb up by name; NULL when there is none. */
const struct cmd_entry	*cmd_find(const char *name);
/* The table, NULL-terminated, for help. */
extern const struct cmd_entry *const cmd_table[];

/* Prints "usage: onward VERB USAGE" to stderr and returns EXIT_USAGE. */
int	cmd_usage(const struct cmd_entry *);

/* Every verb, in alphabetical order. */
extern const struct cmd_entry cmd_bundle_entry;
extern const struct cmd_entry cmd_cases_entry;
extern const struct cmd_entry cmd_conflicts_entry;
extern const struct cmd_entry cmd_csv_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_dump_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_rebuild_entry;
extern const struct cmd_entry cmd_record_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_settings_entry;
extern const struct cmd_entry cmd_views_entry;

#endif
