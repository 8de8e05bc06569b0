/*
 * bundle.c: the text of a bundle: the canonical line of a change, the
 * header and its checks, escaping, and the small helpers the writer and
 * the reader share.  See onward-bundle(5) for the format.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle-int.h"
#include "i18n.h"
#include "util.h"

/* Frees what a header owns and zeroes it. */
void
bundle_header_free(struct bundle_header *h)
{
	size_t	i;

	if (h == NULL)
		return;
	free(h->origin);
	free(h->site);
	free(h->worker);
	free(h->time);
	for (i = 0; i < h->ndevices; i++) {
		free(h->devices[i].device);
		free(h->devices[i].ranges);
	}
	free(h->devices);
	for (i = 0; i < h->nforms; i++)
		free(h->forms[i].form);
	free(h->forms);
	memset(h, 0, sizeof *h);
}

/* Appends s escaped; see bundle-int.h. */
void
bundle_escape(struct buf *b, const char *s, bool null_ok)
{
	if (s == NULL) {
		if (!null_ok)
			fatal("bundle_escape: NULL where a text is required");
		buf_add(b, "\\N", 2);
		return;
	}
	str_escape(b, s, strlen(s), ESCAPE_LINE);
}

/* Unescapes in place; see bundle-int.h. */
const char *
bundle_unescape(char *s, bool null_ok, char **out)
{
	char	*r, *w;

	*out = s;
	if (s[0] == '\\' && s[1] == 'N' && s[2] == '\0') {
		if (!null_ok)
			return _("\\N where a text is required");
		*out = NULL;
		return NULL;
	}
	if ((r = strchr(s, '\\')) == NULL) {
		if (strchr(s, '\r') != NULL)
			return _("a carriage return that is not escaped");
		return NULL;
	}
	for (w = r; *r != '\0'; r++) {
		if (*r == '\r')
			return _("a carriage return that is not escaped");
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		switch (*++r) {
		case '\\':
			*w++ = '\\';
			break;
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		default:
			return _("a backslash that starts no known escape");
		}
	}
	*w = '\0';
	return NULL;
}

