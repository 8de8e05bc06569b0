/*
 * fuzz-expr.c: libFuzzer target for the expression engine.  Each input is
 * parsed as an expression; whatever parses is evaluated against a small
 * form (plain answers, a repeat, a value for '.') as a boolean, as text and
 * as a value, and everything is freed.  Any crash, leak, sanitizer report
 * or hang is a bug.
 *
 *	clang -fsanitize=fuzzer,address,undefined -I src -I build \
 *	    src/expr*.c src/util.c src/i18n.c tests/fuzz/fuzz-expr.c -lm
 *	./a.out -max_total_time=60 tests/fuzz/corpus-expr
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const repeat_values[] = { "3", "", "12.5", "x" };

/* Answers of the fuzzed form: a few known fields, the rest unknown. */
static const char *
lookup(void *arg, const char *name)
{
	(void)arg;
	if (strcmp(name, "age") == 0)
		return "34";
	if (strcmp(name, "name") == 0)
		return "Zo\xc3\xab";
	if (strcmp(name, "dob") == 0)
		return "1990-06-15";
	if (strcmp(name, "multi") == 0)
		return "wage self";
	if (strcmp(name, "empty") == 0 || strcmp(name, "household") == 0)
		return "";
	return NULL;
}

/* The repeat of the fuzzed form. */
static size_t
lookup_all(void *arg, const char *name, const char *const **values)
{
	(void)arg;
	if (strcmp(name, "household") == 0 || strcmp(name, "age") == 0) {
		*values = repeat_values;
		return nitems(repeat_values);
	}
	*values = NULL;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_env		 env = { NULL, lookup, lookup_all, "7", 19797 };
	struct expr_value	 v;
	struct expr		*e;
	const char *const	*names;
	char			*src, *cause, *s;
	int			 col;
	size_t			 i, n;

	src = xmalloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	e = expr_parse(src, &cause, &col);
	if (e == NULL) {
		if (cause == NULL || col < 1)
			abort();
		free(cause);
		free(src);
		return 0;
	}
	n = expr_deps(e, &names);
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || expr_dep_col(e, i) < 1)
			abort();
	}
	(void)expr_eval_bool(e, &env);
	free(expr_eval_string(e, &env));
	if (expr_eval(e, &env, &v, &cause) == 0) {
		s = expr_value_string(&v);
		(void)expr_value_number(&v);
		(void)expr_value_bool(&v);
		free(s);
		expr_value_clear(&v);
	} else
		free(cause);
	env.dot = NULL;
	env.lookup_all = NULL;
	(void)expr_eval_bool(e, &env);
	expr_free(e);
	free(src);
	return 0;
}
