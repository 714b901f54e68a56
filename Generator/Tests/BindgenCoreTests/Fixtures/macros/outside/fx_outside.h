/* Outside the API (not under includePaths): its enum constants are still visible to Swift. */
#ifndef FX_OUTSIDE_H
#define FX_OUTSIDE_H
enum { FX_KIND_A = 1, FX_KIND_B = 2, FX_KIND_C = 3 };
#endif
