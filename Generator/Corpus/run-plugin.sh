#!/usr/bin/env bash
# The `swift package generate-bindings` command plugin, exercised as a package using it would
# (part of `make test-generator`): copies the fixture package Corpus/Plugin to
# Generator/.build/plugin-package (kept between runs: incremental builds), removes what the
# plugin writes, runs the plugin with the package's default config (cne-bindgen.json), then
# builds the package and runs its tests: the generated layout/macro tests and a hand-written
# one calling the generated Swift module. Fails when the plugin writes nothing or the output
# does not build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
generator="$(dirname "$here")"
package="$generator/.build/plugin-package"
unset CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH

mkdir -p "$package"
rm -rf "$package/Sources" "$package/Tests" "$package/include"
cp "$here/Plugin/Package.swift" "$here/Plugin/cne-bindgen.json" "$package/"
cp -r "$here/Plugin/include" "$here/Plugin/Tests" "$package/"
# SwiftPM loads the package graph before running a plugin: the generated targets' directories
# must exist (empty: the generator owns them and fills them).
mkdir -p "$package/Sources/CTiny" "$package/Sources/Tiny" "$package/Tests/TinyGenerated"
# (SwiftPM warns that those directories hold no sources yet.)
swift package --package-path "$package" --allow-writing-to-package-directory generate-bindings 2>&1 \
    | grep -vE '^\[[0-9]+/[0-9]+\]|^Build|^Building|^Compiling|^Write|^(Fetch|Comput|Creat|Working copy)|Source files for target|Invalid Exclude' || true
for generated in Sources/CTiny/shims.c Sources/CTiny/include/CTiny.h Sources/Tiny/MacroFunctions.swift Tests/TinyGenerated/MacroFunctionTests.swift; do
    [[ -f "$package/$generated" ]] || { echo "plugin: generate-bindings did not write $generated" >&2; exit 1; }
done
swift build --package-path "$package" --build-tests 2>&1 | { grep -E 'warning:|error:' >&2 || true; }
if ! swift test --package-path "$package" --skip-build > "$package/test.log" 2>&1; then
    grep -E '✘|error' "$package/test.log" | tail -n 20 >&2
    echo "plugin: the fixture package's tests failed (see $package/test.log)" >&2
    exit 1
fi
grep -E 'Test run with' "$package/test.log" | tail -n 1
echo "plugin: generate-bindings wrote the bindings; the package builds and its tests pass"
