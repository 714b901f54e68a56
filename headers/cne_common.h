/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: common macros and attributes, named as CNDP names them.
 */
#ifndef _CNE_COMMON_H_
#define _CNE_COMMON_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a symbol as part of the exported API. */
#define CNDP_API __attribute__((visibility("default")))

/** Anonymous unions and structs are C11; keep pedantic compilers quiet as CNDP does. */
#define CNE_STD_C11 __extension__

/** An atomic member, spelled the way CNDP spells it. */
#define CNE_ATOMIC(type) _Atomic(type)

#define CNE_NAME_LEN         24  /**< Length of short object names. */
#define CNE_CACHE_LINE_SIZE  64  /**< Cache line size in bytes. */
#define CNE_CACHE_LINE_MASK  (CNE_CACHE_LINE_SIZE - 1)
#define CNE_CACHE_LINE_SIZE_LOG2 6
#define CNE_CACHE_LINE_MIN_SIZE  64
#define XDP_PKT_HEADROOM     256 /**< Must mirror the kernel's XDP_PACKET_HEADROOM. */
#define CNE_MAX_ETHPORTS     32  /**< Maximum number of lports. */
#define CNE_MAX_QUEUES_PER_PORT 128
#define MEMPOOL_CACHE_MAX_SIZE  256 /**< Largest per-thread mempool cache. */

#define __cne_aligned(a)        __attribute__((aligned(a)))
#define __cne_cache_aligned     __cne_aligned(CNE_CACHE_LINE_SIZE)
#define __cne_cache_min_aligned __cne_aligned(CNE_CACHE_LINE_MIN_SIZE)
#define __cne_packed            __attribute__((__packed__))
#define __cne_unused            __attribute__((__unused__))
#define __cne_weak              __attribute__((__weak__))
#define __cne_deprecated        __attribute__((__deprecated__))
#define __cne_always_inline     inline __attribute__((__always_inline__))
#define __cne_noinline          __attribute__((__noinline__))

#define CNE_SET_USED(x) (void)(x)

/** Compiler barrier: no reordering of memory accesses across it. */
#define cne_compiler_barrier()              \
    do {                                    \
        __asm__ volatile("" : : : "memory"); \
    } while (0)

#define CNE_PTR_ADD(ptr, x)      ((void *)((uintptr_t)(ptr) + (x)))
#define CNE_PTR_SUB(ptr, x)      ((void *)((uintptr_t)(ptr) - (x)))
#define CNE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))

#define CNE_ALIGN_FLOOR(val, align) \
    (__typeof__(val))((val) & (~((__typeof__(val))((align) - 1))))
#define CNE_ALIGN_CEIL(val, align) \
    CNE_ALIGN_FLOOR(((val) + ((__typeof__(val))(align) - 1)), align)
#define CNE_ALIGN(val, align) CNE_ALIGN_CEIL(val, align)
#define CNE_PTR_ALIGN_FLOOR(ptr, align) \
    ((__typeof__(ptr))CNE_ALIGN_FLOOR((uintptr_t)(ptr), align))
#define CNE_PTR_ALIGN_CEIL(ptr, align) \
    CNE_PTR_ALIGN_FLOOR((__typeof__(ptr))CNE_PTR_ADD(ptr, (align) - 1), align)
#define CNE_CACHE_LINE_ROUNDUP(size) \
    (CNE_CACHE_LINE_SIZE * (((size) + CNE_CACHE_LINE_SIZE - 1) / CNE_CACHE_LINE_SIZE))

#define CNE_IS_POWER_OF_2(n) ((n) && !(((n) - 1) & (n)))

#define CNE_MIN(a, b)                \
    __extension__({                  \
        __typeof__(a) _a = (a);      \
        __typeof__(b) _b = (b);      \
        _a < _b ? _a : _b;           \
    })
#define CNE_MAX(a, b)                \
    __extension__({                  \
        __typeof__(a) _a = (a);      \
        __typeof__(b) _b = (b);      \
        _a > _b ? _a : _b;           \
    })

#define cne_countof(a) (sizeof(a) / sizeof((a)[0]))
#define cne_roundup(_x, _y) ((((_x) + ((_y) - 1)) / (_y)) * (_y))

#define CNE_BUILD_BUG_ON(condition) ((void)sizeof(char[1 - 2 * !!(condition)]))
#define CNE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))

#define _CNE_STR(x) #x
#define CNE_STR(x)  _CNE_STR(x)

/** Constructor priorities, lowest runs first. */
#define CNE_PRIORITY_INIT   101
#define CNE_PRIORITY_THREAD 103
#define CNE_PRIORITY_PMD    30000
#define CNE_PRIORITY_LAST   65535
#define CNE_PRIO(prio)      CNE_PRIORITY_##prio

/** Runs `func` when the library is loaded, at priority `prio`. */
#define CNE_INIT_PRIO(func, prio) \
    static void __attribute__((constructor(CNE_PRIO(prio)), used)) func(void)
#define CNE_INIT(func) CNE_INIT_PRIO(func, LAST)

#ifdef __cplusplus
}
#endif

#endif /* _CNE_COMMON_H_ */
