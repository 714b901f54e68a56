// swift-tools-version:6.1
// swift-cndp: build cloud-native network functions in Swift on CNDP (AF_XDP).
import PackageDescription

let package = Package(
    name: "swift-cndp",
    products: [],
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
    ],
    swiftLanguageModes: [.v6],
    cLanguageStandard: .c11
)
