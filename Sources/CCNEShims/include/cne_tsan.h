/*
 * swift-cndp: tells ThreadSanitizer about an ordering it cannot see.
 *
 * Swift's Synchronization.Mutex locks with raw futex calls on Linux, which ThreadSanitizer does
 * not intercept, so it reports the state a Mutex guards as raced between two critical sections.
 * CNE's locks call these around each section. They forward to TSan's own annotations when the
 * process has its runtime (`-sanitize=thread`) and do nothing otherwise.
 */
#ifndef CNE_TSAN_H
#define CNE_TSAN_H

/* At the start of a critical section on the lock identified by `lock`: everything released
 * on it before happens before what follows. */
void cne_tsan_acquire(void *lock);

/* At the end of a critical section on `lock`. */
void cne_tsan_release(void *lock);

#endif
