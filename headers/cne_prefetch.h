/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: prefetch hints.
 */
#ifndef _CNE_PREFETCH_H_
#define _CNE_PREFETCH_H_

/** Prefetches a cache line into all cache levels. */
static inline void
cne_prefetch0(const volatile void *p)
{
    __builtin_prefetch((const void *)p, 0, 3);
}

/** Prefetches a cache line that will be written. */
static inline void
cne_prefetch0_write(const void *p)
{
    __builtin_prefetch(p, 1, 3);
}

#endif /* _CNE_PREFETCH_H_ */
