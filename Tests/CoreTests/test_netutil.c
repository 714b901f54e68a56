/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: network namespace helpers.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cne_mmap.h>
#include <mempool.h>

#include "test_netutil.h"

static int tnet_counter;

int
tnet_run(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    int r;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd) - 32, fmt, ap);
    va_end(ap);
    strcat(cmd, " >/dev/null 2>&1");
    r = system(cmd);
    if (r == -1 || !WIFEXITED(r))
        return -1;
    return WEXITSTATUS(r);
}

/*
 * The project's one traffic rig (scripts/netns-rig.sh) makes the namespaces and veth pairs of
 * every test, benchmark and the demo. Found from this file's path: make compiles the tests from
 * the repository's root, so __FILE__ is "Tests/CoreTests/test_netutil.c" or an absolute path.
 */
static const char *
tnet_rig(void)
{
    static char path[512];
    const char *at = strstr(__FILE__, "Tests/CoreTests/");

    if (!path[0])
        snprintf(path, sizeof(path), "%.*sscripts/netns-rig.sh", at ? (int)(at - __FILE__) : 0, __FILE__);
    return path;
}

int
tnet_setup(tnet_t *t, int queues)
{
    int n = __atomic_fetch_add(&tnet_counter, 1, __ATOMIC_RELAXED);

    memset(t, 0, sizeof(*t));
    snprintf(t->ns, sizeof(t->ns), "cndpt-%d-%d", (int)getpid(), n);
    snprintf(t->a, sizeof(t->a), "cxa%d_%d", (int)getpid() % 10000000, n % 100);
    snprintf(t->b, sizeof(t->b), "cxb%d_%d", (int)getpid() % 10000000, n % 100);
    if (tnet_run("%s add %s", tnet_rig(), t->ns) != 0)
        return -1;
    t->ns_made = true;
    /* End a here, end b in the namespace; IPv6 off on both (no solicitations on the link). */
    if (tnet_run("%s veth -q %d - %s 02:00:00:00:00:0a %s %s 02:00:00:00:00:0b", tnet_rig(), queues, t->a, t->ns,
                 t->b) != 0) {
        t->link_made = if_nametoindex(t->a) != 0; /* made, but not brought up */
        return -1;
    }
    t->link_made = true;
    return 0;
}

void
tnet_teardown(tnet_t *t)
{
    if (t->link_made)
        tnet_run("%s del-link %s", tnet_rig(), t->a);
    if (t->ns_made)
        tnet_run("%s del %s", tnet_rig(), t->ns);
    t->link_made = t->ns_made = false;
}

int
tnet_peer_socket(tnet_t *t)
{
    char path[64];
    int self, target, fd = -1, one = 1;

    self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    snprintf(path, sizeof(path), "/run/netns/%s", t->ns);
    target = open(path, O_RDONLY | O_CLOEXEC);
    if (self < 0 || target < 0)
        goto out;
    if (setns(target, CLONE_NEWNET) < 0)
        goto out;
    fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        struct sockaddr_ll sll;
        int rcv = 8 << 20;

        memset(&sll, 0, sizeof(sll));
        sll.sll_family   = AF_PACKET;
        sll.sll_protocol = htons(ETH_P_ALL);
        sll.sll_ifindex  = (int)if_nametoindex(t->b);
        setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
        setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof(rcv));
        if (sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
            close(fd);
            fd = -1;
        }
    }
    if (setns(self, CLONE_NEWNET) < 0) {
        /* Cannot go home: the rest of the test would run in the wrong namespace. */
        fprintf(stderr, "setns back failed: %s\n", strerror(errno));
        abort();
    }
out:
    if (self >= 0)
        close(self);
    if (target >= 0)
        close(target);
    return fd;
}

bool
tnet_has_xdp(const char *ifname)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "ip link show dev %s | grep -q xdp", ifname);
    return system(cmd) == 0;
}

uint64_t
tnet_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

size_t
tnet_frame_len(uint32_t seq)
{
    return 60 + (seq * 149u) % (1514 - 60 + 1);
}

