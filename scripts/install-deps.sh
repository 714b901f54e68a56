#!/usr/bin/env bash
# Installs the Debian packages swift-cndp needs, when any is missing.
# Usage: scripts/install-deps.sh [bench]   (as root; does nothing when everything is present;
#        "bench" adds what `make bench` needs besides: valgrind, for instruction counts)
set -euo pipefail

packages=(
    build-essential   # gcc, make: the C core's own build and tests
    pkg-config
    libclang-dev      # the generator (cne-bindgen) parses headers with libclang
    zlib1g-dev        # the generator's regression corpus (Generator/Corpus): zlib,
    libsqlite3-dev    # sqlite3 and libxdp (below) bound, built and called from Swift
    libbpf-dev        # AF_XDP ports
    libxdp-dev
    libjson-c-dev     # CNDP's config format
    iproute2          # ip netns / veth for the port tests and the demo
    python3           # scripts/peer.py: the demo's and the example tests' traffic peer; make bench
    python3-venv      # make test-deploy: the kubernetes client from PyPI in a venv
    buildah           # make image / test-image: the container image, from scratch
    podman            # test-image: runs the image's binary as a container
    libcap2-bin       # setcap: the image's binary carries NET_RAW and IPC_LOCK
    iputils-ping      # make test-responder: the kernel's ping (v4, v6, flood) as a real client
    iputils-arping    # make test-responder: ARP requests from a real client
    curl              # the runtime tests scrape /metrics, /livez, /readyz with a real HTTP client
    libb2-dev         # WireGuardCore: BLAKE2s
    libsodium-dev     # WireGuardCore: X25519, ChaCha20-Poly1305, XChaCha20-Poly1305
    wireguard-go      # the real WireGuard peer the cne-wg interop test talks to
    wireguard-tools   # wg: configures wireguard-go, shows its handshakes and counters
    iperf3            # a bounded TCP stream through the WireGuard tunnel
    ethtool           # gateway test: checksums filled in by a client's veth, not left to "hardware"
)

if [ "${1:-}" = bench ]; then
    packages+=(valgrind)  # make bench: callgrind instruction counts
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "swift-cndp: error: no 'swift' on PATH. Install a Swift 6 toolchain (swift.org) first." >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "swift-cndp: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "swift-cndp: error: these Debian packages are missing and installing them needs root:" >&2
    echo "    apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/swift-cndp-apt.log 2>&1; then
    echo "swift-cndp: error: could not install: ${missing[*]}" >&2
    echo "    apt-get said (last lines of /tmp/swift-cndp-apt.log):" >&2
    tail -n 15 /tmp/swift-cndp-apt.log | sed 's/^/    /' >&2
    exit 1
fi
echo "swift-cndp: installed ${missing[*]}"
