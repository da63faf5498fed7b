// swift-tools-version: 6.1
import PackageDescription

// `Network` is the graph library (no CLI, no Graphviz, no SQLite); `Store` keeps pulls,
// the log and the audit trail in SQLite; `sna` is the
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
        // The store: SQLite through GRDB (apt: libsqlite3-dev); SHA-256 for the audit chain.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
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
        // The embedded store: pulls, the log as decided events, proposal runs, candidate lists
        // and the hash-chained audit trail (SQLite via GRDB).
        .target(
            name: "Store",
            dependencies: [
                "Network",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "sna",
            dependencies: [
                "Network",
                "Rendering",
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NetworkTests",
            dependencies: ["Network"]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Network", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "snaTests",
            dependencies: ["sna", "Rendering", "Store", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