size_t
tnet_frame(uint8_t *buf, size_t len, uint32_t tag, uint32_t seq)
{
    static const uint8_t dst[6] = {0x02, 0, 0, 0, 0, 0x0b}, src[6] = {0x02, 0, 0, 0, 0, 0x0a};

    memcpy(buf, dst, 6);
    memcpy(buf + 6, src, 6);
    buf[12] = TNET_ETHERTYPE >> 8;
    buf[13] = TNET_ETHERTYPE & 0xff;
    memcpy(buf + 14, &tag, 4);
    memcpy(buf + 18, &seq, 4);
    for (size_t i = 22; i < len; i++)
        buf[i] = (uint8_t)(seq * 7 + i * 13 + tag);
    return len;
}

bool
tnet_frame_parse(const uint8_t *buf, size_t len, uint32_t tag, uint32_t *seq)
{
    uint32_t t;

    if (len < 22 || buf[12] != (TNET_ETHERTYPE >> 8) || buf[13] != (TNET_ETHERTYPE & 0xff))
        return false;
    memcpy(&t, buf + 14, 4);
    if (t != tag)
        return false;
    memcpy(seq, buf + 18, 4);
    return true;
}

int
tpool_create(tpool_t *tp, uint32_t bufcnt, uint32_t bufsz)
{
    memset(tp, 0, sizeof(*tp));
    tp->mm = mmap_alloc(bufcnt, bufsz, MMAP_HUGEPAGE_4KB);
    if (!tp->mm)
        return -1;
    tp->pi = pktmbuf_pool_create(mmap_addr(tp->mm), bufcnt, bufsz, 0, NULL);
    if (!tp->pi) {
        mmap_free(tp->mm);
        tp->mm = NULL;
        return -1;
    }
    return 0;
}

void
tpool_destroy(tpool_t *tp)
{
    if (tp->pi)
        pktmbuf_destroy(tp->pi);
    if (tp->mm)
        mmap_free(tp->mm);
    tp->pi = NULL;
    tp->mm = NULL;
}

void
tpool_cfg(const tpool_t *tp, lport_cfg_t *cfg, const char *name, const char *ifname,
          const char *pmd, uint16_t qid, uint16_t flags)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->name, sizeof(cfg->name), "%s", name);
    snprintf(cfg->ifname, sizeof(cfg->ifname), "%s", ifname ? ifname : "");
    snprintf(cfg->pmd_name, sizeof(cfg->pmd_name), "%s", pmd);
    cfg->qid        = qid;
    cfg->flags      = flags;
    cfg->bufsz      = tp->pi->bufsz;
    cfg->bufcnt     = tp->pi->bufcnt;
    cfg->rx_nb_desc = 1024;
    cfg->tx_nb_desc = 1024;
    cfg->addr       = tp->pi->addr;
    cfg->umem_addr  = mmap_addr(tp->mm);
    cfg->umem_size  = mmap_size(tp->mm, NULL, NULL);
    cfg->pi         = tp->pi;
}

#include <poll.h>
#include <pktdev.h>
#include <pktdev_api.h>

#include "test.h"
#include "test_pool.h"

#define T_DEADLINE_MS 2000

/* Receives `burst` tagged frames on the port; returns how many arrived intact. */
static uint32_t
rx_check(int port, uint32_t tag, uint32_t first, uint32_t burst, uint64_t *noise)
{
    uint8_t *seen = calloc(burst, 1), expect[2048];
    uint64_t deadline = tnet_now_ms() + T_DEADLINE_MS;
    uint32_t got = 0;
    pktmbuf_t *pkts[64];

    while (seen && got < burst && tnet_now_ms() < deadline) {
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, 64);

        if (n == PKTDEV_ADMIN_STATE_DOWN) {
            test_fail(__FILE__, __LINE__, "rx_burst: port down");
            break;
        }
        for (uint16_t i = 0; i < n; i++) {
            const uint8_t *d = pktmbuf_mtod(pkts[i], const uint8_t *);
            uint32_t seq, len = pktmbuf_data_len(pkts[i]);

            if (!tnet_frame_parse(d, len, tag, &seq) || seq < first || seq >= first + burst) {
                (*noise)++;
                continue;
            }
            tnet_frame(expect, tnet_frame_len(seq), tag, seq);
            if (len != tnet_frame_len(seq) || memcmp(d, expect, len) != 0)
                test_fail(__FILE__, __LINE__, "rx frame %u: length %u (want %zu) or bytes differ",
                          seq, len, tnet_frame_len(seq));
            else if (seen[seq - first]++)
                test_fail(__FILE__, __LINE__, "rx frame %u twice", seq);
            else
                got++;
        }
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    free(seen);
    return got;
}

