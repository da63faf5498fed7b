// swift-tools-version: 6.1
// A separate package so the library never depends on the comparison: times sna's CSV reader
// against yaslab/CSV.swift on the same file (run: swift run -c release csv-bench FILE).
import PackageDescription

let package = Package(
    name: "sna-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "sna", path: ".."),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "csv-bench",
            dependencies: [
                .product(name: "Network", package: "sna"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
    ]
)
