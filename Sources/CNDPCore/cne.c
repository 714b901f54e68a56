/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: the thread registry.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include <cne.h>

#include "cne_internal.h"

typedef struct {
    bool in_use;
    pthread_t owner;
    char name[CNE_NAME_LEN];
    void *priv;
} uid_slot_t;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static uid_slot_t slots[CNE_MAX_THREADS];
static int active_count;
static int initial_uid = -1;

/* -1 while the thread is not registered. */
static __thread int this_uid = -1;

/* Releases the uid of a thread that exits while registered, so uids never leak. */
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void release_slot_locked(int uid);

/* Run before a uid is freed, so per-thread state (mempool caches) is handed back. */
enum { MAX_RELEASE_HOOKS = 4 };
static cne_uid_release_hook_t release_hooks[MAX_RELEASE_HOOKS];
static _Atomic int release_hook_count;

int
cne_add_uid_release_hook(cne_uid_release_hook_t hook)
{
    int n;

    pthread_mutex_lock(&registry_lock);
    n = release_hook_count;
    if (n < MAX_RELEASE_HOOKS) {
        release_hooks[n] = hook;
        release_hook_count = n + 1;
    }
    pthread_mutex_unlock(&registry_lock);
    return n < MAX_RELEASE_HOOKS ? 0 : -1;
}

/* Called on the owning thread, without the registry lock (hooks take their own locks). */
static void
run_release_hooks(int uid)
{
    int n = release_hook_count;

    for (int i = 0; i < n; i++)
        release_hooks[i](uid);
}

static void
on_thread_exit(void *arg)
{
    int uid = (int)(intptr_t)arg - 1;

    if (uid >= 0 && uid != initial_uid)
        run_release_hooks(uid);
    /* Destructors of other keys may still run on this thread (and free buffers): from now
     * on it is unregistered, so they bypass the cache a new owner of the uid will use. */
    this_uid = -1;
    pthread_mutex_lock(&registry_lock);
    if (uid >= 0 && uid != initial_uid && slots[uid].in_use)
        release_slot_locked(uid);
    pthread_mutex_unlock(&registry_lock);
}

static void
make_exit_key(void)
{
    (void)pthread_key_create(&exit_key, on_thread_exit);
}

static void
release_slot_locked(int uid)
{
    memset(&slots[uid], 0, sizeof(slots[uid]));
    active_count--;
}

static int
acquire_slot_locked(const char *name)
{
    for (int uid = 0; uid < CNE_MAX_THREADS; uid++) {
        if (slots[uid].in_use)
            continue;
        slots[uid].in_use = true;
        slots[uid].owner  = pthread_self();
        slots[uid].priv   = NULL;
        memset(slots[uid].name, 0, sizeof(slots[uid].name));
        if (name)
            strncpy(slots[uid].name, name, sizeof(slots[uid].name) - 1);
        active_count++;
        return uid;
    }
    return -1;
}

int
cne_register(const char *name)
{
    int uid;

    if (this_uid >= 0)
        return this_uid;

    pthread_once(&exit_key_once, make_exit_key);
    pthread_mutex_lock(&registry_lock);
    uid = acquire_slot_locked(name);
    pthread_mutex_unlock(&registry_lock);
    if (uid < 0) {
        errno = ENOSPC;
        return -1;
    }
    this_uid = uid;
    /* Stored as uid + 1: the destructor only runs for non-NULL values. */
    (void)pthread_setspecific(exit_key, (void *)(intptr_t)(uid + 1));
    return uid;
}

int
cne_unregister(int tidx)
{
    int ret = 0;

    if (tidx < 0 || tidx >= CNE_MAX_THREADS) {
        errno = EINVAL;
        return -1;
    }
    if (tidx == this_uid && tidx != initial_uid)
        run_release_hooks(tidx);
    pthread_mutex_lock(&registry_lock);
    if (tidx == initial_uid) {
        pthread_mutex_unlock(&registry_lock);
        return 0;
    }
    if (!slots[tidx].in_use) {
        errno = EINVAL;
        ret   = -1;
    } else if (!pthread_equal(slots[tidx].owner, pthread_self())) {
        /* Another live thread still uses this uid; taking it would let two threads share it. */
        errno = EPERM;
        ret   = -1;
    } else {
        release_slot_locked(tidx);
    }
    pthread_mutex_unlock(&registry_lock);

    if (ret == 0 && this_uid == tidx) {
        this_uid = -1;
        (void)pthread_setspecific(exit_key, NULL);
    }
    return ret;
}

int
cne_id(void)
{
    if (this_uid < 0)
        errno = EPERM;
    return this_uid;
}

int
cne_check_registration(void)
{
    return this_uid >= 0;
}

int
cne_max_threads(void)
{
    return CNE_MAX_THREADS;
}

int
cne_active_threads(void)
{
    int n;

    pthread_mutex_lock(&registry_lock);
    n = active_count;
    pthread_mutex_unlock(&registry_lock);
    return n;
}

int
cne_initial_uid(void)
{
    return initial_uid;
}

static int
check_uid_in_use_locked(int tidx)
{
    if (tidx < 0 || tidx >= CNE_MAX_THREADS || !slots[tidx].in_use) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int
cne_set_private(int tidx, void *v)
{
    int ret;

    pthread_mutex_lock(&registry_lock);
    ret = check_uid_in_use_locked(tidx);
    if (ret == 0)
        slots[tidx].priv = v;
    pthread_mutex_unlock(&registry_lock);
    return ret;
}

int
cne_get_private(int tidx, void **v)
{
    int ret;

    if (!v) {
        errno = EINVAL;
        return -1;
    }
    pthread_mutex_lock(&registry_lock);
    ret = check_uid_in_use_locked(tidx);
    if (ret == 0)
        *v = slots[tidx].priv;
    pthread_mutex_unlock(&registry_lock);
    return ret;
}

int
cne_init(void)
{
    if (initial_uid < 0) {
        int uid = cne_register("Initial");

        if (uid < 0)
            return -1;
        pthread_mutex_lock(&registry_lock);
        initial_uid = uid;
        pthread_mutex_unlock(&registry_lock);
    }
    return initial_uid;
}

/* As in CNDP, the thread that loads the library is registered before main runs. */
CNE_INIT_PRIO(cne_registry_constructor, THREAD)
{
    (void)cne_init();
}
