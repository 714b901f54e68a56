/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: AF_XDP sockets over libxdp.
 *
 * Buffer ownership: every pool buffer handed to the kernel (fill ring or TX ring) is
 * marked in `owned`, and unmarked when it comes back (RX ring or completion ring). On
 * destroy, after the socket is gone and the kernel can no longer touch the umem, every
 * buffer still marked goes back to the pool, whatever ring it was in. The socket carrying
 * a shared umem's fd outlives its destroy (libxdp closes it with the umem): its marked
 * buffers go back when the umem's last user releases it (xskdev__release_umem).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <xdp/xsk.h>

#include <netdev_funcs.h>
#include <uds_connect.h>
#include <xskdev.h>

#include "xskdev_private.h"

/*
 * xskdev.h's C99 inline functions (xskdev_arg_get, xskdev_get_fd, xskdev_rx_burst,
 * xskdev_tx_burst) get no external definition here: CNDP's libcne_xskdev has none either, so
 * a program that needs their addresses provides them (CNESys's shims.c does) on both.
 */

static int
read_xdp_stats(struct xskdev_priv *p, struct xdp_statistics *st)
{
    socklen_t len = sizeof(*st);

    memset(st, 0, sizeof(*st));
    if (getsockopt(p->fd, SOL_XDP, XDP_STATISTICS, st, &len) < 0)
        return -1;
    return 0;
}

int
xskdev_stats_get(xskdev_info_t *xi, lport_stats_t *stats)
{
    struct xdp_statistics st;

    if (!xi || !xi->priv || !stats) {
        errno = EINVAL;
        return -1;
    }
    *stats = xi->stats;
    if (read_xdp_stats(xi->priv, &st) == 0) {
        const struct xdp_statistics *o = &xi->priv->orig;

        stats->imissed += st.rx_dropped - o->rx_dropped;
        stats->rx_invalid += st.rx_invalid_descs - o->rx_invalid_descs;
        stats->tx_invalid += st.tx_invalid_descs - o->tx_invalid_descs;
        stats->rx_ring_full += st.rx_ring_full - o->rx_ring_full;
        stats->rx_fill_ring_empty += st.rx_fill_ring_empty_descs - o->rx_fill_ring_empty_descs;
        stats->tx_ring_empty += st.tx_ring_empty_descs - o->tx_ring_empty_descs;
    }
    return 0;
}

int
xskdev_stats_reset(xskdev_info_t *xi)
{
    if (!xi || !xi->priv) {
        errno = EINVAL;
        return -1;
    }
    memset(&xi->stats, 0, sizeof(xi->stats));
    (void)read_xdp_stats(xi->priv, &xi->priv->orig);
    return 0;
}

int
__xskdev_socket_fd(xskdev_info_t *xi)
{
    return (xi && xi->priv) ? xi->priv->fd : -1;
}

/* Returns every buffer still marked as the kernel's (in owned[]) to the pool. */
void
xskdev__return_owned(uint8_t *owned, char *pool_base, uint32_t bufsz, uint32_t bufcnt)
{
    pktmbuf_t *batch[128];
    unsigned k = 0;

    for (uint32_t i = 0; i < bufcnt; i++) {
        if (!owned[i])
            continue;
        owned[i]   = 0;
        batch[k++] = (pktmbuf_t *)(pool_base + (size_t)i * bufsz);
        if (k == cne_countof(batch)) {
            pktmbuf_free_bulk(batch, k);
            k = 0;
        }
    }
    if (k)
        pktmbuf_free_bulk(batch, k);
}

