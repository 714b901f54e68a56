#!/usr/bin/env bash
# The generator table: per C library, what cne-bindgen makes usable from Swift beside Swift's
# importer alone and Debian's rust-bindgen, and what each tool costs.
#
#   Benchmarks/generator/bench-bindgen.sh [CNDP_INCLUDE_DIR ...]     (make bench-generator)
#
# Libraries: headers/ (the embedded core, headers/cne-bindgen.json) and the regression corpus
# (Generator/Corpus/{zlib,sqlite3,libxdp}/cne-bindgen.json); each extra argument is a CNDP
# header tree laid out as installed ($CNDP_PREFIX/include/cndp), parsed with headers/'s config
# plus cne_build_config.h when it has one.
#
# Counts: `cne-bindgen stats` (functions, records, object-like and function-like macros: in the
# API after the config's filters / usable through the generated modules / usable with the
# importer alone) and, for rust-bindgen, the `pub fn`, `pub struct|union` and `pub const` items
# of its output for the same headers (`--allowlist-file` over the config's API headers;
# headers/ uses the allowlists of the Rust crate cne-sys). bindgen 0.60 has no
# `--wrap-static-fns`: static inline functions are not in its output.
# Cost: median (min..max) wall time of RUNS runs (default 5) after a warm-up, and, when
# valgrind is installed, the instructions of one run under callgrind (deterministic).
# cne-bindgen is the release build writing to a scratch directory, its nm symbol check
# included where the config has one; bindgen runs with the Swift toolchain off PATH (with
# /opt/swift/usr/bin on PATH clang-sys picks clang 21's builtin headers and bindgen panics).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-5}"
scratch="$(mktemp -d /tmp/bench-bindgen.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

if ! command -v /usr/bin/bindgen >/dev/null; then
    echo "installing Debian's bindgen (apt package bindgen)" >&2
    sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y bindgen >&2
fi
bindgen_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '^/opt/swift' | paste -sd: -)"

echo "building cne-bindgen (release)" >&2
swift build --package-path "$root/Generator" -c release --product cne-bindgen 2>&1 | { grep -E 'error:' >&2 || true; }
cne_bindgen="$root/Generator/.build/release/cne-bindgen"
[[ -x "$cne_bindgen" ]] || { echo "no release build of cne-bindgen" >&2; exit 1; }
# The embedded core's objects are headers/'s symbol source.
(cd "$root" && swift build --target CNDPCore 2>&1 | { grep -E 'error:' >&2 || true; })

# A config (JSON with comments) as shell words: the entry headers, then "--", then the API
# header regex for bindgen's --allowlist-file.
config_words() {
    python3 - "$1" <<'PY'
import json, os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# Drop // and /* */ comments outside strings (the config format allows them).
out, i, n = [], 0, len(text)
while i < n:
    c = text[i]
    if c == '"':
        j = i + 1
        while j < n and text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        out.append(text[i:j + 1]); i = j + 1
    elif text.startswith("//", i):
        i = text.find("\n", i) if "\n" in text[i:] else n
    elif text.startswith("/*", i):
        i = text.index("*/", i) + 2
    else:
        out.append(c); i += 1
c = json.loads("".join(out))
base = os.path.dirname(os.path.abspath(path))
resolve = lambda p: os.path.normpath(os.path.join(base, p))
api = [resolve(p) for p in c.get("apiHeaders", [])] or [resolve(p) for p in c.get("includePaths", ["."])]
print("\n".join(c["entryHeaders"] + ["--", "(" + "|".join(re.escape(p) + ("/.*" if os.path.isdir(p) else "") for p in api) + ")"]))
PY
}

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

# Instructions of one run under callgrind (millions), or "-" without valgrind.
instructions() {
    command -v valgrind >/dev/null || { echo "-"; return; }
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ { printf "%.0f", $NF / 1e6 }'
}

run_bindgen() { env PATH="$bindgen_path" /usr/bin/bindgen "$@"; }

