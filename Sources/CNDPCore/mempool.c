/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: fixed-size object pools with per-thread caches.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cne_branch_prediction.h>
#include <cne_log.h>
#include <mempool.h>

#include "cne_internal.h"
#include "live_set.h"
#include "mempool_ring.h"

/*
 * A cache is owned by the thread holding its uid; others only read `len` for counts, so it
 * is atomic with relaxed ordering (a plain load and store on x86).
 */
typedef struct mempool_cache {
    _Atomic uint32_t len;
    uint32_t capacity;
    void *objs[];
} mempool_cache_t;

typedef struct mempool {
    uint32_t objcnt;
    uint32_t objsz;
    uint32_t cache_sz;
    uint32_t flush_threshold; /* a cache this full gives back down to cache_sz */
    char *objs;
    bool owns_objs;
    mempool_ring_t *ring;
    char *caches;        /* CNE_MAX_THREADS caches, cache_stride bytes apart, or NULL */
    size_t cache_stride;
} mempool_internal_t;

static live_set_t live_pools = LIVE_SET_INITIALIZER;

static void flush_uid_caches(int uid);

/* A thread that leaves gives its cached objects back, or they would be stranded until its
 * uid was reused. */
CNE_INIT_PRIO(mempool_register_release_hook, THREAD)
{
    (void)cne_add_uid_release_hook(flush_uid_caches);
}

static inline mempool_cache_t *
cache_of(const mempool_internal_t *mp)
{
    int uid;

    if (!mp->caches || !cne_check_registration())
        return NULL;
    uid = cne_id();
    return (mempool_cache_t *)(mp->caches + (size_t)uid * mp->cache_stride);
}

static void
release(mempool_internal_t *mp)
{
    if (mp->owns_objs)
        free(mp->objs);
    free(mp->caches);
    mempool_ring_free(mp->ring);
    free(mp);
}

static int
validate(const struct mempool_cfg *c)
{
    if (!c || c->objcnt == 0 || c->objsz == 0 || c->objcnt > (1U << 31) ||
        c->cache_sz > MEMPOOL_CACHE_MAX_SIZE || c->cache_sz > c->objcnt ||
        (uint64_t)c->objcnt * c->objsz > (uint64_t)SIZE_MAX / 2)
        return -1;
    return 0;
}

static int
alloc_caches(mempool_internal_t *mp)
{
    /* Room for a full cache plus the largest put that still goes through it. */
    uint32_t capacity = mp->flush_threshold + mp->cache_sz;

    mp->cache_stride =
        CNE_CACHE_LINE_ROUNDUP(sizeof(mempool_cache_t) + capacity * sizeof(void *));
    /* calloc of this size is a fresh zeroed mapping: pages of caches never used cost nothing. */
    mp->caches = calloc(CNE_MAX_THREADS, mp->cache_stride);
    if (!mp->caches)
        return -1;
    for (int uid = 0; uid < CNE_MAX_THREADS; uid++)
        ((mempool_cache_t *)(mp->caches + (size_t)uid * mp->cache_stride))->capacity = capacity;
    return 0;
}

mempool_t *
mempool_create(struct mempool_cfg *cinfo)
{
    mempool_internal_t *mp;
    size_t bytes;

    if (validate(cinfo) < 0) {
        errno = EINVAL;
        return NULL;
    }
    mp = calloc(1, sizeof(*mp));
    if (!mp)
        goto nomem;
    mp->objcnt          = cinfo->objcnt;
    mp->objsz           = cinfo->objsz;
    mp->cache_sz        = cinfo->cache_sz;
    mp->flush_threshold = cinfo->cache_sz + cinfo->cache_sz / 2;

    bytes = (size_t)mp->objcnt * mp->objsz;
    if (cinfo->addr) {
        mp->objs = cinfo->addr;
    } else {
        mp->objs      = aligned_alloc(CNE_CACHE_LINE_SIZE, CNE_CACHE_LINE_ROUNDUP(bytes));
        mp->owns_objs = true;
        if (!mp->objs)
            goto nomem;
    }
    mp->ring = mempool_ring_create(mp->objcnt);
    if (!mp->ring)
        goto nomem;
    if (mp->cache_sz && alloc_caches(mp) < 0)
        goto nomem;

    if (cinfo->mp_init)
        cinfo->mp_init(mp, cinfo->mp_init_arg);
    for (uint32_t i = 0; i < mp->objcnt; i++) {
        void *obj = mp->objs + (size_t)i * mp->objsz;

        if (cinfo->obj_init)
            cinfo->obj_init(mp, cinfo->obj_init_arg, obj, i);
        mempool_ring_enqueue(mp->ring, &obj, 1);
    }
    if (live_set_add(&live_pools, mp) < 0)
        goto nomem;
    return mp;

nomem:
    if (mp)
        release(mp);
    errno = ENOMEM;
    return NULL;
}