/* Sends `burst` tagged frames from the port; returns how many the port accepted. */
static uint32_t
tx_frames(int port, uint32_t tag, uint32_t first, uint32_t burst)
{
    pktmbuf_t *pkts[256];
    uint32_t sent = 0;
    uint64_t deadline = tnet_now_ms() + T_DEADLINE_MS;

    if (pktdev_buf_alloc(port, pkts, (uint16_t)burst) != (int)burst) {
        test_fail(__FILE__, __LINE__, "pktdev_buf_alloc(%u) failed", burst);
        return 0;
    }
    for (uint32_t i = 0; i < burst; i++) {
        size_t len = tnet_frame_len(first + i);

        tnet_frame(pktmbuf_mtod(pkts[i], uint8_t *), len, tag, first + i);
        pktmbuf_data_len(pkts[i]) = (uint16_t)len;
    }
    while (sent < burst && tnet_now_ms() < deadline) {
        uint16_t n = pktdev_tx_burst((uint16_t)port, pkts + sent, (uint16_t)(burst - sent));

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        sent += n;
    }
    if (sent < burst)
        pktmbuf_free_bulk(pkts + sent, burst - sent);
    return sent;
}

/* Receives `burst` tagged frames at the peer; returns how many arrived intact. */
static uint32_t
peer_check(int fd, int port, uint32_t tag, uint32_t first, uint32_t burst)
{
    uint8_t *seen = calloc(burst, 1), buf[2048], expect[2048];
    uint64_t deadline = tnet_now_ms() + T_DEADLINE_MS;
    uint32_t got = 0;

    while (seen && got < burst && tnet_now_ms() < deadline) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        ssize_t len;
        uint32_t seq;

        /* Keep the port's completion ring moving (AF_XDP frees sent buffers there). */
        pktdev_tx_burst((uint16_t)port, NULL, 0);
        if (poll(&pfd, 1, 10) <= 0)
            continue;
        len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (len <= 0 || !tnet_frame_parse(buf, (size_t)len, tag, &seq) || seq < first ||
            seq >= first + burst)
            continue;
        tnet_frame(expect, tnet_frame_len(seq), tag, seq);
        if ((size_t)len != tnet_frame_len(seq) || memcmp(buf, expect, (size_t)len) != 0)
            test_fail(__FILE__, __LINE__, "peer frame %u: length %zd (want %zu) or bytes differ",
                      seq, len, tnet_frame_len(seq));
        else if (seen[seq - first]++)
            test_fail(__FILE__, __LINE__, "peer frame %u twice", seq);
        else
            got++;
    }
    free(seen);
    return got;
}

