/* A static inline function using an SSSE3 intrinsic, and one calling it. */
#ifndef FX_SIMD_H
#define FX_SIMD_H
#include <stdint.h>
#include <tmmintrin.h>

/* Reverses the first 16 bytes at p. */
static inline void fx_reverse16(uint8_t *p) {
    const __m128i mask = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    _mm_storeu_si128((__m128i *)p, _mm_shuffle_epi8(v, mask));
}

/* Uses the intrinsic only through fx_reverse16. */
static inline int fx_reverse_twice(uint8_t *p) {
    fx_reverse16(p);
    fx_reverse16(p);
    return p[0];
}

#endif
