// swift-tools-version:6.1
// cne-bindgen: the code generator of swift-cndp. Its own package, so that apps depending on
// swift-cndp never build or link libclang.
import Foundation
import PackageDescription

/// The LLVM installation whose libclang the generator links (`<prefix>/include/clang-c`,
/// `<prefix>/lib/libclang.so`); its builtin headers are found at run time from the library
/// itself. In order: `LLVM_PREFIX` (or `LIBCLANG_PREFIX`) from the environment, the prefix of
/// the `llvm-config` on PATH (a symlink into a versioned tree resolves to it), the newest
/// `/usr/lib/llvm-<N>` (Debian, Ubuntu), Homebrew's, then `/usr`.
func llvmPrefix() -> String {
    let fm = FileManager.default
    func usable(_ prefix: String) -> Bool {
        fm.fileExists(atPath: prefix + "/include/clang-c/Index.h")
            && ((try? fm.contentsOfDirectory(atPath: prefix + "/lib")) ?? []).contains { $0.hasPrefix("libclang.") || $0.hasPrefix("libclang-") }
    }
    let environment = Context.environment
    for key in ["LLVM_PREFIX", "LIBCLANG_PREFIX"] {
        if let prefix = environment[key], !prefix.isEmpty { return prefix }
    }
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
        let tool = URL(fileURLWithPath: String(directory)).appendingPathComponent("llvm-config")
        guard fm.isExecutableFile(atPath: tool.path) else { continue }
        let prefix = tool.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path
        if usable(prefix) { return prefix }
    }
    let versioned = ((try? fm.contentsOfDirectory(atPath: "/usr/lib")) ?? [])
        .compactMap { name -> (Int, String)? in
            guard name.hasPrefix("llvm-"), let version = Int(name.dropFirst(5)) else { return nil }
            return (version, "/usr/lib/" + name)
        }
        .sorted { $0.0 > $1.0 }.map(\.1)
    let candidates = versioned + ["/opt/homebrew/opt/llvm", "/usr/local/opt/llvm", "/usr/local", "/usr"]
    return candidates.first(where: usable) ?? "/usr/lib/llvm-14"
}

let llvm = llvmPrefix()
/// The directory of the libclang the generator links and loads (rpath).
let llvmLib = llvm + "/lib"

/// Swift settings of every target: strict, plus libclang's headers for the CClang module.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-Xcc", "-I\(llvm)/include"]),
]

let package = Package(
    name: "cne-bindgen",
    products: [
        .executable(name: "cne-bindgen", targets: ["cne-bindgen"]),
        .library(name: "BindgenCore", targets: ["BindgenCore"]),
        .plugin(name: "GenerateBindings", targets: ["GenerateBindings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CClang", path: "Sources/CClang"),
        .target(
            name: "BindgenCore",
            dependencies: ["CClang"],
            swiftSettings: strict,
            linkerSettings: [
                .unsafeFlags(["-L\(llvmLib)", "-Xlinker", "-rpath", "-Xlinker", llvmLib]),
            ]
        ),
        .executableTarget(
            name: "cne-bindgen",
            dependencies: [
                "BindgenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .plugin(
            name: "GenerateBindings",
            capability: .command(
                intent: .custom(verb: "generate-bindings", description: "Generate Swift bindings for C headers with cne-bindgen"),
                permissions: [.writeToPackageDirectory(reason: "cne-bindgen writes the generated C and Swift modules")]
            ),
            dependencies: ["cne-bindgen"]
        ),
        .testTarget(
            name: "BindgenCoreTests",
            dependencies: ["BindgenCore"],
            exclude: ["Fixtures", "Expected"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
