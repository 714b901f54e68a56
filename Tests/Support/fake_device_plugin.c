/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp tests: a stand-in for the Kubernetes AF_XDP device plugin, for the CNE tests.
 *
 * Usage:
 *   fake-device-plugin [--timeout MS] [--pod NAME] [--uid UID] [--pin] --dir DIR POOL=IF[,IF...]...
 *   fake-device-plugin IFNAME SOCKET_PATH [TIMEOUT_MS]     (one device, its socket at SOCKET_PATH)
 *
 * Like the real plugin (redhat-et/afxdp-plugins-for-kubernetes since its multi-device change)
 * it owns the XDP side: for every device it makes an XSKMAP and attaches (SKB mode) a program
 * redirecting each RX queue to its slot of that map (BpfHandler.LoadBpfSendXskMap). DIR plays
 * the pod's /tmp/afxdp_dp:
 *
 * - UDS mode (default): one server per pool, as the plugin makes one per Allocate, listening
 *   on DIR/.host/afxdp_<POOL>/<pid>.sock and "mounted" at DIR/<IF>/afxdp.sock for each device
 *   of the pool (a hard link: same inode as kubelet's bind mount, and it stays when the
 *   plugin removes its file). Each server hands out its pool's maps on /xsk_map_fd and
 *   serves one session, ended by /fin, a hang-up, or TIMEOUT_MS (default 10000) without a
 *   connection or a request (the plugin's udsTimeout); then it removes its socket and prints
 *   one JSON line: {"pool": P, "fin": 0|1, "busy_poll_fd": 0|1, "fds": N, "timed_out": 0|1}.
 * - Pinned-map mode (--pin; the plugin's bpfMapPinningEnable with udsServerDisable): a bpffs
 *   mounted at DIR/<IF>/ with the device's map pinned as xsks_map; no server.
 *
 * --pod NAME: /connect must name this pod (else /host_nak), as the plugin checks the pod
 * against kubelet. --uid UID: the sockets, pins and directories are given to UID (the plugin
 * gives the pool's uid access with setfacl). It prints "ready" once everything is in place,
 * and keeps its programs attached until its standard input closes (at most 30 s after the
 * sessions end), then detaches them, removes what it made and exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include "../CoreTests/uds_test_server.h"

#define MAX_POOLS 4

typedef struct device {
    char name[IF_NAMESIZE];
    unsigned int ifindex;
    int map_fd, prog_fd;
    char link[256]; /* DIR/<IF>/afxdp.sock, or the bpffs mount DIR/<IF> */
    char pin[256];
    int attached, mounted;
} device_t;

typedef struct pool {
    char name[32];
    device_t devs[SRV_MAX_DEVS];
    int ndevs;
    server_t srv;
    int serving;
    char host_dir[300];
} pool_t;

static pool_t pools[MAX_POOLS];
static int npools;

static int
usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s [--timeout MS] [--pod NAME] [--uid UID] [--pin] --dir DIR POOL=IF[,IF...]...\n"
            "       %s IFNAME SOCKET_PATH [TIMEOUT_MS]\n",
            prog, prog);
    return 2;
}

/* Parses POOL=IF[,IF...] into the next pool. */
static int
add_pool(const char *arg)
{
    const char *eq = strchr(arg, '=');
    pool_t *p;
    char list[256], *save = NULL;

    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(p->name) || npools == MAX_POOLS)
        return -1;
    p = &pools[npools++];
    memcpy(p->name, arg, (size_t)(eq - arg));
    snprintf(list, sizeof(list), "%s", eq + 1);
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (p->ndevs == SRV_MAX_DEVS || strlen(t) >= IF_NAMESIZE)
            return -1;
        snprintf(p->devs[p->ndevs++].name, IF_NAMESIZE, "%s", t);
    }
    return p->ndevs ? 0 : -1;
}

