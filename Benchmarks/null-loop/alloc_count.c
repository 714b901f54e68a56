/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp benchmark helper: an LD_PRELOAD heap-allocation counter.
 *
 * Counts calls to malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign, and
 * prints "allocations=N" on standard error when the process exits. `make bench` runs a
 * program twice with different packet counts: the difference, divided by the difference
 * in packets, is the allocations per packet in steady state (start-up cancels out).
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong count;

void *
malloc(size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_realloc(p, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
    void *p;

    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    p = __libc_memalign(align, n);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void *
aligned_alloc(size_t align, size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_memalign(align, n);
}

void *
memalign(size_t align, size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_memalign(align, n);
}

__attribute__((destructor)) static void
report(void)
{
    char line[64];
    int len = snprintf(line, sizeof(line), "allocations=%lu\n", atomic_load(&count));

    (void)!write(2, line, (size_t)len);
}
