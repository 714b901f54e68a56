/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the pktdev device table, its slots and the driver operations.
 *
 * pktdev_devices[] is global because pktdev_rx_burst()/pktdev_tx_burst() are inline and
 * dispatch through it; pktdev.h includes this header. As in CNDP (pktdev_core.h), the
 * driver record and registry are not part of it: drivers include pktdev_driver.h.
 */
#ifndef _PKTDEV_CORE_H_
#define _PKTDEV_CORE_H_

#include <stdbool.h>
#include <stdint.h>

#include <cne_common.h>
#include <cne_lport.h>
#include <pktmbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PKTDEV_NAME_MAX_LEN 32

struct cne_pktdev;
struct pktdev_info;
struct ether_addr; /* <net/ethernet.h>; a pointer here, as in CNDP, so the header does not bring it */

typedef int (*pkt_dev_admin_st_up_t)(struct cne_pktdev *dev);
typedef int (*pkt_dev_admin_st_down_t)(struct cne_pktdev *dev);
typedef void (*pkt_dev_close_t)(struct cne_pktdev *dev);
typedef int (*pkt_dev_infos_get_t)(struct cne_pktdev *dev, struct pktdev_info *dev_info);
typedef int (*eth_stats_get_t)(struct cne_pktdev *dev, lport_stats_t *stats);
typedef int (*eth_stats_reset_t)(struct cne_pktdev *dev);
typedef uint16_t (*eth_rx_burst_t)(void *rxq, pktmbuf_t **rx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_burst_t)(void *txq, pktmbuf_t **tx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_prep_t)(void *txq, pktmbuf_t **tx_pkts, uint16_t nb_pkts);
typedef int (*eth_pkt_alloc)(struct cne_pktdev *dev, pktmbuf_t **bufs, uint16_t nb_pkts);

/** Slot state. */
enum pktdev_state {
    PKTDEV_UNUSED = 0, /**< Free slot */
    PKTDEV_ACTIVE,     /**< Claimed by a driver */
};

/** Operations a driver provides (NULL: not supported). */
struct pktdev_ops {
    pkt_dev_admin_st_up_t admin_state_up;     /**< Start the packet stream */
    pkt_dev_admin_st_down_t admin_state_down; /**< Stop the packet stream */
    pkt_dev_close_t dev_close;                /**< Release everything the probe made */
    pkt_dev_infos_get_t dev_infos_get;        /**< Device information */
    eth_stats_get_t stats_get;                /**< Adds the counters into *stats */
    eth_stats_reset_t stats_reset;            /**< Zeroes the counters */
    eth_pkt_alloc pkt_alloc;                  /**< Allocates TX buffers */
};

/** Per-port data. */
struct pktdev_data {
    char name[PKTDEV_NAME_MAX_LEN];   /**< Unique lport name */
    char ifname[PKTDEV_NAME_MAX_LEN]; /**< Netdev name, may be empty */
    void *rx_queue;                   /**< First argument of rx_pkt_burst */
    void *tx_queue;                   /**< First argument of tx_pkt_burst */
    bool admin_state;                 /**< Packet stream up (read atomically) */
    void *dev_private;                /**< Driver private data */
    uint32_t min_rx_buf_size;         /**< Smallest RX buffer */
    struct ether_addr *mac_addr;      /**< MAC address, may be NULL */
    uint16_t lport_id;                /**< Index in pktdev_devices[] */
    uint16_t numa_node;               /**< NUMA node */
    void *offloads;                   /**< Unused (CNDP: checksum offloads) */
} __cne_cache_aligned;

/** One slot of the device table. */
struct cne_pktdev {
    eth_rx_burst_t rx_pkt_burst;      /**< Driver receive function */
    eth_tx_burst_t tx_pkt_burst;      /**< Driver transmit function */
    eth_tx_prep_t tx_pkt_prepare;     /**< Driver transmit-prepare function, may be NULL */
    struct pktdev_data *data;         /**< Always points at this slot's data */
    struct pktdev_driver *drv;        /**< Driver that owns the slot */
    void *process_private;            /**< Unused */
    const struct pktdev_ops *dev_ops; /**< Driver operations */
    enum pktdev_state state;          /**< PKTDEV_UNUSED or PKTDEV_ACTIVE */
} __cne_cache_aligned;

/** The device table, indexed by lport id. */
extern struct cne_pktdev pktdev_devices[CNE_MAX_ETHPORTS];

#ifdef __cplusplus
}
#endif

#endif /* _PKTDEV_CORE_H_ */
