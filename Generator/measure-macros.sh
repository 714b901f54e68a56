#!/usr/bin/env bash
# Function-like macros usable from Swift with no configured signature, per header set:
# generates bindings for each library with a config that has no functionMacros, builds the
# generated C module, Swift module and all its generated tests (layouts, constants, macros) in
# a scratch package linked with the library, and runs the tests (each bridged macro is called
# and compared with C's expansion, or, when calling it on scratch memory would not be sound
# (it calls a function of the library, follows a pointer it loaded, ...), referenced as a
# function value, with the reason in SKIPPED.md).
#
#   Generator/measure-macros.sh [SET ...]     sets: cndp-embedded cndp zlib sqlite3 libpcap
#                                             json-c libbpf libxdp libnuma uapi (default: all present)
#   MEASURE_NO_TESTS=1 ...                    counts only, no scratch package build
#
# Prints one line per set: usable/total, how many a test calls, and the tests' result. The
# library's headers are symlinked into a directory of their own, which is the API (includePaths).
# Generator/measure/<set>.json, when present, adds `testSupport`/`testValues` (how the tests
# make the library's objects for macros that call into it; no signature is configured).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="${MEASURE_DIR:-/tmp/cne-bindgen-measure-$$}"
mkdir -p "$work"
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH
swift build --package-path "$here" --product cne-bindgen -c debug 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
bindgen="$here/.build/debug/cne-bindgen"

# set -> "entry headers|files or dirs to link into the API dir|library to link|allow regex"
declare -A sets=(
    [zlib]="zlib.h|/usr/include/zlib.h /usr/include/zconf.h|z|"
    [sqlite3]="sqlite3.h|/usr/include/sqlite3.h|sqlite3|"
    [libpcap]="pcap/pcap.h|/usr/include/pcap|pcap|"
    [json-c]="json-c/json.h|/usr/include/json-c|json-c|"
    [libbpf]="bpf/libbpf.h bpf/bpf.h bpf/btf.h|/usr/include/bpf|bpf|"
    [libxdp]="xdp/libxdp.h xdp/xsk.h|/usr/include/xdp|xdp|"
    [libnuma]="numa.h numaif.h|/usr/include/numa.h /usr/include/numaif.h|numa|"
    [uapi]="if_xdp.h if_link.h|/usr/include/linux/if_xdp.h /usr/include/linux/if_link.h||"
)

config() { # name entries apiDir
    local entries="" e
    for e in $2; do entries+="\"$e\", "; done
    local simd=""
    [[ -n "${4:-}" ]] && simd=$'\n'"    \"simdTargetFeatures\": \"$4\","
    # Views of records with unnamed struct members do not compile yet (issue 12, another
    # item): CNDP's three are left out so that its module and tests build.
    [[ "$1" == cndp ]] && simd+=$'\n'"    \"block\": {\"types\": [\"cli\", \"cli_node\", \"cne_memif_msg_queue_elt\"]},"
    # Its C99 inline functions (xskdev_rx_burst) get external definitions where libcndp has none.
    [[ "$1" == cndp && -n "${5:-}" ]] && simd+=$'\n'"    \"symbolSources\": [\"$5\"],"
    # Its members, between the object's braces (first and last line), then a comma.
    [[ -f "$here/measure/$1.json" ]] && simd+=$'\n'"$(sed -e '1d' -e '$d' -e "s|@HERE@|$here/measure|g" "$here/measure/$1.json"),"
    cat <<EOF
{
    "entryHeaders": [${entries%, }],
    "includePaths": ["$3"],
    "defines": ["_GNU_SOURCE"],$simd
    "outputs": { "cModule": "out/CLib", "swiftModule": "out/Lib", "layoutTests": "out/LibTests" },
    "cModuleName": "CLib", "swiftModuleName": "Lib", "shimPrefix": "m_"
}
EOF
}

package() { # dir apiDir lib [libDir]
    local link="[.linkedLibrary(\"$3\")]"
    [[ -z "$3" ]] && link="[]"   # header-only (uapi)
    [[ -n "${4:-}" ]] && link="[.linkedLibrary(\"$3\"), .unsafeFlags([\"-L$4\", \"-Xlinker\", \"-rpath\", \"-Xlinker\", \"$4\"])]"
    cat > "$1/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription
let include: [String] = ["-I", "$2"]
let package = Package(
    name: "Measure",
    targets: [
        .target(name: "CLib", path: "out/CLib", cSettings: [.unsafeFlags(include)], linkerSettings: $link),
        .target(name: "Lib", dependencies: ["CLib"], path: "out/Lib", exclude: ["SKIPPED.md"], swiftSettings: [.unsafeFlags(["-Xcc", "-I", "-Xcc", "$2"])]),
        .testTarget(name: "LibTests", dependencies: ["Lib", "CLib"], path: "out/LibTests", swiftSettings: [.unsafeFlags(["-Xcc", "-I", "-Xcc", "$2"])]),
    ]
)
EOF
}

