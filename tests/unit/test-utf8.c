/*
 * test-utf8.c: the UTF-8 module (decoding, encoding, checking, counting,
 * columns, folding), the escaping table, the string map and the string
 * vector.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

/* Decodes s whole (its strlen) and checks the length and code point. */
static void
is_next(const char *s, size_t want_len, long want_cp, const char *name)
{
	wchar_t	wc = 0;
	size_t	k;

	k = utf8_next(s, strlen(s), &wc);
	ok(k == want_len && (long)wc == want_cp, "%s (got %zu bytes, U+%04lX)",
	    name, k, (unsigned long)wc);
}

static void
test_next(void)
{
	wchar_t	wc = 1;

	ok(utf8_next("", 0, &wc) == 0 && wc == 0, "nothing decodes to nothing");
	is_next("a", 1, 'a', "ASCII is one byte");
	is_next("é", 2, 0xe9, "two bytes");
	is_next("王", 3, 0x738b, "three bytes");
	is_next("😀", 4, 0x1f600, "four bytes");
	is_next("\xef\xbf\xbd", 3, 0xfffd, "a real U+FFFD is three bytes");
	is_next("\x80", 1, 0xfffd, "a stray continuation byte is U+FFFD");
	is_next("\xff", 1, 0xfffd, "0xff is U+FFFD");
	is_next("\xc0\xaf", 1, 0xfffd, "an overlong '/' (2 bytes) is U+FFFD");
	is_next("\xe0\x80\xaf", 1, 0xfffd, "an overlong '/' (3 bytes) is U+FFFD");
	is_next("\xf0\x80\x80\xaf", 1, 0xfffd,
	    "an overlong '/' (4 bytes) is U+FFFD");
	is_next("\xed\xa0\x80", 1, 0xfffd, "a high surrogate is U+FFFD");
	is_next("\xed\xbf\xbf", 1, 0xfffd, "a low surrogate is U+FFFD");
	is_next("\xf4\x90\x80\x80", 1, 0xfffd, "U+110000 is U+FFFD");
	is_next("\xf4\x8f\xbf\xbf", 4, 0x10ffff, "U+10FFFF is the last one");
	is_next("\xe2\x82", 1, 0xfffd, "a truncated sequence is U+FFFD");
	is_next("\xe2(\xac", 1, 0xfffd, "a broken sequence is U+FFFD");
	ok(utf8_next("é", 1, &wc) == 1 && wc == 0xfffd,
	    "a sequence cut by n is U+FFFD");
}

static void
test_encode(void)
{
	char	mb[UTF8_MAX];
	size_t	n;

	n = utf8_encode('a', mb);
	ok(n == 1 && mb[0] == 'a', "ASCII encodes as itself");
	n = utf8_encode(0xe9, mb);
	ok(n == 2 && memcmp(mb, "é", 2) == 0, "U+00E9 is two bytes");
	n = utf8_encode(0x738b, mb);
	ok(n == 3 && memcmp(mb, "王", 3) == 0, "U+738B is three bytes");
	n = utf8_encode(0x1f600, mb);
	ok(n == 4 && memcmp(mb, "😀", 4) == 0, "U+1F600 is four bytes");
	n = utf8_encode(0xd800, mb);
	ok(n == 3 && memcmp(mb, "\xef\xbf\xbd", 3) == 0,
	    "a surrogate encodes as U+FFFD");
	n = utf8_encode(0x110000, mb);
	ok(n == 3 && memcmp(mb, "\xef\xbf\xbd", 3) == 0,
	    "beyond U+10FFFF encodes as U+FFFD");
}

static void
test_valid(void)
{
	const char	*all = "Zoë 李 محمد 😀";

	ok(utf8_valid(all, strlen(all)), "accents, Chinese, Arabic, emoji");
	ok(utf8_valid("", 0), "nothing is valid");
	ok(!utf8_valid("\xc0\xaf", 2), "an overlong encoding is invalid");
	ok(!utf8_valid("\xed\xa0\x80", 3), "a surrogate is invalid");
	ok(!utf8_valid("ab\xe2\x82", 4), "a truncated end is invalid");
	ok(!utf8_valid("\xf4\x90\x80\x80", 4), "beyond U+10FFFF is invalid");
	ok(!utf8_valid("\xf8\x88\x80\x80\x80", 5), "five bytes are invalid");
	ok(utf8_valid("\xef\xbf\xbd", 3), "U+FFFD itself is valid");
	is_int(utf8_first_bad("abc", 3), 3, "no bad byte: the length");
	is_int(utf8_first_bad("aé\xff" "b", 5), 3, "the first bad byte");
	is_int(utf8_first_bad("\xe2\x82", 2), 0, "a truncated start");
}

