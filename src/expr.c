/*
 * expr.c: the form expression language (expr.h), its public face: the
 * lexer and the recursive-descent parser that turn the source into a tree
 * once, expr_free and the accessors.  Evaluation walks that tree in
 * expr-eval.c; the functions a call may name are in expr-func.c.
 *
 * Hostile input is bounded: the source is at most EXPR_MAX_LEN bytes, the
 * parser nests at most EXPR_MAX_NEST levels, and the tree is at most
 * EXPR_MAX_HEIGHT high, which bounds the recursion of evaluation and
 * freeing.  A call's arguments are checked here as far as they can be
 * before evaluation; regular expressions given as literals are compiled
 * here, once (expr-regex.c).
 */
#include "config.h"

#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "expr-int.h"
#include "i18n.h"
#include "util.h"

enum tok {
	T_END, T_NUM, T_STR, T_REF, T_DOT, T_NAME, T_LP, T_RP, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_PLUS, T_MINUS, T_STAR,
	T_AND, T_OR, T_DIV, T_MOD
};

struct parser {
	const char	*src;
	const char	*p;		/* just after the current token */
	enum tok	 t;
	const char	*start;		/* the current token's text */
	size_t		 len;		/* (a string's or name's inside) */
	const char	*at;		/* where the current token begins */
	double		 n;		/* T_NUM */
	int		 nest;
	struct expr	*e;
	char		*cause;
	int		 col;
};

static struct node	*parse_or(struct parser *);

/* The 1-based column, in characters, of 'at' within src. */
static int
column(const char *src, const char *at)
{
	return 1 + (int)utf8_chars(src, (size_t)(at - src));
}

/* True for an ASCII letter or underscore, which may start a name. */
static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Records a parse error at 'at' unless one is already recorded. */
static void PRINTFLIKE(3, 4)
parse_error(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list	ap;

	if (p->cause != NULL)
		return;
	va_start(ap, fmt);
	p->cause = xvasprintf(fmt, ap);
	va_end(ap);
	p->col = column(p->src, at);
}

/* Reports the current token as unexpected. */
static void
unexpected(struct parser *p)
{
	const unsigned char	*u = (const unsigned char *)p->at;
	size_t			 n;

	if (p->t == T_END) {
		parse_error(p, p->at, _("unexpected end of expression"));
		return;
	}
	n = (size_t)(p->p - p->at);
	if (n > 32)
		n = 32;
	while (n > 0 && !utf8_valid(p->at, n))
		n--;
	if (n == 0)
		parse_error(p, p->at, _("unexpected byte 0x%02x"), u[0]);
	else
		parse_error(p, p->at, _("unexpected '%.*s'"), (int)n, p->at);
}

/* The operators and punctuation, longest first where one begins
 * another. */
