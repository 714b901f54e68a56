/*
 * swift-cndp: ThreadSanitizer annotations for CNE's locks (see cne_tsan.h).
 *
 * Weak references: the symbols exist only when ThreadSanitizer's runtime is linked in, and an
 * unresolved weak function has the address NULL, so an ordinary build calls nothing.
 */
#include "cne_tsan.h"

#include <stddef.h>

extern void __tsan_acquire(void *addr) __attribute__((weak));
extern void __tsan_release(void *addr) __attribute__((weak));

void
cne_tsan_acquire(void *lock)
{
    if (__tsan_acquire != NULL)
        __tsan_acquire(lock);
}

void
cne_tsan_release(void *lock)
{
    if (__tsan_release != NULL)
        __tsan_release(lock);
}
