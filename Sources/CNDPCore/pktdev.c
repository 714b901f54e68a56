/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the pktdev port registry and control API.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <cne_lport.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <pktdev_driver.h>

/* The layouts applications and inline code depend on (x86-64 / LP64). */
_Static_assert(sizeof(lport_buf_mgmt_t) == 128, "lport_buf_mgmt_t is 128 bytes");
_Static_assert(sizeof(lport_cfg_t) == 304, "lport_cfg_t is 304 bytes");
_Static_assert(offsetof(lport_cfg_t, ifname) == 32, "lport_cfg_t.ifname");
_Static_assert(offsetof(lport_cfg_t, pmd_name) == 64, "lport_cfg_t.pmd_name");
_Static_assert(offsetof(lport_cfg_t, flags) == 96, "lport_cfg_t.flags");
_Static_assert(offsetof(lport_cfg_t, qid) == 98, "lport_cfg_t.qid");
_Static_assert(offsetof(lport_cfg_t, bufcnt) == 100, "lport_cfg_t.bufcnt");
_Static_assert(offsetof(lport_cfg_t, bufsz) == 104, "lport_cfg_t.bufsz");
_Static_assert(offsetof(lport_cfg_t, rx_nb_desc) == 108, "lport_cfg_t.rx_nb_desc");
_Static_assert(offsetof(lport_cfg_t, tx_nb_desc) == 112, "lport_cfg_t.tx_nb_desc");
_Static_assert(offsetof(lport_cfg_t, busy_budget) == 118, "lport_cfg_t.busy_budget");
_Static_assert(offsetof(lport_cfg_t, umem_addr) == 128, "lport_cfg_t.umem_addr");
_Static_assert(offsetof(lport_cfg_t, pmd_opts) == 136, "lport_cfg_t.pmd_opts");
_Static_assert(offsetof(lport_cfg_t, pi) == 152, "lport_cfg_t.pi");
_Static_assert(offsetof(lport_cfg_t, xsk_uds) == 160, "lport_cfg_t.xsk_uds");
_Static_assert(offsetof(lport_buf_mgmt_t, frame_size) == 112, "lport_buf_mgmt_t.frame_size");
_Static_assert(offsetof(lport_cfg_t, busy_timeout) == 116, "lport_cfg_t.busy_timeout");
_Static_assert(offsetof(lport_cfg_t, addr) == 120, "lport_cfg_t.addr");
_Static_assert(offsetof(lport_cfg_t, umem_size) == 144, "lport_cfg_t.umem_size");
_Static_assert(offsetof(lport_cfg_t, xsk_map_path) == 168, "lport_cfg_t.xsk_map_path");
_Static_assert(offsetof(lport_cfg_t, buf_mgmt) == 176, "lport_cfg_t.buf_mgmt");
_Static_assert(sizeof(lport_stats_t) == 248, "lport_stats_t is 248 bytes");
_Static_assert(offsetof(lport_stats_t, rx_ring_full) == 128, "lport_stats_t.rx_ring_full");
_Static_assert(offsetof(lport_stats_t, cq_buf_freed) == 240, "lport_stats_t.cq_buf_freed");

struct cne_pktdev pktdev_devices[CNE_MAX_ETHPORTS];
static struct pktdev_data port_data[CNE_MAX_ETHPORTS];

static TAILQ_HEAD(, pktdev_driver) drivers = TAILQ_HEAD_INITIALIZER(drivers);
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

CNE_INIT_PRIO(pktdev_table_init, INIT)
{
    for (int i = 0; i < CNE_MAX_ETHPORTS; i++) {
        pktdev_devices[i].data = &port_data[i];
        port_data[i].lport_id  = (uint16_t)i;
    }
}

static int
fail(int err)
{
    errno = err;
    return -err;
}

void
pktdev_register(struct pktdev_driver *driver)
{
    if (!driver || !driver->name)
        return;
    pthread_mutex_lock(&registry_lock);
    TAILQ_INSERT_TAIL(&drivers, driver, next);
    pthread_mutex_unlock(&registry_lock);
}

