/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the runner.
 *
 * Usage: core-tests [--threads-only | --no-threads] [name-substring ...]
 * Prints one line per test and closes with "N passed, N failed, N skipped".
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

static test_case_t *tests;
static int current_failures;
static const char *current_skip;

void
test_register(test_case_t *t)
{
    /* Constructors run in link order; keep the list in that order. */
    test_case_t **p = &tests;

    while (*p)
        p = &(*p)->next;
    *p = t;
}

void
test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stdout, "    %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
    __atomic_add_fetch(&current_failures, 1, __ATOMIC_SEQ_CST);
}

void
test_skip(const char *reason)
{
    current_skip = reason;
}

bool
test_failed(void)
{
    return __atomic_load_n(&current_failures, __ATOMIC_SEQ_CST) > 0;
}

static bool
selected(const test_case_t *t, int argc, char **argv, int first_name)
{
    if (first_name >= argc)
        return true;
    for (int i = first_name; i < argc; i++)
        if (strstr(t->name, argv[i]))
            return true;
    return false;
}

int
main(int argc, char **argv)
{
    int passed = 0, failed = 0, skipped = 0, first_name = 1;
    int only_threads = 0, no_threads = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (; first_name < argc && argv[first_name][0] == '-'; first_name++) {
        if (!strcmp(argv[first_name], "--threads-only"))
            only_threads = 1;
        else if (!strcmp(argv[first_name], "--no-threads"))
            no_threads = 1;
        else {
            fprintf(stderr, "usage: %s [--threads-only|--no-threads] [name ...]\n", argv[0]);
            return 2;
        }
    }

    for (test_case_t *t = tests; t; t = t->next) {
        bool threads = t->kind & TEST_THREADS;

        if ((only_threads && !threads) || (no_threads && threads) ||
            !selected(t, argc, argv, first_name))
            continue;
        if ((t->kind & TEST_NEEDS_ROOT) && geteuid() != 0) {
            printf("skip %s (needs root)\n", t->name);
            skipped++;
            continue;
        }
        current_failures = 0;
        current_skip     = NULL;
        t->fn();
        if (current_failures) {
            printf("FAIL %s\n", t->name);
            failed++;
        } else if (current_skip) {
            printf("skip %s (%s)\n", t->name, current_skip);
            skipped++;
        } else {
            printf("ok   %s\n", t->name);
            passed++;
        }
    }
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : (passed ? 0 : 1);
}
