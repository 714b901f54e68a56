/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance: AF_XDP ports (net_af_xdp over xskdev) on a private veth pair.
 *
 * CNDP: lib/core/xskdev/xskdev.c (xskdev_socket_create, xskdev_tx_burst_locked, kick_tx,
 * pull_umem_cq), lib/core/pmds/net/af_xdp/pmd_af_xdp.c, lib/core/pktdev/pktdev.h
 * (pktdev_rx_burst / pktdev_tx_burst on a stopped port), lib/include/cne_lport.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <xdp/xsk.h> /* CNDP defines the defaults with libxdp's */

#include <cne_lport.h>
#include <pktdev.h>
#include <pktdev_api.h>

#include "test.h"
#include "test_netutil.h"
#include "test_pool.h"
#include "conformance.h"

/* cne_lport.h: jcfg's lport-group default TX ring is twice libxdp's 2048. */
_Static_assert(LPORT_DFLT_TX_NUM_DESCS == 4096, "LPORT_DFLT_TX_NUM_DESCS as CNDP 25.08");
_Static_assert(LPORT_DFLT_RX_NUM_DESCS == 2048, "LPORT_DFLT_RX_NUM_DESCS as CNDP 25.08");

static int
open_port(tnet_t *t, tpool_t *tp, uint16_t flags, uint32_t tx_desc)
{
    lport_cfg_t cfg;
    char name[32];

    snprintf(name, sizeof(name), "conf-%d", (int)getpid() % 100000);
    tpool_cfg(tp, &cfg, name, t->a, "net_af_xdp", 0, flags);
    cfg.tx_nb_desc = tx_desc;
    return pktdev_port_setup(&cfg);
}

/* Fills n buffers with test frames tag/first.. ; returns n or 0. */
static int
make_frames(int port, pktmbuf_t **pkts, uint32_t n, uint32_t tag, uint32_t first)
{
    if (pktdev_buf_alloc(port, pkts, (uint16_t)n) != (int)n)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t len = tnet_frame_len(first + i);

        tnet_frame(pktmbuf_mtod(pkts[i], uint8_t *), len, tag, first + i);
        pktmbuf_data_len(pkts[i]) = (uint16_t)len;
    }
    return (int)n;
}

/* Counts distinct test frames tag/[0, n) arriving at the peer within ms. */
static uint32_t
peer_count(int fd, uint32_t tag, uint32_t n, uint64_t ms)
{
    uint8_t seen[4096] = {0}, buf[2048];
    uint32_t got = 0;

    for (uint64_t end = tnet_now_ms() + ms; got < n && tnet_now_ms() < end;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        ssize_t len;
        uint32_t seq;

        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (len > 0 && tnet_frame_parse(buf, (size_t)len, tag, &seq) && seq < n && !seen[seq]++)
            got++;
    }
    return got;
}

/* xskdev_tx_burst_locked reserves with xsk_ring_prod__reserve, which takes all nb_pkts
 * slots or none: a burst larger than the free TX ring sends nothing, and the caller still
 * owns every buffer; a burst that fits is sent whole. */
TEST_ROOT(conf_xskdev_tx_burst_is_all_or_nothing)
{
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[128];
    int port = -1, peer = -1;
    uint32_t tag = 0xc0f00000u ^ (uint32_t)getpid();

    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0 && tpool_create(&tp, 4096, 2048) == 0, out);
    port = open_port(&t, &tp, LPORT_SKB_MODE, 64);
    REQUIRE_OR_GOTO(port >= 0, out);
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    REQUIRE_OR_GOTO(make_frames(port, pkts, 128, tag, 0) == 128, out);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 128), 0);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 64), 64);
    pktmbuf_free_bulk(pkts + 64, 64);
    CHECK_EQ(peer_count(peer, tag, 64, 2000), 64);
out:
    conf_finish(&t, &tp, port, peer);
}

/* kick_tx runs after every burst (pull_umem_cq) and retries the sendto() that returns
 * EAGAIN: in copy mode a burst of 64 is on the wire when pktdev_tx_burst returns, so
 * closing right away loses nothing. */
TEST_ROOT(conf_xskdev_burst_of_64_sent_before_close)
{
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[64];
    int port = -1, peer = -1;
    uint32_t tag = 0xc0f10000u ^ (uint32_t)getpid();

    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0 && tpool_create(&tp, 4096, 2048) == 0, out);
    port = open_port(&t, &tp, LPORT_SKB_MODE, 1024);
    REQUIRE_OR_GOTO(port >= 0, out);
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    REQUIRE_OR_GOTO(make_frames(port, pkts, 64, tag, 0) == 64, out);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 64), 64);
    CHECK_EQ(pktdev_close((uint16_t)port), 0);
    port = -1;
    CHECK_EQ(peer_count(peer, tag, 64, 2000), 64);
out:
    conf_finish(&t, &tp, port, peer);
}

/* xskdev_socket_create binds with XDP_ZEROCOPY unless LPORT_SKB_MODE is set: veth has no
 * zero-copy support, so a port without it cannot be made. */
TEST_ROOT(conf_xskdev_native_mode_asks_for_zero_copy)
{
    tnet_t t;
    tpool_t tp = {0};
    int port = -1;

    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0 && tpool_create(&tp, 4096, 2048) == 0, out);
    port = open_port(&t, &tp, 0, 1024);
    CHECK(port < 0);
out:
    conf_finish(&t, &tp, port, -1);
}

/* pktdev_rx_burst / pktdev_tx_burst return PKTDEV_ADMIN_STATE_DOWN for a stopped port
 * (pktdev_stop clears admin_state), and work again after pktdev_start. */
TEST_ROOT(conf_pktdev_stopped_port_reads_down)
{
    tnet_t t;
    tpool_t tp = {0};
    pktmbuf_t *pkts[8];
    int port = -1;

    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0 && tpool_create(&tp, 4096, 2048) == 0, out);
    port = open_port(&t, &tp, LPORT_SKB_MODE, 1024);
    REQUIRE_OR_GOTO(port >= 0, out);
    CHECK_EQ(pktdev_stop((uint16_t)port), 0);
    CHECK_EQ(pktdev_rx_burst((uint16_t)port, pkts, 8), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 0), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_start((uint16_t)port), 0);
    CHECK_EQ(pktdev_rx_burst((uint16_t)port, pkts, 8), 0);
out:
    conf_finish(&t, &tp, port, -1);
}
