/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the driver (PMD) registry (the device table is pktdev_core.h).
 *
 * A driver registers itself from a constructor with
 * PMD_REGISTER_DEV(name, drv); its probe() claims a slot with pktdev_allocate(), fills in
 * the burst functions, ops and private data, and on any failure gives the slot back with
 * pktdev_release_port() so that no half-made port is left.
 */
#ifndef _PKTDEV_DRIVER_H_
#define _PKTDEV_DRIVER_H_

#include <stdbool.h>
#include <stdint.h>
#include <net/ethernet.h>
#include <sys/queue.h>

#include <cne_common.h>
#include <cne_lport.h>
#include <pktmbuf.h>
#include <pktdev_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Creates a port from a configuration.
 *
 * @return the lport id, or -1 with errno set; on failure nothing is left allocated.
 */
typedef int(pktdev_probe_t)(lport_cfg_t *cfg);

/** A driver. */
struct pktdev_driver {
    TAILQ_ENTRY(pktdev_driver) next; /**< Registry link */
    const char *name;                /**< Driver name, e.g. "net_af_xdp" */
    pktdev_probe_t *probe;           /**< Device probe function */
};

/** Adds a driver to the registry (constructors only; not locked against lookups). */
CNDP_API void pktdev_register(struct pktdev_driver *driver);

/** @return the driver named `name`, or NULL. */
CNDP_API struct pktdev_driver *pktdev_driver_find(const char *name);

/** Registers `vdrv` under the name `nm` when the library is loaded. */
#define PMD_REGISTER_DEV(nm, vdrv)      \
    CNE_INIT_PRIO(vdrvinit_##vdrv, PMD) \
    {                                   \
        (vdrv).name = CNE_STR(nm);      \
        pktdev_register(&vdrv);         \
    }

/** @return the active port named `name`, or NULL. */
CNDP_API struct cne_pktdev *pktdev_allocated(const char *name);

/**
 * Claims a free slot for a new port (admin state down).
 *
 * @return the slot, or NULL with errno EINVAL (bad name: empty or 32 characters or
 *   more), EEXIST (name in use) or ENOSPC (all CNE_MAX_ETHPORTS slots taken).
 */
CNDP_API struct cne_pktdev *pktdev_allocate(const char *name, const char *ifname);

/** Gives a slot back (admin down, everything cleared). */
CNDP_API void pktdev_release_port(struct cne_pktdev *dev);

#ifdef __cplusplus
}
#endif

#endif /* _PKTDEV_DRIVER_H_ */
