/*
 * test-expr.c: the expression engine: parsing, evaluation, every function,
 * errors with their columns, dates, empty answers, repeats, dependencies
 * and the limits that keep hostile input harmless.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "expr.h"
#include "util.h"

struct answer {
	const char	*name;
	const char	*value;
};

static const struct answer answers[] = {
	{ "age", "34" },
	{ "name", "Zo\xc3\xab" },
	{ "empty", "" },
	{ "multi", "wage self" },
	{ "dob", "1990-06-15" },
	{ "visit", "2024-03-01" },
	{ "flag", "false" },
	{ "income", "1200.50" },
	{ "household", "" },
	{ "member_age", "" },
};

static const char *const member_ages[] = { "30", "", "12.5" };
static const char *const bad_values[] = { "1", "x" };
static const char *const instances[] = { "1", "2", "3" };

/* The test form's answers, found by name. */
static const char *
lookup(void *arg, const char *name)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < nitems(answers); i++) {
		if (strcmp(answers[i].name, name) == 0)
			return answers[i].value;
	}
	if (strcmp(name, "bad_values") == 0)
		return "";
	return NULL;
}

/* The answers of the test form's repeat. */
static size_t
lookup_all(void *arg, const char *name, const char *const **values)
{
	(void)arg;
	if (strcmp(name, "household") == 0) {
		*values = instances;
		return nitems(instances);
	}
	if (strcmp(name, "member_age") == 0) {
		*values = member_ages;
		return nitems(member_ages);
	}
	if (strcmp(name, "bad_values") == 0) {
		*values = bad_values;
		return nitems(bad_values);
	}
	*values = NULL;
	return 0;
}

static struct expr_env env = { NULL, lookup, lookup_all, NULL, 0 };

/* Parses and evaluates src; returns the value as text, or "PARSE col: msg"
 * or "ERROR: msg".  Caller frees. */
static char *
run(const char *src)
{
	struct expr		*e;
	struct expr_value	 v;
	char			*cause, *s;
	int			 col;

	if ((e = expr_parse(src, &cause, &col)) == NULL) {
		s = xasprintf("PARSE %d: %s", col, cause);
		free(cause);
		return s;
	}
	if (expr_eval(e, &env, &v, &cause) != 0) {
		s = xasprintf("ERROR: %s", cause);
		free(cause);
	} else {
		s = expr_value_string(&v);
		expr_value_clear(&v);
	}
	expr_free(e);
	return s;
}

#define T(src, want) do {						\
	char *t_got = run(src);						\
	is_str(t_got, want, "%s", src);					\
	free(t_got);							\
} while (0)

/* Evaluates src as a boolean (errors count as false). */
static bool
truth(const char *src)
{
	struct expr	*e;
	char		*cause;
	int		 col;
	bool		 b;

	if ((e = expr_parse(src, &cause, &col)) == NULL) {
		diag("parse error in %s: %s", src, cause);
		free(cause);
		return false;
	}
	b = expr_eval_bool(e, &env);
	expr_free(e);
	return b;
}

/* A string of n copies of s followed by mid and n copies of t. */
static char *
repeat(const char *s, size_t n, const char *mid, const char *t)
{
	struct buf	b = { 0 };
	size_t		i;

	for (i = 0; i < n; i++)
		buf_adds(&b, s);
	buf_adds(&b, mid);
	for (i = 0; i < n; i++)
		buf_adds(&b, t);
	return buf_detach(&b);
}

