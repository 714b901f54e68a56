/* Enums: named, anonymous, typedef'd, and a macro clashing with a constant. */
#ifndef FX_ENUMS_H
#define FX_ENUMS_H

enum fx_color { FX_RED, FX_GREEN = 5 };
enum { FX_ANON_A = 1, FX_ANON_B = -2 };
typedef enum { FX_MODE_A, FX_MODE_B } fx_mode_t;

enum { FX_CLASH = 3 };
#define FX_CLASH FX_CLASH

#endif
