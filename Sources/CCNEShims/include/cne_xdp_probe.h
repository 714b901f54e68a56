/*
 * swift-cndp: what XDP program a netdev has attached, before CNE opens AF_XDP sockets on it
 * (a program left by a killed run must not be used in another mode than the config asks).
 */
#ifndef CNE_XDP_PROBE_H
#define CNE_XDP_PROBE_H

#include <stdint.h>

/* How a program is attached (the kernel's XDP_ATTACHED_* values). */
enum cne_xdp_attach_mode {
    CNE_XDP_NONE   = 0,
    CNE_XDP_NATIVE = 1, /* driver mode */
    CNE_XDP_SKB    = 2, /* generic (copy) mode */
    CNE_XDP_HW     = 3, /* offloaded */
    CNE_XDP_MULTI  = 4, /* several modes at once */
};

/* The attach mode of the XDP program on `ifindex` (a cne_xdp_attach_mode), with its id in
 * `*prog_id` (0 for none; for MULTI, the native one if any, else the generic one), or -errno. */
int32_t cne_xdp_attached(int32_t ifindex, uint32_t *prog_id);

#endif