/* Arithmetic, precedence, number formatting. */
static void
test_arithmetic(void)
{
	T("1 + 2", "3");
	T("7 div 2", "3.5");
	T("7 mod 3", "1");
	T("-7 mod 3", "-1");
	T("7.5 mod 2", "1.5");
	T("2 * 3 + 4", "10");
	T("2 + 3 * 4", "14");
	T("(2 + 3) * 4", "20");
	T("10 - 4 - 3", "3");
	T("12 div 2 div 3", "2");
	T("2 - -3", "5");
	T("--3", "3");
	T("1 div 0", "");
	T("5 mod 0", "");
	T("0.1 + 0.2", "0.3");
	T("1.50", "1.5");
	T(".5", "0.5");
	T("3.", "3");
	T("1 div 3", "0.333333333333333");
	T("2 div 3", "0.666666666666667");
	T("0.0001 * 0.01", "0.000001");
	T("-0", "0");
	T("-2.5 * 2", "-5");
	T("100000000000000000000", "100000000000000000000");
	T("123456789012.25", "123456789012.25");
	T("0.12345678901234567890", "0.123456789012346");
	T("1-1", "0");
	T("${age}-1", "33");
	T("${income} * 2", "2401");
	T("${empty} + 1", "");
	T("-${empty}", "");
	T("${name} * 1", "");
}

/* Comparisons: numbers, text, booleans, and the precedence of and/or. */
static void
test_comparisons(void)
{
	T("1 = 1 and 2 = 2", "true");
	T("1 = 2 or 2 = 2 and 3 = 4", "false");
	T("1 = 1 or 1 div 0", "true");
	T("1 < 2 = true()", "true");
	T("1 + 1 = 2", "true");
	T("3 > 2 > 1", "false");
	T("'abc' = 'abc'", "true");
	T("\"it's\" = 'it''s'", "PARSE 14: unexpected ''s''");
	T("\"it's\"", "it's");
	T("'a' != 'b'", "true");
	T("'' = ''", "true");
	T("${empty} = ''", "true");
	T("${empty} != ''", "false");
	T("${empty} = 0", "false");
	T("${empty} != 0", "true");
	T("${empty} > 0", "false");
	T("${empty} < 0", "false");
	T("${empty} >= 0", "false");
	T("${age} > 18", "true");
	T("${age} >= 34", "true");
	T("${age} <= 33.9", "false");
	T("${age} = '34'", "true");
	T("${age} = 34.0", "true");
	T("${age} = '34.0'", "false");
	T("${age} > '4'", "true");
	T("'b' > 'a'", "false");
	T("true() = 'x'", "true");
	T("false() = ''", "true");
	T("false() = ${flag}", "true");
	T("true() = 1", "true");
	T("true() > false()", "true");
	T("${age} > 18 and ${name} != ''", "true");
	ok(!truth("${flag}"), "a stored \"false\" is false");
	ok(truth("${name}"), "non-empty text is true");
	ok(!truth("${empty}"), "an empty answer is false");
	ok(truth("'0'"), "the text '0' is true");
	ok(!truth("0"), "the number 0 is false");
	ok(!truth("number('')"), "NaN is false");
	ok(!truth("${nosuch} = 1"), "an evaluation error counts as false");
}