static const struct {
	const char	*text;
	enum tok	 t;
} lex_punct[] = {
	{ "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ ".", T_DOT }, { "(", T_LP }, { ")", T_RP }, { ",", T_COMMA },
	{ "=", T_EQ }, { "+", T_PLUS }, { "-", T_MINUS }, { "*", T_STAR },
	{ "<", T_LT }, { ">", T_GT },
};

/* The names that are operators. */
static const struct {
	const char	*text;
	enum tok	 t;
} lex_words[] = {
	{ "and", T_AND }, { "or", T_OR }, { "div", T_DIV }, { "mod", T_MOD },
};

/* Reads the number at s: digits, a point, digits. */
static int
lex_number(struct parser *p, const char *s)
{
	const char	*q;

	for (q = s; is_digit(*q); q++)
		;
	if (*q == '.')
		for (q++; is_digit(*q); q++)
			;
	p->t = T_NUM;
	p->len = (size_t)(q - s);
	p->p = q;
	p->n = expr_decimal(s, p->len);
	if (!isfinite(p->n)) {
		parse_error(p, s, _("number out of range"));
		return -1;
	}
	return 0;
}

/* Makes the text from start up to the closing character at close the
 * current token, of type t. */
static void
lex_span(struct parser *p, enum tok t, const char *start, const char *close)
{
	p->t = t;
	p->start = start;
	p->len = (size_t)(close - start);
	p->p = close + 1;
}

/* Reads the string whose opening quote is at s, up to the same quote. */
static int
lex_string(struct parser *p, const char *s)
{
	const char	*q;

	if ((q = strchr(s + 1, *s)) == NULL) {
		parse_error(p, s, _("unterminated string"));
		return -1;
	}
	lex_span(p, T_STR, s + 1, q);
	if (!utf8_valid(p->start, p->len)) {
		parse_error(p, s, _("invalid UTF-8 in string"));
		return -1;
	}
	return 0;
}

/* Reads the field reference ${name} or ${case.PROP} that opens at s. */
static int
lex_ref(struct parser *p, const char *s)
{
	const char	*q = s + 2;

	if (!is_alpha(*q)) {
		parse_error(p, q, _("expected a field name after '${'"));
		return -1;
	}
	while (is_alpha(*q) || is_digit(*q))
		q++;
	/* ${case.PROP}: a property of the record's case. */
	if (*q == '.' && q - (s + 2) == 4 && memcmp(s + 2, "case", 4) == 0 &&
	    is_alpha(q[1])) {
		q++;
		while (is_alpha(*q) || is_digit(*q))
			q++;
	}
	if (*q != '}') {
		parse_error(p, q, _("expected '}'"));
		return -1;
	}
	lex_span(p, T_REF, s + 2, q);
	return 0;
}

/* Reads the name at s (letters, digits, _ and inner -), or the operator
 * it spells. */
static void
lex_name(struct parser *p, const char *s)
{
	const char	*q;
	size_t		 i, n;

	for (q = s; is_alpha(*q) || is_digit(*q) ||
	    (*q == '-' && is_alpha(q[1])); q++)
		;
	n = (size_t)(q - s);
	p->t = T_NAME;
	p->len = n;
	p->p = q;
	for (i = 0; i < nitems(lex_words); i++) {
		if (strlen(lex_words[i].text) == n &&
		    memcmp(s, lex_words[i].text, n) == 0)
			p->t = lex_words[i].t;
	}
}

/* Reads the operator or punctuation at s; false when s starts none. */
static bool
lex_operator(struct parser *p, const char *s)
{
	size_t	i, n;

	for (i = 0; i < nitems(lex_punct); i++) {
		n = strlen(lex_punct[i].text);
		if (strncmp(s, lex_punct[i].text, n) == 0) {
			p->t = lex_punct[i].t;
			p->p = s + n;
			return true;
		}
	}
	return false;
}

/* Reports the character at s, however many bytes it has, as
 * unexpected. */
static void
lex_unexpected(struct parser *p, const char *s)
{
	wchar_t	wc;

	/* Show the whole character, however many bytes it has. */
	p->p = s + utf8_next(s, strnlen(s, UTF8_MAX), &wc);
	p->t = T_NAME;
	unexpected(p);
}

/* Reads the next token.  Returns 0, or -1 with the error recorded. */
static int
lex(struct parser *p)
{
	const char	*s = p->p;
	char		 c;

	while (is_space(*s))
		s++;
	p->at = p->start = s;
	p->len = 0;
	c = *s;
	if (c == '\0') {
		p->t = T_END;
		p->p = s;
		return 0;
	}
	if (is_digit(c) || (c == '.' && is_digit(s[1])))
		return lex_number(p, s);
	if (c == '\'' || c == '"')
		return lex_string(p, s);
	if (c == '$' && s[1] == '{')
		return lex_ref(p, s);
	if (is_alpha(c)) {
		lex_name(p, s);
		return 0;
	}
	if (lex_operator(p, s))
		return 0;
	lex_unexpected(p, s);
	return -1;
}

/* Frees a node and everything under it. */
static void
node_free(struct node *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->s);
	if (n->re != NULL) {
		regfree(n->re);
		free(n->re);
	}
	free(n);
}

/* Makes a node of up to two children; NULL (children freed) when the tree
 * would be too high. */
