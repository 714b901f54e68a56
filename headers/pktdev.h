/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the pktdev burst functions.
 *
 * pktdev_rx_burst() and pktdev_tx_burst() are static inline, as in CNDP, and dispatch
 * through pktdev_devices[]. Return convention (CNDP's):
 *   - the number of packets received or sent (0 .. nb_pkts), or
 *   - PKTDEV_ADMIN_STATE_DOWN (0xFFFF) when the port is admin down or was never set up.
 *     Unlike CNDP, an lport id >= CNE_MAX_ETHPORTS is checked and also gives 0xFFFF
 *     (CNDP indexed the table without a check). Callers must test for 0xFFFF before using
 *     the value as a count.
 * tx_burst takes ownership of the packets it returns as sent; the rest stay the caller's.
 */
#ifndef _PKTDEV_H_
#define _PKTDEV_H_

#include <stdint.h>

#include <cne_branch_prediction.h>
#include <cne_common.h>
#include <cne_lport.h>
#include <pktdev_api.h>
#include <pktdev_core.h>
#include <pktmbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @return true when the port may pass packets (the id is in range and admin up). */
static inline bool
__pktdev_usable(uint16_t lport_id)
{
    struct pktdev_data *d;

    if (unlikely(lport_id >= CNE_MAX_ETHPORTS))
        return false;
    d = pktdev_devices[lport_id].data;
    return d && __atomic_load_n(&d->admin_state, __ATOMIC_ACQUIRE);
}

/**
 * Receives up to nb_pkts packets.
 *
 * @return the number received, or PKTDEV_ADMIN_STATE_DOWN (see above).
 */
static inline uint16_t
pktdev_rx_burst(uint16_t lport_id, pktmbuf_t **rx_pkts, const uint16_t nb_pkts)
{
    struct cne_pktdev *dev;

    if (unlikely(!__pktdev_usable(lport_id)))
        return PKTDEV_ADMIN_STATE_DOWN;
    dev = &pktdev_devices[lport_id];
    return dev->rx_pkt_burst(dev->data->rx_queue, rx_pkts, nb_pkts);
}

/**
 * Sends up to nb_pkts packets; the ones sent belong to the port from then on.
 *
 * @return the number sent, or PKTDEV_ADMIN_STATE_DOWN (see above).
 */
static inline uint16_t
pktdev_tx_burst(uint16_t lport_id, pktmbuf_t **tx_pkts, uint16_t nb_pkts)
{
    struct cne_pktdev *dev;

    if (unlikely(!__pktdev_usable(lport_id)))
        return PKTDEV_ADMIN_STATE_DOWN;
    dev = &pktdev_devices[lport_id];
    return dev->tx_pkt_burst(dev->data->tx_queue, tx_pkts, nb_pkts);
}

/** Runs the driver's transmit preparation. @return the number of packets ready. */
static inline uint16_t
pktdev_tx_prepare(uint16_t lport_id, pktmbuf_t **tx_pkts, uint16_t nb_pkts)
{
    struct cne_pktdev *dev;

    if (unlikely(lport_id >= CNE_MAX_ETHPORTS))
        return 0;
    dev = &pktdev_devices[lport_id];
    if (!dev->tx_pkt_prepare)
        return nb_pkts;
    return dev->tx_pkt_prepare(dev->data->tx_queue, tx_pkts, nb_pkts);
}

/** Swaps the destination and source MAC addresses of an Ethernet frame. */
static inline void
pktdev_mac_swap(void *data)
{
    uint8_t *p = (uint8_t *)data, t[6];

    memcpy(t, p, 6);
    memcpy(p, p + 6, 6);
    memcpy(p + 6, t, 6);
}

#ifdef __cplusplus
}
#endif

#endif /* _PKTDEV_H_ */
