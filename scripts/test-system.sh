#!/bin/bash
# CNE's whole test suite, the conformance suite and the example tests on an installed CNDP,
# with no other step: make test-system CNDP_PREFIX=/opt/cndp (root, for the veth tests).
#
# CNESys is generated from CNDP's own headers for the run (their private layouts differ from
# the embedded core's) and regenerated for the embedded core afterwards, even on failure, so
# the working tree ends as it began. The build goes to .build-system, apart from .build.
set -euo pipefail
prefix=${1:?usage: test-system.sh CNDP_PREFIX}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch=.build-system

make --no-print-directory test-conformance CNDP_PREFIX="$prefix"

restore() {
    echo "== regenerating CNESys for the embedded core"
    env -u CNDP_PREFIX Generator/check-generated.sh generate >/dev/null
}
trap restore EXIT
echo "== CNESys from $prefix/include/cndp"
CNDP_PREFIX="$prefix" Generator/check-generated.sh generate >/dev/null

export CNDP_PREFIX="$prefix"
pcdir="$(dirname "$(ls "$prefix"/lib/*/pkgconfig/cndp-swift.pc "$prefix"/lib/pkgconfig/cndp-swift.pc 2>/dev/null | head -n 1)")"
export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
echo "== swift test on CNDP in $prefix"
swift build --build-tests --scratch-path "$scratch"
make --no-print-directory build/test/fake-device-plugin
status=0
# CNDP's UDS client outlives its session (README, "Using a system CNDP"): its threads close a
# descriptor number the process may reuse afterwards, which can trap that test or a later one.
# The device-plugin test therefore runs in a process of its own (and fails when it traps).
plugin_test=devicePluginSessionRunsThePortUnprivileged
swift test --skip-build --scratch-path "$scratch" --skip "$plugin_test" || status=1
swift test --skip-build --scratch-path "$scratch" --filter "$plugin_test" || status=1
echo "== the example tests on CNDP in $prefix"
for p in cne-echo cne-fwd; do
    swift build -c release --scratch-path "$scratch" --product "$p"
done
Tests/Examples/run.sh "$(swift build -c release --scratch-path "$scratch" --show-bin-path)" || status=1
exit $status
