/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the net_af_packet driver on a private veth pair.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cne.h>
#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>

#include "test.h"
#include "test_netutil.h"

TEST_ROOT(af_packet_traffic)
{
    tnet_port_traffic("net_af_packet", 0);
}

#define TEST_MT_ROOT(tname) TEST_DEFINE(tname, (test_kind_t)(TEST_THREADS | TEST_NEEDS_ROOT))

enum { SENDERS = 2, PER_SENDER = 200 };

typedef struct {
    uint16_t port;
    pktmbuf_info_t *pi;
    uint32_t tag;
    int sent;
} sender_t;

static void *
send_frames(void *arg)
{
    sender_t *s = arg;
    uint64_t deadline = tnet_now_ms() + 3000;

    cne_register("afp-sender");
    for (uint32_t seq = 0; seq < PER_SENDER && tnet_now_ms() < deadline;) {
        pktmbuf_t *m = pktmbuf_alloc(s->pi);
        uint16_t n;

        if (!m)
            continue;
        m->data_len = (uint16_t)tnet_frame(pktmbuf_mtod(m, uint8_t *), 128, s->tag, seq);
        n = pktdev_tx_burst(s->port, &m, 1);
        if (n == 1) {
            s->sent++;
            seq++;
        } else {
            pktmbuf_free(m);
        }
    }
    cne_unregister(cne_id());
    return NULL;
}

/* Two threads sending on one AF_PACKET port: every frame arrives once (and TSan sees no race). */
TEST_MT_ROOT(af_packet_concurrent_senders)
{
    tnet_t t;
    tpool_t tp = {0};
    lport_cfg_t cfg;
    sender_t senders[SENDERS];
    pthread_t threads[SENDERS];
    int port = -1, peer = -1, got[SENDERS] = {0};
    uint8_t buf[2048];

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 2048, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    tpool_cfg(&tp, &cfg, "afp-mt", t.a, "net_af_packet", 0, 0);
    port = pktdev_port_setup(&cfg);
    REQUIRE_OR_GOTO(port >= 0, out);
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    for (int i = 0; i < SENDERS; i++) {
        senders[i] = (sender_t){.port = (uint16_t)port, .pi = tp.pi, .tag = 0xAF000000u + (uint32_t)i};
        REQUIRE_OR_GOTO(pthread_create(&threads[i], NULL, send_frames, &senders[i]) == 0, out);
    }
    for (int i = 0; i < SENDERS; i++)
        pthread_join(threads[i], NULL);
    for (uint64_t deadline = tnet_now_ms() + 2000;
         got[0] + got[1] < SENDERS * PER_SENDER && tnet_now_ms() < deadline;) {
        ssize_t n = recv(peer, buf, sizeof(buf), MSG_DONTWAIT);
        uint32_t seq;

        if (n <= 0) {
            usleep(1000);
            continue;
        }
        for (int i = 0; i < SENDERS; i++)
            got[i] += tnet_frame_parse(buf, (size_t)n, senders[i].tag, &seq);
    }
    for (int i = 0; i < SENDERS; i++) {
        CHECK_EQ(senders[i].sent, PER_SENDER);
        CHECK_EQ(got[i], PER_SENDER);
    }
out:
    tnet_finish(&t, &tp, port, peer);
}
