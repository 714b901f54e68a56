/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp benchmark: rx -> MAC swap -> tx over net_null, in C on the embedded core: the
 * same loop and the same pool as Benchmarks/null-loop-swift (cne-bench-null), for `make bench`.
 *
 * Usage: null-loop BURST PACKETS [WARMUP]
 * Prints: c burst=B packets=N seconds=T ns_per_packet=X cpu_ns_per_packet=Y
 * (X from the monotonic clock, which also counts time the process was descheduled; Y from
 * getrusage, user + system time: the figure that holds on a loaded machine.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cne.h>
#include <cne_mmap.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <pktmbuf.h>

#define MAX_BURST 1024

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* User + system CPU time of this process, in seconds. */
static double
cpu_s(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

/* The measured loop: receive a burst, swap each frame's MACs, send it, free what was not sent. */
static uint64_t
echo(uint16_t port, uint64_t target, uint16_t burst)
{
    pktmbuf_t *pkts[MAX_BURST];
    uint64_t echoed = 0;

    while (echoed < target) {
        uint16_t n = pktdev_rx_burst(port, pkts, burst), sent;

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++)
            pktdev_mac_swap(pktmbuf_mtod(pkts[i], void *));
        sent = n ? pktdev_tx_burst(port, pkts, n) : 0;
        if (sent == PKTDEV_ADMIN_STATE_DOWN)
            sent = 0;
        if (sent < n)
            pktmbuf_free_bulk(pkts + sent, n - sent);
        echoed += sent;
    }
    return echoed;
}

int
main(int argc, char **argv)
{
    long burst      = argc > 2 ? atol(argv[1]) : 0;
    uint64_t target = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;
    uint64_t warmup = argc > 3 ? strtoull(argv[3], NULL, 10) : 200000;
    lport_cfg_t cfg;
    pktmbuf_info_t *pi;
    void *mm;
    uint64_t n;
    double t0, dt, c0, dc;
    int port;

    if (burst < 1 || burst > MAX_BURST || target == 0) {
        fprintf(stderr, "usage: null-loop BURST(1...1024) PACKETS [WARMUP]\n");
        return 2;
    }
    /* The same pool as cne-bench-null: 8192 buffers of 2 KB on 4 KB pages, cache 256. */
    mm = mmap_alloc(8192, 2048, MMAP_HUGEPAGE_4KB);
    pi = mm ? pktmbuf_pool_create(mmap_addr(mm), 8192, 2048, 256, NULL) : NULL;
    if (!pi) {
        fprintf(stderr, "null-loop: pool: %s\n", strerror(errno));
        return 1;
    }
    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.name, sizeof(cfg.name), "null0:0");
    snprintf(cfg.pmd_name, sizeof(cfg.pmd_name), "net_null");
    cfg.bufsz     = 2048;
    cfg.bufcnt    = 8192;
    cfg.umem_addr = mmap_addr(mm);
    cfg.umem_size = mmap_size(mm, NULL, NULL);
    cfg.addr      = cfg.umem_addr;
    cfg.pi        = pi;
    port          = pktdev_port_setup(&cfg);
    if (port < 0) {
        fprintf(stderr, "null-loop: net_null: %s\n", strerror(errno));
        return 1;
    }
    echo((uint16_t)port, warmup, (uint16_t)burst);
    c0 = cpu_s();
    t0 = now_s();
    n  = echo((uint16_t)port, target, (uint16_t)burst);
    dt = now_s() - t0;
    dc = cpu_s() - c0;
    printf("c burst=%ld packets=%llu seconds=%.6f ns_per_packet=%.3f cpu_ns_per_packet=%.3f\n", burst,
           (unsigned long long)n, dt, dt * 1e9 / (double)n, dc * 1e9 / (double)n);
    pktdev_close((uint16_t)port);
    pktmbuf_destroy(pi);
    mmap_free(mm);
    return 0;
}
