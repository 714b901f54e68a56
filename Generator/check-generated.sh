#!/usr/bin/env bash
# Entry points of the code generator, for the root Makefile:
#   Generator/check-generated.sh generate   regenerate Sources/CCNESys, Sources/CNESys, Tests/CNESysTests
#   Generator/check-generated.sh check      exit 1 with a diff when the committed output is stale
#   Generator/check-generated.sh dump       print the API manifest
#   Generator/check-generated.sh test       build and run the generator's own tests
# Run from anywhere; paths are resolved from this script's directory.
#
# With CNDP_PREFIX set (a CNDP installation: $CNDP_PREFIX/include/cndp, lib*/libcndp.so), the
# headers and the symbols come from there instead of headers/ and the embedded CNDPCore;
# the output still goes to the same directories. Without it, CNDPCore is built first so
# that its objects can be read with nm (prototypes without a definition are flagged).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
config="headers/cne-bindgen.json"
# Only the Debian libclang-14 is used; keep any other clang's headers out of the parse.
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

build() {
    swift build --package-path "$here" --product cne-bindgen -c debug 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
}

# The generator's arguments for the headers and symbols in use.
sources() {
    if [[ -n "${CNDP_PREFIX:-}" ]]; then
        local inc="$CNDP_PREFIX/include/cndp" lib
        [[ -d "$inc" ]] || { echo "CNDP_PREFIX=$CNDP_PREFIX has no include/cndp" >&2; exit 3; }
        lib="$(ls "$CNDP_PREFIX"/lib/*/libcndp.so "$CNDP_PREFIX"/lib*/libcndp.so 2>/dev/null | head -n 1 || true)"
        [[ -n "$lib" ]] || { echo "CNDP_PREFIX=$CNDP_PREFIX has no lib*/libcndp.so" >&2; exit 3; }
        local args=(--include-path "$inc" --symbols "$lib")
        # CNDP's headers expect its build configuration first.
        if [[ -f "$inc/cne_build_config.h" ]]; then
            args+=(--entry-header cne_build_config.h)
            local h
            for h in $(sed -n 's/.*"entryHeaders": *\[\(.*\)\].*/\1/p' "$root/$config" | tr -d '",'); do
                args+=(--entry-header "$h")
            done
        fi
        printf '%s\n' "${args[@]}"
    else
        # The embedded core's objects, read with nm (symbolSources in the config).
        (cd "$root" && swift build --target CNDPCore 2>&1 | { grep -E 'warning:|error:' >&2 || true; })
    fi
}

run() {
    local command="$1"
    build
    local args
    mapfile -t args < <(sources)
    cd "$root" && "$here/.build/debug/cne-bindgen" "$command" --config "$config" "${args[@]}"
}

case "${1:-}" in
    generate | check | dump) run "$1" ;;
    test) swift test --package-path "$here" ;;
    *) echo "usage: $0 generate|check|dump|test" >&2; exit 64 ;;
esac
