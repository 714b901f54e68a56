/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: AF_XDP sockets (xskdev), built on libxdp's xsk API.
 *
 * An xskdev is one AF_XDP socket bound to one queue of one netdev, with a umem over the
 * caller's region (lport_cfg_t umem_addr/umem_size, frames of bufsz bytes) and packet
 * buffers from the caller's pool (lport_cfg_t.pi, whose buffers must lie inside the
 * region). A received buffer's data starts at the kernel's XDP headroom: data_off is
 * XDP_PKT_HEADROOM - sizeof(pktmbuf_t) + buf_header_sz + pool_header_sz (192 by default).
 *
 * Threads: rx_burst may run on one thread while tx_burst runs on another (TX is
 * serialised by a lock); stats_get/reset and destroy must not overlap the bursts.
 */
#ifndef _XSKDEV_H_
#define _XSKDEV_H_

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include <cne_common.h>
#include <cne_lport.h>
#include <pktmbuf.h>
#include <uds_connect.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AF_XDP_DFLT_BUSY_BUDGET  64 /**< Busy-poll budget when lport_cfg_t gives 0 */
#define AF_XDP_DFLT_BUSY_TIMEOUT 20 /**< Busy-poll timeout (microseconds) when it gives 0 */

struct xskdev_priv; /* libxdp rings and bookkeeping, private to xskdev.c */

/** An AF_XDP socket. buf_mgmt comes first: the inline bursts dispatch through it. */
typedef struct xskdev_info {
    lport_buf_mgmt_t buf_mgmt;   /**< Buffer management (burst functions included) */
    char ifname[IF_NAMESIZE];    /**< Netdev name */
    unsigned int if_index;       /**< Netdev index */
    uint16_t qid;                /**< Queue id */
    uint32_t prog_id;            /**< XDP program serving the socket (0 when unknown) */
    pktmbuf_info_t *pi;          /**< Buffer pool */
    lport_stats_t stats;         /**< Software counters (see xskdev_stats_get) */
    int xdp_flags;               /**< XDP_FLAGS_* used at attach */
    uint32_t busy_timeout;       /**< Busy-poll timeout */
    uint32_t busy_budget;        /**< Busy-poll budget */
    uds_info_t *uds_info;        /**< UDS connection (unprivileged), not owned */
    int xsk_map_fd;              /**< Always -1 after creation (the map fd is closed once
                                      the socket is in the map) */
    bool unprivileged;           /**< LPORT_UNPRIVILEGED */
    bool needs_wakeup;           /**< need_wakeup mode (not LPORT_FORCE_WAKEUP) */
    bool skb_mode;               /**< LPORT_SKB_MODE */
    bool busy_polling;           /**< LPORT_BUSY_POLLING */
    bool shared_umem;            /**< The umem is shared with other xskdevs */
    struct xskdev_priv *priv;    /**< Private state */
} xskdev_info_t;

/**
 * Creates an AF_XDP socket from an lport configuration.
 *
 * Privileged (default): libxdp attaches its XSK program (XDP_FLAGS_UPDATE_IF_NOEXIST,
 * SKB or DRV mode) and the socket is put in its XSKMAP; destroy detaches the program
 * again when it was this library that attached it and no other xskdev uses the netdev.
 * LPORT_UNPRIVILEGED: no program is loaded; the socket is inserted into the XSKMAP
 * obtained from cfg->xsk_uds (a uds_info_t from udsc_handshake) or from the pinned map
 * at cfg->xsk_map_path. LPORT_SHARED_UMEM: lports over the same region share one umem
 * (each socket still has its own fill and completion rings) and the same pool, each on
 * its own queue. libxdp keeps the socket of the lport that created the umem (it carries
 * the umem) open and bound until the umem goes: when that lport is destroyed before the
 * others, the buffers it held and its queue are released only with the last one
 * (pktdev_close_all closes the newest lport first).
 *
 * One xskdev per netdev queue: a queue another xskdev of this process holds is refused
 * with EBUSY at once (a queue the kernel is still releasing after a close is retried for
 * up to a second first).
 *
 * The pool must hold more buffers than the fill rings take (rx_nb_desc per socket, 2048 by
 * default) or nothing is left to transmit from.
 *
 * @return the socket, or NULL with errno: ENODEV (no such netdev), EINVAL (qid not below
 *   the channel count, no pool or region, pool not inside the region, bad frame or ring
 *   size), EOPNOTSUPP (LPORT_USER_MANAGED_BUFFERS), EBUSY (queue in use), or the
 *   kernel's/libxdp's error. Nothing is left behind on failure.
 */
