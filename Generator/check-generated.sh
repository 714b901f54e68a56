#!/usr/bin/env bash
# Entry points of the code generator, for the root Makefile:
#   Generator/check-generated.sh generate   regenerate Sources/CCNESys, Sources/CNESys, Tests/CNESysTests
#   Generator/check-generated.sh check      exit 1 with a diff when the committed output is stale
#   Generator/check-generated.sh test       build and run the generator's own tests
# Run from anywhere; paths are resolved from this script's directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
config="headers/cne-bindgen.json"
# Only the Debian libclang-14 is used; keep any other clang's headers out of the parse.
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

build() {
    swift build --package-path "$here" --product cne-bindgen -c debug 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
    "$here/.build/debug/cne-bindgen" "$@"
}

case "${1:-}" in
    generate) cd "$root" && build generate --config "$config" ;;
    check) cd "$root" && build check --config "$config" ;;
    dump) cd "$root" && build dump --config "$config" ;;
    test) swift test --package-path "$here" ;;
    *) echo "usage: $0 generate|check|dump|test" >&2; exit 64 ;;
esac
