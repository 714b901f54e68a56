#!/usr/bin/env bash
# How WireGuardCore's crypto libraries were chosen: instructions per operation (callgrind,
# immune to the shared machine's load), each library on the same operation.
# Needs libsodium-dev, libb2-dev, libssl-dev, valgrind, and swift-crypto 3.12.3 reachable.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -std=c11 -O2 -Wall -Wextra -Werror -o "$out/libraries" "$here/libraries.c" -lsodium -lb2 -lcrypto
(cd "$here/swift-crypto" && swift build -c release --scratch-path "$out/swift" >/dev/null)
strip -o "$out/compare" "$out/swift/release/compare"    # valgrind cannot read Swift's debug info
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | awk '/Collected/ {print $4}'; }
per() { local n=$1; shift; echo $(( ($(ir "$@" "$n") - $(ir "$@" 0)) / n )); }
echo "ChaCha20-Poly1305 seal, 1420 B: swift-crypto $(per 200 "$out/compare" chacha) instr, libsodium in place $(per 200 "$out/libraries" chacha) instr"
echo "X25519 shared secret: swift-crypto $(per 200 "$out/compare" x25519) instr, libsodium $(per 200 "$out/libraries" x25519) instr"
echo "BLAKE2s-256 of 116 B: libb2 $(per 2000 "$out/libraries" libb2) instr, OpenSSL 3 EVP $(per 2000 "$out/libraries" openssl-blake2s) instr"
