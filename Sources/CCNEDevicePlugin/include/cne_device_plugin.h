/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: CNE's sessions with the AF_XDP device plugin, the same on the embedded core and
 * on a system CNDP.
 *
 * The client is the embedded core's synchronous one (Sources/CNDPCore/uds_connect.c, compiled
 * here under other names): no thread of its own, one session per plugin socket however many
 * netdev paths lead to it, every request bounded by the timeout.
 *
 * The library still asks for each lport's XSKMAP (and for busy polling) itself, through the
 * uds_info_t in lport_cfg_t.xsk_uds, and the two libraries ask differently: the embedded core
 * sends a request on uds_info_t.sock and reads the answer from it; CNDP's xskdev sends the
 * request and then waits, sleeping a second at a time, for its UDS client's thread to set
 * uds_info_t.xsk_uds_state (and xsk_map_fd). So CNE hands the library a relay: a uds_info_t
 * whose socket is one end of a socket pair, served by a thread that forwards each request over
 * the real session and answers in both ways: the reply on the socket, and the state CNDP's
 * uds.h names (UDS_GOT_FD, UDS_FD_NAK, UDS_BUSY_POLL_ACK/NAK). The relay's thread and the
 * socket pair end in cne_dp_sessions_close(), which joins the thread before anything is freed.
 */
#ifndef CNE_DEVICE_PLUGIN_H
#define CNE_DEVICE_PLUGIN_H

#ifdef __cplusplus
extern "C" {
#endif

/** Per-request timeout CNE uses with the plugin, in milliseconds (the client's default). */
#define CNE_DP_DEFAULT_TIMEOUT_MS 5000

/** The sessions of one instance with the plugin's sockets, and their relays. One thread. */
typedef struct cne_dp_sessions cne_dp_sessions_t;

/** An empty set whose handshakes and requests wait at most `timeout_ms` (> 0); NULL with errno. */
cne_dp_sessions_t *cne_dp_sessions_create(int timeout_ms);

/**
 * What to put in lport_cfg_t.xsk_uds for an lport whose plugin socket is `uds_path`: the relay
 * of the session with that socket, made (handshake, relay thread) on the first path that leads
 * to it. Valid until cne_dp_sessions_close().
 *
 * @return the relay's uds_info_t, or NULL with errno: the stat() error (ENOENT...), ENOTSOCK,
 *   the handshake's (ECONNREFUSED, EACCES, ETIMEDOUT, ECONNRESET, EPROTO), or a socket pair's
 *   or thread's.
 */
void *cne_dp_sessions_xsk_uds(cne_dp_sessions_t *set, const char *uds_path);

/** How many sessions the set holds; -1 with EINVAL for NULL. */
int cne_dp_sessions_count(const cne_dp_sessions_t *set);

/**
 * Stops every relay (joining its thread, closing the map fds it handed out), then ends every
 * session with /fin and frees the set. NULL is ignored.
 *
 * @return 0, or -1 with the errno of the first goodbye that failed (all is freed all the same).
 */
int cne_dp_sessions_close(cne_dp_sessions_t *set);

#ifdef __cplusplus
}
#endif

#endif /* CNE_DEVICE_PLUGIN_H */
