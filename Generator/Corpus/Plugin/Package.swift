// swift-tools-version:6.1
// A package using cne-bindgen's command plugin, as an app would: `swift package
// --allow-writing-to-package-directory generate-bindings` writes Sources/CTiny, Sources/Tiny and
// Tests/TinyGenerated from cne-bindgen.json, then the package builds and its tests run.
// Generator/Corpus/run-plugin.sh copies it to Generator/.build/plugin-package (so "../.." is
// the generator's package) and does that.
import PackageDescription

/// The library's headers (the config's includePaths), for the C and Swift compilers.
let headers: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I", "-Xcc", Context.packageDirectory + "/include"])]

let package = Package(
    name: "PluginFixture",
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "CTiny", path: "Sources/CTiny", publicHeadersPath: "include", cSettings: [.headerSearchPath("../../include")]),
        .target(name: "Tiny", dependencies: ["CTiny"], path: "Sources/Tiny", exclude: ["SKIPPED.md"], swiftSettings: headers),
        .testTarget(name: "TinyGenerated", dependencies: ["Tiny", "CTiny"], path: "Tests/TinyGenerated", swiftSettings: headers),
        .testTarget(name: "TinyTests", dependencies: ["Tiny"], path: "Tests/TinyTests", swiftSettings: headers),
    ],
    swiftLanguageModes: [.v6]
)
