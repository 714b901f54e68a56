/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the "net_null" driver.
 *
 * RX hands out synthetic frames taken from lport_cfg_t.pi: 64-byte Ethernet/IPv4/UDP
 * frames (the length can be set with pmd_opts "len=N", 60 .. buffer room) whose payload
 * carries a 32-bit sequence number. TX frees what it is given. Needs no netdev and no
 * privileges.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pktdev.h>
#include <pktdev_driver.h>

#define PMD_NET_NULL_NAME net_null
#define NULL_DFLT_LEN     64

/* The default frame as one value: its assignment is a fixed-size copy, inlined. */
typedef struct null_frame64 {
    uint8_t b[NULL_DFLT_LEN];
} null_frame64_t;

struct null_priv {
    pktmbuf_info_t *pi;
    uint16_t pkt_len;
    uint16_t copy_len; /* template bytes written per frame: min(pkt_len, sizeof(tmpl)) */
    uint32_t seq;
    lport_stats_t stats;
    struct ether_addr mac;
    union {
        uint8_t tmpl[128];
        null_frame64_t head; /* the first NULL_DFLT_LEN bytes of tmpl */
    };
};

/*
 * Writes synthetic frames into n fresh buffers. `fixed64` is a constant in each caller: the
 * default 64-byte frame is copied as one fixed-size value (a few vector moves), other lengths
 * with memcpy. Two functions rather than a branch, because compilers merge the two copies of a
 * branch into one memcpy whose length is chosen at run time: a call, or `rep movsq` with gcc
 * -march=native on Intel, whose start-up cost outweighs the core's own work per packet.
 */
static inline uint16_t
null_rx_frames(struct null_priv *p, pktmbuf_t **pkts, uint16_t n, bool fixed64)
{
    uint16_t got = n;

    p->stats.rx_burst_called++;
    while (got > 0 && pktmbuf_alloc_bulk(p->pi, pkts, got) != got)
        got /= 2;
    if (got == 0) {
        p->stats.rx_ring_empty++;
        return 0;
    }
    for (uint16_t i = 0; i < got; i++) {
        pktmbuf_t *m = pkts[i];
        char *d      = pktmbuf_mtod(m, char *);
        uint32_t seq = p->seq++;

        if (fixed64)
            *(null_frame64_t *)(void *)d = p->head;
        else
            memcpy(d, p->tmpl, p->copy_len);
        memcpy(d + 42, &seq, sizeof(seq));
        m->data_len = p->pkt_len;
    }
    p->stats.ipackets += got;
    p->stats.ibytes += (uint64_t)got * p->pkt_len;
    p->stats.rx_rcvd_count += got;
    return got;
}

/* RX for the default 64-byte frame. */
static uint16_t
null_rx_default(void *q, pktmbuf_t **pkts, uint16_t n)
{
    return null_rx_frames(q, pkts, n, true);
}

/* RX for a frame length set with pmd_opts "len=N". */
static uint16_t
null_rx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    return null_rx_frames(q, pkts, n, false);
}

static uint16_t
null_tx(void *q, pktmbuf_t **pkts, uint16_t n)
{
    struct null_priv *p = q;
    uint64_t bytes      = 0;

    for (uint16_t i = 0; i < n; i++)
        bytes += pkts[i]->data_len;
    pktmbuf_free_bulk(pkts, n);
    p->stats.opackets += n;
    p->stats.obytes += bytes;
    return n;
}

static void
null_close(struct cne_pktdev *dev)
{
    free(dev->data->dev_private);
    dev->data->dev_private = NULL;
}

static int
null_stats_get(struct cne_pktdev *dev, lport_stats_t *st)
{
    *st = ((struct null_priv *)dev->data->dev_private)->stats;
    return 0;
}

static int
null_stats_reset(struct cne_pktdev *dev)
{
    memset(&((struct null_priv *)dev->data->dev_private)->stats, 0, sizeof(lport_stats_t));
    return 0;
}

static int
null_alloc(struct cne_pktdev *dev, pktmbuf_t **bufs, uint16_t n)
{
    return pktmbuf_alloc_bulk(((struct null_priv *)dev->data->dev_private)->pi, bufs, n);
}

static const struct pktdev_ops null_ops = {
    .dev_close   = null_close,
    .stats_get   = null_stats_get,
    .stats_reset = null_stats_reset,
    .pkt_alloc   = null_alloc,
};

static void
build_template(struct null_priv *p)
{
    static const uint8_t hdr[42] = {
        0x02, 0, 0, 0, 0, 0x02,            /* dst MAC */
        0x02, 0, 0, 0, 0, 0x01,            /* src MAC */
        0x08, 0x00,                        /* IPv4 */
        0x45, 0, 0, 50, 0, 0, 0, 0, 64, 17, 0, 0, /* IPv4: len 50, ttl 64, UDP */
        10, 0, 0, 1, 10, 0, 0, 2,          /* 10.0.0.1 -> 10.0.0.2 */
        0x13, 0x88, 0x13, 0x89, 0, 30, 0, 0 /* UDP 5000 -> 5001, len 30 */
    };
    uint16_t ipl = (uint16_t)(p->pkt_len - 14), udpl = (uint16_t)(p->pkt_len - 34);

    memset(p->tmpl, 0, sizeof(p->tmpl));
    memcpy(p->tmpl, hdr, sizeof(hdr));
    p->tmpl[16] = (uint8_t)(ipl >> 8);
    p->tmpl[17] = (uint8_t)ipl;
    p->tmpl[38] = (uint8_t)(udpl >> 8);
    p->tmpl[39] = (uint8_t)udpl;
    memcpy(p->mac.ether_addr_octet, hdr + 6, 6);
}

static int
null_probe(lport_cfg_t *cfg)
{
    struct cne_pktdev *dev;
    struct null_priv *p;
    long len = NULL_DFLT_LEN;

    if (!cfg->pi) {
        errno = EINVAL;
        return -1;
    }
    if (cfg->pmd_opts && !strncmp(cfg->pmd_opts, "len=", 4)) {
        char *end;

        len = strtol(cfg->pmd_opts + 4, &end, 10);
        if (*end) {
            errno = EINVAL;
            return -1;
        }
    }
    /* The default length too must fit after the headroom of the pool's buffers. */
    if (len < 60 || len > (long)cfg->pi->bufsz - (long)sizeof(pktmbuf_t) -
                              (long)CNE_PKTMBUF_HEADROOM) {
        errno = EINVAL;
        return -1;
    }
    dev = pktdev_allocate(cfg->name, cfg->ifname);
    if (!dev)
        return -1;
    p = calloc(1, sizeof(*p));
    if (!p) {
        pktdev_release_port(dev);
        errno = ENOMEM;
        return -1;
    }
    p->pi      = cfg->pi;
    p->pkt_len  = (uint16_t)len;
    p->copy_len = (uint16_t)(len < (long)sizeof(p->tmpl) ? len : (long)sizeof(p->tmpl));
    build_template(p);
    dev->data->dev_private = p;
    dev->data->rx_queue    = p;
    dev->data->tx_queue    = p;
    dev->data->mac_addr    = &p->mac;
    dev->dev_ops           = &null_ops;
    dev->rx_pkt_burst      = p->pkt_len == NULL_DFLT_LEN ? null_rx_default : null_rx;
    dev->tx_pkt_burst      = null_tx;
    return dev->data->lport_id;
}

static struct pktdev_driver null_drv = {.probe = null_probe};

PMD_REGISTER_DEV(PMD_NET_NULL_NAME, null_drv);
