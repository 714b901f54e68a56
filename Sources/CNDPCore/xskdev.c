/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: AF_XDP sockets over libxdp.
 *
 * Buffer ownership: every pool buffer handed to the kernel (fill ring or TX ring) is
 * marked in `owned`, and unmarked when it comes back (RX ring or completion ring). On
 * destroy, after the socket is gone and the kernel can no longer touch the umem, every
 * buffer still marked goes back to the pool, whatever ring it was in.
 */
#define _GNU_SOURCE
#include <errno.h>
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

#ifndef SO_PREFER_BUSY_POLL
#define SO_PREFER_BUSY_POLL 69
#endif
#ifndef SO_BUSY_POLL_BUDGET
#define SO_BUSY_POLL_BUDGET 70
#endif

#define FQ_BATCH      64  /* buffers per fill-ring refill step */
#define RX_FQ_BATCHES 2   /* refill steps per rx_burst */
#define CQ_REAP_MAX   256 /* completions reaped per step */

/* External definitions of the C99 inline functions, so they also exist as symbols. */
extern void *xskdev_arg_get(xskdev_info_t *xi);
extern uint16_t xskdev_rx_burst(xskdev_info_t *xi, mbuf_t **bufs, uint16_t nb_pkts);
extern int xskdev_get_fd(xskdev_info_t *xi, int *rx_fd, int *tx_fd);
extern uint16_t xskdev_tx_burst(xskdev_info_t *xi, mbuf_t **bufs, uint16_t nb_pkts);

/* A umem shared by the xskdevs over one region (LPORT_SHARED_UMEM). */
struct shared_umem {
    TAILQ_ENTRY(shared_umem) next;
    struct xsk_umem *umem;
    char *addr;
    size_t size;
    uint32_t frame_size, headroom;
    bool unaligned;
    int users;
};

/* Netdevs this library attached an XDP program to, with the number of sockets using it. */
struct attached_prog {
    TAILQ_ENTRY(attached_prog) next;
    unsigned int ifindex;
    uint32_t prog_id;
    uint32_t mode; /* XDP_FLAGS_SKB_MODE or XDP_FLAGS_DRV_MODE */
    int users;
};

static TAILQ_HEAD(, shared_umem) umems    = TAILQ_HEAD_INITIALIZER(umems);
static TAILQ_HEAD(, attached_prog) progs  = TAILQ_HEAD_INITIALIZER(progs);
static pthread_mutex_t xsk_registry_lock = PTHREAD_MUTEX_INITIALIZER;

struct xskdev_priv {
    struct xsk_ring_cons rx;
    struct xsk_ring_prod tx;
    struct xsk_ring_prod fq;
    struct xsk_ring_cons cq;
    struct xsk_socket *xsk;
    struct xsk_umem *umem;       /* private umem, or the shared one */
    struct shared_umem *shared;  /* non-NULL when shared */
    struct attached_prog *prog;  /* non-NULL when this library attached the program */
    char *umem_addr;
    size_t umem_size;
    uint64_t frame_mask;         /* aligned mode: ~(bufsz - 1) */
    bool unaligned;
    uint32_t headroom;           /* umem frame headroom */
    uint32_t fq_target;          /* buffers to keep in the kernel's hands for RX */
    uint32_t fq_owned;           /* buffers now in the fill or RX ring */
    char *pool_base;             /* pi->addr */
    uint32_t bufsz, bufcnt;
    uint8_t *owned;              /* per pool buffer: 1 while the kernel has it */
    int fd;
    struct pollfd pfd;
    struct xdp_statistics orig;  /* kernel counters at creation / reset */
    pthread_mutex_t tx_lock;
};

static inline uint32_t
buf_index(const struct xskdev_priv *p, const pktmbuf_t *m)
{
    return (uint32_t)(((const char *)m - p->pool_base) / p->bufsz);
}