/* Dates: parsing, formatting, leap years, arithmetic and comparison. */
static void
test_dates(void)
{
	long	 d;
	char	 buf[16];
	size_t	 i;
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "1970-01-01", "0000-01-01",
		"9999-12-31", "1999-12-31", "2023-04-30"
	};
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01",
		"2024-00-10", "2024-01-00", "2024-04-31", "2024-1-01",
		"2024-01-01x", "", "24-01-01", "2024/01/01", "abcd-ef-gh",
		" 2024-01-01"
	};

	for (i = 0; i < nitems(good); i++) {
		ok(expr_parse_date(good[i], &d), "%s is a date", good[i]);
		expr_format_date(d, buf, sizeof buf);
		is_str(buf, good[i], "%s formats back", good[i]);
	}
	for (i = 0; i < nitems(bad); i++)
		ok(!expr_parse_date(bad[i], &d), "'%s' is not a date", bad[i]);
	ok(expr_parse_date("1970-01-01", &d) && d == 0, "the epoch is day 0");
	ok(expr_parse_date("2000-03-01", &d) && d == 11017,
	    "2000-03-01 is day 11017");
	ok(expr_parse_date("0000-01-01", &d) && d == -719528,
	    "0000-01-01 is day -719528");
	ok(expr_parse_date("9999-12-31", &d) && d == 2932896,
	    "9999-12-31 is day 2932896");
	expr_format_date(-1, buf, sizeof buf);
	is_str(buf, "1969-12-31", "day -1");
	expr_format_date(2932897, buf, sizeof buf);
	is_str(buf, "", "a day past 9999 formats as empty");

	T("today()", "2024-03-15");
	T("today() - date('2024-01-01')", "74");
	T("date('2024-02-29')", "2024-02-29");
	T("date('2000-02-29')", "2000-02-29");
	T("date('2023-02-29')", "PARSE 6: invalid date '2023-02-29'");
	T("date('1900-02-29')", "PARSE 6: invalid date '1900-02-29'");
	T("date(${dob})", "1990-06-15");
	T("date(${empty})", "");
	T("date(${name})", "");
	T("date(0)", "1970-01-01");
	T("date(-1)", "1969-12-31");
	T("date(19797.7)", "2024-03-15");
	T("date(1e3)", "PARSE 7: expected ')'");
	T("date(10000000)", "");
	T("date(date('2024-03-01') - 1)", "2024-02-29");
	T("date('2024-03-01') - 1", "19782");
	T("date('2024-03-01') + 0", "19783");
	T("${dob} < today()", "true");
	T("${visit} <= today()", "true");
	T("${visit} > today()", "false");
	T("today() - ${dob}", "12327");
	T("int((today() - ${dob}) div 365.25)", "33");
	T("today() + 1 > today()", "true");
	T("today() = '2024-03-15'", "true");
	T("today() = ${empty}", "false");
	T("today() != ${empty}", "true");
	T("today() > ${empty}", "false");
	T("today() < ${name}", "false");
	T("${visit} > '2024-02-01'", "true");
	T("'2024-12-31' > '2024-02-01'", "true");
	T("today() - 30 < ${visit}", "true");
	T("today() = 19797", "true");
	T("today() = '19797'", "true");
	T("string(today())", "2024-03-15");
	T("concat('on ', today())", "on 2024-03-15");
	T("today() - 365 * 18 >= ${dob}", "true");

	env.dot = "2024-03-20";
	T(". <= today()", "false");
	env.dot = "2024-03-10";
	T(". <= today()", "true");
	T(". > date('1930-01-01')", "true");
	env.dot = NULL;

	env.today = 0;
	setenv("ONWARD_TODAY", "2020-02-29", 1);
	is_int(expr_today(), 18321, "ONWARD_TODAY sets today");
	T("today()", "2020-02-29");
	setenv("ONWARD_TODAY", "2021-02-29", 1);
	ok(expr_today() != 18321 && expr_today() > 19000,
	    "an invalid ONWARD_TODAY is ignored");
	unsetenv("ONWARD_TODAY");
	ok(expr_parse_date("2024-03-15", &d), "today's date parses");
	env.today = d;
}

