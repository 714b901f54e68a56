/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: packet buffers.
 *
 * A buffer is a 64-byte pktmbuf_t header followed by buf_len bytes of room; the packet
 * occupies [data_off, data_off + data_len) of that room. Buffers come from a pool
 * (pktmbuf_info_t) over one contiguous area of bufcnt * bufsz bytes, and go back to it
 * when their reference count drops to zero.
 *
 * The layout of pktmbuf_t is CNDP's, byte for byte, because inline code and the kernel
 * descriptor math depend on it. The inline functions below are the hot path: they check
 * their pointer preconditions with CNE_ASSERT (debug builds only), and every function that
 * changes a length checks its bounds always and fails without changing anything.
 */
#ifndef _PKTMBUF_H_
#define _PKTMBUF_H_

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <cne_branch_prediction.h>
#include <cne_common.h>
#include <cne_log.h>
#include <cne_mmap.h>
#include <cne_prefetch.h>
#include <mempool.h>
#include <pktmbuf_offload.h>
#include <pktmbuf_ops.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    DEFAULT_BURST_SIZE   = 64,          /**< Default burst size */
    DEFAULT_MBUF_COUNT   = (16 * 1024), /**< Default mbuf count */
    DEFAULT_MBUF_SIZE    = 2048,        /**< Default mbuf size data + sizeof(pktmbuf_t) + extra */
    PKTMBUF_PENDING_SZ   = 128,         /**< Size of the pending free mbuf pointers */
    PKTMBUF_INFO_NAME_SZ = 24,          /**< Size of the the info name */
};

struct pktmbuf_info_s;
struct pktmbuf_s;

/** Everything pktmbuf_pool_cfg_create needs. */
typedef struct pktmbuf_pool_cfg {
    char *addr;              /**< Pointer to the address of the pktmbuf buffers */
    uint32_t bufcnt;         /**< Number of buffers in the pool */
    uint32_t bufsz;          /**< Size of each buffer in the pool */
    uint32_t cache_sz;       /**< Size of the cache for each thread */
    uint32_t metadata_bufsz; /**< The size of each metadata buffer */
    char *metadata;          /**< Pointer to the metadata buffers */
    mbuf_ops_t *ops;         /**< pktmbuf operation functions */
} pktmbuf_pool_cfg_t;

/** A pool of packet buffers. */
typedef struct pktmbuf_info_s {
    TAILQ_ENTRY(pktmbuf_info_s) next; /**< Next pktmbuf_info structure entry */
    char name[PKTMBUF_INFO_NAME_SZ];  /**< pktmbuf_info name string can be empty */
    void *addr;                       /**< Address of pktmbuf array */
    void *pd;                         /**< Pool data pointer i.e. mempool pointer like value */
    mbuf_ops_t ops;                   /**< pktmbuf functions pointers */
    uint32_t bufcnt;                  /**< Number of buffers created */
    uint32_t bufsz;                   /**< Size of each buffer */
    uint32_t cache_sz;                /**< Cache size if needed for allocation cache */
    uint32_t metadata_bufsz;          /**< Size of of metadata buffers */
    char *metadata;                   /**< Pointer to metadata buffers */
} pktmbuf_info_t;

#define CNE_MBUF_DEFAULT_DATAROOM (2 * 1024)
#define CNE_MBUF_DEFAULT_BUF_SIZE CNE_MBUF_DEFAULT_DATAROOM

/** The header of a packet buffer. */
struct pktmbuf_s {
    void *pooldata;      /**< pktmbuf information pool data pointer */
    void *buf_addr;      /**< Virtual address of segment buffer */
    uint32_t hash;       /**< Hash value */
    uint32_t meta_index; /**< Index into the metadata array if present */
    uint16_t data_off;   /**< Data offset */
    uint16_t lport;      /**< RX lport number */
    uint16_t buf_len;    /**< Length of segment buffer - sizeof(pktmbuf_t) */
    uint16_t data_len;   /**< Amount of data in segment buffer */

