/*
 * cmd: the verbs of the onward command.  One file per verb (cmd-<verb>.c),
 * each defining one `const struct cmd_entry`, all listed in cmd_table in
 * main.c.
 *
 * To add a verb, three places: write src/cmd-<verb>.c defining `const
 * struct cmd_entry cmd_<verb>_entry`; add its line to CMD_VERBS below
 * (which declares it and lists it in cmd_table, main.c); add the file to
 * Makefile.am and po/POTFILES.in.  Then its test in tests/cli/ and its
 * part of doc/onward.1.
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
/* Prints "onward: CAUSE" to stderr, frees cause and returns 1. */
int	cmd_failed(char *cause);
/* Prints a tab, then s with its tabs and newlines as spaces, or "-" for
 * NULL or empty: one field of the verbs' tab-separated lines
 * (cmd-cases.c). */
void	cmd_tsv_field(const char *s);
/* Opens the forms and the store (app_open, app_ready), refusing a case
 * type the pack does not have (NULL: none asked): 0, or -1 said. */
int	cmd_open_type(struct app *, const char *type);

/* Every verb, in alphabetical order, one line each: CMD_VERB(name) for
 * cmd_<name>_entry of src/cmd-<name>.c.  The line declares it and puts
 * it in cmd_table (main.c). */
#define CMD_VERBS \
	CMD_VERB(account) \
	CMD_VERB(assign) \
	CMD_VERB(bundle) \
	CMD_VERB(cases) \
	CMD_VERB(conflicts) \
	CMD_VERB(csv) \
	CMD_VERB(demo) \
	CMD_VERB(devices) \
	CMD_VERB(due) \
	CMD_VERB(dump) \
	CMD_VERB(erase) \
	CMD_VERB(export) \
	CMD_VERB(forms) \
	CMD_VERB(help) \
	CMD_VERB(keys) \
	CMD_VERB(merge) \
	CMD_VERB(rebuild) \
	CMD_VERB(record) \
	CMD_VERB(report) \
	CMD_VERB(settings) \
	CMD_VERB(views)

#define CMD_VERB(name)	extern const struct cmd_entry cmd_##name##_entry;
CMD_VERBS
#undef CMD_VERB

#endif
