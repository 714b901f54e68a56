#ifndef CNE_CACHE_LINE_SIZE
#error "cne_build_config.h must be included first"
#endif
#include <stdint.h>
#define TREE_VERSION 1
struct tree_rec { uint32_t a; uint32_t pad; uint16_t b; };
int tree_same(int x);
int tree_added(void);