    /* L2/L3/L4 and tunnel types of the data really present in the buffer. */
    CNE_STD_C11
    union {
        uint32_t packet_type; /**< L2/L3/L4 and tunnel information. */
        CNE_STD_C11
        struct {
            uint8_t l2_type : 4;  /**< (Outer) L2 type. */
            uint8_t l3_type : 4;  /**< (Outer) L3 type. */
            uint8_t l4_type : 4;  /**< (Outer) L4 type. */
            uint8_t tun_type : 4; /**< Tunnel type. */
            CNE_STD_C11
            union {
                uint8_t inner_esp_next_proto; /**< ESP next protocol type */
                CNE_STD_C11
                struct {
                    uint8_t inner_l2_type : 4; /**< Inner L2 type. */
                    uint8_t inner_l3_type : 4; /**< Inner L3 type. */
                };
            };
            uint8_t inner_l4_type : 4; /**< Inner L4 type. */
        };
    };

    /* Reference count: only through pktmbuf_refcnt_read/set/update. */
    CNE_STD_C11
    union {
        CNE_ATOMIC(uint_least16_t) refcnt_atomic; /**< Atomically accessed refcnt */
        uint16_t refcnt;                          /**< Non-atomically accessed refcnt */
    };

    uint16_t rsvd16;

    /* Fields to support TX offloads. */
    CNE_STD_C11
    union {
        uint64_t tx_offload; /**< combined for easy fetch */
        CNE_STD_C11
        struct {
            uint64_t l2_len : CNE_MBUF_L2_LEN_BITS;       /**< L2 (MAC) Header Length. */
            uint64_t l3_len : CNE_MBUF_L3_LEN_BITS;       /**< L3 (IP) Header Length. */
            uint64_t l4_len : CNE_MBUF_L4_LEN_BITS;       /**< L4 (TCP/UDP) Header Length. */
            uint64_t tso_segsz : CNE_MBUF_TSO_SEGSZ_BITS; /**< TCP TSO segment size */
            uint64_t outer_l3_len : CNE_MBUF_OUTL3_LEN_BITS; /**< Outer L3 (IP) Hdr Length. */
            uint64_t outer_l2_len : CNE_MBUF_OUTL2_LEN_BITS; /**< Outer L2 (MAC) Hdr Length. */
        };
    };

    uint64_t ol_flags; /**< Offload flags */

    CNE_STD_C11
    union {               /**< Extra user supplied data or pointer to data */
        void *userptr;    /**< 64bit user supplied pointer (optional) */
        uint64_t udata64; /**< 64bit data value (optional) */
    };
} __cne_cache_aligned;

typedef struct pktmbuf_s pktmbuf_t;

/** Default headroom: the part of the XDP headroom the header does not take. */
#define CNE_PKTMBUF_HEADROOM (XDP_PKT_HEADROOM - sizeof(pktmbuf_t))

/** Value of pktmbuf_t.lport for a buffer not received on any lport. */
#define CNE_MBUF_INVALID_PORT UINT16_MAX

/** Helps pktmbuf_free_bulk batch buffers by pool. */
typedef struct pktmbuf_pending {
    uint16_t nb_pending; /**< The number of current pending mbufs in thr pending array */
    uint16_t pending_sz; /**< Max number of mbufs that can be held in the pending array */
    void *pooldata;      /**< The current pool pointer for the mbufs in the pending array */
    pktmbuf_t *pending[PKTMBUF_PENDING_SZ]; /**< array of mbufs to be freed */
} pktmbuf_pending_t;

/**
 * Frees a pool made by pktmbuf_pool_create: runs the destructor and frees the area when the
 * pool allocated it. NULL is ignored. Buffers still out are lost to the caller.
 */
CNDP_API void pktmbuf_destroy(pktmbuf_info_t *pi);

/**
 * Creates a pool of bufcnt buffers of bufsz bytes over `addr`.
 *
 * @param addr
 *   bufcnt * bufsz bytes, 64-byte aligned, that outlive the pool; NULL to let the pool
 *   allocate (and later free) the area itself.
 * @param bufcnt
 *   Buffer count; 0 selects DEFAULT_MBUF_COUNT.
 * @param bufsz
 *   Buffer size including the 64-byte header: a multiple of 64, at most 65536 (buf_len is
 *   a uint16_t);
 *   0 selects DEFAULT_MBUF_SIZE.
 * @param cache_sz
 *   Per-thread cache size; 0 selects MEMPOOL_CACHE_MAX_SIZE; larger values are clamped to it,
 *   and to the buffer count.
 * @param ops
 *   Operations to use instead of the defaults, or NULL.
 * @return
 *   The pool, or NULL with errno EINVAL for a bad size or alignment, or ENOMEM.
 */
