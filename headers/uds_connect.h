/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: client of the AF_XDP device plugin's Unix socket.
 *
 * The Kubernetes AF_XDP device plugin hands an unprivileged pod the XSKMAP of each of
 * its netdevs over a SOCK_SEQPACKET Unix socket (one connection per socket):
 *
 *   /connect,<hostname>                    -> /host_ok | /host_nak | /error
 *   /version                               -> 0.1
 *   /xsk_map_fd,<ifname>                   -> /fd_ack + SCM_RIGHTS(map fd) | /fd_nak
 *   /config_busy_poll,<timeout>,<budget>   -> /config_busy_poll_ack | _nak
 *     + SCM_RIGHTS(xsk fd)
 *   /fin                                   -> /fin_ack
 *
 * This client is synchronous: each call sends one request and waits for its answer with
 * poll(), for at most the handshake's timeout. Unlike CNDP's client it starts no threads,
 * reports timeouts as errno ETIMEDOUT, never unlinks the server's socket path, and
 * udsc_close() frees everything.
 *
 * A request that times out, loses the connection or gets an answer outside the protocol
 * (EPROTO) ends the session: the socket is closed (so a late answer, and any fd it
 * carries, is dropped instead of being taken as the answer to the next request) and every
 * later request fails with ECONNRESET. Refusals (/fd_nak, _nak) leave the session usable.
 */
#ifndef _UDS_CONNECT_H_
#define _UDS_CONNECT_H_

#include <stddef.h>
#include <sys/un.h>

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UDSC_DEFAULT_TIMEOUT_MS 5000 /**< Per-request timeout of udsc_handshake */
#define UDSC_MAX_MSG            64   /**< Largest message, either way */

/** A connection (CNDP layout, 136 bytes). */
typedef struct uds_info {
    volatile int running;   /**< 1 while connected */
    int sock;               /**< The connected socket */
    struct sockaddr_un sun; /**< Server address */
    void *priv;             /**< Client state (timeout); not for applications */
    int xsk_uds_state;      /**< Last protocol state reached (UDSC_STATE_*) */
    int xsk_map_fd;         /**< Last map fd received (owned by the caller of
                                 udsc_get_xsk_map_fd), or -1 */
} uds_info_t;

/** Protocol states, in order. */
enum {
    UDSC_STATE_NONE = 0,
    UDSC_STATE_CONNECTED, /**< Socket connected */
    UDSC_STATE_HOST_OK,   /**< /host_ok received */
    UDSC_STATE_FD_ACK,    /**< A map fd received */
    UDSC_STATE_FIN,       /**< /fin_ack received */
};

/**
 * Connects to the plugin's socket and introduces this host (gethostname()).
 *
 * connect() is bounded by the timeout too (SO_SNDTIMEO, also kept for every send): a
 * server whose backlog is full, or that never reads, gives ETIMEDOUT instead of blocking.
 *
 * @return the connection, or NULL with errno: EINVAL (bad path), the connect() error
 *   (ENOENT, ECONNREFUSED...), EACCES (/host_nak or /error), ETIMEDOUT (not accepted, or
 *   no answer, within UDSC_DEFAULT_TIMEOUT_MS), ECONNRESET (server closed), EPROTO
 *   (unexpected answer).
 */
CNDP_API uds_info_t *udsc_handshake(const char *uds_name);

/** Like udsc_handshake with a per-request timeout in milliseconds (> 0). */
CNDP_API uds_info_t *udsc_handshake_timeout(const char *uds_name, int timeout_ms);

/**
 * Asks for the XSKMAP of `ifname`.
 *
 * @return a new file descriptor the caller owns, or -1 with errno: ENOENT (/fd_nak),
 *   EPROTO (no fd or unexpected answer), ETIMEDOUT, ECONNRESET, EINVAL. EPROTO, ETIMEDOUT
 *   and ECONNRESET end the session (see above).
 */
CNDP_API int udsc_get_xsk_map_fd(uds_info_t *info, const char *ifname);

/**
 * Asks the plugin to configure busy polling on the AF_XDP socket `xsk_fd`.
 *
 * @return 0, or -1 with errno: EPERM (_nak), EPROTO, ETIMEDOUT, ECONNRESET, EINVAL.
 *   EPROTO, ETIMEDOUT and ECONNRESET end the session.
 */
CNDP_API int udsc_config_busy_poll(uds_info_t *info, int xsk_fd, int timeout, int budget);

/**
 * Asks for the protocol version into buf. @return 0, or -1 with errno as above (ERANGE:
 * buf too small; the session stays usable).
 */
CNDP_API int udsc_version(uds_info_t *info, char *buf, size_t len);

/**
 * Says /fin (waiting for /fin_ack at most the timeout), closes the socket and frees info.
 * NULL is ignored. The server's socket file is left alone.
 *
 * @return 0, or -1 with errno when the goodbye failed, ECONNRESET when the session had
 *   already ended (info is freed all the same).
 */
CNDP_API int udsc_close(uds_info_t *info);

#ifdef __cplusplus
}
#endif

#endif /* _UDS_CONNECT_H_ */