static struct node *
node_new(struct parser *p, enum op op, const char *at, struct node *a,
    struct node *b)
{
	struct node	*n;

	n = xcalloc(1, sizeof *n);
	n->op = op;
	n->col = column(p->src, at);
	n->height = 1;
	if (a != NULL) {
		n->kid = xcalloc(2, sizeof *n->kid);
		n->kid[n->nkid++] = a;
		n->height = a->height + 1;
		if (b != NULL) {
			n->kid[n->nkid++] = b;
			if (b->height + 1 > n->height)
				n->height = b->height + 1;
		}
	}
	if (n->height > EXPR_MAX_HEIGHT) {
		parse_error(p, at, _("expression too complex"));
		node_free(n);
		return NULL;
	}
	return n;
}

/* Enters one more level of nesting at 'at'; -1 (error recorded) past the
 * limit. */
static int
enter(struct parser *p, const char *at)
{
	if (++p->nest > EXPR_MAX_NEST) {
		parse_error(p, at, _("expression nested too deeply"));
		return -1;
	}
	return 0;
}

/* Returns the index of a dependency, adding it on first use. */
static size_t
add_dep(struct expr *e, const char *name, size_t len, int col)
{
	size_t	i;

	for (i = 0; i < e->ndeps; i++) {
		if (strlen(e->deps[i]) == len &&
		    memcmp(e->deps[i], name, len) == 0)
			return i;
	}
	e->deps = xreallocarray(e->deps, e->ndeps + 1, sizeof *e->deps);
	e->depcol = xreallocarray(e->depcol, e->ndeps + 1,
	    sizeof *e->depcol);
	e->deps[e->ndeps] = xstrndup(name, len);
	e->depcol[e->ndeps] = col;
	return e->ndeps++;
}

/* Checks the arguments of a call that can be checked before evaluation:
 * their number, field references, literal dates and regexes. */
