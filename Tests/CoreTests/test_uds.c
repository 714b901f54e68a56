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
#include "test_netutil.h"

#define TEST_MT_ROOT(tname) TEST_DEFINE(tname, (test_kind_t)(TEST_THREADS | TEST_NEEDS_ROOT))

typedef enum { SRV_OK, SRV_HOST_NAK, SRV_GARBAGE, SRV_CLOSE, SRV_SILENT, SRV_FD_NAK } srv_mode_t;

typedef struct server {
    char path[108];
    int lfd;
    srv_mode_t mode;
    int map_fd;           /* handed out on /xsk_map_fd */
    char ifname[32];      /* the only netdev it knows */
    pthread_t tid;
    /* Results, read after join. */
    int got_busy_poll_fd; /* 1 when /config_busy_poll came with an fd */
    int got_fin;
    char busy_args[128];
} server_t;

static int srv_counter;

static int
srv_recv(int fd, char *buf, size_t len, int *rfd, int timeout_ms)
{
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = buf, .iov_len = len - 1};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                        .msg_controllen = sizeof(cbuf)};
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    ssize_t n;

    *rfd = -1;
    if (poll(&pfd, 1, timeout_ms) <= 0)
        return -1;
    n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            memcpy(rfd, CMSG_DATA(c), sizeof(int));
    return (int)n;
}

static void
srv_send(int fd, const char *msg, int pass_fd)
{
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = (void *)(uintptr_t)msg, .iov_len = strlen(msg)};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};

    if (pass_fd >= 0) {
        struct cmsghdr *c;

        memset(cbuf, 0, sizeof(cbuf));
        mh.msg_control    = cbuf;
        mh.msg_controllen = sizeof(cbuf);
        c                 = CMSG_FIRSTHDR(&mh);
        c->cmsg_level     = SOL_SOCKET;
        c->cmsg_type      = SCM_RIGHTS;
        c->cmsg_len       = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
    }
    (void)sendmsg(fd, &mh, MSG_NOSIGNAL);
}

static void *
srv_main(void *arg)
{
    server_t *s = arg;
    struct pollfd pfd = {.fd = s->lfd, .events = POLLIN};
    char buf[128];
    int c, rfd;

    if (poll(&pfd, 1, 3000) <= 0)
        return NULL;
    c = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
        return NULL;
    if (s->mode == SRV_CLOSE) {
        close(c);
        return NULL;
    }
    while (srv_recv(c, buf, sizeof(buf), &rfd, 3000) > 0) {
        if (s->mode == SRV_SILENT) {
            if (rfd >= 0)
                close(rfd);
            continue; /* never answers; ends when the client hangs up */
        }
        if (!strncmp(buf, "/connect,", 9)) {
            srv_send(c, s->mode == SRV_HOST_NAK  ? "/host_nak"
                        : s->mode == SRV_GARBAGE ? "what is this?"
                                                 : "/host_ok",
                     -1);
        } else if (!strcmp(buf, "/version")) {
            srv_send(c, "0.1", -1);
        } else if (!strncmp(buf, "/xsk_map_fd,", 12)) {
            if (s->mode == SRV_FD_NAK || strcmp(buf + 12, s->ifname) != 0 || s->map_fd < 0)
                srv_send(c, "/fd_nak", -1);
            else
                srv_send(c, "/fd_ack", s->map_fd);
        } else if (!strncmp(buf, "/config_busy_poll,", 18)) {
            s->got_busy_poll_fd = rfd >= 0;
            snprintf(s->busy_args, sizeof(s->busy_args), "%s", buf + 18);
            srv_send(c, rfd >= 0 ? "/config_busy_poll_ack" : "/config_busy_poll_nak", -1);
        } else if (!strcmp(buf, "/fin")) {
            s->got_fin = 1;
            srv_send(c, "/fin_ack", -1);
            if (rfd >= 0)
                close(rfd);
            break;
        } else
            srv_send(c, "/nak", -1);
        if (rfd >= 0)
            close(rfd);
    }
    close(c);
    return NULL;
}

static int
srv_start(server_t *s, srv_mode_t mode, int map_fd, const char *ifname)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};

    memset(s, 0, sizeof(*s));
    s->mode   = mode;
    s->map_fd = map_fd;
    snprintf(s->ifname, sizeof(s->ifname), "%s", ifname ? ifname : "");
    snprintf(s->path, sizeof(s->path), "/tmp/cndp-uds-test-%d-%d.sock", (int)getpid(),
             __atomic_fetch_add(&srv_counter, 1, __ATOMIC_RELAXED));
    unlink(s->path);
    s->lfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    memcpy(sun.sun_path, s->path, strlen(s->path) + 1);
    if (s->lfd < 0 || bind(s->lfd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
        listen(s->lfd, 1) < 0 || pthread_create(&s->tid, NULL, srv_main, s) != 0) {
        if (s->lfd >= 0)
            close(s->lfd);
        return -1;
    }
    return 0;
}

static void
srv_stop(server_t *s)
{
    pthread_join(s->tid, NULL);
    close(s->lfd);
    unlink(s->path);
}

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
static int
load_redirect_prog(int map_fd)
{
    struct bpf_insn insns[] = {
        /* r2 = ctx->rx_queue_index */
        {.code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = BPF_REG_2, .src_reg = BPF_REG_1, .off = 16},
        /* r1 = map */
        {.code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = BPF_REG_1, .src_reg = BPF_PSEUDO_MAP_FD,
         .imm = map_fd},
        {0},
        /* r3 = XDP_PASS (action when the slot is empty) */
        {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_3, .imm = XDP_PASS},
        {.code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_redirect_map},
        {.code = BPF_JMP | BPF_EXIT},
    };

    return bpf_prog_load(BPF_PROG_TYPE_XDP, "cndp_t_redir", "GPL", insns, cne_countof(insns), NULL);
}

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
        CHECK(mempool_full(tp.pi->pd));
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
