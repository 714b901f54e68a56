/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: cne-echo-c, the echo server in plain C on the embedded core, for comparison
 * with the Swift cne-echo (`make bench` runs both on the same veth rig).
 *
 * The same loop and the same idle policy as cne-echo: receive a burst, swap the MACs, send
 * it back, free what the ring did not take; when a receive finds nothing, sleep in poll()
 * on the port's descriptor (at most 10 ms). Same pool as cne-echo's config: 16K buffers of
 * 2 KB on 4 KB pages, cache 256, 2048-entry rings.
 *
 * Usage: cne-echo-c IFNAME [net_af_xdp|net_af_xdp-native|net_af_packet] [SECONDS]
 * net_af_xdp is SKB (copy) mode; net_af_xdp-native asks, as CNDP does without LPORT_SKB_MODE,
 * for zero-copy in driver mode: for a NIC with a zero-copy driver (veth refuses it).
 * Prints "cne-echo-c: ready" once the port is up; on SIGINT/SIGTERM or after SECONDS:
 * "cne-echo-c: rx=N tx=N dropped=N".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>
#include <cne.h>
#include <cne_mmap.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <pktmbuf.h>
#include <xdp/libxdp.h>

#define BURST  32 /* copy-mode AF_XDP sends at most 32 frames per kick: receive no more */
#define BUFCNT (16 * 1024)

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
quiet(enum libbpf_print_level l, const char *f, va_list ap)
{
    (void)l;
    (void)f;
    (void)ap;
    return 0;
}

int
main(int argc, char **argv)
{
    const char *ifname = argc > 1 ? argv[1] : NULL;
    const char *pmd    = argc > 2 ? argv[2] : "net_af_xdp";
    double secs        = argc > 3 ? atof(argv[3]) : 0;
    uint16_t flags     = LPORT_SKB_MODE;
    pktmbuf_t *pkts[BURST];
    uint64_t rx = 0, tx = 0, dropped = 0;
    struct pktdev_info info;
    struct pollfd pfd = {.fd = -1, .events = POLLIN};
    lport_cfg_t cfg;
    pktmbuf_info_t *pi;
    uint32_t iter = 0;
    double end;
    void *mm;
    int port;

    if (!ifname) {
        fprintf(stderr, "usage: cne-echo-c IFNAME [net_af_xdp|net_af_xdp-native|net_af_packet] [SECONDS]\n");
        return 2;
    }
    if (strcmp(pmd, "net_af_xdp-native") == 0) {
        pmd   = "net_af_xdp";
        flags = 0;
    } else if (strcmp(pmd, "net_af_xdp") != 0) {
        flags = 0;
    }
    libbpf_set_print(quiet);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    mm = mmap_alloc(BUFCNT, 2048, MMAP_HUGEPAGE_4KB);
    pi = mm ? pktmbuf_pool_create(mmap_addr(mm), BUFCNT, 2048, 256, NULL) : NULL;
    if (!pi) {
        fprintf(stderr, "cne-echo-c: pool: %s\n", strerror(errno));
        return 1;
    }
    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.name, sizeof(cfg.name), "%s:0", ifname);
    snprintf(cfg.ifname, sizeof(cfg.ifname), "%s", ifname);
    snprintf(cfg.pmd_name, sizeof(cfg.pmd_name), "%s", pmd);
    cfg.flags      = flags;
    cfg.bufsz      = 2048;
    cfg.bufcnt     = BUFCNT;
    cfg.rx_nb_desc = 2048;
    cfg.tx_nb_desc = 2048;
    cfg.umem_addr  = mmap_addr(mm);
    cfg.umem_size  = mmap_size(mm, NULL, NULL);
    cfg.addr       = cfg.umem_addr;
    cfg.pi         = pi;
    port           = pktdev_port_setup(&cfg);
    if (port < 0) {
        fprintf(stderr, "cne-echo-c: error: %s on %s: %s\n", pmd, ifname, strerror(errno));
        return 1;
    }
    if (pktdev_info_get((uint16_t)port, &info) == 0)
        pfd.fd = info.rx_fd;
    printf("cne-echo-c: ready\n");
    fflush(stdout);

    end = secs > 0 ? now_s() + secs : 0;
    while (!stop) {
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, BURST), sent;

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        if (n == 0) {
            if (pfd.fd >= 0)
                (void)poll(&pfd, 1, 10);
        } else {
            rx += n;
            for (uint16_t i = 0; i < n; i++)
                pktdev_mac_swap(pktmbuf_mtod(pkts[i], void *));
            sent = pktdev_tx_burst((uint16_t)port, pkts, n);
            if (sent == PKTDEV_ADMIN_STATE_DOWN)
                sent = 0;
            if (sent < n) {
                pktmbuf_free_bulk(pkts + sent, n - sent);
                dropped += (uint64_t)(n - sent);
            }
            tx += sent;
        }
        if ((n == 0 || (++iter & 1023) == 0) && end > 0 && now_s() >= end)
            break;
    }
    printf("cne-echo-c: rx=%llu tx=%llu dropped=%llu\n", (unsigned long long)rx, (unsigned long long)tx,
           (unsigned long long)dropped);
    pktdev_close((uint16_t)port);
    pktmbuf_destroy(pi);
    mmap_free(mm);
    return 0;
}
