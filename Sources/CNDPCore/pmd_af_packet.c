/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the "net_af_packet" driver.
 *
 * One AF_PACKET raw socket bound to the netdev (all protocols, our own transmissions
 * ignored, qdisc bypassed), batched with recvmmsg()/sendmmsg() straight into and out of
 * pktmbufs from lport_cfg_t.pi. Works on any netdev, without XDP; AF_PACKET has no queue
 * selection, so the socket sees the whole netdev whatever cfg->qid (which is still
 * checked against the channel count).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <netdev_funcs.h>
#include <pktdev.h>
#include <pktdev_driver.h>

#define PMD_NET_AF_PACKET_NAME net_af_packet
#define AFP_BURST_MAX          256
#define AFP_RCVBUF             (8 * 1024 * 1024)

struct afp_priv {
    int fd;
    unsigned int ifindex;
    pktmbuf_info_t *pi;
    lport_stats_t stats;
    struct ether_addr mac;
    uint16_t stash_n;                  /* buffers ready for the next receive */
    pktmbuf_t *stash[AFP_BURST_MAX];
    struct mmsghdr msgs[AFP_BURST_MAX];
    struct iovec iov[AFP_BURST_MAX];
    pthread_mutex_t tx_lock;           /* several threads may send on one port */
    struct mmsghdr tmsgs[AFP_BURST_MAX];
    struct iovec tiov[AFP_BURST_MAX];
};

static uint16_t
afp_rx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    struct afp_priv *p = q;
    uint16_t out = 0;
    int r;

    p->stats.rx_burst_called++;
    if (n > AFP_BURST_MAX)
        n = AFP_BURST_MAX;
    if (p->stash_n < n) {
        uint16_t want = (uint16_t)(n - p->stash_n);

        while (want > 0 && pktmbuf_alloc_bulk(p->pi, p->stash + p->stash_n, want) != want)
            want /= 2;
        p->stash_n = (uint16_t)(p->stash_n + want);
        p->stats.rx_buf_alloc += want;
        if (p->stash_n < n)
            n = p->stash_n;
        if (n == 0) {
            p->stats.fq_alloc_zero++;
            return 0;
        }
    }
    /* Use the last n stash entries, so the unused ones stay at the front. */
    for (uint16_t i = 0; i < n; i++) {
        pktmbuf_t *m = p->stash[p->stash_n - n + i];

        p->iov[i].iov_base                = pktmbuf_mtod(m, char *);
        p->iov[i].iov_len                 = (size_t)(m->buf_len - m->data_off);
        memset(&p->msgs[i].msg_hdr, 0, sizeof(p->msgs[i].msg_hdr));
        p->msgs[i].msg_hdr.msg_iov        = &p->iov[i];
        p->msgs[i].msg_hdr.msg_iovlen     = 1;
        p->msgs[i].msg_len                = 0;
    }
    r = recvmmsg(p->fd, p->msgs, n, MSG_DONTWAIT, NULL);
    if (r <= 0) {
        if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            p->stats.ierrors++;
        p->stats.rx_ring_empty++;
        return 0;
    }
    for (int i = 0; i < r; i++) {
        pktmbuf_t *m = p->stash[p->stash_n - n + i];

        if (p->msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
            p->stats.ierrors++;
            continue; /* the buffer stays in the stash */
        }
        m->data_len = (uint16_t)p->msgs[i].msg_len;
        p->stats.ibytes += m->data_len;
        pkts[out++] = m;
        p->stash[p->stash_n - n + i] = NULL;
    }
    /* Compact the stash: keep the buffers not handed out. */
    {
        uint16_t w = (uint16_t)(p->stash_n - n);

        for (uint16_t i = (uint16_t)(p->stash_n - n); i < p->stash_n; i++)
            if (p->stash[i])
                p->stash[w++] = p->stash[i];
        p->stash_n = w;
    }
    p->stats.ipackets += out;
    p->stats.rx_rcvd_count += out;
    return out;
}

static uint16_t
afp_tx_locked(struct afp_priv *p, pktmbuf_t **pkts, uint16_t n)
{
    int r;

    for (uint16_t i = 0; i < n; i++) {
        p->tiov[i].iov_base = pktmbuf_mtod(pkts[i], char *);
        p->tiov[i].iov_len  = pkts[i]->data_len;
        memset(&p->tmsgs[i].msg_hdr, 0, sizeof(p->tmsgs[i].msg_hdr));
        p->tmsgs[i].msg_hdr.msg_iov    = &p->tiov[i];
        p->tmsgs[i].msg_hdr.msg_iovlen = 1;
    }
    p->stats.tx_kicks++;
    r = sendmmsg(p->fd, p->tmsgs, n, MSG_DONTWAIT);
    if (r <= 0) {
        if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS &&
            errno != EINTR)
            p->stats.oerrors++;
        else
            p->stats.tx_ring_full++;
        return 0;
    }
    for (int i = 0; i < r; i++)
        p->stats.obytes += pkts[i]->data_len;
    pktmbuf_free_bulk(pkts, (unsigned)r);
    p->stats.opackets += (uint64_t)r;
    return (uint16_t)r;
}

