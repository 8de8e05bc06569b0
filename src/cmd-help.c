/*
 * cmd-help.c: `onward help [VERB]`, the help of one verb.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

static int
cmd_help_exec(struct app *app, int argc, char **argv)
{
	const struct cmd_entry	*e;
	const char		*text;
	size_t			 i;

	(void)app;
	if (argc > 2)
		return cmd_usage(&cmd_help_entry);
	if (argc == 1) {
		printf(_("Verbs:\n"));
		for (i = 0; cmd_table[i] != NULL; i++)
			printf("  %-12s %s\n", cmd_table[i]->name,
			    _(cmd_table[i]->summary));
		return 0;
	}
	if ((e = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, _("onward: unknown verb '%s'; try "
		    "'onward --help'\n"), argv[1]);
		return EXIT_USAGE;
	}
	printf(_("usage: onward %s %s\n\n%s\n"), e->name, _(e->usage),
	    _(e->summary));
	if (e->help != NULL && *e->help != '\0') {
		/* A translation may drop the final newline; the prompt must
		 * still start on a line of its own. */
		text = _(e->help);
		printf("\n%s%s", text, text[strlen(text) - 1] == '\n' ? "" :
		    "\n");
	}
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = N_("[VERB]"),
	.summary = N_("show the help of a verb"),
	.help = N_("With no VERB, lists the verbs.  With a VERB, shows what it\n"
	    "does and its options.  'onward VERB --help' does the same.\n"),
	.flags = 0,
	.exec = cmd_help_exec,
};
