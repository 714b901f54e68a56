#!/usr/bin/env bash
# Builds the package with SwiftPM and fails when the compilers print any warning.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "swift-cndp: swift build failed" >&2
    exit "$status"
fi
if grep -E '(^|: )warning: ' "$log" >/dev/null; then
    echo "swift-cndp: swift build printed warnings (the project allows none):" >&2
    grep -E '(^|: )warning: ' "$log" >&2
    exit 1
fi
