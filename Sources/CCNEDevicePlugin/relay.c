/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: the relay between the library's xskdev and a device plugin session
 * (cne_device_plugin.h says why it exists and how each library talks to it).
 */
#define _GNU_SOURCE
#include "client_names.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cne_device_plugin.h"
#include "../CNDPCore/uds_fd_msg.h"

/*
 * The states CNDP's xskdev waits for (CNDP 25.08 lib/common/uds/uds.h, enum after uds_info_t;
 * lib/core/xskdev/xskdev.c xskdev_recv_xsk_fd and configure_busy_poll). HOST_OK is 2 in both
 * libraries; the embedded core's synchronous client reads the reply instead.
 */
enum {
    CNDP_UDS_HOST_OK        = 2,
    CNDP_UDS_GOT_FD         = 3,
    CNDP_UDS_FD_NAK         = 4,
    CNDP_UDS_BUSY_POLL_ACK  = 8,
    CNDP_UDS_BUSY_POLL_NAK  = 9,
};

_Static_assert((int)UDSC_STATE_HOST_OK == (int)CNDP_UDS_HOST_OK, "HOST_OK is the same state in both libraries");
_Static_assert(CNE_DP_DEFAULT_TIMEOUT_MS == UDSC_DEFAULT_TIMEOUT_MS, "the client's default timeout");

typedef struct relay {
    uds_info_t info;     /* what the library gets: CNDP's uds_info_t layout (uds_connect.c asserts it) */
    uds_info_t *session; /* the plugin session requests are forwarded over */
    int end;             /* the relay's end of the socket pair; info.sock is the library's */
    int stop[2];         /* a pipe: a byte (or its closing) stops the thread */
    pthread_t thread;
    int *map_fds;        /* map fds handed to the library, kept open until the relay stops */
    int map_count, map_capacity;
} relay_t;

struct cne_dp_sessions {
    udsc_sessions_t *sessions;
    relay_t **relays;
    int count, capacity;
};

/* Sends one reply to the library, with an fd attached when fd >= 0. Never blocks: CNDP never
   reads the replies (it waits for the state), and a full queue only loses those. */
static void
reply(relay_t *r, const char *msg, int fd)
{
    uds_fd_msg_t m;

    uds_fd_msg_init(&m, msg, fd);
    while (sendmsg(r->end, &m.mh, MSG_NOSIGNAL | MSG_DONTWAIT) < 0 && errno == EINTR)
        ;
}

/* Publishes a state for CNDP's waiting loop, after the fields it reads with it. */
static void
set_state(relay_t *r, int state)
{
    __atomic_store_n(&r->info.xsk_uds_state, state, __ATOMIC_RELEASE);
}

static int
keep_map_fd(relay_t *r, int fd)
{
    if (r->map_count == r->map_capacity) {
        int cap     = r->map_capacity ? r->map_capacity * 2 : 4;
        int *bigger = realloc(r->map_fds, (size_t)cap * sizeof(*bigger));

        if (!bigger)
            return -1;
        r->map_fds      = bigger;
        r->map_capacity = cap;
    }
    r->map_fds[r->map_count++] = fd;
    return 0;
}

/* /xsk_map_fd,<ifname>: the map from the plugin, as a reply and as CNDP's state. */
static void
serve_map_fd(relay_t *r, const char *ifname)
{
    int fd = cne_dp_udsc_get_xsk_map_fd(r->session, ifname);

    if (fd >= 0 && keep_map_fd(r, fd) < 0) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        set_state(r, CNDP_UDS_FD_NAK);
        reply(r, "/fd_nak", -1);
        return;
    }
    __atomic_store_n(&r->info.xsk_map_fd, fd, __ATOMIC_RELAXED);
    set_state(r, CNDP_UDS_GOT_FD);
    reply(r, "/fd_ack", fd);
}

/* /config_busy_poll,<timeout>,<budget> with the AF_XDP socket attached. */
static void
serve_busy_poll(relay_t *r, const char *args, int xsk_fd)
{
    int timeout, budget, ok = 0;

    if (xsk_fd >= 0 && sscanf(args, "%d,%d", &timeout, &budget) == 2)
        ok = cne_dp_udsc_config_busy_poll(r->session, xsk_fd, timeout, budget) == 0;
    set_state(r, ok ? CNDP_UDS_BUSY_POLL_ACK : CNDP_UDS_BUSY_POLL_NAK);
    reply(r, ok ? "/config_busy_poll_ack" : "/config_busy_poll_nak", -1);
}

