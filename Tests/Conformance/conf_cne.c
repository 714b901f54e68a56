/* SPDX-License-Identifier: BSD-3-Clause
 * Conformance: thread registration.
 *
 * CNDP: lib/core/cne/cne.c (cne_register, cne_unregister, cne_id, cne_check_registration,
 * the constructor that registers the loading thread as the initial uid).
 */
#include <pthread.h>

#include <cne.h>

#include "test.h"

/* The loading thread is registered before main, with the initial uid. */
TEST(conf_cne_loading_thread_is_registered)
{
    CHECK_EQ(cne_check_registration(), 1);
    CHECK_EQ(cne_id(), cne_initial_uid());
    /* cne_unregister of the initial uid is a no-op that succeeds. */
    CHECK_EQ(cne_unregister(cne_initial_uid()), 0);
    CHECK_EQ(cne_check_registration(), 1);
}

struct reg_result {
    int before, uid, during, unreg, after;
};

static void *
reg_thread(void *arg)
{
    struct reg_result *r = arg;

    r->before = cne_check_registration();
    r->uid    = cne_register("conf");
    r->during = cne_check_registration();
    r->unreg  = cne_unregister(r->uid);
    r->after  = cne_check_registration();
    return NULL;
}

/* A new thread starts unregistered; cne_register gives it a uid below cne_max_threads;
 * cne_unregister ends the registration. */
TEST_MT(conf_cne_register_and_unregister)
{
    struct reg_result r = {-1, -1, -1, -1, -1};
    pthread_t t;

    REQUIRE(pthread_create(&t, NULL, reg_thread, &r) == 0);
    pthread_join(t, NULL);
    CHECK_EQ(r.before, 0);
    CHECK(r.uid >= 0 && r.uid < cne_max_threads());
    CHECK(r.uid != cne_initial_uid());
    CHECK_EQ(r.during, 1);
    CHECK_EQ(r.unreg, 0);
    CHECK_EQ(r.after, 0);
}