void
xskdev_socket_destroy(xskdev_info_t *xi)
{
    struct xskdev_priv *p;

    if (!xi)
        return;
    p = xi->priv;
    if (p) {
        bool carries_umem_fd = false;

        if (p->xsk) {
            carries_umem_fd = p->umem && p->fd >= 0 && p->fd == xsk_umem__fd(p->umem);
            xsk_socket__delete(p->xsk);
        }
        p->xsk = NULL;
        /* May take over owned[] and the queue claim (shared umem, see there). */
        xskdev__release_umem(p, carries_umem_fd);
        xskdev__release_prog(p->prog);
        p->prog = NULL;
        if (p->owned)
            xskdev__return_owned(p->owned, p->pool_base, p->bufsz, p->bufcnt);
        p->fq_owned = 0;
        free(p->owned);
        p->owned = NULL;
        xskdev__release_claim(p->claim);
        p->claim = NULL;
        pthread_mutex_destroy(&p->tx_lock);
        free(p);
    }
    free(xi);
}

static bool
is_pow2(uint32_t v)
{
    return v && !(v & (v - 1));
}

static int
check_cfg(const lport_cfg_t *c, uint32_t *bufsz)
{
    const pktmbuf_info_t *pi = c->pi;
    int channels;

    if (!c->ifname[0] || strnlen(c->ifname, IF_NAMESIZE) >= IF_NAMESIZE ||
        if_nametoindex(c->ifname) == 0)
        return ENODEV;
    channels = netdev_get_channels(c->ifname);
    if (channels < 0)
        return ENODEV;
    if (c->qid >= channels)
        return EINVAL;
    if (c->flags & LPORT_USER_MANAGED_BUFFERS)
        return EOPNOTSUPP;
    if ((c->flags & LPORT_UNPRIVILEGED) && !c->xsk_uds && !c->xsk_map_path)
        return EINVAL;
    if (!pi || !c->umem_addr || c->umem_size == 0 || !pi->addr || pi->bufsz == 0)
        return EINVAL;
    *bufsz = c->bufsz ? c->bufsz : pi->bufsz;
    if (*bufsz != pi->bufsz)
        return EINVAL;
    if (((uintptr_t)c->umem_addr & 4095) != 0)
        return EINVAL;
    if (!(c->flags & LPORT_UMEM_UNALIGNED_BUFFERS) &&
        (!is_pow2(*bufsz) || *bufsz < 2048 || *bufsz > 4096))
        return EINVAL;
    /* The pool's buffers must lie inside the umem region, on its frame grid. */
    if ((char *)pi->addr < c->umem_addr ||
        (uint64_t)((char *)pi->addr - c->umem_addr) + (uint64_t)pi->bufcnt * pi->bufsz >
            c->umem_size ||
        (size_t)((char *)pi->addr - c->umem_addr) % *bufsz != 0)
        return EINVAL;
    if ((c->rx_nb_desc && !is_pow2(c->rx_nb_desc)) || (c->tx_nb_desc && !is_pow2(c->tx_nb_desc)))
        return EINVAL;
    if (c->buf_mgmt.buf_header_sz + c->buf_mgmt.pool_header_sz + XDP_PKT_HEADROOM + 64 > *bufsz)
        return EINVAL;
    return 0;
}

static int
setup_busy_poll(xskdev_info_t *xi)
{
    int fd = xi->priv->fd, one = 1, timeout = (int)xi->busy_timeout, budget = (int)xi->busy_budget;

    if (xi->unprivileged) {
        if (!xi->uds_info)
            return 0; /* nobody to ask; polling still drives NAPI */
        return udsc_config_busy_poll(xi->uds_info, fd, timeout, budget) < 0 ? -errno : 0;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_PREFER_BUSY_POLL, &one, sizeof(one)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL, &timeout, sizeof(timeout)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL_BUDGET, &budget, sizeof(budget)) < 0)
        return -errno;
    return 0;
}

/* The XSKMAP an unprivileged socket goes into: from the UDS, or pinned. */
static int
get_map_fd(const lport_cfg_t *c)
{
    int fd;

    if (c->xsk_uds)
        fd = udsc_get_xsk_map_fd((uds_info_t *)c->xsk_uds, c->ifname);
    else
        fd = bpf_obj_get(c->xsk_map_path);
    if (fd < 0)
        return errno ? -errno : -EINVAL;
    return fd;
}

static xskdev_info_t *socket_create_once(struct lport_cfg *c, bool *final);

