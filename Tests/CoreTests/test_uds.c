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

/*
 * Several devices per pod. What each test follows in the device plugin's source
 * (redhat-et/afxdp-plugins-for-kubernetes, commit b4a5035; the multi-device change is 720d92b):
 *   constants/constants.go  udsPodPath "/tmp/afxdp_dp/", udsPodSock "/afxdp.sock",
 *                           bpfMapPodPath "/tmp/afxdp_dp/", xsk_map "/xsks_map", udsMinTimeout 30
 *   internal/deviceplugin/poolManager.go Allocate(): one UDS server per Allocate (l.191-198),
 *                           its socket mounted at PodPath + device.Name() + SockName for every
 *                           device of the request (l.211-218), each device's XSKMAP added to
 *                           that one server (l.255), the pinned map at BpfMapPodPath +
 *                           device.Name() + Xsk_map (l.276-282)
 *   internal/uds/uds.go     Listen(): the listener's deadline is the timeout (l.125-130), one
 *                           AcceptUnix (l.132); Read(): each read's deadline too (l.174-179);
 *                           cleanup(): listener and connection closed, socket removed (l.298-309)
 *   internal/udsserver/udsserver.go start(): /connect,<pod> checked (l.175-200), a read
 *                           timeout ends the session (l.205-209), fd by device name (l.277-290)
 */

/* A directory laid out like the pod's /tmp/afxdp_dp, for one test. */
static void
pod_dir(char *buf, size_t len, const char *what)
{
    snprintf(buf, len, "/tmp/cne-afxdp-%s-%d", what, (int)getpid());
}

/* Mounts a pool's socket at <dir>/<netdev>/afxdp.sock as kubelet does: a hard link stands
 * for the bind mount (same inode; and it stays when the plugin removes its file). */
static int
mount_sock(const char *dir, const char *netdev, const char *host_sock)
{
    char d[160], p[200];

    snprintf(d, sizeof(d), "%s/%s", dir, netdev);
    mkdir(dir, 0700);
    mkdir(d, 0700);
    if (udsc_sock_path(p, sizeof(p), dir, netdev) < 0)
        return -1;
    unlink(p);
    return link(host_sock, p);
}

static void
unmount_sock(const char *dir, const char *netdev)
{
    char d[160], p[200];

    snprintf(d, sizeof(d), "%s/%s", dir, netdev);
    if (udsc_sock_path(p, sizeof(p), dir, netdev) == 0)
        unlink(p);
    rmdir(d);
}

/* constants.go: PodPath + device.Name() + SockName; Bpf.BpfMapPodPath + name + Xsk_map. */
TEST(uds_pod_paths)
{
    char p[128], small[16];

    CHECK_EQ(udsc_sock_path(p, sizeof(p), NULL, "net1"), 0);
    CHECK(!strcmp(p, "/tmp/afxdp_dp/net1/afxdp.sock"));
    CHECK_EQ(udsc_pin_path(p, sizeof(p), NULL, "net1"), 0);
    CHECK(!strcmp(p, "/tmp/afxdp_dp/net1/xsks_map"));
    CHECK_EQ(udsc_sock_path(p, sizeof(p), "/run/x", "ens801f0"), 0);
    CHECK(!strcmp(p, "/run/x/ens801f0/afxdp.sock"));
    CHECK_ERRNO(udsc_sock_path(small, sizeof(small), NULL, "net1"), -1, ENAMETOOLONG);
    CHECK_EQ(small[0], '\0');
    CHECK_ERRNO(udsc_sock_path(p, sizeof(p), NULL, ""), -1, EINVAL);
    CHECK_ERRNO(udsc_sock_path(p, sizeof(p), NULL, "a/b"), -1, EINVAL);
    CHECK_ERRNO(udsc_sock_path(p, sizeof(p), NULL, ".."), -1, EINVAL);
    CHECK_ERRNO(udsc_pin_path(p, sizeof(p), NULL, NULL), -1, EINVAL);
    {
        char longdir[120];

        memset(longdir, 'd', sizeof(longdir) - 1);
        longdir[0]                  = '/';
        longdir[sizeof(longdir) - 1] = '\0';
        CHECK_ERRNO(udsc_sock_path(p, sizeof(p), longdir, "net1"), -1, ENAMETOOLONG); /* > sun_path */
    }
}

