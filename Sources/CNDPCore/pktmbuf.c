/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: packet buffer pools.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pktmbuf.h>

_Static_assert(sizeof(pktmbuf_t) == 64, "pktmbuf_t is one cache line");
_Static_assert(_Alignof(pktmbuf_t) == 64, "pktmbuf_t is cache aligned");
_Static_assert(offsetof(pktmbuf_t, data_off) == 24, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, data_len) == 30, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, packet_type) == 32, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, refcnt) == 36, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, tx_offload) == 40, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, ol_flags) == 48, "CNDP layout");
_Static_assert(offsetof(pktmbuf_t, userptr) == 56, "CNDP layout");
_Static_assert(sizeof(pktmbuf_info_t) == 112, "CNDP layout");
_Static_assert(offsetof(pktmbuf_info_t, ops) == 56, "CNDP layout");
_Static_assert(offsetof(pktmbuf_info_t, metadata) == 104, "CNDP layout");

/* buf_len is a uint16_t: at most 65535 bytes of room (so 65536 is the largest multiple of 64). */
#define MAX_BUFSZ (UINT16_MAX + sizeof(pktmbuf_t))

/* Pools alive in this process; pktmbuf_destroy refuses anything else. */
static TAILQ_HEAD(, pktmbuf_info_s) pools = TAILQ_HEAD_INITIALIZER(pools);
static pthread_mutex_t pools_lock = PTHREAD_MUTEX_INITIALIZER;

/* What the pool owns beyond CNDP's struct, kept behind it so its layout stays CNDP's. */
typedef struct {
    pktmbuf_info_t info; /* first: a pktmbuf_info_t* is a pool_t* */
    void *owned_area;    /* the buffer area when the pool allocated it, else NULL */
} pool_t;

int
pktmbuf_pool_cfg(pktmbuf_pool_cfg_t *c, void *addr, uint32_t bufcnt, uint32_t bufsz,
                 uint32_t cache_sz, void *metadata, uint32_t metadata_bufsz, mbuf_ops_t *ops)
{
    if (!c) {
        errno = EINVAL;
        return -1;
    }
    memset(c, 0, sizeof(*c));
    c->addr           = addr;
    c->bufcnt         = bufcnt;
    c->bufsz          = bufsz;
    c->cache_sz       = cache_sz;
    c->metadata       = metadata;
    c->metadata_bufsz = metadata_bufsz;
    c->ops            = ops;
    return 0;
}

static int
check_geometry(uint32_t bufcnt, uint32_t bufsz)
{
    if (bufsz % CNE_CACHE_LINE_SIZE || bufsz <= sizeof(pktmbuf_t) || bufsz > MAX_BUFSZ ||
        bufcnt > (1U << 31) || (uint64_t)bufcnt * bufsz > (uint64_t)SIZE_MAX / 2)
        return -1;
    return 0;
}

static int
init_buffer(pktmbuf_info_t *pi, pktmbuf_t *m, uint32_t sz, uint32_t idx, void *ud)
{
    (void)ud;
    memset(m, 0, sizeof(*m));
    m->pooldata   = pi;
    m->buf_addr   = (char *)m + sizeof(pktmbuf_t);
    m->buf_len    = (uint16_t)(sz - sizeof(pktmbuf_t));
    m->meta_index = idx;
    pktmbuf_refcnt_set(m, 1);
    pktmbuf_reset(m);
    return 0;
}

static void
release_pool(pool_t *pool)
{
    free(pool->owned_area);
    free(pool);
}

