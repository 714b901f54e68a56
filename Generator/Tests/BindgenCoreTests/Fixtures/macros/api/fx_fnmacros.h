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
/* Called by the generated tests although they call functions (issue 12): a header function
   that only touches its parameters' members (CNDP's pktmbuf_adjust), and a call under `if (0)`
   (json-c's MC_SET_DEBUG). Only referenced: a library function, a header function that loops
   or follows a pointer it loaded. */
static inline char *fx_pkt_trim_front(fx_pkt_t *p, uint16_t n) {
    do {
        if (n > p->len)
            return (char *)0;
    } while (0);
    p->len = (uint16_t)(p->len - n);
    p->off = (uint16_t)(p->off + n);
    return (char *)p->addr + p->off;
}
static inline int fx_pkt_chain_len(const fx_pkt_t *p) {
    int n = 0;
    while (p) { n++; p = p->next; }
    return n;
}
static inline uint16_t fx_pkt_next_len_of(const fx_pkt_t *p) { return p->next->len; }
#define fx_pkt_trim(p, n) fx_pkt_trim_front(p, n)
#define FX_SEND_NEVER(p) if (0) fx_pkt_send(p, 0)
#define fx_pkt_chain(p) fx_pkt_chain_len(p)
#define fx_pkt_next_len2(p) fx_pkt_next_len_of(p)
/* Follows a loaded pointer, but with p null clang folds it to 0: called with NULL. */
#define fx_pkt_next_len_or0(p) ((p) ? (p)->next->len : 0)
/* Subscripts: called when the index, with the test's values, is a constant within the array. */
typedef struct fx_filter {
    uint32_t bits[8];
} fx_filter_t;
#define FX_FILTER_HAS(t, f) ((((f)->bits[(t) >> 5]) & (1u << ((t) & 31))) != 0)
#define FX_FILTER_FAR(t, f) ((f)->bits[(t) + 8])
/* A `for` header over a chain: a Swift function taking a closure. */
#define fx_pkt_foreach_next(p, q) for ((q) = (p)->next; (q) != 0; (q) = (q)->next)
/* memcpy without <string.h>: the C module includes it for the macro. */
#define FX_COPY4(p) memcpy(&(p)->len, &(p)->off, 2)

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

/* Records by value from outside the API, compared by their bytes when all are defined: a
   union of <netinet/in.h> (CNDP's CIN6_ADDR), a struct of a header outside the API. Not called:
   padding, a union no member of which spans it. */
#include <netinet/in.h>
typedef struct fx_holder {
    uint16_t port;
    uint16_t family;
    union {
        struct in_addr a4;
        struct in6_addr a6;
    };
    struct fx_outside_pair pair;
    struct fx_outside_padded padded;
    union fx_outside_odd odd;
} fx_holder_t;
#define fx_holder_a6(h) ((h)->a6)
#define fx_holder_pair(h) ((h)->pair)
#define fx_holder_padded(h) ((h)->padded)
#define fx_holder_odd(h) ((h)->odd)
/* Inline assembly (CNDP's cne_prefetch0): hints that cannot change the program (a prefetch, a
   fence) are called; an output operand or an instruction not known to be a hint are not.
   `asm` is a macro there (cne_common.h), so each statement's extent begins in its definition. */
#ifndef asm
#define asm __asm__
#endif
#if defined(__aarch64__)
static inline void fx_prefetch0(const volatile void *p) { asm volatile("prfm pldl1keep, [%0]" : : "r"(p)); }
static inline void fx_fence(void) { __asm__ __volatile__("dmb ish" ::: "memory"); }
static inline uint32_t fx_load32(const volatile void *p) {
    uint32_t v;
    asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(p));
    return v;
}
static inline void fx_flush(const volatile void *p) { asm volatile("dc civac, %0" : : "r"(p)); }
#else
static inline void fx_prefetch0(const volatile void *p) { asm volatile("prefetcht0 %[p]" : : [p] "m"(*(const volatile char *)p)); }
static inline void fx_fence(void) { __asm__ __volatile__("mfence" ::: "memory"); }
static inline uint32_t fx_load32(const volatile void *p) {
    uint32_t v;
    asm volatile("movl %1, %0" : "=r"(v) : "m"(*(const volatile uint32_t *)p));
    return v;
}
static inline void fx_flush(const volatile void *p) { asm volatile("clflush %0" : : "m"(*(const volatile char *)p)); }
#endif
#define FX_PREFETCH(p) do { if ((p) != 0) fx_prefetch0(p); } while (0)
#define FX_FENCE() fx_fence()
#define FX_LOAD32(p) fx_load32(p)
#define FX_FLUSH(p) fx_flush(p)

#endif