/* The pool buffer a descriptor address (relative to the umem) belongs to, or NULL. */
static inline pktmbuf_t *
addr_to_mbuf(const struct xskdev_priv *p, uint64_t addr)
{
    uint64_t base = p->unaligned ? xsk_umem__extract_addr(addr) : (addr & p->frame_mask);
    char *m       = p->umem_addr + base;

    if (m < p->pool_base || m >= p->pool_base + (size_t)p->bufcnt * p->bufsz ||
        (size_t)(m - p->pool_base) % p->bufsz != 0)
        return NULL;
    return (pktmbuf_t *)m;
}

/* Allocates up to n buffers, taking fewer when the pool is short (all-or-nothing API). */
static uint16_t
alloc_some(pktmbuf_info_t *pi, pktmbuf_t **bufs, uint16_t n)
{
    while (n > 0) {
        if (pktmbuf_alloc_bulk(pi, bufs, n) == n)
            return n;
        n /= 2;
    }
    return 0;
}

static void
fq_refill(xskdev_info_t *xi, int batches)
{
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t *bufs[FQ_BATCH];

    while (batches-- > 0 && p->fq_owned < p->fq_target) {
        uint32_t want = CNE_MIN((uint32_t)FQ_BATCH, p->fq_target - p->fq_owned), idx = 0;
        uint16_t got;

        xi->stats.fq_add_called++;
        if (xsk_prod_nb_free(&p->fq, want) < want) {
            xi->stats.fq_full++;
            return;
        }
        got = alloc_some(xi->pi, bufs, (uint16_t)want);
        if (got == 0) {
            xi->stats.fq_alloc_zero++;
            return;
        }
        if (xsk_ring_prod__reserve(&p->fq, got, &idx) != got) {
            xi->stats.fq_reserve_failed++;
            pktmbuf_free_bulk(bufs, got);
            return;
        }
        for (uint16_t i = 0; i < got; i++) {
            *xsk_ring_prod__fill_addr(&p->fq, idx + i) = (uint64_t)((char *)bufs[i] - p->umem_addr);
            p->owned[buf_index(p, bufs[i])] = 1;
        }
        xsk_ring_prod__submit(&p->fq, got);
        p->fq_owned += got;
        xi->stats.fq_add_count += got;
        xi->stats.rx_buf_alloc += got;
    }
}

static uint16_t
rx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts)
{
    xskdev_info_t *xi     = arg;
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t **pkts      = (pktmbuf_t **)bufs;
    uint32_t idx = 0, rcvd;
    uint16_t n = 0;
    uint64_t bytes = 0;

    xi->stats.rx_burst_called++;
    rcvd = xsk_ring_cons__peek(&p->rx, nb_pkts, &idx);
    if (rcvd == 0) {
        xi->stats.rx_ring_empty++;
        fq_refill(xi, RX_FQ_BATCHES);
        if (xi->busy_polling) {
            xi->stats.rx_busypoll_wakeup++;
            (void)recvfrom(p->fd, NULL, 0, MSG_DONTWAIT, NULL, NULL);
        } else if (xsk_ring_prod__needs_wakeup(&p->fq)) {
            xi->stats.rx_poll_wakeup++;
            (void)poll(&p->pfd, 1, 0);
        }
        return 0;
    }
    for (uint32_t i = 0; i < rcvd; i++) {
        const struct xdp_desc *d = xsk_ring_cons__rx_desc(&p->rx, idx + i);
        pktmbuf_t *m             = addr_to_mbuf(p, d->addr);
        char *data;

        if (unlikely(!m)) {
            xi->stats.rx_invalid++;
            continue;
        }
        p->owned[buf_index(p, m)] = 0;
        p->fq_owned--;
        data = p->umem_addr + xsk_umem__add_offset_to_addr(d->addr);
        if (unlikely(data < (char *)m->buf_addr ||
                     data + d->len > (char *)m->buf_addr + m->buf_len)) {
            xi->stats.rx_invalid++;
            pktmbuf_free(m);
            continue;
        }
        m->data_off = (uint16_t)(data - (char *)m->buf_addr);
        m->data_len = (uint16_t)d->len;
        bytes += d->len;
        pkts[n++] = m;
    }
    xsk_ring_cons__release(&p->rx, rcvd);
    xi->stats.ipackets += n;
    xi->stats.ibytes += bytes;
    xi->stats.rx_rcvd_count += n;
    fq_refill(xi, RX_FQ_BATCHES);
    return n;
}