/*
 * The kernel releases a queue's AF_XDP binding asynchronously after close, so binding a
 * queue that was just closed can fail with EBUSY for a short while: retry for up to a
 * second before reporting it. A queue another xskdev of this process holds is reported at
 * once.
 */
xskdev_info_t *
xskdev_socket_create(struct lport_cfg *c)
{
    xskdev_info_t *xi;

    for (int tries = 0;; tries++) {
        bool final = false;

        xi = socket_create_once(c, &final);
        if (xi || errno != EBUSY || final || tries >= 100)
            return xi;
        usleep(10 * 1000);
        errno = EBUSY;
    }
}

static xskdev_info_t *
socket_create_once(struct lport_cfg *c, bool *final)
{
    struct xsk_umem_config ucfg;
    struct xsk_socket_config scfg;
    struct xskdev_priv *p;
    xskdev_info_t *xi;
    uint32_t bufsz = 0, mode, before = 0;
    int ret, map_fd = -1;

    if (!c) {
        errno = EINVAL;
        return NULL;
    }
    ret = check_cfg(c, &bufsz);
    if (ret) {
        errno = ret;
        return NULL;
    }
    if (c->flags & LPORT_UNPRIVILEGED) {
        map_fd = get_map_fd(c);
        if (map_fd < 0) {
            errno = -map_fd;
            return NULL;
        }
    }
    xi = calloc(1, sizeof(*xi));
    p  = calloc(1, sizeof(*p));
    if (!xi || !p) {
        free(xi);
        free(p);
        if (map_fd >= 0)
            close(map_fd);
        errno = ENOMEM;
        return NULL;
    }
    xi->priv = p;
    p->fd    = -1;
    pthread_mutex_init(&p->tx_lock, NULL);
    p->owned = calloc(c->pi->bufcnt, 1);
    if (!p->owned) {
        ret = -ENOMEM;
        goto fail;
    }

    memcpy(xi->ifname, c->ifname, strlen(c->ifname) + 1); /* checked: < IF_NAMESIZE */
    xi->if_index     = if_nametoindex(c->ifname);
    xi->qid          = c->qid;
    xi->pi           = c->pi;
    xi->xsk_map_fd   = -1;
    xi->unprivileged = !!(c->flags & LPORT_UNPRIVILEGED);
    xi->needs_wakeup = !(c->flags & LPORT_FORCE_WAKEUP);
    xi->skb_mode     = !!(c->flags & LPORT_SKB_MODE);
    xi->busy_polling = !!(c->flags & LPORT_BUSY_POLLING);
    xi->shared_umem  = !!(c->flags & LPORT_SHARED_UMEM);
    xi->busy_timeout = c->busy_timeout ? c->busy_timeout : AF_XDP_DFLT_BUSY_TIMEOUT;
    xi->busy_budget  = c->busy_budget ? c->busy_budget : AF_XDP_DFLT_BUSY_BUDGET;
    xi->uds_info     = c->xsk_uds;
    xi->buf_mgmt                = c->buf_mgmt;
    xi->buf_mgmt.buf_arg        = xi;
    xi->buf_mgmt.buf_rx_burst   = xskdev__rx_burst_pktmbuf;
    xi->buf_mgmt.buf_tx_burst   = xskdev__tx_burst_pktmbuf;
    xi->buf_mgmt.frame_size     = bufsz;

    p->umem_addr  = c->umem_addr;
    p->umem_size  = c->umem_size;
    p->unaligned  = !!(c->flags & LPORT_UMEM_UNALIGNED_BUFFERS);
    p->frame_mask = ~((uint64_t)bufsz - 1);
    p->headroom   = c->buf_mgmt.buf_header_sz + c->buf_mgmt.pool_header_sz;
    p->pool_base  = c->pi->addr;
    p->bufsz      = c->pi->bufsz;
    p->bufcnt     = c->pi->bufcnt;

    ret = xskdev__claim_queue(p, xi->if_index, xi->qid);
    if (ret < 0) {
        *final = true; /* held by one of ours: waiting will not help */
        goto fail;
    }

    memset(&ucfg, 0, sizeof(ucfg));
    ucfg.fill_size      = 2 * (c->rx_nb_desc ? c->rx_nb_desc : XSKDEV_DFLT_NUM_DESCS);
    ucfg.comp_size      = c->tx_nb_desc ? c->tx_nb_desc : XSKDEV_DFLT_NUM_DESCS;
    ucfg.frame_size     = bufsz;
    ucfg.frame_headroom = p->headroom;
    ucfg.flags          = p->unaligned ? XDP_UMEM_UNALIGNED_CHUNK_FLAG : 0;
    p->fq_target        = CNE_MIN(ucfg.fill_size / 2, p->bufcnt);

    ret = xskdev__get_umem(p, c, &ucfg, xi->shared_umem);
    if (ret < 0)
        goto fail;

    mode = xi->skb_mode ? XDP_FLAGS_SKB_MODE : XDP_FLAGS_DRV_MODE;
    memset(&scfg, 0, sizeof(scfg));
    scfg.rx_size      = c->rx_nb_desc ? c->rx_nb_desc : XSKDEV_DFLT_NUM_DESCS;
    scfg.tx_size      = c->tx_nb_desc ? c->tx_nb_desc : XSKDEV_DFLT_NUM_DESCS;
    scfg.libxdp_flags = xi->unprivileged ? XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD : 0;
    scfg.xdp_flags    = XDP_FLAGS_UPDATE_IF_NOEXIST | mode;
    /* CNDP (xskdev_socket_create): copy mode with LPORT_SKB_MODE, else zero-copy, which
     * drivers without AF_XDP zero-copy support (veth among them) refuse. */
    scfg.bind_flags   = (uint16_t)((xi->skb_mode ? XDP_COPY : XDP_ZEROCOPY) |
                                 (xi->needs_wakeup ? XDP_USE_NEED_WAKEUP : 0));
    xi->xdp_flags     = (int)scfg.xdp_flags;
    if (!xi->unprivileged && bpf_xdp_query_id((int)xi->if_index, (int)mode, &before) < 0)
        before = 0;

    ret = xsk_socket__create_shared(&p->xsk, c->ifname, c->qid, p->umem, &p->rx, &p->tx,
                                    &p->fq, &p->cq, &scfg);
    if (ret < 0) {
        p->xsk = NULL;
        if (!xi->skb_mode && (ret == -EOPNOTSUPP || ret == -EPROTONOSUPPORT)) {
            /* As CNDP, say what to change: the errno alone does not name the flag. */
            fprintf(stderr,
                    "xskdev: %s queue %u: the driver refuses zero-copy AF_XDP (%s); set "
                    "LPORT_SKB_MODE (config: \"skb_mode\": true) for copy mode\n",
                    c->ifname, (unsigned)c->qid, strerror(-ret));
            ret = -EOPNOTSUPP;
        }
        goto fail;
    }
    p->fd = xsk_socket__fd(p->xsk);
    if (!p->fq.ring || !p->cq.ring) {
        /* libxdp reused another socket's rings for this queue: not usable on its own. */
        *final = true;
        ret    = -EBUSY;
        goto fail;
    }
    p->pfd.fd     = p->fd;
    p->pfd.events = POLLIN;
    if (!xi->unprivileged)
        xskdev__note_prog(xi, before, mode);
    else {
        ret = xsk_socket__update_xskmap(p->xsk, map_fd);
        if (ret < 0)
            goto fail;
        close(map_fd);
        map_fd = -1;
    }
    if (xi->busy_polling && (ret = setup_busy_poll(xi)) < 0)
        goto fail;

    xskdev__fq_refill(xi, (int)(p->fq_target / FQ_BATCH) + 1);
    (void)read_xdp_stats(p, &p->orig);
    return xi;

fail:
    if (map_fd >= 0)
        close(map_fd);
    xskdev_socket_destroy(xi);
    errno = ret < 0 ? -ret : (ret ? ret : EIO);
    return NULL;
}
