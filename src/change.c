/*
 * change.c: freeing a change (change.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "change.h"

/* Frees what a change holds; see change.h. */
void
change_free(struct change *c)
{
	size_t	i;

	if (c == NULL)
		return;
	free(c->device);
	free(c->record);
	free(c->form);
	free(c->case_id);
	free(c->path);
	free(c->value);
	for (i = 0; i < c->nparents; i++)
		free(c->parents[i]);
	free(c->parents);
	free(c->author);
	memset(c, 0, sizeof *c);
}
