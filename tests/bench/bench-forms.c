/*
 * bench-forms.c: how long loading and checking forms takes, against the
 * time libyaml alone takes to parse the same files into events (the floor
 * any YAML loader pays), measured in the same run: the whole pack
 * (forms/, or tests/data/forms-ok while the pack does not load) N times,
 * and a generated form of 2,000 fields with 500 relevance expressions.
 *
 *	make bench	(tests/bench/run.sh)
 *	tests/bench/bench-forms [N]
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "form.h"
#include "util.h"

/* Milliseconds on a monotonic clock. */
static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Parses text into events with libyaml and nothing else; returns the
 * number of events (so the work cannot be optimised away). */
static size_t
yaml_events(const char *text, size_t len)
{
	yaml_parser_t	p;
	yaml_event_t	ev;
	size_t		n = 0;
	int		done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		n++;
	}
	yaml_parser_delete(&p);
	return n;
}

/* Reads every *.yaml of dir into texts; returns how many. */
static size_t
read_yaml_files(const char *dir, char ***texts, size_t **lens)
{
	DIR		*dp;
	struct dirent	*de;
	char		*path, *cause;
	size_t		 n = 0, len;

	*texts = NULL;
	*lens = NULL;
	if ((dp = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		*texts = xreallocarray(*texts, n + 1, sizeof **texts);
		*lens = xreallocarray(*lens, n + 1, sizeof **lens);
		if (((*texts)[n] = file_read(path, FORM_MAX_FILE, &(*lens)[n],
		    &cause)) == NULL)
			fatal("%s", cause);
		n++;
		free(path);
	}
	closedir(dp);
	return n;
}

/* Times N loads of the pack in dir against N libyaml parses of its files. */
static int
bench_pack(const char *what, const char *dir, const char *data, int n)
{
	struct form_pack	*pack;
	struct diags		 d = { 0 };
	char			**texts;
	size_t			*lens, nfiles, i, events = 0, nforms = 0;
	double			 t0, t_load, t_yaml;
	int			 k;

	nfiles = read_yaml_files(dir, &texts, &lens);
	t0 = now_ms();
	for (k = 0; k < n; k++) {
		if ((pack = form_pack_load(dir, data, &d)) == NULL) {
			diags_print(&d);
			fprintf(stderr, "bench-forms: %s does not load\n", dir);
			return -1;
		}
		nforms = pack->nforms;
		form_pack_free(pack);
	}
	t_load = now_ms() - t0;
	t0 = now_ms();
	for (k = 0; k < n; k++) {
		for (i = 0; i < nfiles; i++)
			events += yaml_events(texts[i], lens[i]);
	}
	t_yaml = now_ms() - t0;
	printf("%s: %zu forms, %zu files, x%d: load+check %.1f ms, "
	    "libyaml events alone %.1f ms (%zu events), ratio %.2f\n", what,
	    nforms, nfiles, n, t_load, t_yaml, events, t_load / t_yaml);
	for (i = 0; i < nfiles; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	return 0;
}

/* Writes a form of nfields fields, nrel of them with a relevance
 * expression naming earlier fields, into dir/big.yaml. */
static void
write_big_form(const char *dir, int nfields, int nrel)
{
	FILE	*f;
	char	*path;
	int	 i, every = nfields / nrel;

	path = xasprintf("%s/big.yaml", dir);
	if ((f = fopen(path, "w")) == NULL)
		fatal("cannot write %s", path);
	fprintf(f, "form: big\nversion: 1\ntitle: Generated form\nfields:\n");
	for (i = 0; i < nfields; i++) {
		fprintf(f, "  - id: f%d\n    type: %s\n    label: Question "
		    "number %d of the generated form\n", i,
		    i % 3 == 0 ? "integer" : i % 3 == 1 ? "text" : "date", i);
		if (i > 0 && i % every == 0)
			fprintf(f, "    relevant: ${f%d} > 3 and "
			    "string-length(${f%d}) < 20 or ${f%d} = ''\n",
			    (i / 3) * 3 - 3 >= 0 ? (i / 3) * 3 - 3 : 0, i - 1,
			    i / 2);
		if (i % 3 == 0)
			fprintf(f, "    constraint: . >= 0 and . <= 1000\n");
	}
	fclose(f);
	free(path);
}

int
main(int argc, char **argv)
{
	const char	*top, *bdir;
	char		*forms, *data, *okforms, *okdata, tmpl[] =
			    "/tmp/onward-bench.XXXXXX", *big;
	struct diags	 d = { 0 };
	struct form_pack *pack;
	int		 n = argc > 1 ? atoi(argv[1]) : 20, rc = 0;

	if (n < 1)
		n = 1;
	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	(void)bdir;
	forms = xasprintf("%s/forms", top);
	data = xasprintf("%s/data", top);
	okforms = xasprintf("%s/tests/data/forms-ok", top);
	okdata = xasprintf("%s/tests/data/data-ok", top);
	if ((pack = form_pack_load(forms, data, &d)) != NULL) {
		form_pack_free(pack);
		rc |= bench_pack("the pack (forms/)", forms, data, n);
	} else {
		printf("forms/ does not load (%zu problems): timing "
		    "tests/data/forms-ok instead\n", d.n);
		rc |= bench_pack("the test pack", okforms, okdata, n);
	}
	diags_free(&d);

	if (mkdtemp(tmpl) == NULL)
		fatal("mkdtemp failed");
	write_big_form(tmpl, 2000, 500);
	rc |= bench_pack("2,000 fields, 500 relevance expressions", tmpl,
	    okdata, n);
	big = xasprintf("%s/big.yaml", tmpl);
	unlink(big);
	rmdir(tmpl);
	free(big);
	free(forms);
	free(data);
	free(okforms);
	free(okdata);
	return rc != 0;
}
