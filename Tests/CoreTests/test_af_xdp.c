/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the net_af_xdp driver and xskdev on private veth pairs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/if_link.h>
#include <net/ethernet.h>
#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <xskdev.h>

#include "test.h"
#include "test_pool.h"
#include "test_netutil.h"

TEST_ROOT(af_xdp_skb_traffic)
{
    tnet_port_traffic("net_af_xdp", LPORT_SKB_MODE);
}

TEST_ROOT(af_xdp_skb_force_wakeup_traffic)
{
    tnet_port_traffic("net_af_xdp", LPORT_SKB_MODE | LPORT_FORCE_WAKEUP);
}

/*
 * Without LPORT_SKB_MODE the port asks for zero-copy, as CNDP's xskdev_socket_create does
 * (XDP_ZEROCOPY bind); veth has no zero-copy support, so setup fails with EOPNOTSUPP and
 * leaves no port, no XDP program and no buffer out.
 */
TEST_ROOT(af_xdp_without_skb_mode_requests_zero_copy)
{
    lport_cfg_t cfg;
    tnet_t t;
    tpool_t tp = {0};
    uint16_t before = pktdev_port_count();

    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0, out);
    REQUIRE_OR_GOTO(tpool_create(&tp, 4096, 2048) == 0, out);
    tpool_cfg(&tp, &cfg, "zc", t.a, "net_af_xdp", 0, 0);
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EOPNOTSUPP);
    CHECK_EQ(pktdev_port_count(), before);
    CHECK(!tnet_has_xdp(t.a));
    CHECK(test_pool_all_free(tp.pi->pd));
    /* The same port in copy mode works. */
    tpool_cfg(&tp, &cfg, "zc", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    int port = pktdev_port_setup(&cfg);
    CHECK(port >= 0);
    tnet_finish(&t, &tp, port, -1);
    return;
out:
    tnet_finish(&t, &tp, -1, -1);
}

TEST_ROOT(af_xdp_unaligned_traffic)
{
    tnet_port_traffic("net_af_xdp", LPORT_SKB_MODE | LPORT_UMEM_UNALIGNED_BUFFERS);
}

TEST_ROOT(af_xdp_busy_poll_traffic)
{
    tnet_port_traffic("net_af_xdp", LPORT_SKB_MODE | LPORT_BUSY_POLLING);
}

/* A failed setup leaves no port, no XDP program and every buffer in the pool. */
static void
check_fails(lport_cfg_t *cfg, int err, const tnet_t *t, const tpool_t *tp)
{
    uint16_t before = pktdev_port_count();
    int r;

    errno = 0;
    r     = pktdev_port_setup(cfg);
    if (r != -1 || errno != err)
        test_fail(__FILE__, __LINE__, "setup(%s, if=%s, qid=%u): %d errno %d (%s), want errno %d",
                  cfg->pmd_name, cfg->ifname, cfg->qid, r, errno, strerror(errno), err);
    if (r >= 0)
        pktdev_close((uint16_t)r);
    CHECK_EQ(pktdev_port_count(), before);
    CHECK(test_pool_all_free(tp->pi->pd));
    CHECK(!tnet_has_xdp(t->a));
}

