/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance: the plain CNDP program, which must echo every frame.
 *
 * A C program written against CNDP's API, as a CNDP user writes it: receive bursts of 64
 * on an AF_XDP port in SKB mode, swap the MAC addresses, send each burst back with
 * pktdev_tx_burst retried until all of it is sent, and pktdev_close the port right after
 * the last send. On CNDP every one of 1000 frames reaches the peer, because kick_tx
 * (lib/core/xskdev/xskdev.c, called from pull_umem_cq after each burst) retries the
 * sendto() that copy mode answers with EAGAIN after 32 descriptors; nothing a burst
 * reported as sent is still in the TX ring at close.
 *
 * The peer (an AF_PACKET socket in the test's namespace) sends from its own thread, at
 * most 256 frames ahead of the echo so that no frame is lost on the receive side; what
 * this test measures is the transmit side.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cne_lport.h>
#include <pktdev.h>
#include <pktdev_api.h>

#include "test.h"
#include "test_netutil.h"
#include "conformance.h"

#define PLAIN_FRAMES 1000
#define PLAIN_BURST  64
#define PLAIN_AHEAD  256

struct plain_peer {
    int fd;
    uint32_t tag;
    atomic_uint echoed; /* frames the port has received and sent back */
    atomic_uint sent;   /* frames the peer has sent */
    atomic_int stop;
};

static void *
plain_peer_main(void *arg)
{
    struct plain_peer *p = arg;
    uint8_t buf[2048];
    uint64_t end = tnet_now_ms() + 10000;

    for (uint32_t seq = 0; seq < PLAIN_FRAMES && tnet_now_ms() < end;) {
        if (atomic_load(&p->stop))
            break;
        if (seq >= atomic_load(&p->echoed) + PLAIN_AHEAD) {
            usleep(100);
            continue;
        }
        size_t len = tnet_frame(buf, tnet_frame_len(seq), p->tag, seq);

        if (send(p->fd, buf, len, 0) == (ssize_t)len)
            atomic_store(&p->sent, ++seq);
    }
    return NULL;
}

static void
swap_macs(pktmbuf_t *m)
{
    uint8_t *d = pktmbuf_mtod(m, uint8_t *), tmp[6];

    memcpy(tmp, d, 6);
    memmove(d, d + 6, 6);
    memcpy(d + 6, tmp, 6);
}

TEST_ROOT(conf_plain_program_echoes_every_frame)
{
    struct plain_peer peer = {.fd = -1};
    tnet_t t;
    tpool_t tp = {0};
    lport_cfg_t cfg;
    pktmbuf_t *pkts[PLAIN_BURST];
    pthread_t tid;
    bool started = false;
    int port     = -1;
    uint32_t echoed = 0, at_peer = 0;
    uint8_t seen[PLAIN_FRAMES] = {0}, buf[2048];
    char name[32];

    peer.tag = 0x9a1a0000u ^ (uint32_t)getpid();
    REQUIRE_OR_GOTO(tnet_setup(&t, 1) == 0 && tpool_create(&tp, 8192, 2048) == 0, out);
    snprintf(name, sizeof(name), "plain-%d", (int)getpid() % 100000);
    tpool_cfg(&tp, &cfg, name, t.a, "net_af_xdp", 0, LPORT_SKB_MODE);
    cfg.rx_nb_desc = 0; /* the defaults, as a plain program leaves them */
    cfg.tx_nb_desc = 0;
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    peer.fd = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer.fd >= 0, out);
    REQUIRE_OR_GOTO(pthread_create(&tid, NULL, plain_peer_main, &peer) == 0, out);
    started = true;

    /* The program: rx 64, swap, tx until sent. */
    for (uint64_t end = tnet_now_ms() + 10000; echoed < PLAIN_FRAMES && tnet_now_ms() < end;) {
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, PLAIN_BURST), sent = 0;

        REQUIRE_OR_GOTO(n != PKTDEV_ADMIN_STATE_DOWN, out);
        for (uint16_t i = 0; i < n; i++)
            swap_macs(pkts[i]);
        while (sent < n && tnet_now_ms() < end) {
            uint16_t k = pktdev_tx_burst((uint16_t)port, pkts + sent, n - sent);

            REQUIRE_OR_GOTO(k != PKTDEV_ADMIN_STATE_DOWN, out);
            sent += k;
        }
        if (sent < n)
            pktmbuf_free_bulk(pkts + sent, n - sent);
        echoed += n;
        atomic_store(&peer.echoed, echoed);
    }
    /* Close right after the last send. */
    CHECK_EQ(pktdev_close((uint16_t)port), 0);
    port = -1;
    CHECK_EQ(echoed, PLAIN_FRAMES);

    for (uint64_t end = tnet_now_ms() + 2000; at_peer < PLAIN_FRAMES && tnet_now_ms() < end;) {
        struct pollfd pfd = {.fd = peer.fd, .events = POLLIN};
        ssize_t len;
        uint32_t seq;

        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(peer.fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (len > 0 && tnet_frame_parse(buf, (size_t)len, peer.tag, &seq) && seq < PLAIN_FRAMES &&
            !seen[seq]++)
            at_peer++;
    }
    printf("    %u of %u frames echoed back to the peer\n", at_peer, PLAIN_FRAMES);
    CHECK_EQ(at_peer, PLAIN_FRAMES);
out:
    atomic_store(&peer.stop, 1);
    if (started)
        pthread_join(tid, NULL);
    conf_finish(&t, &tp, port, peer.fd);
}
