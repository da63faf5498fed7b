// swift-tools-version: 6.1
import PackageDescription

// Modules, each using only those above it in this list (see README "Architecture"):
// `Network` the graph library (no policy, no CLI, no Graphviz, no SQLite); `Screening` the
// policy, assessment, proposals and candidate pool; `Store` pulls, the log and the audit trail
// in SQLite; `Rendering` the network's pictures (views, colours, sizes) and the one owner of Graphviz pointers; `MeetingPack` the report; `sna` the
// command-line tool (argument parsing and output only); `snabench` the developers' benchmark
// and graph-generator tool. Rendering through libgraphviz sits behind the default-on
// `Graphviz` trait, so `swift build --disable-default-traits` builds on a
// machine without libgraphviz-dev.
let package = Package(
    name: "sna",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Network", targets: ["Network"]),
        .library(name: "Screening", targets: ["Screening"]),
        .executable(name: "sna", targets: ["sna"]),
        .executable(name: "snabench", targets: ["snabench"]),
    ],
    traits: [
        .trait(name: "Graphviz", description: "Render SVG/PNG/PDF in-process through libgraphviz (apt: libgraphviz-dev)."),
        .trait(name: "XLSX", description: "Write .xlsx workbooks (--format xlsx) through libxlsxwriter (apt: libxlsxwriter-dev)."),
        .default(enabledTraits: ["Graphviz", "XLSX"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The store: SQLite through GRDB (apt: libsqlite3-dev); SHA-256 for the audit chain.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // The graph library. The folder keeps its name; the module is `Network` (Apple's
        // `Network` framework is not imported anywhere in this package, see README "Architecture").
        .target(name: "Network"),
        // The screening: policy (Yams parses the policy file, with line numbers for errors),
        // assessment, proposals, candidate pool.
        .target(name: "Screening", dependencies: ["Network", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // The Swift wrapper that owns every Graphviz pointer; without the trait it builds
        // and reports that rendering is unavailable.
        .target(
            name: "Rendering",
            dependencies: ["Network", "Screening", .target(name: "CGraphviz", condition: .when(traits: ["Graphviz"]))]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Spreadsheet output: the Excel CSV dialect and, with the trait, xlsx workbooks.
        .target(
            name: "Spreadsheet",
            dependencies: ["Network", .target(name: "CXLSXWriter", condition: .when(traits: ["XLSX"]))]
        ),
        // The embedded store: pulls, the log as decided events, proposal runs, candidate lists
        // and the hash-chained audit trail (SQLite via GRDB).
        .target(
            name: "Store",
            dependencies: [
                "Network",
                "Screening",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The crime picture: cases per period, area and code group, police business apart,
        // changes tested (Poisson Z, E-test, weighted displacement difference).
        .target(name: "CrimePicture", dependencies: ["Network", "Screening"]),
        // The meeting pack: document model, HTML and Markdown writers, charts.
        .target(name: "MeetingPack", dependencies: ["Network", "Screening", "Store", "Rendering", "CrimePicture"]),
        .executableTarget(
            name: "sna",
            dependencies: [
                "Network",
                "Screening",
                "Rendering",
                "Store",
                "MeetingPack",
                "Spreadsheet",
                "CrimePicture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The developers' benchmark and graph-generator tool (scripts/bench-peers drives it).
        .executableTarget(
            name: "snabench",
            dependencies: ["Network", "Rendering", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "NetworkTests",
            dependencies: ["Network"]
        ),
        .testTarget(
            name: "ScreeningTests",
            dependencies: ["Screening", "Network"]
        ),
        .testTarget(
            name: "MeetingPackTests",
            dependencies: ["MeetingPack", "Screening", "Network"]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Network", "Screening", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "snaTests",
            dependencies: ["sna", "Rendering", "Store", "Screening", "MeetingPack", "Spreadsheet", "CrimePicture", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
