/*
 * util: memory, strings, UTF-8 and error reporting shared by every module.
 *
 * Owns: checked allocators (x*), the growable string buffer (struct buf)
 * and string vector (struct strvec), the diagnostics list (struct diags)
 * that checkers fill with "file:line:column: message" lines, fatal(), the
 * one escaping function (str_escape) and the one folding of accents
 * (str_fold).  UTF-8 is utf8.h's, included here for every module.
 * Never: draws, speaks SQL or knows about forms.
 */
#ifndef ONWARD_UTIL_H
#define ONWARD_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "utf8.h"

#if defined(__GNUC__)
#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTFLIKE(a, b)
#define NORETURN
#endif

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocators that never return NULL: on exhaustion or overflow they call
 * fatal().  Memory is freed with free(). */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) PRINTFLIKE(1, 2);
char *xvasprintf(const char *, va_list);

/* Hooks run by fatal() before it exits, newest first: the UI registers one
 * that restores the terminal and saves the draft being typed. */
typedef void (*fatal_hook)(void);
void fatal_add_hook(fatal_hook);
/* Reports a broken invariant on stderr, runs the hooks and exits 1. */
void fatal(const char *, ...) PRINTFLIKE(1, 2) NORETURN;

/* A growable NUL-terminated string.  Zero-initialise or buf_init(); the
 * owner calls buf_free() or takes the text with buf_detach(). */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
/* Returns the text (never NULL) and leaves the buffer empty. */
char	*buf_detach(struct buf *);

/* A growable list of strings it owns.  Zero-initialise; the owner calls
 * strvec_free, which frees the strings too. */
struct strvec {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
/* Appends a copy of s; strvec_addn a copy of s[0..len). */
void	 strvec_add(struct strvec *, const char *s);
void	 strvec_addn(struct strvec *, const char *s, size_t len);
/* Appends s itself, which the vector then owns. */
void	 strvec_take(struct strvec *, char *s);
void	 strvec_free(struct strvec *);

/* A list of diagnostics, each "file:line:column: message" (or "file: message"
 * when line is 0).  diags_add copies its strings. */
struct diags {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
void	 diags_add(struct diags *, const char *file, int line, int col,
	     const char *fmt, ...) PRINTFLIKE(5, 6);
/* Prints every diagnostic on its own line to stderr. */
void	 diags_print(const struct diags *);
void	 diags_free(struct diags *);

/*
 * Escaping: one function, with what differs between formats kept in a
 * table (util.c), one row per kind.
 */
enum str_escape_kind {
	ESCAPE_LINE,	/* backslash, newline, tab, CR as \\ \n \t \r: dumps,
			   bundles */
	ESCAPE_PO,	/* \" \\ \n \t: a PO file's msgid */
	ESCAPE_HTML,	/* & < > " as entities */
	ESCAPE_QUOTES,	/* " doubled: a CSV field, an FTS5 phrase */
	ESCAPE_SHOW	/* ESCAPE_LINE, and every other control character
			   (C0, DEL, C1: escape sequences) as \xNN or
			   \u00NN: stored text shown on a terminal */
};
/* Appends s[0..len) to b with the kind's characters replaced. */
void	 str_escape(struct buf *, const char *s, size_t len,
	     enum str_escape_kind);
/* Writes s[0..len) to f, escaped as str_escape does. */
void	 str_escape_write(FILE *, const char *s, size_t len,
	     enum str_escape_kind);

/* Small string helpers. */
bool	 str_startswith(const char *, const char *);
/* s with accents and case folded for matching, as people mean "ignoring
 * accents" (the choice filter, the case search): Latin letters lose their
 * marks and strokes ("Åsa Łódź Ørsted" becomes "asa lodz orsted"),
 * combining accents (U+0300-U+036F) go, the rest is lower-cased.  Invalid
 * bytes become U+FFFD.  Caller frees. */
char	*str_fold(const char *s);
/* Levenshtein distance, capped at 'cap' (returns cap when larger). */
size_t	 str_distance(const char *, const char *, size_t cap);

/*
 * Creates a new file beside path, named ".BASE.XXXXXX" (mkstemp: mode
 * 0600, O_EXCL, so never through a planted symlink), for writing and
 * renaming over path once complete.  Returns it open with *tmp its name
 * (caller frees), or NULL with *cause.
 */
FILE	*file_create_temp(const char *path, char **tmp, char **cause);

/* Test-only seam: reads a whole file, up to 'max' bytes (the tests,
 * fuzzers and benchmarks read their inputs with it).  Returns the text
 * (NUL-terminated; *lenp set) or NULL with *cause set (caller frees). */
char	*file_read(const char *path, size_t max, size_t *lenp, char **cause);

#endif
