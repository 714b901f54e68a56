/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance: mempool counts and bulk semantics.
 *
 * CNDP: lib/core/mempool/mempool.c (mempool_avail_count, mempool_in_use_count, mempool_full,
 * mempool_cache_len, mempool_generic_get / mempool_get_bulk).
 */
#include <errno.h>
#include <stdlib.h>

#include <cne.h>
#include <mempool.h>

#include "test.h"

static mempool_t *
make(uint32_t cnt, uint16_t cache)
{
    struct mempool_cfg cfg = {.objcnt = cnt, .objsz = 64, .cache_sz = cache};

    return mempool_create(&cfg);
}

/* mempool_avail_count returns mempool_ring_get_count: objects a registered thread put
 * into its per-thread cache are not counted, and so read as in use. */
TEST(conf_mempool_avail_count_is_the_ring_only)
{
    mempool_t *mp = make(1024, 64);
    void *objs[32];
    int uid = cne_id();

    REQUIRE(mp != NULL);
    CHECK_EQ(mempool_avail_count(mp), 1024);
    CHECK(mempool_full(mp));
    REQUIRE(mempool_get_bulk(mp, objs, 32) == 0);
    mempool_put_bulk(mp, objs, 32);
    CHECK(mempool_cache_len(mp, uid) > 0);
    CHECK_EQ(mempool_avail_count(mp) + (unsigned)mempool_cache_len(mp, uid), 1024);
    CHECK_EQ(mempool_in_use_count(mp), (unsigned)mempool_cache_len(mp, uid));
    CHECK(!mempool_full(mp));
    mempool_destroy(mp);
}

/* mempool_cache_len: -1 for a pool built without caches. */
TEST(conf_mempool_cache_len_without_cache)
{
    mempool_t *mp = make(64, 0);
    void *obj;

    REQUIRE(mp != NULL);
    CHECK_EQ(mempool_cache_len(mp, cne_id()), -1);
    REQUIRE(mempool_get(mp, &obj) == 0);
    CHECK_EQ(mempool_avail_count(mp), 63);
    mempool_put(mp, obj);
    CHECK(mempool_full(mp));
    mempool_destroy(mp);
}

/* mempool_get_bulk: all or nothing; a failed get takes nothing. */
TEST(conf_mempool_get_bulk_all_or_nothing)
{
    mempool_t *mp = make(100, 0);
    void *objs[101];

    REQUIRE(mp != NULL);
    CHECK(mempool_get_bulk(mp, objs, 101) < 0);
    CHECK_EQ(mempool_avail_count(mp), 100);
    CHECK_EQ(mempool_get_bulk(mp, objs, 100), 0);
    CHECK(mempool_empty(mp));
    mempool_put_bulk(mp, objs, 100);
    CHECK(mempool_full(mp));
    mempool_destroy(mp);
}