TEST_ROOT(af_xdp_bad_configs)
{
    lport_cfg_t cfg;
    tnet_t t;
    tpool_t tp = {0};
    int port   = -1;

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 1024, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "bad", "cndp-no-such0", "net_af_xdp", 0, LPORT_SKB_MODE);
    check_fails(&cfg, ENODEV, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_no_such_pmd", 0, LPORT_SKB_MODE);
    check_fails(&cfg, ENODEV, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 7, LPORT_SKB_MODE);
    check_fails(&cfg, EINVAL, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.umem_size = 4096; /* smaller than the pool over it */
    check_fails(&cfg, EINVAL, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.pi = NULL;
    check_fails(&cfg, EINVAL, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.rx_nb_desc = 1000; /* not a power of 2 */
    check_fails(&cfg, EINVAL, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_USER_MANAGED_BUFFERS);
    check_fails(&cfg, EOPNOTSUPP, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_packet", 3, 0);
    check_fails(&cfg, EINVAL, &t, &tp);
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_UNPRIVILEGED);
    check_fails(&cfg, EINVAL, &t, &tp); /* no UDS and no pinned map */
    tpool_cfg(&tp, &cfg, "bad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE | LPORT_UNPRIVILEGED);
    cfg.xsk_map_path = "/sys/fs/bpf/cndp-no-such-map";
    check_fails(&cfg, ENOENT, &t, &tp);

    /* Duplicate name: the first port stays intact. */
    tpool_cfg(&tp, &cfg, "dup", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    CHECK(tnet_has_xdp(t.a));
    {
        uint16_t before = pktdev_port_count();

        CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EEXIST);
        CHECK_EQ(pktdev_port_count(), before);
        CHECK(pktdev_admin_state((uint16_t)port));
        CHECK_EQ(pktdev_portid_by_name("dup"), port);
    }
out:
    if (port >= 0) {
        CHECK_EQ(pktdev_close((uint16_t)port), 0);
        CHECK(!tnet_has_xdp(t.a));
        CHECK(test_pool_all_free(tp.pi->pd));
    }
    tpool_destroy(&tp);
    tnet_teardown(&t);
}

/* Two sockets on one netdev share the program; it goes only when the last one closes. */
TEST_ROOT(af_xdp_prog_refcount)
{
    lport_cfg_t c0, c1;
    tnet_t t;
    tpool_t tp0 = {0}, tp1 = {0};
    int p0 = -1, p1 = -1;

    if (tnet_setup(&t, 2) != 0 || tpool_create(&tp0, 1024, 2048) || tpool_create(&tp1, 1024, 2048)) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp0, &c0, "q0", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    tpool_cfg(&tp1, &c1, "q1", t.a, "net_af_xdp", 1, LPORT_SKB_MODE);
    p0 = pktdev_port_setup(&c0);
    p1 = pktdev_port_setup(&c1);
    CHECK(p0 >= 0 && p1 >= 0);
    CHECK(tnet_has_xdp(t.a));
    if (p0 >= 0)
        pktdev_close((uint16_t)p0);
    p0 = -1;
    CHECK(tnet_has_xdp(t.a) == (p1 >= 0));
out:
    if (p0 >= 0)
        pktdev_close((uint16_t)p0);
    if (p1 >= 0)
        pktdev_close((uint16_t)p1);
    CHECK(!tnet_has_xdp(t.a));
    if (tp0.pi)
        CHECK(test_pool_all_free(tp0.pi->pd));
    if (tp1.pi)
        CHECK(test_pool_all_free(tp1.pi->pd));
    tpool_destroy(&tp0);
    tpool_destroy(&tp1);
    tnet_teardown(&t);
}

/*
 * The C99 inline bursts have no external definition in the library (CNDP's libcne_xskdev has
 * none): a program taking their address provides one, in C99's way, as this file does.
 */
extern __typeof__(xskdev_rx_burst) xskdev_rx_burst;
extern __typeof__(xskdev_tx_burst) xskdev_tx_burst;

TEST(xskdev_inline_symbols)
{
    uint16_t (*rx)(xskdev_info_t *, mbuf_t **, uint16_t) = xskdev_rx_burst;
    uint16_t (*tx)(xskdev_info_t *, mbuf_t **, uint16_t) = xskdev_tx_burst;

    CHECK(rx != NULL);
    CHECK(tx != NULL);
    CHECK_ERRNO(xskdev_socket_create(NULL), 0, EINVAL);
    CHECK_ERRNO(xskdev_stats_get(NULL, NULL), -1, EINVAL);
    xskdev_socket_destroy(NULL);
}

/* The xskdev under a net_af_xdp port is reachable and usable directly. */
TEST_ROOT(af_xdp_xskdev_direct)
{
    lport_cfg_t cfg;
    tnet_t t;
    tpool_t tp = {0};
    xskdev_info_t *xi;
    struct ether_addr mac;
    lport_stats_t st;
    pktmbuf_t *pkts[8];
    int port = -1, peer = -1, got = 0;
    uint8_t buf[256];
    uint32_t seq;

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 1024, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "direct", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    xi = pktdev_arg_get((uint16_t)port);
    REQUIRE_OR_GOTO(xi != NULL, out);
    CHECK(!strcmp(xi->ifname, t.a));
    CHECK_EQ(xi->if_index, if_nametoindex(t.a));
    CHECK(xi->prog_id != 0);
    CHECK_PTR_EQ(xi->pi, tp.pi);
    {
        int rx_fd = -1, tx_fd = -1;

        CHECK_EQ(xskdev_get_fd(xi, &rx_fd, NULL), 0);
        CHECK(rx_fd >= 0);
        CHECK_EQ(xskdev_get_fd(xi, NULL, &tx_fd), 0);
        CHECK_EQ(tx_fd, rx_fd);
        CHECK_EQ(xskdev_get_fd(NULL, &rx_fd, &tx_fd), -1);
    }
    CHECK_EQ(pktdev_macaddr_get((uint16_t)port, &mac), 0);
    CHECK_EQ(mac.ether_addr_octet[5], 0x0a); /* tnet_setup's address for end a */
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    tnet_frame(buf, 100, 0xd1, 7);
    CHECK_EQ(send(peer, buf, 100, 0), 100);
    for (uint64_t end = tnet_now_ms() + 2000; !got && tnet_now_ms() < end;) {
        uint16_t n = xskdev_rx_burst(xi, (mbuf_t **)pkts, 8);

        for (uint16_t i = 0; i < n; i++) {
            if (tnet_frame_parse(pktmbuf_mtod(pkts[i], uint8_t *), pkts[i]->data_len, 0xd1, &seq)) {
                got = 1;
                CHECK_EQ(seq, 7);
                CHECK_EQ(pktmbuf_data_off(pkts[i]), XDP_PKT_HEADROOM - sizeof(pktmbuf_t));
                CHECK_EQ(pktmbuf_data_len(pkts[i]), 100);
            }
        }
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    CHECK(got);
    CHECK_EQ(xskdev_stats_get(xi, &st), 0);
    CHECK_EQ(st.ipackets, 1);
    CHECK(st.fq_add_count >= 512);
out:
    tnet_finish(&t, &tp, port, peer);
}

/*
 * Drops are counted: with only 64 buffers in the fill ring and nobody receiving, 256
 * frames from the peer give 64 received and 192 missed (XDP_STATISTICS rx_dropped), and
 * the fill ring is reported empty.
 */
TEST_ROOT(af_xdp_stats_drops)
{
    lport_cfg_t cfg;
    lport_stats_t st;
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[64];
    int port = -1, peer = -1;
    uint32_t got = 0, idle = 0;
    uint8_t buf[128];

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 64, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "drops", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.rx_nb_desc = 64;
    cfg.tx_nb_desc = 64;
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    CHECK_EQ(test_pool_free(tp.pi->pd), 0); /* every buffer is in the fill ring */
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    for (uint32_t i = 0; i < 256; i++) {
        tnet_frame(buf, 64, 0xd7, i);
        CHECK_EQ(send(peer, buf, 64, 0), 64);
    }
    for (uint64_t end = tnet_now_ms() + 2000; idle < 50 && tnet_now_ms() < end;) {
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, 64);

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        got += n;
        idle = n ? 0 : idle + 1;
        if (n)
            pktmbuf_free_bulk(pkts, n);
        else
            usleep(1000);
    }
    CHECK_EQ(got, 64);
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.ipackets, 64);
    CHECK_EQ(st.imissed, 192);
    CHECK(st.rx_fill_ring_empty > 0);
out:
    tnet_finish(&t, &tp, port, peer);
}

/*
 * tx_burst stops at the first buffer the kernel would reject (and never complete): empty,
 * or data beyond the buffer. It and those after it stay the caller's; nothing invalid
 * reaches the TX ring, and every buffer comes back.
 */
TEST_ROOT(af_xdp_tx_invalid_buffers)
{
    lport_cfg_t cfg;
    lport_stats_t st;
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[4] = {NULL, NULL, NULL, NULL};
    int port = -1, peer = -1, have = 0;
    uint32_t got = 0, seq;
    uint8_t buf[256];

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 1024, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "txbad", t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.rx_nb_desc = 256;
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    REQUIRE_OR_GOTO(pktdev_buf_alloc(port, pkts, 4) == 4, out);
    have = 1;
    for (uint32_t i = 0; i < 4; i++)
        pktmbuf_data_len(pkts[i]) =
            (uint16_t)tnet_frame(pktmbuf_mtod(pkts[i], uint8_t *), 100, 0x7b1d, i);
    CHECK_EQ(pktdev_stats_reset((uint16_t)port), 0);

    pktmbuf_data_len(pkts[1]) = 0; /* empty */
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 4), 1);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts + 1, 3), 0);
    pktmbuf_data_len(pkts[1]) = 100;
    pktmbuf_data_off(pkts[1]) = (uint16_t)(pktmbuf_buf_len(pkts[1]) - 50); /* past the end */
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts + 1, 3), 0);
    CHECK_EQ(pktmbuf_refcnt_read(pkts[1]), 1); /* still the caller's */
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.opackets, 1);
    CHECK_EQ(st.oerrors, 3);
    /* Repaired, it goes out with the rest. */
    pktmbuf_reset_headroom(pkts[1]);
    pktmbuf_data_len(pkts[1]) =
        (uint16_t)tnet_frame(pktmbuf_mtod(pkts[1], uint8_t *), 100, 0x7b1d, 1);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts + 1, 3), 3);
    have = 0;
    for (uint64_t end = tnet_now_ms() + 2000; got < 4 && tnet_now_ms() < end;) {
        struct pollfd pfd = {.fd = peer, .events = POLLIN};
        ssize_t len;

        pktdev_tx_burst((uint16_t)port, NULL, 0);
        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(peer, buf, sizeof(buf), MSG_DONTWAIT);
        got += len > 0 && tnet_frame_parse(buf, (size_t)len, 0x7b1d, &seq);
    }
    CHECK_EQ(got, 4);
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.opackets, 4);
    CHECK_EQ(st.tx_invalid, 0); /* the kernel never saw a bad descriptor */
out:
    if (have)
        pktmbuf_free_bulk(pkts + 1, 3);
    tnet_finish(&t, &tp, port, peer);
}
