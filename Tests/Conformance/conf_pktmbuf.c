/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance: pktmbuf pools.
 *
 * CNDP: lib/core/pktmbuf/pktmbuf.h (pktmbuf_alloc_bulk, pktmbuf_free_bulk, pktmbuf_reset),
 * lib/core/pktmbuf/pktmbuf.c (pktmbuf_pool_create, pktmbuf_iterate).
 */
#include <stdlib.h>

#include <cne_mmap.h>
#include <mempool.h>
#include <pktmbuf.h>

#include "test.h"
#include "test_pool.h"

/* pktmbuf_alloc_bulk is all or nothing (mempool_get_bulk): n or 0, nothing taken on 0;
 * every buffer comes reset (CNE_PKTMBUF_HEADROOM, no data, refcnt 1). */
TEST(conf_pktmbuf_alloc_bulk_all_or_nothing)
{
    mmap_t *mm = mmap_alloc(64, 2048, MMAP_HUGEPAGE_4KB);
    pktmbuf_info_t *pi;
    pktmbuf_t *m[65];

    REQUIRE(mm != NULL);
    pi = pktmbuf_pool_create(mmap_addr(mm), 64, 2048, 0, NULL);
    REQUIRE(pi != NULL);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, m, 65), 0);
    CHECK(test_pool_all_free(pi->pd));
    CHECK_EQ(pktmbuf_alloc_bulk(pi, m, 64), 64);
    for (int i = 0; i < 64; i++) {
        CHECK_EQ(pktmbuf_data_len(m[i]), 0);
        CHECK_EQ(pktmbuf_data_off(m[i]), CNE_PKTMBUF_HEADROOM);
        CHECK_EQ(pktmbuf_refcnt_read(m[i]), 1);
        CHECK_PTR_EQ(m[i]->pooldata, pi);
    }
    CHECK_EQ(test_pool_free(pi->pd), 0);
    pktmbuf_free_bulk(m, 64);
    CHECK(test_pool_all_free(pi->pd));
    pktmbuf_destroy(pi);
    mmap_free(mm);
}