void
mempool_destroy(mempool_t *mp)
{
    if (!mp)
        return;
    if (!live_set_remove(&live_pools, mp)) {
        errno = EINVAL;
        return;
    }
    release(mp);
}

static inline void
cache_flush(mempool_internal_t *mp, mempool_cache_t *c, uint32_t len)
{
    /* Keep the cache_sz most recently used objects, give back the rest. */
    mempool_ring_enqueue(mp->ring, &c->objs[mp->cache_sz], len - mp->cache_sz);
    atomic_store_explicit(&c->len, mp->cache_sz, memory_order_relaxed);
}

void
mempool_put_bulk(mempool_t *_mp, void *const *obj_table, unsigned int n)
{
    mempool_internal_t *mp = _mp;
    mempool_cache_t *c;
    uint32_t len;

    if (unlikely(!mp || !obj_table || n == 0))
        return;
#ifndef NDEBUG
    for (unsigned int i = 0; i < n; i++)
        CNE_ASSERT(mempool_obj_index(mp, obj_table[i]) >= 0);
#endif
    c = cache_of(mp);
    if (unlikely(!c || n > mp->cache_sz)) {
        uint32_t done = mempool_ring_enqueue(mp->ring, obj_table, n);

        CNE_ASSERT(done == n); /* more puts than objects: a double free */
        (void)done;
        return;
    }
    len = atomic_load_explicit(&c->len, memory_order_relaxed);
    memcpy(&c->objs[len], obj_table, n * sizeof(void *));
    len += n;
    if (len >= mp->flush_threshold)
        cache_flush(mp, c, len);
    else
        atomic_store_explicit(&c->len, len, memory_order_relaxed);
}

void
mempool_put(mempool_t *mp, void *obj)
{
    mempool_put_bulk(mp, &obj, 1);
}

int
mempool_get_bulk(mempool_t *_mp, void **obj_table, unsigned int n)
{
    mempool_internal_t *mp = _mp;
    mempool_cache_t *c;
    uint32_t len;

    if (unlikely(!mp || !obj_table || n == 0)) {
        errno = EINVAL;
        return -1;
    }
    c = cache_of(mp);
    if (unlikely(!c || n > mp->cache_sz)) {
        if (mempool_ring_dequeue(mp->ring, obj_table, n) != n)
            goto empty;
        return 0;
    }
    len = atomic_load_explicit(&c->len, memory_order_relaxed);
    if (len < n) {
        /* Refill to cache_sz after this get; failing that, to exactly what it needs. */
        uint32_t want = mp->cache_sz + n - len;

        if (mempool_ring_dequeue(mp->ring, &c->objs[len], want) == want)
            len += want;
        else if (mempool_ring_dequeue(mp->ring, &c->objs[len], n - len) == n - len)
            len = n;
        else
            goto empty;
    }
    /* Hand out the most recently put objects first: they are warm in cache. */
    for (unsigned int i = 0; i < n; i++)
        obj_table[i] = c->objs[len - 1 - i];
    atomic_store_explicit(&c->len, len - n, memory_order_relaxed);
    return 0;

empty:
    errno = ENOENT;
    return -1;
}

int
mempool_get(mempool_t *mp, void **obj_p)
{
    return mempool_get_bulk(mp, obj_p, 1);
}

