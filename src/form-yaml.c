/*
 * form-yaml.c: YAML files into a small tree, with libyaml's event API.
 *
 * libyaml 0.2.5 has no nesting limit and slows down quadratically on deep
 * nesting, and its aliases let a small file expand without bound; so the
 * file size is capped before parsing, the depth is counted in the event
 * loop (parsing stops at the first event past FORM_MAX_DEPTH), and anchors
 * and aliases are refused.  Also here: the helpers the other form files
 * share for reporting (duplicates, unknown words with a suggestion).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* The parser's state while events arrive. */
struct yparse {
	const char	 *path;
	struct diags	 *d;
	struct ynode	 *root;
	struct ynode	 *stack[FORM_MAX_DEPTH + 1];
	int		  depth;
	int		  ndocs;
	bool		  failed;
};

/* A key of a mapping, for the duplicate check. */
struct ykey {
	const char	*s;
	size_t		 i;
};

/* Frees a node and everything under it (recursion is bounded by
 * FORM_MAX_DEPTH). */
void
form_yaml_free(struct ynode *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		form_yaml_free(n->kids[i]);
	free(n->kids);
	free(n->s);
	free(n);
}

/* Returns the value of key in mapping m (the first, if repeated). */
const struct ynode *
form_yaml_get(const struct ynode *m, const char *key)
{
	size_t	i;

	if (m == NULL || m->kind != YN_MAP)
		return NULL;
	for (i = 0; i + 1 < m->n; i += 2) {
		if (strcmp(m->kids[i]->s, key) == 0)
			return m->kids[i + 1];
	}
	return NULL;
}

/* Orders keys by text, then by position, for form_find_dups. */
static int
ykey_cmp(const void *a, const void *b)
{
	const struct ykey	*ka = a, *kb = b;
	int			 c;

	if ((c = strcmp(ka->s, kb->s)) != 0)
		return c;
	return ka->i < kb->i ? -1 : ka->i > kb->i;
}

/* Orders (again, first) pairs by the position of the repeat. */
static int
ypair_cmp(const void *a, const void *b)
{
	const size_t	*pa = a, *pb = b;

	return pa[0] < pb[0] ? -1 : pa[0] > pb[0];
}

/* Reports each key that repeats an earlier one, in O(n log n). */
void
form_find_dups(const char *const *keys, size_t n,
    void (*dup)(void *, size_t, size_t), void *arg)
{
	struct ykey	*v;
	size_t		*pairs, npairs = 0, i, j, start;

	if (n < 2)
		return;
	if (n <= 8) {
		for (j = 1; j < n; j++) {
			for (i = 0; i < j; i++) {
				if (strcmp(keys[i], keys[j]) == 0) {
					dup(arg, i, j);
					break;
				}
			}
		}
		return;
	}
	v = xreallocarray(NULL, n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].s = keys[i];
		v[i].i = i;
	}
	qsort(v, n, sizeof *v, ykey_cmp);
	pairs = xreallocarray(NULL, n, 2 * sizeof *pairs);
	for (start = 0, i = 1; i <= n; i++) {
		if (i < n && strcmp(v[i].s, v[start].s) == 0) {
			pairs[2 * npairs] = v[i].i;
			pairs[2 * npairs + 1] = v[start].i;
			npairs++;
		} else
			start = i;
	}
	/* Report in the order of the file, not of the sort. */
	qsort(pairs, npairs, 2 * sizeof *pairs, ypair_cmp);
	for (i = 0; i < npairs; i++)
		dup(arg, pairs[2 * i + 1], pairs[2 * i]);
	free(pairs);
	free(v);
}

/* How near a suggestion must be: a distance below the returned value,
 * about a third of the word (so 'b' never gets "did you mean 'a'?"). */
size_t
form_suggest_cap(const char *word)
{
	size_t	len = strlen(word), cap;

	cap = (len + 2) / 3 + 1;
	if (cap > 4)
		cap = 4;
	if (cap > len)
		cap = len;
	return cap;
}