# One table row: label, config, include dir override ("" = the config's), extra entry headers.
bench() {
    local label="$1" config="$2" include="$3"; shift 3
    local words entries=() allow wrapper="$scratch/wrapper-$RANDOM.h" h
    mapfile -t words < <(config_words "$config")
    for h in "${words[@]}"; do [[ "$h" == "--" ]] && break; entries+=("$h"); done
    allow="${words[-1]}"
    entries=("$@" "${entries[@]}")
    local cne_args=(--config "$config" --swiftpm-layout "$scratch/out")
    local bindgen_args=() includes=()
    if [[ -n "$include" ]]; then
        cne_args+=(--include-path "$include")
        [[ "$include" == "$root/headers" ]] || cne_args+=(--no-symbols)
        for h in "${entries[@]}"; do cne_args+=(--entry-header "$h"); done
        includes=(-I"$include")
    fi
    if [[ "$config" == "$root/headers/cne-bindgen.json" ]]; then
        local a
        for a in 'cne_.+' 'pktdev_.+' 'xskdev_.+' 'pktmbuf_.+' 'lport_.+' 'mmap_.+' 'udsc_.+' 'mempool_.+'; do
            bindgen_args+=(--allowlist-function "$a" --allowlist-type "$a" --allowlist-var "$a")
        done
        bindgen_args+=(--allowlist-var 'LPORT_.+' --allowlist-var 'MEMPOOL_.+')
        [[ -n "$include" ]] || includes=(-I"$root/headers")
    else
        bindgen_args+=(--allowlist-file "$allow")
    fi
    : >"$wrapper"
    for h in "${entries[@]}"; do echo "#include <$h>" >>"$wrapper"; done

    local stats cne bg ci bi rs="$scratch/bindings.rs"
    stats=$("$cne_bindgen" stats "${cne_args[@]}" 2>/dev/null)
    cne=$(measure "$cne_bindgen" generate "${cne_args[@]}")
    bg=$(measure run_bindgen "$wrapper" -o "$rs" "${bindgen_args[@]}" -- "${includes[@]}")
    ci=$(instructions "$cne_bindgen" generate "${cne_args[@]}")
    # valgrind itself runs bindgen (through env it would measure env and lose the exec).
    bi=$(PATH="$bindgen_path" instructions /usr/bin/bindgen "$wrapper" -o "$rs" "${bindgen_args[@]}" -- "${includes[@]}")
    local bf bs bc
    bf=$(grep -c '^    pub fn ' "$rs" || true)
    bs=$(grep -cE '^pub (struct|union) ' "$rs" || true)
    bc=$(grep -c '^pub const ' "$rs" || true)
    python3 - "$label" "$stats" "$cne" "$bg" "$ci" "$bi" "$bf" "$bs" "$bc" <<'PY'
import json, sys
label, stats, cne, bg, ci, bi, bf, bs, bc = sys.argv[1:]
s = json.loads(stats)
def cell(k): return f"{s[k]['generated']} / {s[k]['importer']} / {s[k]['total']}"
cm, cmin, cmax = cne.split(); bm, bmin, bmax = bg.split()
ratio = f"{float(cm) / float(bm):.2f}"
iratio = f"{int(ci) / int(bi):.2f}" if ci != "-" and bi != "-" and int(bi) else "-"
print(f"| {label} | {cell('functions')} ({bf}) | {cell('records')} ({bs}) | {cell('macros')} ({bc}) | {cell('functionMacros')} | "
      f"{cm} s ({cmin}..{cmax}) | {bm} s ({bmin}..{bmax}) | {ratio} | {ci} M / {bi} M | {iratio} |")
PY
}

echo
echo "runs: $runs (+1 warm-up); $(/usr/bin/bindgen --version); $(/usr/bin/valgrind --version 2>/dev/null || echo 'no valgrind: no instruction counts')"
echo "Counts: usable through cne-bindgen's modules / with Swift's importer alone / in the API (rust-bindgen's items)."
echo
echo "| library | functions | records | macros | function-like macros | cne-bindgen generate | bindgen | time ratio | instructions cne-bindgen / bindgen | instr. ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
bench "headers/ (embedded core)" "$root/headers/cne-bindgen.json" ""
for lib in zlib sqlite3 libxdp; do
    bench "$lib" "$root/Generator/Corpus/$lib/cne-bindgen.json" ""
done
for tree in "$@"; do
    pre=()
    [[ -f "$tree/cne_build_config.h" ]] && pre=(cne_build_config.h)
    bench "$tree" "$root/headers/cne-bindgen.json" "$tree" "${pre[@]}"
done
