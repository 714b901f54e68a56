/* The libclang C API (Debian libclang-14-dev); the only C header the generator imports. */
#include <clang-c/Index.h>
