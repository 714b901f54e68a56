/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: assertions.
 *
 * CNE_ASSERT checks hot-path preconditions. It is active unless NDEBUG is defined,
 * so debug builds catch misuse and release builds pay nothing.
 */
#ifndef _CNE_LOG_H_
#define _CNE_LOG_H_

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Prints `msg` with its location to stderr and aborts. */
CNDP_API void __cne_assert_fail(const char *expr, const char *file, int line, const char *func)
    __attribute__((__noreturn__));

#ifndef NDEBUG
#define CNE_ASSERT(exp)                                                  \
    do {                                                                 \
        if (!(exp))                                                      \
            __cne_assert_fail(#exp, __FILE__, __LINE__, __func__);       \
    } while (0)
#else
#define CNE_ASSERT(exp) do { } while (0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _CNE_LOG_H_ */
