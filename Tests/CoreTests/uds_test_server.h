/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp tests: the AF_XDP device plugin's side of the UDS protocol, well or badly, on a
 * thread; used by the core's UDS tests and by the fake-device-plugin tool of the CNE tests.
 */
#ifndef _UDS_TEST_SERVER_H_
#define _UDS_TEST_SERVER_H_

#include <pthread.h>

/*
 * SRV_LATE answers /xsk_map_fd (with map_fd) only SRV_LATE_MS after the request, later
 * than a client with a shorter timeout waits; everything else on time.
 */
typedef enum {
    SRV_OK,
    SRV_HOST_NAK,
    SRV_GARBAGE,
    SRV_CLOSE,
    SRV_SILENT,
    SRV_FD_NAK,
    SRV_LATE
} srv_mode_t;

#define SRV_LATE_MS 400
#define SRV_MAX_DEVS 8

/* One netdev the server knows, and the XSKMAP it hands out for it (the plugin's AddDevice). */
typedef struct srv_dev {
    char name[32];
    int map_fd;
} srv_dev_t;

typedef struct server {
    char path[108];
    int lfd;
    srv_mode_t mode;
    srv_dev_t devs[SRV_MAX_DEVS]; /* the netdevs of its pool */
    int ndevs;
    int timeout_ms;       /* for the connection and for each message; 0 means 3000 */
    /*
     * Set before srv_start_pool: the pod name /connect must carry (else /host_nak), and
     * whether to clean up as the plugin does when its session ends (listener closed and
     * socket file removed on any exit: /fin, hang-up, listener or read timeout).
     */
    char pod[64];
    int plugin_cleanup;
    pthread_t tid;
    /* Results, read after join. */
    int got_busy_poll_fd; /* 1 when /config_busy_poll came with an fd */
    int busy_poll_fds;    /* how many did */
    int got_fin;
    int connected;        /* a connection was accepted */
    int fds_sent;         /* /fd_ack answers (one per XSKMAP handed out) */
    int timed_out;        /* the session ended on a listener or read timeout */
    char busy_args[128];
} server_t;

/**
 * Listens on `path` (NULL: a fresh /tmp path) and serves one connection on a thread.
 * @return 0, or -1.
 */
int srv_start_at(server_t *s, const char *path, srv_mode_t mode, int map_fd, const char *ifname,
                 int timeout_ms);

/**
 * Serves one connection for a pool of netdevs, as the plugin's UDS server does for one
 * Allocate: s->devs, s->ndevs, s->pod and s->plugin_cleanup are read from *s; path NULL means
 * a fresh /tmp path. @return 0, or -1.
 */
int srv_start_pool(server_t *s, const char *path, srv_mode_t mode, int timeout_ms);

/** srv_start_at with a fresh path and the default timeout. */
int srv_start(server_t *s, srv_mode_t mode, int map_fd, const char *ifname);

/** Joins the server thread, closes and unlinks its socket (unless the server already did). */
void srv_stop(server_t *s);

/** Loads an XDP program that redirects every frame to the XSKMAP slot of its RX queue. */
int load_redirect_prog(int map_fd);

#endif /* _UDS_TEST_SERVER_H_ */