/* Every function, with its edge cases. */
static void
test_functions(void)
{
	T("if(${age} > 18, 'adult', 'minor')", "adult");
	T("if(${age} < 18, 'adult', 'minor')", "minor");
	T("if(true(), 1, ${nosuch})", "1");
	T("if(${empty}, 'yes', 'no')", "no");

	T("selected(${multi}, 'self')", "true");
	T("selected(${multi}, 'wage')", "true");
	T("selected(${multi}, 'sel')", "false");
	T("selected(${multi}, 'wage self')", "false");
	T("selected(${multi}, ' wage ')", "true");
	T("selected(${empty}, 'x')", "false");
	T("selected('a  b', '')", "false");
	T("selected('1 2 3', 2)", "true");
	T("count-selected(${multi})", "2");
	T("count-selected(${empty})", "0");
	T("count-selected('  a   b c ')", "3");

	T("string-length(${name})", "3");
	T("string-length('')", "0");
	T("string-length(12.5)", "4");
	T("string-length(${empty})", "0");

	T("regex('123456789', '^[0-9]{9}$')", "true");
	T("regex('12345678', '^[0-9]{9}$')", "false");
	T("regex('0701234567', '^\\d{10}$')", "true");
	T("regex('070123456a', '^\\d{10}$')", "false");
	T("regex('a b', '^a\\sb$')", "true");
	T("regex('ab_9', '^\\w+$')", "true");
	T("regex('abc', '^[[:alpha:]]+$')", "true");
	T("regex('a]', '^[]a]+$')", "true");
	T("regex('a\\b', '^a\\\\b$')", "true");
	T("regex('x', concat('^', 'x', '$'))", "true");
	T("regex(${empty}, '^$')", "true");
	T("regex('x', concat('(', ''))",
	    "ERROR: invalid regular expression: Unmatched ( or \\(");
	T("regex(., '(')",
	    "PARSE 10: invalid regular expression: Unmatched ( or \\(");
	T("regex(., '(a)\\1')",
	    "PARSE 10: back-references are not allowed in regular expressions");
	T("regex(., '((a{100}){100}){100}')",
	    "PARSE 10: regular expression too complex");
	T("regex(., 'a{100}b{100}c{100}')", "ERROR: '.' has no value here");
	T("regex(., 'a**')", "PARSE 10: '*' cannot follow a repetition in a "
	    "regular expression");
	T("regex(., 'a{2}{3}')", "PARSE 10: '{' cannot follow a repetition in "
	    "a regular expression");
	T("regex(., '(((((((((((((((((a)))))))))))))))))')",
	    "PARSE 10: regular expression too complex");
	T("regex('ab', '^(a*)*b$')", "true");
	T("regex('a{', '^a{$')",
	    "PARSE 13: invalid regular expression: Unmatched \\{");
	T("regex('a{x}', '^a\\{x}$')", "true");
	T("regex('aaa', '^a{2,}$')", "true");
	T("regex('aaaa', '^a{,3}$')", "false");

	T("int(3.9)", "3");
	T("int(-3.9)", "-3");
	T("int('')", "");
	T("int('12')", "12");

	T("number('12')", "12");
	T("number('')", "");
	T("number('abc')", "");
	T("number(' 7 ')", "7");
	T("number('-0.25')", "-0.25");
	T("number('1e3')", "");
	T("number('0x10')", "");
	T("number('2024-01-01')", "19723");
	T("number(true())", "1");
	T("number('123456789012345678901234567890')",
	    "123456789012345677877719597056");

	T("string(3.0)", "3");
	T("string(true())", "true");
	T("string(date('2024-01-02'))", "2024-01-02");
	T("concat(string(1 div 0), 'x')", "x");
	T("string(${name})", "Zo\xc3\xab");

	T("concat('a', 1, true(), ${empty}, ${name})", "a1trueZo\xc3\xab");
	T("concat('x')", "x");

	T("coalesce(${empty}, 'x')", "x");
	T("coalesce(${name}, 'x')", "Zo\xc3\xab");
	T("coalesce(${empty}, number(''), 'z')", "z");
	T("coalesce(${empty}, '')", "");
	T("coalesce(${name}, ${nosuch})", "Zo\xc3\xab");

	T("count(${household})", "3");
	T("count(${member_age})", "3");
	T("count(${age})", "0");
	T("count(${nosuch})", "0");
	T("sum(${member_age})", "42.5");
	T("sum(${bad_values})", "");
	T("sum(${age})", "0");
	T("count(${household}) > 2", "true");

	T("not(0)", "true");
	T("not(${name})", "false");
	T("not(${flag})", "true");
	T("true()", "true");
	T("false()", "false");
	T("boolean('false')", "false");
	T("boolean('0')", "true");
	T("boolean(0)", "false");
	T("boolean-from-string('1')", "true");
	T("boolean-from-string('true')", "true");
	T("boolean-from-string('yes')", "false");
	T("boolean-from-string(${empty})", "false");

	T("round(2.5)", "3");
	T("round(-2.5)", "-3");
	T("round(2.4)", "2");
	T("round(2.675, 2)", "2.68");
	T("round(1.005, 2)", "1.01");
	T("round(1234.5678, -2)", "1200");
	T("round(1234.5678, 1)", "1234.6");
	T("round('', 2)", "");
	T("round(7)", "7");
	T("round(1.5, '')", "");
	T("round(1.25, 100)", "1.25");
	T("round(1.25, -400)", "0");

	T("min(3, 1, 2)", "1");
	T("max(3, 1, 2)", "3");
	T("min(${empty}, 5)", "5");
	T("max(${age}, ${income})", "1200.5");
	T("max('x', 1)", "");
	T("min(${empty})", "");
	T("max(-1)", "-1");

	T("substr('hello', 1, 3)", "el");
	T("substr('hello', 2)", "llo");
	T("substr('Zo\xc3\xab!', 2, 3)", "\xc3\xab");
	T("substr('abc', -1, 2)", "ab");
	T("substr('abc', 5)", "");
	T("substr('abc', 2, 1)", "");
	T("substr('abc', 0, 100)", "abc");
	T("substr('abc', '')", "");

	T("contains('reintegration', 'integr')", "true");
	T("contains('abc', 'x')", "false");
	T("contains('abc', '')", "true");
	T("starts-with(${name}, 'Zo')", "true");
	T("starts-with('a', 'ab')", "false");
	T("ends-with('report.pdf', '.pdf')", "true");
	T("ends-with('a', 'ba')", "false");

	T("abs(-3.5)", "3.5");
	T("abs(${empty})", "");
	T("pow(2, 10)", "1024");
	T("pow(10, 400)", "");
	T("pow(-1, 0.5)", "");
}

