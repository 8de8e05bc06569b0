/*
 * bench-tui: the terminal UI's speed, measured without a terminal.  Curses
 * draws through newterm into /dev/null, so every figure includes building
 * the screen and writing its escape sequences, but no terminal's delay.
 *
 *   bench-tui [STORE FORMS]
 *
 * STORE and FORMS may also come from $ONWARD_BENCH_STORE and
 * $ONWARD_BENCH_FORMS; by default (under `make bench`) the store is
 * tests/bench/store-100k.db of the build folder, made by gen-store when
 * missing, with the pack tests/data/forms-ok.
 *
 * Keystroke to redraw: a character typed into the first question of a
 * 200-field form whose questions have relevance rules (each keystroke
 * re-evaluates every rule and calculation through record.h), against the
 * same in a one-field form; opening its review page (F3) and going back.
 * Opening the case list: on STORE (the
 * 100,000-case store of gen-store, with its form pack FORMS) when given,
 * against an empty store.  Budgets (DESIGN.md section 8): a keystroke
 * under 5 ms, opening under 100 ms, search as you type under 20 ms.
 */
#include "config.h"

#include "tui-curses.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "screen.h"
#include "store.h"
#include "tui.h"
#include "util.h"

#define KEYS	400

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	*p = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(p, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
		fatal("cannot write %s", p);
	free(p);
}

/* A pack with a one-field form and a 200-field form with relevance rules
 * and calculations. */
static void
write_pack(const char *dir)
{
	struct buf	b;
	int		i;

	write_file(dir, "cases.yaml",
	    "case_types:\n"
	    "  - id: person\n"
	    "    title: Person\n"
	    "    name: name\n"
	    "    properties:\n"
	    "      - {id: name, label: Name, type: text}\n");
	write_file(dir, "small.yaml",
	    "form: small\nversion: 1\ntitle: Small\nfields:\n"
	    "  - {id: q1, type: text, label: Question one}\n");
	buf_init(&b);
	buf_adds(&b, "form: big\nversion: 1\ntitle: Big\nfields:\n"
	    "  - {id: q1, type: text, label: Question one}\n");
	for (i = 2; i <= 200; i++) {
		if (i % 10 == 0)
			buf_addf(&b, "  - {id: q%d, type: calculate, "
			    "calculation: \"concat(${q1}, ${q%d})\"}\n",
			    i, i - 1);
		else if (i % 3 == 0)
			buf_addf(&b, "  - {id: q%d, type: integer, "
			    "label: Question %d, relevant: "
			    "\"string-length(${q1}) < %d\", "
			    "constraint: \". >= 0\"}\n", i, i, 1000 + i);
		else
			buf_addf(&b, "  - {id: q%d, type: text, "
			    "label: Question %d, relevant: "
			    "\"${q1} != 'stop' and ${q%d} != 'x'\"}\n",
			    i, i, i - 1);
	}
	write_file(dir, "big.yaml", b.s);
	buf_free(&b);
}

static struct form_pack *
load_pack(const char *dir)
{
	struct diags		 d;
	struct form_pack	*p;
	char			*data;

	/* The reference lists: beside the pack (data-ok for the test
	 * packs, data for a real one), else in it. */
	data = xasprintf("%s/../data-ok", dir);
	if (access(data, R_OK) == -1) {
		free(data);
		data = xasprintf("%s/../data", dir);
		if (access(data, R_OK) == -1) {
			free(data);
			data = xstrdup(dir);
		}
	}
	memset(&d, 0, sizeof d);
	p = form_pack_load(dir, data, &d);
	free(data);
	if (p == NULL) {
		diags_print(&d);
		fatal("cannot load the form pack %s", dir);
	}
	diags_free(&d);
	return p;
}

static struct store *
open_store(const char *path, struct form_pack *pack)
{
	struct store	*s;
	char		*cause = NULL;

	if ((s = store_open(path, pack, &cause)) == NULL)
		fatal("%s", cause);
	return s;
}

/* Opens a new record of form on the form screen and draws it. */
static void
open_form(const char *form)
{
	struct screen_form_arg	fa = { form, NULL, NULL, NULL, true };

	if (tui_push(SCREEN_FORM, &fa) == -1)
		fatal("cannot open form %s", form);
	tui_draw();
}

/* Milliseconds per keystroke (key handled, screen redrawn). */
static double
keystrokes(const char *form)
{
	double			t0, t;
	int			i;

	open_form(form);
	t0 = now_ms();
	for (i = 0; i < KEYS; i++) {
		tui_key(i % 20 == 19 ? 0x7f : 'a' + i % 26);
		tui_draw();
	}
	t = (now_ms() - t0) / KEYS;
	tui_close_all();
	return t;
}

/* Milliseconds to open the review page of a form (F3: every answer and
 * every problem checked, then drawn) and go back to the form. */
static double
review(const char *form)
{
	double			t0, t;
	int			i;

	open_form(form);
	tui_key('a');
	tui_draw();
	t0 = now_ms();
	for (i = 0; i < 50; i++) {
		tui_key(TUI_FKEY(KEY_F(3)));
		tui_draw();
		tui_key(TUI_ESC);
		tui_draw();
	}
	t = (now_ms() - t0) / 50;
	tui_close_all();
	return t;
}

