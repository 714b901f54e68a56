/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: the embedded core's synchronous device plugin client, compiled a second time
 * under the cne_dp_udsc_ names (client_names.h) so that CNE uses the same client on a system
 * CNDP as on the embedded core. One source, no copy: a fix there is a fix here.
 */
#define _GNU_SOURCE
#include "client_names.h"

#include "../CNDPCore/uds_connect.c"
