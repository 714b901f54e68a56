/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: one AF_XDP lport per queue of a 2-queue veth, each served by its
 * own thread, with a shared umem and with separate umems.
 *
 * The peer sends IPv4/UDP frames of many flows so that its transmit hash spreads them
 * over both queues; the test requires every frame to arrive exactly once on one of the
 * two lports, and frames sent by each lport to reach the peer. How the kernel spreads
 * frames over the queues is reported, not required: in generic (SKB) mode veth delivers
 * everything to queue 0 (native mode, which would follow the transmit queue, asks for
 * zero-copy, which veth refuses).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cne.h>
#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>

#include "test.h"
#include "test_pool.h"
#include "test_netutil.h"

#define TEST_MT_ROOT(tname) TEST_DEFINE(tname, (test_kind_t)(TEST_THREADS | TEST_NEEDS_ROOT))

#define MQ_FRAMES   512
#define MQ_TX       64
#define MQ_LEN      128

typedef struct mq_shared {
    uint32_t tag;
    uint8_t seen[MQ_FRAMES];
    uint32_t total;   /* frames seen, atomic */
    uint32_t dups, bad;
    int stop;         /* atomic */
} mq_shared_t;

typedef struct mq_worker {
    mq_shared_t *sh;
    int port;
    uint32_t qid;
    uint32_t got;     /* read after join */
    uint32_t sent;
} mq_worker_t;

static size_t
mq_frame(uint8_t *b, uint32_t tag, uint32_t seq)
{
    static const uint8_t hdr[34] = {0x02, 0, 0, 0, 0, 0x0b, 0x02, 0, 0, 0, 0, 0x0a, 0x08, 0x00,
                                    0x45, 0, 0, MQ_LEN - 14, 0, 0, 0, 0, 64, 17, 0, 0,
                                    10, 9, 0, 1, 10, 9, 0, 2};
    uint16_t sport = (uint16_t)(1024 + seq * 7919u % 60000), dport = (uint16_t)(2000 + seq % 97);

    memset(b, 0, MQ_LEN);
    memcpy(b, hdr, sizeof(hdr));
    b[34] = (uint8_t)(sport >> 8);
    b[35] = (uint8_t)sport;
    b[36] = (uint8_t)(dport >> 8);
    b[37] = (uint8_t)dport;
    b[39] = MQ_LEN - 34;
    memcpy(b + 42, &tag, 4);
    memcpy(b + 46, &seq, 4);
    for (int i = 50; i < MQ_LEN; i++)
        b[i] = (uint8_t)(seq + i);
    return MQ_LEN;
}

static bool
mq_parse(const uint8_t *b, size_t len, uint32_t tag, uint32_t *seq)
{
    uint32_t t;

    if (len != MQ_LEN || b[12] != 0x08 || b[13] != 0x00 || b[23] != 17)
        return false;
    memcpy(&t, b + 42, 4);
    memcpy(seq, b + 46, 4);
    return t == tag;
}

static void *
mq_worker_main(void *arg)
{
    mq_worker_t *w = arg;
    mq_shared_t *sh = w->sh;
    uint64_t deadline = tnet_now_ms() + 3000;
    pktmbuf_t *pkts[64];
    uint8_t expect[MQ_LEN];

    cne_register("mq-worker");
    /* Receive until every frame has arrived somewhere (or time is up). */
    while (__atomic_load_n(&sh->total, __ATOMIC_ACQUIRE) < MQ_FRAMES && tnet_now_ms() < deadline) {
        uint16_t n = pktdev_rx_burst((uint16_t)w->port, pkts, 64);

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++) {
            uint32_t seq;
            const uint8_t *d = pktmbuf_mtod(pkts[i], const uint8_t *);

            if (!mq_parse(d, pkts[i]->data_len, sh->tag, &seq) || seq >= MQ_FRAMES)
                continue;
            mq_frame(expect, sh->tag, seq);
            if (memcmp(d, expect, MQ_LEN) != 0)
                __atomic_fetch_add(&sh->bad, 1, __ATOMIC_RELAXED);
            else if (__atomic_fetch_add(&sh->seen[seq], 1, __ATOMIC_RELAXED) != 0)
                __atomic_fetch_add(&sh->dups, 1, __ATOMIC_RELAXED);
            else {
                w->got++;
                __atomic_fetch_add(&sh->total, 1, __ATOMIC_RELEASE);
            }
        }
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    /* Then send MQ_TX frames tagged with this queue. */
    if (pktdev_buf_alloc(w->port, pkts, MQ_TX) == MQ_TX) {
        uint32_t sent = 0;

        for (uint32_t i = 0; i < MQ_TX; i++) {
            mq_frame(pktmbuf_mtod(pkts[i], uint8_t *), sh->tag + 1 + w->qid, i);
            pkts[i]->data_len = MQ_LEN;
        }
        while (sent < MQ_TX && tnet_now_ms() < deadline + 2000) {
            uint16_t n = pktdev_tx_burst((uint16_t)w->port, pkts + sent, (uint16_t)(MQ_TX - sent));

            if (n == PKTDEV_ADMIN_STATE_DOWN)
                break;
            sent += n;
        }
        if (sent < MQ_TX)
            pktmbuf_free_bulk(pkts + sent, MQ_TX - sent);
        w->sent = sent;
    }
    /* Keep completions moving until the main thread has seen the frames. */
    while (!__atomic_load_n(&sh->stop, __ATOMIC_ACQUIRE) && tnet_now_ms() < deadline + 4000) {
        pktdev_tx_burst((uint16_t)w->port, NULL, 0);
        usleep(1000);
    }
    return NULL;
}

