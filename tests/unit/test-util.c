/*
 * test-util.c: string buffers, diagnostics, UTF-8 validation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "util.h"

int
main(void)
{
	struct buf	 b = { 0 };
	struct diags	 d = { 0 };
	char		*s;

	plan_lazy();
	buf_adds(&b, "abc");
	buf_addc(&b, '-');
	buf_addf(&b, "%d/%s", 42, "x");
	is_str(b.s, "abc-42/x", "buf_add* append");
	is_int(b.len, 8, "buf tracks its length");
	s = buf_detach(&b);
	ok(b.s == NULL && b.len == 0, "buf_detach empties the buffer");
	free(s);
	s = buf_detach(&b);
	is_str(s, "", "detaching an empty buffer gives an empty string");
	free(s);

	diags_add(&d, "f.yaml", 3, 7, "unknown key '%s'", "lable");
	diags_add(&d, "g.yaml", 0, 0, "cannot open");
	is_int(d.n, 2, "diags collects every problem");
	is_str(d.v[0], "f.yaml:3:7: unknown key 'lable'", "file:line:col form");
	is_str(d.v[1], "g.yaml: cannot open", "file-only form");
	diags_free(&d);

	ok(utf8_valid("plain", 5), "ASCII is valid UTF-8");
	ok(utf8_valid("Zoë 李 محمد 😀", strlen("Zoë 李 محمد 😀")),
	    "accents, Chinese, Arabic and emoji are valid");
	ok(!utf8_valid("\xff", 1), "0xff is invalid");
	ok(!utf8_valid("\xc0\xaf", 2), "an overlong encoding is invalid");
	ok(!utf8_valid("\xed\xa0\x80", 3), "a surrogate is invalid");
	ok(!utf8_valid("\xe2\x82", 2), "a truncated sequence is invalid");
	ok(!utf8_valid("\xf4\x90\x80\x80", 4), "beyond U+10FFFF is invalid");

	is_int(str_distance("label", "lable", 10), 2, "distance of a swap");
	is_int(str_distance("hint", "hint", 10), 0, "distance to itself");
	is_int(str_distance("a", "zzzzzz", 3), 3, "distance is capped");
	ok(str_startswith("household[2]", "household"), "str_startswith");

	s = xasprintf("%s:%d", "x", 5);
	is_str(s, "x:5", "xasprintf formats");
	free(s);
	return done_testing();
}
