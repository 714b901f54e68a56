/* Records: one construct each. */
#ifndef FX_RECORDS_H
#define FX_RECORDS_H
#include <stdint.h>

struct fx_aligned_s;
/* A function-pointer typedef whose parameters include the over-aligned record. */
typedef uint16_t (*fx_burst_t)(void *q, struct fx_aligned_s **pkts, uint16_t n);

/* Over-aligned: the importer drops it; the generator emits a view. */
typedef struct fx_aligned_s {
    uint32_t a;
    uint16_t b;
    uint8_t bits : 3;     /* unsigned bitfield */
    int8_t sbits : 4;     /* signed bitfield */
    _Bool flag : 1;       /* bool bitfield */
    _Atomic(uint32_t) counter;
    union {               /* anonymous union */
        uint64_t u;
        void *p;
    };
    struct {              /* anonymous struct */
        uint16_t x;
        uint16_t y;
    };
    char name[8];
    fx_burst_t burst;     /* function-pointer typedef */
    void (*raw_cb)(int);  /* function pointer without a typedef */
    struct fx_undefined *opaque; /* a record no header defines: OpaquePointer, as imported */
    uint8_t data[];       /* flexible array */
} __attribute__((aligned(32))) fx_aligned_t;

/* Ordinary bitfields in an importable record: layout checks only. */
struct fx_bits {
    unsigned int lo : 5;
    unsigned int hi : 11;
    uint64_t wide : 40;
};

/* A named union. */
typedef union fx_value {
    int32_t i;
    double d;
} fx_value_t;

/* Function pointers, typedef'd and not. */
typedef int (*fx_cb_t)(void *arg);
struct fx_ops {
    fx_cb_t cb;
    void (*raw)(int);
};

#endif
