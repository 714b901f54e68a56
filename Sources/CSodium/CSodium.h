// libsodium (Debian libsodium-dev): X25519, ChaCha20-Poly1305 (IETF, detached, in place) and
// XChaCha20-Poly1305 for WireGuardCore.
#include <sodium.h>
