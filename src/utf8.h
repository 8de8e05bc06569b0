/*
 * utf8: the one UTF-8 decoder of the program, and what is measured with it.
 *
 * Owns: decoding one character (invalid bytes read as U+FFFD, one byte at a
 * time, so text never shifts), encoding, checking, counting characters and
 * terminal columns (wcwidth).  The folding of accents built on it is
 * util's str_fold.
 * Never: allocates, draws, or depends on the locale's charset (only
 * wcwidth reads the locale).
 */
#ifndef ONWARD_UTF8_H
#define ONWARD_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define UTF8_REPLACEMENT	((wchar_t)0xfffd)
#define UTF8_MAX		4	/* bytes of one encoded character */

/* Decodes the character at s (n bytes available) into *wc and returns its
 * length in bytes: 0 only when n is 0; 1 with U+FFFD for a byte that does
 * not start a well-formed character (overlong, surrogate, truncated, above
 * U+10FFFF, a stray continuation byte). */
size_t	 utf8_next(const char *s, size_t n, wchar_t *wc);
/* Encodes wc into mb (UTF8_MAX bytes, not NUL-terminated) and returns the
 * length; a surrogate or a value above U+10FFFF is encoded as U+FFFD. */
size_t	 utf8_encode(wchar_t wc, char *mb);
/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF, nothing cut short). */
bool	 utf8_valid(const char *s, size_t len);
/* True when s[0..len) is all ASCII (no byte from 0x80 up). */
bool	 utf8_is_ascii(const char *s, size_t len);
/* The offset of the first byte of s[0..len) that is not well-formed UTF-8,
 * or len when all of it is. */
size_t	 utf8_first_bad(const char *s, size_t len);
/* The number of characters in s[0..n) (an invalid byte counts one). */
size_t	 utf8_chars(const char *s, size_t n);
/* The byte offset of character k of s[0..n) (n when there are fewer). */
size_t	 utf8_offset(const char *s, size_t n, size_t k);
/* The columns a terminal gives wc: 0 for a combining mark, 2 for a wide
 * character, and 1 for what is shown as U+FFFD (control characters and
 * whatever wcwidth does not know). */
int	 utf8_cwidth(wchar_t wc);
/* The columns of s[0..n), by utf8_cwidth. */
size_t	 utf8_width(const char *s, size_t n);
/* The byte offset after the first cols columns of s[0..n): the first
 * character that does not fit whole in them, with the zero-width marks of
 * the last character that fits kept before it. */
size_t	 utf8_skip(const char *s, size_t n, size_t cols);
#endif