/* Parse errors: the message and its 1-based column. */
static void
test_errors(void)
{
	char	*s, *want;

	T("", "PARSE 1: empty expression");
	T("   ", "PARSE 4: empty expression");
	T("1 +", "PARSE 4: unexpected end of expression");
	T("(1 + 2", "PARSE 7: expected ')'");
	T("1 + 2)", "PARSE 6: unexpected ')'");
	T("foo(1)", "PARSE 1: unknown function 'foo'");
	T("1 + foo-bar (1)", "PARSE 5: unknown function 'foo-bar'");
	T("if(1, 2)", "PARSE 1: 'if' takes 3 arguments");
	T("1 + if(1, 2, 3, 4)", "PARSE 5: 'if' takes 3 arguments");
	T("1 + 'abc", "PARSE 5: unterminated string");
	T("${x", "PARSE 4: expected '}'");
	T("${x y}", "PARSE 4: expected '}'");
	T("${1x}", "PARSE 3: expected a field name after '${'");
	T("${}", "PARSE 3: expected a field name after '${'");
	T("$x", "PARSE 1: unexpected '$'");
	T("today(1)", "PARSE 1: 'today' takes no arguments");
	T("not()", "PARSE 1: 'not' takes 1 argument");
	T("coalesce(1)", "PARSE 1: 'coalesce' takes at least 2 arguments");
	T("concat()", "PARSE 1: 'concat' takes at least 1 argument");
	T("round(1, 2, 3)", "PARSE 1: 'round' takes 1 or 2 arguments");
	T("substr('a')", "PARSE 1: 'substr' takes 2 or 3 arguments");
	T("age > 3",
	    "PARSE 1: unknown name 'age' (a field is written ${name})");
	T("today", "PARSE 1: expected '(' after 'today'");
	T("1 ! 2", "PARSE 3: unexpected '!'");
	T("'Zo\xc3\xab' = \xc3\xa9", "PARSE 9: unexpected '\xc3\xa9'");
	T("1 +\xff", "PARSE 4: unexpected byte 0xff");
	T("'\xff'", "PARSE 1: invalid UTF-8 in string");
	T("1 2", "PARSE 3: unexpected '2'");
	T("1 = = 2", "PARSE 5: unexpected '='");
	T("if(1, 2 3)", "PARSE 9: expected ')'");
	T("if(1, 2,)", "PARSE 9: unexpected ')'");
	T("..", "PARSE 2: unexpected '.'");
	T("count('x')",
	    "PARSE 7: 'count' takes a field reference such as ${name}");
	T("sum(1 + ${a})",
	    "PARSE 5: 'sum' takes a field reference such as ${name}");
	T("${a} and", "PARSE 9: unexpected end of expression");
	T("1 and or 2", "PARSE 7: unexpected 'or'");
	T("'abcdefghijklmnopqrstuvwxyz0123456789' 1",
	    "PARSE 40: unexpected '1'");

	s = repeat("9", 400, "", "");
	want = xasprintf("PARSE 1: number out of range");
	T(s, want);
	free(s);
	free(want);

	/* Evaluation errors. */
	T("${nosuch}", "ERROR: unknown field 'nosuch'");
	T("1 + ${nosuch}", "ERROR: unknown field 'nosuch'");
	T(". > 1", "ERROR: '.' has no value here");
	T("if(${nosuch}, 1, 2)", "ERROR: unknown field 'nosuch'");
}

