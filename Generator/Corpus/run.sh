#!/usr/bin/env bash
# The generator's regression corpus (run by `make test-generator`): for zlib, sqlite3 and libxdp
# (Debian -dev packages, scripts/install-deps.sh), generate the bindings from the worked
# configs in this directory into a SwiftPM package, compare each API manifest with the
# committed golden (<lib>/manifest.json; `cne-bindgen diff`, any change fails), then build the
# package and run its tests, which call into each library from Swift.
#
#   Generator/Corpus/run.sh            check
#   Generator/Corpus/run.sh --update   rewrite the golden manifests (review `git diff`)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
generator="$(dirname "$here")"
package="$generator/.build/corpus-package"   # kept between runs: incremental builds
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

swift build --package-path "$generator" --product cne-bindgen 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
bindgen="$generator/.build/debug/cne-bindgen"

mkdir -p "$package"
cp "$here/Package/Package.swift" "$package/"
rm -rf "$package/Tests" && cp -r "$here/Package/Tests" "$package/"

status=0
for lib in zlib sqlite3 libxdp; do
    config="$here/$lib/cne-bindgen.json"
    "$bindgen" generate --config "$config" --swiftpm-layout "$package" | sed "s/^/$lib: /"
    "$bindgen" dump --config "$config" -o "$package/$lib.manifest.json"
    if [[ "${1:-}" == "--update" ]]; then
        cp "$package/$lib.manifest.json" "$here/$lib/manifest.json"
    elif ! "$bindgen" diff "$here/$lib/manifest.json" "$package/$lib.manifest.json" > "$package/$lib.diff"; then
        echo "$lib: the API manifest differs from Generator/Corpus/$lib/manifest.json:" >&2
        cat "$package/$lib.diff" >&2
        status=1
    fi
done
swift build --package-path "$package" --build-tests 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
swift test --package-path "$package" --skip-build 2>&1 | grep -E '✘|passed after|failed after|error' | tail -n 20
exit "$status"
