#define _GNU_SOURCE
/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp: micro-benchmark of the embedded core's buffer paths.
 *
 * Prints ns of CPU time per buffer for mempool get+put and pktmbuf alloc+free bulk, bursts of 32 and
 * 256, with one thread and with two threads sharing the pool: the median of RUNS runs and
 * the spread (min..max). Run: make bench-core
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cne.h>
#include <mempool.h>
#include <pktmbuf.h>

enum { RUNS = 5, BUFCNT = 16384, BUFSZ = 2048, MAX_THREADS = 2 };
static const double RUN_SECONDS = 0.3;

typedef enum { OP_MEMPOOL, OP_PKTMBUF } op_t;

typedef struct {
    op_t op;
    unsigned burst;
    pktmbuf_info_t *pi;
    pthread_barrier_t *start;
    double ns_per_buf; /* out */
} worker_t;

static double
clock_ns(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double
now_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

/* One get+put (or alloc+free) round trip of `burst` buffers. */
static inline int
round_trip(const worker_t *w, void **objs)
{
    if (w->op == OP_MEMPOOL) {
        if (mempool_get_bulk(w->pi->pd, objs, w->burst) != 0)
            return 0;
        mempool_put_bulk(w->pi->pd, objs, w->burst);
    } else {
        if (pktmbuf_alloc_bulk(w->pi, (pktmbuf_t **)objs, w->burst) != (int)w->burst)
            return 0;
        pktmbuf_free_bulk((pktmbuf_t **)objs, w->burst);
    }
    return 1;
}

static void *
worker(void *arg)
{
    worker_t *w = arg;
    void *objs[256];
    unsigned long bufs = 0;
    double t0, t1, c0, deadline;

    if (cne_register("bench") < 0) {
        perror("cne_register");
        exit(1);
    }
    for (int i = 0; i < 1000; i++) /* warm the cache and the pool */
        round_trip(w, objs);
    pthread_barrier_wait(w->start);
    c0       = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    t0       = now_ns();
    deadline = t0 + RUN_SECONDS * 1e9;
    do {
        for (int i = 0; i < 1000; i++)
            bufs += (unsigned long)round_trip(w, objs) * w->burst;
        t1 = now_ns();
    } while (t1 < deadline);
    /* This thread's CPU time, not the wall clock: time descheduled on a loaded machine
     * does not count. */
    w->ns_per_buf = (clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0) / (double)bufs;
    cne_unregister(cne_id());
    return NULL;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* @return per-thread ns per buffer, averaged over threads; median of RUNS in *med. */
static void
measure(op_t op, unsigned burst, int nthreads, double *med, double *lo, double *hi)
{
    double runs[RUNS];

    for (int r = 0; r < RUNS; r++) {
        pktmbuf_info_t *pi = pktmbuf_pool_create(NULL, BUFCNT, BUFSZ, MEMPOOL_CACHE_MAX_SIZE, NULL);
        pthread_barrier_t start;
        worker_t w[MAX_THREADS];
        pthread_t t[MAX_THREADS];
        double sum = 0;

        if (!pi) {
            perror("pktmbuf_pool_create");
            exit(1);
        }
        pthread_barrier_init(&start, NULL, (unsigned)nthreads);
        for (int i = 0; i < nthreads; i++) {
            w[i] = (worker_t){.op = op, .burst = burst, .pi = pi, .start = &start};
            pthread_create(&t[i], NULL, worker, &w[i]);
        }
        for (int i = 0; i < nthreads; i++) {
            pthread_join(t[i], NULL);
            sum += w[i].ns_per_buf;
        }
        runs[r] = sum / nthreads;
        pthread_barrier_destroy(&start);
        pktmbuf_destroy(pi);
    }
    qsort(runs, RUNS, sizeof(runs[0]), cmp_double);
    *med = runs[RUNS / 2];
    *lo  = runs[0];
    *hi  = runs[RUNS - 1];
}

int
main(void)
{
    static const char *names[] = {"mempool get+put", "pktmbuf alloc+free bulk"};
    static const unsigned bursts[] = {32, 256};

    printf("embedded core buffer costs: ns of CPU time per buffer (median of %d runs of %.1f s, min..max)\n",
           RUNS, RUN_SECONDS);
    printf("%-26s %6s %22s %22s %8s\n", "operation", "burst", "1 thread", "2 threads (each)",
           "2T/1T");
    for (int op = OP_MEMPOOL; op <= OP_PKTMBUF; op++) {
        for (size_t b = 0; b < sizeof(bursts) / sizeof(bursts[0]); b++) {
            double m1, l1, h1, m2, l2, h2;
            char c1[32], c2[32];

            measure((op_t)op, bursts[b], 1, &m1, &l1, &h1);
            measure((op_t)op, bursts[b], 2, &m2, &l2, &h2);
            snprintf(c1, sizeof(c1), "%.2f (%.2f..%.2f)", m1, l1, h1);
            snprintf(c2, sizeof(c2), "%.2f (%.2f..%.2f)", m2, l2, h2);
            printf("%-26s %6u %22s %22s %7.2fx\n", names[op], bursts[b], c1, c2, m2 / m1);
        }
    }
    return 0;
}
