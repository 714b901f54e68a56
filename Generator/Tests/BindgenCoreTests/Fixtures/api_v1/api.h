#include <stdint.h>
struct api_rec { uint32_t a; uint16_t b; };
enum { API_E = 1 };
#define API_M 10
int api_same(int x);
int api_sig(int x);
int api_gone(void);