CNDP_API pktmbuf_info_t *pktmbuf_pool_create(char *addr, uint32_t bufcnt, uint32_t bufsz,
                                             uint32_t cache_sz, mbuf_ops_t *ops);

/** Like pktmbuf_pool_create, from a config (which may add metadata buffers). */
CNDP_API pktmbuf_info_t *pktmbuf_pool_cfg_create(const pktmbuf_pool_cfg_t *cfg);

/**
 * Fills a pool config. @return 0, or -1 with errno EINVAL for a NULL config.
 */
CNDP_API int pktmbuf_pool_cfg(pktmbuf_pool_cfg_t *c, void *addr, uint32_t bufcnt, uint32_t bufsz,
                              uint32_t cache_sz, void *metadata, uint32_t metadata_bufsz,
                              mbuf_ops_t *ops);

/** Visits each buffer of a pool; a non-zero return stops the walk. */
typedef int (*pktmbuf_cb_t)(pktmbuf_info_t *pi, pktmbuf_t *buf, uint32_t sz, uint32_t idx,
                            void *ud);

/**
 * Calls cb for every buffer of the pool in address order.
 *
 * @return 0, the first non-zero value cb returned, or -1 with errno EINVAL for NULL.
 */
CNDP_API int pktmbuf_iterate(pktmbuf_info_t *pi, pktmbuf_cb_t cb, void *ud);

/**
 * Checks a buffer header for consistency.
 *
 * @return 0 when sane, else -1 with a static explanation in *reason (when not NULL).
 */
CNDP_API int pktmbuf_check(const pktmbuf_t *m, int is_header, const char **reason);

/* Field accessors, as in CNDP. */
#define pktmbuf_hash(m)       ((m)->hash)
#define pktmbuf_pooldata(m)   ((m)->pooldata)
#define pktmbuf_buf_addr(m)   ((m)->buf_addr)
#define pktmbuf_port(m)       ((m)->lport)
#define pktmbuf_buf_len(m)    ((m)->buf_len)
#define pktmbuf_tx_offload(m) ((m)->tx_offload)
#define pktmbuf_userptr(m)    ((m)->userptr)
#define pktmbuf_udata64(m)    ((m)->udata64)
#define pktmbuf_data_len(m)   ((m)->data_len)
#define pktmbuf_data_off(m)   ((m)->data_off)
#define pktmbuf_refcnt(m)     ((m)->refcnt)
#define pktmbuf_meta_index(m) ((m)->meta_index)

/** A pointer of type t to byte o of the packet data. */
#define pktmbuf_mtod_offset(m, t, o) \
    ((t)((char *)pktmbuf_buf_addr(m) + pktmbuf_data_off(m) + (o)))

/** A pointer of type t to the start of the packet data. */
#define pktmbuf_mtod(m, t) pktmbuf_mtod_offset(m, t, 0)

/** Prefetches the buffer header. */
static inline void
pktmbuf_prefetch(pktmbuf_t *m)
{
    cne_prefetch0(m);
}

/** @return the reference count. Precondition: m is not NULL. */
static inline uint16_t
pktmbuf_refcnt_read(const pktmbuf_t *m)
{
    CNE_ASSERT(m != NULL);
    return (uint16_t)atomic_load_explicit(&((pktmbuf_t *)(uintptr_t)m)->refcnt_atomic,
                                          memory_order_relaxed);
}

/** Sets the reference count. Precondition: m is not NULL. */
static inline void
pktmbuf_refcnt_set(pktmbuf_t *m, uint16_t new_value)
{
    CNE_ASSERT(m != NULL);
    atomic_store_explicit(&m->refcnt_atomic, new_value, memory_order_relaxed);
}

/** Adds `value` atomically, always. @return the new count. */
static inline uint16_t
__pktmbuf_refcnt_update(pktmbuf_t *m, int16_t value)
{
    return (uint16_t)(atomic_fetch_add_explicit(&m->refcnt_atomic, (uint_least16_t)value,
                                                memory_order_acq_rel) +
                      (uint_least16_t)value);
}

/**
 * Adds `value` to the reference count. Precondition: m is not NULL.
 *
 * @return the new count.
 */
static inline uint16_t
pktmbuf_refcnt_update(pktmbuf_t *m, int16_t value)
{
    CNE_ASSERT(m != NULL);
    /* The sole owner may skip the atomic read-modify-write. */
    if (likely(pktmbuf_refcnt_read(m) == 1)) {
        uint16_t v = (uint16_t)(1 + value);
        pktmbuf_refcnt_set(m, v);
        return v;
    }
    return __pktmbuf_refcnt_update(m, value);
}

