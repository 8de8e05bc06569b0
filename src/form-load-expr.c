/*
 * form-load-expr.c: the expressions of a form file's fields parsed, each
 * with where it came from so that messages point at the column in the
 * file.  A choice filter's bare filter column names are rewritten as
 * ${__name} before parsing, and columns mapped back to the author's text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form-int.h"
#include "i18n.h"
#include "util.h"

/* What rewrite_filter adds around a bare column name: "${__" and "}". */
#define FILTER_EXTRA	((int)sizeof FORM_FILTER_PREFIX - 1 + 3)

/* Maps a column of (possibly rewritten) source back to the author's text:
 * ins[] holds the offsets of the bare names rewritten. */
static int
unrewrite_col(const struct fexpr *x, int col)
{
	size_t	i;
	int	r = col - 1, shift = 0;

	for (i = 0; i < x->nins; i++) {
		int	at = (int)x->ins[i] + shift;

		if (r < at)
			break;
		if (r < at + FILTER_EXTRA + (int)x->inslen[i])
			return (int)x->ins[i] + 1;
		shift += FILTER_EXTRA;
	}
	return r - shift + 1;
}

/* The file position of column col (1-based) of expression x's text. */
void
form_expr_pos(const struct fexpr *x, int col, int *line, int *fcol)
{
	*line = x->node->line;
	*fcol = x->node->col;
	if (x->node->exact)
		*fcol += unrewrite_col(x, col) - 1;
}

/* True when c starts or continues a bare name. */
static bool
name_char(char ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch == '_' || (!first && ch >= '0' && ch <= '9');
}

/*
 * Rewrites the bare names of src that are filter columns of cl as
 * ${__name}, recording where, so that choice filters parse with the
 * columns as dependencies distinct from fields (`region = ${region}`).
 * Strings, ${...} and function names are left alone.
 */
static char *
rewrite_filter(const char *src, const struct choice_list *cl,
    struct fexpr *x)
{
	struct buf	 b;
	const char	*p = src, *q, *r;
	size_t		 k;
	char		 quote;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			quote = *p;
			q = strchr(p + 1, quote);
			q = q != NULL ? q + 1 : p + strlen(p);
			buf_add(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (p[0] == '$' && p[1] == '{') {
			q = strchr(p, '}');
			q = q != NULL ? q + 1 : p + strlen(p);
			buf_add(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (!name_char(*p, true)) {
			buf_addc(&b, *p++);
			continue;
		}
		for (q = p; name_char(*q, false) || *q == '-' || *q == '.'; q++)
			;
		for (r = q; *r == ' ' || *r == '\t'; r++)
			;
		for (k = 0; cl != NULL && *r != '(' && k < cl->ncolumns; k++) {
			if (strlen(cl->columns[k]) == (size_t)(q - p) &&
			    memcmp(cl->columns[k], p, (size_t)(q - p)) == 0)
				break;
		}
		if (cl != NULL && *r != '(' && k < cl->ncolumns) {
			x->ins = xreallocarray(x->ins, x->nins + 1,
			    sizeof *x->ins);
			x->inslen = xreallocarray(x->inslen, x->nins + 1,
			    sizeof *x->inslen);
			x->ins[x->nins] = (size_t)(p - src);
			x->inslen[x->nins] = (size_t)(q - p);
			x->nins++;
			buf_adds(&b, "${" FORM_FILTER_PREFIX);
			buf_add(&b, p, (size_t)(q - p));
			buf_addc(&b, '}');
		} else
			buf_add(&b, p, (size_t)(q - p));
		p = q;
	}
	return buf_detach(&b);
}

/*
 * Parses the expression in v (property key of a field) into x and returns
 * the tree, or NULL (reported with the column of the error).  For a choice
 * filter, cl gives the filter columns that may be written bare.
 */
struct expr *
form_load_expr(struct lctx *c, const struct ynode *v, const char *key,
    struct fexpr *x, const struct choice_list *cl, bool filter)
{
	struct expr	*e;
	char		*src, *cause;
	int		 col, line, fcol;

	x->node = v;
	if (v->kind != YN_SCALAR) {
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' must be an expression, not a list or mapping"),
		    key);
		return NULL;
	}
	if (v->len == 0) {
		diags_add(c->d, c->path, v->line, v->col,
		    _("'%s' is empty"), key);
		return NULL;
	}
	src = filter ? rewrite_filter(v->s, cl, x) : xstrdup(v->s);
	e = expr_parse(src, &cause, &col);
	free(src);
	if (e == NULL) {
		form_expr_pos(x, col, &line, &fcol);
		diags_add(c->d, c->path, line, fcol,
		    _("bad expression in '%s': %s"), key, cause);
		free(cause);
		return NULL;
	}
	x->e = e;
	return e;
}
