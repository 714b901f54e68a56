#!/usr/bin/env bash
# Entry points of the code generator, for the root Makefile:
#   Generator/check-generated.sh generate   regenerate Sources/CCNESys, Sources/CNESys, Tests/CNESysTests
#   Generator/check-generated.sh check      exit 1 with a diff when the committed output is stale
#   Generator/check-generated.sh dump       print the API manifest
#   Generator/check-generated.sh test       build and run the generator's own tests and the
#                                           regression corpus (Corpus/run.sh: zlib, sqlite3, libxdp)
#                                           and the command plugin on a fixture package (Corpus/run-plugin.sh)
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

# With CNDP_PREFIX: where libcndp.pc is (meson installs it in lib/<triplet>/pkgconfig or
# lib/pkgconfig), and a hint when `swift build` would not find it or would reject it.
pc_hint() {
    local pc found
    found="$(ls "$CNDP_PREFIX"/lib/*/pkgconfig/libcndp.pc "$CNDP_PREFIX"/lib*/pkgconfig/libcndp.pc 2>/dev/null | head -n 1 || true)"
    if command -v pkg-config >/dev/null && pkg-config --exists libcndp 2>/dev/null; then
        pc="$(pkg-config --variable=pcfiledir libcndp)/libcndp.pc"
    else
        pc="$found"
        local where=""
        [[ -n "$found" ]] && where=" (the install has $(dirname "$found"))"
        echo "note: pkg-config does not find libcndp; swift build needs a directory with libcndp.pc on PKG_CONFIG_PATH$where" >&2
    fi
    # SwiftPM rejects a Description spanning several lines ("Unexpected line").
    if [[ -n "$pc" && -f "$pc" ]] && awk '/^Description:/{d=1; next} d && NF && !/^[A-Za-z_.]+[:=]/{bad=1} {d=0} END{exit !bad}' "$pc"; then
        echo "note: $pc has a multi-line Description, which SwiftPM rejects; use a copy with a one-line Description (Generator/README.md)" >&2
    fi
}

# The generator's arguments for the headers and symbols in use.
sources() {
    if [[ -n "${CNDP_PREFIX:-}" ]]; then
        local inc="$CNDP_PREFIX/include/cndp" lib
        [[ -d "$inc" ]] || { echo "CNDP_PREFIX=$CNDP_PREFIX has no include/cndp" >&2; exit 3; }
        # libcndp.so is a GNU ld script in CNDP's install (GROUP ( libcne_uds.so ... )): the
        # generator reads its member libraries. A static-only install has libcndp.a.
        lib="$(ls "$CNDP_PREFIX"/lib/*/libcndp.so "$CNDP_PREFIX"/lib*/libcndp.so \
            "$CNDP_PREFIX"/lib/*/libcndp.a "$CNDP_PREFIX"/lib*/libcndp.a 2>/dev/null | head -n 1 || true)"
        [[ -n "$lib" ]] || { echo "CNDP_PREFIX=$CNDP_PREFIX has no lib*/libcndp.so or libcndp.a" >&2; exit 3; }
        local args=(--include-path "$inc" --symbols "$lib")
        pc_hint >&2
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
    test) swift test --package-path "$here" && "$here/Corpus/run.sh" && "$here/Corpus/run-plugin.sh" ;;
    *) echo "usage: $0 generate|check|dump|test" >&2; exit 64 ;;
esac
