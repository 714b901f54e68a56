// swift-tools-version:6.1
// cne-bindgen: the code generator of swift-cndp. Its own package, so that apps depending on
// swift-cndp never build or link libclang.
import PackageDescription

/// The one libclang this generator loads; its builtin headers are derived from its version.
let llvmLib = "/usr/lib/llvm-14/lib"

/// Swift settings of every target: strict, plus libclang's headers for the CClang module.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-Xcc", "-I/usr/lib/llvm-14/include"]),
]

let package = Package(
    name: "cne-bindgen",
    products: [
        .executable(name: "cne-bindgen", targets: ["cne-bindgen"]),
        .library(name: "BindgenCore", targets: ["BindgenCore"]),
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
        .testTarget(
            name: "BindgenCoreTests",
            dependencies: ["BindgenCore"],
            exclude: ["Fixtures", "Expected"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
