/*
 * swift-cndp: the XDP program attached to a netdev, through libbpf's netlink query.
 */
#include "cne_xdp_probe.h"

#include <bpf/libbpf.h>
#include <string.h>

int32_t cne_xdp_attached(int32_t ifindex, uint32_t *prog_id)
{
    LIBBPF_OPTS(bpf_xdp_query_opts, opts);
    int rc = bpf_xdp_query(ifindex, 0, &opts);
    if (rc < 0)
        return rc;
    if (prog_id) {
        if (opts.attach_mode == CNE_XDP_MULTI)
            *prog_id = opts.drv_prog_id ? opts.drv_prog_id : opts.skb_prog_id;
        else
            *prog_id = opts.prog_id;
    }
    return opts.attach_mode;
}