/*
 * The objects in the shared ring only, as CNDP counts them (lib/core/mempool/mempool.c,
 * mempool_avail_count returns mempool_ring_get_count): objects in the threads' caches are
 * free but not counted, so in_use, full and empty read the ring too. The caches are read
 * one by one with mempool_cache_len.
 */
unsigned int
mempool_avail_count(const mempool_t *_mp)
{
    const mempool_internal_t *mp = _mp;
    uint64_t count;

    if (!mp)
        return 0;
    count = mempool_ring_count(mp->ring);
    return count > mp->objcnt ? mp->objcnt : (unsigned int)count;
}

unsigned int
mempool_in_use_count(const mempool_t *mp)
{
    if (!mp)
        return 0;
    return ((const mempool_internal_t *)mp)->objcnt - mempool_avail_count(mp);
}

int
mempool_full(const mempool_t *mp)
{
    return mp && mempool_avail_count(mp) == ((const mempool_internal_t *)mp)->objcnt;
}

int
mempool_empty(const mempool_t *mp)
{
    return mp && mempool_avail_count(mp) == 0;
}

void *
mempool_buff_addr(mempool_t *mp)
{
    return mp ? ((mempool_internal_t *)mp)->objs : NULL;
}

int
mempool_objcnt(mempool_t *mp)
{
    return mp ? (int)((mempool_internal_t *)mp)->objcnt : -1;
}

int
mempool_objsz(mempool_t *mp)
{
    return mp ? (int)((mempool_internal_t *)mp)->objsz : -1;
}

int
mempool_cache_sz(mempool_t *mp)
{
    return mp ? (int)((mempool_internal_t *)mp)->cache_sz : -1;
}

int
mempool_cache_len(mempool_t *_mp, int idx)
{
    mempool_internal_t *mp = _mp;

    /* CNDP: -1 for a pool without caches too. */
    if (!mp || !mp->caches || idx < 0 || idx >= CNE_MAX_THREADS)
        return -1;
    return (int)atomic_load_explicit(
        &((mempool_cache_t *)(mp->caches + (size_t)idx * mp->cache_stride))->len,
        memory_order_relaxed);
}

int
mempool_obj_index(mempool_t *_mp, void *obj)
{
    mempool_internal_t *mp = _mp;
    uintptr_t off;

    if (!mp || (char *)obj < mp->objs)
        return -1;
    off = (uintptr_t)((char *)obj - mp->objs);
    if (off % mp->objsz || off / mp->objsz >= mp->objcnt)
        return -1;
    return (int)(off / mp->objsz);
}

void *
mempool_obj_at_index(mempool_t *_mp, int idx)
{
    mempool_internal_t *mp = _mp;

    if (!mp || idx < 0 || (uint32_t)idx >= mp->objcnt)
        return NULL;
    return mp->objs + (size_t)idx * mp->objsz;
}

uint32_t
mempool_obj_iter(mempool_t *_mp, mempool_obj_cb_t *obj_cb, void *obj_cb_arg)
{
    mempool_internal_t *mp = _mp;

    if (!mp || !obj_cb)
        return 0;
    for (uint32_t i = 0; i < mp->objcnt; i++)
        obj_cb(mp, obj_cb_arg, mp->objs + (size_t)i * mp->objsz, i);
    return mp->objcnt;
}

static void
flush_uid_caches(int uid)
{
    pthread_mutex_lock(&live_pools.lock);
    for (size_t i = 0; i < live_pools.count; i++) {
        mempool_internal_t *mp = (mempool_internal_t *)(uintptr_t)live_pools.items[i];
        mempool_cache_t *c;
        uint32_t len;

        if (!mp->caches)
            continue;
        c   = (mempool_cache_t *)(mp->caches + (size_t)uid * mp->cache_stride);
        len = atomic_load_explicit(&c->len, memory_order_relaxed);
        if (len) {
            mempool_ring_enqueue(mp->ring, c->objs, len);
            atomic_store_explicit(&c->len, 0, memory_order_relaxed);
        }
    }
    pthread_mutex_unlock(&live_pools.lock);
}
