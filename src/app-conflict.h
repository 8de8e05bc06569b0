/*
 * app-conflict: what a conflict means for people, for every verb alike
 * (onward conflicts, the conflicts screen): the question it is the answer
 * to, and whether a value typed to settle it is one that question takes.
 *
 * Owns: finding a conflict's question in the pack (a record's field, or
 * for a case property a field that saves to it) and checking a value
 * against its type and constraint with the record's other answers.
 * Never: writes, or draws.
 */
#ifndef ONWARD_APP_CONFLICT_H
#define ONWARD_APP_CONFLICT_H

struct app;
struct conflict;
struct field;
struct form;

/* The question conflict c answers, and (in *fp) its form; NULL when the
 * pack has none (no pack, a field of another version). */
const struct field	*app_conflict_field(struct app *,
			     const struct conflict *c, const struct form **fp);
/* Why value cannot settle c: its question's type or constraint refuses
 * it (the form's own message, translated), or NULL when it can or there
 * is no question to ask; caller frees. */
char			*app_conflict_problem(struct app *,
			     const struct conflict *c, const char *value);

#endif