/* Limits: nesting, the height of the tree and the length of the source. */
static void
test_limits(void)
{
	char	*s;

	s = repeat("(", 64, "1", ")");
	T(s, "1");
	free(s);
	s = repeat("(", 65, "1", ")");
	T(s, "PARSE 65: expression nested too deeply");
	free(s);
	s = repeat("(", 100000 / 2, "1", ")");
	T(s, "PARSE 1: expression too long (more than 8192 bytes)");
	free(s);
	s = repeat("(", 4000, "1", ")");
	T(s, "PARSE 65: expression nested too deeply");
	free(s);
	s = repeat("-", 64, "1", "");
	T(s, "1");
	free(s);
	s = repeat("-", 65, "1", "");
	T(s, "PARSE 65: expression nested too deeply");
	free(s);
	s = repeat("not(", 64, "1", ")");
	T(s, "true");
	free(s);
	s = repeat("not(", 65, "1", ")");
	T(s, "PARSE 257: expression nested too deeply");
	free(s);
	s = repeat("1+", 199, "1", "");
	T(s, "200");
	free(s);
	s = repeat("1+", 300, "1", "");
	T(s, "PARSE 512: expression too complex");
	free(s);
	s = repeat("1+", 4000, "1", "");
	T(s, "PARSE 512: expression too complex");
	free(s);
	s = repeat(" ", 8192 - 1, "1", "");
	T(s, "1");
	free(s);
	s = repeat(" ", 8192, "1", "");
	T(s, "PARSE 1: expression too long (more than 8192 bytes)");
	free(s);
}