/* Frees what the kernel has finished sending. Caller holds tx_lock. */
static void
cq_reap(xskdev_info_t *xi)
{
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t *done[CQ_REAP_MAX];
    uint32_t idx = 0, n;
    uint16_t k = 0;

    n = xsk_ring_cons__peek(&p->cq, CQ_REAP_MAX, &idx);
    if (n == 0) {
        xi->stats.cq_empty++;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        pktmbuf_t *m = addr_to_mbuf(p, *xsk_ring_cons__comp_addr(&p->cq, idx + i));

        if (m && p->owned[buf_index(p, m)]) {
            p->owned[buf_index(p, m)] = 0;
            done[k++]                 = m;
        }
    }
    xsk_ring_cons__release(&p->cq, n);
    if (k)
        pktmbuf_free_bulk(done, k);
    xi->stats.cq_buf_freed += k;
}

/* Descriptors submitted to the TX ring that the kernel has not taken yet. */
static inline uint32_t
tx_outstanding(const struct xskdev_priv *p)
{
    return p->tx.cached_prod - __atomic_load_n(p->tx.consumer, __ATOMIC_ACQUIRE);
}

/*
 * Tells the kernel there is something to send. In copy mode each sendto() sends at most
 * a small batch (32), so every burst, the empty ones included, kicks while descriptors
 * remain outstanding.
 */
static void
tx_kick(xskdev_info_t *xi)
{
    struct xskdev_priv *p = xi->priv;

    if (tx_outstanding(p) == 0)
        return;
    if (xi->needs_wakeup && !xsk_ring_prod__needs_wakeup(&p->tx))
        return;
    xi->stats.tx_kicks++;
    if (sendto(p->fd, NULL, 0, MSG_DONTWAIT, NULL, 0) < 0) {
        if (errno == EAGAIN || errno == EBUSY || errno == ENOBUFS || errno == EINTR)
            xi->stats.tx_kick_again++;
        else
            xi->stats.tx_kick_failed++;
    }
}

static uint16_t
tx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts)
{
    xskdev_info_t *xi     = arg;
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t **pkts      = (pktmbuf_t **)bufs;
    uint32_t idx = 0, room, n;
    uint16_t sent = 0;
    uint64_t bytes = 0;

    pthread_mutex_lock(&p->tx_lock);
    cq_reap(xi);
    if (nb_pkts == 0) {
        /* Maintenance call: push what is still queued, reap completions. */
        tx_kick(xi);
        pthread_mutex_unlock(&p->tx_lock);
        return 0;
    }
    room = xsk_prod_nb_free(&p->tx, nb_pkts);
    n    = CNE_MIN((uint32_t)nb_pkts, room);
    if (n == 0 || xsk_ring_prod__reserve(&p->tx, n, &idx) != n) {
        xi->stats.tx_ring_full++;
        tx_kick(xi);
        pthread_mutex_unlock(&p->tx_lock);
        return 0;
    }
    for (; sent < n; sent++) {
        pktmbuf_t *m = pkts[sent];
        struct xdp_desc *d;
        char *data;

        if (unlikely(m->pooldata != xi->pi || pktmbuf_refcnt_read(m) != 1)) {
            /* Not one of this umem's buffers (or shared): copy it into one. */
            pktmbuf_t *c = pktmbuf_alloc(xi->pi);

            if (!c || pktmbuf_tailroom(c) < m->data_len) {
                pktmbuf_free(c);
                break;
            }
            memcpy(pktmbuf_mtod(c, char *), pktmbuf_mtod(m, char *), m->data_len);
            c->data_len = m->data_len;
            pktmbuf_free(m);
            pkts[sent] = m = c;
            xi->stats.tx_copied++;
        }
        data    = pktmbuf_mtod(m, char *);
        d       = xsk_ring_prod__tx_desc(&p->tx, idx + sent);
        d->len  = m->data_len;
        if (p->unaligned)
            d->addr = ((uint64_t)(data - (char *)m) << XSK_UNALIGNED_BUF_OFFSET_SHIFT) |
                      (uint64_t)((char *)m - p->umem_addr);
        else
            d->addr = (uint64_t)(data - p->umem_addr);
        p->owned[buf_index(p, m)] = 1;
        bytes += m->data_len;
    }
    if (sent < n) {
        /* Give back the reserved slots we did not fill. */
        p->tx.cached_prod -= n - sent;
    }
    if (sent)
        xsk_ring_prod__submit(&p->tx, sent);
    xi->stats.opackets += sent;
    xi->stats.obytes += bytes;
    tx_kick(xi);
    cq_reap(xi);
    pthread_mutex_unlock(&p->tx_lock);
    return sent;
}

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