static void
test_count(void)
{
	const char	*s = "aé王😀";

	is_int(utf8_chars(s, strlen(s)), 4, "four characters");
	is_int(utf8_chars("a\xff" "b", 3), 3, "an invalid byte is one");
	ok(utf8_is_ascii("plain text", 10), "plain text is ASCII");
	ok(!utf8_is_ascii("Åsa", strlen("Åsa")), "Åsa is not");
	ok(utf8_is_ascii(&"Åsa"[2], 2), "only the bytes given are looked at");
	is_int(utf8_offset(s, strlen(s), 0), 0, "character 0 is at 0");
	is_int(utf8_offset(s, strlen(s), 2), 3, "character 2 is at byte 3");
	is_int(utf8_offset(s, strlen(s), 4), strlen(s), "the end");
	is_int(utf8_offset(s, strlen(s), 9), strlen(s), "past the end: n");
}

static void
test_width(void)
{
	const char	*s;

	is_int(utf8_cwidth('a'), 1, "a letter is one column");
	is_int(utf8_cwidth(0x738b), 2, "a Chinese character is two");
	is_int(utf8_cwidth(0x308), 0, "a combining diaeresis is none");
	is_int(utf8_cwidth(0x07), 1, "a control character is one (U+FFFD)");
	is_int(utf8_width("Zoë", strlen("Zoë")), 3, "precomposed: 3 columns");
	is_int(utf8_width("Zoe\xcc\x88", 5), 3, "combining: 3 columns");
	is_int(utf8_width("王小明", strlen("王小明")), 6, "wide: 6 columns");
	is_int(utf8_width("a\xff" "b", 3), 3, "an invalid byte is one column");

	s = "王小明";
	is_int(utf8_skip(s, strlen(s), 0), 0, "skipping 0 columns");
	is_int(utf8_skip(s, strlen(s), 2), 3, "2 columns are one wide char");
	is_int(utf8_skip(s, strlen(s), 3), 3,
	    "a wide character cut by the column is kept");
	is_int(utf8_skip(s, strlen(s), 99), strlen(s), "past the end");
	s = "Zoe\xcc\x88x";
	is_int(utf8_skip(s, strlen(s), 3), 5,
	    "a combining mark goes with its letter");
}

static void
test_fold(void)
{
	char	*s;

	s = str_fold("Åsa Lindström");
	is_str(s, "asa lindstrom", "Åsa Lindström folds");
	free(s);
	s = str_fold("Łódź Ørsted Đurić Straße");
	is_str(s, "lodz orsted duric strase", "strokes and ß fold too");
	free(s);
	s = str_fold("Zoe\xcc\x88 王");
	is_str(s, "zoe 王", "combining marks go, CJK stays");
	free(s);
	s = str_fold("a\xff");
	is_str(s, "a\xef\xbf\xbd", "an invalid byte folds to U+FFFD");
	free(s);
	s = str_fold("");
	is_str(s, "", "nothing folds to nothing");
	free(s);
}

/* s escaped as kind, both ways (buffer and file). */
static void
is_escaped(const char *s, enum str_escape_kind kind, const char *want,
    const char *name)
{
	struct buf	 b = { 0 };
	FILE		*f;
	char		*got = NULL;
	size_t		 len = 0;

	str_escape(&b, s, strlen(s), kind);
	is_str(b.s != NULL ? b.s : "", want, "%s (buffer)", name);
	buf_free(&b);
	if ((f = open_memstream(&got, &len)) == NULL) {
		ok(0, "%s (file): open_memstream", name);
		return;
	}
	str_escape_write(f, s, strlen(s), kind);
	fclose(f);
	is_str(got, want, "%s (file)", name);
	free(got);
}

