/* Declarations a blocklist takes away from Swift. */
#ifndef GX_FILTERS_H
#define GX_FILTERS_H
#include <stdio.h>
struct gx_visible { int a; };
struct gx_hidden { int b; };
typedef int gx_hidden_t;
int gx_ok(int x);
int gx_blocked(int x);
extern int gx_blocked_var;
enum gx_mode { GX_MODE_ON = 1, GX_MODE_BLOCKED = 2 };
#define GX_MACRO_OK 7
#define GX_MACRO_BLOCKED 8
#endif
