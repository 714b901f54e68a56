/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: the names the embedded core's device plugin client (Sources/CNDPCore/uds_connect.c)
 * takes when it is compiled into CCNEDevicePlugin.
 *
 * CNE talks to the device plugin with that client on either library. On a system CNDP, CNDP's
 * libcne_uds_connect also defines udsc_handshake and udsc_close, and on the embedded core
 * CNDPCore defines every udsc_ name: so here each one is renamed with a cne_dp_ prefix and
 * kept out of the dynamic symbol table, and the embedded core's own uds_connect.h (found
 * through this target's header search path, on either library) declares them under the new
 * names. Include this first, before any header.
 */
#ifndef CNE_DP_CLIENT_NAMES_H
#define CNE_DP_CLIENT_NAMES_H

#define udsc_close             cne_dp_udsc_close
#define udsc_config_busy_poll  cne_dp_udsc_config_busy_poll
#define udsc_get_xsk_map_fd    cne_dp_udsc_get_xsk_map_fd
#define udsc_handshake         cne_dp_udsc_handshake
#define udsc_handshake_timeout cne_dp_udsc_handshake_timeout
#define udsc_pin_path          cne_dp_udsc_pin_path
#define udsc_sock_path         cne_dp_udsc_sock_path
#define udsc_version           cne_dp_udsc_version
#define udsc_sessions          cne_dp_udsc_sessions
#define udsc_sessions_t        cne_dp_udsc_sessions_t
#define udsc_sessions_create   cne_dp_udsc_sessions_create
#define udsc_sessions_get      cne_dp_udsc_sessions_get
#define udsc_sessions_count    cne_dp_udsc_sessions_count
#define udsc_sessions_close    cne_dp_udsc_sessions_close

/* The embedded cne_common.h first, then CNDP_API made hidden for the declarations that follow:
   the renamed functions are this target's internals. */
#include <cne_common.h>
#undef CNDP_API
#define CNDP_API __attribute__((visibility("hidden")))

#include <uds_connect.h>

#endif /* CNE_DP_CLIENT_NAMES_H */
