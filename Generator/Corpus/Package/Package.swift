// swift-tools-version:6.1
// The regression corpus: bindings cne-bindgen generates for three C libraries nobody here
// wrote, built and called. Generator/Corpus/run.sh copies this package to a scratch
// directory and generates Sources/C<Lib>, Sources/<Lib> into it (--swiftpm-layout).
import PackageDescription

/// A generated C module (module map, umbrella, shims.c) and the Swift module over it.
func library(_ swift: String) -> [Target] {
    [
        .target(name: "C" + swift, path: "Sources/C" + swift, exclude: [], publicHeadersPath: "include"),
        .target(name: swift, dependencies: [.target(name: "C" + swift)], path: "Sources/" + swift, exclude: ["SKIPPED.md"]),
    ]
}

let package = Package(
    name: "BindgenCorpus",
    targets: library("Zlib") + library("Sqlite3") + library("Xdp") + [
        .testTarget(name: "CorpusTests", dependencies: ["Zlib", "Sqlite3", "Xdp"], path: "Tests/CorpusTests"),
    ],
    swiftLanguageModes: [.v6]
)