/* Dependencies, '.', the source, and the public value API. */
static void
test_api(void)
{
	const char *const	*names;
	struct expr		*e;
	struct expr_value	 v;
	char			*cause, *s;
	int			 col;
	size_t			 n;

	e = expr_parse("${a} + ${b} * ${a} + count(${c})", &cause, &col);
	ok(e != NULL, "a sum of references parses");
	n = expr_deps(e, &names);
	is_int(n, 3, "each reference is listed once");
	is_str(names[0], "a", "in order of first use (1)");
	is_str(names[1], "b", "in order of first use (2)");
	is_str(names[2], "c", "references inside calls count");
	is_int(expr_dep_col(e, 0), 1, "column of ${a}");
	is_int(expr_dep_col(e, 1), 8, "column of ${b}");
	is_int(expr_dep_col(e, 2), 28, "column of ${c}");
	is_int(expr_dep_col(e, 3), 0, "column of a dependency out of range");
	ok(!expr_uses_dot(e), "no '.'");
	is_str(expr_source(e), "${a} + ${b} * ${a} + count(${c})",
	    "the source is kept");
	expr_free(e);

	e = expr_parse("'\xc3\xa9t\xc3\xa9' = ${x} and . > 1", &cause, &col);
	n = expr_deps(e, &names);
	is_int(n, 1, "one dependency");
	is_int(expr_dep_col(e, 0), 9, "columns count characters, not bytes");
	ok(expr_uses_dot(e), "uses '.'");
	expr_free(e);

	e = expr_parse("1 + 1", &cause, &col);
	ok(expr_eval(e, &env, &v, &cause) == 0, "1 + 1 evaluates");
	ok(v.type == EXPR_NUMBER && v.n == 2 && v.s == NULL,
	    "1 + 1 is the number 2");
	ok(expr_value_bool(&v), "2 is true");
	expr_value_clear(&v);
	expr_free(e);

	e = expr_parse("today()", &cause, &col);
	ok(expr_eval(e, &env, &v, &cause) == 0 && v.type == EXPR_DATE &&
	    v.n == 19797, "today() is a date");
	ok(expr_value_number(&v) == 19797, "a date as a number is its days");
	s = expr_value_string(&v);
	is_str(s, "2024-03-15", "a date as text");
	free(s);
	s = expr_eval_string(e, &env);
	is_str(s, "2024-03-15", "expr_eval_string of a date");
	free(s);
	expr_value_clear(&v);
	expr_free(e);

	e = expr_parse("${name}", &cause, &col);
	ok(expr_eval(e, &env, &v, &cause) == 0 && v.type == EXPR_STRING &&
	    strcmp(v.s, "Zo\xc3\xab") == 0, "a reference is text");
	ok(isnan(expr_value_number(&v)), "a name as a number is NaN");
	expr_value_clear(&v);
	ok(v.s == NULL, "expr_value_clear frees the text");
	expr_free(e);

	e = expr_parse("${income} = 1200.5", &cause, &col);
	ok(expr_eval(e, &env, &v, &cause) == 0 && v.type == EXPR_BOOL &&
	    v.b, "a comparison is a boolean");
	s = expr_value_string(&v);
	is_str(s, "true", "a boolean as text");
	free(s);
	expr_value_clear(&v);
	expr_free(e);

	e = expr_parse("${nosuch}", &cause, &col);
	ok(expr_eval(e, &env, &v, &cause) == -1 && cause != NULL,
	    "expr_eval reports an unknown field");
	free(cause);
	s = expr_eval_string(e, &env);
	is_str(s, "", "expr_eval_string of an error is empty");
	free(s);
	expr_free(e);

	e = expr_parse("${income} div 3", &cause, &col);
	s = expr_eval_string(e, &env);
	is_str(s, "400.166666666667", "expr_eval_string of a fraction");
	free(s);
	expr_free(e);

	v.type = EXPR_NUMBER;
	v.n = NAN;
	v.s = NULL;
	s = expr_value_string(&v);
	is_str(s, "", "NaN as text is empty");
	free(s);
	ok(!expr_value_bool(&v), "NaN is false");

	/* Without lookup_all, count and sum see the single answer. */
	env.lookup_all = NULL;
	T("count(${age})", "1");
	T("sum(${age})", "34");
	T("sum(${empty})", "0");
	T("count(${nosuch})", "ERROR: unknown field 'nosuch'");
	env.lookup_all = lookup_all;
}

/* Numbers are read and written the same in a locale with a decimal
 * comma. */
static void
test_locale(void)
{
	static const char *const names[] = {
		"fr_FR.UTF-8", "sv_SE.UTF-8", "de_DE.UTF-8", "fr_FR", "sv_SE"
	};
	size_t	i;

	for (i = 0; i < nitems(names); i++) {
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	}
	if (i == nitems(names)) {
		diag("no locale with a decimal comma; skipping its checks");
		return;
	}
	T("3.5 + 0", "3.5");
	T("number('2.25') * 2", "4.5");
	T("number('0.12345678901234567890')", "0.123456789012346");
	T("regex('12', '^[0-9]{1,2}$')", "true");
	setlocale(LC_NUMERIC, "C");
}

int
main(void)
{
	long	d;

	plan_lazy();
	if (!expr_parse_date("2024-03-15", &d))
		return 1;
	env.today = d;
	test_arithmetic();
	test_comparisons();
	test_dates();
	test_functions();
	test_errors();
	test_limits();
	test_api();
	test_locale();
	return done_testing();
}
