/*
 * tui-lang.c: the languages the UI offers (the settings and the first
 * run): English, then every language with an installed catalog, each
 * named in itself.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screen.h"
#include "util.h"

/* Names of languages in themselves; a catalog of a language not here is
 * offered under its code. */
static const struct tui_language known_languages[] = {
	{ "am",	"አማርኛ" },		{ "ar",	"العربية" },
	{ "bn",	"বাংলা" },		{ "ckb", "کوردی" },
	{ "de",	"Deutsch" },		{ "es",	"Español" },
	{ "fa",	"فارسی" },		{ "ff",	"Fulfulde" },
	{ "fr",	"Français" },		{ "ha",	"Hausa" },
	{ "hi",	"हिन्दी" },		{ "id",	"Bahasa Indonesia" },
	{ "ig",	"Igbo" },		{ "it",	"Italiano" },
	{ "km",	"ខ្មែរ" },		{ "ku",	"Kurdî" },
	{ "ln",	"Lingála" },		{ "mg",	"Malagasy" },
	{ "my",	"မြန်မာ" },		{ "ne",	"नेपाली" },
	{ "nl",	"Nederlands" },		{ "om",	"Afaan Oromoo" },
	{ "ps",	"پښتو" },		{ "pt",	"Português" },
	{ "ro",	"Română" },		{ "ru",	"Русский" },
	{ "rw",	"Kinyarwanda" },	{ "so",	"Soomaali" },
	{ "sq",	"Shqip" },		{ "sr",	"Српски" },
	{ "sv",	"Svenska" },		{ "sw",	"Kiswahili" },
	{ "ta",	"தமிழ்" },		{ "th",	"ไทย" },
	{ "ti",	"ትግርኛ" },		{ "tl",	"Tagalog" },
	{ "tr",	"Türkçe" },		{ "uk",	"Українська" },
	{ "ur",	"اردو" },		{ "uz",	"Oʻzbek" },
	{ "vi",	"Tiếng Việt" },		{ "wo",	"Wolof" },
	{ "yo",	"Yorùbá" },		{ "zh",	"中文" },
	{ "zh_CN", "简体中文" },	{ "zh_TW", "繁體中文" },
};

struct tui_language	*tui_languages;
size_t			 tui_nlanguages;

void
tui_languages_load(void)
{
	char	**codes;
	size_t	  n, i, k;

	tui_languages_free();
	codes = i18n_catalogs(&n);
	tui_languages = xreallocarray(NULL, n + 1, sizeof *tui_languages);
	tui_languages[0].code = xstrdup("");
	tui_languages[0].name = xstrdup("English");
	tui_nlanguages = 1;
	for (i = 0; i < n; i++) {
		for (k = 0; k < nitems(known_languages) &&
		    strcmp(known_languages[k].code, codes[i]) != 0; k++)
			;
		tui_languages[tui_nlanguages].code = codes[i];
		tui_languages[tui_nlanguages].name = xstrdup(
		    k < nitems(known_languages) ? known_languages[k].name :
		    codes[i]);
		tui_nlanguages++;
	}
	free(codes);
}

void
tui_languages_free(void)
{
	size_t	i;

	for (i = 0; i < tui_nlanguages; i++) {
		free((char *)tui_languages[i].code);
		free((char *)tui_languages[i].name);
	}
	free(tui_languages);
	tui_languages = NULL;
	tui_nlanguages = 0;
}
