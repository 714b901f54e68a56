#include <stdint.h>
struct api_rec { uint32_t a; uint32_t pad; uint16_t b; };
enum { API_E = 2 };
#define API_M 11
#define API_NEW 1
int api_same(int x);
int api_sig(long x);
int api_added(void);
