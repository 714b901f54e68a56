/* A library that includes only <stdint.h> (no <stddef.h>: size_t is not declared), with an
   over-aligned record (so it gets a view and probes) whose members have unnamed struct
   types, as <sys/queue.h>'s TAILQ_ENTRY and TAILQ_HEAD declare them. */
#ifndef GX_QUEUE_H
#define GX_QUEUE_H
#include <stdint.h>

#define GX_TAILQ_ENTRY(type) struct { struct type *tqe_next; struct type **tqe_prev; }
#define GX_TAILQ_HEAD(name, type) struct name { struct type *tqh_first; struct type **tqh_last; }

struct gx_node {
    GX_TAILQ_ENTRY(gx_node) next;
    uint64_t value;
} __attribute__((aligned(64)));

typedef struct gx_list {
    GX_TAILQ_HEAD(gx_head, gx_node) head;
    union { uint32_t word; uint8_t bytes[4]; } tag;
    uint32_t count;
} __attribute__((aligned(64))) gx_list_t;

#endif
