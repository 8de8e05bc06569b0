/*
 * fuzz-form.c: libFuzzer target for the form loader and checker.  Each
 * input is checked as a form file (or, when it declares case_types, as a
 * case types file) of the small valid pack in tests/data/forms-ok, whose
 * case types and data files it may use.  An input that passes is loaded
 * again as part of a pack, its model walked (dependents, choices,
 * field_check_type) and freed.  Any crash, leak, sanitizer report or hang
 * is a bug.
 *
 *	make fuzz FUZZ_SECONDS=60	(see Makefile.am)
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "util.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*pack_dir, *data_dir, *tmp_dir;

/* Copies a file (the pack's case types) into the scratch pack. */
static void
copy_file(const char *from, const char *to)
{
	char	*text, *cause;
	size_t	 len;
	FILE	*f;

	if ((text = file_read(from, FORM_MAX_FILE, &len, &cause)) == NULL)
		fatal("%s", cause);
	if ((f = fopen(to, "wb")) == NULL || fwrite(text, 1, len, f) != len ||
	    fclose(f) != 0)
		fatal("cannot write %s", to);
	free(text);
}

/* Sets up the folders once: the valid pack, and a scratch pack whose
 * form.yaml each passing input becomes. */
static void
setup(void)
{
	const char	*top;
	char		*from, *to, tmpl[] = "/tmp/onward-fuzz.XXXXXX";

	if ((top = getenv("ONWARD_FUZZ_TOP")) == NULL)
		top = FUZZ_TOP;
	pack_dir = xasprintf("%s/tests/data/forms-ok", top);
	data_dir = xasprintf("%s/tests/data/data-ok", top);
	if (mkdtemp(tmpl) == NULL)
		fatal("mkdtemp failed");
	tmp_dir = xstrdup(tmpl);
	from = xasprintf("%s/cases.yaml", pack_dir);
	to = xasprintf("%s/cases.yaml", tmp_dir);
	copy_file(from, to);
	free(from);
	free(to);
}

/* Walks what the UI would read of a loaded pack. */
static void
walk(const struct form_pack *pack)
{
	const struct form	*fm;
	const struct field	*f;
	size_t			 i, j, k;
	char			*msg;

	for (i = 0; i < pack->nforms; i++) {
		fm = pack->forms[i];
		for (j = 0; j < fm->nfields; j++) {
			f = fm->fields[j];
			if (form_find_field(fm, f->id) == NULL)
				abort();
			for (k = 0; k < f->ndependents; k++) {
				if (f->dependents[k] == f)
					abort();
			}
			(void)field_repeat(f);
			(void)field_has_value(f);
			free(field_check_type(f, "1"));
			free(field_check_type(f, "a b"));
			if (f->choices != NULL && f->choices->n > 0 &&
			    field_find_choice(f, f->choices->v[0].value) ==
			    NULL)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	size_t			 n, i;
	char			*path;
	FILE			*f;

	if (pack_dir == NULL)
		setup();
	n = form_check_buffer(pack_dir, data_dir, "fuzz.yaml",
	    (const char *)data, size, &d);
	if (n != d.n)
		abort();
	for (i = 0; i < d.n; i++) {
		if (strncmp(d.v[i], "fuzz.yaml", 9) != 0 &&
		    strstr(d.v[i], ".csv") == NULL)
			abort();
	}
	diags_free(&d);
	if (n > 0 || memmem(data, size, "case_types", 10) != NULL)
		return 0;

	path = xasprintf("%s/form.yaml", tmp_dir);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0)
		fatal("cannot write %s", path);
	pack = form_pack_load(tmp_dir, data_dir, &d);
	if (pack == NULL && d.n == 0)
		abort();
	if (pack != NULL)
		walk(pack);
	form_pack_free(pack);
	diags_free(&d);
	unlink(path);
	free(path);
	return 0;
}
