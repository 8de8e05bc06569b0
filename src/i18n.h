/*
 * i18n: gettext wiring (the _() and N_() macros are in nls.h, included
 * here).
 *
 * Owns: the locale set-up, the catalog directory, and switching the
 * language while running.
 * Never: holds translated text of its own.
 */
#ifndef ONWARD_I18N_H
#define ONWARD_I18N_H

#include "nls.h"

/* Sets the locale from the environment and binds the catalog.  The catalog
 * directory is ONWARD_LOCALEDIR when set (tests, running from the build
 * tree), else the installed one.  Call first thing in main. */
void		 i18n_init(void);
/* The language chosen in the store's settings: used unless the
 * environment names one (LANGUAGE, or LC_ALL/LC_MESSAGES set to a
 * language's locale, at start); the system's (LANG) comes after it. */
void		 i18n_use_setting(const char *lang);
/* Switches the language of messages at once ("sv", "fr", "" for the
 * environment's default).  Returns 0, or -1 if the name is not sane. */
int		 i18n_set_language(const char *lang);
/* The language in use for messages, e.g. "sv", or "" for the default. */
const char	*i18n_language(void);
/* The languages with a catalog of this program installed (the folders of
 * the locale directory holding LC_MESSAGES/onward.mo), sorted; the caller
 * frees each and the array.  English, the source, is not among them. */
char		**i18n_catalogs(size_t *n);
/* Translates text that comes from a form (titles, labels, choices...),
 * through onward's catalog, else iso-codes' for a country or language a
 * list names; NULL and "" are returned unchanged. */
const char	*form_text(const char *);
/* Ties a label of a list of ISO codes to iso-codes' domain (iso_3166-1,
 * iso_639-3) and the name it gives code there (its JSON list), for
 * form_text; the strings are copied.  Without iso-codes the label stays
 * English. */
void		 i18n_iso_add(const char *domain, const char *code,
		    const char *label);
/* The iso-codes translation of a label tied by i18n_iso_add in the
 * language in use (static), or NULL. */
const char	*i18n_iso_text(const char *);
/* True when text is UTF-8: the locale's character set is, or i18n_init
 * could move a locale without one (C, POSIX) to C.UTF-8.  When false,
 * characters outside the locale's set cannot be shown. */
int		 i18n_utf8(void);

#endif