struct pktdev_driver *
pktdev_driver_find(const char *name)
{
    struct pktdev_driver *d, *found = NULL;

    if (!name)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    TAILQ_FOREACH(d, &drivers, next)
    {
        if (!strcmp(d->name, name)) {
            found = d;
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return found;
}

/* Caller holds registry_lock. */
static struct cne_pktdev *
find_by_name_locked(const char *name)
{
    for (int i = 0; i < CNE_MAX_ETHPORTS; i++)
        if (pktdev_devices[i].state == PKTDEV_ACTIVE && !strcmp(port_data[i].name, name))
            return &pktdev_devices[i];
    return NULL;
}

static bool
name_ok(const char *name)
{
    return name && name[0] && strnlen(name, PKTDEV_NAME_MAX_LEN) < PKTDEV_NAME_MAX_LEN;
}

struct cne_pktdev *
pktdev_allocated(const char *name)
{
    struct cne_pktdev *dev;

    if (!name_ok(name))
        return NULL;
    pthread_mutex_lock(&registry_lock);
    dev = find_by_name_locked(name);
    pthread_mutex_unlock(&registry_lock);
    return dev;
}

struct cne_pktdev *
pktdev_allocate(const char *name, const char *ifname)
{
    struct cne_pktdev *dev = NULL;
    int err                = ENOSPC;

    if (!name_ok(name) || (ifname && strnlen(ifname, PKTDEV_NAME_MAX_LEN) >= PKTDEV_NAME_MAX_LEN)) {
        errno = EINVAL;
        return NULL;
    }
    pthread_mutex_lock(&registry_lock);
    if (find_by_name_locked(name))
        err = EEXIST;
    else {
        for (int i = 0; i < CNE_MAX_ETHPORTS; i++) {
            if (pktdev_devices[i].state == PKTDEV_UNUSED) {
                dev = &pktdev_devices[i];
                break;
            }
        }
    }
    if (dev) {
        struct pktdev_data *d = &port_data[dev - pktdev_devices];

        memset(d, 0, sizeof(*d));
        d->lport_id = (uint16_t)(dev - pktdev_devices);
        memcpy(d->name, name, strlen(name) + 1);
        if (ifname)
            memcpy(d->ifname, ifname, strlen(ifname) + 1);
        dev->data  = d;
        dev->state = PKTDEV_ACTIVE;
    }
    pthread_mutex_unlock(&registry_lock);
    if (!dev)
        errno = err;
    return dev;
}

void
pktdev_release_port(struct cne_pktdev *dev)
{
    struct pktdev_data *d;
    uint16_t id;

    if (!dev || dev < pktdev_devices || dev >= pktdev_devices + CNE_MAX_ETHPORTS)
        return;
    id = (uint16_t)(dev - pktdev_devices);
    d  = &port_data[id];
    pthread_mutex_lock(&registry_lock);
    __atomic_store_n(&d->admin_state, false, __ATOMIC_RELEASE);
    dev->rx_pkt_burst   = NULL;
    dev->tx_pkt_burst   = NULL;
    dev->tx_pkt_prepare = NULL;
    dev->drv            = NULL;
    dev->dev_ops        = NULL;
    dev->process_private = NULL;
    memset(d, 0, sizeof(*d));
    d->lport_id = id;
    dev->data   = d;
    dev->state  = PKTDEV_UNUSED;
    pthread_mutex_unlock(&registry_lock);
}

static struct cne_pktdev *
active(uint16_t lport_id)
{
    if (lport_id >= CNE_MAX_ETHPORTS || pktdev_devices[lport_id].state != PKTDEV_ACTIVE)
        return NULL;
    return &pktdev_devices[lport_id];
}

int
pktdev_port_setup(lport_cfg_t *cfg)
{
    struct pktdev_driver *drv;
    int id;

    if (!cfg || !name_ok(cfg->name) ||
        strnlen(cfg->ifname, LPORT_NAME_LEN) >= LPORT_NAME_LEN ||
        strnlen(cfg->pmd_name, LPORT_NAME_LEN) >= LPORT_NAME_LEN) {
        errno = EINVAL;
        return -1;
    }
    drv = pktdev_driver_find(cfg->pmd_name);
    if (!drv) {
        errno = ENODEV;
        return -1;
    }
    if (pktdev_allocated(cfg->name)) { /* early, clear answer; pktdev_allocate re-checks */
        errno = EEXIST;
        return -1;
    }
    id = drv->probe(cfg);
    if (id < 0 || id >= CNE_MAX_ETHPORTS) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    pktdev_devices[id].drv = drv;
    __atomic_store_n(&pktdev_devices[id].data->admin_state, true, __ATOMIC_RELEASE);
    return id;
}

uint16_t
pktdev_port_count(void)
{
    uint16_t n = 0;

    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < CNE_MAX_ETHPORTS; i++)
        n += pktdev_devices[i].state == PKTDEV_ACTIVE;
    pthread_mutex_unlock(&registry_lock);
    return n;
}

int
pktdev_admin_state_set(uint16_t lport_id, bool state)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev)
        return fail(EINVAL);
    if (dev->dev_ops) {
        if (state && dev->dev_ops->admin_state_up && dev->dev_ops->admin_state_up(dev) < 0)
            return fail(EIO);
        if (!state && dev->dev_ops->admin_state_down)
            dev->dev_ops->admin_state_down(dev);
    }
    __atomic_store_n(&dev->data->admin_state, state, __ATOMIC_RELEASE);
    return 0;
}

