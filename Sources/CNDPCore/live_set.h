/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): sets of live objects.
 *
 * Destroy functions look their argument up here first, so a double destroy or a stray
 * pointer is reported with EINVAL instead of corrupting the heap.
 */
#ifndef _CNE_LIVE_SET_H_
#define _CNE_LIVE_SET_H_

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct live_set {
    pthread_mutex_t lock;
    const void **items;
    size_t count;
    size_t capacity;
} live_set_t;

#define LIVE_SET_INITIALIZER {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0}

/** Adds obj. @return 0, or -1 with errno ENOMEM. */
int live_set_add(live_set_t *set, const void *obj);

/** Removes obj. @return true when it was there. */
bool live_set_remove(live_set_t *set, const void *obj);

/** @return true when obj is in the set. */
bool live_set_contains(live_set_t *set, const void *obj);

#endif /* _CNE_LIVE_SET_H_ */
