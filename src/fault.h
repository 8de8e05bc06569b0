/*
 * fault: the test-only seam for fault injection, as SQLite's own tests do
 * it (fault.c).  With ONWARD_FAULT=alloc:N in the environment the Nth
 * allocation fails (onward's x* allocators and SQLite's, through
 * store-fault.c), with ONWARD_FAULT=write:N the Nth write or flush to
 * disk fails with EIO (the store's, through an SQLite VFS shim, and
 * bundles' and CSV files'); ONWARD_FAULT=count says at exit how many
 * there were.  Unset, nothing fails.  Only tests/cli/fault.sh sets it.
 *
 * Owns: the counters.
 * Never: includes another module of onward (util sits above it).
 */
#ifndef ONWARD_FAULT_H
#define ONWARD_FAULT_H

#include <stdbool.h>

/* Counts one allocation; true when it must fail. */
bool	fault_alloc(void);
/* Counts one write or flush; true (errno set to EIO) when it must
 * fail. */
bool	fault_write(void);
/* Whether ONWARD_FAULT is set at all (the SQLite hooks go in only then). */
bool	fault_enabled(void);

#endif
