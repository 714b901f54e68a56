/* Object-like macros of every form, and function-like ones. */
#ifndef FX_MACROS_H
#define FX_MACROS_H
#include <stdint.h>
#include <stdlib.h>
#include "fx_enums.h"
#include "fx_records.h"

#define FX_INT 42
#define FX_NEG -7
#define FX_FLOAT 1.5
#define FX_STR "hi\n"
#define FX_CONCAT "a" "\x1b[2J"
#define FX_CAST ((uint16_t)3)
#define FX_SIZEOF sizeof(struct fx_ops)
#define FX_ENUM_ALIAS FX_GREEN
#define FX_ANON_ALIAS FX_ANON_B
#define FX_SINGLE_OP (1 << 3)
#define FX_MULTI_OP ((1ULL << 4) | (1ULL << 7))
#define FX_ALIAS FX_INT
#define FX_LIMIT UINT16_MAX
/* Aliases of another header's macros, which the importer imports too. */
#define FX_EXT_ALIAS EXIT_FAILURE
#define FX_EXT_OP (EXIT_FAILURE * 2)
#define FX_FLAG
#define FX_FN(x) ((x) + 1)
#define FX_UNBRIDGED(x) (x)
#define FX_FIELD(s) ((s)->a)

/* Imported by Swift but broken on use: a negative literal cast to an unsigned type. */
typedef uint64_t fx_iova_t;
#define FX_BAD_IOVA ((fx_iova_t)-1)

/* A flag family (Int32 in Swift) feeding a uint16_t member; FX_F_LEN is no flag. */
#define FX_F_A   (1 << 0)
#define FX_F_B   (1 << 3)
#define FX_F_LEN 32
/* Anonymous-enum constants (Int in Swift) feeding an int member. */
enum { FX_ST_NONE = 0, FX_ST_UP, FX_ST_DOWN };
struct fx_cfg {
    uint16_t flags;
    int state;
};
/* A flag family feeding a member of the over-aligned record (through its view). */
#define FX_B_X (1 << 1)
#define FX_B_Y (1 << 2)

#endif
