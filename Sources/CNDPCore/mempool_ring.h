/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): the lock-free MPMC ring behind a mempool.
 *
 * Producers and consumers each reserve a range with a CAS on their head, copy, then
 * publish by advancing their tail in reservation order (the DPDK/CNDP ring algorithm).
 * Head and tail are free-running 32-bit counters, so all `capacity` slots are usable.
 * Every operation is all-or-nothing.
 */
#ifndef _MEMPOOL_RING_H_
#define _MEMPOOL_RING_H_

#include <stdatomic.h>
#include <stdint.h>

#include <cne_common.h>

typedef struct {
    _Atomic uint32_t head; /* next slot to reserve */
    _Atomic uint32_t tail; /* slots before this are published */
} __cne_cache_aligned ring_headtail_t;

typedef struct mempool_ring {
    ring_headtail_t prod;
    ring_headtail_t cons;
    uint32_t capacity; /* a power of two */
    uint32_t mask;
    void *slots[];
} mempool_ring_t;

/** Makes an empty ring for at least `count` entries. @return NULL with errno on failure. */
mempool_ring_t *mempool_ring_create(uint32_t count);

void mempool_ring_free(mempool_ring_t *r);

/** Adds all n objects or none. @return n or 0. */
uint32_t mempool_ring_enqueue(mempool_ring_t *r, void *const *objs, uint32_t n);

/** Takes n objects or none. @return n or 0. */
uint32_t mempool_ring_dequeue(mempool_ring_t *r, void **objs, uint32_t n);

/** @return the number of published entries (a snapshot under concurrency). */
uint32_t mempool_ring_count(const mempool_ring_t *r);

#endif /* _MEMPOOL_RING_H_ */