/* The plugin's LoadBpfSendXskMap: a 64-entry XSKMAP and the redirect program, attached. */
static int
load_device(device_t *d)
{
    d->map_fd = d->prog_fd = -1;
    d->ifindex = if_nametoindex(d->name);
    if (d->ifindex == 0) {
        fprintf(stderr, "fake-device-plugin: no interface %s\n", d->name);
        return -1;
    }
    d->map_fd  = bpf_map_create(BPF_MAP_TYPE_XSKMAP, "xsks_map", 4, 4, 64, NULL);
    d->prog_fd = d->map_fd >= 0 ? load_redirect_prog(d->map_fd) : -1;
    if (d->prog_fd < 0 || bpf_xdp_attach((int)d->ifindex, d->prog_fd, XDP_FLAGS_SKB_MODE, NULL) < 0) {
        fprintf(stderr, "fake-device-plugin: XDP program on %s: %s\n", d->name, strerror(errno));
        return -1;
    }
    d->attached = 1;
    return 0;
}

static void
give(const char *path, long uid)
{
    if (uid >= 0 && chown(path, (uid_t)uid, (gid_t)-1) < 0)
        fprintf(stderr, "fake-device-plugin: chown %s: %s\n", path, strerror(errno));
}

/* Pinned-map mode: a bpffs at DIR/<IF> holding the map as xsks_map (CreateBPFFS, LoadBpfPinXskMap). */
static int
pin_device(device_t *d, const char *dir, long uid)
{
    snprintf(d->link, sizeof(d->link), "%s/%s", dir, d->name);
    snprintf(d->pin, sizeof(d->pin), "%s/xsks_map", d->link);
    if ((mkdir(d->link, 0755) < 0 && errno != EEXIST) ||
        mount("bpf", d->link, "bpf", 0, "mode=0755") < 0) {
        fprintf(stderr, "fake-device-plugin: bpffs at %s: %s\n", d->link, strerror(errno));
        return -1;
    }
    d->mounted = 1;
    if (bpf_obj_pin(d->map_fd, d->pin) < 0) {
        fprintf(stderr, "fake-device-plugin: pin %s: %s\n", d->pin, strerror(errno));
        return -1;
    }
    give(d->pin, uid);
    return 0;
}

/* UDS mode: the pool's server, its socket linked at DIR/<IF>/afxdp.sock for each device. */
static int
serve_pool(pool_t *p, const char *dir, const char *pod, int timeout_ms, long uid)
{
    char path[400], host[200];

    snprintf(host, sizeof(host), "%s/.host", dir);
    snprintf(p->host_dir, sizeof(p->host_dir), "%s/afxdp_%s", host, p->name);
    snprintf(path, sizeof(path), "%s/%d.sock", p->host_dir, (int)getpid());
    if ((mkdir(host, 0700) < 0 && errno != EEXIST) ||
        (mkdir(p->host_dir, 0700) < 0 && errno != EEXIST))
        return -1;
    memset(&p->srv, 0, sizeof(p->srv));
    for (int i = 0; i < p->ndevs; i++) {
        snprintf(p->srv.devs[i].name, sizeof(p->srv.devs[i].name), "%s", p->devs[i].name);
        p->srv.devs[i].map_fd = p->devs[i].map_fd;
    }
    p->srv.ndevs          = p->ndevs;
    p->srv.plugin_cleanup = 1;
    snprintf(p->srv.pod, sizeof(p->srv.pod), "%s", pod ? pod : "");
    if (srv_start_pool(&p->srv, path, SRV_OK, timeout_ms) != 0) {
        fprintf(stderr, "fake-device-plugin: cannot listen on %s: %s\n", path, strerror(errno));
        return -1;
    }
    p->serving = 1;
    give(path, uid);
    for (int i = 0; i < p->ndevs; i++) {
        device_t *d = &p->devs[i];
        char ddir[200];

        snprintf(ddir, sizeof(ddir), "%s/%s", dir, d->name);
        snprintf(d->link, sizeof(d->link), "%s/afxdp.sock", ddir);
        if ((mkdir(ddir, 0755) < 0 && errno != EEXIST) || link(path, d->link) < 0) {
            fprintf(stderr, "fake-device-plugin: %s: %s\n", d->link, strerror(errno));
            return -1;
        }
        give(ddir, uid);
    }
    return 0;
}