/* Strict canonical decimal; see bundle-int.h. */
bool
bundle_parse_int(const char *s, int64_t *out)
{
	int64_t	v = 0;
	size_t	n;

	if (s[0] == '0' && s[1] == '\0') {
		*out = 0;
		return true;
	}
	if (s[0] < '1' || s[0] > '9')
		return false;
	for (n = 0; s[n] != '\0'; n++) {
		if (s[n] < '0' || s[n] > '9')
			return false;
		if (v > (INT64_MAX - (s[n] - '0')) / 10)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	*out = v;
	return true;
}

/* A device id: 1 to 64 lower-case hex digits. */
bool
bundle_device_ok(const char *s)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++) {
		if (!((s[n] >= '0' && s[n] <= '9') ||
		    (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	}
	return n > 0 && n <= 64;
}

/* A form id: [A-Za-z0-9_.-]+. */
bool
bundle_form_ok(const char *s)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++) {
		if (!((s[n] >= '0' && s[n] <= '9') ||
		    (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') ||
		    s[n] == '_' || s[n] == '.' || s[n] == '-'))
			return false;
	}
	return n > 0;
}

/* A parent id: DEVICE:SEQ with SEQ >= 1. */
static bool
parent_ok(const char *s)
{
	const char	*colon;
	char		 dev[65];
	int64_t		 seq;

	if ((colon = strchr(s, ':')) == NULL || colon == s ||
	    colon - s > 64)
		return false;
	memcpy(dev, s, (size_t)(colon - s));
	dev[colon - s] = '\0';
	return bundle_device_ok(dev) && bundle_parse_int(colon + 1, &seq) &&
	    seq >= 1;
}

/* Compares two parent ids (pointers to char *). */
int
bundle_parent_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True when s is not NULL and is valid UTF-8. */
static bool
text_ok(const char *s)
{
	return s != NULL && utf8_valid(s, strlen(s));
}

/* Checks what the format requires of a change; see bundle.h.  Parents may
 * come in any order here (the writer sorts them) but not twice. */
const char *
bundle_change_problem(const struct change *c)
{
	size_t	i, j;

	if (c->device == NULL || !bundle_device_ok(c->device))
		return _("the device id is not 1 to 64 lower-case hex digits");
	if (c->seq < 1)
		return _("the sequence number is not 1 or more");
	if (c->hlc < 0)
		return _("the clock value is negative");
	if (!text_ok(c->record) || *c->record == '\0')
		return _("the record id is empty or not UTF-8");
	if (c->form == NULL || !bundle_form_ok(c->form))
		return _("the form id is empty or has characters a form id "
		    "cannot have");
	if (c->form_version < 0)
		return _("the form version is negative");
	if (c->case_id != NULL && (!text_ok(c->case_id) ||
	    *c->case_id == '\0'))
		return _("the case id is empty or not UTF-8");
	if (!text_ok(c->path) || *c->path == '\0')
		return _("the field path is empty or not UTF-8");
	if (c->value != NULL && !text_ok(c->value))
		return _("the value is not UTF-8");
	if (!text_ok(c->author))
		return _("the author is missing or not UTF-8");
	for (i = 0; i < c->nparents; i++) {
		if (c->parents[i] == NULL || !parent_ok(c->parents[i]))
			return _("a parent is not DEVICE:SEQ");
		for (j = 0; j < i; j++) {
			if (strcmp(c->parents[i], c->parents[j]) == 0)
				return _("a parent is named twice");
		}
	}
	return NULL;
}

/* Formats an hlc's wall time; see bundle.h. */
void
bundle_hlc_time(int64_t hlc, char *buf, size_t len)
{
	time_t		t;
	struct tm	tm;

	t = (time_t)((hlc >> 16) / 1000);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

/* Compares by (device, seq). */
int
bundle_change_cmp(const struct change *a, const struct change *b)
{
	int	d;

	if ((d = strcmp(a->device, b->device)) != 0)
		return d;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* qsort adapter for bundle_change_cmp. */
static int
change_qcmp(const void *a, const void *b)
{
	return bundle_change_cmp(a, b);
}

/* Sorts changes into bundle order. */
void
bundle_sort_changes(struct change *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, change_qcmp);
}

/* Equal strings, NULL equal only to NULL. */
static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Same content, parents as sets; see bundle.h. */
bool
bundle_change_equal(const struct change *a, const struct change *b)
{
	size_t	i, j;

	if (!str_eq(a->device, b->device) || a->seq != b->seq ||
	    a->hlc != b->hlc || !str_eq(a->record, b->record) ||
	    !str_eq(a->form, b->form) || a->form_version != b->form_version ||
	    !str_eq(a->case_id, b->case_id) || !str_eq(a->path, b->path) ||
	    !str_eq(a->value, b->value) || !str_eq(a->author, b->author) ||
	    a->nparents != b->nparents)
		return false;
	for (i = 0; i < a->nparents; i++) {
		for (j = 0; j < b->nparents; j++) {
			if (strcmp(a->parents[i], b->parents[j]) == 0)
				break;
		}
		if (j == b->nparents)
			return false;
	}
	return true;
}

/* Appends the canonical line of c; see bundle-int.h.  Parents are
 * written sorted. */
void
bundle_format_change(struct buf *b, const struct change *c)
{
	char	**pv, *small[8];
	size_t	  i;

	if ((c->hlc & 0xffff) != 0)
		buf_addf(b, "%s\t%lld\t%lld.%lld\t", c->device,
		    (long long)c->seq, (long long)(c->hlc >> 16),
		    (long long)(c->hlc & 0xffff));
	else
		buf_addf(b, "%s\t%lld\t%lld\t", c->device, (long long)c->seq,
		    (long long)(c->hlc >> 16));
	bundle_escape(b, c->record, false);
	buf_addc(b, '\t');
	buf_adds(b, c->form);
	buf_addf(b, "\t%d\t", c->form_version);
	bundle_escape(b, c->case_id, true);
	buf_addc(b, '\t');
	bundle_escape(b, c->path, false);
	buf_addc(b, '\t');
	bundle_escape(b, c->value, true);
	buf_addc(b, '\t');
	if (c->nparents > 0) {
		pv = c->nparents <= nitems(small) ? small :
		    xreallocarray(NULL, c->nparents, sizeof *pv);
		memcpy(pv, c->parents, c->nparents * sizeof *pv);
		if (c->nparents > 1)
			qsort(pv, c->nparents, sizeof *pv, bundle_parent_cmp);
		for (i = 0; i < c->nparents; i++) {
			if (i > 0)
				buf_addc(b, ' ');
			buf_adds(b, pv[i]);
		}
		if (pv != small)
			free(pv);
	}
	buf_addc(b, '\t');
	bundle_escape(b, c->author, false);
	buf_addc(b, '\n');
}

/* An hlc as text: MS, or MS.COUNTER with a counter of 1 to 65535 (the
 * milliseconds and counter apart compress better than ms << 16). */
static bool
parse_hlc(char *s, int64_t *hlc)
{
	char	*dot;
	int64_t	 ms, counter = 0;

	if ((dot = strchr(s, '.')) != NULL)
		*dot = '\0';
	if (!bundle_parse_int(s, &ms) || ms > (INT64_MAX >> 16))
		return false;
	if (dot != NULL && (!bundle_parse_int(dot + 1, &counter) ||
	    counter < 1 || counter > 0xffff))
		return false;
	*hlc = ms << 16 | counter;
	return true;
}

/* Splits s at tabs in place into at most max fields; returns the count
 * (max + 1 when there are more). */
static size_t
split_tabs(char *s, char **f, size_t max)
{
	size_t	n = 0;
	char	*t;

	for (;;) {
		if (n == max)
			return max + 1;
		f[n++] = s;
		if ((t = strchr(s, '\t')) == NULL)
			return n;
		*t = '\0';
		s = t + 1;
	}
}

/* Parses a version 1 change line in place; see bundle-int.h. */
const char *
bundle_parse_change_v1(char *line, struct change *c, char ***pv, size_t *pcap,
    char **tmp)
{
	char		*f[BUNDLE_NFIELDS], *p, *sp;
	const char	*why;
	int64_t		 v;
	size_t		 n, i;

	*tmp = NULL;
	if ((n = split_tabs(line, f, BUNDLE_NFIELDS)) != BUNDLE_NFIELDS) {
		*tmp = xasprintf(_("expected %d tab-separated fields, found "
		    "%s%zu"), BUNDLE_NFIELDS, n > BUNDLE_NFIELDS ? _("more "
		    "than ") : "", n > BUNDLE_NFIELDS ? n - 1 : n);
		return *tmp;
	}
	memset(c, 0, sizeof *c);
	c->device = f[0];
	if (!bundle_device_ok(f[0]))
		return _("the device id is not 1 to 64 lower-case hex digits");
	if (!bundle_parse_int(f[1], &c->seq) || c->seq < 1)
		return _("the sequence number is not a number of 1 or more");
	if (!parse_hlc(f[2], &c->hlc))
		return _("the clock value is not MILLISECONDS or "
		    "MILLISECONDS.COUNTER");
	if ((why = bundle_unescape(f[3], false, &c->record)) != NULL)
		return why;
	c->form = f[4];
	if (!bundle_form_ok(f[4]))
		return _("the form id is empty or has characters a form id "
		    "cannot have");
	if (!bundle_parse_int(f[5], &v) || v > INT32_MAX)
		return _("the form version is not a number");
	c->form_version = (int)v;
	if ((why = bundle_unescape(f[6], true, &c->case_id)) != NULL)
		return why;
	if ((why = bundle_unescape(f[7], false, &c->path)) != NULL)
		return why;
	if ((why = bundle_unescape(f[8], true, &c->value)) != NULL)
		return why;
	c->nparents = 0;
	for (p = f[9]; *p != '\0'; p = sp + 1) {
		if (c->nparents == *pcap) {
			*pcap = *pcap == 0 ? 8 : *pcap * 2;
			*pv = xreallocarray(*pv, *pcap, sizeof **pv);
		}
		(*pv)[c->nparents++] = p;
		if ((sp = strchr(p, ' ')) == NULL)
			break;
		*sp = '\0';
	}
	c->parents = *pv;
	for (i = 0; i < c->nparents; i++) {
		if (!parent_ok(c->parents[i]))
			return _("a parent is not DEVICE:SEQ");
		if (i > 0 && strcmp(c->parents[i - 1], c->parents[i]) >= 0)
			return _("the parents are not sorted, or one is named "
			    "twice");
	}
	if ((why = bundle_unescape(f[10], false, &c->author)) != NULL)
		return why;
	if (*c->record == '\0')
		return _("the record id is empty");
	if (*c->path == '\0')
		return _("the field path is empty");
	if (c->case_id != NULL && *c->case_id == '\0')
		return _("the case id is empty (\\N means none)");
	return NULL;
}

/* Appends the header line; see bundle-int.h. */
void
bundle_format_header(struct buf *b, const struct bundle_header *h)
{
	const struct bundle_device	*d;
	const struct bundle_range	*r;
	size_t				 i, j;

	buf_addf(b, "%s\t%d\torigin=%s\tsite=", BUNDLE_FORMAT, h->version,
	    h->origin);
	bundle_escape(b, h->site, false);
	buf_adds(b, "\tworker=");
	bundle_escape(b, h->worker, false);
	buf_addf(b, "\ttime=%s\tchanges=%llu\tsize=%llu\tdevices=", h->time,
	    (unsigned long long)h->changes, (unsigned long long)h->size);
	for (i = 0; i < h->ndevices; i++) {
		d = &h->devices[i];
		buf_addf(b, "%s%s:", i > 0 ? " " : "", d->device);
		for (j = 0; j < d->nranges; j++) {
			r = &d->ranges[j];
			if (r->first == r->last)
				buf_addf(b, "%s%lld", j > 0 ? "," : "",
				    (long long)r->first);
			else
				buf_addf(b, "%s%lld-%lld", j > 0 ? "," : "",
				    (long long)r->first, (long long)r->last);
		}
	}
	buf_adds(b, "\tforms=");
	for (i = 0; i < h->nforms; i++)
		buf_addf(b, "%s%s@%d:%llu", i > 0 ? " " : "", h->forms[i].form,
		    h->forms[i].version,
		    (unsigned long long)h->forms[i].changes);
	buf_addc(b, '\n');
}

/* The value of field f if it is "key=value"; else NULL. */
static char *
header_value(char *f, const char *key)
{
	size_t	len = strlen(key);

	if (strncmp(f, key, len) != 0 || f[len] != '=')
		return NULL;
	return f + len + 1;
}

/* Parses the devices= value into h. */
static const char *
parse_devices(char *s, struct bundle_header *h)
{
	struct bundle_device	*d;
	struct bundle_range	*r;
	char			*item, *next, *colon, *rs, *rnext, *dash;
	int64_t			 prev;

	for (item = s; *item != '\0'; item = next) {
		if ((next = strchr(item, ' ')) != NULL)
			*next++ = '\0';
		else
			next = item + strlen(item);
		if ((colon = strchr(item, ':')) == NULL)
			return _("a device in the header has no ranges");
		*colon = '\0';
		if (!bundle_device_ok(item))
			return _("a device id in the header is not hex");
		if (h->ndevices > 0 &&
		    strcmp(h->devices[h->ndevices - 1].device, item) >= 0)
			return _("the header's devices are not sorted");
		h->devices = xreallocarray(h->devices, h->ndevices + 1,
		    sizeof *h->devices);
		d = &h->devices[h->ndevices++];
		memset(d, 0, sizeof *d);
		d->device = xstrdup(item);
		prev = 0;
		for (rs = colon + 1; ; rs = rnext) {
			if ((rnext = strchr(rs, ',')) != NULL)
				*rnext++ = '\0';
			d->ranges = xreallocarray(d->ranges, d->nranges + 1,
			    sizeof *d->ranges);
			r = &d->ranges[d->nranges++];
			if ((dash = strchr(rs, '-')) != NULL) {
				*dash = '\0';
				if (!bundle_parse_int(rs, &r->first) ||
				    !bundle_parse_int(dash + 1, &r->last) ||
				    r->last <= r->first)
					return _("a range in the header is not "
					    "FIRST-LAST");
			} else {
				if (!bundle_parse_int(rs, &r->first))
					return _("a range in the header is not "
					    "a number");
				r->last = r->first;
			}
			if (r->first < 1 || (d->nranges > 1 &&
			    r->first <= prev + 1))
				return _("the header's ranges overlap, touch "
				    "or are out of order");
			prev = r->last;
			d->changes += (uint64_t)(r->last - r->first) + 1;
			if (rnext == NULL)
				break;
		}
	}
	return NULL;
}

/* Parses the forms= value into h. */
static const char *
parse_forms(char *s, struct bundle_header *h)
{
	struct bundle_form	*f, *prev;
	char			*item, *next, *at, *colon;
	int64_t			 v, n;

	for (item = s; *item != '\0'; item = next) {
		if ((next = strchr(item, ' ')) != NULL)
			*next++ = '\0';
		else
			next = item + strlen(item);
		if ((at = strchr(item, '@')) == NULL ||
		    (colon = strchr(at, ':')) == NULL)
			return _("a form in the header is not FORM@VERSION:COUNT");
		*at = *colon = '\0';
		if (!bundle_form_ok(item) || !bundle_parse_int(at + 1, &v) ||
		    v > INT32_MAX || !bundle_parse_int(colon + 1, &n) || n < 1)
			return _("a form in the header is not FORM@VERSION:COUNT");
		if (h->nforms > 0) {
			prev = &h->forms[h->nforms - 1];
			if (strcmp(prev->form, item) > 0 ||
			    (strcmp(prev->form, item) == 0 &&
			    prev->version >= v))
				return _("the header's forms are not sorted");
		}
		h->forms = xreallocarray(h->forms, h->nforms + 1,
		    sizeof *h->forms);
		f = &h->forms[h->nforms++];
		f->form = xstrdup(item);
		f->version = (int)v;
		f->changes = (uint64_t)n;
	}
	return NULL;
}

/* a + b, or UINT64_MAX when that overflows. */
static uint64_t
add_capped(uint64_t a, uint64_t b)
{
	return b > UINT64_MAX - a ? UINT64_MAX : a + b;
}

/* Parses a version 1 header line; see bundle-int.h. */
int
bundle_parse_header_v1(char *line, struct bundle_header *h, char **cause)
{
	static const char *const keys[] = { "origin", "site", "worker",
	    "time", "changes", "size", "devices", "forms" };
	char		*f[2 + nitems(keys)], *v[nitems(keys)], *text;
	const char	*why = NULL;
	int64_t		 n;
	uint64_t	 sum;
	size_t		 nf, i;

	memset(h, 0, sizeof *h);
	nf = split_tabs(line, f, nitems(f));
	if (nf < 2 || strcmp(f[0], BUNDLE_FORMAT) != 0 ||
	    strcmp(f[1], "1") != 0) {
		*cause = xstrdup(_("no 'onward-bundle' header"));
		return -1;
	}
	h->version = 1;
	if (nf != nitems(f)) {
		*cause = xasprintf(_("the header has %zu fields, not %zu"),
		    nf > nitems(f) ? nf - 1 : nf, nitems(f));
		return -1;
	}
	for (i = 0; i < nitems(keys); i++) {
		if ((v[i] = header_value(f[2 + i], keys[i])) == NULL) {
			*cause = xasprintf(_("the header's field %zu is not "
			    "'%s='"), i + 3, keys[i]);
			return -1;
		}
	}
	if (!bundle_device_ok(v[0]))
		why = _("the origin device id is not hex");
	else if (bundle_unescape(v[1], false, &text) != NULL ||
	    !utf8_valid(text, strlen(text)))
		why = _("the site is not escaped UTF-8 text");
	else {
		h->origin = xstrdup(v[0]);
		h->site = xstrdup(text);
		if (bundle_unescape(v[2], false, &text) != NULL ||
		    !utf8_valid(text, strlen(text)))
			why = _("the worker is not escaped UTF-8 text");
		else
			h->worker = xstrdup(text);
	}
	if (why == NULL && (strlen(v[3]) != 20 || v[3][19] != 'Z'))
		why = _("the time is not YYYY-MM-DDTHH:MM:SSZ");
	if (why == NULL) {
		h->time = xstrdup(v[3]);
		if (!bundle_parse_int(v[4], &n))
			why = _("the count of changes is not a number");
		h->changes = (uint64_t)n;
	}
	if (why == NULL) {
		if (!bundle_parse_int(v[5], &n))
			why = _("the size is not a number");
		h->size = (uint64_t)n;
	}
	if (why == NULL)
		why = parse_devices(v[6], h);
	if (why == NULL)
		why = parse_forms(v[7], h);
	for (sum = 0, i = 0; why == NULL && i < h->ndevices; i++)
		sum = add_capped(sum, h->devices[i].changes);
	if (why == NULL && sum != h->changes)
		why = _("the count of changes disagrees with the devices' "
		    "ranges");
	for (sum = 0, i = 0; why == NULL && i < h->nforms; i++)
		sum = add_capped(sum, h->forms[i].changes);
	if (why == NULL && sum != h->changes)
		why = _("the count of changes disagrees with the forms' "
		    "counts");
	if (why != NULL) {
		*cause = xstrdup(why);
		return -1;
	}
	return 0;
}

/* The array source starts again from its first change. */
static int
array_rewind(void *arg, char **cause)
{
	struct bundle_array	*a = arg;

	(void)cause;
	a->i = 0;
	return 0;
}

/* The array source's next change (borrowed), or 0 at the end. */
static int
array_next(void *arg, const struct change **c, char **cause)
{
	struct bundle_array	*a = arg;

	(void)cause;
	if (a->i == a->n)
		return 0;
	*c = &a->v[a->i++];
	return 1;
}

/* A source over a sorted array; see bundle.h. */
void
bundle_array_source(struct bundle_array *a, struct bundle_source *src)
{
	a->i = 0;
	src->rewind = array_rewind;
	src->next = array_next;
	src->arg = a;
}