static void
mq_run(uint16_t flags, bool shared)
{
    mq_shared_t *sh = calloc(1, sizeof(*sh));
    mq_worker_t w[2];
    pthread_t tid[2];
    int started = 0, peer = -1;
    tnet_t t;
    tpool_t tp[2] = {{0}, {0}};
    lport_cfg_t cfg;
    uint32_t peer_got[2] = {0, 0};
    uint8_t buf[2048];

    REQUIRE(sh != NULL);
    memset(w, 0, sizeof(w));
    sh->tag = 0x6d710000u ^ ((uint32_t)getpid() << 4) ^ flags;
    if (tnet_setup(&t, 2) != 0 || tpool_create(&tp[0], 4096, 2048) != 0 ||
        (!shared && tpool_create(&tp[1], 4096, 2048) != 0)) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    for (uint32_t q = 0; q < 2; q++) {
        char name[32];

        snprintf(name, sizeof(name), "mq%u-%d", q, (int)getpid() % 100000);
        tpool_cfg(&tp[shared ? 0 : q], &cfg, name, t.a, "net_af_xdp", (uint16_t)q,
                  (uint16_t)(flags | (shared ? LPORT_SHARED_UMEM : 0)));
        cfg.rx_nb_desc = 512;
        cfg.tx_nb_desc = 512;
        w[q].sh        = sh;
        w[q].qid       = q;
        w[q].port      = pktdev_port_setup(&cfg);
        if (w[q].port < 0) {
            test_fail(__FILE__, __LINE__, "queue %u setup: %s", q, strerror(errno));
            goto out;
        }
    }
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    for (; started < 2; started++)
        if (pthread_create(&tid[started], NULL, mq_worker_main, &w[started]) != 0)
            break;
    REQUIRE_OR_GOTO(started == 2, out);
    for (uint32_t i = 0; i < MQ_FRAMES; i++) {
        mq_frame(buf, sh->tag, i);
        if (send(peer, buf, MQ_LEN, 0) != MQ_LEN)
            test_fail(__FILE__, __LINE__, "peer send: %s", strerror(errno));
    }
    /* Frames from each lport. */
    for (uint64_t deadline = tnet_now_ms() + 6000;
         (peer_got[0] < MQ_TX || peer_got[1] < MQ_TX) && tnet_now_ms() < deadline;) {
        struct pollfd pfd = {.fd = peer, .events = POLLIN};
        ssize_t len;
        uint32_t seq;

        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(peer, buf, sizeof(buf), MSG_DONTWAIT);
        for (uint32_t q = 0; q < 2 && len > 0; q++)
            if (mq_parse(buf, (size_t)len, sh->tag + 1 + q, &seq) && seq < MQ_TX)
                peer_got[q]++;
    }
out:
    __atomic_store_n(&sh->stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    if (started == 2) {
        printf("    %s %s umem: queue 0 got %u, queue 1 got %u of %u\n",
               (flags & LPORT_SKB_MODE) ? "skb" : "drv", shared ? "shared" : "separate",
               w[0].got, w[1].got, MQ_FRAMES);
        CHECK_EQ(w[0].got + w[1].got, MQ_FRAMES);
        CHECK_EQ(sh->dups, 0);
        CHECK_EQ(sh->bad, 0);
        CHECK_EQ(w[0].sent, MQ_TX);
        CHECK_EQ(w[1].sent, MQ_TX);
        CHECK_EQ(peer_got[0], MQ_TX);
        CHECK_EQ(peer_got[1], MQ_TX);
    }
    for (int q = 0; q < 2; q++)
        if (w[q].port > 0 || (w[q].sh && w[q].port == 0))
            CHECK_EQ(pktdev_close((uint16_t)w[q].port), 0);
    CHECK(!tnet_has_xdp(t.a));
    for (int q = 0; q < 2; q++) {
        if (tp[q].pi)
            CHECK(test_pool_all_free(tp[q].pi->pd));
        tpool_destroy(&tp[q]);
    }
    if (peer >= 0)
        close(peer);
    tnet_teardown(&t);
    free(sh);
}

TEST_MT_ROOT(af_xdp_multiqueue_skb_shared_umem)
{
    mq_run(LPORT_SKB_MODE, true);
}

TEST_MT_ROOT(af_xdp_multiqueue_skb_separate_umem)
{
    mq_run(LPORT_SKB_MODE, false);
}

/* Native (driver) mode asks for zero-copy, as in CNDP, which veth refuses: only the SKB
 * mode runs on a veth pair (test_af_xdp.c checks the refusal). */

/* One lport, RX on one thread and TX on another at the same time (TX is locked, RX not). */
typedef struct rt_ctx {
    int port;
    uint32_t tag;
    uint32_t rx_got, tx_sent;
} rt_ctx_t;

static void *
rt_rx_main(void *arg)
{
    rt_ctx_t *c = arg;
    pktmbuf_t *pkts[64];
    uint32_t seq;

    cne_register("rt-rx");
    for (uint64_t end = tnet_now_ms() + 3000; c->rx_got < MQ_FRAMES && tnet_now_ms() < end;) {
        uint16_t n = pktdev_rx_burst((uint16_t)c->port, pkts, 64);

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++)
            c->rx_got += mq_parse(pktmbuf_mtod(pkts[i], uint8_t *), pkts[i]->data_len, c->tag, &seq);
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    return NULL;
}

static void *
rt_tx_main(void *arg)
{
    rt_ctx_t *c = arg;
    pktmbuf_t *pkts[32];

    cne_register("rt-tx");
    for (uint64_t end = tnet_now_ms() + 3000; c->tx_sent < MQ_FRAMES && tnet_now_ms() < end;) {
        uint32_t want = CNE_MIN(32u, MQ_FRAMES - c->tx_sent);
        uint16_t n;

        if (pktdev_buf_alloc(c->port, pkts, (uint16_t)want) != (int)want)
            continue;
        for (uint32_t i = 0; i < want; i++) {
            mq_frame(pktmbuf_mtod(pkts[i], uint8_t *), c->tag + 1, c->tx_sent + i);
            pkts[i]->data_len = MQ_LEN;
        }
        n = pktdev_tx_burst((uint16_t)c->port, pkts, (uint16_t)want);
        if (n == PKTDEV_ADMIN_STATE_DOWN)
            n = 0;
        if (n < want)
            pktmbuf_free_bulk(pkts + n, want - n);
        c->tx_sent += n;
    }
    for (int i = 0; i < 200; i++) { /* let the last completions come back */
        pktdev_tx_burst((uint16_t)c->port, NULL, 0);
        usleep(1000);
    }
    return NULL;
}

TEST_MT_ROOT(af_xdp_rx_tx_threads)
{
    rt_ctx_t c = {.port = -1};
    pthread_t rx, tx;
    int started = 0, peer = -1;
    uint32_t peer_got = 0;
    tnet_t t;
    tpool_t tp = {0};
    lport_cfg_t cfg;
    uint8_t buf[2048];

    c.tag = 0x72740000u ^ (uint32_t)getpid();
    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 4096, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "rxtx", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    c.port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(c.port >= 0, out);
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    if (pthread_create(&rx, NULL, rt_rx_main, &c) == 0)
        started |= 1;
    if (pthread_create(&tx, NULL, rt_tx_main, &c) == 0)
        started |= 2;
    REQUIRE_OR_GOTO(started == 3, out);
    for (uint32_t i = 0; i < MQ_FRAMES; i++) {
        mq_frame(buf, c.tag, i);
        CHECK_EQ(send(peer, buf, MQ_LEN, 0), MQ_LEN);
    }
    for (uint64_t end = tnet_now_ms() + 4000; peer_got < MQ_FRAMES && tnet_now_ms() < end;) {
        struct pollfd pfd = {.fd = peer, .events = POLLIN};
        ssize_t len;
        uint32_t seq;

        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(peer, buf, sizeof(buf), MSG_DONTWAIT);
        peer_got += len > 0 && mq_parse(buf, (size_t)len, c.tag + 1, &seq);
    }
out:
    if (started & 1)
        pthread_join(rx, NULL);
    if (started & 2)
        pthread_join(tx, NULL);
    if (started == 3) {
        CHECK_EQ(c.rx_got, MQ_FRAMES);
        CHECK_EQ(c.tx_sent, MQ_FRAMES);
        CHECK_EQ(peer_got, MQ_FRAMES);
    }
    if (c.port >= 0) {
        CHECK_EQ(pktdev_close((uint16_t)c.port), 0);
        CHECK(test_pool_all_free(tp.pi->pd));
    }
    if (peer >= 0)
        close(peer);
    tpool_destroy(&tp);
    tnet_teardown(&t);
}