CNDP_API xskdev_info_t *xskdev_socket_create(struct lport_cfg *c);

/**
 * Closes the socket, frees the umem when no one else uses it, detaches the XDP program
 * it attached, and returns every buffer the socket held to the pool (for the socket that
 * carries a shared umem: when the umem goes, see xskdev_socket_create). NULL is ignored.
 */
CNDP_API void xskdev_socket_destroy(xskdev_info_t *xi);

/**
 * Adds the software counters and the kernel's XDP_STATISTICS (since creation or the last
 * reset) into *stats (overwriting it). @return 0, or -1 with errno EINVAL.
 */
CNDP_API int xskdev_stats_get(xskdev_info_t *xi, lport_stats_t *stats);

/** Zeroes the counters. @return 0, or -1 with errno EINVAL. */
CNDP_API int xskdev_stats_reset(xskdev_info_t *xi);

/** Internal: the AF_XDP socket's file descriptor, or -1 (xskdev_get_fd is the API). */
CNDP_API int __xskdev_socket_fd(xskdev_info_t *xi);

/**
 * Stores the socket's receive and send file descriptors (one AF_XDP socket serves both)
 * through the pointers that are not NULL, as CNDP's C99 inline does.
 *
 * @return 0, or -1 for a NULL xi.
 */
CNDP_API __cne_always_inline int
xskdev_get_fd(xskdev_info_t *xi, int *rx_fd, int *tx_fd)
{
    int fd;

    if (!xi)
        return -1;
    fd = __xskdev_socket_fd(xi);
    if (rx_fd)
        *rx_fd = fd;
    if (tx_fd)
        *tx_fd = fd;
    return 0;
}

/** @return the buffer-management argument. */
CNDP_API __cne_always_inline void *
xskdev_arg_get(xskdev_info_t *xi)
{
    return xi->buf_mgmt.buf_arg;
}

/**
 * Receives up to nb_pkts buffers (pktmbuf_t * by default).
 *
 * @return the number received (0 when none).
 */
CNDP_API __cne_always_inline uint16_t
xskdev_rx_burst(xskdev_info_t *xi, mbuf_t **bufs, uint16_t nb_pkts)
{
    return xi->buf_mgmt.buf_rx_burst(xi, bufs, nb_pkts);
}

/**
 * Sends up to nb_pkts buffers, in order; those sent belong to the socket from then on
 * (buffers from another pool are copied into this one and freed). It stops early when the
 * TX ring is full, when a buffer from another pool cannot be copied, and at the first
 * buffer the kernel would reject: data_len 0, or data not inside the buffer (data_off +
 * data_len > buf_len) or its umem frame; such a buffer is counted in stats.oerrors (once
 * per burst) and, with those after it, stays the caller's.
 *
 * @return the number sent (taken), counted from bufs[0].
 */
CNDP_API __cne_always_inline uint16_t
xskdev_tx_burst(xskdev_info_t *xi, mbuf_t **bufs, uint16_t nb_pkts)
{
    return xi->buf_mgmt.buf_tx_burst(xi, bufs, nb_pkts);
}

#ifdef __cplusplus
}
#endif

#endif /* _XSKDEV_H_ */
