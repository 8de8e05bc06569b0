/*
 * i18n.c: locale and gettext set-up, and switching language at run time.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

static char	language[32];
static int	utf8;
static int	env_names_language;
static char	catalogs_dir[4096];

/* True when the character set of LC_CTYPE is UTF-8. */
static int
codeset_utf8(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

/* True when a locale name names no language ("C", "POSIX", "C.UTF-8"). */
static int
locale_is_c(const char *l)
{
	return strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0 ||
	    strncmp(l, "C.", 2) == 0;
}

/* Whether the environment chooses the language of messages: LANGUAGE, or
 * LC_ALL or LC_MESSAGES naming a language's locale that this system has
 * (setlocale took it).  LANG is the system's default, below the store's
 * setting.  Call after setlocale(LC_ALL, ""). */
static int
environment_names_language(void)
{
	const char	*v, *cur;

	if ((v = getenv("LANGUAGE")) != NULL && *v != '\0')
		return 1;
	if ((v = getenv("LC_ALL")) == NULL || *v == '\0')
		v = getenv("LC_MESSAGES");
	if (v == NULL || *v == '\0' || locale_is_c(v))
		return 0;
	cur = setlocale(LC_MESSAGES, NULL);
	return cur != NULL && !locale_is_c(cur);
}

/*
 * Text must be UTF-8 for names in every script to show.  A locale that
 * names no character set (C, POSIX) is moved to C.UTF-8 for the
 * characters, keeping its messages; a locale with another character set
 * (ISO-8859-1, say) is the terminal's own, and is kept: i18n_utf8() then
 * says so, and the UI tells the worker.
 */
static void
want_utf8(void)
{
	const char	*cs, *try;

	if ((utf8 = codeset_utf8()))
		return;
	cs = nl_langinfo(CODESET);
	if (cs != NULL && strcmp(cs, "ANSI_X3.4-1968") != 0 &&
	    strcmp(cs, "ASCII") != 0)
		return;
	/* Test-only seam: ONWARD_UTF8_LOCALE names the locale tried, so a
	 * test can stand for a machine that has no UTF-8 locale. */
	try = getenv("ONWARD_UTF8_LOCALE");
	if (try == NULL || *try == '\0')
		try = "C.UTF-8";
	if (setlocale(LC_CTYPE, try) != NULL && codeset_utf8())
		utf8 = 1;
	else
		setlocale(LC_CTYPE, "");
}

void
i18n_init(void)
{
	const char	*dir;

	setlocale(LC_ALL, "");
	want_utf8();
	env_names_language = environment_names_language();
#ifdef ENABLE_NLS
	dir = getenv("ONWARD_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = LOCALEDIR;
	snprintf(catalogs_dir, sizeof catalogs_dir, "%s", dir);
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

void
i18n_use_setting(const char *lang)
{
	if (!env_names_language)
		(void)i18n_set_language(lang);
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
	const char	*t, *iso;

	if (s == NULL || *s == '\0')
		return s;
	if ((t = _(s)) == s && (iso = i18n_iso_text(s)) != NULL)
		return iso;
	return t;
}

int
i18n_utf8(void)
{
	return utf8;
}

/* Sorts language codes. */
static int
code_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
i18n_catalogs(size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	char		**v = NULL, *mo;

	*n = 0;
	if (*catalogs_dir == '\0' || (dp = opendir(catalogs_dir)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		mo = xasprintf("%s/%s/LC_MESSAGES/%s.mo", catalogs_dir,
		    de->d_name, PACKAGE);
		if (stat(mo, &sb) == 0 && S_ISREG(sb.st_mode)) {
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = xstrdup(de->d_name);
		}
		free(mo);
	}
	closedir(dp);
	if (*n > 1)
		qsort(v, *n, sizeof *v, code_cmp);
	return v;
}