/** Copies at most PKTMBUF_INFO_NAME_SZ - 1 characters of str (NULL clears). */
static inline void
pktmbuf_info_name_set(pktmbuf_info_t *pi, const char *str)
{
    if (!pi)
        return;
    memset(pi->name, 0, sizeof(pi->name));
    for (size_t i = 0; str && i < sizeof(pi->name) - 1 && str[i]; i++)
        pi->name[i] = str[i];
}

/** @return the pool's name, or NULL for NULL. */
static inline const char *
pktmbuf_info_name_get(pktmbuf_info_t *pi)
{
    return (!pi) ? NULL : pi->name;
}

/** Sets data_off to the default headroom (or buf_len when smaller). */
static inline void
pktmbuf_reset_headroom(pktmbuf_t *m)
{
    CNE_ASSERT(m != NULL);
    m->data_off = (uint16_t)CNE_MIN((uint16_t)CNE_PKTMBUF_HEADROOM, (uint16_t)pktmbuf_buf_len(m));
}

/** Resets headroom, length, port, type, offloads and hash. Precondition: m is not NULL. */
static inline void
pktmbuf_reset(pktmbuf_t *m)
{
    pktmbuf_reset_headroom(m);
    pktmbuf_data_len(m) = 0;
    pktmbuf_port(m)     = CNE_MBUF_INVALID_PORT;
    m->packet_type      = 0;
    m->tx_offload       = 0;
    m->ol_flags         = 0;
    m->hash             = 0;
}

/**
 * Allocates `count` buffers, all or nothing, each reset.
 *
 * @return count; 0 when fewer are free (mbufs untouched) or count is 0; -EINVAL for a NULL
 *   pool or array, or a count above UINT16_MAX (CNDP silently truncated it).
 */
static inline int
pktmbuf_alloc_bulk(pktmbuf_info_t *pi, pktmbuf_t **mbufs, unsigned count)
{
    if (unlikely(!pi || !mbufs || count > UINT16_MAX))
        return -EINVAL;
    if (unlikely(count == 0))
        return 0;
    return pi->ops.mbuf_alloc(pi, mbufs, (uint16_t)count);
}

/** Allocates one buffer, reset. @return the buffer, or NULL. */
static inline pktmbuf_t *
pktmbuf_alloc(pktmbuf_info_t *pi)
{
    pktmbuf_t *m = NULL;

    if (pktmbuf_alloc_bulk(pi, &m, 1) <= 0)
        return NULL;
    pktmbuf_reset(m);
    return m;
}

/**
 * Drops one reference.
 *
 * @return m when that was the last reference (its count is back to 1, ready to be pooled),
 *   else NULL.
 */
static __cne_always_inline pktmbuf_t *
pktmbuf_refcnt_free(pktmbuf_t *m)
{
    if (m) {
        if (likely(pktmbuf_refcnt_read(m) == 1))
            return m;
        if (__pktmbuf_refcnt_update(m, -1) == 0) {
            pktmbuf_refcnt_set(m, 1);
            return m;
        }
    }
    return NULL;
}

/** Drops a reference and returns the buffer to its pool on the last one. NULL is ignored. */
static __cne_always_inline void
pktmbuf_free(pktmbuf_t *m)
{
    m = pktmbuf_refcnt_free(m);
    if (likely(m != NULL)) {
        pktmbuf_info_t *pi = (pktmbuf_info_t *)m->pooldata;

        pi->ops.mbuf_free(pi, &m, 1);
    }
}

static __cne_always_inline void
__pktmbuf_flush_pending(pktmbuf_pending_t *p)
{
    pktmbuf_info_t *pi = (pktmbuf_info_t *)p->pooldata;

    pi->ops.mbuf_free(pi, p->pending, p->nb_pending);
    p->nb_pending = 0;
}

static __cne_always_inline void
__pktmbuf_free_bulk(pktmbuf_pending_t *p, pktmbuf_t *m)
{
    m = pktmbuf_refcnt_free(m);
    if (likely(m != NULL)) {
        if (p->nb_pending == p->pending_sz || (p->nb_pending > 0 && m->pooldata != p->pooldata))
            __pktmbuf_flush_pending(p);
        p->pooldata                 = m->pooldata;
        p->pending[p->nb_pending++] = m;
    }
}

