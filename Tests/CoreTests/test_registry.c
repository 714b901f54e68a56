/* SPDX-License-Identifier: BSD-3-Clause
 * Thread registry: limits, reuse, per-thread ids, bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include <cne.h>

#include "test.h"

TEST(registry_initial_thread_is_registered)
{
    CHECK(cne_check_registration());
    CHECK(cne_initial_uid() >= 0);
    CHECK_EQ(cne_id(), cne_initial_uid());
    CHECK_EQ(cne_init(), cne_initial_uid());
    /* Registering again returns the same uid; releasing the initial uid is a no-op. */
    CHECK_EQ(cne_register("again"), cne_initial_uid());
    CHECK_EQ(cne_unregister(cne_initial_uid()), 0);
    CHECK(cne_check_registration());
    CHECK_EQ(cne_max_threads(), CNE_MAX_THREADS);
}

TEST(registry_bad_input)
{
    CHECK_ERRNO(cne_unregister(-1), -1, EINVAL);
    CHECK_ERRNO(cne_unregister(CNE_MAX_THREADS), -1, EINVAL);
    CHECK_ERRNO(cne_set_private(CNE_MAX_THREADS + 7, NULL), -1, EINVAL);
    CHECK_ERRNO(cne_get_private(cne_id(), NULL), -1, EINVAL);
    /* A uid nobody holds. */
    CHECK_ERRNO(cne_unregister(CNE_MAX_THREADS - 1), -1, EINVAL);
}

static void *
unregistered_thread(void *arg)
{
    int *out = arg;

    errno  = 0;
    out[0] = cne_check_registration();
    out[1] = cne_id();
    out[2] = errno;
    out[3] = cne_register("worker");
    out[4] = cne_id();
    out[5] = cne_unregister(out[3]);
    out[6] = cne_check_registration();
    return NULL;
}

TEST_MT(registry_thread_register_unregister)
{
    int out[7];
    pthread_t t;
    int before = cne_active_threads();

    REQUIRE(pthread_create(&t, NULL, unregistered_thread, out) == 0);
    pthread_join(t, NULL);
    CHECK_EQ(out[0], 0);
    CHECK_EQ(out[1], -1);
    CHECK_EQ(out[2], EPERM);
    CHECK(out[3] >= 0 && out[3] != cne_initial_uid());
    CHECK_EQ(out[4], out[3]);
    CHECK_EQ(out[5], 0);
    CHECK_EQ(out[6], 0);
    CHECK_EQ(cne_active_threads(), before);
}

static void *
register_and_exit(void *arg)
{
    *(int *)arg = cne_register("exits registered");
    return NULL;
}

TEST_MT(registry_uid_released_when_thread_exits)
{
    int uid = -1;
    pthread_t t;
    int before = cne_active_threads();

    REQUIRE(pthread_create(&t, NULL, register_and_exit, &uid) == 0);
    pthread_join(t, NULL);
    CHECK(uid >= 0);
    CHECK_EQ(cne_active_threads(), before);
}

/* Fills every uid, checks the next registration fails, releases one, checks it is reused. */
typedef struct {
    pthread_barrier_t registered;
    pthread_barrier_t release;
    _Atomic int failures;
    _Atomic int enospc;
} fill_ctx_t;

static void *
fill_one(void *arg)
{
    fill_ctx_t *ctx = arg;
    int uid         = cne_register("filler");

    if (uid < 0) {
        if (errno == ENOSPC)
            ctx->enospc++;
        else
            ctx->failures++;
    }
    pthread_barrier_wait(&ctx->registered);
    pthread_barrier_wait(&ctx->release);
    if (uid >= 0 && cne_unregister(uid) != 0)
        ctx->failures++;
    return NULL;
}

static void *
register_one(void *arg)
{
    int *out = arg;

    out[0] = cne_register("late");
    out[1] = errno;
    if (out[0] >= 0)
        cne_unregister(out[0]);
    return NULL;
}

TEST_MT(registry_limit_and_reuse)
{
    /* One more thread than free uids: exactly one must get ENOSPC. */
    int free_uids = CNE_MAX_THREADS - cne_active_threads();
    int nthreads  = free_uids + 1;
    pthread_t *threads = calloc((size_t)nthreads, sizeof(*threads));
    fill_ctx_t ctx = {.failures = 0, .enospc = 0};
    pthread_attr_t attr;
    int created = 0;
    int late[2];

    REQUIRE(threads != NULL);
    pthread_barrier_init(&ctx.registered, NULL, (unsigned)nthreads + 1);
    pthread_barrier_init(&ctx.release, NULL, (unsigned)nthreads + 1);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    for (; created < nthreads; created++)
        if (pthread_create(&threads[created], &attr, fill_one, &ctx) != 0)
            break;
    if (created != nthreads) {
        test_fail(__FILE__, __LINE__, "could only create %d of %d threads", created, nthreads);
        exit(1); /* the barriers would never open */
    }
    pthread_barrier_wait(&ctx.registered);
    CHECK_EQ(cne_active_threads(), CNE_MAX_THREADS);
    CHECK_EQ(ctx.enospc, 1);
    CHECK_EQ(ctx.failures, 0);
    pthread_barrier_wait(&ctx.release);
    for (int i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
    CHECK_EQ(cne_active_threads(), CNE_MAX_THREADS - free_uids);

    /* Every uid released: a new thread registers again. */
    pthread_t t;
    REQUIRE(pthread_create(&t, NULL, register_one, late) == 0);
    pthread_join(t, NULL);
    CHECK(late[0] >= 0);
    pthread_attr_destroy(&attr);
    pthread_barrier_destroy(&ctx.registered);
    pthread_barrier_destroy(&ctx.release);
    free(threads);
}

static void *
hold_uid(void *arg)
{
    void **ctx              = arg;
    pthread_barrier_t *bar  = ctx[0];
    int *uid                = ctx[1];

    *uid = cne_register("holder");
    pthread_barrier_wait(bar);
    pthread_barrier_wait(bar);
    cne_unregister(*uid);
    return NULL;
}

TEST_MT(registry_cannot_release_another_threads_uid)
{
    pthread_barrier_t bar;
    int uid = -1;
    void *ctx[2] = {&bar, &uid};
    pthread_t t;
    void *priv = NULL;

    pthread_barrier_init(&bar, NULL, 2);
    REQUIRE(pthread_create(&t, NULL, hold_uid, ctx) == 0);
    pthread_barrier_wait(&bar);
    CHECK(uid >= 0);
    CHECK_ERRNO(cne_unregister(uid), -1, EPERM);
    CHECK_EQ(cne_set_private(uid, &bar), 0);
    CHECK_EQ(cne_get_private(uid, &priv), 0);
    CHECK_PTR_EQ(priv, &bar);
    pthread_barrier_wait(&bar);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&bar);
}

/* A key created after the registry's: its destructor runs after the uid was released. */
static pthread_key_t later_key;
static int registered_in_later_destructor = -2;

static void
later_destructor(void *arg)
{
    (void)arg;
    registered_in_later_destructor = cne_check_registration();
}

static void *
register_with_later_key(void *arg)
{
    (void)arg;
    cne_register("exits");
    pthread_setspecific(later_key, (void *)1);
    return NULL;
}

TEST_MT(registry_thread_is_unregistered_for_later_destructors)
{
    pthread_t t;

    REQUIRE(pthread_key_create(&later_key, later_destructor) == 0);
    REQUIRE(pthread_create(&t, NULL, register_with_later_key, NULL) == 0);
    pthread_join(t, NULL);
    CHECK_EQ(registered_in_later_destructor, 0);
    pthread_key_delete(later_key);
}