/* Returns the candidate nearest to word, or NULL when none is close. */
const char *
form_suggest(const char *word, const char *const *cands, size_t ncands)
{
	const char	*best = NULL;
	size_t		 i, dist, bestd;

	bestd = form_suggest_cap(word);
	for (i = 0; i < ncands; i++) {
		dist = str_distance(word, cands[i], bestd);
		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	return best;
}

/* Reports an unknown word, suggesting the nearest candidate if close. */
void
form_unknown(struct diags *d, const char *path, int line, int col,
    const char *fmt_plain, const char *fmt_mean, const char *word,
    const char *const *cands, size_t ncands)
{
	const char	*best;

	if ((best = form_suggest(word, cands, ncands)) != NULL)
		diags_add(d, path, line, col, fmt_mean, word, best);
	else
		diags_add(d, path, line, col, fmt_plain, word);
}

/* Reads a file of at most max bytes, NUL-terminated. */
char *
form_read_file(const char *path, size_t max, size_t *lenp, struct diags *d)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		diags_add(d, path, 0, 0, _("cannot open the file: %s"),
		    strerror(errno));
		return NULL;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			diags_add(d, path, 0, 0,
			    _("the file is larger than %zu bytes"), max);
			fclose(f);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		diags_add(d, path, 0, 0, _("cannot read the file: %s"),
		    strerror(errno));
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*lenp = b.len;
	return buf_detach(&b);
}

/* Finds the first byte of text that is not valid UTF-8 and its line and
 * column (in characters); false when all is valid. */
bool
form_utf8_first_bad(const char *text, size_t len, int *line, int *col)
{
	size_t	bad = utf8_first_bad(text, len), i, sol = 0;

	*line = 1;
	for (i = 0; i < bad; i++) {
		if (text[i] == '\n') {
			(*line)++;
			sol = i + 1;
		}
	}
	*col = 1 + (int)utf8_chars(text + sol, bad - sol);
	return bad < len;
}

/* Makes a node at the event's start mark. */
static struct ynode *
ynode_new(enum ynode_kind kind, const yaml_event_t *ev)
{
	struct ynode	*n;

	n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

/* Appends kid to node n. */
static void
ynode_add(struct ynode *n, struct ynode *kid)
{
	if (n->n == n->cap) {
		n->cap = n->cap == 0 ? 4 : n->cap * 2;
		n->kids = xreallocarray(n->kids, n->cap, sizeof *n->kids);
	}
	n->kids[n->n++] = kid;
}

/* Records one problem of the parse and marks it failed. */
static void
yparse_fail(struct yparse *yp, const yaml_mark_t *m, const char *msg)
{
	diags_add(yp->d, yp->path, (int)m->line + 1, (int)m->column + 1, "%s",
	    msg);
	yp->failed = true;
}

/* Calls the duplicate report of a mapping's keys. */
static void
ymap_dup(void *arg, size_t first, size_t again)
{
	struct yparse		*yp = ((void **)arg)[0];
	const struct ynode	*m = ((void **)arg)[1];
	const struct ynode	*k1 = m->kids[2 * first], *k2 = m->kids[2 * again];

	diags_add(yp->d, yp->path, k2->line, k2->col,
	    _("duplicate key '%s' (first at line %d)"), k2->s, k1->line);
	yp->failed = true;
}

/* Checks a finished mapping for repeated keys. */
static void
ymap_check(struct yparse *yp, struct ynode *m)
{
	const char	**keys;
	void		 *arg[2];
	size_t		  i;

	if (m->n < 4)
		return;
	keys = xreallocarray(NULL, m->n / 2, sizeof *keys);
	for (i = 0; i < m->n / 2; i++)
		keys[i] = m->kids[2 * i]->s;
	arg[0] = yp;
	arg[1] = m;
	form_find_dups(keys, m->n / 2, ymap_dup, arg);
	free(keys);
}

/* Hangs a new node under the open collection (or makes it the root). */
static bool
yparse_attach(struct yparse *yp, struct ynode *n, const yaml_event_t *ev)
{
	struct ynode	*top;

	if (yp->depth == 0) {
		yp->root = n;
		return true;
	}
	top = yp->stack[yp->depth - 1];
	if (top->kind == YN_MAP && top->n % 2 == 0 && n->kind != YN_SCALAR) {
		yparse_fail(yp, &ev->start_mark,
		    _("a key must be a plain text, not a list or mapping"));
		form_yaml_free(n);
		return false;
	}
	ynode_add(top, n);
	return true;
}

/* Handles one event; false when parsing must stop. */
static bool
yparse_event(struct yparse *yp, const yaml_event_t *ev)
{
	struct ynode	*n;
	yaml_char_t	*anchor = NULL;
	size_t		 span;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++yp->ndocs > 1) {
			yparse_fail(yp, &ev->start_mark,
			    _("only one YAML document is allowed in a file"));
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		yparse_fail(yp, &ev->start_mark,
		    _("YAML aliases (*name) are not allowed"));
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = yp->stack[--yp->depth];
		if (n->kind == YN_MAP)
			ymap_check(yp, n);
		return true;
	default:
		return true;
	}
	if (anchor != NULL) {
		yparse_fail(yp, &ev->start_mark,
		    _("YAML anchors (&name) are not allowed"));
		return false;
	}

	if (ev->type == YAML_SCALAR_EVENT) {
		n = ynode_new(YN_SCALAR, ev);
		n->len = ev->data.scalar.length;
		n->s = xmalloc(n->len + 1);
		memcpy(n->s, ev->data.scalar.value, n->len);
		n->s[n->len] = '\0';
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		span = ev->end_mark.index - ev->start_mark.index;
		if (ev->end_mark.line == ev->start_mark.line) {
			if (n->plain)
				n->exact = span == n->len;
			else if (ev->data.scalar.style ==
			    YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			    ev->data.scalar.style ==
			    YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
				n->exact = span == n->len + 2;
				if (n->exact)
					n->col++;
			}
		}
		if (memchr(n->s, '\0', n->len) != NULL) {
			yparse_fail(yp, &ev->start_mark,
			    _("a text may not contain a NUL character"));
			form_yaml_free(n);
			return false;
		}
		return yparse_attach(yp, n, ev);
	}

	if (yp->depth >= FORM_MAX_DEPTH) {
		diags_add(yp->d, yp->path, (int)ev->start_mark.line + 1,
		    (int)ev->start_mark.column + 1,
		    _("nested deeper than %d levels"), FORM_MAX_DEPTH);
		yp->failed = true;
		return false;
	}
	n = ynode_new(ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP,
	    ev);
	if (!yparse_attach(yp, n, ev))
		return false;
	yp->stack[yp->depth++] = n;
	return true;
}