/**
 * Frees `count` buffers, batching the ones of each pool. NULL entries (anywhere, the first
 * included) are skipped.
 */
static inline void
pktmbuf_free_bulk(pktmbuf_t **mbufs, unsigned int count)
{
    pktmbuf_pending_t pend;

    if (unlikely(!mbufs || count == 0))
        return;
    pend.nb_pending = 0;
    pend.pending_sz = PKTMBUF_PENDING_SZ;
    pend.pooldata   = NULL;
    for (unsigned int idx = 0; idx < count; idx++)
        __pktmbuf_free_bulk(&pend, mbufs[idx]);
    if (pend.nb_pending)
        __pktmbuf_flush_pending(&pend);
}

/**
 * Copies `length` bytes from byte `offset` of m's data into a new buffer from pi.
 *
 * @return the copy, or NULL (EINVAL for a range outside the data, ENOBUFS when pi is empty).
 */
CNDP_API pktmbuf_t *pktmbuf_copy(const pktmbuf_t *m, pktmbuf_info_t *pi, uint32_t offset,
                                 uint32_t length);

/** @return the bytes before the data. Precondition: m is not NULL. */
static inline uint16_t
pktmbuf_headroom(const pktmbuf_t *m)
{
    CNE_ASSERT(m != NULL);
    return pktmbuf_data_off(m);
}

/** @return the bytes after the data. Precondition: m is not NULL and consistent. */
static inline uint16_t
pktmbuf_tailroom(const pktmbuf_t *m)
{
    uint32_t used;

    CNE_ASSERT(m != NULL);
    used = (uint32_t)pktmbuf_data_off(m) + pktmbuf_data_len(m);
    /* A corrupt header (data past the buffer) has no tailroom, not 65k of it. */
    return used >= pktmbuf_buf_len(m) ? 0 : (uint16_t)(pktmbuf_buf_len(m) - used);
}

/** @return the first byte after the data. */
static inline char *
pktmbuf_mtod_last(const pktmbuf_t *m)
{
    CNE_ASSERT(m != NULL);
    return pktmbuf_mtod_offset(m, char *, pktmbuf_data_len(m));
}

/** @return the first byte after the buffer. */
static inline char *
pktmbuf_mtod_end(const pktmbuf_t *m)
{
    CNE_ASSERT(m != NULL);
    return (char *)CNE_PTR_ADD((char *)(uintptr_t)m, pktmbuf_buf_len(m) + sizeof(pktmbuf_t));
}

/**
 * Grows the data by `len` bytes at the front.
 *
 * @return the new start of the data, or NULL (nothing changed) when len exceeds the headroom.
 */
static inline char *
pktmbuf_prepend(pktmbuf_t *m, uint16_t len)
{
    CNE_ASSERT(m != NULL);
    if (unlikely(len > pktmbuf_headroom(m)))
        return NULL;
    pktmbuf_data_off(m) = (uint16_t)(pktmbuf_data_off(m) - len);
    pktmbuf_data_len(m) = (uint16_t)(pktmbuf_data_len(m) + len);
    return pktmbuf_mtod(m, char *);
}

/**
 * Moves the start of the data: a positive len drops len bytes from the front, a negative len
 * claims |len| bytes of headroom.
 *
 * @return the new start of the data, or NULL (nothing changed) when out of range.
 */
static inline char *
pktmbuf_adj_offset(pktmbuf_t *m, int16_t len)
{
    uint16_t alen = (uint16_t)(len < 0 ? -(int32_t)len : len);

    CNE_ASSERT(m != NULL);
    if (likely(len >= 0)) {
        if (unlikely(alen > pktmbuf_data_len(m)))
            return NULL;
        pktmbuf_data_off(m) = (uint16_t)(pktmbuf_data_off(m) + alen);
        pktmbuf_data_len(m) = (uint16_t)(pktmbuf_data_len(m) - alen);
    } else {
        if (unlikely(alen > pktmbuf_data_off(m)))
            return NULL;
        pktmbuf_data_off(m) = (uint16_t)(pktmbuf_data_off(m) - alen);
        pktmbuf_data_len(m) = (uint16_t)(pktmbuf_data_len(m) + alen);
    }
    return pktmbuf_mtod(m, char *);
}

#define pktmbuf_adjust(m, t, len) (t) pktmbuf_adj_offset(m, len)

