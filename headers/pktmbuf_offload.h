/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: offload field widths and flags of pktmbuf_t.
 */
#ifndef _PKTMBUF_OFFLOAD_H_
#define _PKTMBUF_OFFLOAD_H_

#include <stdint.h>

/* Bit widths of the tx_offload bitfields. */
#define CNE_MBUF_L2_LEN_BITS    7
#define CNE_MBUF_L3_LEN_BITS    9
#define CNE_MBUF_L4_LEN_BITS    8
#define CNE_MBUF_TSO_SEGSZ_BITS 16
#define CNE_MBUF_OUTL3_LEN_BITS 9
#define CNE_MBUF_OUTL2_LEN_BITS 7
#define CNE_MBUF_TXOFLD_UNUSED_BITS                                                 \
    (sizeof(uint64_t) * 8 - CNE_MBUF_L2_LEN_BITS - CNE_MBUF_L3_LEN_BITS -          \
     CNE_MBUF_L4_LEN_BITS - CNE_MBUF_TSO_SEGSZ_BITS - CNE_MBUF_OUTL3_LEN_BITS -    \
     CNE_MBUF_OUTL2_LEN_BITS)

/* Receive offload flags (ol_flags). */
#define CNE_MBUF_F_RX_VLAN           (1ULL << 0)
#define CNE_MBUF_F_RX_RSS_HASH       (1ULL << 1)
#define CNE_MBUF_F_RX_IP_CKSUM_BAD   (1ULL << 4)
#define CNE_MBUF_F_RX_IP_CKSUM_GOOD  (1ULL << 7)
#define CNE_MBUF_F_RX_IP_CKSUM_NONE  ((1ULL << 4) | (1ULL << 7))
#define CNE_MBUF_F_RX_IP_CKSUM_MASK  ((1ULL << 4) | (1ULL << 7))
#define CNE_MBUF_F_RX_L4_CKSUM_BAD   (1ULL << 3)
#define CNE_MBUF_F_RX_L4_CKSUM_GOOD  (1ULL << 8)
#define CNE_MBUF_F_RX_L4_CKSUM_MASK  ((1ULL << 3) | (1ULL << 8))

/* Transmit offload flags (ol_flags). */
#define CNE_MBUF_F_TX_IPV4           (1ULL << 55)
#define CNE_MBUF_F_TX_IPV6           (1ULL << 56)
#define CNE_MBUF_F_TX_IP_CKSUM       (1ULL << 54)
#define CNE_MBUF_F_TX_TCP_CKSUM      (1ULL << 52)
#define CNE_MBUF_F_TX_UDP_CKSUM      (3ULL << 52)
#define CNE_MBUF_F_TX_L4_MASK        (3ULL << 52)

#endif /* _PKTMBUF_OFFLOAD_H_ */
