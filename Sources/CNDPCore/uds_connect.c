/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: synchronous client of the AF_XDP device plugin's socket, and the
 * set of sessions a pod with several devices holds (one per plugin socket).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <uds_connect.h>

#include "uds_fd_msg.h"

_Static_assert(sizeof(uds_info_t) == 136, "uds_info_t is 136 bytes (CNDP layout)");
_Static_assert(offsetof(uds_info_t, priv) == 120, "uds_info_t.priv");
_Static_assert(offsetof(uds_info_t, xsk_map_fd) == 132, "uds_info_t.xsk_map_fd");

typedef struct udsc_priv {
    int timeout_ms;
} udsc_priv_t;

static int
timeout_of(const uds_info_t *info)
{
    const udsc_priv_t *p = info->priv;

    return p ? p->timeout_ms : UDSC_DEFAULT_TIMEOUT_MS;
}

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sends one message, with an optional fd attached. */
static int
send_msg(uds_info_t *info, const char *msg, int fd)
{
    uds_fd_msg_t m;
    ssize_t n;

    uds_fd_msg_init(&m, msg, fd);
    if (m.iov.iov_len > UDSC_MAX_MSG) {
        errno = EINVAL;
        return -1;
    }
    do {
        n = sendmsg(info->sock, &m.mh, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EPIPE)
            errno = ECONNRESET;
        else if (errno == EAGAIN || errno == EWOULDBLOCK)
            errno = ETIMEDOUT; /* SO_SNDTIMEO expired: the server's queue stayed full */
        return -1;
    }
    return 0;
}

/*
 * Waits for one message (at most the timeout), NUL-terminates it into buf and stores a
 * received fd in *fd (or -1). Returns the length, or -1 with errno.
 */
