/* TUN device opening for cne-wg: the ioctl is variadic, which Swift cannot call. */
#ifndef CWG_TUN_H
#define CWG_TUN_H

#include <stddef.h>

/* Opens (creating if needed) the layer-3 TUN device `name` without packet information
 * headers, non-blocking. Returns the file descriptor, or -errno. The kernel's name for the
 * device is written to `actual` (at least 16 bytes). */
int cwg_tun_open(const char *name, char *actual, size_t actual_len);

#endif
