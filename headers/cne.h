/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the thread registry.
 *
 * Every thread that allocates or frees buffers registers first. Registration gives the
 * thread a small integer id (its uid) kept in thread-local storage; mempool caches and
 * per-thread statistics are indexed by it. The thread that loads the library is
 * registered at load time as "Initial", as CNDP does.
 */
#ifndef _CNE_H_
#define _CNE_H_

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    CNE_MAX_THREADS = 512, /**< Number of uids, and so of threads registered at once. */
};

/**
 * Initialises the registry (idempotent; the loader already ran it).
 *
 * @return the uid of the initial thread.
 */
CNDP_API int cne_init(void);

/** @return the uid registered for the thread that loaded the library. */
CNDP_API int cne_initial_uid(void);

/**
 * Registers the calling thread.
 *
 * @param name
 *   A name for diagnostics, copied (at most CNE_NAME_LEN - 1 characters kept); may be NULL.
 * @return
 *   The caller's uid (0 .. CNE_MAX_THREADS - 1). A thread that is already registered gets
 *   its existing uid. -1 with errno ENOSPC when every uid is taken.
 */
CNDP_API int cne_register(const char *name);

/**
 * Releases the caller's uid.
 *
 * Unlike CNDP, a thread can only release its own uid (CNDP cleared the caller's
 * thread-local id even for another thread's uid, and let two live threads share one). A
 * thread that exits while registered has its uid released automatically.
 *
 * @return 0, or -1 with errno EINVAL for a uid out of range or not in use, or EPERM for a
 *   uid that another live thread holds. Releasing the initial uid is a successful no-op,
 *   as in CNDP.
 */
CNDP_API int cne_unregister(int tidx);

/** @return the caller's uid, or -1 with errno EPERM when the caller is not registered. */
CNDP_API int cne_id(void);

/** @return 1 if the calling thread is registered, 0 if not. */
CNDP_API int cne_check_registration(void);

/** @return CNE_MAX_THREADS. */
CNDP_API int cne_max_threads(void);

/** @return the number of uids in use. */
CNDP_API int cne_active_threads(void);

/** Attaches a private pointer to uid `tidx`. @return 0, or -1 with errno EINVAL. */
CNDP_API int cne_set_private(int tidx, void *v);

/** Reads the private pointer of uid `tidx` into `*v`. @return 0, or -1 with errno EINVAL. */
CNDP_API int cne_get_private(int tidx, void **v);

#ifdef __cplusplus
}
#endif

#endif /* _CNE_H_ */
