/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp benchmark helper: veth-gen, the traffic generator of the echo rig (make bench).
 *
 * Sends 64-byte Ethernet/IPv4/UDP frames to DST_MAC on IFNAME with sendmmsg() (bursts of
 * 64) for SECONDS, as fast as it can, then prints "sent=N seconds=T". Run it inside the
 * peer namespace, pinned to its own CPU (veth delivers in the sender's context, so the
 * receive-side softirq work is charged here, not to the echo).
 *
 * Usage: veth-gen IFNAME DST_MAC SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BURST 64

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
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
    uint64_t sent = 0;
    double secs, t0, end;
    int fd;

    if (argc != 4 || sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) != 6 ||
        (secs = atof(argv[3])) <= 0) {
        fprintf(stderr, "usage: veth-gen IFNAME DST_MAC SECONDS\n");
        return 2;
    }
    for (int i = 0; i < 6; i++)
        frame[i] = (uint8_t)mac[i];
    frame[6] = 0x02; /* source 02:00:00:00:00:fe */
    frame[11] = 0xfe;
    fd = socket(AF_PACKET, SOCK_RAW, 0);
    sll.sll_ifindex = (int)if_nametoindex(argv[1]);
    if (fd < 0 || sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
        perror("veth-gen");
        return 1;
    }
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < BURST; i++) {
        msgs[i].msg_hdr.msg_iov    = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    t0  = now_s();
    end = t0 + secs;
    while (now_s() < end) {
        int r = sendmmsg(fd, msgs, BURST, MSG_DONTWAIT);

        if (r > 0)
            sent += (uint64_t)r;
    }
    printf("sent=%llu seconds=%.6f\n", (unsigned long long)sent, now_s() - t0);
    return 0;
}