/* Detaches prog_id from ifindex, only if it is still the attached program. */
static void
detach_prog(unsigned int ifindex, uint32_t prog_id, uint32_t mode)
{
    uint32_t cur = 0;
    int fd;

    if (bpf_xdp_query_id((int)ifindex, (int)mode, &cur) < 0 || cur != prog_id || cur == 0)
        return;
    fd = bpf_prog_get_fd_by_id(prog_id);
    if (fd < 0)
        return;
    {
        LIBBPF_OPTS(bpf_xdp_attach_opts, opts, .old_prog_fd = fd);
        (void)bpf_xdp_attach((int)ifindex, -1, XDP_FLAGS_REPLACE | mode, &opts);
    }
    close(fd);
}

static void
release_prog(struct attached_prog *ap)
{
    if (!ap)
        return;
    pthread_mutex_lock(&xsk_registry_lock);
    if (--ap->users > 0) {
        pthread_mutex_unlock(&xsk_registry_lock);
        return;
    }
    TAILQ_REMOVE(&progs, ap, next);
    pthread_mutex_unlock(&xsk_registry_lock);
    detach_prog(ap->ifindex, ap->prog_id, ap->mode);
    free(ap);
}

static void
release_umem(struct xskdev_priv *p)
{
    if (p->shared) {
        struct shared_umem *su = p->shared;

        pthread_mutex_lock(&xsk_registry_lock);
        if (--su->users == 0) {
            TAILQ_REMOVE(&umems, su, next);
            (void)xsk_umem__delete(su->umem);
            free(su);
        }
        pthread_mutex_unlock(&xsk_registry_lock);
    } else if (p->umem)
        (void)xsk_umem__delete(p->umem);
    p->shared = NULL;
    p->umem   = NULL;
}

/* Returns every buffer still marked as the kernel's to the pool. */
static void
return_owned(xskdev_info_t *xi)
{
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t *batch[128];
    unsigned k = 0;

    for (uint32_t i = 0; i < p->bufcnt; i++) {
        if (!p->owned[i])
            continue;
        p->owned[i] = 0;
        batch[k++]  = (pktmbuf_t *)(p->pool_base + (size_t)i * p->bufsz);
        if (k == cne_countof(batch)) {
            pktmbuf_free_bulk(batch, k);
            k = 0;
        }
    }
    if (k)
        pktmbuf_free_bulk(batch, k);
    p->fq_owned = 0;
}

