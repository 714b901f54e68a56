/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: what AF_XDP sockets share, process-wide: umems over one region
 * (LPORT_SHARED_UMEM), the XDP programs this library attached, with their users, and the
 * netdev queues sockets are bound to.
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

static TAILQ_HEAD(, shared_umem) umems    = TAILQ_HEAD_INITIALIZER(umems);
static TAILQ_HEAD(, attached_prog) progs  = TAILQ_HEAD_INITIALIZER(progs);
static TAILQ_HEAD(, queue_claim) claims   = TAILQ_HEAD_INITIALIZER(claims);
static pthread_mutex_t xsk_registry_lock = PTHREAD_MUTEX_INITIALIZER;


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

void
xskdev__release_prog(struct attached_prog *ap)
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

/*
 * One xskdev per netdev queue. The kernel refuses a second socket on a bound queue, except
 * one sharing the first one's umem, which libxdp then gives the first socket's fill and
 * completion rings (leaving the new socket's zeroed): refuse both here with EBUSY.
 * Returns 0 (p->claim set) or -EBUSY / -ENOMEM.
 */
int
xskdev__claim_queue(struct xskdev_priv *p, unsigned int ifindex, uint32_t qid)
{
    struct queue_claim *qc;

    pthread_mutex_lock(&xsk_registry_lock);
    TAILQ_FOREACH(qc, &claims, next)
    {
        if (qc->ifindex == ifindex && qc->qid == qid) {
            pthread_mutex_unlock(&xsk_registry_lock);
            return -EBUSY;
        }
    }
    qc = calloc(1, sizeof(*qc));
    if (!qc) {
        pthread_mutex_unlock(&xsk_registry_lock);
        return -ENOMEM;
    }
    qc->ifindex = ifindex;
    qc->qid     = qid;
    TAILQ_INSERT_TAIL(&claims, qc, next);
    p->claim = qc;
    pthread_mutex_unlock(&xsk_registry_lock);
    return 0;
}

void
xskdev__release_claim(struct queue_claim *qc)
{
    if (!qc)
        return;
    pthread_mutex_lock(&xsk_registry_lock);
    TAILQ_REMOVE(&claims, qc, next);
    pthread_mutex_unlock(&xsk_registry_lock);
    free(qc);
}

/*
 * Drops p's use of its umem, after its socket was deleted. A private umem is deleted. A
 * shared one is deleted with its last user; when the socket carrying the umem's fd (the
 * first one created) goes before the others, libxdp leaves it open and bound until then,
 * so its buffers (p->owned) and its queue claim move to the shared umem and are released
 * after the umem (and with it that socket) is gone.
 */
void
xskdev__release_umem(struct xskdev_priv *p, bool carries_umem_fd)
{
    if (p->shared) {
        struct shared_umem *su = p->shared;
        bool last;

        pthread_mutex_lock(&xsk_registry_lock);
        if (carries_umem_fd && !su->has_leftover) {
            su->leftover.owned     = p->owned;
            su->leftover.pool_base = p->pool_base;
            su->leftover.bufsz     = p->bufsz;
            su->leftover.bufcnt    = p->bufcnt;
            su->leftover.claim     = p->claim;
            su->has_leftover       = true;
            p->owned               = NULL;
            p->claim               = NULL;
        }
        last = --su->users == 0;
        if (last)
            TAILQ_REMOVE(&umems, su, next);
        pthread_mutex_unlock(&xsk_registry_lock);
        if (last) {
            (void)xsk_umem__delete(su->umem); /* closes the umem's socket */
            if (su->has_leftover) {
                struct umem_leftover *lo = &su->leftover;

                if (lo->owned)
                    xskdev__return_owned(lo->owned, lo->pool_base, lo->bufsz, lo->bufcnt);
                free(lo->owned);
                xskdev__release_claim(lo->claim);
            }
            free(su);
        }
    } else if (p->umem)
        (void)xsk_umem__delete(p->umem);
    p->shared = NULL;
    p->umem   = NULL;
}

/* Finds or creates the umem; fills p->umem / p->shared. Returns 0 or a negative errno. */
int
xskdev__get_umem(struct xskdev_priv *p, const lport_cfg_t *c, const struct xsk_umem_config *ucfg,
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
void
xskdev__note_prog(xskdev_info_t *xi, uint32_t before, uint32_t mode)
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

