/*
 * cmd: the verbs of the onward command.  One file per verb (cmd-<verb>.c),
 * each defining one `const struct cmd_entry`, all listed in cmd_table in
 * main.c.
 *
 * Owns: the global options every verb sees (struct cmd_ctx) and the
 * conventions verbs share: exit 0 done, 1 failed (with a message naming the
 * file, line or field), 2 wrong usage.
 */
#ifndef ONWARD_CMD_H
#define ONWARD_CMD_H

#include <stdbool.h>

#define EXIT_USAGE 2

struct form_pack;
struct store;

/* What main hands to a verb. */
struct cmd_ctx {
	const char	*db_path;	/* --db, $ONWARD_DB or the default */
	const char	*forms_dir;	/* --forms, $ONWARD_FORMS or installed */
	const char	*data_dir;	/* forms_dir/../data, else installed */
	const char	*progname;
};

#define CMD_NEEDS_FORMS	0x1	/* main loads the form pack first */

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* N_(): arguments after the verb */
	const char	*summary;	/* N_(): one line for --help */
	const char	*help;		/* N_(): longer text for `help VERB` */
	int		 flags;
	int		 (*exec)(struct cmd_ctx *, int argc, char **argv);
};

/* Looks a verb up by name; NULL when there is none. */
const struct cmd_entry	*cmd_find(const char *name);
/* The table, NULL-terminated, for help. */
extern const struct cmd_entry *const cmd_table[];

/* Prints "usage: onward VERB USAGE" to stderr and returns EXIT_USAGE. */
int	cmd_usage(const struct cmd_entry *);
/* Loads the form pack of ctx, printing every problem; NULL on failure. */
struct form_pack *cmd_load_forms(struct cmd_ctx *);
/* Opens the store of ctx (store_open).  Unless $LANGUAGE names one, the
 * language chosen in the store's settings (the UI's Settings, or
 * 'onward settings language') is used from here on. */
struct store	*cmd_store_open(struct cmd_ctx *, const struct form_pack *,
		    char **cause);

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