/* The message arrays and TX counters are per port: senders take turns, as on AF_XDP. */
static uint16_t
afp_tx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    struct afp_priv *p = q;
    uint16_t sent;

    if (n > AFP_BURST_MAX)
        n = AFP_BURST_MAX;
    if (n == 0)
        return 0;
    pthread_mutex_lock(&p->tx_lock);
    sent = afp_tx_locked(p, pkts, n);
    pthread_mutex_unlock(&p->tx_lock);
    return sent;
}

static void
afp_close(struct cne_pktdev *dev)
{
    struct afp_priv *p = dev->data->dev_private;

    if (!p)
        return;
    if (p->fd >= 0)
        close(p->fd);
    if (p->stash_n)
        pktmbuf_free_bulk(p->stash, p->stash_n);
    pthread_mutex_destroy(&p->tx_lock);
    free(p);
    dev->data->dev_private = NULL;
    dev->data->mac_addr    = NULL;
}

static int
afp_stats_get(struct cne_pktdev *dev, lport_stats_t *st)
{
    struct afp_priv *p = dev->data->dev_private;
    struct tpacket_stats ts;
    socklen_t len = sizeof(ts);

    *st = p->stats;
    /* Drops since the last read (the kernel resets the counters on each read). */
    if (getsockopt(p->fd, SOL_PACKET, PACKET_STATISTICS, &ts, &len) == 0)
        p->stats.imissed += ts.tp_drops;
    st->imissed = p->stats.imissed;
    return 0;
}

static int
afp_stats_reset(struct cne_pktdev *dev)
{
    struct afp_priv *p = dev->data->dev_private;
    struct tpacket_stats ts;
    socklen_t len = sizeof(ts);

    (void)getsockopt(p->fd, SOL_PACKET, PACKET_STATISTICS, &ts, &len);
    memset(&p->stats, 0, sizeof(p->stats));
    return 0;
}

static int
afp_alloc(struct cne_pktdev *dev, pktmbuf_t **bufs, uint16_t n)
{
    return pktmbuf_alloc_bulk(((struct afp_priv *)dev->data->dev_private)->pi, bufs, n);
}

static int
afp_info(struct cne_pktdev *dev, struct pktdev_info *info)
{
    struct afp_priv *p = dev->data->dev_private;

    info->if_index = p->ifindex;
    info->rx_fd = info->tx_fd = p->fd;
    return 0;
}

static const struct pktdev_ops afp_ops = {
    .dev_close     = afp_close,
    .dev_infos_get = afp_info,
    .stats_get     = afp_stats_get,
    .stats_reset   = afp_stats_reset,
    .pkt_alloc     = afp_alloc,
};

static int
afp_open(struct afp_priv *p)
{
    struct sockaddr_ll sll;
    int one = 1, rcv = AFP_RCVBUF;

    p->fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (p->fd < 0)
        return -1;
    (void)setsockopt(p->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
    (void)setsockopt(p->fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
    if (setsockopt(p->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof(rcv)) < 0)
        (void)setsockopt(p->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
    memset(&sll, 0, sizeof(sll));
    sll.sll_family   = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex  = (int)p->ifindex;
    if (bind(p->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
        return -1;
    return 0;
}

static int
afp_probe(lport_cfg_t *cfg)
{
    struct cne_pktdev *dev;
    struct afp_priv *p;
    int channels, err;

    if (!cfg->ifname[0] || strnlen(cfg->ifname, IF_NAMESIZE) >= IF_NAMESIZE ||
        if_nametoindex(cfg->ifname) == 0) {
        errno = ENODEV;
        return -1;
    }
    channels = netdev_get_channels(cfg->ifname);
    if (channels < 0 || cfg->qid >= channels || !cfg->pi) {
        errno = channels < 0 ? ENODEV : EINVAL;
        return -1;
    }
    dev = pktdev_allocate(cfg->name, cfg->ifname);
    if (!dev)
        return -1;
    p = calloc(1, sizeof(*p));
    if (!p) {
        err = ENOMEM;
        goto fail;
    }
    p->fd      = -1;
    p->pi      = cfg->pi;
    pthread_mutex_init(&p->tx_lock, NULL);
    p->ifindex = if_nametoindex(cfg->ifname);
    if (netdev_get_mac_addr(cfg->ifname, &p->mac) < 0 || afp_open(p) < 0) {
        err = errno;
        goto fail;
    }
    dev->data->dev_private     = p;
    dev->data->rx_queue        = p;
    dev->data->tx_queue        = p;
    dev->data->mac_addr        = &p->mac;
    dev->data->min_rx_buf_size = cfg->pi->bufsz;
    dev->dev_ops               = &afp_ops;
    dev->rx_pkt_burst          = afp_rx;
    dev->tx_pkt_burst          = afp_tx;
    return dev->data->lport_id;
fail:
    if (p && p->fd >= 0)
        close(p->fd);
    if (p)
        pthread_mutex_destroy(&p->tx_lock);
    free(p);
    pktdev_release_port(dev);
    errno = err;
    return -1;
}

static struct pktdev_driver afp_drv = {.probe = afp_probe};

PMD_REGISTER_DEV(PMD_NET_AF_PACKET_NAME, afp_drv);