/* Reads one request from the library and answers it. Returns -1 when the library hung up. */
static int
serve_one(relay_t *r)
{
    char buf[UDSC_MAX_MSG + 1], cbuf[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf) - 1};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf)};
    int fd = -1;
    ssize_t n;

    do {
        n = recvmsg(r->end, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
            int f;

            memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            if (fd < 0)
                fd = f;
            else
                close(f);
        }
    }
    if (n == 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    buf[n] = '\0';
    if ((mh.msg_flags & MSG_TRUNC) != 0)
        reply(r, "/error", -1);
    else if (!strncmp(buf, "/xsk_map_fd,", 12))
        serve_map_fd(r, buf + 12);
    else if (!strncmp(buf, "/config_busy_poll,", 18))
        serve_busy_poll(r, buf + 18, fd);
    else
        reply(r, "/error", -1); /* the library asks for nothing else during port setup */
    if (fd >= 0)
        close(fd); /* the plugin got its own copy */
    return 0;
}

static void *
relay_main(void *arg)
{
    relay_t *r = arg;

    for (;;) {
        struct pollfd p[2] = {{.fd = r->end, .events = POLLIN}, {.fd = r->stop[0], .events = POLLIN}};

        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        if ((p[0].revents & POLLIN) && serve_one(r) < 0)
            break;
        if (!(p[0].revents & POLLIN) && (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
            break;
    }
    return NULL;
}

/* Joins the thread, then closes what the relay holds. */
static void
relay_stop(relay_t *r)
{
    char byte = 0;

    while (write(r->stop[1], &byte, 1) < 0 && errno == EINTR)
        ;
    pthread_join(r->thread, NULL);
    close(r->stop[0]);
    close(r->stop[1]);
    close(r->end);
    /* The embedded client closes the library's end itself when a request fails (and sets -1). */
    if (r->info.sock >= 0)
        close(r->info.sock);
    for (int i = 0; i < r->map_count; i++)
        close(r->map_fds[i]);
    free(r->map_fds);
    free(r);
}

static relay_t *
relay_start(uds_info_t *session)
{
    int pair[2];
    relay_t *r = calloc(1, sizeof(*r));
    int err;

    if (!r) {
        errno = ENOMEM;
        return NULL;
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
        err = errno;
        free(r);
        errno = err;
        return NULL;
    }
    if (pipe2(r->stop, O_CLOEXEC) < 0) {
        err = errno;
        close(pair[0]);
        close(pair[1]);
        free(r);
        errno = err;
        return NULL;
    }
    r->session            = session;
    r->end                = pair[1];
    r->info.running       = 1;
    r->info.sock          = pair[0];
    r->info.sun           = session->sun;
    r->info.priv          = NULL; /* CNDP's xskdev writes its own pointer here; the embedded
                                     client reads NULL as the default timeout */
    r->info.xsk_uds_state = CNDP_UDS_HOST_OK;
    r->info.xsk_map_fd    = -1;
    err = pthread_create(&r->thread, NULL, relay_main, r);
    if (err != 0) {
        close(pair[0]);
        close(pair[1]);
        close(r->stop[0]);
        close(r->stop[1]);
        free(r);
        errno = err;
        return NULL;
    }
    return r;
}

cne_dp_sessions_t *
cne_dp_sessions_create(int timeout_ms)
{
    cne_dp_sessions_t *set = calloc(1, sizeof(*set));

    if (!set) {
        errno = ENOMEM;
        return NULL;
    }
    set->sessions = cne_dp_udsc_sessions_create(timeout_ms);
    if (!set->sessions) {
        int err = errno;

        free(set);
        errno = err;
        return NULL;
    }
    return set;
}

void *
cne_dp_sessions_xsk_uds(cne_dp_sessions_t *set, const char *uds_path)
{
    uds_info_t *session;
    relay_t *r;

    if (!set) {
        errno = EINVAL;
        return NULL;
    }
    session = cne_dp_udsc_sessions_get(set->sessions, uds_path);
    if (!session)
        return NULL;
    for (int i = 0; i < set->count; i++)
        if (set->relays[i]->session == session)
            return &set->relays[i]->info;
    if (set->count == set->capacity) {
        int cap          = set->capacity ? set->capacity * 2 : 4;
        relay_t **bigger = realloc(set->relays, (size_t)cap * sizeof(*bigger));

        if (!bigger) {
            errno = ENOMEM;
            return NULL;
        }
        set->relays   = bigger;
        set->capacity = cap;
    }
    r = relay_start(session);
    if (!r)
        return NULL;
    set->relays[set->count++] = r;
    return &r->info;
}

int
cne_dp_sessions_count(const cne_dp_sessions_t *set)
{
    if (!set) {
        errno = EINVAL;
        return -1;
    }
    return cne_dp_udsc_sessions_count(set->sessions);
}

int
cne_dp_sessions_close(cne_dp_sessions_t *set)
{
    int ret;

    if (!set)
        return 0;
    for (int i = set->count - 1; i >= 0; i--)
        relay_stop(set->relays[i]);
    free(set->relays);
    ret = cne_dp_udsc_sessions_close(set->sessions);
    free(set);
    return ret;
}