/*
 * Two pools: pool A gives the pod a0 and a1 (one server, its socket mounted at both netdevs'
 * paths), pool B gives b0 (its own server). One session per socket: a0 and a1 share one,
 * b0 has its own; each device's XSKMAP comes over its pool's session, and both end with /fin.
 * A second connection to pool A's socket is never served (one AcceptUnix): it times out.
 */
TEST_MT(uds_sessions_one_per_pool_socket)
{
    server_t a, b;
    char dir[64], pa[200], pb[200];
    udsc_sessions_t *set = NULL;
    uds_info_t *sa0, *sa1, *sb0, *extra;
    int fds[3] = {-1, -1, -1}, got[3] = {-1, -1, -1};
    char host[64] = "";

    pod_dir(dir, sizeof(dir), "pools");
    gethostname(host, sizeof(host) - 1);
    for (int i = 0; i < 3; i++)
        fds[i] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    snprintf(a.devs[0].name, sizeof(a.devs[0].name), "a0");
    snprintf(a.devs[1].name, sizeof(a.devs[1].name), "a1");
    snprintf(b.devs[0].name, sizeof(b.devs[0].name), "b0");
    a.devs[0].map_fd = fds[0];
    a.devs[1].map_fd = fds[1];
    b.devs[0].map_fd = fds[2];
    a.ndevs = 2;
    b.ndevs = 1;
    snprintf(a.pod, sizeof(a.pod), "%s", host); /* the plugin checks the pod's name */
    snprintf(b.pod, sizeof(b.pod), "%s", host);
    a.plugin_cleanup = b.plugin_cleanup = 1;
    REQUIRE(srv_start_pool(&a, NULL, SRV_OK, 2000) == 0);
    if (srv_start_pool(&b, NULL, SRV_OK, 2000) != 0) {
        test_fail(__FILE__, __LINE__, "server b");
        srv_stop(&a);
        return;
    }
    CHECK_EQ(mount_sock(dir, "a0", a.path), 0);
    CHECK_EQ(mount_sock(dir, "a1", a.path), 0);
    CHECK_EQ(mount_sock(dir, "b0", b.path), 0);

    set = udsc_sessions_create(400);
    CHECK(set != NULL);
    udsc_sock_path(pa, sizeof(pa), dir, "a0");
    sa0 = udsc_sessions_get(set, pa);
    udsc_sock_path(pa, sizeof(pa), dir, "a1");
    sa1 = udsc_sessions_get(set, pa);
    udsc_sock_path(pb, sizeof(pb), dir, "b0");
    sb0 = udsc_sessions_get(set, pb);
    CHECK(sa0 != NULL && sb0 != NULL);
    CHECK_PTR_EQ(sa0, sa1); /* one socket, one session */
    CHECK(sa0 != sb0);
    CHECK_EQ(udsc_sessions_count(set), 2);
    if (sa0 && sb0) {
        got[0] = udsc_get_xsk_map_fd(sa0, "a0");
        got[1] = udsc_get_xsk_map_fd(sa1, "a1");
        got[2] = udsc_get_xsk_map_fd(sb0, "b0");
        CHECK(got[0] >= 0 && got[1] >= 0 && got[2] >= 0);
        CHECK_ERRNO(udsc_get_xsk_map_fd(sb0, "a0"), -1, ENOENT); /* not pool B's device */
        /* What a client opening one session per path would do: never served. */
        extra = udsc_handshake_timeout(pa, 200);
        CHECK(extra == NULL && errno == ETIMEDOUT);
        udsc_close(extra);
    }
    CHECK_EQ(udsc_sessions_close(set), 0);
    srv_stop(&a);
    srv_stop(&b);
    CHECK(a.got_fin && b.got_fin);
    CHECK_EQ(a.fds_sent, 2);
    CHECK_EQ(b.fds_sent, 1);
    CHECK(!path_exists(a.path) && !path_exists(b.path)); /* the plugin removed its sockets */
    for (int i = 0; i < 3; i++) {
        if (got[i] >= 0)
            close(got[i]);
        close(fds[i]);
    }
    unmount_sock(dir, "a0");
    unmount_sock(dir, "a1");
    unmount_sock(dir, "b0");
    rmdir(dir);
}