pktmbuf_info_t *
pktmbuf_pool_cfg_create(const pktmbuf_pool_cfg_t *cfg)
{
    pool_t *pool;
    pktmbuf_info_t *pi;
    uint32_t bufcnt, bufsz, cache_sz;

    if (!cfg)
        goto invalid;
    bufcnt   = cfg->bufcnt ? cfg->bufcnt : DEFAULT_MBUF_COUNT;
    bufsz    = cfg->bufsz ? cfg->bufsz : DEFAULT_MBUF_SIZE;
    cache_sz = cfg->cache_sz ? cfg->cache_sz : MEMPOOL_CACHE_MAX_SIZE;
    cache_sz = CNE_MIN(cache_sz, (uint32_t)MEMPOOL_CACHE_MAX_SIZE);
    cache_sz = CNE_MIN(cache_sz, bufcnt);
    if (check_geometry(bufcnt, bufsz) < 0 || (uintptr_t)cfg->addr % CNE_CACHE_LINE_SIZE ||
        (cfg->metadata && cfg->metadata_bufsz == 0))
        goto invalid;

    pool = calloc(1, sizeof(*pool));
    if (!pool)
        goto nomem;
    pi = &pool->info;
    pi->addr = cfg->addr;
    if (!pi->addr) {
        pool->owned_area = aligned_alloc(CNE_CACHE_LINE_SIZE, (size_t)bufcnt * bufsz);
        if (!pool->owned_area) {
            release_pool(pool);
            goto nomem;
        }
        pi->addr = pool->owned_area;
    }
    pi->bufcnt         = bufcnt;
    pi->bufsz          = bufsz;
    pi->cache_sz       = cache_sz;
    pi->metadata       = cfg->metadata;
    pi->metadata_bufsz = cfg->metadata ? cfg->metadata_bufsz : 0;
    pktmbuf_set_default_ops(&pi->ops);
    if (cfg->ops)
        pi->ops = *cfg->ops;

    if (!pi->ops.mbuf_ctor || !pi->ops.mbuf_alloc || !pi->ops.mbuf_free) {
        release_pool(pool);
        goto invalid;
    }
    if (pktmbuf_iterate(pi, init_buffer, NULL) != 0 || pi->ops.mbuf_ctor(pi) != 0) {
        int saved = errno;

        release_pool(pool);
        errno = saved ? saved : ENOMEM;
        return NULL;
    }

    pthread_mutex_lock(&pools_lock);
    TAILQ_INSERT_TAIL(&pools, pi, next);
    pthread_mutex_unlock(&pools_lock);
    return pi;

invalid:
    errno = EINVAL;
    return NULL;
nomem:
    errno = ENOMEM;
    return NULL;
}

pktmbuf_info_t *
pktmbuf_pool_create(char *addr, uint32_t bufcnt, uint32_t bufsz, uint32_t cache_sz,
                    mbuf_ops_t *ops)
{
    pktmbuf_pool_cfg_t cfg;

    pktmbuf_pool_cfg(&cfg, addr, bufcnt, bufsz, cache_sz, NULL, 0, ops);
    return pktmbuf_pool_cfg_create(&cfg);
}

static bool
unlink_pool(pktmbuf_info_t *pi)
{
    pktmbuf_info_t *p;
    bool found = false;

    pthread_mutex_lock(&pools_lock);
    TAILQ_FOREACH (p, &pools, next) {
        if (p == pi) {
            TAILQ_REMOVE(&pools, pi, next);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&pools_lock);
    return found;
}

void
pktmbuf_destroy(pktmbuf_info_t *pi)
{
    if (!pi)
        return;
    if (!unlink_pool(pi)) {
        errno = EINVAL;
        return;
    }
    if (pi->ops.mbuf_dtor)
        pi->ops.mbuf_dtor(pi);
    release_pool((pool_t *)pi);
}

int
pktmbuf_iterate(pktmbuf_info_t *pi, pktmbuf_cb_t cb, void *ud)
{
    if (!pi || !cb || !pi->addr) {
        errno = EINVAL;
        return -1;
    }
    for (uint32_t i = 0; i < pi->bufcnt; i++) {
        pktmbuf_t *m = (pktmbuf_t *)((char *)pi->addr + (size_t)i * pi->bufsz);
        int ret      = cb(pi, m, pi->bufsz, i, ud);

        if (ret)
            return ret;
    }
    return 0;
}

int
pktmbuf_check(const pktmbuf_t *m, int is_header, const char **reason)
{
    const char *why = NULL;

    (void)is_header;
    if (!m)
        why = "mbuf is NULL";
    else if (!m->pooldata)
        why = "no pool";
    else if (!m->buf_addr)
        why = "buffer address is NULL";
    else if ((uint32_t)m->data_off + m->data_len > m->buf_len)
        why = "data extends past the buffer";
    else if (pktmbuf_refcnt_read(m) == 0)
        why = "reference count is zero";
    if (reason)
        *reason = why;
    return why ? -1 : 0;
}

pktmbuf_t *
pktmbuf_copy(const pktmbuf_t *m, pktmbuf_info_t *pi, uint32_t offset, uint32_t length)
{
    pktmbuf_t *copy;

    if (!m || !pi || (uint64_t)offset + length > m->data_len) {
        errno = EINVAL;
        return NULL;
    }
    copy = pktmbuf_alloc(pi);
    if (!copy) {
        errno = ENOBUFS;
        return NULL;
    }
    if (!pktmbuf_write(pktmbuf_mtod_offset(m, const char *, offset), length, copy, 0)) {
        pktmbuf_free(copy);
        errno = EINVAL; /* the destination pool's buffers are too small */
        return NULL;
    }
    copy->lport       = m->lport;
    copy->packet_type = m->packet_type;
    copy->ol_flags    = m->ol_flags;
    copy->hash        = m->hash;
    return copy;
}