static void
test_escape(void)
{
	const char	*s = "a\\b\n\"c\"\t<&>\r";

	is_escaped(s, ESCAPE_LINE, "a\\\\b\\n\"c\"\\t<&>\\r",
	    "a dump line escapes \\ newline tab CR");
	is_escaped(s, ESCAPE_PO, "a\\\\b\\n\\\"c\\\"\\t<&>\r",
	    "a PO msgid escapes \\ newline quote tab");
	is_escaped(s, ESCAPE_HTML, "a\\b\n&quot;c&quot;\t&lt;&amp;&gt;\r",
	    "HTML escapes & < > \"");
	is_escaped(s, ESCAPE_QUOTES, "a\\b\n\"\"c\"\"\t<&>\r",
	    "CSV and FTS5 double the quotes");
	is_escaped("Zoë 王", ESCAPE_HTML, "Zoë 王", "UTF-8 passes untouched");
	is_escaped("", ESCAPE_LINE, "", "nothing escapes to nothing");
}

static void
count_val(void *p)
{
	(*(int *)p)++;
}

/* True when keys k0..k(n-1) are all in m (with NULL values). */
static bool
strmap_has_all(const struct strmap *m, int n)
{
	const struct strmap_slot	*slot;
	char				 key[16];
	size_t				 k;
	int				 i, found = 0;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "k%d", i);
		for (k = 0; (slot = strmap_next(m, &k)) != NULL;) {
			if (strcmp(slot->key, key) == 0) {
				found++;
				break;
			}
		}
	}
	return found == n;
}

static void
test_strmap(void)
{
	struct strmap			 m = { 0 };
	const struct strmap_slot	*slot;
	char				 key[16];
	int				 a = 1, b = 2, freed = 0, seen = 0, i;
	int				 added = 0;
	size_t				 k;

	ok(strmap_get(&m, "x") == NULL, "an empty map has nothing");
	strmap_put(&m, "a", &a);
	strmap_put(&m, "b", &b);
	ok(strmap_get(&m, "a") == &a && strmap_get(&m, "b") == &b,
	    "put then get");
	strmap_put(&m, "a", &b);
	ok(strmap_get(&m, "a") == &b && m.n == 2, "put again replaces");
	for (k = 0; (slot = strmap_next(&m, &k)) != NULL;)
		seen++;
	is_int(seen, 2, "strmap_next visits every key once");
	strmap_free(&m, NULL);
	ok(m.v == NULL && m.n == 0, "strmap_free zeroes the map");

	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		if (strmap_add(&m, key))
			added++;
	}
	is_int(added, 1000, "a set adds 1000 new keys, growing");
	is_int(m.n, 1000, "and counts them");
	ok(strmap_has_all(&m, 1000), "every key is found again");
	ok(!strmap_add(&m, "k7"), "adding a key twice says so");
	is_int(m.n, 1000, "and keeps one");
	strmap_free(&m, NULL);

	strmap_put(&m, "x", &freed);
	strmap_put(&m, "y", &freed);
	strmap_free(&m, count_val);
	is_int(freed, 2, "strmap_free hands each value to fr");
}

static void
test_strvec(void)
{
	struct strvec	sv = { 0 };
	int		i;

	strvec_add(&sv, "one");
	strvec_addn(&sv, "twofold", 3);
	strvec_take(&sv, xstrdup("three"));
	is_int(sv.n, 3, "three strings");
	ok(sv.n == 3 && strcmp(sv.v[0], "one") == 0 &&
	    strcmp(sv.v[1], "two") == 0 && strcmp(sv.v[2], "three") == 0,
	    "add copies, addn copies a prefix, take keeps");
	for (i = 0; i < 100; i++)
		strvec_add(&sv, "x");
	is_int(sv.n, 103, "it grows");
	strvec_free(&sv);
	ok(sv.v == NULL && sv.n == 0 && sv.cap == 0, "strvec_free zeroes it");
}

int
main(void)
{
	plan_lazy();
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip_all("no C.UTF-8 locale");
	test_next();
	test_encode();
	test_valid();
	test_count();
	test_width();
	test_fold();
	test_escape();
	test_strmap();
	test_strvec();
	return done_testing();
}
