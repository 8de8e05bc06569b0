/*
 * fault.c: the counters of the fault-injection seam (fault.h), read from
 * ONWARD_FAULT on first use.  A test runs one operation for N = 1, 2, ...
 * until it passes without the fault firing, and checks after each that
 * the run failed with a message, crashed nowhere and lost nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"

static int		fault_state = -1;	/* -1 not read, 0 off, 1 on */
static unsigned long	fault_nalloc, fault_nwrite;
static unsigned long	fault_at_alloc, fault_at_write;

/* At exit with ONWARD_FAULT=count: how many there were. */
static void
fault_report(void)
{
	fprintf(stderr, "onward: fault: %lu allocations, %lu writes\n",
	    fault_nalloc, fault_nwrite);
}

/* Reads ONWARD_FAULT once. */
static void
fault_read(void)
{
	const char	*v = getenv("ONWARD_FAULT");

	fault_state = v != NULL && *v != '\0';
	if (!fault_state)
		return;
	if (strncmp(v, "alloc:", 6) == 0)
		fault_at_alloc = strtoul(v + 6, NULL, 10);
	else if (strncmp(v, "write:", 6) == 0)
		fault_at_write = strtoul(v + 6, NULL, 10);
	else if (strcmp(v, "count") == 0)
		atexit(fault_report);
}

/* Whether the seam is on; see fault.h. */
bool
fault_enabled(void)
{
	if (fault_state == -1)
		fault_read();
	return fault_state == 1;
}

/* Counts an allocation; see fault.h. */
bool
fault_alloc(void)
{
	if (fault_state == 0 || !fault_enabled())
		return false;
	return ++fault_nalloc == fault_at_alloc;
}

/* Counts a write; see fault.h. */
bool
fault_write(void)
{
	if (fault_state == 0 || !fault_enabled())
		return false;
	if (++fault_nwrite != fault_at_write)
		return false;
	errno = EIO;
	return true;
}
