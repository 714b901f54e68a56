/* An inline function whose intrinsics need AVX-512 (as CNDP's cne_pktcpy.h in an AVX-512
   build): the SIMD wrapper must be compiled for avx512f, which no fixed SSE list covers. */
#ifndef GX_AVX512_H
#define GX_AVX512_H
#include <immintrin.h>
#include <stdint.h>

static inline void gx_copy64(uint8_t *dst, const uint8_t *src) {
    _mm512_storeu_si512((void *)dst, _mm512_loadu_si512((const void *)src));
}
#endif
