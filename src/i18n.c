/*
 * i18n.c: locale and gettext set-up, and switching language at run time.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static char	language[32];
static int	utf8;

void
i18n_init(void)
{
	const char	*dir, *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
#ifdef ENABLE_NLS
	dir = getenv("ONWARD_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

int
i18n_set_language(const char *lang)
{
	size_t	i;

	if (strlen(lang) >= sizeof language)
		return -1;
	for (i = 0; lang[i] != '\0'; i++) {
		if (!((lang[i] >= 'a' && lang[i] <= 'z') ||
		    (lang[i] >= 'A' && lang[i] <= 'Z') || lang[i] == '_' ||
		    lang[i] == '@' || lang[i] == '.' || lang[i] == '-' ||
		    (lang[i] >= '0' && lang[i] <= '9')))
			return -1;
	}
	strcpy(language, lang);
	if (*lang == '\0')
		unsetenv("LANGUAGE");
	else
		setenv("LANGUAGE", lang, 1);
#ifdef ENABLE_NLS
	{
		/* The gettext manual's way to drop cached translations. */
		extern int _nl_msg_cat_cntr;
		++_nl_msg_cat_cntr;
	}
	/* LANGUAGE is ignored in the "C" locale; make sure messages have a
	 * real one when a language is asked for. */
	if (*lang != '\0' && strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
#endif
	return 0;
}

const char *
i18n_language(void)
{
	const char	*l;

	if (*language != '\0')
		return language;
	l = getenv("LANGUAGE");
	return l != NULL ? l : "";
}

const char *
form_text(const char *s)
{
	if (s == NULL || *s == '\0')
		return s;
	return _(s);
}

int
i18n_utf8(void)
{
	return utf8;
}