static int
check_call(struct parser *p, struct node *n, const char *at,
    const char *const *argat)
{
	const struct func	*f = n->fn;
	int			 k = (int)n->nkid;
	char			*why;
	double			 d;

	if (k < f->min || (f->max >= 0 && k > f->max)) {
		if (f->max == 0)
			parse_error(p, at, _("'%s' takes no arguments"), f->name);
		else if (f->min == f->max && f->min == 1)
			parse_error(p, at, _("'%s' takes 1 argument"), f->name);
		else if (f->min == f->max)
			parse_error(p, at, _("'%s' takes %d arguments"), f->name,
			    f->min);
		else if (f->max < 0 && f->min == 1)
			parse_error(p, at, _("'%s' takes at least 1 argument"),
			    f->name);
		else if (f->max < 0)
			parse_error(p, at, _("'%s' takes at least %d arguments"),
			    f->name, f->min);
		else
			parse_error(p, at, _("'%s' takes %d or %d arguments"),
			    f->name, f->min, f->max);
		return -1;
	}
	if ((f->flags & F_REF) && n->kid[0]->op != OP_REF) {
		parse_error(p, argat[0], _("'%s' takes a field reference such "
		    "as ${name}"), f->name);
		return -1;
	}
	if ((f->flags & F_DATE) && n->kid[0]->op == OP_STR) {
		d = expr_text_number(n->kid[0]->s);
		if (isnan(d) || d < DATE_MIN || d > DATE_MAX) {
			parse_error(p, argat[0], _("invalid date '%s'"),
			    n->kid[0]->s);
			return -1;
		}
	}
	if ((f->flags & F_REGEX) && n->kid[1]->op == OP_STR) {
		n->re = xmalloc(sizeof *n->re);
		if (expr_regex_compile(n->re, n->kid[1]->s, &why) != 0) {
			free(n->re);
			n->re = NULL;
			parse_error(p, argat[1], "%s", why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* call := NAME "(" [ or ("," or)* ] ")", the name being current. */
static struct node *
parse_call(struct parser *p)
{
	const struct func	*f;
	struct node		*n, *a;
	const char		*at = p->at, *argat[3] = { NULL, NULL, NULL };
	size_t			 cap = 0, len = p->len;

	f = expr_find_func(p->start, len);
	if (lex(p) != 0)
		return NULL;
	if (p->t != T_LP) {
		if (f != NULL)
			parse_error(p, at, _("expected '(' after '%s'"), f->name);
		else
			parse_error(p, at, _("unknown name '%.*s' (a field is "
			    "written ${name})"), (int)len, at);
		return NULL;
	}
	if (f == NULL) {
		parse_error(p, at, _("unknown function '%.*s'"), (int)len,
		    at);
		return NULL;
	}
	if (enter(p, at) != 0 || lex(p) != 0)
		return NULL;
	n = node_new(p, OP_CALL, at, NULL, NULL);
	n->fn = f;
	if (p->t != T_RP) {
		for (;;) {
			if (n->nkid < nitems(argat))
				argat[n->nkid] = p->at;
			if ((a = parse_or(p)) == NULL)
				goto fail;
			if (n->nkid == cap) {
				cap = cap == 0 ? 4 : cap * 2;
				n->kid = xreallocarray(n->kid, cap,
				    sizeof *n->kid);
			}
			n->kid[n->nkid++] = a;
			if (a->height + 1 > n->height)
				n->height = a->height + 1;
			if (p->t != T_COMMA)
				break;
			if (lex(p) != 0)
				goto fail;
		}
	}
	if (p->t != T_RP) {
		parse_error(p, p->at, _("expected ')'"));
		goto fail;
	}
	if (n->height > EXPR_MAX_HEIGHT) {
		parse_error(p, at, _("expression too complex"));
		goto fail;
	}
	if (check_call(p, n, at, argat) != 0 || lex(p) != 0)
		goto fail;
	p->nest--;
	return n;

fail:
	node_free(n);
	return NULL;
}

/* primary := NUMBER | STRING | "." | ref | call | "(" or ")" */
static struct node *
parse_primary(struct parser *p)
{
	struct node	*n;
	const char	*at = p->at;

	switch (p->t) {
	case T_NUM:
		n = node_new(p, OP_NUM, at, NULL, NULL);
		n->n = p->n;
		break;
	case T_STR:
		n = node_new(p, OP_STR, at, NULL, NULL);
		n->s = xstrndup(p->start, p->len);
		break;
	case T_REF:
		n = node_new(p, OP_REF, at, NULL, NULL);
		n->dep = add_dep(p->e, p->start, p->len, n->col);
		break;
	case T_DOT:
		n = node_new(p, OP_DOT, at, NULL, NULL);
		p->e->dot = true;
		break;
	case T_NAME:
		return parse_call(p);
	case T_LP:
		if (enter(p, at) != 0 || lex(p) != 0)
			return NULL;
		if ((n = parse_or(p)) == NULL)
			return NULL;
		if (p->t != T_RP) {
			parse_error(p, p->at, _("expected ')'"));
			node_free(n);
			return NULL;
		}
		p->nest--;
		break;
	default:
		unexpected(p);
		return NULL;
	}
	if (lex(p) != 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

/* unary := "-" unary | primary */
static struct node *
parse_unary(struct parser *p)
{
	struct node	*a;
	const char	*at = p->at;

	if (p->t != T_MINUS)
		return parse_primary(p);
	if (enter(p, at) != 0 || lex(p) != 0)
		return NULL;
	if ((a = parse_unary(p)) == NULL)
		return NULL;
	p->nest--;
	return node_new(p, OP_NEG, at, a, NULL);
}

/* Parses a left-associative chain of binary operators at one level:
 * operand ( op operand )*, with the tokens and operators given. */
static struct node *
parse_chain(struct parser *p, struct node *(*operand)(struct parser *),
    const enum tok *toks, const enum op *ops, size_t nops)
{
	struct node	*a, *b;
	const char	*at;
	size_t		 i;

	if ((a = operand(p)) == NULL)
		return NULL;
	for (;;) {
		for (i = 0; i < nops && p->t != toks[i]; i++)
			;
		if (i == nops)
			return a;
		at = p->at;
		if (lex(p) != 0 || (b = operand(p)) == NULL) {
			node_free(a);
			return NULL;
		}
		if ((a = node_new(p, ops[i], at, a, b)) == NULL)
			return NULL;
	}
}

/* mul := unary ( ("*" | "div" | "mod") unary )* */
static struct node *
parse_mul(struct parser *p)
{
	static const enum tok	toks[] = { T_STAR, T_DIV, T_MOD };
	static const enum op	ops[] = { OP_MUL, OP_DIV, OP_MOD };

	return parse_chain(p, parse_unary, toks, ops, nitems(ops));
}

/* add := mul ( ("+" | "-") mul )* */
static struct node *
parse_add(struct parser *p)
{
	static const enum tok	toks[] = { T_PLUS, T_MINUS };
	static const enum op	ops[] = { OP_ADD, OP_SUB };

	return parse_chain(p, parse_mul, toks, ops, nitems(ops));
}

/* rel := add ( ("<" | "<=" | ">" | ">=") add )* */
static struct node *
parse_rel(struct parser *p)
{
	static const enum tok	toks[] = { T_LT, T_LE, T_GT, T_GE };
	static const enum op	ops[] = { OP_LT, OP_LE, OP_GT, OP_GE };

	return parse_chain(p, parse_add, toks, ops, nitems(ops));
}

/* eq := rel ( ("=" | "!=") rel )* */
static struct node *
parse_eq(struct parser *p)
{
	static const enum tok	toks[] = { T_EQ, T_NE };
	static const enum op	ops[] = { OP_EQ, OP_NE };

	return parse_chain(p, parse_rel, toks, ops, nitems(ops));
}

/* and := eq ( "and" eq )* */
static struct node *
parse_and(struct parser *p)
{
	static const enum tok	toks[] = { T_AND };
	static const enum op	ops[] = { OP_AND };

	return parse_chain(p, parse_eq, toks, ops, nitems(ops));
}

/* or := and ( "or" and )* */
static struct node *
parse_or(struct parser *p)
{
	static const enum tok	toks[] = { T_OR };
	static const enum op	ops[] = { OP_OR };

	return parse_chain(p, parse_and, toks, ops, nitems(ops));
}

/* Parses src into a tree; on error, the message and column (expr.h). */
struct expr *
expr_parse(const char *src, char **cause, int *col)
{
	struct parser	 p;
	struct expr	*e;
	size_t		 len = strlen(src);

	*cause = NULL;
	*col = 0;
	if (len > EXPR_MAX_LEN) {
		*cause = xasprintf(_("expression too long (more than %d "
		    "bytes)"), EXPR_MAX_LEN);
		*col = 1;
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->src = xstrdup(src);
	memset(&p, 0, sizeof p);
	p.src = p.p = e->src;
	p.e = e;
	if (lex(&p) == 0) {
		if (p.t == T_END)
			parse_error(&p, p.at, _("empty expression"));
		else if ((e->root = parse_or(&p)) != NULL && p.t != T_END)
			unexpected(&p);
	}
	if (p.cause != NULL) {
		*cause = p.cause;
		*col = p.col;
		expr_free(e);
		return NULL;
	}
	return e;
}

/* Frees the tree, the dependency list and the source. */
void
expr_free(struct expr *e)
{
	size_t	i;

	if (e == NULL)
		return;
	node_free(e->root);
	for (i = 0; i < e->ndeps; i++)
		free(e->deps[i]);
	free(e->deps);
	free(e->depcol);
	free(e->src);
	free(e);
}

/* The source as given to expr_parse. */
const char *
expr_source(const struct expr *e)
{
	return e->src;
}

/* The ${names} used, each once, in order of first use. */
size_t
expr_deps(const struct expr *e, const char *const **names)
{
	*names = (const char *const *)e->deps;
	return e->ndeps;
}

/* True when the source uses '.'. */
bool
expr_uses_dot(const struct expr *e)
{
	return e->dot;
}

/* The column of dependency i, or 0 when there is no such one. */
int
expr_dep_col(const struct expr *e, size_t i)
{
	return i < e->ndeps ? e->depcol[i] : 0;
}
