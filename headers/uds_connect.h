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
 * Several devices per pod (the plugin since its multi-device change): each netdev of the pod
 * has its socket at /tmp/afxdp_dp/<netdev>/afxdp.sock (udsc_sock_path), or, in the plugin's
 * pinned-map mode, its XSKMAP pinned at /tmp/afxdp_dp/<netdev>/xsks_map (udsc_pin_path). The
 * plugin starts one server per Allocate, that is per pool: the netdevs a pod has from one
 * pool share one socket, mounted at each netdev's path, which serves ONE connection for all
 * of them; netdevs from different pools have different sockets. udsc_sessions_get() therefore
 * opens one session per socket, recognising the same socket under two paths by its inode.
 *
 * The plugin's timeouts (its udsTimeout, 30 s by default, 300 s at most): its listener
 * gives up when no pod connects in time, and its server hangs up when a request does not
 * come within that time of the previous one; either way it removes its socket. A pod that
 * connects late gets ECONNREFUSED (its mount of the socket file stays) or ENOENT; a session
 * kept idle longer than that is gone, and its /fin fails with ECONNRESET. So a client asks
 * for everything at start-up and says /fin as soon as its sockets are set up.
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

/** The plugin's directory in the pod (its udsPodPath and bpfMapPodPath). */
#define UDSC_POD_DIR "/tmp/afxdp_dp"
/** The socket's name in a netdev's directory (the plugin's udsPodSock). */
#define UDSC_SOCK_NAME "afxdp.sock"
/** The pinned XSKMAP's name in a netdev's directory (the plugin's Bpf.Xsk_map). */
#define UDSC_XSK_MAP_NAME "xsks_map"
/** The plugin's udsTimeout in seconds: its default (and least), and its most. */
#define UDSC_PLUGIN_TIMEOUT_S     30
#define UDSC_PLUGIN_MAX_TIMEOUT_S 300

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

/**
 * Writes "<dir>/<netdev>/afxdp.sock", the socket of `netdev` in the pod; dir NULL means
 * UDSC_POD_DIR.
 *
 * @return 0, or -1 with errno EINVAL (netdev empty, or with '/' or ','; buf NULL) or
 *   ENAMETOOLONG (longer than len - 1, or than a Unix socket path can be).
 */
CNDP_API int udsc_sock_path(char *buf, size_t len, const char *dir, const char *netdev);

/** Writes "<dir>/<netdev>/xsks_map", the pinned XSKMAP of `netdev`; as udsc_sock_path. */
CNDP_API int udsc_pin_path(char *buf, size_t len, const char *dir, const char *netdev);

/**
 * The sessions of one process with the plugin's sockets: one per socket, however many
 * netdev paths lead to it. For setting up ports from one thread; not thread-safe.
 */
typedef struct udsc_sessions udsc_sessions_t;

/** Makes an empty set whose handshakes use `timeout_ms` (> 0). NULL with errno EINVAL/ENOMEM. */
CNDP_API udsc_sessions_t *udsc_sessions_create(int timeout_ms);

/**
 * The session for the socket at `uds_path`: the one already open when an earlier path led
 * to the same socket (same device and inode, as the plugin's mounts of one socket at each
 * netdev's path are), else a new handshake. The set owns the session: do not udsc_close it.
 *
 * @return the session, or NULL with errno: the stat() error (ENOENT...), ENOTSOCK (not a
 *   socket), or udsc_handshake's.
 */
CNDP_API uds_info_t *udsc_sessions_get(udsc_sessions_t *set, const char *uds_path);

/** How many sessions the set holds (sockets it shook hands with). -1 with EINVAL for NULL. */
CNDP_API int udsc_sessions_count(const udsc_sessions_t *set);

/**
 * Ends every session with /fin (udsc_close), newest first, and frees the set. NULL is ignored.
 *
 * @return 0, or -1 with the errno of the first goodbye that failed (every session is closed
 *   and freed all the same).
 */
CNDP_API int udsc_sessions_close(udsc_sessions_t *set);

#ifdef __cplusplus
}
#endif

#endif /* _UDS_CONNECT_H_ */
