/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool, one thread: creation, caches, exhaustion, return to full, bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mempool.h>

#include "test.h"
#include "test_pool.h"

static mempool_t *
make_pool(uint32_t objcnt, uint32_t objsz, uint16_t cache_sz, char *addr)
{
    mempool_cfg_t cfg = {.objcnt = objcnt, .objsz = objsz, .cache_sz = cache_sz, .addr = addr};

    return mempool_create(&cfg);
}

static int
pointers_unique(void **objs, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = i + 1; j < n; j++)
            if (objs[i] == objs[j])
                return 0;
    return 1;
}

TEST(mempool_create_full_and_geometry)
{
    mempool_t *mp = make_pool(1000, 128, 32, NULL);

    REQUIRE(mp != NULL);
    CHECK_EQ(mempool_objcnt(mp), 1000);
    CHECK_EQ(mempool_objsz(mp), 128);
    CHECK_EQ(mempool_cache_sz(mp), 32);
    CHECK_EQ(mempool_avail_count(mp), 1000);
    CHECK_EQ(mempool_in_use_count(mp), 0);
    CHECK(mempool_full(mp));
    CHECK(!mempool_empty(mp));
    CHECK_EQ((uintptr_t)mempool_buff_addr(mp) % 64, 0);
    CHECK_PTR_EQ(mempool_obj_at_index(mp, 3), (char *)mempool_buff_addr(mp) + 3 * 128);
    CHECK_EQ(mempool_obj_index(mp, mempool_obj_at_index(mp, 999)), 999);
    CHECK_EQ(mempool_obj_index(mp, (char *)mempool_buff_addr(mp) + 5), -1);
    CHECK_EQ(mempool_obj_index(mp, (char *)mempool_buff_addr(mp) + 1000 * 128), -1);
    CHECK_PTR_EQ(mempool_obj_at_index(mp, 1000), NULL);
    CHECK_PTR_EQ(mempool_obj_at_index(mp, -1), NULL);
    mempool_destroy(mp);
}

TEST(mempool_uses_callers_memory)
{
    char *area    = aligned_alloc(64, 64 * 256);
    mempool_t *mp = make_pool(64, 256, 0, area);
    void *obj;

    REQUIRE(mp != NULL);
    CHECK_PTR_EQ(mempool_buff_addr(mp), area);
    CHECK_EQ(mempool_get(mp, &obj), 0);
    CHECK(mempool_obj_index(mp, obj) >= 0);
    CHECK((char *)obj >= area && (char *)obj < area + 64 * 256);
    mempool_put(mp, obj);
    mempool_destroy(mp);
    free(area); /* still ours: the pool did not take it */
}

TEST(mempool_cache_absorbs_small_bursts)
{
    mempool_t *mp = make_pool(1024, 64, 64, NULL);
    void *objs[32];
    int uid = cne_id();

    REQUIRE(mp != NULL);
    CHECK_EQ(mempool_cache_len(mp, uid), 0);
    CHECK_EQ(mempool_get_bulk(mp, objs, 32), 0);
    CHECK(pointers_unique(objs, 32));
    /* The first get refilled the cache to cache_sz after taking 32. */
    CHECK_EQ(mempool_cache_len(mp, uid), 64);
    /* The ring alone is counted, as in CNDP: 1024 - 32 taken - 64 cached. */
    CHECK_EQ(mempool_avail_count(mp), 1024 - 32 - 64);
    CHECK_EQ(test_pool_free(mp), 1024 - 32);
    mempool_put_bulk(mp, objs, 32);
    /* 64 + 32 reached the flush threshold (1.5 * 64): the cache gave back down to 64. */
    CHECK_EQ(mempool_cache_len(mp, uid), 64);
    CHECK_EQ(mempool_avail_count(mp), 1024 - 64);
    CHECK_EQ(mempool_in_use_count(mp), 64); /* cached objects read as in use */
    CHECK(!mempool_full(mp));
    CHECK(test_pool_all_free(mp));
    /* Last in, first out: the object just put is the next one out. */
    CHECK_EQ(mempool_get(mp, &objs[0]), 0);
    mempool_put(mp, objs[0]);
    CHECK_EQ(mempool_get(mp, &objs[1]), 0);
    CHECK_PTR_EQ(objs[0], objs[1]);
    mempool_put(mp, objs[1]);
    mempool_destroy(mp);
}

