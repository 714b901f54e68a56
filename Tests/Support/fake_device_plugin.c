/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp tests: a stand-in for the Kubernetes AF_XDP device plugin, for the CNE tests.
 *
 * Usage: fake-device-plugin IFNAME SOCKET_PATH [TIMEOUT_MS]
 *
 * Like the real plugin it owns the XDP side: it makes an XSKMAP, attaches (SKB mode) a program
 * redirecting each RX queue to its slot of the map, and serves the UDS protocol on SOCKET_PATH,
 * handing the map over on /xsk_map_fd. It prints "ready" once listening, serves one session
 * (ended by /fin, a hang-up or TIMEOUT_MS of silence, default 10000), removes its socket and
 * prints one JSON line, {"fin": 0|1, "busy_poll_fd": 0|1}; it keeps its program attached
 * until its standard input closes (at most 30 s), then detaches it and exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include "../CoreTests/uds_test_server.h"

int
main(int argc, char **argv)
{
    server_t s;
    unsigned int ifindex;
    int map_fd, prog_fd, timeout_ms = argc > 3 ? atoi(argv[3]) : 10000;

    if (argc < 3) {
        fprintf(stderr, "usage: %s IFNAME SOCKET_PATH [TIMEOUT_MS]\n", argv[0]);
        return 2;
    }
    ifindex = if_nametoindex(argv[1]);
    if (ifindex == 0) {
        fprintf(stderr, "fake-device-plugin: no interface %s\n", argv[1]);
        return 1;
    }
    map_fd  = bpf_map_create(BPF_MAP_TYPE_XSKMAP, "cne_fdp_xsk", 4, 4, 64, NULL);
    prog_fd = map_fd >= 0 ? load_redirect_prog(map_fd) : -1;
    if (prog_fd < 0 || bpf_xdp_attach((int)ifindex, prog_fd, XDP_FLAGS_SKB_MODE, NULL) < 0) {
        fprintf(stderr, "fake-device-plugin: XDP program: %s\n", strerror(errno));
        return 1;
    }
    if (srv_start_at(&s, argv[2], SRV_OK, map_fd, argv[1], timeout_ms) != 0) {
        fprintf(stderr, "fake-device-plugin: cannot listen on %s: %s\n", argv[2], strerror(errno));
        bpf_xdp_detach((int)ifindex, XDP_FLAGS_SKB_MODE, NULL);
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    srv_stop(&s);
    printf("{\"fin\": %d, \"busy_poll_fd\": %d}\n", s.got_fin, s.got_busy_poll_fd);
    fflush(stdout);
    /* Like a real plugin, the program outlives the session: until told to go. */
    alarm(30);
    {
        char c;

        while (read(STDIN_FILENO, &c, 1) > 0)
            ;
    }
    bpf_xdp_detach((int)ifindex, XDP_FLAGS_SKB_MODE, NULL);
    close(prog_fd);
    close(map_fd);
    return 0;
}
