import Foundation
import Testing

/// A newcomer's first guess: the file of an algorithm the README names is named for it.
@Suite("source layout")
struct SourceLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// (what the README calls it, the file under Sources/Network that holds it).
    static let algorithms: [(readme: String, file: String)] = [
        ("betweenness", "Betweenness.swift"), ("closeness", "Closeness.swift"), ("PageRank", "PageRank.swift"),
        ("eigenvector", "Eigenvector.swift"), ("Katz", "Katz.swift"), ("HITS", "HITS.swift"),
        ("Louvain", "Louvain.swift"), ("Leiden", "Leiden.swift"), ("label propagation", "LabelPropagation.swift"),
        ("modularity", "Modularity.swift"), ("core/periphery", "CorePeriphery.swift"), ("brokerage", "Brokerage.swift"),
        ("key player", "KeyPlayers.swift"), ("disruption", "Disruption.swift"), ("robustness", "Robustness.swift"),
        ("Adamic", "LinkPrediction.swift"), ("constraint", "StructuralHoles.swift"), ("time-respecting", "TimeRespectingPaths.swift"),
        ("layers", "Layers.swift"), ("k-core", "Cores.swift"), ("clustering", "Clustering.swift"),
    ]

    @Test("every algorithm the README names has a file of its name in Sources/Network")
    func files() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8).lowercased()
        let sources = Self.root.appendingPathComponent("Sources/Network")
        let all = (FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String] ?? []).map { ($0 as NSString).lastPathComponent }
        for a in Self.algorithms {
            #expect(readme.contains(a.readme.lowercased()), "the README names \(a.readme)")
            #expect(all.contains(a.file), "\(a.readme): \(a.file)")
        }
    }
}
