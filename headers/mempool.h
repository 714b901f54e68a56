/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: fixed-size object pools.
 *
 * A mempool holds objcnt objects of objsz bytes in one contiguous area (the caller's or
 * its own). Free objects live in a lock-free multi-producer/multi-consumer ring; each
 * registered thread (see cne.h) also has a private cache of up to cache_sz objects in
 * front of the ring, so that most gets and puts touch no shared cache line. Threads that
 * are not registered go straight to the ring.
 */
#ifndef _CNE_MEMPOOL_H_
#define _CNE_MEMPOOL_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cne.h>
#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void mempool_t; /**< Opaque pointer for mempool */

/** Called for each object at creation. */
typedef void(mempool_obj_cb_t)(mempool_t *mp, void *opaque, void *obj, unsigned obj_idx);
typedef mempool_obj_cb_t mempool_obj_ctor_t; /* compat */

/** Called once for the pool at creation. */
typedef void(mempool_ctor_t)(mempool_t *, void *);

/** What mempool_create builds. */
typedef struct mempool_cfg {
    uint32_t objcnt;            /**< Number of objects to create */
    uint32_t objsz;             /**< Size of each object */
    uint16_t cache_sz;          /**< Per-thread cache size; 0 means no cache */
    char *addr;                 /**< Caller's memory of objcnt * objsz bytes, or NULL */
    mempool_ctor_t *mp_init;    /**< Function to call for initing mempool */
    mempool_obj_cb_t *obj_init; /**< Object function to call for each object */
    void *mp_init_arg;          /**< Argument for mp_init function */
    void *obj_init_arg;         /**< Argument to pass to obj_init function */
} mempool_cfg_t;

/**
 * Creates a pool, full.
 *
 * @return the pool, or NULL with errno EINVAL (NULL config, zero count or size, cache larger
 *   than MEMPOOL_CACHE_MAX_SIZE or than the object count, count above 2^31) or ENOMEM.
 */
CNDP_API mempool_t *mempool_create(struct mempool_cfg *cinfo);

/**
 * Frees the pool's bookkeeping, and its object memory when it allocated that itself.
 * NULL is ignored. Destroying a pool twice is undefined, as for free().
 */
CNDP_API void mempool_destroy(mempool_t *mp);

/**
 * Returns n objects to the pool. Objects must have come from this pool; the ring always
 * has room for all of them.
 */
CNDP_API void mempool_put_bulk(mempool_t *mp, void *const *obj_table, unsigned int n);

/** Returns one object to the pool. */
CNDP_API void mempool_put(mempool_t *mp, void *obj);

/**
 * Takes n objects, all or nothing.
 *
 * @return 0 with n objects in obj_table, or -1 with errno ENOENT when fewer than n are
 *   free (obj_table untouched), or EINVAL for bad arguments.
 */
CNDP_API int mempool_get_bulk(mempool_t *mp, void **obj_table, unsigned int n);

/** Takes one object. @return 0, or -1 as mempool_get_bulk. */
CNDP_API int mempool_get(mempool_t *mp, void **obj_p);

/**
 * @return the number of free objects in the shared ring, as CNDP counts them: objects in
 *   the per-thread caches are not included (add mempool_cache_len of every uid below
 *   cne_max_threads() for all free objects). A snapshot while other threads use the pool.
 */
CNDP_API unsigned int mempool_avail_count(const mempool_t *mp);

/** @return objcnt - mempool_avail_count (so objects in caches count as in use, as in CNDP). */
CNDP_API unsigned int mempool_in_use_count(const mempool_t *mp);

/** @return 1 when every object is in the ring (none out, none cached), else 0. */
CNDP_API int mempool_full(const mempool_t *mp);

/** @return 1 when the ring is empty (objects may still be cached), else 0. */
CNDP_API int mempool_empty(const mempool_t *mp);

/** @return the first object's address. */
CNDP_API void *mempool_buff_addr(mempool_t *mp);

/** @return the object count, or -1 for NULL. */
CNDP_API int mempool_objcnt(mempool_t *mp);

/** @return the object size, or -1 for NULL. */
CNDP_API int mempool_objsz(mempool_t *mp);

/** @return the per-thread cache size, or -1 for NULL. */
CNDP_API int mempool_cache_sz(mempool_t *mp);

/**
 * @return the number of objects in uid `idx`'s cache, or -1 for a bad pool or uid or a pool
 *   without caches (as CNDP).
 */
CNDP_API int mempool_cache_len(mempool_t *mp, int idx);

/** @return the index of `obj` in the pool, or -1 when it is not one of its objects. */
CNDP_API int mempool_obj_index(mempool_t *mp, void *obj);

/** @return the object at `idx`, or NULL when out of range. */
CNDP_API void *mempool_obj_at_index(mempool_t *mp, int idx);

/**
 * Calls obj_cb for every object, in index order.
 *
 * @return the number of objects visited.
 */
CNDP_API uint32_t mempool_obj_iter(mempool_t *mp, mempool_obj_cb_t *obj_cb, void *obj_cb_arg);

#ifdef __cplusplus
}
#endif

#endif /* _CNE_MEMPOOL_H_ */
