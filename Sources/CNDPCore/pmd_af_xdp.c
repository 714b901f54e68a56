/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the "net_af_xdp" driver, a pktdev over an xskdev.
 */
#include <errno.h>
#include <string.h>

#include <netdev_funcs.h>
#include <pktdev.h>
#include <pktdev_driver.h>
#include <xskdev.h>

#define PMD_NET_AF_XDP_NAME net_af_xdp

/* dev_private is the port's xskdev_info_t (what pktdev_arg_get returns); the MAC lives here. */
static struct ether_addr port_mac[CNE_MAX_ETHPORTS];

static uint16_t
afxdp_rx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    return xskdev_rx_burst((xskdev_info_t *)q, (mbuf_t **)pkts, n);
}

static uint16_t
afxdp_tx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    return xskdev_tx_burst((xskdev_info_t *)q, (mbuf_t **)pkts, n);
}

static void
afxdp_close(struct cne_pktdev *dev)
{
    xskdev_socket_destroy(dev->data->dev_private);
    dev->data->dev_private = NULL;
    dev->data->mac_addr    = NULL;
}

static int
afxdp_stats_get(struct cne_pktdev *dev, lport_stats_t *st)
{
    return xskdev_stats_get(dev->data->dev_private, st) < 0 ? -errno : 0;
}

static int
afxdp_stats_reset(struct cne_pktdev *dev)
{
    return xskdev_stats_reset(dev->data->dev_private) < 0 ? -errno : 0;
}

static int
afxdp_alloc(struct cne_pktdev *dev, pktmbuf_t **bufs, uint16_t n)
{
    xskdev_info_t *xi = dev->data->dev_private;

    return pktmbuf_alloc_bulk(xi->pi, bufs, n);
}

static int
afxdp_info(struct cne_pktdev *dev, struct pktdev_info *info)
{
    xskdev_info_t *xi = dev->data->dev_private;

    info->if_index = xi->if_index;
    (void)xskdev_get_fd(xi, &info->rx_fd, &info->tx_fd);
    info->max_rx_pktlen       = xi->pi->bufsz - XDP_PKT_HEADROOM;
    return 0;
}

static const struct pktdev_ops afxdp_ops = {
    .dev_close     = afxdp_close,
    .dev_infos_get = afxdp_info,
    .stats_get     = afxdp_stats_get,
    .stats_reset   = afxdp_stats_reset,
    .pkt_alloc     = afxdp_alloc,
};

static int
afxdp_probe(lport_cfg_t *cfg)
{
    struct cne_pktdev *dev;
    struct ether_addr mac;
    xskdev_info_t *xi;
    int err;

    if (!cfg->ifname[0] || if_nametoindex(cfg->ifname) == 0) {
        errno = ENODEV;
        return -1;
    }
    if (netdev_get_mac_addr(cfg->ifname, &mac) < 0)
        return -1;
    dev = pktdev_allocate(cfg->name, cfg->ifname);
    if (!dev)
        return -1;
    xi = xskdev_socket_create(cfg);
    if (!xi) {
        err = errno;
        pktdev_release_port(dev);
        errno = err;
        return -1;
    }
    port_mac[dev->data->lport_id] = mac;
    dev->data->dev_private     = xi;
    dev->data->rx_queue        = xi;
    dev->data->tx_queue        = xi;
    dev->data->mac_addr        = &port_mac[dev->data->lport_id];
    dev->data->min_rx_buf_size = cfg->pi->bufsz;
    dev->dev_ops               = &afxdp_ops;
    dev->rx_pkt_burst          = afxdp_rx;
    dev->tx_pkt_burst          = afxdp_tx;
    return dev->data->lport_id;
}

static struct pktdev_driver afxdp_drv = {.probe = afxdp_probe};

PMD_REGISTER_DEV(PMD_NET_AF_XDP_NAME, afxdp_drv);
