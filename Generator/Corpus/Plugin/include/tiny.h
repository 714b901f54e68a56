/* A header-only C API for the plugin fixture: a record, a getter macro, a type-generic macro. */
#ifndef TINY_H
#define TINY_H
#include <stdint.h>

typedef struct tiny_pair {
    uint32_t a;
    uint32_t b;
} tiny_pair_t;

static inline uint32_t tiny_sum(const tiny_pair_t *p) { return p->a + p->b; }

#define tiny_first(p) ((p)->a)
#define TINY_MAX(x, y) ((x) > (y) ? (x) : (y))
#define TINY_FLAGS (1u << 3 | 1u)
#endif
