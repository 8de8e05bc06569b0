/*
 * cmd-bundle.c: `onward bundle inspect FILE`: verifies a bundle
 * completely (without a store) and describes it: header, counts, and a
 * summary per form version.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "app.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* What inspect counts per form version. */
struct form_sum {
	struct strvec	 records;
	struct strvec	 cases;		/* changes to a case itself */
	uint64_t	 deletions;
};

/* qsort adapter for strcmp. */
static int
str_qcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Distinct strings in sv (sorted in place). */
static size_t
count_distinct(struct strvec *sv)
{
	char	**v = sv->v;
	size_t	  n = sv->n, i, d = 0;

	if (n > 1)
		qsort(v, n, sizeof *v, str_qcmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			d++;
	}
	return d;
}

/* Prints "  LABEL TEXT" with the bundle's text escaped (ESCAPE_SHOW): a
 * header never drives the terminal. */
static void
print_text(const char *label, const char *text)
{
	printf("  %-10s ", label);
	str_escape_write(stdout, text != NULL ? text : "", strlen(text !=
	    NULL ? text : ""), ESCAPE_SHOW);
	putchar('\n');
}

/* Prints the verified header and the ranges per device. */
static void
print_header(const char *path, const struct bundle_header *h)
{
	const struct bundle_device	*d;
	size_t				 i, j;

	printf(_("bundle '%s': verified\n"), path);
	printf("  %-10s %s %d\n", _("format:"), BUNDLE_FORMAT, h->version);
	printf("  %-10s %s\n", _("sender:"), _("unsigned"));
	print_text(_("origin:"), h->origin);
	print_text(_("site:"), h->site);
	print_text(_("worker:"), h->worker);
	print_text(_("time:"), h->time);
	printf("  %-10s %llu (%llu bytes)\n", _("changes:"),
	    (unsigned long long)h->changes, (unsigned long long)h->size);
	printf("  %-10s sha256:%s\n", _("digest:"), h->digest);
	printf("  %s\n", _("devices:"));
	for (i = 0; i < h->ndevices; i++) {
		d = &h->devices[i];
		printf("    %s ", d->device);
		for (j = 0; j < d->nranges; j++) {
			if (d->ranges[j].first == d->ranges[j].last)
				printf("%s%lld", j > 0 ? "," : "",
				    (long long)d->ranges[j].first);
			else
				printf("%s%lld-%lld", j > 0 ? "," : "",
				    (long long)d->ranges[j].first,
				    (long long)d->ranges[j].last);
		}
		printf(_(" (%llu changes)\n"), (unsigned long long)d->changes);
	}
}

/* Remembers the signer and trusts no one (inspect has no store key). */
static bool
seen_signer(void *arg, const unsigned char pk[KEYS_SIGN_PK])
{
	memcpy(arg, pk, KEYS_SIGN_PK);
	return false;
}

/* A bundle format 1 cannot read: a signed and sealed one is described by
 * its verified signature; anything else is refused with the reason. */
static int
inspect_sealed(const char *path)
{
	unsigned char		 pk[KEYS_SIGN_PK], none[KEYS_SIGN_PK] = { 0 };
	struct bundle_trust	 t = { none, none, seen_signer, pk };
	char			 fp[KEYS_FP_SIZE], *cause;

	memcpy(pk, none, sizeof pk);
	if (bundle_verify_trust(path, NULL, &t, NULL, &cause) == 0 ||
	    memcmp(pk, none, sizeof pk) == 0) {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
		return 1;
	}
	free(cause);
	keys_fingerprint(pk, fp);
	printf(_("bundle '%s': signed, the signature verified\n"), path);
	printf("  %-10s %s 2\n", _("format:"), BUNDLE_FORMAT);
	printf("  %-10s %s\n", _("sender:"), fp);
	printf("  %s\n", _("sealed: its contents open only with a "
	    "recipient's key ('onward merge' on its store)"));
	return 0;
}

/* bundle inspect FILE: reads it all, then prints; 1 with the reason if damaged. */
static int
bundle_inspect(const char *path)
{
	struct bundle_reader		*r;
	const struct bundle_header	*h;
	const struct bundle_form	*bf;
	const struct change		*c;
	struct form_sum			*sum;
	char				*cause;
	size_t				 i;
	int				 rc;

	if ((r = bundle_open(path, NULL, &cause)) == NULL) {
		free(cause);
		return inspect_sealed(path);
	}
	h = bundle_reader_header(r);
	sum = xcalloc(h->nforms + 1, sizeof *sum);
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		for (i = 0; i < h->nforms; i++) {
			bf = &h->forms[i];
			if (bf->version == c->form_version &&
			    strcmp(bf->form, c->form) == 0)
				break;
		}
		if (i == h->nforms)
			continue;	/* the reader refuses it at the end */
		if (c->case_id != NULL && strcmp(c->case_id, c->record) == 0)
			strvec_add(&sum[i].cases, c->record);
		else
			strvec_add(&sum[i].records, c->record);
		if (c->value == NULL && strcmp(c->path, "@record") == 0)
			sum[i].deletions++;
	}
	if (rc == 0) {
		print_header(path, h);
		printf("  %s\n", _("forms:"));
		for (i = 0; i < h->nforms; i++) {
			bf = &h->forms[i];
			printf(_("    %s version %d: %llu changes, records: "
			    "%zu, cases: %zu, records deleted: %llu\n"),
			    bf->form, bf->version,
			    (unsigned long long)bf->changes,
			    count_distinct(&sum[i].records),
			    count_distinct(&sum[i].cases),
			    (unsigned long long)sum[i].deletions);
		}
	} else {
		fprintf(stderr, "onward: %s\n", cause);
		free(cause);
	}
	for (i = 0; i < h->nforms; i++) {
		strvec_free(&sum[i].records);
		strvec_free(&sum[i].cases);
	}
	free(sum);
	bundle_close(r);
	return rc == 0 ? 0 : 1;
}

/* bundle inspect FILE */
static int
cmd_bundle_exec(struct app *app, int argc, char **argv)
{
	(void)app;
	if (argc == 3 && strcmp(argv[1], "inspect") == 0)
		return bundle_inspect(argv[2]);
	return cmd_usage(&cmd_bundle_entry);
}

const struct cmd_entry cmd_bundle_entry = {
	"bundle",
	N_("inspect FILE"),
	N_("verify and describe a bundle"),
	N_("Reads a bundle completely, checking everything a merge checks\n"
	    "(gzip, every line, counts, the digest), and prints its header,\n"
	    "the changes per device and a summary per form version.  Exits 1\n"
	    "with the reason when it is damaged.  Needs no store.\n"),
	0,
	cmd_bundle_exec
};
