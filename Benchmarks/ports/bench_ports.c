/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp benchmark: port costs.
 *
 * 1. net_null: rx burst -> MAC swap -> tx burst in one thread; CPU time (getrusage) per packet,
 *    and wall time per packet and packets/s.
 * 2. (root) A veth pair between two private namespaces. A generator process in one sends
 *    64-byte UDP frames with sendmmsg() for a fixed time; an echo process in the other
 *    receives them on a port (net_af_xdp SKB mode, net_af_packet; not net_af_xdp native mode:
 *    as in CNDP, native mode binds zero-copy, which veth refuses),
 *    swaps the MACs and sends them back. Reported: frames offered, frames echoed per
 *    second, and the echo process's CPU time (user + system) per echoed frame. Each
 *    process is pinned to its own CPU. Softirq work done on the generator's CPU (veth
 *    delivers in the sender's context) is charged to the generator, not to the echo.
 *
 * Each veth case runs twice: "spin" polls the port without pause (the highest echo rate);
 * "wait" sleeps in poll() on the port's fd (1 ms at most) whenever a receive comes back
 * empty, so its CPU time is the work the packets cost rather than idle spinning. The echo
 * CPU time includes the kernel work done in the echo process's context: its transmit
 * through the veth and the peer side's receive softirq that runs on its CPU.
 *
 * Usage: bench-ports [seconds-per-run (default 2)]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <cne.h>
#include <cne_mmap.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <pktmbuf.h>
#include <xdp/libxdp.h>

#define BURST 64

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
run(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    int r;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd) - 32, fmt, ap);
    va_end(ap);
    strcat(cmd, " >/dev/null 2>&1");
    r = system(cmd);
    return (r == -1 || !WIFEXITED(r)) ? -1 : WEXITSTATUS(r);
}

static int
quiet(enum libbpf_print_level l, const char *f, va_list ap)
{
    (void)l;
    (void)f;
    (void)ap;
    return 0;
}

static int
quiet_xdp(enum libxdp_print_level l, const char *f, va_list ap)
{
    (void)l;
    (void)f;
    (void)ap;
    return 0;
}

static pktmbuf_info_t *
make_pool(void **mm, uint32_t cnt)
{
    pktmbuf_info_t *pi;

    *mm = mmap_alloc(cnt, 2048, MMAP_HUGEPAGE_4KB);
    if (!*mm)
        return NULL;
    pi = pktmbuf_pool_create(mmap_addr(*mm), cnt, 2048, 0, NULL);
    if (!pi)
        mmap_free(*mm);
    return pi;
}

static void
fill_cfg(lport_cfg_t *c, const char *name, const char *ifname, const char *pmd, uint16_t flags,
         void *mm, pktmbuf_info_t *pi)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s", name);
    snprintf(c->ifname, sizeof(c->ifname), "%s", ifname);
    snprintf(c->pmd_name, sizeof(c->pmd_name), "%s", pmd);
    c->flags      = flags;
    c->bufsz      = pi->bufsz;
    c->bufcnt     = pi->bufcnt;
    c->rx_nb_desc = 2048;
    c->tx_nb_desc = 2048;
    c->umem_addr  = mmap_addr(mm);
    c->umem_size  = mmap_size(mm, NULL, NULL);
    c->pi         = pi;
}

/* rx -> MAC swap -> tx until `secs` pass. Returns frames echoed. */
static uint64_t
echo_loop(int port, double secs, int wait_fd)
{
    pktmbuf_t *pkts[BURST];
    uint64_t echoed = 0;
    double end      = now_s() + secs;
    uint32_t iter   = 0;

    for (;;) {
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, BURST), sent;

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++)
            pktdev_mac_swap(pktmbuf_mtod(pkts[i], void *));
        if (n == 0 && wait_fd >= 0) {
            struct pollfd pfd = {.fd = wait_fd, .events = POLLIN};

            pktdev_tx_burst((uint16_t)port, NULL, 0); /* reap completions first */
            (void)poll(&pfd, 1, 1);
        }
        sent = n ? pktdev_tx_burst((uint16_t)port, pkts, n) : 0;
        if (sent == PKTDEV_ADMIN_STATE_DOWN)
            sent = 0;
        if (sent < n)
            pktmbuf_free_bulk(pkts + sent, n - sent);
        echoed += sent;
        if ((++iter & 1023) == 0 && now_s() >= end)
            break;
    }
    return echoed;
}