/**
 * Grows the data by `len` bytes at the end.
 *
 * @return the first added byte, or NULL (nothing changed) when len exceeds the tailroom.
 */
static inline char *
pktmbuf_append(pktmbuf_t *m, uint16_t len)
{
    char *tail;

    CNE_ASSERT(m != NULL);
    if (unlikely(len > pktmbuf_tailroom(m)))
        return NULL;
    tail = pktmbuf_mtod_offset(m, char *, pktmbuf_data_len(m));
    pktmbuf_data_len(m) = (uint16_t)(pktmbuf_data_len(m) + len);
    return tail;
}

/**
 * Drops `len` bytes from the end of the data.
 *
 * @return 0, or -1 (nothing changed) when len exceeds the data length.
 */
static inline int
pktmbuf_trim(pktmbuf_t *m, uint16_t len)
{
    CNE_ASSERT(m != NULL);
    if (unlikely(len > pktmbuf_data_len(m)))
        return -1;
    pktmbuf_data_len(m) = (uint16_t)(pktmbuf_data_len(m) - len);
    return 0;
}

/**
 * Reads `len` bytes from byte `off` of the data.
 *
 * The buffer is one segment, so the bytes are always contiguous: the return value points
 * into the packet and `buf` is unused (kept for CNDP's signature).
 *
 * @return a pointer to the bytes, or NULL when [off, off + len) is not inside the data.
 */
static inline const void *
pktmbuf_read(const pktmbuf_t *m, uint32_t off, uint32_t len, void *buf)
{
    (void)buf;
    CNE_ASSERT(m != NULL);
    if (unlikely((uint64_t)off + len > pktmbuf_data_len(m)))
        return NULL;
    return pktmbuf_mtod_offset(m, const char *, off);
}

/**
 * Copies `len` bytes from `buf` to byte `off` of the data, growing the data length when the
 * write ends past it (it never shrinks it).
 *
 * Fixes CNDP, which compared off + len with the tailroom alone: any write that fits in the
 * buffer succeeds, one that would run past the buffer fails. A write that starts past the
 * data (headers built out of order, as CNDP allows) zeroes the gap, so no stale bytes of an
 * earlier packet become part of this one.
 *
 * @return the written bytes in the packet, or NULL (nothing changed).
 */
static inline const void *
pktmbuf_write(const void *buf, uint32_t len, pktmbuf_t *m, uint32_t off)
{
    char *dst;
    uint16_t data_len;

    CNE_ASSERT(m != NULL);
    data_len = pktmbuf_data_len(m);
    if (unlikely((uint64_t)off + len > (uint64_t)data_len + pktmbuf_tailroom(m)))
        return NULL;
    if (unlikely(len > 0 && buf == NULL))
        return NULL;
    dst = pktmbuf_mtod_offset(m, char *, off);
    if (off > data_len)
        memset(pktmbuf_mtod_offset(m, char *, data_len), 0, off - data_len);
    if (len)
        memmove(dst, buf, len);
    if (off + len > data_len)
        pktmbuf_data_len(m) = (uint16_t)(off + len);
    return dst;
}

/** @return the data room of each buffer of the pool behind mp. */
static inline uint16_t
pktmbuf_data_room_size(mempool_t *mp)
{
    return (uint16_t)(mempool_objsz(mp) - (int)sizeof(pktmbuf_t));
}

/** @return the metadata buffer of m, or NULL when its pool has none. */
static inline void *
pktmbuf_metadata(const pktmbuf_t *m)
{
    pktmbuf_info_t *pi;

    CNE_ASSERT(m != NULL);
    pi = (pktmbuf_info_t *)m->pooldata;
    if (!pi || !pi->metadata || pi->metadata_bufsz == 0)
        return NULL;
    return pi->metadata + (size_t)pktmbuf_meta_index(m) * pi->metadata_bufsz;
}

/** @return the size of each metadata buffer of m's pool, or -1 when it has none. */
static inline int32_t
pktmbuf_metadata_bufsz(const pktmbuf_t *m)
{
    pktmbuf_info_t *pi;

    CNE_ASSERT(m != NULL);
    pi = (pktmbuf_info_t *)m->pooldata;
    if (!pi || !pi->metadata)
        return -1;
    return (int32_t)pi->metadata_bufsz;
}

#ifdef __cplusplus
}
#endif

#endif /* _PKTMBUF_H_ */
