#!/usr/bin/env bash
# Wall time of `cne-bindgen generate` against Debian's `bindgen` on the same headers.
#
#   Benchmarks/generator/bench-bindgen.sh [CNDP_INCLUDE_DIR ...]
#
# Always measures headers/ (the embedded core's API, with headers/cne-bindgen.json); each
# extra argument is a CNDP header tree laid out as installed ($CNDP_PREFIX/include/cndp),
# parsed with the same entry headers plus cne_build_config.h when it has one.
# bindgen runs with the options of the Rust crate cne-sys's build.rs: allowlists cne_.+,
# pktdev_.+, xskdev_.+, pktmbuf_.+, lport_.+, mmap_.+, udsc_.+, mempool_.+ (functions,
# types, variables) and LPORT_.+, MEMPOOL_.+ (variables, i.e. macros); --wrap-static-fns when
# the installed bindgen has it (Debian's 0.60 does not). It runs with the Swift toolchain off
# PATH: with /opt/swift/usr/bin on PATH, clang-sys picks clang 21's builtin headers and
# bindgen panics (Generator/README.md).
#
# Prints, per header tree: median (min..max) of RUNS runs (default 7) after one warm-up run,
# and the ratio of the medians. Both tools write to a scratch directory; the repository's
# generated files are not touched. cne-bindgen is the release build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-7}"
scratch="$(mktemp -d /tmp/bench-bindgen.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

if ! command -v /usr/bin/bindgen >/dev/null; then
    echo "installing Debian's bindgen (apt package bindgen)" >&2
    sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y bindgen >&2
fi
bindgen_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '^/opt/swift' | paste -sd: -)"

echo "building cne-bindgen (release)" >&2
swift build --package-path "$root/Generator" -c release --product cne-bindgen 2>&1 | { grep -E 'error:' >&2 || true; }
cne_bindgen="$root/Generator/.build/release/cne-bindgen"

# The entry headers of headers/cne-bindgen.json, in order.
mapfile -t entries < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["entryHeaders"]))' "$root/headers/cne-bindgen.json")

# A copy of the config whose relative paths point back at headers/ and whose outputs are scratch.
config="$scratch/cne-bindgen.json"
python3 - "$root/headers/cne-bindgen.json" "$config" "$scratch/out" <<'PY'
import json, os, sys
src, dst, out = sys.argv[1:]
c = json.load(open(src))
base = os.path.dirname(os.path.abspath(src))
c["includePaths"] = [os.path.normpath(os.path.join(base, p)) for p in c.get("includePaths", ["."])]
# The symbol check (nm over CNDPCore's objects) is part of the timed run when they are built.
c["symbolSources"] = [p for p in (os.path.normpath(os.path.join(base, s)) for s in c.get("symbolSources", [])) if os.path.exists(p)]
c["outputs"] = {k: os.path.join(out, k) for k in c["outputs"]}
json.dump(c, open(dst, "w"), indent=1)
PY

allow=('cne_.+' 'pktdev_.+' 'xskdev_.+' 'pktmbuf_.+' 'lport_.+' 'mmap_.+' 'udsc_.+' 'mempool_.+')
bindgen_args=()
for a in "${allow[@]}"; do bindgen_args+=(--allowlist-function "$a" --allowlist-type "$a" --allowlist-var "$a"); done
bindgen_args+=(--allowlist-var 'LPORT_.+' --allowlist-var 'MEMPOOL_.+')
if /usr/bin/bindgen --help 2>/dev/null | grep -q -- --wrap-static-fns; then
    bindgen_args+=(--experimental --wrap-static-fns --wrap-static-fns-path "$scratch/static_fns")
    wrap_note="with --wrap-static-fns"
else
    wrap_note="no --wrap-static-fns in $(/usr/bin/bindgen --version)"
fi

# Seconds for one run of a command (output discarded); fails loudly if the command fails.
time_one() {
    local start end
    start=$(date +%s.%N)
    if ! "$@" >"$scratch/last.log" 2>&1; then
        echo "failed: $*" >&2
        tail -20 "$scratch/last.log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

# "median min max" of RUNS timed runs after one warm-up.
measure() {
    time_one "$@" >/dev/null
    local i
    for ((i = 0; i < runs; i++)); do time_one "$@"; done | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}

run_bindgen() { env PATH="$bindgen_path" /usr/bin/bindgen "$@"; }

report() {
    local label="$1" cne="$2" bg="$3"
    read -r cm cmin cmax <<<"$cne"
    read -r bm bmin bmax <<<"$bg"
    printf '%-34s %-26s %-26s %s\n' "$label" "${cm}s (${cmin}..${cmax})" "${bm}s (${bmin}..${bmax})" "$(echo "scale=2; $cm / $bm" | bc -l)"
}

bench_tree() {
    local label="$1" include="$2"; shift 2
    local extra=("$@") wrapper="$scratch/wrapper-$RANDOM.h" h
    : >"$wrapper"
    for h in "${extra[@]}" "${entries[@]}"; do echo "#include <$h>" >>"$wrapper"; done
    local cne_args=(generate --config "$config" --include-path "$include")
    [[ "$include" == "$root/headers" ]] || cne_args+=(--no-symbols)
    for h in "${extra[@]}" "${entries[@]}"; do cne_args+=(--entry-header "$h"); done
    local cne bg
    cne=$(measure "$cne_bindgen" "${cne_args[@]}")
    bg=$(measure run_bindgen "$wrapper" -o "$scratch/bindings.rs" "${bindgen_args[@]}" -- -I"$include")
    report "$label" "$cne" "$bg"
}

echo
echo "runs: $runs (+1 warm-up); bindgen $wrap_note; cne-bindgen: $("$cne_bindgen" --help >/dev/null && echo release build)"
printf '%-34s %-26s %-26s %s\n' "headers" "cne-bindgen generate" "bindgen (cne-sys options)" "ratio"
bench_tree "headers/ (embedded core)" "$root/headers"
for tree in "$@"; do
    pre=()
    [[ -f "$tree/cne_build_config.h" ]] && pre=(cne_build_config.h)
    bench_tree "$tree" "$tree" "${pre[@]}"
done
if [[ -d "$root/.build/debug/CNDPCore.build" ]]; then
    echo "(headers/: cne-bindgen's time includes its symbol check, nm over CNDPCore's objects; other trees: none)"
fi
