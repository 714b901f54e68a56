/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: a minimal test runner.
 *
 * TEST(name) defines a test; TEST_MT(name) one that runs threads, which `make test` also
 * runs under ThreadSanitizer; TEST_ROOT(name) one that needs root (namespaces, AF_XDP),
 * reported as skipped, with the reason, when not root. CHECK* record a failure with its
 * location and go on; REQUIRE* also end the test.
 */
#ifndef _CNE_TEST_H_
#define _CNE_TEST_H_

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum { TEST_PLAIN = 0, TEST_THREADS = 1, TEST_NEEDS_ROOT = 2 } test_kind_t;

typedef struct test_case {
    const char *name;
    const char *file;
    void (*fn)(void);
    test_kind_t kind;
    struct test_case *next;
} test_case_t;

void test_register(test_case_t *t);
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** Marks the running test skipped, with a reason printed in the report. */
void test_skip(const char *reason);
/** @return true when the running test has failed so far. */
bool test_failed(void);

#define TEST_DEFINE(tname, tkind)                                                 \
    static void test_fn_##tname(void);                                            \
    static test_case_t test_case_##tname = {#tname, __FILE__, test_fn_##tname,    \
                                            tkind, NULL};                         \
    __attribute__((constructor)) static void test_reg_##tname(void)               \
    {                                                                             \
        test_register(&test_case_##tname);                                        \
    }                                                                             \
    static void test_fn_##tname(void)

#define TEST(tname)      TEST_DEFINE(tname, TEST_PLAIN)
#define TEST_MT(tname)   TEST_DEFINE(tname, TEST_THREADS)
#define TEST_ROOT(tname) TEST_DEFINE(tname, TEST_NEEDS_ROOT)

#define CHECK(cond)                                                   \
    do {                                                              \
        if (!(cond))                                                  \
            test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);        \
    } while (0)

#define CHECK_EQ(a, b)                                                                    \
    do {                                                                                  \
        long long _a = (long long)(a), _b = (long long)(b);                               \
        if (_a != _b)                                                                     \
            test_fail(__FILE__, __LINE__, "CHECK_EQ(%s, %s): %lld != %lld", #a, #b, _a, _b); \
    } while (0)

#define CHECK_PTR_EQ(a, b)                                                                 \
    do {                                                                                   \
        const void *_a = (const void *)(a), *_b = (const void *)(b);                       \
        if (_a != _b)                                                                      \
            test_fail(__FILE__, __LINE__, "CHECK_PTR_EQ(%s, %s): %p != %p", #a, #b, _a, _b); \
    } while (0)

#define REQUIRE(cond)                                                 \
    do {                                                              \
        if (!(cond)) {                                                \
            test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);      \
            return;                                                   \
        }                                                             \
    } while (0)

/** Checks that `call` returns `ret` and sets errno to `err`. */
#define CHECK_ERRNO(call, ret, err)                                                        \
    do {                                                                                   \
        errno         = 0;                                                                 \
        long long _r  = (long long)(call);                                                 \
        int _e        = errno;                                                             \
        if (_r != (long long)(ret) || _e != (err))                                         \
            test_fail(__FILE__, __LINE__, "%s: returned %lld errno %d, want %lld errno %d", \
                      #call, _r, _e, (long long)(ret), (int)(err));                        \
    } while (0)

#endif /* _CNE_TEST_H_ */
