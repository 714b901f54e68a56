/* Functions: extern, static inline, C99 inline, variadic. */
#ifndef FX_FUNCTIONS_H
#define FX_FUNCTIONS_H
#include "fx_records.h"

int fx_extern(int a, const char *name);
static inline int fx_static_inline(int a) { return a + 1; }
inline int fx_c99_inline(int a) { return a * 2; }
int fx_printf(const char *fmt, ...);
int fx_sum(int n, ...);
void fx_take(fx_aligned_t *x);
int fx_blocked(void);

#endif
