/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the UDS client against a server thread that speaks the AF_XDP
 * device plugin's side of the protocol (well, or badly).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>
#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <uds_connect.h>
#include <xskdev.h>

#include "test.h"
#include "test_pool.h"
#include "test_netutil.h"
#include "uds_test_server.h"

#define TEST_MT_ROOT(tname) TEST_DEFINE(tname, (test_kind_t)(TEST_THREADS | TEST_NEEDS_ROOT))

static bool
path_exists(const char *p)
{
    struct stat st;

    return stat(p, &st) == 0;
}

TEST_MT(uds_client_errors)
{
    static const struct {
        srv_mode_t mode;
        int err;
    } cases[] = {
        {SRV_HOST_NAK, EACCES}, {SRV_GARBAGE, EPROTO}, {SRV_CLOSE, ECONNRESET}, {SRV_SILENT, ETIMEDOUT}};
    server_t s;
    uds_info_t *info;

    for (size_t i = 0; i < cne_countof(cases); i++) {
        uint64_t t0;

        REQUIRE(srv_start(&s, cases[i].mode, -1, NULL) == 0);
        t0    = tnet_now_ms();
        errno = 0;
        info  = udsc_handshake_timeout(s.path, 300);
        if (info || errno != cases[i].err)
            test_fail(__FILE__, __LINE__, "mode %d: %p errno %d (%s), want %d", cases[i].mode,
                      (void *)info, errno, strerror(errno), cases[i].err);
        CHECK(tnet_now_ms() - t0 < 1500);
        CHECK(path_exists(s.path)); /* the server's socket is never unlinked */
        udsc_close(info);
        srv_stop(&s);
    }

    /* /fd_nak and unknown commands. */
    REQUIRE(srv_start(&s, SRV_FD_NAK, -1, "eth0") == 0);
    info = udsc_handshake_timeout(s.path, 300);
    CHECK(info != NULL);
    if (!info) {
        srv_stop(&s);
        return;
    }
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "eth0"), -1, ENOENT);
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "bad,name"), -1, EINVAL);
    CHECK_ERRNO(udsc_config_busy_poll(info, -1, 20, 64), -1, EINVAL);
    CHECK_EQ(udsc_close(info), 0);
    srv_stop(&s);
    CHECK(s.got_fin);

    CHECK_ERRNO(udsc_handshake_timeout("/tmp/cndp-no-such-socket.sock", 100), 0, ENOENT);
    CHECK_ERRNO(udsc_handshake(NULL), 0, EINVAL);
    CHECK_EQ(udsc_close(NULL), 0);
}

static int
count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n  = 0;

    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/*
 * A request that times out ends the session: the answer that comes late (with its fd) is
 * dropped, not taken as the answer to the next request, and later requests fail with
 * ECONNRESET.
 */
TEST_MT(uds_client_late_answer_kills_session)
{
    server_t s;
    uds_info_t *info;
    char ver[16];
    int map_fd, fds_before;

    map_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(map_fd >= 0);
    fds_before = count_fds();
    if (srv_start(&s, SRV_LATE, map_fd, "eth0") != 0) {
        test_fail(__FILE__, __LINE__, "server");
        close(map_fd);
        return;
    }
    info = udsc_handshake_timeout(s.path, 150);
    if (!info) {
        test_fail(__FILE__, __LINE__, "handshake: %s", strerror(errno));
        srv_stop(&s);
        close(map_fd);
        return;
    }
    CHECK_EQ(udsc_version(info, ver, sizeof(ver)), 0); /* on time: fine */
    CHECK_ERRNO(udsc_version(info, ver, 2), -1, ERANGE); /* our refusal: session lives */
    CHECK(info->running);
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "eth0"), -1, ETIMEDOUT);
    CHECK(!info->running);
    CHECK_EQ(info->sock, -1);
    usleep((SRV_LATE_MS + 150) * 1000); /* the late /fd_ack has been sent by now */
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "eth0"), -1, ECONNRESET);
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "eth1"), -1, ECONNRESET);
    CHECK_ERRNO(udsc_version(info, ver, sizeof(ver)), -1, ECONNRESET);
    CHECK_ERRNO(udsc_config_busy_poll(info, map_fd, 20, 64), -1, ECONNRESET);
    CHECK_EQ(info->xsk_map_fd, -1);
    CHECK_ERRNO(udsc_close(info), -1, ECONNRESET);
    srv_stop(&s);
    CHECK(!s.got_fin);
    CHECK_EQ(count_fds(), fds_before); /* no late fd leaked to us */
    close(map_fd);
}

