/*
 * utf8.c: decoding, encoding, checking and measuring UTF-8 (utf8.h).
 *
 * Everything is built on utf8_next, so the program has one idea of what a
 * well-formed character is: the shortest encoding of a code point up to
 * U+10FFFF that is not a surrogate.  Anything else reads as U+FFFD one byte
 * at a time.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"

size_t
utf8_next(const char *s, size_t n, wchar_t *wc)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 len, i;

	if (n == 0) {
		*wc = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*wc = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2; c = u[0] & 0x1f; min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3; c = u[0] & 0x0f; min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4; c = u[0] & 0x07; min = 0x10000;
	} else {
		*wc = UTF8_REPLACEMENT;
		return 1;
	}
	if (len > n) {
		*wc = UTF8_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*wc = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*wc = UTF8_REPLACEMENT;
		return 1;
	}
	*wc = (wchar_t)c;
	return len;
}

size_t
utf8_encode(wchar_t wc, char *mb)
{
	uint32_t	c = (uint32_t)wc;

	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		c = 0xfffd;
	if (c < 0x80) {
		mb[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		mb[0] = (char)(0xc0 | (c >> 6));
		mb[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		mb[0] = (char)(0xe0 | (c >> 12));
		mb[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		mb[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	mb[0] = (char)(0xf0 | (c >> 18));
	mb[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	mb[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	mb[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

size_t
utf8_first_bad(const char *s, size_t len)
{
	size_t	i = 0, k;
	wchar_t	wc;

	while (i < len) {
		k = utf8_next(s + i, len - i, &wc);
		/* A real U+FFFD is three bytes long; one byte is a bad one. */
		if (wc == UTF8_REPLACEMENT && k == 1)
			return i;
		i += k;
	}
	return len;
}

bool
utf8_is_ascii(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return false;
	}
	return true;
}

bool
utf8_valid(const char *s, size_t len)
{
	return utf8_first_bad(s, len) == len;
}

/* The characters of s[0..n), or its columns when columns is true. */
static size_t
utf8_measure(const char *s, size_t n, bool columns)
{
	size_t	i = 0, k = 0;
	wchar_t	wc;

	while (i < n) {
		i += utf8_next(s + i, n - i, &wc);
		k += columns ? (size_t)utf8_cwidth(wc) : 1;
	}
	return k;
}

size_t
utf8_chars(const char *s, size_t n)
{
	return utf8_measure(s, n, false);
}

size_t
utf8_offset(const char *s, size_t n, size_t k)
{
	size_t	i = 0;
	wchar_t	wc;

	while (i < n && k-- > 0)
		i += utf8_next(s + i, n - i, &wc);
	return i;
}

int
utf8_cwidth(wchar_t wc)
{
	int	w;

	if (wc < 0x20 || wc == 0x7f)
		return 1;		/* shown as U+FFFD */
	w = wcwidth(wc);
	if (w < 0)
		return 1;
	return w;
}

size_t
utf8_width(const char *s, size_t n)
{
	return utf8_measure(s, n, true);
}

size_t
utf8_skip(const char *s, size_t n, size_t cols)
{
	size_t	i = 0, k, w = 0, cw;
	wchar_t	wc;

	if (cols == 0)
		return 0;
	while (i < n) {
		k = utf8_next(s + i, n - i, &wc);
		cw = (size_t)utf8_cwidth(wc);
		if (cw > 0 && w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	return i;
}