void
tnet_port_traffic(const char *pmd, uint16_t flags)
{
    static const uint32_t bursts[] = {1, 32, 256};
    uint64_t rx_pkts = 0, rx_bytes = 0, tx_pkts = 0, tx_bytes = 0, noise = 0;
    uint32_t tag = (uint32_t)getpid() * 2654435761u + flags, seq = 0;
    uint8_t buf[2048];
    lport_cfg_t cfg;
    lport_stats_t st;
    tnet_t t;
    tpool_t tp = {0};
    int port = -1, peer = -1;
    char name[32];

    if (tnet_setup(&t, 1) != 0) {
        test_fail(__FILE__, __LINE__, "cannot make namespace %s / veth %s", t.ns, t.a);
        goto out;
    }
    if (tpool_create(&tp, 4096, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "pool");
        goto out;
    }
    snprintf(name, sizeof(name), "%s-%d", pmd + 4, (int)getpid() % 100000);
    tpool_cfg(&tp, &cfg, name, t.a, pmd, 0, flags);
    port = pktdev_port_setup(&cfg);
    if (port < 0) {
        test_fail(__FILE__, __LINE__, "pktdev_port_setup(%s on %s): %s", pmd, t.a, strerror(errno));
        goto out;
    }
    peer = tnet_peer_socket(&t);
    if (peer < 0) {
        test_fail(__FILE__, __LINE__, "peer socket in %s", t.ns);
        goto out;
    }
    for (size_t b = 0; b < cne_countof(bursts); b++) {
        uint32_t burst = bursts[b], got;

        /* Peer -> port. */
        for (uint32_t i = 0; i < burst; i++) {
            size_t len = tnet_frame(buf, tnet_frame_len(seq + i), tag, seq + i);

            if (send(peer, buf, len, 0) != (ssize_t)len)
                test_fail(__FILE__, __LINE__, "peer send: %s", strerror(errno));
            rx_bytes += len;
        }
        got = rx_check(port, tag, seq, burst, &noise);
        if (got != burst)
            test_fail(__FILE__, __LINE__, "%s: burst %u: port received %u", pmd, burst, got);
        rx_pkts += burst;
        seq += burst;

        /* Port -> peer. */
        got = tx_frames(port, tag, seq, burst);
        CHECK_EQ(got, burst);
        for (uint32_t i = 0; i < got; i++)
            tx_bytes += tnet_frame_len(seq + i);
        tx_pkts += got;
        got = peer_check(peer, port, tag, seq, burst);
        if (got != burst)
            test_fail(__FILE__, __LINE__, "%s: burst %u: peer received %u", pmd, burst, got);
        seq += burst;
    }
    CHECK_EQ(noise, 0);
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.ipackets, rx_pkts + noise);
    CHECK_EQ(st.ibytes >= rx_bytes, 1);
    CHECK_EQ(st.opackets, tx_pkts);
    CHECK_EQ(st.obytes, tx_bytes);
    CHECK_EQ(st.imissed, 0);
    CHECK_EQ(pktdev_stats_reset((uint16_t)port), 0);
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.ipackets, 0);
    CHECK_EQ(st.opackets, 0);

out:
    if (port >= 0) {
        CHECK_EQ(pktdev_close((uint16_t)port), 0);
        CHECK(!pktdev_is_valid_port((uint16_t)port));
        CHECK(test_pool_all_free(tp.pi->pd));
        CHECK(!tnet_has_xdp(t.a));
    }
    if (peer >= 0)
        close(peer);
    tpool_destroy(&tp);
    tnet_teardown(&t);
}

#include <bpf/libbpf.h>
#include <xdp/libxdp.h>

static int
quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (level == LIBBPF_WARN && getenv("CNDP_TEST_VERBOSE"))
        return vfprintf(stderr, fmt, ap);
    return 0;
}

static int
quiet_libxdp(enum libxdp_print_level level, const char *fmt, va_list ap)
{
    if (level == LIBXDP_WARN && getenv("CNDP_TEST_VERBOSE"))
        return vfprintf(stderr, fmt, ap);
    return 0;
}

/* libbpf and libxdp chatter (no bpffs, ELF sections) is noise in the test report. */
__attribute__((constructor)) static void
tnet_quiet(void)
{
    libbpf_set_print(quiet_libbpf);
    libxdp_set_print(quiet_libxdp);
}

void
tnet_finish(tnet_t *t, tpool_t *tp, int port, int peer)
{
    if (port >= 0) {
        CHECK_EQ(pktdev_close((uint16_t)port), 0);
        CHECK(test_pool_all_free(tp->pi->pd));
    }
    if (peer >= 0)
        close(peer);
    tpool_destroy(tp);
    tnet_teardown(t);
}
