/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: AF_XDP sockets sharing a umem, and one socket per queue, on
 * private veth pairs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/if_link.h>
#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <xskdev.h>

#include "test.h"
#include "test_pool.h"
#include "test_netutil.h"

/*
 * A second lport on a queue another one holds is refused at once with EBUSY, shared umem
 * or not (libxdp would give a shared-umem socket on the same queue no rings of its own),
 * and leaves nothing behind: the first one keeps working, and the queue is free again
 * once it is closed.
 */
TEST_ROOT(af_xdp_shared_umem_same_queue_busy)
{
    lport_cfg_t c0, c1;
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[16];
    int p0 = -1, peer = -1;
    uint32_t got = 0, seq;
    uint8_t buf[256];

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 4096, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &c0, "sameq0", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_SHARED_UMEM);
    tpool_cfg(&tp, &c1, "sameq1", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_SHARED_UMEM);
    p0 = pktdev_port_setup(&c0);
    REQUIRE_OR_GOTO(p0 >= 0, out);
    {
        uint16_t before     = pktdev_port_count();
        unsigned int avail  = test_pool_free(tp.pi->pd);
        uint64_t t0         = tnet_now_ms();

        CHECK_ERRNO(pktdev_port_setup(&c1), -1, EBUSY);
        CHECK(tnet_now_ms() - t0 < 500); /* refused, not retried for a second */
        CHECK_EQ(pktdev_port_count(), before);
        CHECK_EQ(test_pool_free(tp.pi->pd), avail);
        c1.flags = LPORT_SKB_MODE; /* a private umem on the same queue: refused too */
        CHECK_ERRNO(pktdev_port_setup(&c1), -1, EBUSY);
        CHECK_EQ(pktdev_port_count(), before);
    }
    /* The first one still receives and sends. */
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    for (uint32_t i = 0; i < 8; i++) {
        tnet_frame(buf, 100, 0x5a3e, i);
        CHECK_EQ(send(peer, buf, 100, 0), 100);
    }
    for (uint64_t end = tnet_now_ms() + 2000; got < 8 && tnet_now_ms() < end;) {
        uint16_t n = pktdev_rx_burst((uint16_t)p0, pkts, 16);

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++)
            got += tnet_frame_parse(pktmbuf_mtod(pkts[i], uint8_t *), pkts[i]->data_len, 0x5a3e,
                                    &seq);
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    CHECK_EQ(got, 8);
    if (pktdev_buf_alloc(p0, pkts, 1) == 1) {
        pktmbuf_data_len(pkts[0]) = (uint16_t)tnet_frame(pktmbuf_mtod(pkts[0], uint8_t *), 100,
                                                          0x5a3f, 0);
        if (pktdev_tx_burst((uint16_t)p0, pkts, 1) != 1) {
            test_fail(__FILE__, __LINE__, "tx_burst");
            pktmbuf_free(pkts[0]);
        }
        for (int i = 0; i < 100; i++) {
            pktdev_tx_burst((uint16_t)p0, NULL, 0);
            usleep(1000);
        }
    }
    CHECK_EQ(pktdev_close((uint16_t)p0), 0);
    p0 = -1;
    CHECK(test_pool_all_free(tp.pi->pd));
    CHECK(!tnet_has_xdp(t.a));
    /* The queue is free again. */
    c1.flags = LPORT_SKB_MODE | LPORT_SHARED_UMEM;
    p0       = pktdev_port_setup(&c1);
    CHECK(p0 >= 0);
out:
    if (p0 >= 0)
        CHECK_EQ(pktdev_close((uint16_t)p0), 0);
    if (tp.pi)
        CHECK(test_pool_all_free(tp.pi->pd));
    CHECK(!tnet_has_xdp(t.a));
    if (peer >= 0)
        close(peer);
    tpool_destroy(&tp);
    tnet_teardown(&t);
}

/*
 * Shared umem, the lport whose socket carries the umem closed first: libxdp keeps that
 * socket open until the umem goes, so its buffers (and its queue) are released only with
 * the last lport. pktdev_close_all closes the newest lport first.
 */
TEST_ROOT(af_xdp_shared_umem_close_order)
{
    lport_cfg_t c0, c1;
    tnet_t t;
    tpool_t tp = {0};
    int p0 = -1, p1 = -1;

    if (tnet_setup(&t, 2) != 0 || tpool_create(&tp, 4096, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &c0, "order0", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_SHARED_UMEM);
    tpool_cfg(&tp, &c1, "order1", t.a, "net_af_xdp", 1, LPORT_SKB_MODE | LPORT_SHARED_UMEM);
    c0.rx_nb_desc = c1.rx_nb_desc = 256;
    p0 = pktdev_port_setup(&c0);
    p1 = pktdev_port_setup(&c1);
    REQUIRE_OR_GOTO(p0 >= 0 && p1 >= 0, out);
    {
        unsigned int avail = test_pool_free(tp.pi->pd);

        CHECK_EQ(avail, 4096 - 2 * 256);
        CHECK_EQ(pktdev_close((uint16_t)p0), 0); /* carries the umem: its socket stays */
        p0 = -1;
        CHECK_EQ(test_pool_free(tp.pi->pd), avail); /* its fill buffers are held */
        CHECK_ERRNO(pktdev_port_setup(&c0), -1, EBUSY); /* and so is its queue */
        CHECK_EQ(pktdev_close((uint16_t)p1), 0);
        p1 = -1;
        CHECK(test_pool_all_free(tp.pi->pd));
    }
    CHECK(!tnet_has_xdp(t.a));
    /* Again, closed by pktdev_close_all. */
    p0 = pktdev_port_setup(&c0);
    p1 = pktdev_port_setup(&c1);
    REQUIRE_OR_GOTO(p0 >= 0 && p1 >= 0, out);
    CHECK_EQ(pktdev_close_all(), 0);
    p0 = p1 = -1;
    CHECK(test_pool_all_free(tp.pi->pd));
out:
    if (p1 >= 0)
        CHECK_EQ(pktdev_close((uint16_t)p1), 0);
    if (p0 >= 0)
        CHECK_EQ(pktdev_close((uint16_t)p0), 0);
    if (tp.pi)
        CHECK(test_pool_all_free(tp.pi->pd));
    CHECK(!tnet_has_xdp(t.a));
    tpool_destroy(&tp);
    tnet_teardown(&t);
}