/* Milliseconds to open the case list and draw it, best of three. */
static double
open_list(void)
{
	double	t0, t, best = 1e9;
	int	i;

	for (i = 0; i < 3; i++) {
		tui_close_all();
		t0 = now_ms();
		tui_push(SCREEN_CASES, NULL);
		tui_draw();
		t = now_ms() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

/* Milliseconds per search keystroke on the case list. */
static double
search(const char *text)
{
	double	t0;
	size_t	i, n = strlen(text);

	t0 = now_ms();
	for (i = 0; i < n; i++) {
		tui_key((unsigned char)text[i]);
		tui_draw();
	}
	for (i = 0; i < n; i++) {
		tui_key(0x7f);
		tui_draw();
	}
	return (now_ms() - t0) / (double)(2 * n);
}

/* The 100,000-case store of `make bench`, made by gen-store when missing. */
static void
default_store(const char **store, const char **forms)
{
	static char	*path, *pack;
	const char	*b = getenv("top_builddir"), *s = getenv("top_srcdir");
	char		*gen, *cmd;

	if (b == NULL || s == NULL)
		return;
	path = xasprintf("%s/tests/bench/store-100k.db", b);
	pack = xasprintf("%s/tests/data/forms-ok", s);
	gen = xasprintf("%s/tests/bench/gen-store", b);
	if (access(path, R_OK) == -1 && access(gen, X_OK) == 0) {
		printf("tui: making %s with gen-store (once)\n", path);
		fflush(stdout);
		cmd = xasprintf("'%s' '%s' 100000 >/dev/null", gen, path);
		if (system(cmd) != 0)
			unlink(path);
		free(cmd);
	}
	free(gen);
	*store = path;
	*forms = pack;
}

int
main(int argc, char **argv)
{
	struct app		 app;
	struct form_pack	*pack, *bigpack;
	struct store		*store, *big;
	SCREEN			*scr;
	FILE			*out, *in;
	char			 dir[] = "/tmp/onward-bench-tui.XXXXXX";
	char			*db, *cmd;
	double			 base, k200, r200, l0, l1, s1;
	const char		*bstore, *bforms;

	bstore = argc >= 3 ? argv[1] : getenv("ONWARD_BENCH_STORE");
	bforms = argc >= 3 ? argv[2] : getenv("ONWARD_BENCH_FORMS");
	if (bstore == NULL)
		default_store(&bstore, &bforms);
	if (mkdtemp(dir) == NULL)
		fatal("cannot make a temporary folder");
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	setenv("NO_COLOR", "", 1);
	write_pack(dir);
	pack = load_pack(dir);
	db = xasprintf("%s/bench.db", dir);
	store = open_store(db, pack);

	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL ||
	    (scr = newterm("xterm-256color", out, in)) == NULL)
		fatal("cannot start curses on /dev/null");
	set_term(scr);
	resizeterm(24, 80);

	memset(&app, 0, sizeof app);
	app.db_path = db;
	tui.app = &app;
	tui.app->pack = pack;
	tui.app->store = store;
	tui.app->worker = xstrdup("bench");

	base = keystrokes("small");
	k200 = keystrokes("big");
	printf("tui: keystroke to redraw, 1-field form:    %8.3f ms "
	    "(baseline)\n", base);
	printf("tui: keystroke to redraw, 200-field form:  %8.3f ms "
	    "(%.1fx baseline; budget 5 ms)\n", k200, k200 / base);
	r200 = review("big");
	printf("tui: review page and back, 200-field form: %7.3f ms\n", r200);

	l0 = open_list();
	printf("tui: open the case list, empty store:      %8.3f ms "
	    "(baseline)\n", l0);
	if (bstore != NULL && *bstore != '\0' && bforms != NULL &&
	    access(bstore, R_OK) == 0) {
		store_close(store);
		tui_close_all();
		bigpack = load_pack(bforms);
		big = open_store(bstore, bigpack);
		tui.app->pack = bigpack;
		tui.app->store = big;
		l1 = open_list();
		s1 = search("ami");
		printf("tui: store %s\n", bstore);
		printf("tui: open the case list, that store:       %8.3f ms "
		    "(%.1fx baseline; budget 100 ms)\n", l1, l1 / l0);
		printf("tui: search keystroke, same store:         %8.3f ms "
		    "(budget 20 ms)\n", s1);
		tui_close_all();
		store_close(big);
		form_pack_free(bigpack);
	} else {
		printf("tui: no 100,000-case store given (ONWARD_BENCH_STORE "
		    "and ONWARD_BENCH_FORMS, or arguments STORE FORMS)\n");
		tui_close_all();
		store_close(store);
	}
	endwin();
	delscreen(scr);
	form_pack_free(pack);
	free(tui.app->worker);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench-tui: cannot remove %s\n", dir);
	free(cmd);
	free(db);
	return 0;
}