void
xskdev_socket_destroy(xskdev_info_t *xi)
{
    struct xskdev_priv *p;

    if (!xi)
        return;
    p = xi->priv;
    if (p) {
        if (p->xsk)
            xsk_socket__delete(p->xsk);
        p->xsk = NULL;
        release_umem(p);
        release_prog(p->prog);
        p->prog = NULL;
        if (p->owned)
            return_owned(xi);
        free(p->owned);
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

/* Finds or creates the umem; fills p->umem / p->shared. Returns 0 or a negative errno. */
static int
get_umem(struct xskdev_priv *p, const lport_cfg_t *c, const struct xsk_umem_config *ucfg,
         bool share)
{
    struct shared_umem *su;
    int ret;

    if (!share)
        return xsk_umem__create(&p->umem, p->umem_addr, p->umem_size, &p->fq, &p->cq, ucfg);

    pthread_mutex_lock(&xsk_registry_lock);
    TAILQ_FOREACH(su, &umems, next)
    {
        if (su->addr == c->umem_addr && su->size == c->umem_size) {
            if (su->frame_size != ucfg->frame_size || su->headroom != ucfg->frame_headroom ||
                su->unaligned != p->unaligned) {
                pthread_mutex_unlock(&xsk_registry_lock);
                return -EINVAL;
            }
            su->users++;
            p->shared = su;
            p->umem   = su->umem;
            pthread_mutex_unlock(&xsk_registry_lock);
            return 0;
        }
    }
    su = calloc(1, sizeof(*su));
    if (!su) {
        pthread_mutex_unlock(&xsk_registry_lock);
        return -ENOMEM;
    }
    ret = xsk_umem__create(&su->umem, p->umem_addr, p->umem_size, &p->fq, &p->cq, ucfg);
    if (ret < 0) {
        free(su);
        pthread_mutex_unlock(&xsk_registry_lock);
        return ret;
    }
    su->addr       = c->umem_addr;
    su->size       = c->umem_size;
    su->frame_size = ucfg->frame_size;
    su->headroom   = ucfg->frame_headroom;
    su->unaligned  = p->unaligned;
    su->users      = 1;
    TAILQ_INSERT_TAIL(&umems, su, next);
    p->shared = su;
    p->umem   = su->umem;
    pthread_mutex_unlock(&xsk_registry_lock);
    return 0;
}

/* Records that a privileged socket on ifindex uses the program there now. */
static void
note_prog(xskdev_info_t *xi, uint32_t before, uint32_t mode)
{
    struct attached_prog *ap;
    uint32_t now = 0;

    if (bpf_xdp_query_id((int)xi->if_index, (int)mode, &now) < 0)
        now = 0;
    xi->prog_id = now;
    pthread_mutex_lock(&xsk_registry_lock);
    TAILQ_FOREACH(ap, &progs, next)
    {
        if (ap->ifindex == xi->if_index && ap->prog_id == now) {
            ap->users++;
            xi->priv->prog = ap;
            pthread_mutex_unlock(&xsk_registry_lock);
            return;
        }
    }
    /* Only a program that appeared because of us is ours to detach. */
    if (now != 0 && before == 0 && (ap = calloc(1, sizeof(*ap))) != NULL) {
        ap->ifindex = xi->if_index;
        ap->prog_id = now;
        ap->mode    = mode;
        ap->users   = 1;
        TAILQ_INSERT_TAIL(&progs, ap, next);
        xi->priv->prog = ap;
    }
    pthread_mutex_unlock(&xsk_registry_lock);
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

static xskdev_info_t *socket_create_once(struct lport_cfg *c);

/*
 * The kernel releases a queue's AF_XDP binding asynchronously after close, so binding a
 * queue that was just closed can fail with EBUSY for a short while: retry for up to a
 * second before reporting it.
 */
xskdev_info_t *
xskdev_socket_create(struct lport_cfg *c)
{
    xskdev_info_t *xi;

    for (int tries = 0;; tries++) {
        xi = socket_create_once(c);
        if (xi || errno != EBUSY || tries >= 100)
            return xi;
        usleep(10 * 1000);
        errno = EBUSY;
    }
}

static xskdev_info_t *
socket_create_once(struct lport_cfg *c)
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
    xi->buf_mgmt.buf_rx_burst   = rx_burst_pktmbuf;
    xi->buf_mgmt.buf_tx_burst   = tx_burst_pktmbuf;
    xi->buf_mgmt.frame_size     = bufsz;

    p->umem_addr  = c->umem_addr;
    p->umem_size  = c->umem_size;
    p->unaligned  = !!(c->flags & LPORT_UMEM_UNALIGNED_BUFFERS);
    p->frame_mask = ~((uint64_t)bufsz - 1);
    p->headroom   = c->buf_mgmt.buf_header_sz + c->buf_mgmt.pool_header_sz;
    p->pool_base  = c->pi->addr;
    p->bufsz      = c->pi->bufsz;
    p->bufcnt     = c->pi->bufcnt;

    memset(&ucfg, 0, sizeof(ucfg));
    ucfg.fill_size      = 2 * (c->rx_nb_desc ? c->rx_nb_desc : LPORT_DFLT_RX_NUM_DESCS);
    ucfg.comp_size      = c->tx_nb_desc ? c->tx_nb_desc : LPORT_DFLT_TX_NUM_DESCS;
    ucfg.frame_size     = bufsz;
    ucfg.frame_headroom = p->headroom;
    ucfg.flags          = p->unaligned ? XDP_UMEM_UNALIGNED_CHUNK_FLAG : 0;
    p->fq_target        = CNE_MIN(ucfg.fill_size / 2, p->bufcnt);

    ret = get_umem(p, c, &ucfg, xi->shared_umem);
    if (ret < 0)
        goto fail;

    mode = xi->skb_mode ? XDP_FLAGS_SKB_MODE : XDP_FLAGS_DRV_MODE;
    memset(&scfg, 0, sizeof(scfg));
    scfg.rx_size      = c->rx_nb_desc ? c->rx_nb_desc : LPORT_DFLT_RX_NUM_DESCS;
    scfg.tx_size      = c->tx_nb_desc ? c->tx_nb_desc : LPORT_DFLT_TX_NUM_DESCS;
    scfg.libxdp_flags = xi->unprivileged ? XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD : 0;
    scfg.xdp_flags    = XDP_FLAGS_UPDATE_IF_NOEXIST | mode;
    scfg.bind_flags   = (uint16_t)((xi->skb_mode ? XDP_COPY : 0) |
                                 (xi->needs_wakeup ? XDP_USE_NEED_WAKEUP : 0));
    xi->xdp_flags     = (int)scfg.xdp_flags;
    if (!xi->unprivileged && bpf_xdp_query_id((int)xi->if_index, (int)mode, &before) < 0)
        before = 0;

    ret = xsk_socket__create_shared(&p->xsk, c->ifname, c->qid, p->umem, &p->rx, &p->tx,
                                    &p->fq, &p->cq, &scfg);
    if (ret < 0) {
        p->xsk = NULL;
        goto fail;
    }
    p->fd         = xsk_socket__fd(p->xsk);
    p->pfd.fd     = p->fd;
    p->pfd.events = POLLIN;
    if (!xi->unprivileged)
        note_prog(xi, before, mode);
    else {
        ret = xsk_socket__update_xskmap(p->xsk, map_fd);
        if (ret < 0)
            goto fail;
        close(map_fd);
        map_fd = -1;
    }
    if (xi->busy_polling && (ret = setup_busy_poll(xi)) < 0)
        goto fail;

    fq_refill(xi, (int)(p->fq_target / FQ_BATCH) + 1);
    (void)read_xdp_stats(p, &p->orig);
    return xi;

fail:
    if (map_fd >= 0)
        close(map_fd);
    xskdev_socket_destroy(xi);
    errno = ret < 0 ? -ret : (ret ? ret : EIO);
    return NULL;
}