/*
 * The plugin accepts one connection: with its backlog full, connect() must not block past
 * the handshake's timeout. Backlog 0, never accepted: the first handshake connects and
 * gets no answer, the next ones cannot even connect; all fail with ETIMEDOUT in time.
 */
TEST(uds_client_connect_backlog_full)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int l;

    snprintf(sun.sun_path, sizeof(sun.sun_path), "/tmp/cndp-uds-backlog-%d.sock", (int)getpid());
    unlink(sun.sun_path);
    l = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    REQUIRE(l >= 0);
    if (bind(l, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(l, 0) < 0) {
        test_fail(__FILE__, __LINE__, "listen: %s", strerror(errno));
        close(l);
        unlink(sun.sun_path);
        return;
    }
    for (int i = 0; i < 3; i++) {
        uint64_t t0 = tnet_now_ms(), dt;
        uds_info_t *info;

        errno = 0;
        info  = udsc_handshake_timeout(sun.sun_path, 200);
        dt    = tnet_now_ms() - t0;
        if (info || errno != ETIMEDOUT)
            test_fail(__FILE__, __LINE__, "attempt %d: %p errno %d (%s), want ETIMEDOUT", i,
                      (void *)info, errno, strerror(errno));
        if (dt >= 1000)
            test_fail(__FILE__, __LINE__, "attempt %d took %llu ms (timeout 200)", i,
                      (unsigned long long)dt);
        udsc_close(info);
    }
    close(l);
    unlink(sun.sun_path);
}

TEST_MT_ROOT(uds_client_xskmap)
{
    server_t s;
    uds_info_t *info;
    struct bpf_map_info mi;
    uint32_t len = sizeof(mi);
    char ver[16];
    int map_fd, fd;

    map_fd = bpf_map_create(BPF_MAP_TYPE_XSKMAP, "cndp_test_xsk", 4, 4, 4, NULL);
    REQUIRE(map_fd >= 0);
    if (srv_start(&s, SRV_OK, map_fd, "veth-x") != 0) {
        test_fail(__FILE__, __LINE__, "server");
        close(map_fd);
        return;
    }
    info = udsc_handshake_timeout(s.path, 1000);
    if (!info) {
        test_fail(__FILE__, __LINE__, "handshake: %s", strerror(errno));
        srv_stop(&s);
        close(map_fd);
        return;
    }
    CHECK_EQ(info->xsk_uds_state, UDSC_STATE_HOST_OK);
    CHECK_EQ(udsc_version(info, ver, sizeof(ver)), 0);
    CHECK(!strcmp(ver, "0.1"));
    fd = udsc_get_xsk_map_fd(info, "veth-x");
    CHECK(fd >= 0);
    if (fd >= 0) {
        memset(&mi, 0, sizeof(mi));
        CHECK_EQ(bpf_obj_get_info_by_fd(fd, &mi, &len), 0);
        CHECK_EQ(mi.type, BPF_MAP_TYPE_XSKMAP);
        CHECK_EQ(mi.max_entries, 4);
        CHECK(fd != map_fd);
        CHECK_EQ(udsc_config_busy_poll(info, fd, 20, 64), 0);
        close(fd);
    }
    CHECK_ERRNO(udsc_get_xsk_map_fd(info, "other0"), -1, ENOENT);
    CHECK_EQ(udsc_close(info), 0);
    srv_stop(&s);
    CHECK(s.got_fin);
    CHECK(s.got_busy_poll_fd);
    CHECK(!strcmp(s.busy_args, "20,64"));
    close(map_fd);
}

/* An XDP program that redirects every frame to the XSKMAP slot of its RX queue. */
/*
 * Unprivileged lport: the "plugin" (server thread) hands over the XSKMAP of a program
 * somebody else attached; the port loads nothing, receives through that map, and leaves
 * the program alone on close.
 */
