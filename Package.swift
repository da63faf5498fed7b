// swift-tools-version: 6.1
import PackageDescription

// `Network` is the graph library (no CLI, no Graphviz, no SQLite); `sna` is the
// command-line tool. Rendering through libgraphviz sits behind the default-on
// `Graphviz` trait, so `swift build --disable-default-traits` builds on a
// machine without libgraphviz-dev.
let package = Package(
    name: "sna",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Network", targets: ["Network"]),
        .executable(name: "sna", targets: ["sna"]),
    ],
    traits: [
        .trait(name: "Graphviz", description: "Render SVG/PNG/PDF in-process through libgraphviz (apt: libgraphviz-dev)."),
        .default(enabledTraits: ["Graphviz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Yams parses the policy file (YAML, with line numbers for errors).
        .target(name: "Network", dependencies: [.product(name: "Yams", package: "Yams")]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // The Swift wrapper that owns every Graphviz pointer; without the trait it builds
        // and reports that rendering is unavailable.
        .target(
            name: "Rendering",
            dependencies: [.target(name: "CGraphviz", condition: .when(traits: ["Graphviz"]))]
        ),
        .executableTarget(
            name: "sna",
            dependencies: [
                "Network",
                "Rendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NetworkTests",
            dependencies: ["Network"]
        ),
        .testTarget(
            name: "snaTests",
            dependencies: ["sna", "Rendering"]
        ),
    ]
)
