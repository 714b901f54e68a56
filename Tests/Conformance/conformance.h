/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance suite helpers that hold on CNDP and on the embedded core alike.
 */
#ifndef _CONFORMANCE_H_
#define _CONFORMANCE_H_

#include <unistd.h>

#include <pktdev_api.h>

#include "test.h"
#include "test_netutil.h"

/*
 * Ends a one-port test: closes the port (if any), the peer socket, the pool and the
 * namespace. Unlike tnet_finish it does not require the pool to be full after the close:
 * CNDP's xskdev_socket_destroy does not return the buffers left in the fill ring.
 */
static inline void
conf_finish(tnet_t *t, tpool_t *tp, int port, int peer)
{
    if (port >= 0)
        CHECK_EQ(pktdev_close((uint16_t)port), 0);
    if (peer >= 0)
        close(peer);
    tpool_destroy(tp);
    tnet_teardown(t);
}

#endif
