/* Function-like macros without configured signatures, and the macro defects of issue 12. */
#ifndef FX_FNMACROS_H
#define FX_FNMACROS_H
#include <stdint.h>
#include "../outside/fx_outside.h"

typedef struct fx_pkt {
    uint16_t len;
    uint16_t off;
    void *addr;
    struct fx_pkt *next;
} fx_pkt_t;

int fx_pkt_send(fx_pkt_t *p, int flags);

/* Inferred: a getter (the record with `len`), a setter statement, an API call's argument. */
#define fx_pkt_len(p) ((p)->len)
#define fx_pkt_data(p) ((char *)(p)->addr + (p)->off)
#define fx_pkt_set_len(p, n) do { (p)->len = (n); } while (0)
#define fx_pkt_send_now(p) fx_pkt_send(p, 1)
#define fx_pkt_next_len(p) ((p)->next->len)
/* Inferred: type-generic (one overload per arithmetic type). */
#define FX_MAX(a, b) ((a) > (b) ? (a) : (b))
#define FX_ROUND(x, n) ((((x) + (n) - 1) / (n)) * (n))
/* Type-generic, integers only (CNDP's cne_numbytes): no double overload, whose builtin would
   convert (truncate) its operand, undefined outside unsigned int's range. */
#define FX_CTZ(v) __builtin_ctz(v)
#define FX_BYTES(v) ((sizeof(v) * 8 - FX_CTZ(v) + 7) / 8)
#define FX_LOW(v) ((v) & 0xff)
/* Inferred: pointers through uintptr_t. */
#define FX_PTR_DIFF(a, b) ((uintptr_t)(a) - (uintptr_t)(b))
#define FX_ZERO() 0
/* Inferred: a parameter that is only the type of a cast is instantiated as void *. */
#define FX_CAST(p, t) ((t)(p)->addr)
#define FX_CAST_VIA(p, t) FX_CAST(p, t)

/* Not functions, each for its own reason. */
#define FX_STR(x) #x
#define FX_PASTE(x) fx_##x
#define FX_SIZEOF_PTR(t) sizeof(t *)
#define FX_VARIADIC(...) fx_pkt_send(__VA_ARGS__)
#define FX_ALIGNED(n) __attribute__((aligned(n)))
#define FX_FOREACH(i) for (int i = 0; i < 4; i++)
#define FX_EMPTY_FN(x)
#define FX_STR_VIA(x) FX_STR(x)
#define FX_IMMEDIATE(x) __asm__ volatile("" ::"i"(x))

/* Defect 1: a void statement macro with a configured signature. */
#define FX_RESET(p) do { (p)->len = 0; (p)->off = 0; } while (0)

/* Defect 3: clang stops at bracket depth 256, a fatal error; the macros after it in name
   order (FX_E..., fx_...) must still be evaluated and inferred. */
#define FX_DEEP ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
#define FX_DEEP_FN(x) ((x) + ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
#define FX_EVALUATED_AFTER (3 + 4)

/* Defect 4: pointers made from integers, which the importer does not import. */
typedef void (*fx_destructor)(void *);
#define FX_STATIC ((fx_destructor)0)
#define FX_TRANSIENT ((fx_destructor)-1)
#define FX_EMPTY (void *)-1

/* Defect 5: the same name as an enum constant of a header outside the API. */
#define FX_KIND_B 2
#define FX_KIND_C (1 + 2)

#endif
