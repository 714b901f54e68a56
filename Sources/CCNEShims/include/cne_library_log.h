/*
 * swift-cndp: routes libbpf's and libxdp's messages to a callback (CNE sends them to swift-log).
 *
 * Their print hooks take a va_list, which Swift cannot receive in a @convention(c) function;
 * this shim formats each message and passes the text on.
 */
#ifndef CNE_LIBRARY_LOG_H
#define CNE_LIBRARY_LOG_H

#include <stdint.h>

/* Which library a message came from. */
enum cne_library_log_source { CNE_LIBRARY_LOG_LIBBPF = 0, CNE_LIBRARY_LOG_LIBXDP = 1 };

/* Receives one formatted message (without its trailing newline). Levels are the libraries'
 * own: 0 warning, 1 info, 2 debug. */
typedef void (*cne_library_log_sink)(int32_t source, int32_t level, const char *text);

/* Installs print hooks in libbpf and libxdp (looked up in the process, so the shim needs
 * neither library's headers) that format each message and call `sink`. Returns how many of
 * the two hooks were installed. Call again to replace the sink. */
int32_t cne_library_log_route(cne_library_log_sink sink);

#endif
