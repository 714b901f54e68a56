/* An SSSE3 inline function beside gx_avx512.h's AVX-512 one, and a plain inline function that
   a function-like macro calls: each must be compiled for its own target features only (the
   SSSE3 wrapper and the macro's shim must run on a machine without AVX-512). */
#ifndef GX_SSE_H
#define GX_SSE_H
#include <stdint.h>
#include <tmmintrin.h>

static inline void gx_reverse16(uint8_t *p) {
    const __m128i mask = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    _mm_storeu_si128((__m128i *)p, _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), mask));
}

static inline uint32_t gx_sum(uint32_t a, uint32_t b) { return a + b; }
#define GX_SUM(a, b) gx_sum(a, b)
#endif