TEST_MT_ROOT(af_xdp_unprivileged_uds)
{
    tnet_t t;
    tpool_t tp = {0};
    server_t s;
    lport_cfg_t cfg;
    uds_info_t *info = NULL;
    int map_fd = -1, prog_fd = -1, port = -1, peer = -1, srv = -1;
    uint32_t ifindex = 0, prog_id = 0, got = 0, tag = 0x5eed0000u ^ (uint32_t)getpid();
    uint8_t buf[2048];

    if (tnet_setup(&t, 1) != 0 || tpool_create(&tp, 2048, 2048) != 0) {
        test_fail(__FILE__, __LINE__, "setup");
        goto out;
    }
    ifindex = if_nametoindex(t.a);
    map_fd  = bpf_map_create(BPF_MAP_TYPE_XSKMAP, "cndp_t_xsk", 4, 4, 1, NULL);
    prog_fd = map_fd >= 0 ? load_redirect_prog(map_fd) : -1;
    if (prog_fd < 0 || bpf_xdp_attach((int)ifindex, prog_fd, XDP_FLAGS_SKB_MODE, NULL) < 0) {
        test_fail(__FILE__, __LINE__, "XDP program: %s", strerror(errno));
        goto out;
    }
    bpf_xdp_query_id((int)ifindex, XDP_FLAGS_SKB_MODE, &prog_id);
    srv = srv_start(&s, SRV_OK, map_fd, t.a);
    REQUIRE_OR_GOTO(srv == 0, out);
    info = udsc_handshake_timeout(s.path, 1000);
    if (!info) {
        test_fail(__FILE__, __LINE__, "handshake: %s", strerror(errno));
        goto out;
    }
    tpool_cfg(&tp, &cfg, "unpriv", t.a, "net_af_xdp", 0,
              LPORT_SKB_MODE | LPORT_UNPRIVILEGED | LPORT_BUSY_POLLING);
    cfg.xsk_uds = info;
    port        = pktdev_port_setup(&cfg);
    if (port < 0) {
        test_fail(__FILE__, __LINE__, "unprivileged setup: %s", strerror(errno));
        goto out;
    }
    {
        uint32_t now = 0;

        bpf_xdp_query_id((int)ifindex, XDP_FLAGS_SKB_MODE, &now);
        CHECK_EQ(now, prog_id); /* still the plugin's program */
    }
    peer = tnet_peer_socket(&t);
    REQUIRE_OR_GOTO(peer >= 0, out);
    for (uint32_t i = 0; i < 32; i++) {
        size_t len = tnet_frame(buf, tnet_frame_len(i), tag, i);

        CHECK_EQ(send(peer, buf, len, 0), (ssize_t)len);
    }
    for (uint64_t deadline = tnet_now_ms() + 2000; got < 32 && tnet_now_ms() < deadline;) {
        pktmbuf_t *pkts[32];
        uint16_t n = pktdev_rx_burst((uint16_t)port, pkts, 32);
        uint32_t seq;

        if (n == PKTDEV_ADMIN_STATE_DOWN)
            break;
        for (uint16_t i = 0; i < n; i++)
            got += tnet_frame_parse(pktmbuf_mtod(pkts[i], uint8_t *), pkts[i]->data_len, tag, &seq);
        if (n)
            pktmbuf_free_bulk(pkts, n);
    }
    CHECK_EQ(got, 32);
out:
    if (port >= 0) {
        uint32_t now = 0;

        CHECK_EQ(pktdev_close((uint16_t)port), 0);
        bpf_xdp_query_id((int)ifindex, XDP_FLAGS_SKB_MODE, &now);
        CHECK_EQ(now, prog_id); /* not ours to detach */
        CHECK(test_pool_all_free(tp.pi->pd));
    }
    if (info)
        CHECK_EQ(udsc_close(info), 0);
    if (srv == 0) {
        srv_stop(&s);
        CHECK(s.got_busy_poll_fd);
    }
    if (peer >= 0)
        close(peer);
    if (ifindex)
        bpf_xdp_detach((int)ifindex, XDP_FLAGS_SKB_MODE, NULL);
    if (prog_fd >= 0)
        close(prog_fd);
    if (map_fd >= 0)
        close(map_fd);
    tpool_destroy(&tp);
    tnet_teardown(&t);
}
