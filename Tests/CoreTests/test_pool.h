/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: how many objects of a pool are free, caches included.
 *
 * mempool_avail_count counts the shared ring only, as CNDP's does; objects a thread freed
 * into its cache are free too. "Everything came back" is therefore ring plus caches.
 */
#ifndef _TEST_POOL_H_
#define _TEST_POOL_H_

#include <stdbool.h>

#include <cne.h>
#include <mempool.h>

/** @return the free objects of mp: its ring and every uid's cache. */
static inline unsigned int
test_pool_free(mempool_t *mp)
{
    unsigned int n = mempool_avail_count(mp);

    for (int uid = 0; uid < cne_max_threads(); uid++) {
        int len = mempool_cache_len(mp, uid);

        if (len > 0)
            n += (unsigned int)len;
    }
    return n;
}

/** @return true when every object of mp is free (in the ring or a cache). */
static inline bool
test_pool_all_free(mempool_t *mp)
{
    return mp && test_pool_free(mp) == (unsigned int)mempool_objcnt(mp);
}

#endif
