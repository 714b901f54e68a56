/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: netdev queries (ethtool ioctls, with sysfs fallbacks).
 */
#ifndef _NETDEV_FUNCS_H_
#define _NETDEV_FUNCS_H_

#include <stdint.h>
#include <net/ethernet.h>

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Reads the MAC address of `ifname`. @return 0, or -1 with errno (ENODEV, EINVAL...). */
CNDP_API int netdev_get_mac_addr(const char *ifname, struct ether_addr *eth_addr);

/**
 * @return the number of queues (channels) `ifname` currently has: the largest of the
 *   ethtool rx, tx and combined counts, or, when ethtool has no answer, the number of
 *   /sys/class/net/<ifname>/queues/rx-* entries; -1 with errno (ENODEV...) on failure.
 *   CNDP returned the *maximum* counts; the current ones are what a queue id must be below.
 */
CNDP_API int netdev_get_channels(const char *ifname);

/** Reads the current RX/TX ring sizes. @return 0, or -1 with errno. */
CNDP_API int netdev_get_ring_params(const char *ifname, uint32_t *rx_nb_desc,
                                    uint32_t *tx_nb_desc);

/** @return 1 when the interface is up, 0 when down, -1 with errno on failure. */
CNDP_API int netdev_get_link_up(const char *ifname);

#ifdef __cplusplus
}
#endif

#endif /* _NETDEV_FUNCS_H_ */
