/* Outside the API (not under includePaths): its enum constants are still visible to Swift. */
#ifndef FX_OUTSIDE_H
#define FX_OUTSIDE_H
enum { FX_KIND_A = 1, FX_KIND_B = 2, FX_KIND_C = 3 };
/* Records of no API header, returned by value by macros of the API: all bytes defined (a pair,
   compared by its bytes), padding after `tag`, a union no member of which spans it. */
#include <stdint.h>
struct fx_outside_pair { uint32_t lo; uint16_t mid[2]; };
struct fx_outside_padded { uint8_t tag; uint32_t value; };
union fx_outside_odd { uint8_t bytes[3]; uint16_t half; };
#endif
