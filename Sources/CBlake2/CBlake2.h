// libb2 (Debian libb2-dev): the reference BLAKE2 implementation. WireGuardCore uses BLAKE2s.
#include <blake2.h>
