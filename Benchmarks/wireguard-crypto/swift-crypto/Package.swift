// swift-tools-version:6.1
// Not part of swift-cndp's build: swift-crypto's ChaChaPoly and Curve25519, measured against
// libsodium by ../compare.sh to choose WireGuardCore's primitives.
import PackageDescription

let package = Package(
    name: "compare",
    dependencies: [.package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3")],
    targets: [.executableTarget(name: "compare", dependencies: [.product(name: "Crypto", package: "swift-crypto")])]
)
