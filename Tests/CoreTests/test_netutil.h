/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: private network namespaces and veth pairs for port tests.
 *
 * tnet_setup() makes a namespace and a veth pair with names unique to this process: end
 * "a" stays in the caller's namespace (the port under test binds it), end "b" lives in the
 * new namespace, where the peer's AF_PACKET socket is opened. tnet_teardown() deletes
 * both, and is safe to call after a partial setup.
 */
#ifndef _TEST_NETUTIL_H_
#define _TEST_NETUTIL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cne_lport.h>
#include <pktmbuf.h>

typedef struct tnet {
    char ns[32];    /* namespace name */
    char a[16];     /* veth end in the caller's namespace */
    char b[16];     /* veth end inside ns */
    bool ns_made, link_made;
} tnet_t;

/** Makes the namespace and a veth pair with `queues` RX/TX queues. @return 0 or -1. */
int tnet_setup(tnet_t *t, int queues);
void tnet_teardown(tnet_t *t);

/**
 * Opens an AF_PACKET socket inside t->ns bound to t->b (own transmissions ignored).
 * @return the fd, or -1.
 */
int tnet_peer_socket(tnet_t *t);

/** Runs a shell command quietly. @return its exit status, or -1. */
int tnet_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** @return true when `ip link show dev ifname` mentions an XDP program. */
bool tnet_has_xdp(const char *ifname);

/** Monotonic milliseconds. */
uint64_t tnet_now_ms(void);

/** Test frame: custom ethertype 0x88B5, then a 32-bit tag and 32-bit sequence number. */
#define TNET_ETHERTYPE 0x88B5
size_t tnet_frame(uint8_t *buf, size_t len, uint32_t tag, uint32_t seq);
/** @return true when buf is a test frame with this tag; *seq gets its sequence. */
bool tnet_frame_parse(const uint8_t *buf, size_t len, uint32_t tag, uint32_t *seq);
/** The length the test uses for frame `seq` of a burst (60 .. 1514). */
size_t tnet_frame_len(uint32_t seq);

/** A umem region with a pool over it, for port tests. */
typedef struct tpool {
    void *mm;
    pktmbuf_info_t *pi;
} tpool_t;

int tpool_create(tpool_t *tp, uint32_t bufcnt, uint32_t bufsz);
void tpool_destroy(tpool_t *tp);
/** Fills a cfg for a port on ifname over tp. */
void tpool_cfg(const tpool_t *tp, lport_cfg_t *cfg, const char *name, const char *ifname,
               const char *pmd, uint16_t qid, uint16_t flags);

#endif

/**
 * The port correctness test shared by the AF_XDP and AF_PACKET drivers: on a fresh veth
 * pair, bursts of 1, 32 and 256 frames of varied lengths from the peer must arrive
 * byte-exact, bursts sent by the port must arrive at the peer byte-exact, the counters
 * must match, and after close the pool must be full and no XDP program left.
 */
void tnet_port_traffic(const char *pmd, uint16_t flags);

/**
 * The end of a one-port test: closes the port (checking that close succeeds and that the
 * pool is full again), then the peer socket, the pool and the namespace. Negative port and
 * peer are skipped.
 */
void tnet_finish(tnet_t *t, tpool_t *tp, int port, int peer);

/** Like REQUIRE, but jumps to a cleanup label (namespaces, threads) instead of returning. */
#define REQUIRE_OR_GOTO(cond, label)                                  \
    do {                                                              \
        if (!(cond)) {                                                \
            test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);      \
            goto label;                                               \
        }                                                             \
    } while (0)
