/*
 * i18n-iso.c: country and language names translated by Debian's iso-codes
 * at run time, so that onward's catalogs keep only what is onward's.
 *
 * A data list of ISO codes (countries.csv, languages.csv) keeps its codes
 * and English labels; each label is tied here to the English name
 * iso-codes gives its code (the JSON list of a domain, iso_3166-1.json,
 * iso_639-3.json), and form_text translates it with that domain's catalog
 * when onward's own has no translation.  Without iso-codes the labels stay
 * English.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

/* An entry of a domain's JSON: its two-letter code and English name. */
struct iso_entry {
	char	*code;
	char	*name;
};

/* A domain: its entries, read once when a list first names it. */
struct iso_domain {
	char			*name;
	struct iso_entry	*v;
	size_t			 n;
};

/* A label of a list tied to its domain and iso-codes' English name. */
struct iso_alias {
	char		*label;
	const char	*domain;
	const char	*msgid;
};

static struct iso_domain	*domains;
static size_t			 ndomains;
static struct iso_alias		*aliases;
static size_t			 naliases;

/* Reads the four hex digits at p into *u: 0, or -1 when they are not
 * four hex digits. */
static int
hex4(const char *p, unsigned *u)
{
	int	i;

	*u = 0;
	for (i = 0; i < 4; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			*u = *u * 16 + (unsigned)(p[i] - '0');
		else if (p[i] >= 'a' && p[i] <= 'f')
			*u = *u * 16 + (unsigned)(p[i] - 'a' + 10);
		else if (p[i] >= 'A' && p[i] <= 'F')
			*u = *u * 16 + (unsigned)(p[i] - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Reads the JSON string at *pp (just past its opening quote) into a new
 * string (caller frees), leaving *pp past its closing quote; \uXXXX
 * outside ASCII becomes UTF-8 (iso-codes writes names as UTF-8 anyway).
 * NULL when the string is not closed. */
static char *
json_string(const char **pp)
{
	const char	*p = *pp, *e;
	char		*s;
	size_t		 n = 0;
	unsigned	 u;

	/* Its length first: no escape makes the text longer. */
	for (e = p; *e != '"' && *e != '\0'; e++)
		if (*e == '\\' && e[1] != '\0')
			e++;
	s = xmalloc((size_t)(e - p) + 1);
	for (; *p != '"'; p++) {
		if (*p == '\0') {
			free(s);
			return NULL;
		}
		if (*p != '\\') {
			s[n++] = *p;
			continue;
		}
		switch (*++p) {
		case 'u':
			if (hex4(p + 1, &u) == -1) {
				free(s);
				return NULL;
			}
			p += 4;
			if (u < 0x80)
				s[n++] = (char)u;
			else if (u < 0x800) {
				s[n++] = (char)(0xc0 | u >> 6);
				s[n++] = (char)(0x80 | (u & 0x3f));
			} else {
				s[n++] = (char)(0xe0 | u >> 12);
				s[n++] = (char)(0x80 | (u >> 6 & 0x3f));
				s[n++] = (char)(0x80 | (u & 0x3f));
			}
			break;
		case 'n':
			s[n++] = '\n';
			break;
		case 't':
			s[n++] = '\t';
			break;
		case '\0':
			free(s);
			return NULL;
		default:
			s[n++] = *p;
			break;
		}
	}
	s[n] = '\0';
	*pp = p + 1;
	return s;
}

/* Keeps the object just read when it has a two-letter code: its common
 * name if it has one, else its name.  Frees what it does not keep. */
static void
domain_keep(struct iso_domain *dm, char *code, char *name, char *common)
{
	char	*c;

	if (code != NULL && (name != NULL || common != NULL)) {
		for (c = code; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		dm->v = xreallocarray(dm->v, dm->n + 1, sizeof *dm->v);
		dm->v[dm->n].code = code;
		dm->v[dm->n].name = common != NULL ? common : name;
		dm->n++;
		free(common != NULL ? name : common);
		return;
	}
	free(code);
	free(name);
	free(common);
}

/* Reads the entries of a domain's JSON text: every object's "alpha_2",
 * "name" and "common_name" (the file is an object holding one array of
 * flat objects of strings). */
static void
domain_parse(struct iso_domain *dm, const char *p)
{
	char	*key = NULL, *s, *code = NULL, *name = NULL, *common = NULL;

	for (; *p != '\0'; p++) {
		if (*p == '}') {
			domain_keep(dm, code, name, common);
			code = name = common = NULL;
			continue;
		}
		if (*p != '"')
			continue;
		p++;
		if ((s = json_string(&p)) == NULL)
			break;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == ':') {
			free(key);
			key = s;
		} else if (key != NULL) {
			if (strcmp(key, "alpha_2") == 0 && code == NULL)
				code = s;
			else if (strcmp(key, "name") == 0 && name == NULL)
				name = s;
			else if (strcmp(key, "common_name") == 0 &&
			    common == NULL)
				common = s;
			else
				free(s);
		} else
			free(s);
		p--;
	}
	free(key);
	free(code);
	free(name);
	free(common);
}

/* The domain called name, read from its JSON the first time; a domain
 * whose file cannot be read has no entries. */
static struct iso_domain *
domain_get(const char *name)
{
	struct iso_domain	*dm;
	const char		*prefix;
	char			*file, *text;
	FILE			*f;
	long			 len;
	size_t			 i;

	for (i = 0; i < ndomains; i++)
		if (strcmp(domains[i].name, name) == 0)
			return &domains[i];
	domains = xreallocarray(domains, ndomains + 1, sizeof *domains);
	dm = &domains[ndomains++];
	memset(dm, 0, sizeof *dm);
	dm->name = xstrdup(name);
	/* ONWARD_ISO_CODES: where iso-codes is installed instead of the
	 * configured prefix, for tests (an empty folder stands for a machine
	 * without it). */
	if ((prefix = getenv("ONWARD_ISO_CODES")) == NULL || *prefix == '\0')
		prefix = ISO_CODES_PREFIX;
#ifdef ENABLE_NLS
	file = xasprintf("%s/share/locale", prefix);
	bindtextdomain(dm->name, file);
	bind_textdomain_codeset(dm->name, "UTF-8");
	free(file);
#endif
	file = xasprintf("%s/share/iso-codes/json/%s.json", prefix, name);
	f = fopen(file, "rb");
	free(file);
	if (f == NULL)
		return dm;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 &&
	    len < 64L * 1024 * 1024 && fseek(f, 0, SEEK_SET) == 0) {
		text = xmalloc((size_t)len + 1);
		if (fread(text, 1, (size_t)len, f) == (size_t)len) {
			text[len] = '\0';
			domain_parse(dm, text);
		}
		free(text);
	}
	fclose(f);
	return dm;
}

/* Where label is in the sorted aliases, or where it would go (*found
 * says which). */
static size_t
alias_find(const char *label, int *found)
{
	size_t	lo = 0, hi = naliases, mid;
	int	c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(label, aliases[mid].label)) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void
i18n_iso_add(const char *domain, const char *code, const char *label)
{
	struct iso_domain	*dm;
	const char		*msgid = NULL;
	size_t			 i;
	int			 found;

	dm = domain_get(domain);
	for (i = 0; i < dm->n && msgid == NULL; i++)
		if (strcmp(dm->v[i].code, code) == 0)
			msgid = dm->v[i].name;
	i = alias_find(label, &found);
	if (!found) {
		aliases = xreallocarray(aliases, naliases + 1,
		    sizeof *aliases);
		memmove(&aliases[i + 1], &aliases[i],
		    (naliases - i) * sizeof *aliases);
		aliases[i].label = xstrdup(label);
		naliases++;
	}
	aliases[i].domain = dm->name;
	aliases[i].msgid = msgid;
}

const char *
i18n_iso_text(const char *s)
{
#ifdef ENABLE_NLS
	const char	*msgid, *t;
	size_t		 i;
	int		 found;

	i = alias_find(s, &found);
	if (!found)
		return NULL;
	/* The label itself first: it is iso-codes' common name where ours
	 * is shorter than its name.  A catalog may hold a name untranslated
	 * (the same text): then ours, in English, reads better. */
	t = dgettext(aliases[i].domain, s);
	if (t != s && strcmp(t, s) != 0)
		return t;
	msgid = aliases[i].msgid;
	if (msgid != NULL && (t = dgettext(aliases[i].domain, msgid)) !=
	    msgid && strcmp(t, msgid) != 0)
		return t;
#else
	(void)s;
#endif
	return NULL;
}