static void
bench_null(double secs)
{
    void *mm;
    pktmbuf_info_t *pi = make_pool(&mm, 4096);
    lport_cfg_t cfg;
    struct rusage ru0, ru1;
    double t0, dt, cpu;
    uint64_t n;
    int port;

    if (!pi) {
        fprintf(stderr, "pool: %s\n", strerror(errno));
        return;
    }
    fill_cfg(&cfg, "bench-null", "", "net_null", 0, mm, pi);
    port = pktdev_port_setup(&cfg);
    if (port < 0) {
        fprintf(stderr, "net_null: %s\n", strerror(errno));
        return;
    }
    echo_loop(port, 0.2, -1); /* warm up */
    getrusage(RUSAGE_SELF, &ru0);
    t0 = now_s();
    n  = echo_loop(port, secs, -1);
    dt = now_s() - t0;
    getrusage(RUSAGE_SELF, &ru1);
    cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
          (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) * 1e-6;
    /* CPU time (getrusage) holds on a loaded machine; wall time also counts time descheduled. */
    printf("net_null  rx->swap->tx  burst %d: %.1f ns/pkt of CPU time (wall: %.1f ns/pkt, %.2f Mpps)\n", BURST,
           cpu * 1e9 / (double)n, dt * 1e9 / (double)n, (double)n / dt / 1e6);
    pktdev_close((uint16_t)port);
    pktmbuf_destroy(pi);
    mmap_free(mm);
}

static int
enter_ns(const char *ns)
{
    char path[128];
    int fd, r;

    snprintf(path, sizeof(path), "/run/netns/%s", ns);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    r = setns(fd, CLONE_NEWNET);
    close(fd);
    return r;
}

static void
pin(int cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu % (int)sysconf(_SC_NPROCESSORS_ONLN), &set);
    (void)sched_setaffinity(0, sizeof(set), &set);
}

struct echo_result {
    int ok;
    uint64_t echoed;
    double secs, usr, sys;
};

static double
tv_diff(struct timeval a, struct timeval b)
{
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_usec - a.tv_usec) * 1e-6;
}

/* Child: the echo side. Writes a struct echo_result to fd. */
static void
echo_child(int wfd, const char *ns, const char *ifname, const char *pmd, uint16_t flags,
           double secs, int ready_fd, int wait)
{
    struct echo_result r = {0};
    struct rusage ru0, ru1;
    lport_cfg_t cfg;
    void *mm;
    pktmbuf_info_t *pi;
    double t0;
    int port;

    pin(1);
    if (enter_ns(ns) < 0 || !(pi = make_pool(&mm, 8192)))
        goto out;
    fill_cfg(&cfg, "bench-echo", ifname, pmd, flags, mm, pi);
    port = pktdev_port_setup(&cfg);
    if (port < 0) {
        fprintf(stderr, "%s: setup: %s\n", pmd, strerror(errno));
        goto out;
    }
    {
        struct pktdev_info info;

        if (wait && pktdev_info_get((uint16_t)port, &info) == 0)
            wait = info.rx_fd >= 0 ? info.rx_fd : -1;
        else
            wait = -1;
    }
    (void)!write(ready_fd, "r", 1);
    getrusage(RUSAGE_SELF, &ru0);
    t0       = now_s();
    r.echoed = echo_loop(port, secs, wait);
    r.secs   = now_s() - t0;
    getrusage(RUSAGE_SELF, &ru1);
    r.usr = tv_diff(ru0.ru_utime, ru1.ru_utime);
    r.sys = tv_diff(ru0.ru_stime, ru1.ru_stime);
    r.ok = 1;
    pktdev_close((uint16_t)port);
out:
    (void)!write(ready_fd, "r", 1);
    (void)!write(wfd, &r, sizeof(r));
    _exit(0);
}

/* Child: the generator. Sends for `secs`, writes the number of frames sent. */
static void
gen_child(int wfd, const char *ns, const char *ifname, double secs)
{
    static const uint8_t frame[60] = {0x02, 0, 0, 0, 0, 0x0a, 0x02, 0, 0, 0, 0, 0x0b, 0x08, 0x00,
                                      0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17, 0, 0, 10, 8, 0, 2,
                                      10, 8, 0, 1, 0x13, 0x88, 0x13, 0x89, 0, 26};
    struct mmsghdr msgs[BURST];
    struct iovec iov = {.iov_base = (void *)(uintptr_t)frame, .iov_len = sizeof(frame)};
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = 0};
    uint64_t sent = 0;
    double end;
    int fd;

    pin(0);
    if (enter_ns(ns) < 0)
        goto out;
    fd = socket(AF_PACKET, SOCK_RAW, 0);
    sll.sll_ifindex = (int)if_nametoindex(ifname);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
        goto out;
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < BURST; i++) {
        msgs[i].msg_hdr.msg_iov    = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    end = now_s() + secs;
    while (now_s() < end) {
        int r = sendmmsg(fd, msgs, BURST, MSG_DONTWAIT);

        if (r > 0)
            sent += (uint64_t)r;
    }
out:
    (void)!write(wfd, &sent, sizeof(sent));
    _exit(0);
}