/*
 * True when line `line` (0-based) of text has an unquoted ${ after a { or
 * [: the usual cause of a syntax error there is an expression such as
 * `{id: x, relevant: ${a} = 1}`, where YAML reads the } as the end.
 */
static bool
flow_ref(const char *text, size_t len, size_t line)
{
	const char	*s = text, *e, *p, *ref, *end = text + len;

	for (; line > 0 && s < end; line--) {
		if ((s = memchr(s, '\n', (size_t)(end - s))) == NULL)
			return false;
		s++;
	}
	if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
		e = end;
	if ((ref = memmem(s, (size_t)(e - s), "${", 2)) == NULL)
		return false;
	for (p = s; p < ref; p++) {
		if (*p == '{' || *p == '[')
			return true;
	}
	return false;
}

/* Parses a whole file's text into a tree (see form-int.h). */
struct ynode *
form_yaml_parse(const char *path, const char *text, size_t len,
    struct diags *d)
{
	struct yparse	 yp;
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	int		 line, col;
	bool		 done = false;

	if (len > FORM_MAX_FILE) {
		diags_add(d, path, 0, 0, _("the file is larger than %zu bytes"),
		    (size_t)FORM_MAX_FILE);
		return NULL;
	}
	if (form_utf8_first_bad(text, len, &line, &col)) {
		diags_add(d, path, line, col, _("invalid UTF-8"));
		return NULL;
	}
	memset(&yp, 0, sizeof yp);
	yp.path = path;
	yp.d = d;
	if (!yaml_parser_initialize(&p))
		fatal("yaml_parser_initialize: out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			if (p.error == YAML_MEMORY_ERROR)
				fatal("libyaml: out of memory");
			if (flow_ref(text, len, p.problem_mark.line))
				diags_add(d, path, (int)p.problem_mark.line + 1,
				    (int)p.problem_mark.column + 1,
				    _("YAML syntax error: %s (inside {...} or "
				    "[...], put an expression with ${...} in "
				    "quotes)"), p.problem);
			else if (p.context != NULL)
				diags_add(d, path, (int)p.problem_mark.line + 1,
				    (int)p.problem_mark.column + 1,
				    _("YAML syntax error: %s (%s at line %d)"),
				    p.problem, p.context,
				    (int)p.context_mark.line + 1);
			else
				diags_add(d, path, (int)p.problem_mark.line + 1,
				    (int)p.problem_mark.column + 1,
				    _("YAML syntax error: %s"),
				    p.problem != NULL ? p.problem : "?");
			yp.failed = true;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!yparse_event(&yp, &ev))
			done = true;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (yp.failed) {
		/* The open collections all hang from the root. */
		form_yaml_free(yp.root);
		return NULL;
	}
	if (yp.root == NULL || (yp.root->kind == YN_SCALAR &&
	    yp.root->plain && yp.root->len == 0)) {
		diags_add(d, path, 0, 0, _("the file is empty"));
		form_yaml_free(yp.root);
		return NULL;
	}
	return yp.root;
}