/* Set errors: not a socket, no such path, bad arguments; a refused handshake is not kept. */
TEST_MT(uds_sessions_errors)
{
    udsc_sessions_t *set = udsc_sessions_create(200);
    server_t s;
    char file[64];
    int fd;

    REQUIRE(set != NULL);
    snprintf(file, sizeof(file), "/tmp/cne-afxdp-notsock-%d", (int)getpid());
    fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK_ERRNO(udsc_sessions_get(set, file), 0, ENOTSOCK);
    unlink(file);
    CHECK_ERRNO(udsc_sessions_get(set, "/tmp/cne-afxdp-no-such/afxdp.sock"), 0, ENOENT);
    CHECK_ERRNO(udsc_sessions_get(set, ""), 0, EINVAL);
    CHECK_ERRNO(udsc_sessions_get(NULL, "/x"), 0, EINVAL);
    CHECK_ERRNO(udsc_sessions_create(0), 0, EINVAL);
    CHECK_ERRNO(udsc_sessions_count(NULL), -1, EINVAL);

    memset(&s, 0, sizeof(s));
    snprintf(s.pod, sizeof(s.pod), "some-other-pod"); /* udsserver.go l.196: /host_nak */
    REQUIRE(srv_start_pool(&s, NULL, SRV_OK, 1000) == 0);
    CHECK_ERRNO(udsc_sessions_get(set, s.path), 0, EACCES);
    CHECK_EQ(udsc_sessions_count(set), 0);
    srv_stop(&s);
    CHECK_EQ(udsc_sessions_close(set), 0);
    CHECK_EQ(udsc_sessions_close(NULL), 0);
}

/*
 * The plugin's listener deadline (uds.go l.125-130) and cleanup (l.298-309): a pod that
 * connects after udsTimeout finds the socket removed; through its mount (which stays) the
 * connection is refused.
 */
TEST_MT(uds_plugin_listener_timeout)
{
    server_t s;
    char dir[64], p[200];

    pod_dir(dir, sizeof(dir), "late");
    memset(&s, 0, sizeof(s));
    s.plugin_cleanup = 1;
    REQUIRE(srv_start_pool(&s, NULL, SRV_OK, 150) == 0);
    CHECK_EQ(mount_sock(dir, "net1", s.path), 0);
    usleep(400 * 1000);
    CHECK(!path_exists(s.path));
    CHECK_ERRNO(udsc_handshake_timeout(s.path, 300), 0, ENOENT);
    udsc_sock_path(p, sizeof(p), dir, "net1");
    CHECK(path_exists(p));
    CHECK_ERRNO(udsc_handshake_timeout(p, 300), 0, ECONNREFUSED);
    srv_stop(&s);
    CHECK(s.timed_out);
    CHECK(!s.connected);
    unmount_sock(dir, "net1");
    rmdir(dir);
}

/*
 * The plugin's read deadline (uds.go l.174-179, udsserver.go l.205-209): a session left idle
 * longer than udsTimeout is ended by the plugin, and the socket removed; the XSKMAP already
 * handed over stays usable, and the late /fin reports ECONNRESET.
 */
TEST_MT(uds_plugin_idle_timeout)
{
    server_t s;
    uds_info_t *info;
    int map = open("/dev/null", O_RDONLY | O_CLOEXEC), fd;

    REQUIRE(map >= 0);
    memset(&s, 0, sizeof(s));
    snprintf(s.devs[0].name, sizeof(s.devs[0].name), "net1");
    s.devs[0].map_fd = map;
    s.ndevs          = 1;
    s.plugin_cleanup = 1;
    if (srv_start_pool(&s, NULL, SRV_OK, 200) != 0) {
        test_fail(__FILE__, __LINE__, "server");
        close(map);
        return;
    }
    info = udsc_handshake_timeout(s.path, 1000);
    CHECK(info != NULL);
    fd = info ? udsc_get_xsk_map_fd(info, "net1") : -1;
    CHECK(fd >= 0);
    usleep(500 * 1000); /* idle past the plugin's deadline */
    CHECK(!path_exists(s.path));
    CHECK_ERRNO(udsc_close(info), -1, ECONNRESET);
    srv_stop(&s);
    CHECK(s.timed_out);
    CHECK(!s.got_fin);
    CHECK(fd < 0 || fcntl(fd, F_GETFD) >= 0); /* ours to keep */
    if (fd >= 0)
        close(fd);
    close(map);
}
