/*
 * nls: the gettext macros, alone, so that the bottom layer (util) can mark
 * its messages without depending on the i18n module, which uses util.
 * Every string a person reads goes through _() (or N_() where it must stay
 * a constant, translated later with _()).
 */
#ifndef ONWARD_NLS_H
#define ONWARD_NLS_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#else
#define _(s)	((char *)(s))
#endif
#define N_(s)	s

#endif
