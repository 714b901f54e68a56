/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): what the xskdev files share.
 *
 * xskdev.c creates and destroys sockets and reads their counters, xskdev_rxtx.c moves
 * buffers through the four rings, xskdev_registry.c tracks what sockets share: umems and the
 * XDP programs this library attached.
 */
#ifndef _XSKDEV_PRIVATE_H_
#define _XSKDEV_PRIVATE_H_

#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>

#include <linux/if_xdp.h>
#include <xdp/xsk.h>

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

/* Ring sizes for a zero rx_nb_desc / tx_nb_desc: libxdp's defaults, as CNDP's
 * xskdev_socket_create uses them (not LPORT_DFLT_TX_NUM_DESCS, which is jcfg's). */
#define XSKDEV_DFLT_NUM_DESCS XSK_RING_PROD__DEFAULT_NUM_DESCS

/* A netdev queue an xskdev is bound to: one xskdev per (ifindex, qid). */
struct queue_claim {
    TAILQ_ENTRY(queue_claim) next;
    unsigned int ifindex;
    uint32_t qid;
};

/*
 * What the socket carrying a shared umem's fd leaves behind when it is destroyed before
 * the other users: libxdp keeps that socket open (and bound to its queue) until the umem
 * is deleted, so the kernel may still write into its fill-ring buffers; they, and its
 * queue, are released only then.
 */
struct umem_leftover {
    uint8_t *owned;       /* the socket's owned[] */
    char *pool_base;
    uint32_t bufsz, bufcnt;
    struct queue_claim *claim;
};

/* A umem shared by the xskdevs over one region (LPORT_SHARED_UMEM). */
struct shared_umem {
    TAILQ_ENTRY(shared_umem) next;
    struct xsk_umem *umem;
    char *addr;
    size_t size;
    uint32_t frame_size, headroom;
    bool unaligned;
    int users;
    bool has_leftover;
    struct umem_leftover leftover;
};

/* Netdevs this library attached an XDP program to, with the number of sockets using it. */
struct attached_prog {
    TAILQ_ENTRY(attached_prog) next;
    unsigned int ifindex;
    uint32_t prog_id;
    uint32_t mode; /* XDP_FLAGS_SKB_MODE or XDP_FLAGS_DRV_MODE */
    int users;
};


struct xskdev_priv {
    struct xsk_ring_cons rx;
    struct xsk_ring_prod tx;
    struct xsk_ring_prod fq;
    struct xsk_ring_cons cq;
    struct xsk_socket *xsk;
    struct xsk_umem *umem;       /* private umem, or the shared one */
    struct shared_umem *shared;  /* non-NULL when shared */
    struct attached_prog *prog;  /* non-NULL when this library attached the program */
    struct queue_claim *claim;   /* the (ifindex, qid) this socket holds */
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


/* xskdev.c */
void xskdev__return_owned(uint8_t *owned, char *pool_base, uint32_t bufsz, uint32_t bufcnt);

/* xskdev_rxtx.c */
void xskdev__fq_refill(xskdev_info_t *xi, int batches);
uint16_t xskdev__rx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
uint16_t xskdev__tx_burst_pktmbuf(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
void xskdev__cq_reap(xskdev_info_t *xi);

/* xskdev_registry.c */
int xskdev__get_umem(struct xskdev_priv *p, const lport_cfg_t *c,
                     const struct xsk_umem_config *ucfg, bool shared);
void xskdev__release_umem(struct xskdev_priv *p, bool carries_umem_fd);
int xskdev__claim_queue(struct xskdev_priv *p, unsigned int ifindex, uint32_t qid);
void xskdev__release_claim(struct queue_claim *qc);
void xskdev__note_prog(xskdev_info_t *xi, uint32_t before, uint32_t mode);
void xskdev__release_prog(struct attached_prog *ap);

#endif /* _XSKDEV_PRIVATE_H_ */
