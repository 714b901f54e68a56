/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): sets of live objects.
 */
#include <errno.h>
#include <stdlib.h>

#include "live_set.h"

int
live_set_add(live_set_t *set, const void *obj)
{
    int ret = 0;

    pthread_mutex_lock(&set->lock);
    if (set->count == set->capacity) {
        size_t cap        = set->capacity ? set->capacity * 2 : 16;
        const void **grow = realloc(set->items, cap * sizeof(*grow));

        if (!grow) {
            errno = ENOMEM;
            ret   = -1;
            goto out;
        }
        set->items    = grow;
        set->capacity = cap;
    }
    set->items[set->count++] = obj;
out:
    pthread_mutex_unlock(&set->lock);
    return ret;
}

bool
live_set_remove(live_set_t *set, const void *obj)
{
    bool found = false;

    pthread_mutex_lock(&set->lock);
    for (size_t i = 0; i < set->count; i++) {
        if (set->items[i] == obj) {
            set->items[i] = set->items[--set->count];
            found         = true;
            break;
        }
    }
    if (set->count == 0) {
        free(set->items);
        set->items    = NULL;
        set->capacity = 0;
    }
    pthread_mutex_unlock(&set->lock);
    return found;
}

bool
live_set_contains(live_set_t *set, const void *obj)
{
    bool found = false;

    pthread_mutex_lock(&set->lock);
    for (size_t i = 0; i < set->count && !found; i++)
        found = set->items[i] == obj;
    pthread_mutex_unlock(&set->lock);
    return found;
}