static void
cleanup(const char *dir)
{
    char host[256];

    for (int i = 0; i < npools; i++) {
        pool_t *p = &pools[i];

        if (p->serving)
            srv_stop(&p->srv);
        p->serving = 0;
        for (int j = 0; j < p->ndevs; j++) {
            device_t *d = &p->devs[j];

            if (d->attached)
                bpf_xdp_detach((int)d->ifindex, XDP_FLAGS_SKB_MODE, NULL);
            if (d->mounted) {
                unlink(d->pin);
                umount2(d->link, MNT_DETACH);
                rmdir(d->link);
            } else if (d->link[0]) {
                unlink(d->link);
                *strrchr(d->link, '/') = '\0';
                rmdir(d->link);
            }
            if (d->prog_fd >= 0)
                close(d->prog_fd);
            if (d->map_fd >= 0)
                close(d->map_fd);
        }
        if (p->host_dir[0])
            rmdir(p->host_dir);
    }
    if (dir) {
        snprintf(host, sizeof(host), "%s/.host", dir);
        rmdir(host);
    }
}

static void
wait_for_stdin_close(void)
{
    char c;

    /* Like a real plugin, the programs outlive the sessions: until told to go. */
    alarm(30);
    while (read(STDIN_FILENO, &c, 1) > 0)
        ;
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = {{"timeout", required_argument, NULL, 't'},
                                         {"pod", required_argument, NULL, 'p'},
                                         {"uid", required_argument, NULL, 'u'},
                                         {"pin", no_argument, NULL, 'P'},
                                         {"dir", required_argument, NULL, 'd'},
                                         {NULL, 0, NULL, 0}};
    const char *dir = NULL, *pod = NULL, *single_path = NULL;
    int timeout_ms = 10000, pin = 0, c, failed = 0;
    long uid = -1;

    if (argc >= 3 && argv[1][0] != '-') {
        /* The one-device form: IFNAME SOCKET_PATH [TIMEOUT_MS]. */
        if (add_pool("pool=x") != 0)
            return 2;
        snprintf(pools[0].devs[0].name, IF_NAMESIZE, "%s", argv[1]);
        single_path = argv[2];
        if (argc > 3)
            timeout_ms = atoi(argv[3]);
    } else {
        while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
            switch (c) {
            case 't': timeout_ms = atoi(optarg); break;
            case 'p': pod = optarg; break;
            case 'u': uid = atol(optarg); break;
            case 'P': pin = 1; break;
            case 'd': dir = optarg; break;
            default: return usage(argv[0]);
            }
        }
        if (!dir || optind == argc)
            return usage(argv[0]);
        for (int i = optind; i < argc; i++)
            if (add_pool(argv[i]) != 0)
                return usage(argv[0]);
        if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
            fprintf(stderr, "fake-device-plugin: %s: %s\n", dir, strerror(errno));
            return 1;
        }
        give(dir, uid);
    }
    if (timeout_ms <= 0)
        return usage(argv[0]);

    for (int i = 0; i < npools && !failed; i++)
        for (int j = 0; j < pools[i].ndevs && !failed; j++)
            failed = load_device(&pools[i].devs[j]) != 0 ||
                     (pin && pin_device(&pools[i].devs[j], dir, uid) != 0);
    if (!failed && single_path) {
        pool_t *p = &pools[0];

        p->srv.devs[0].map_fd = p->devs[0].map_fd;
        snprintf(p->srv.devs[0].name, sizeof(p->srv.devs[0].name), "%s", p->devs[0].name);
        p->srv.ndevs          = 1;
        p->srv.plugin_cleanup = 1;
        failed = srv_start_pool(&p->srv, single_path, SRV_OK, timeout_ms) != 0;
        p->serving = !failed;
        if (failed)
            fprintf(stderr, "fake-device-plugin: cannot listen on %s: %s\n", single_path,
                    strerror(errno));
    } else if (!failed && !pin) {
        for (int i = 0; i < npools && !failed; i++)
            failed = serve_pool(&pools[i], dir, pod, timeout_ms, uid) != 0;
    }
    if (failed) {
        cleanup(dir);
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    for (int i = 0; i < npools; i++) {
        pool_t *p = &pools[i];

        if (!p->serving)
            continue;
        srv_stop(&p->srv);
        p->serving = 0;
        printf("{\"pool\": \"%s\", \"fin\": %d, \"busy_poll_fd\": %d, \"fds\": %d, \"timed_out\": %d}\n",
               p->name, p->srv.got_fin, p->srv.got_busy_poll_fd, p->srv.fds_sent, p->srv.timed_out);
        fflush(stdout);
    }
    wait_for_stdin_close();
    cleanup(dir);
    return 0;
}