measure() { # set
    local name="$1" dir="$work/$1" entries links lib api libdir=""
    if [[ "$name" == cndp-embedded ]]; then
        api="$root/headers"
        entries="$(sed -n 's/.*"entryHeaders": *\[\(.*\)\].*/\1/p' "$root/headers/cne-bindgen.json" | tr -d '",')"
        lib=""
    elif [[ "$name" == cndp ]]; then
        # An installed CNDP: its headers (with the build config) and libcndp.so.
        [[ -f /opt/cndp/.done || -f /opt/cndp/include/cndp/cne_build_config.h && -n "$(ls /opt/cndp/lib/*/libcndp.so /opt/cndp/lib*/libcndp.so 2>/dev/null)" ]] \
            || { echo "cndp: no CNDP installed in /opt/cndp, skipped"; return; }
        api="/opt/cndp/include/cndp"
        entries="cne_build_config.h $(cd "$api" && ls *.h | grep -v -e '^cne_build_config.h$' | tr '\n' ' ')"
        lib="cndp"
        libdir="$(dirname "$(ls /opt/cndp/lib/*/libcndp.so /opt/cndp/lib*/libcndp.so 2>/dev/null | head -n 1)")"
    else
        IFS='|' read -r entries links lib _ <<< "${sets[$name]}"
        api="$dir/api"
        mkdir -p "$api"
        local l
        for l in $links; do [[ -e "$l" ]] || { echo "$name: $l missing, skipped"; return; }; ln -sfn "$l" "$api/$(basename "$l")"; done
    fi
    mkdir -p "$dir"
    # CNDP's headers have AVX2/AVX-512 inline functions (cne_pktcpy.h, the ACL): each SIMD
    # wrapper is compiled for the features its intrinsics declare, so no list is configured
    # (a configured one would go to the wrappers whose features cannot be derived, such as
    # cne_pause's `__builtin_ia32_pause`, which need none).
    local simd=""
    config "$name" "$entries" "$api" "$simd" "${libdir:+$libdir/lib$lib.so}" > "$dir/cne-bindgen.json"
    rm -rf "$dir/out"
    if ! (cd "$dir" && "$bindgen" generate --config cne-bindgen.json > "$dir/generate.log" 2>&1); then
        echo "$name: generation failed (see $dir/generate.log)"
        return
    fi
    local summary
    summary="$(sed -n 's/^Function-like macros: \([0-9]*\) of \([0-9]*\) usable.*(\([0-9]*\) with an inferred.*; \([0-9]*\) of the inferred ones are called.*/\1 \2 \3 \4/p' "$dir/out/Lib/SKIPPED.md")"
    read -r usable total inferred called <<< "$summary"
    local tests="not run"
    if [[ -z "${MEASURE_NO_TESTS:-}" ]]; then
        if [[ "$name" == cndp-embedded ]]; then
            tests="see swift test --filter CNESysTests in the root package"
        else
            package "$dir" "$api" "$lib" "$libdir"
            if [[ -z "$(ls "$dir/out/LibTests" 2>/dev/null)" ]]; then
                tests="none generated (no macro, no view)"
            elif (cd "$dir" && swift test > "$dir/test.log" 2>&1); then
                tests="$(grep -Eo 'Test run with [0-9]+ tests? .*passed' "$dir/test.log" | tail -n 1)"
            else
                tests="FAILED (see $dir/test.log)"
            fi
        fi
    fi
    printf '%-14s %4s/%-4s usable (%s inferred); %s called and compared with C; tests: %s\n' "$name" "$usable" "$total" "$inferred" "$called" "$tests"
}

chosen=("$@")
[[ ${#chosen[@]} -gt 0 ]] || chosen=(cndp-embedded cndp zlib sqlite3 libpcap json-c libbpf libxdp libnuma uapi)
for s in "${chosen[@]}"; do measure "$s"; done
