#!/bin/bash
# CNE's whole test suite, the conformance suite, the example tests (cne-echo, cne-fwd,
# cne-responder, cne-wg against wireguard-go) and the runtime's acceptance on an installed CNDP,
# with no other step: make test-system CNDP_PREFIX=/opt/cndp (root, for the veth tests).
#
# It builds the committed CNESys, as an application that depends on the package by URL does:
# with CNDP_PREFIX, CCNESys pins only the layouts its Swift views rely on, and CNESysTests
# check every generated constant and inline wrapper against CNDP's C. The build goes to
# .build-system, apart from .build.
set -euo pipefail
prefix=${1:?usage: test-system.sh CNDP_PREFIX}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch=.build-system

make --no-print-directory test-conformance CNDP_PREFIX="$prefix"

export CNDP_PREFIX="$prefix"
pcdir="$(dirname "$(ls "$prefix"/lib/*/pkgconfig/cndp-swift.pc "$prefix"/lib/pkgconfig/cndp-swift.pc 2>/dev/null | head -n 1)")"
export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
echo "== swift test on CNDP in $prefix"
swift build --build-tests --scratch-path "$scratch"
make --no-print-directory build/test/fake-device-plugin
status=0
swift test --skip-build --scratch-path "$scratch" || status=1
echo "== the example tests on CNDP in $prefix"
for p in cne-echo cne-fwd cne-responder; do
    swift build -c release --scratch-path "$scratch" --product "$p"
done
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
Tests/Examples/run.sh "$bin" || status=1
echo "== the runtime's acceptance (metrics, SIGTERM drain, XDP leftovers) on CNDP in $prefix"
Tests/Runtime/acceptance.sh "$bin" || status=1
echo "== cne-responder against the kernel's ping and arping on CNDP in $prefix"
Tests/Responder/run.sh "$bin" || status=1
echo "== cne-wg against wireguard-go (endpoint and gateway) on CNDP in $prefix"
swift build --scratch-path "$scratch" --product cne-wg
debug_bin="$(swift build --scratch-path "$scratch" --show-bin-path)"
Tests/WireGuard/interop.sh "$debug_bin/cne-wg" || status=1
Tests/WireGuard/gateway.sh "$debug_bin/cne-wg" || status=1
exit $status
