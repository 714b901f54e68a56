/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp traffic rig: veth-gen, the open-loop generator of `make demo` and `make bench`.
 *
 * Sends 64-byte Ethernet/IPv4/UDP frames to DST_MAC on IFNAME with sendmmsg() (bursts of
 * 64, qdisc bypassed) for SECONDS: as fast as it can, or at RATE frames per second (paced
 * from the monotonic clock: it never waits for an answer, so a slow echo cannot slow it).
 * Then it waits 0.3 s for the echo to finish its backlog and prints one line:
 *
 *     sent=N seconds=T echoed=N
 *
 * where echoed is how many frames IFNAME received meanwhile (its rx_packets counter), i.e.
 * what the echo on the other end sent back. The generator's own socket receives nothing
 * (bound to protocol 0), so counting costs it nothing. Run it inside the peer namespace,
 * pinned to its own CPU: veth delivers in the sender's context, so the echo side's receive
 * softirq work (the XDP program and copy, or AF_PACKET's socket delivery) runs on this CPU.
 *
 * Usage: veth-gen IFNAME DST_MAC SECONDS [RATE]   (RATE 0 or absent: as fast as it can)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BURST 64

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* IFNAME's rx_packets counter as this namespace's sysfs shows it; 0 when unreadable. */
static uint64_t
rx_packets(const char *ifname)
{
    char path[128];
    unsigned long long v = 0;
    FILE *f;

    snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/rx_packets", ifname);
    f = fopen(path, "r");
    if (!f)
        return 0;
    if (fscanf(f, "%llu", &v) != 1)
        v = 0;
    fclose(f);
    return (uint64_t)v;
}

int
main(int argc, char **argv)
{
    uint8_t frame[64] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0x45, 0, 0, 50, 0, 0, 0x40, 0, 64, 17, 0, 0,
                         198, 18, 0, 1, 198, 18, 1, 1, 0x13, 0x88, 0x13, 0x89, 0, 30};
    struct sockaddr_ll sll = {.sll_family = AF_PACKET};
    struct mmsghdr msgs[BURST];
    struct iovec iov = {.iov_base = frame, .iov_len = sizeof(frame)};
    unsigned int mac[6];
    uint64_t sent = 0, rx0, rx1;
    double secs, rate = 0, t0, end, elapsed, now;
    int fd, one = 1;

    if ((argc != 4 && argc != 5) ||
        sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) != 6 ||
        (secs = atof(argv[3])) <= 0 || (argc == 5 && (rate = atof(argv[4])) < 0)) {
        fprintf(stderr, "usage: veth-gen IFNAME DST_MAC SECONDS [RATE]\n");
        return 2;
    }
    for (int i = 0; i < 6; i++)
        frame[i] = (uint8_t)mac[i];
    frame[6]  = 0x02; /* source 02:00:00:00:00:fe */
    frame[11] = 0xfe;
    fd        = socket(AF_PACKET, SOCK_RAW, 0);
    sll.sll_ifindex = (int)if_nametoindex(argv[1]);
    if (fd < 0 || sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
        perror("veth-gen");
        return 1;
    }
    /* Straight to the driver: the generator measures the echo, not the qdisc. */
    (void)setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < BURST; i++) {
        msgs[i].msg_hdr.msg_iov    = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    rx0 = rx_packets(argv[1]);
    t0  = now_s();
    end = t0 + secs;
    while ((now = now_s()) < end) {
        unsigned int n = BURST;
        int r;

        if (rate > 0) { /* open loop at RATE: send what the schedule owes, at most a burst */
            double owed = (now - t0) * rate - (double)sent;

            if (owed < 1)
                continue;
            if (owed < BURST)
                n = (unsigned int)owed;
        }
        r = sendmmsg(fd, msgs, n, MSG_DONTWAIT);
        if (r > 0)
            sent += (uint64_t)r;
    }
    elapsed = now_s() - t0;
    usleep(300 * 1000); /* the echo's backlog */
    rx1 = rx_packets(argv[1]);
    printf("sent=%llu seconds=%.6f echoed=%llu\n", (unsigned long long)sent, elapsed,
           (unsigned long long)(rx1 - rx0));
    return 0;
}