TEST(mempool_exhaustion_is_all_or_nothing)
{
    enum { N = 300 };
    mempool_t *mp = make_pool(N, 64, 32, NULL);
    void **objs   = calloc(N + 1, sizeof(void *));
    void *extra[8];
    unsigned got = 0;

    REQUIRE(mp != NULL && objs != NULL);
    /* Bursts of 7 drain the pool through the cache until fewer than 7 remain. */
    while (got + 7 <= N) {
        REQUIRE(mempool_get_bulk(mp, &objs[got], 7) == 0);
        got += 7;
    }
    CHECK_EQ(test_pool_free(mp), N - got);
    memset(extra, 0, sizeof(extra));
    CHECK_ERRNO(mempool_get_bulk(mp, extra, 7), -1, ENOENT);
    for (int i = 0; i < 8; i++)
        CHECK_PTR_EQ(extra[i], NULL); /* untouched on failure */
    /* What is left can still be taken, exactly. */
    CHECK_EQ(mempool_get_bulk(mp, &objs[got], N - got), 0);
    got = N;
    CHECK(mempool_empty(mp));
    CHECK_EQ(mempool_in_use_count(mp), N);
    CHECK_ERRNO(mempool_get(mp, &objs[N]), -1, ENOENT);
    CHECK(pointers_unique(objs, N));
    /* Return in odd-sized pieces, through cache and ring. */
    for (unsigned i = 0; i < N;) {
        unsigned n = (N - i) < 45 ? (N - i) : 45;

        mempool_put_bulk(mp, &objs[i], n);
        i += n;
    }
    CHECK(test_pool_all_free(mp));
    mempool_destroy(mp);
    free(objs);
}

TEST(mempool_large_bursts_bypass_the_cache)
{
    mempool_t *mp = make_pool(512, 64, 16, NULL);
    void *objs[256];

    REQUIRE(mp != NULL);
    CHECK_EQ(mempool_get_bulk(mp, objs, 256), 0);
    CHECK_EQ(mempool_cache_len(mp, cne_id()), 0);
    CHECK_EQ(mempool_avail_count(mp), 256);
    mempool_put_bulk(mp, objs, 256);
    CHECK_EQ(mempool_cache_len(mp, cne_id()), 0);
    CHECK(mempool_full(mp));
    mempool_destroy(mp);
}

static void
count_obj(mempool_t *mp, void *opaque, void *obj, unsigned idx)
{
    unsigned *seen = opaque;

    if (mempool_obj_index(mp, obj) == (int)idx)
        (*seen)++;
}

TEST(mempool_obj_init_and_iter)
{
    unsigned seen = 0, inited = 0;
    mempool_cfg_t cfg = {.objcnt = 50, .objsz = 64, .obj_init = count_obj, .obj_init_arg = &inited};
    mempool_t *mp = mempool_create(&cfg);

    REQUIRE(mp != NULL);
    CHECK_EQ(inited, 50);
    CHECK_EQ(mempool_obj_iter(mp, count_obj, &seen), 50);
    CHECK_EQ(seen, 50);
    mempool_destroy(mp);
}

TEST(mempool_bad_input)
{
    mempool_cfg_t cfg = {.objcnt = 10, .objsz = 64};
    mempool_t *mp;
    void *obj = NULL;

    CHECK_ERRNO(mempool_create(NULL), 0, EINVAL);
    cfg.objcnt = 0;
    CHECK_ERRNO(mempool_create(&cfg), 0, EINVAL);
    cfg.objcnt = 10;
    cfg.objsz  = 0;
    CHECK_ERRNO(mempool_create(&cfg), 0, EINVAL);
    cfg.objsz    = 64;
    cfg.cache_sz = MEMPOOL_CACHE_MAX_SIZE + 1;
    CHECK_ERRNO(mempool_create(&cfg), 0, EINVAL);
    cfg.cache_sz = 11; /* larger than the pool */
    CHECK_ERRNO(mempool_create(&cfg), 0, EINVAL);
    cfg.cache_sz = 0;
    cfg.objcnt   = UINT32_MAX;
    CHECK_ERRNO(mempool_create(&cfg), 0, EINVAL);
    /* Absurd but representable: allocation fails cleanly. */
    cfg.objcnt = 1U << 31;
    cfg.objsz  = 1U << 31;
    CHECK_ERRNO(mempool_create(&cfg), 0, ENOMEM);

    CHECK_ERRNO(mempool_get_bulk(NULL, &obj, 1), -1, EINVAL);
    CHECK_EQ(mempool_objcnt(NULL), -1);
    CHECK_EQ(mempool_avail_count(NULL), 0);
    CHECK_EQ(mempool_full(NULL), 0);
    mempool_put_bulk(NULL, &obj, 1); /* ignored */

    mp = make_pool(10, 64, 0, NULL);
    REQUIRE(mp != NULL);
    CHECK_ERRNO(mempool_get_bulk(mp, NULL, 1), -1, EINVAL);
    CHECK_ERRNO(mempool_get_bulk(mp, &obj, 0), -1, EINVAL);
    CHECK_EQ(mempool_cache_len(mp, -1), -1);
    CHECK_EQ(mempool_cache_len(mp, CNE_MAX_THREADS), -1);
    mempool_destroy(mp);
    errno = 0;
    mempool_destroy(mp); /* double destroy is refused, not a double free */
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    mempool_destroy(NULL);
    CHECK_EQ(errno, 0);
}
