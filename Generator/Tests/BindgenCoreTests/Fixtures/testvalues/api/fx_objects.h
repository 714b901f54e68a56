/* Macros whose generated tests need the library's own objects (issue 12): they call the
   library or read memory in front of their argument, so scratch memory cannot back them;
   the config's testValues make the arguments. */
#ifndef FX_OBJECTS_H
#define FX_OBJECTS_H
#include <stdint.h>

typedef struct fx_table fx_table_t; /* opaque: only the library makes one */
fx_table_t *fx_table_new(int size);
void fx_table_free(fx_table_t *t);
int fx_table_count(fx_table_t *t, int kind);
void *fx_table_find(fx_table_t *t, int kind, const char *name);

/* An int result: each side gets its own table. */
#define fx_table_rows(t) fx_table_count(t, 1)
/* A pointer result: both sides share the table and must return the same address. */
#define fx_table_find_row(t, n) fx_table_find(t, 1, n)
/* `n` has no testValues entry here: only referenced, and the report says which is missing. */
#define fx_table_find_col(t, n) fx_table_find(t, 2, n)

/* A `for` header over the table's rows: both sides walk one table, visiting the same rows. */
typedef struct fx_row fx_row_t;
fx_row_t *fx_table_first(fx_table_t *t);
fx_row_t *fx_row_next(fx_row_t *r);
#define fx_table_foreach(t, row) for ((row) = fx_table_first(t); (row); (row) = fx_row_next(row))

/* A vector with its header in front (CNDP's vec_*): a loaded pointer for scratch memory. */
typedef struct fx_vec_hdr { uint32_t len, cap; } fx_vec_hdr_t;
#define fx_vec_len(v) (((fx_vec_hdr_t *)(v) - 1)->len)
/* Writes and returns a pointer: a vector per side, the results compared as offsets from it. */
#define fx_vec_drop(v) (--((fx_vec_hdr_t *)(v) - 1)->len, (char *)(v) + ((fx_vec_hdr_t *)(v) - 1)->len)

#endif