static int
recv_msg(uds_info_t *info, char *buf, size_t len, int *fd)
{
    char cbuf[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = {.iov_base = buf, .iov_len = len - 1};
    struct msghdr mh;
    long long deadline = now_ms() + timeout_of(info);
    ssize_t n;

    *fd = -1;
    for (;;) {
        struct pollfd pfd = {.fd = info->sock, .events = POLLIN};
        long long left    = deadline - now_ms();
        int r;

        if (left <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        r = poll(&pfd, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        if (pfd.revents & POLLIN)
            break;
        if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) {
            errno = ECONNRESET;
            return -1;
        }
    }
    memset(&mh, 0, sizeof(mh));
    mh.msg_iov        = &iov;
    mh.msg_iovlen     = 1;
    mh.msg_control    = cbuf;
    mh.msg_controllen = sizeof(cbuf);
    do {
        n = recvmsg(info->sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            size_t nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

            for (size_t i = 0; i < nfd; i++) {
                int f;

                memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                if (*fd < 0)
                    *fd = f;
                else
                    close(f); /* one fd expected; never leak extras */
            }
        }
    }
    if (n == 0) {
        if (*fd >= 0)
            close(*fd);
        *fd   = -1;
        errno = ECONNRESET;
        return -1;
    }
    if ((mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
        if (*fd >= 0)
            close(*fd);
        *fd   = -1;
        errno = EPROTO;
        return -1;
    }
    buf[n] = '\0';
    return (int)n;
}

/*
 * Ends a session that can no longer be trusted: after a timeout, a lost connection or an
 * answer that does not fit the protocol, a late or stray answer would otherwise be taken
 * as the answer to the next request. Closing the socket also drops whatever the server
 * still sends (file descriptors included). Later requests fail with ECONNRESET.
 */
static void
kill_session(uds_info_t *info)
{
    int err = errno;

    if (info->sock >= 0)
        close(info->sock);
    info->sock    = -1;
    info->running = 0;
    errno         = err;
}

/* Marks the session dead and fails with err. */
static int
session_error(uds_info_t *info, int err)
{
    kill_session(info);
    errno = err;
    return -1;
}

/*
 * One request/answer exchange; the answer (NUL-terminated) lands in ans. Any failure to
 * send or receive ends the session (see kill_session).
 */
static int
transact(uds_info_t *info, const char *req, int send_fd, char *ans, size_t anslen, int *rfd)
{
    int fd = -1;

    if (!info) {
        errno = EINVAL;
        return -1;
    }
    if (info->sock < 0 || !info->running) {
        errno = ECONNRESET;
        return -1;
    }
    if (strlen(req) > UDSC_MAX_MSG) {
        errno = EINVAL; /* refused before anything is sent: the session stays usable */
        return -1;
    }
    if (send_msg(info, req, send_fd) < 0 || recv_msg(info, ans, anslen, &fd) < 0)
        return session_error(info, errno);
    if (rfd)
        *rfd = fd;
    else if (fd >= 0)
        close(fd);
    return 0;
}

static void
free_info(uds_info_t *info)
{
    if (info->sock >= 0)
        close(info->sock);
    free(info->priv);
    free(info);
}

uds_info_t *
udsc_handshake_timeout(const char *uds_name, int timeout_ms)
{
    char host[UDSC_MAX_MSG], req[UDSC_MAX_MSG + 16], ans[UDSC_MAX_MSG + 1];
    uds_info_t *info;
    udsc_priv_t *priv;
    int err;

    if (!uds_name || !uds_name[0] || timeout_ms <= 0 ||
        strlen(uds_name) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
        errno = EINVAL;
        return NULL;
    }
    info = calloc(1, sizeof(*info));
    priv = calloc(1, sizeof(*priv));
    if (!info || !priv) {
        free(info);
        free(priv);
        errno = ENOMEM;
        return NULL;
    }
    info->priv       = priv;
    priv->timeout_ms = timeout_ms;
    info->xsk_map_fd = -1;
    info->sun.sun_family = AF_UNIX;
    memcpy(info->sun.sun_path, uds_name, strlen(uds_name) + 1);

    info->sock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (info->sock < 0)
        goto fail;
    /*
     * The plugin accepts one connection at a time: when its backlog is full, connect()
     * on a Unix socket waits for room, and so does sendmsg() when its queue is full. Both
     * wait at most SO_SNDTIMEO, then fail with EAGAIN (reported as ETIMEDOUT).
     */
    {
        struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};

        if (setsockopt(info->sock, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
            goto fail;
    }
    if (connect(info->sock, (struct sockaddr *)&info->sun, sizeof(info->sun)) < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINPROGRESS)
            errno = ETIMEDOUT;
        goto fail;
    }
    info->xsk_uds_state = UDSC_STATE_CONNECTED;
    info->running       = 1;

    if (gethostname(host, sizeof(host)) < 0)
        goto fail;
    host[sizeof(host) - 1] = '\0';
    snprintf(req, sizeof(req), "/connect,%s", host);
    if (strlen(req) > UDSC_MAX_MSG) {
        errno = ENAMETOOLONG;
        goto fail;
    }
    if (transact(info, req, -1, ans, sizeof(ans), NULL) < 0)
        goto fail;
    if (!strcmp(ans, "/host_ok")) {
        info->xsk_uds_state = UDSC_STATE_HOST_OK;
        return info;
    }
    errno = (!strcmp(ans, "/host_nak") || !strcmp(ans, "/error")) ? EACCES : EPROTO;
    kill_session(info);
fail:
    err = errno;
    free_info(info);
    errno = err;
    return NULL;
}

uds_info_t *
udsc_handshake(const char *uds_name)
{
    return udsc_handshake_timeout(uds_name, UDSC_DEFAULT_TIMEOUT_MS);
}

int
udsc_get_xsk_map_fd(uds_info_t *info, const char *ifname)
{
    char req[UDSC_MAX_MSG + 16], ans[UDSC_MAX_MSG + 1];
    int fd = -1;

    if (!info || !ifname || !ifname[0] || strchr(ifname, ',') ||
        (size_t)snprintf(req, sizeof(req), "/xsk_map_fd,%s", ifname) > UDSC_MAX_MSG) {
        errno = EINVAL;
        return -1;
    }
    if (transact(info, req, -1, ans, sizeof(ans), &fd) < 0)
        return -1;
    if (!strcmp(ans, "/fd_ack") && fd >= 0) {
        info->xsk_map_fd    = fd;
        info->xsk_uds_state = UDSC_STATE_FD_ACK;
        return fd;
    }
    if (fd >= 0)
        close(fd);
    if (!strcmp(ans, "/fd_nak"))
        errno = ENOENT;
    else
        return session_error(info, EPROTO); /* /fd_ack without an fd, or nonsense */
    return -1;
}

int
udsc_config_busy_poll(uds_info_t *info, int xsk_fd, int timeout, int budget)
{
    char req[UDSC_MAX_MSG + 1], ans[UDSC_MAX_MSG + 1];

    if (!info || xsk_fd < 0 || timeout < 0 || budget < 0) {
        errno = EINVAL;
        return -1;
    }
    snprintf(req, sizeof(req), "/config_busy_poll,%d,%d", timeout, budget);
    if (transact(info, req, xsk_fd, ans, sizeof(ans), NULL) < 0)
        return -1;
    if (!strcmp(ans, "/config_busy_poll_ack"))
        return 0;
    if (strcmp(ans, "/config_busy_poll_nak") != 0)
        return session_error(info, EPROTO);
    errno = EPERM;
    return -1;
}

int
udsc_version(uds_info_t *info, char *buf, size_t len)
{
    char ans[UDSC_MAX_MSG + 1];

    if (!buf || len == 0) {
        errno = EINVAL;
        return -1;
    }
    if (transact(info, "/version", -1, ans, sizeof(ans), NULL) < 0)
        return -1;
    if (ans[0] == '/') /* a command-like answer is a refusal: not this protocol */
        return session_error(info, EPROTO);
    if (strlen(ans) + 1 > len) {
        errno = ERANGE;
        return -1;
    }
    memcpy(buf, ans, strlen(ans) + 1);
    return 0;
}

int
udsc_close(uds_info_t *info)
{
    char ans[UDSC_MAX_MSG + 1];
    int ret = 0, err = 0;

    if (!info)
        return 0;
    if (info->sock < 0 || !info->running) {
        ret = -1; /* the session already died: no goodbye */
        err = ECONNRESET;
    } else {
        if (transact(info, "/fin", -1, ans, sizeof(ans), NULL) < 0) {
            ret = -1;
            err = errno;
        } else if (strcmp(ans, "/fin_ack") != 0) {
            ret = -1;
            err = EPROTO;
        } else
            info->xsk_uds_state = UDSC_STATE_FIN;
    }
    info->running = 0;
    free_info(info);
    if (ret < 0)
        errno = err;
    return ret;
}

/* Writes "<dir>/<netdev>/<name>". */
static int
netdev_path(char *buf, size_t len, const char *dir, const char *netdev, const char *name)
{
    int n;

    if (!buf || !netdev || !netdev[0] || strchr(netdev, '/') || strchr(netdev, ',') ||
        !strcmp(netdev, ".") || !strcmp(netdev, "..")) {
        errno = EINVAL;
        return -1;
    }
    if (!dir)
        dir = UDSC_POD_DIR;
    n = snprintf(buf, len, "%s/%s/%s", dir, netdev, name);
    if (n < 0 || (size_t)n >= len || (size_t)n >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
        if (len)
            buf[0] = '\0';
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int
udsc_sock_path(char *buf, size_t len, const char *dir, const char *netdev)
{
    return netdev_path(buf, len, dir, netdev, UDSC_SOCK_NAME);
}

int
udsc_pin_path(char *buf, size_t len, const char *dir, const char *netdev)
{
    return netdev_path(buf, len, dir, netdev, UDSC_XSK_MAP_NAME);
}

/* One socket and the session with it. */
typedef struct udsc_session_entry {
    dev_t dev;
    ino_t ino;
    uds_info_t *info;
} udsc_session_entry_t;

struct udsc_sessions {
    int timeout_ms;
    int count, capacity;
    udsc_session_entry_t *entries;
};

udsc_sessions_t *
udsc_sessions_create(int timeout_ms)
{
    udsc_sessions_t *set;

    if (timeout_ms <= 0) {
        errno = EINVAL;
        return NULL;
    }
    set = calloc(1, sizeof(*set));
    if (!set) {
        errno = ENOMEM;
        return NULL;
    }
    set->timeout_ms = timeout_ms;
    return set;
}

uds_info_t *
udsc_sessions_get(udsc_sessions_t *set, const char *uds_path)
{
    struct stat st;
    uds_info_t *info;

    if (!set || !uds_path || !uds_path[0]) {
        errno = EINVAL;
        return NULL;
    }
    /* stat() follows links, and a bind mount shows the mounted file's device and inode. */
    if (stat(uds_path, &st) < 0)
        return NULL;
    if (!S_ISSOCK(st.st_mode)) {
        errno = ENOTSOCK;
        return NULL;
    }
    for (int i = 0; i < set->count; i++)
        if (set->entries[i].dev == st.st_dev && set->entries[i].ino == st.st_ino)
            return set->entries[i].info;
    if (set->count == set->capacity) {
        int cap                      = set->capacity ? set->capacity * 2 : 4;
        udsc_session_entry_t *bigger = realloc(set->entries, (size_t)cap * sizeof(*bigger));

        if (!bigger) {
            errno = ENOMEM;
            return NULL;
        }
        set->entries  = bigger;
        set->capacity = cap;
    }
    info = udsc_handshake_timeout(uds_path, set->timeout_ms);
    if (!info)
        return NULL;
    set->entries[set->count++] = (udsc_session_entry_t){st.st_dev, st.st_ino, info};
    return info;
}

int
udsc_sessions_count(const udsc_sessions_t *set)
{
    if (!set) {
        errno = EINVAL;
        return -1;
    }
    return set->count;
}

int
udsc_sessions_close(udsc_sessions_t *set)
{
    int ret = 0, err = 0;

    if (!set)
        return 0;
    for (int i = set->count - 1; i >= 0; i--) {
        if (udsc_close(set->entries[i].info) < 0 && ret == 0) {
            ret = -1;
            err = errno;
        }
    }
    free(set->entries);
    free(set);
    if (ret < 0)
        errno = err;
    return ret;
}
