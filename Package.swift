// swift-tools-version:6.1
// swift-cndp: build cloud-native network functions in Swift on CNDP (AF_XDP).
import PackageDescription

let package = Package(
    name: "swift-cndp",
    products: [
        .library(name: "CNE", targets: ["CNE"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // The embedded default: a clean-room C implementation of the CNDP core API subset,
        // whose public headers are `headers/` (Sources/CNDPCore/include links there).
        .target(
            name: "CNDPCore",
            path: "Sources/CNDPCore",
            linkerSettings: [
                .linkedLibrary("xdp"), .linkedLibrary("bpf"), .linkedLibrary("pthread"),
            ]
        ),
        // The safe Swift API. It reaches C only through CNESys.
        .target(
            name: "CNE",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // json-c, the parser CNDP's jcfg uses: tests check that CNE accepts exactly what it does.
        .systemLibrary(
            name: "CJSONC",
            path: "Tests/CJSONC",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]
        ),
        .testTarget(
            name: "CNETests",
            dependencies: ["CNE", "CJSONC"],
            resources: [.copy("Configs")]
        ),
    ],
    swiftLanguageModes: [.v6],
    cLanguageStandard: .c11
)
