/*
 * tap.h: a small TAP producer for the C unit tests.
 *
 *	plan_lazy();		// or plan(n)
 *	ok(expr, "what it checks");
 *	is_str(got, want, "name");  is_int(got, want, "name");
 *	return done_testing();
 */
#ifndef ONWARD_TAP_H
#define ONWARD_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed, tap_planned;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
}

static inline void
plan_lazy(void)
{
	tap_planned = -1;
}

static inline void
skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(77);
}

static inline int
ok_at(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}
#define ok(cond, ...)	ok_at(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_str(got, want, ...) do {					\
	const char *tap_g = (got), *tap_w = (want);			\
	if (!ok_at(tap_g != NULL && tap_w != NULL ? strcmp(tap_g, tap_w) == 0 \
	    : tap_g == tap_w, __FILE__, __LINE__, __VA_ARGS__))		\
		printf("#   got:  '%s'\n#   want: '%s'\n",			\
		    tap_g ? tap_g : "(null)", tap_w ? tap_w : "(null)");	\
} while (0)

#define is_int(got, want, ...) do {					\
	long long tap_g = (got), tap_w = (want);			\
	if (!ok_at(tap_g == tap_w, __FILE__, __LINE__, __VA_ARGS__))	\
		printf("#   got:  %lld\n#   want: %lld\n", tap_g, tap_w);	\
} while (0)

static inline void
diag(const char *fmt, ...)
{
	va_list	ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static inline int
done_testing(void)
{
	if (tap_planned <= 0)
		printf("1..%d\n", tap_n);
	return tap_failed == 0 && (tap_planned <= 0 || tap_planned == tap_n) ?
	    0 : 1;
}

#endif
