/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: one device-plugin message with a descriptor attached (SCM_RIGHTS) or none, laid
 * out for sendmsg. The embedded client (uds_connect.c) and CNE's relay
 * (Sources/CCNEDevicePlugin/relay.c) send the same shape; each chooses its own flags.
 */
#ifndef UDS_FD_MSG_H
#define UDS_FD_MSG_H

#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

/* One message being sent: its header, its one iovec and room for one descriptor. The union
 * aligns the control buffer as a cmsghdr must be. */
typedef struct {
    struct msghdr mh;
    struct iovec iov;
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
} uds_fd_msg_t;

/* Lays out `text` (not copied: it must outlive the send) with `fd` attached when fd >= 0. */
static inline void
uds_fd_msg_init(uds_fd_msg_t *m, const char *text, int fd)
{
    memset(m, 0, sizeof(*m));
    m->iov.iov_base  = (void *)(uintptr_t)text;
    m->iov.iov_len   = strlen(text);
    m->mh.msg_iov    = &m->iov;
    m->mh.msg_iovlen = 1;
    if (fd >= 0) {
        struct cmsghdr *c;

        m->mh.msg_control    = m->control.buf;
        m->mh.msg_controllen = sizeof(m->control.buf);
        c                    = CMSG_FIRSTHDR(&m->mh);
        c->cmsg_level        = SOL_SOCKET;
        c->cmsg_type         = SCM_RIGHTS;
        c->cmsg_len          = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof(int));
    }
}

#endif
