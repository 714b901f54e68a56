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

/* Called by the generated tests: subscripts whose indices are constants in bounds for the
   tests' values, and a header function that writes through its parameter. */
typedef struct tiny_filter {
    uint32_t bits[8];
} tiny_filter_t;
#define TINY_FILTER_SET(type, f) (((f)->bits[(type) >> 5]) |= (1u << ((type) & 31)))
#define TINY_FILTER_HAS(type, f) ((((f)->bits[(type) >> 5]) & (1u << ((type) & 31))) != 0)
static inline uint32_t *tiny_pair_shift(tiny_pair_t *p, uint32_t n) {
    do {
        if (n > p->b)
            return (uint32_t *)0;
    } while (0);
    p->a += n;
    p->b -= n;
    return &p->b;
}
#define tiny_shift(p, n) tiny_pair_shift(p, n)
/* A `for` header: a Swift function taking a closure, called for each node. */
typedef struct tiny_node {
    uint32_t value;
    struct tiny_node *next;
} tiny_node_t;
typedef struct tiny_list {
    tiny_node_t *head;
} tiny_list_t;
#define tiny_list_foreach(list, n) for ((n) = (list)->head; (n) != 0; (n) = (n)->next)
/* Uses memcpy without including <string.h>: the C module includes it. */
#define TINY_COPY4(dst, src) memcpy((dst), (src), 4)
#endif