static void
bench_veth(const char *pmd, uint16_t flags, const char *label, double secs, int wait)
{
    char ns_e[32], ns_g[32], if_e[16], if_g[16];
    int ep[2], gp[2], rp[2];
    struct echo_result r = {0};
    uint64_t offered = 0;
    pid_t pe = -1, pg = -1;
    char c;

    snprintf(ns_e, sizeof(ns_e), "cndpb-e-%d", (int)getpid());
    snprintf(ns_g, sizeof(ns_g), "cndpb-g-%d", (int)getpid());
    snprintf(if_e, sizeof(if_e), "cbe%d", (int)getpid() % 1000000);
    snprintf(if_g, sizeof(if_g), "cbg%d", (int)getpid() % 1000000);
    /* The project's traffic rig (make runs this from the repository's root). */
    if (run("scripts/netns-rig.sh add %s %s", ns_e, ns_g) ||
        run("scripts/netns-rig.sh veth %s %s 02:00:00:00:00:0b %s %s 02:00:00:00:00:0a", ns_e, if_e, ns_g, if_g)) {
        fprintf(stderr, "veth setup failed\n");
        goto out;
    }
    if (pipe(ep) || pipe(gp) || pipe(rp))
        goto out;
    fflush(stdout);
    pe = fork();
    if (pe == 0)
        echo_child(ep[1], ns_e, if_e, pmd, flags, secs, rp[1], wait);
    if (read(rp[0], &c, 1) != 1) /* port is up */
        goto out;
    pg = fork();
    if (pg == 0)
        gen_child(gp[1], ns_g, if_g, secs);
    if (read(gp[0], &offered, sizeof(offered)) != sizeof(offered) ||
        read(ep[0], &r, sizeof(r)) != sizeof(r) || !r.ok) {
        fprintf(stderr, "%s: run failed\n", label);
        goto out;
    }
    printf("%-22s %s  offered %5.2f Mpps  echoed %5.2f Mpps  echo CPU %6.0f ns/pkt "
           "(user %5.0f + sys %5.0f; %3.0f%% of a core)\n",
           label, wait ? "wait" : "spin", (double)offered / secs / 1e6,
           (double)r.echoed / r.secs / 1e6,
           r.echoed ? (r.usr + r.sys) * 1e9 / (double)r.echoed : 0.0,
           r.echoed ? r.usr * 1e9 / (double)r.echoed : 0.0,
           r.echoed ? r.sys * 1e9 / (double)r.echoed : 0.0, 100.0 * (r.usr + r.sys) / r.secs);
out:
    if (pe > 0)
        waitpid(pe, NULL, 0);
    if (pg > 0)
        waitpid(pg, NULL, 0);
    run("scripts/netns-rig.sh del %s %s", ns_e, ns_g);
}

int
main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 2.0;

    if (secs <= 0 || secs > 60)
        secs = 2.0;
    libbpf_set_print(quiet);
    libxdp_set_print(quiet_xdp);
    setvbuf(stdout, NULL, _IOLBF, 0);
    bench_null(secs);
    if (geteuid() != 0) {
        printf("veth echo runs skipped (need root)\n");
        return 0;
    }
    /* No native-mode row: CNDP binds native mode (no LPORT_SKB_MODE) zero-copy, and veth has no
     * zero-copy AF_XDP, so that setup fails on veth by design; on a NIC with a zero-copy driver
     * it is bench_veth("net_af_xdp", 0, ...) against that NIC. */
    printf("net_af_xdp (native): not on veth (native mode = zero-copy, which veth does not offer)\n");
    for (int wait = 0; wait < 2; wait++) {
        bench_veth("net_af_xdp", LPORT_SKB_MODE, "net_af_xdp (SKB mode)", secs, wait);
        bench_veth("net_af_packet", 0, "net_af_packet", secs, wait);
    }
    return 0;
}
