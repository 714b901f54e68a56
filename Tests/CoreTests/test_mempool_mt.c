/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool, many threads: caches per thread, no object lost or handed out twice.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <mempool.h>

#include "test.h"
#include "test_pool.h"

enum { OBJCNT = 4096, ROUNDS = 3000, THREADS = 4 };

typedef struct {
    mempool_t *mp;
    unsigned burst;
    int register_thread;
    _Atomic int errors;
    _Atomic unsigned long gets;
} mt_ctx_t;

/* Each object carries an owner word: a second owner at once would be a double hand-out. */
static void *
churn(void *arg)
{
    mt_ctx_t *ctx = arg;
    void *objs[256];
    unsigned long me = (unsigned long)pthread_self();

    if (ctx->register_thread && cne_register("churn") < 0) {
        ctx->errors++;
        return NULL;
    }
    for (int r = 0; r < ROUNDS; r++) {
        unsigned n = ctx->burst;

        if (mempool_get_bulk(ctx->mp, objs, n) != 0) {
            if (errno != ENOENT)
                ctx->errors++;
            continue;
        }
        ctx->gets += n;
        for (unsigned i = 0; i < n; i++) {
            unsigned long prev = __atomic_exchange_n((unsigned long *)objs[i], me, __ATOMIC_ACQ_REL);

            if (prev != 0)
                ctx->errors++;
        }
        for (unsigned i = 0; i < n; i++)
            __atomic_store_n((unsigned long *)objs[i], 0UL, __ATOMIC_RELEASE);
        mempool_put_bulk(ctx->mp, objs, n);
    }
    if (ctx->register_thread)
        cne_unregister(cne_id());
    return NULL;
}

static void
run_churn(unsigned burst, uint16_t cache_sz, int register_threads)
{
    mempool_cfg_t cfg = {.objcnt = OBJCNT, .objsz = 64, .cache_sz = cache_sz};
    mt_ctx_t ctx = {.burst = burst, .register_thread = register_threads};
    pthread_t t[THREADS];

    ctx.mp = mempool_create(&cfg);
    REQUIRE(ctx.mp != NULL);
    memset(mempool_buff_addr(ctx.mp), 0, (size_t)OBJCNT * 64);
    for (int i = 0; i < THREADS; i++)
        REQUIRE(pthread_create(&t[i], NULL, churn, &ctx) == 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ(ctx.errors, 0);
    CHECK(ctx.gets > 0);
    /* Objects left in exited threads' caches still count as available. */
    CHECK_EQ(mempool_avail_count(ctx.mp), OBJCNT);
    CHECK(test_pool_all_free(ctx.mp));
    mempool_destroy(ctx.mp);
}

TEST_MT(mempool_mt_cached_burst_32)
{
    run_churn(32, 256, 1);
}

TEST_MT(mempool_mt_cached_burst_256)
{
    run_churn(256, 256, 1);
}

TEST_MT(mempool_mt_uncached_ring_only)
{
    /* Unregistered threads bypass the caches and hit the ring directly. */
    run_churn(32, 256, 0);
}

TEST_MT(mempool_mt_small_pool_contention)
{
    /* Bursts that often find the pool empty: failures must be clean ENOENTs. */
    mempool_cfg_t cfg = {.objcnt = 600, .objsz = 64, .cache_sz = 64};
    mt_ctx_t ctx = {.burst = 100, .register_thread = 1};
    pthread_t t[THREADS];

    ctx.mp = mempool_create(&cfg);
    REQUIRE(ctx.mp != NULL);
    memset(mempool_buff_addr(ctx.mp), 0, 600 * 64);
    for (int i = 0; i < THREADS; i++)
        REQUIRE(pthread_create(&t[i], NULL, churn, &ctx) == 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ(ctx.errors, 0);
    CHECK(test_pool_all_free(ctx.mp));
    mempool_destroy(ctx.mp);
}

typedef struct {
    mempool_t *mp;
    int uid;
    int cached;
    int unregister_explicitly;
} leaver_t;

static void *
cache_then_leave(void *arg)
{
    leaver_t *l = arg;
    void *objs[8];

    l->uid = cne_register("leaver");
    if (l->uid < 0 || mempool_get_bulk(l->mp, objs, 8) != 0)
        return NULL;
    mempool_put_bulk(l->mp, objs, 8); /* they stay in this thread's cache */
    l->cached = mempool_cache_len(l->mp, l->uid);
    if (l->unregister_explicitly)
        cne_unregister(l->uid);
    return NULL; /* or exit registered: the uid is released on exit */
}

static void
check_cache_returned_when_thread_leaves(int unregister_explicitly)
{
    mempool_cfg_t cfg = {.objcnt = 64, .objsz = 64, .cache_sz = 32};
    leaver_t l = {.uid = -1, .unregister_explicitly = unregister_explicitly};
    void *all[64];
    pthread_t t;

    l.mp = mempool_create(&cfg);
    REQUIRE(l.mp != NULL);
    REQUIRE(pthread_create(&t, NULL, cache_then_leave, &l) == 0);
    pthread_join(t, NULL);
    REQUIRE(l.uid >= 0);
    CHECK(l.cached > 0);
    CHECK_EQ(mempool_cache_len(l.mp, l.uid), 0);
    /* Nothing stranded: this thread can take every object. */
    CHECK_EQ(mempool_get_bulk(l.mp, all, 64), 0);
    mempool_put_bulk(l.mp, all, 64);
    CHECK(test_pool_all_free(l.mp));
    mempool_destroy(l.mp);
}

TEST_MT(mempool_mt_cache_returned_on_unregister)
{
    check_cache_returned_when_thread_leaves(1);
}

TEST_MT(mempool_mt_cache_returned_on_thread_exit)
{
    check_cache_returned_when_thread_leaves(0);
}
