/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp tests: the AF_XDP device plugin's side of the UDS protocol, on a thread.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include <cne_common.h>

#include "uds_test_server.h"

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
    int r;

    *rfd = -1;
    r    = poll(&pfd, 1, timeout_ms);
    if (r == 0)
        return -2; /* the deadline passed */
    if (r < 0)
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

/* The XSKMAP of a netdev of the pool, or -1 (the plugin's s.devices[iface]). */
static int
srv_map_of(const server_t *s, const char *name)
{
    for (int i = 0; i < s->ndevs; i++)
        if (!strcmp(s->devs[i].name, name))
            return s->devs[i].map_fd;
    return -1;
}

/*
 * The plugin's /connect check (udsserver.go start(), lines 178-199): exactly two
 * comma-separated words, spaces dropped from the name, which must be the pod's.
 */
static int
srv_pod_ok(const server_t *s, const char *req)
{
    char name[64];
    const char *arg = req + 9;
    size_t n = 0;

    if (strchr(arg, ','))
        return 0;
    for (; *arg && n < sizeof(name) - 1; arg++)
        if (*arg != ' ')
            name[n++] = *arg;
    name[n] = '\0';
    return !s->pod[0] || !strcmp(name, s->pod);
}

/* Like the plugin's deferred cleanup() (uds.go lines 298-309): listener closed, file removed. */
static void
srv_cleanup(server_t *s)
{
    if (!s->plugin_cleanup || s->lfd < 0)
        return;
    close(s->lfd);
    s->lfd = -1;
    unlink(s->path);
}

static void srv_session(server_t *s);

static void *
srv_main(void *arg)
{
    server_t *s = arg;

    srv_session(s);
    srv_cleanup(s);
    return NULL;
}

static void
srv_session(server_t *s)
{
    struct pollfd pfd = {.fd = s->lfd, .events = POLLIN};
    char buf[128];
    int c, rfd, n;

    /* The listener's deadline: the plugin's udsTimeout (uds.go Listen(), lines 125-130). */
    if (poll(&pfd, 1, s->timeout_ms) <= 0) {
        s->timed_out = 1;
        return;
    }
    c = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
        return;
    s->connected = 1;
    if (s->mode == SRV_CLOSE) {
        close(c);
        return;
    }
    /* Each read has the same deadline (uds.go Read(), lines 174-179). */
    while ((n = srv_recv(c, buf, sizeof(buf), &rfd, s->timeout_ms)) > 0) {
        if (s->mode == SRV_SILENT) {
            if (rfd >= 0)
                close(rfd);
            continue; /* never answers; ends when the client hangs up */
        }
        if (!strncmp(buf, "/connect,", 9)) {
            srv_send(c, s->mode == SRV_HOST_NAK  ? "/host_nak"
                        : s->mode == SRV_GARBAGE ? "what is this?"
                        : !srv_pod_ok(s, buf)    ? "/host_nak"
                                                 : "/host_ok",
                     -1);
        } else if (!strcmp(buf, "/version")) {
            srv_send(c, "0.1", -1);
        } else if (!strncmp(buf, "/xsk_map_fd,", 12)) {
            if (s->mode == SRV_LATE)
                usleep(SRV_LATE_MS * 1000);
            if (s->mode == SRV_FD_NAK || srv_map_of(s, buf + 12) < 0)
                srv_send(c, "/fd_nak", -1);
            else {
                srv_send(c, "/fd_ack", srv_map_of(s, buf + 12));
                s->fds_sent++;
            }
        } else if (!strncmp(buf, "/config_busy_poll,", 18)) {
            s->got_busy_poll_fd = rfd >= 0;
            s->busy_poll_fds += rfd >= 0;
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
    if (n == -2)
        s->timed_out = 1; /* the read deadline passed: the plugin hangs up */
    close(c);
}

int
srv_start_at(server_t *s, const char *path, srv_mode_t mode, int map_fd, const char *ifname,
             int timeout_ms)
{
    memset(s, 0, sizeof(*s));
    if (ifname && ifname[0]) {
        snprintf(s->devs[0].name, sizeof(s->devs[0].name), "%s", ifname);
        s->devs[0].map_fd = map_fd;
        s->ndevs          = 1;
    }
    return srv_start_pool(s, path, mode, timeout_ms);
}

int
srv_start_pool(server_t *s, const char *path, srv_mode_t mode, int timeout_ms)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};

    s->mode       = mode;
    s->timeout_ms = timeout_ms > 0 ? timeout_ms : 3000;
    s->lfd        = -1;
    s->got_busy_poll_fd = s->busy_poll_fds = s->got_fin = s->connected = s->fds_sent = 0;
    s->timed_out  = 0;
    if (path)
        snprintf(s->path, sizeof(s->path), "%s", path);
    else
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

int
srv_start(server_t *s, srv_mode_t mode, int map_fd, const char *ifname)
{
    return srv_start_at(s, NULL, mode, map_fd, ifname, 0);
}

void
srv_stop(server_t *s)
{
    pthread_join(s->tid, NULL);
    if (s->lfd >= 0) {
        close(s->lfd);
        unlink(s->path);
    }
}

int
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

