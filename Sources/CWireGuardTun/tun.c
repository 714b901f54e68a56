/* TUN device opening for cne-wg (see include/cwg_tun.h). */
#define _GNU_SOURCE
#include "cwg_tun.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cwg_tun_open(const char *name, char *actual, size_t actual_len)
{
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    if (name != NULL)
        strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    if (actual != NULL && actual_len > 0) {
        strncpy(actual, ifr.ifr_name, actual_len - 1);
        actual[actual_len - 1] = '\0';
    }
    return fd;
}
