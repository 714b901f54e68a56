/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the default, mempool-backed pool operations.
 */
#include <errno.h>
#include <string.h>

#include <mempool.h>
#include <pktmbuf.h>

static int
default_ctor(pktmbuf_info_t *pi)
{
    mempool_cfg_t cfg = {
        .objcnt   = pi->bufcnt,
        .objsz    = pi->bufsz,
        .cache_sz = (uint16_t)pi->cache_sz,
        .addr     = pi->addr,
    };

    pi->pd = mempool_create(&cfg);
    return pi->pd ? 0 : -1;
}

static void
default_dtor(pktmbuf_info_t *pi)
{
    mempool_destroy(pi->pd);
    pi->pd = NULL;
}

static int
default_alloc(pktmbuf_info_t *pi, pktmbuf_t **pkts, uint16_t npkts)
{
    if (mempool_get_bulk(pi->pd, (void **)pkts, npkts) != 0)
        return 0;
    for (uint16_t i = 0; i < npkts; i++)
        pktmbuf_reset(pkts[i]);
    return npkts;
}

static void
default_free(pktmbuf_info_t *pi, pktmbuf_t **pkts, uint16_t npkts)
{
    mempool_put_bulk(pi->pd, (void *const *)pkts, npkts);
}

static const mbuf_ops_t default_ops = {
    .mbuf_ctor  = default_ctor,
    .mbuf_dtor  = default_dtor,
    .mbuf_alloc = default_alloc,
    .mbuf_free  = default_free,
};

void
pktmbuf_set_default_ops(mbuf_ops_t *ops)
{
    if (ops)
        memcpy(ops, &default_ops, sizeof(*ops));
}
