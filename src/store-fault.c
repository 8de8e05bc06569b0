/*
 * store-fault.c: the store's side of the fault-injection seam (fault.h),
 * installed by store_open only when ONWARD_FAULT is set: SQLite's
 * allocator wrapped so that the Nth allocation fails as onward's own do,
 * and a VFS shim over the default one whose writes, truncations and
 * syncs fail with SQLITE_IOERR when the Nth write comes.  So a test sees
 * exactly what an out-of-memory or a failing disk does to a save, a
 * merge or an export.  Never in use otherwise.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"
#include "store-int.h"

static sqlite3_mem_methods	 fault_mem;	/* SQLite's own */
static sqlite3_vfs		*fault_real;
static sqlite3_vfs		 fault_vfs;
static sqlite3_io_methods	 fault_io;

/* A file of the shim: the real one follows it in memory. */
struct fault_file {
	sqlite3_file	 base;
	sqlite3_file	*real;
};

static void *
fault_malloc(int n)
{
	return fault_alloc() ? NULL : fault_mem.xMalloc(n);
}

static void *
fault_realloc(void *p, int n)
{
	return fault_alloc() ? NULL : fault_mem.xRealloc(p, n);
}

#define REAL(f)	(((struct fault_file *)(f))->real)

static int
fault_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int
fault_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int
fault_xwrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	if (fault_write())
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int
fault_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (fault_write())
		return SQLITE_IOERR_TRUNCATE;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
fault_sync(sqlite3_file *f, int flags)
{
	if (fault_write())
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
fault_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
fault_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int
fault_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int
fault_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
fault_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
fault_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
fault_chars(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
fault_shm_map(sqlite3_file *f, int pg, int pgsz, int extend,
    void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int
fault_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
fault_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
fault_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

/* Opens through the real VFS; the shim's methods wrap the file's. */
static int
fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out)
{
	struct fault_file	*ff = (struct fault_file *)f;
	int			 rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->base.pMethods = NULL;
	rc = fault_real->xOpen(fault_real, name, ff->real, flags, out);
	if (rc == SQLITE_OK && ff->real->pMethods != NULL)
		ff->base.pMethods = &fault_io;
	return rc;
}

static int
fault_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return fault_real->xDelete(fault_real, name, sync);
}

static int
fault_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return fault_real->xAccess(fault_real, name, flags, out);
}

static int
fault_fullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return fault_real->xFullPathname(fault_real, name, n, out);
}

/* Puts the hooks in, once, before SQLite starts; see the top. */
void
store_fault_install(void)
{
	static bool		 done;
	sqlite3_mem_methods	 m;

	if (done || !fault_enabled())
		return;
	done = true;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &fault_mem) == SQLITE_OK) {
		m = fault_mem;
		m.xMalloc = fault_malloc;
		m.xRealloc = fault_realloc;
		(void)sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
	}
	if ((fault_real = sqlite3_vfs_find(NULL)) == NULL)
		return;
	fault_io.iVersion = 2;
	fault_io.xClose = fault_close;
	fault_io.xRead = fault_read;
	fault_io.xWrite = fault_xwrite;
	fault_io.xTruncate = fault_truncate;
	fault_io.xSync = fault_sync;
	fault_io.xFileSize = fault_size;
	fault_io.xLock = fault_lock;
	fault_io.xUnlock = fault_unlock;
	fault_io.xCheckReservedLock = fault_check_lock;
	fault_io.xFileControl = fault_control;
	fault_io.xSectorSize = fault_sector;
	fault_io.xDeviceCharacteristics = fault_chars;
	fault_io.xShmMap = fault_shm_map;
	fault_io.xShmLock = fault_shm_lock;
	fault_io.xShmBarrier = fault_shm_barrier;
	fault_io.xShmUnmap = fault_shm_unmap;
	fault_vfs = *fault_real;
	fault_vfs.zName = "onward-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) +
	    fault_real->szOsFile;
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = fault_open;
	fault_vfs.xDelete = fault_delete;
	fault_vfs.xAccess = fault_access;
	fault_vfs.xFullPathname = fault_fullpath;
	(void)sqlite3_vfs_register(&fault_vfs, 1);
}
