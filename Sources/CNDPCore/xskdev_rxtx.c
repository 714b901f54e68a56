/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: AF_XDP receive and transmit, and the fill and completion rings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include "xskdev_private.h"

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

void
xskdev__fq_refill(xskdev_info_t *xi, int batches)
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

uint16_t
xskdev__rx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts)
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
        xskdev__fq_refill(xi, RX_FQ_BATCHES);
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
    xskdev__fq_refill(xi, RX_FQ_BATCHES);
    return n;
}

/* Frees what the kernel has finished sending. Caller holds tx_lock. */
void
xskdev__cq_reap(xskdev_info_t *xi)
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

/* Upper bound on the sendto() calls of one kick (a full 4096-entry ring is 128 batches). */
#define TX_KICK_MAX_CALLS 160

/*
 * Tells the kernel there is something to send (CNDP: lib/core/xskdev/xskdev.c, kick_tx,
 * called from pull_umem_cq after every burst). In copy mode one sendto() sends at most a
 * batch of 32 descriptors and returns EAGAIN while more remain; CNDP retries once, which
 * drains a burst of up to 64. This kick goes on until the kernel has taken every submitted
 * descriptor, reaping completions in between (a full completion ring also reads as
 * EAGAIN), so that nothing a burst returned as sent is left in the ring when the port is
 * closed, whatever the burst size. In native mode sendto() only wakes the driver and
 * returns 0, which ends the kick. Bounded: at most TX_KICK_MAX_CALLS calls.
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
    for (int calls = 0; calls < TX_KICK_MAX_CALLS; calls++) {
        if (sendto(p->fd, NULL, 0, MSG_DONTWAIT, NULL, 0) >= 0)
            return;
        if (errno != EAGAIN && errno != EBUSY && errno != ENOBUFS && errno != EINTR) {
            xi->stats.tx_kick_failed++;
            return;
        }
        xi->stats.tx_kick_again++;
        xskdev__cq_reap(xi);
        if (tx_outstanding(p) == 0)
            return;
    }
    xi->stats.tx_kick_failed++;
}

/*
 * Whether m can go out as it is (or, from another pool, be copied): data inside the
 * buffer and not empty; for this umem's own buffers also inside its frame, the kernel
 * rejecting (and never completing) a descriptor that is not.
 */
static inline bool
tx_buf_valid(const xskdev_info_t *xi, const pktmbuf_t *m)
{
    const struct xskdev_priv *p = xi->priv;

    if (unlikely(!m || m->data_len == 0 ||
                 (uint32_t)m->data_off + m->data_len > pktmbuf_buf_len(m)))
        return false;
    if (m->pooldata == xi->pi) {
        const char *data = pktmbuf_mtod(m, const char *);

        if (unlikely(addr_to_mbuf(p, (uint64_t)((const char *)m - p->umem_addr)) != m ||
                     data < (const char *)m ||
                     (size_t)(data - (const char *)m) + m->data_len > p->bufsz))
            return false;
    }
    return true;
}

/*
 * Sends the whole burst or nothing, as CNDP does (lib/core/xskdev/xskdev.c,
 * xskdev_tx_burst_locked: xsk_ring_prod__reserve of libxdp reserves all nb_pkts slots or
 * none): when the TX ring has room for fewer than nb_pkts, nothing is sent
 * (tx_ring_full), the kick and the completion reaping still run, and the caller retries.
 * Where CNDP would send garbage this stops early instead and the rest stays the caller's:
 * at the first buffer that is not valid (see tx_buf_valid; counted in oerrors) and when a
 * buffer from another pool cannot be copied. Those sent belong to the socket.
 */
uint16_t
xskdev__tx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts)
{
    xskdev_info_t *xi     = arg;
    struct xskdev_priv *p = xi->priv;
    pktmbuf_t **pkts      = (pktmbuf_t **)bufs;
    uint32_t idx = 0, room, n, valid;
    uint16_t sent = 0;
    uint64_t bytes = 0;

    pthread_mutex_lock(&p->tx_lock);
    xskdev__cq_reap(xi);
    if (nb_pkts == 0) {
        /* Maintenance call: push what is still queued, reap completions. */
        tx_kick(xi);
        pthread_mutex_unlock(&p->tx_lock);
        return 0;
    }
    room = xsk_prod_nb_free(&p->tx, nb_pkts);
    n    = room >= nb_pkts ? nb_pkts : 0;
    /* Validate before reserving: an invalid buffer ends the burst and stays the caller's. */
    for (valid = 0; valid < n && tx_buf_valid(xi, pkts[valid]); valid++)
        ;
    if (valid < n) {
        xi->stats.oerrors++;
        n = valid;
        if (n == 0) {
            tx_kick(xi);
            pthread_mutex_unlock(&p->tx_lock);
            return 0;
        }
    }
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
            if (!tx_buf_valid(xi, c)) {
                pktmbuf_free(c);
                break;
            }
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
    xskdev__cq_reap(xi);
    pthread_mutex_unlock(&p->tx_lock);
    return sent;
}