int
pktdev_start(uint16_t lport_id)
{
    return pktdev_admin_state_set(lport_id, true);
}

int
pktdev_stop(uint16_t lport_id)
{
    return pktdev_admin_state_set(lport_id, false);
}

bool
pktdev_admin_state(uint16_t lport_id)
{
    return __pktdev_usable(lport_id);
}

int
pktdev_close(uint16_t lport_id)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev)
        return fail(EINVAL);
    __atomic_store_n(&dev->data->admin_state, false, __ATOMIC_RELEASE);
    if (dev->dev_ops && dev->dev_ops->dev_close)
        dev->dev_ops->dev_close(dev);
    pktdev_release_port(dev);
    return 0;
}

/*
 * Closes in reverse id order, so that the lport created first (with a shared umem, the
 * one whose socket carries the umem) goes last.
 */
int
pktdev_close_all(void)
{
    for (int i = CNE_MAX_ETHPORTS - 1; i >= 0; i--) {
        if (active((uint16_t)i))
            pktdev_close((uint16_t)i);
    }
    return 0;
}

int
pktdev_stats_get(uint16_t lport_id, lport_stats_t *stats)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev || !stats)
        return fail(EINVAL);
    memset(stats, 0, sizeof(*stats));
    if (!dev->dev_ops || !dev->dev_ops->stats_get)
        return fail(ENOTSUP);
    return dev->dev_ops->stats_get(dev, stats);
}

int
pktdev_stats_reset(uint16_t lport_id)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev)
        return fail(EINVAL);
    if (!dev->dev_ops || !dev->dev_ops->stats_reset)
        return fail(ENOTSUP);
    return dev->dev_ops->stats_reset(dev);
}

int
pktdev_macaddr_get(uint16_t lport_id, struct ether_addr *mac_addr)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev || !mac_addr)
        return fail(EINVAL);
    if (!dev->data->mac_addr)
        return fail(ENOTSUP);
    *mac_addr = *dev->data->mac_addr;
    return 0;
}

int
pktdev_info_get(uint16_t lport_id, struct pktdev_info *info)
{
    struct cne_pktdev *dev = active(lport_id);

    if (!dev || !info)
        return fail(EINVAL);
    memset(info, 0, sizeof(*info));
    info->rx_fd = info->tx_fd = -1;
    info->driver_name = dev->drv ? dev->drv->name : NULL;
    info->admin_state = __atomic_load_n(&dev->data->admin_state, __ATOMIC_ACQUIRE);
    info->min_rx_bufsize = dev->data->min_rx_buf_size;
    if (dev->dev_ops && dev->dev_ops->dev_infos_get)
        return dev->dev_ops->dev_infos_get(dev, info);
    return 0;
}

int
pktdev_buf_alloc(int lport_id, pktmbuf_t **bufs, uint16_t nb_bufs)
{
    struct cne_pktdev *dev;

    if (lport_id < 0 || !(dev = active((uint16_t)lport_id)) || !bufs)
        return fail(EINVAL);
    if (!dev->dev_ops || !dev->dev_ops->pkt_alloc)
        return fail(ENOTSUP);
    return dev->dev_ops->pkt_alloc(dev, bufs, nb_bufs);
}

int
pktdev_get_port_by_name(const char *name, uint16_t *lport_id)
{
    struct cne_pktdev *dev;

    if (!name || !lport_id)
        return fail(EINVAL);
    dev = pktdev_allocated(name);
    if (!dev)
        return fail(ENODEV);
    *lport_id = (uint16_t)(dev - pktdev_devices);
    return 0;
}

int
pktdev_portid_by_name(const char *name)
{
    uint16_t id;

    if (pktdev_get_port_by_name(name, &id) < 0)
        return -1;
    return id;
}

int
pktdev_get_name_by_port(uint16_t lport_id, char *name, uint32_t len)
{
    struct cne_pktdev *dev = active(lport_id);
    size_t n;

    if (!dev || !name)
        return fail(EINVAL);
    n = strlen(dev->data->name);
    if (n + 1 > len)
        return fail(ERANGE);
    memcpy(name, dev->data->name, n + 1);
    return 0;
}

const char *
pktdev_port_name(uint16_t lport_id)
{
    struct cne_pktdev *dev = active(lport_id);

    return dev ? dev->data->name : NULL;
}

int
pktdev_is_valid_port(uint16_t lport_id)
{
    return active(lport_id) != NULL;
}

void *
pktdev_arg_get(uint16_t lport_id)
{
    struct cne_pktdev *dev = active(lport_id);

    return dev ? dev->data->dev_private : NULL;
}
