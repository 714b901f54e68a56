/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the pktdev control API.
 *
 * Error convention: functions returning int give 0 (or a count/id) on success and, as
 * CNDP, a negative errno value on failure (-EINVAL for an lport id that is out of range
 * or not set up); errno is set to the same (positive) value. pktdev_port_setup returns
 * -1 with errno set, as CNDP.
 *
 * Setup and close are serialised by a lock; the burst functions (pktdev.h) take none, so
 * a port must not be closed while another thread is still using it.
 */
#ifndef _PKTDEV_API_H_
#define _PKTDEV_API_H_

#include <stdbool.h>
#include <stdint.h>

#include <cne_common.h>
#include <cne_lport.h>
#include <pktmbuf.h>

struct ether_addr; /* <net/ethernet.h>, as in CNDP: the header does not bring it */

#ifdef __cplusplus
extern "C" {
#endif

/** Iterates x over every possible lport id. */
#define PKTDEV_FOREACH(x) for (int x = 0; x < CNE_MAX_ETHPORTS; x++)

/** Returned by pktdev_rx_burst/pktdev_tx_burst when the port is down or invalid. */
#define PKTDEV_ADMIN_STATE_DOWN 0xFFFF

/** Preferred RX or TX parameters of a port. */
struct pktdev_portconf {
    uint16_t burst_size; /**< Device-preferred burst size */
    uint16_t ring_size;  /**< Device-preferred size of queue rings */
};

/**
 * Device information, as CNDP lays it out: 64 bytes, cache aligned (so Swift reaches it
 * through the generated PktdevInfoView). Fields a driver does not know are 0, fds -1.
 */
struct pktdev_info {
    const char *driver_name; /**< Driver name */
    unsigned int if_index;   /**< Netdev index, or 0 */
    bool admin_state;        /**< Packet stream up */
    uint16_t min_mtu;        /**< Smallest MTU */
    uint16_t max_mtu;        /**< Largest MTU */
    uint32_t min_rx_bufsize; /**< Smallest RX buffer */
    uint32_t max_rx_pktlen;  /**< Largest RX packet */
    uint32_t min_tx_bufsize; /**< Smallest TX buffer */
    uint8_t hash_key_size;   /**< Hash key size in bytes */
    uint32_t speed_capa;     /**< Supported speeds bitmap */
    struct pktdev_portconf default_rxportconf; /**< RX parameter recommendations */
    struct pktdev_portconf default_txportconf; /**< TX parameter recommendations */
    uint64_t dev_capa;       /**< Generic device capabilities */
    int rx_fd;               /**< RX file descriptor, or -1 */
    int tx_fd;               /**< TX file descriptor, or -1 */
} __cne_cache_aligned;

/**
 * Creates a port: looks up cfg->pmd_name and runs that driver's probe. The port starts
 * admin up.
 *
 * @return the lport id (0 .. CNE_MAX_ETHPORTS - 1), or -1 with errno: EINVAL (NULL cfg,
 *   empty or unterminated name, bad driver-specific field), ENODEV (unknown pmd_name or
 *   netdev), EEXIST (name in use), ENOSPC (no free slot), or the driver's error. On failure
 *   no port is left behind.
 */
CNDP_API int pktdev_port_setup(lport_cfg_t *cfg);

/** @return the number of active ports. */
CNDP_API uint16_t pktdev_port_count(void);

/** Sets the port admin up. @return 0 or -EINVAL. */
CNDP_API int pktdev_start(uint16_t lport_id);

/** Sets the port admin down (bursts then return PKTDEV_ADMIN_STATE_DOWN). @return 0 or -EINVAL. */
CNDP_API int pktdev_stop(uint16_t lport_id);

/** Sets the admin state. @return 0 or -EINVAL. */
CNDP_API int pktdev_admin_state_set(uint16_t lport_id, bool state);
#define pktdev_admin_state_up(_pid)   pktdev_admin_state_set(_pid, true)
#define pktdev_admin_state_down(_pid) pktdev_admin_state_set(_pid, false)
#define pktdev_set_admin_state_up     pktdev_admin_state_up
#define pktdev_set_admin_state_down   pktdev_admin_state_down

/** @return true when the port exists and is admin up. */
CNDP_API bool pktdev_admin_state(uint16_t lport_id);

/**
 * Stops the port, lets the driver release everything (sockets, XDP program, buffers
 * back to the pool) and frees the slot. @return 0 or -EINVAL.
 */
CNDP_API int pktdev_close(uint16_t lport_id);

/** Closes every port. @return 0. */
CNDP_API int pktdev_close_all(void);

/** Zeroes *stats and fills in the driver's counters. @return 0, -EINVAL or -ENOTSUP. */
CNDP_API int pktdev_stats_get(uint16_t lport_id, lport_stats_t *stats);

/** Zeroes the driver's counters. @return 0, -EINVAL or -ENOTSUP. */
CNDP_API int pktdev_stats_reset(uint16_t lport_id);

/** Copies the port's MAC address. @return 0, -EINVAL or -ENOTSUP (no MAC, e.g. net_null). */
CNDP_API int pktdev_macaddr_get(uint16_t lport_id, struct ether_addr *mac_addr);

/** Fills *info. @return 0 or -EINVAL. */
CNDP_API int pktdev_info_get(uint16_t lport_id, struct pktdev_info *info);

/**
 * Allocates TX buffers from the port's pool, all or nothing.
 *
 * @return nb_bufs, 0 when the pool has fewer, or -EINVAL / -ENOTSUP.
 */
CNDP_API int pktdev_buf_alloc(int lport_id, pktmbuf_t **bufs, uint16_t nb_bufs);

/** Looks a port up by name. @return 0 with *lport_id set, or -ENODEV / -EINVAL. */
CNDP_API int pktdev_get_port_by_name(const char *name, uint16_t *lport_id);

/** Alias of pktdev_get_port_by_name returning the id. @return the id, or -1 with errno. */
CNDP_API int pktdev_portid_by_name(const char *name);

/** Copies the port name. @return 0, or -EINVAL (bad id or NULL) / -ERANGE (len too small). */
CNDP_API int pktdev_get_name_by_port(uint16_t lport_id, char *name, uint32_t len);

/** @return the port name, or NULL. */
CNDP_API const char *pktdev_port_name(uint16_t lport_id);

/** @return 1 when lport_id names an active port, else 0. */
CNDP_API int pktdev_is_valid_port(uint16_t lport_id);

/**
 * @return the driver's private data, or NULL: for net_af_xdp the port's xskdev_info_t
 *   (so xskdev_rx_burst/xskdev_tx_burst can be used directly), for the others opaque.
 */
CNDP_API void *pktdev_arg_get(uint16_t lport_id);

#ifdef __cplusplus
}
#endif

#endif /* _PKTDEV_API_H_ */
