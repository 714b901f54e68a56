/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: netdev queries.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netdev_funcs.h>

/* Runs one SIOC* ioctl on ifname; ifr is filled by the caller apart from the name. */
static int
netdev_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr)
{
    int fd, ret, err;

    if (!ifname || !ifname[0] || strnlen(ifname, IFNAMSIZ) >= IFNAMSIZ) {
        errno = EINVAL;
        return -1;
    }
    fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    memcpy(ifr->ifr_name, ifname, strlen(ifname) + 1);
    ret = ioctl(fd, req, ifr);
    err = errno;
    close(fd);
    errno = err;
    return ret < 0 ? -1 : 0;
}

int
netdev_get_mac_addr(const char *ifname, struct ether_addr *eth_addr)
{
    struct ifreq ifr;

    if (!eth_addr) {
        errno = EINVAL;
        return -1;
    }
    memset(&ifr, 0, sizeof(ifr));
    if (netdev_ioctl(ifname, SIOCGIFHWADDR, &ifr) < 0)
        return -1;
    memcpy(eth_addr->ether_addr_octet, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
    return 0;
}

static int
channels_from_sysfs(const char *ifname)
{
    char path[128];
    struct dirent *e;
    DIR *d;
    int n = 0;

    snprintf(path, sizeof(path), "/sys/class/net/%s/queues", ifname);
    d = opendir(path);
    if (!d) {
        errno = ENODEV;
        return -1;
    }
    while ((e = readdir(d)) != NULL)
        n += !strncmp(e->d_name, "rx-", 3);
    closedir(d);
    return n > 0 ? n : 1;
}

int
netdev_get_channels(const char *ifname)
{
    struct ethtool_channels ch;
    struct ifreq ifr;
    uint32_t n;

    if (!ifname || if_nametoindex(ifname) == 0) {
        errno = ENODEV;
        return -1;
    }
    memset(&ch, 0, sizeof(ch));
    memset(&ifr, 0, sizeof(ifr));
    ch.cmd       = ETHTOOL_GCHANNELS;
    ifr.ifr_data = (void *)&ch;
    if (netdev_ioctl(ifname, SIOCETHTOOL, &ifr) < 0)
        return channels_from_sysfs(ifname);
    n = ch.rx_count;
    if (ch.tx_count > n)
        n = ch.tx_count;
    if (ch.combined_count > n)
        n = ch.combined_count;
    if (n == 0)
        return channels_from_sysfs(ifname);
    return (int)n;
}

int
netdev_get_ring_params(const char *ifname, uint32_t *rx_nb_desc, uint32_t *tx_nb_desc)
{
    struct ethtool_ringparam rp;
    struct ifreq ifr;

    memset(&rp, 0, sizeof(rp));
    memset(&ifr, 0, sizeof(ifr));
    rp.cmd       = ETHTOOL_GRINGPARAM;
    ifr.ifr_data = (void *)&rp;
    if (netdev_ioctl(ifname, SIOCETHTOOL, &ifr) < 0)
        return -1;
    if (rx_nb_desc)
        *rx_nb_desc = rp.rx_pending;
    if (tx_nb_desc)
        *tx_nb_desc = rp.tx_pending;
    return 0;
}

int
netdev_get_link_up(const char *ifname)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof(ifr));
    if (netdev_ioctl(ifname, SIOCGIFFLAGS, &ifr) < 0)
        return -1;
    return (ifr.ifr_flags & IFF_UP) ? 1 : 0;
}
