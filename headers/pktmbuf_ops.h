/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the operations a packet buffer pool dispatches through.
 */
#ifndef _PKTMBUF_OPS_H_
#define _PKTMBUF_OPS_H_

#include <stdint.h>

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct pktmbuf_info_s;
struct pktmbuf_s;

/** Builds the pool behind a pktmbuf_info_t (fills `pd`). @return 0 or -1. */
typedef int (*mbuf_ctor_t)(struct pktmbuf_info_s *pi);
/** Tears down what the constructor built. */
typedef void (*mbuf_dtor_t)(struct pktmbuf_info_s *pi);
/** Takes npkts buffers, all or nothing. @return npkts, or 0 when not enough are free. */
typedef int (*mbuf_alloc_t)(struct pktmbuf_info_s *pi, struct pktmbuf_s **pkts, uint16_t npkts);
/** Returns npkts buffers to the pool. */
typedef void (*mbuf_free_t)(struct pktmbuf_info_s *pi, struct pktmbuf_s **pkts, uint16_t npkts);

/** The operations of a pool; pktmbuf_set_default_ops fills in the mempool-backed ones. */
typedef struct mbuf_ops {
    mbuf_ctor_t mbuf_ctor;   /**< Initialize/Constructor function for pktmbuf setup */
    mbuf_dtor_t mbuf_dtor;   /**< Destroy/Deconstructor function for pktmbuf setup */
    mbuf_alloc_t mbuf_alloc; /**< Pointer to pktmbuf allocation routine */
    mbuf_free_t mbuf_free;   /**< pointer to pktmbuf free routine */
} mbuf_ops_t;

/** Copies the default, mempool-backed operations into `ops` (NULL is ignored). */
CNDP_API void pktmbuf_set_default_ops(mbuf_ops_t *ops);

#ifdef __cplusplus
}
#endif

#endif /* _PKTMBUF_OPS_H_ */
