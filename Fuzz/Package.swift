// swift-tools-version: 6.1
// libFuzzer harnesses for the input readers (a separate package: the library never depends on it).
// Build and run: see scripts/fuzz.
import PackageDescription

let package = Package(
    name: "sna-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "sna", path: "..")],
    targets: [
        .executableTarget(name: "sna-fuzz", dependencies: [.product(name: "Network", package: "sna"), .product(name: "Screening", package: "sna")]),
    ]
)
