/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the net_af_packet driver on a private veth pair.
 */
#include "test.h"
#include "test_netutil.h"

TEST_ROOT(af_packet_traffic)
{
    tnet_port_traffic("net_af_packet", 0);
}
