/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): the lock-free MPMC ring behind a mempool.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>

#include <cne_branch_prediction.h>

#include "mempool_ring.h"

#define MAX_RING_CAPACITY (1U << 31)

static inline void
cpu_relax(unsigned *spins)
{
    /* A preempted peer holds up the tail; after a while give it the CPU. */
    if (++*spins % 1024 == 0)
        sched_yield();
    else {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        __asm__ volatile("yield");
#endif
    }
}

mempool_ring_t *
mempool_ring_create(uint32_t count)
{
    mempool_ring_t *r;
    uint32_t cap = 1;

    if (count == 0 || count > MAX_RING_CAPACITY) {
        errno = EINVAL;
        return NULL;
    }
    while (cap < count)
        cap <<= 1;
    r = aligned_alloc(CNE_CACHE_LINE_SIZE,
                      CNE_CACHE_LINE_ROUNDUP(sizeof(*r) + (size_t)cap * sizeof(void *)));
    if (!r) {
        errno = ENOMEM;
        return NULL;
    }
    atomic_init(&r->prod.head, 0);
    atomic_init(&r->prod.tail, 0);
    atomic_init(&r->cons.head, 0);
    atomic_init(&r->cons.tail, 0);
    r->capacity = cap;
    r->mask     = cap - 1;
    return r;
}

void
mempool_ring_free(mempool_ring_t *r)
{
    free(r);
}

/* Publishes [old, next) once every earlier reservation has published. */
static inline void
publish(ring_headtail_t *ht, uint32_t old, uint32_t next)
{
    unsigned spins = 0;

    /* Acquire, so that our release below also carries the earlier publisher's writes. */
    while (atomic_load_explicit(&ht->tail, memory_order_acquire) != old)
        cpu_relax(&spins);
    atomic_store_explicit(&ht->tail, next, memory_order_release);
}

uint32_t
mempool_ring_enqueue(mempool_ring_t *r, void *const *objs, uint32_t n)
{
    uint32_t head = atomic_load_explicit(&r->prod.head, memory_order_relaxed);
    uint32_t next;

    if (unlikely(n == 0))
        return 0;
    do {
        uint32_t cons_tail = atomic_load_explicit(&r->cons.tail, memory_order_acquire);

        if (unlikely(n > r->capacity - (head - cons_tail)))
            return 0;
        next = head + n;
    } while (!atomic_compare_exchange_weak_explicit(&r->prod.head, &head, next,
                                                    memory_order_relaxed, memory_order_relaxed));

    for (uint32_t i = 0; i < n; i++)
        r->slots[(head + i) & r->mask] = objs[i];

    publish(&r->prod, head, next);
    return n;
}

uint32_t
mempool_ring_dequeue(mempool_ring_t *r, void **objs, uint32_t n)
{
    uint32_t head = atomic_load_explicit(&r->cons.head, memory_order_relaxed);
    uint32_t next;

    if (unlikely(n == 0))
        return 0;
    do {
        uint32_t prod_tail = atomic_load_explicit(&r->prod.tail, memory_order_acquire);

        if (unlikely(n > prod_tail - head))
            return 0;
        next = head + n;
    } while (!atomic_compare_exchange_weak_explicit(&r->cons.head, &head, next,
                                                    memory_order_relaxed, memory_order_relaxed));

    for (uint32_t i = 0; i < n; i++)
        objs[i] = r->slots[(head + i) & r->mask];

    publish(&r->cons, head, next);
    return n;
}

uint32_t
mempool_ring_count(const mempool_ring_t *r)
{
    mempool_ring_t *rw = (mempool_ring_t *)(uintptr_t)r;
    uint32_t cons_tail = atomic_load_explicit(&rw->cons.tail, memory_order_acquire);
    uint32_t prod_tail = atomic_load_explicit(&rw->prod.tail, memory_order_acquire);

    return prod_tail - cons_tail;
}
