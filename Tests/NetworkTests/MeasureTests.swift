import Foundation
import Testing
@testable import Network

/// Edge betweenness, approximation, iteration failures and invariants.
@Suite("Measures: edges, approximation, invariants")
struct MeasureTests {
    @Test("edge betweenness matches networkx", arguments: ["karate", "florentine", "kite", "path", "star", "components",
                                                            "directed", "multiedge", "weighted_random", "davis_women_projection"])
    func edgeBetweenness(_ name: String) throws {
        let l = try GoldenTests.load(name)
        let g = l.graph
        let em = l.golden["edge_metrics"] as? [String: Any] ?? [:]
        for (key, weights, normalized) in [("edge_betweenness", PathWeights.none, true), ("edge_betweenness_raw", .none, false),
                                           ("edge_betweenness_weighted", .distance, true)] {
            guard let rows = em[key] as? [[Any]] else { continue }
            let values = try Betweenness.edges(g, weights: weights, normalized: normalized)
            var byPair: [String: Double] = [:]
            for e in 0..<g.edgeCount {
                var a = g.labels[Int(g.edgeSource[e])], b = g.labels[Int(g.edgeTarget[e])]
                if !g.directed && b < a { swap(&a, &b) }
                byPair["\(a)|\(b)"] = values[e]
            }
            #expect(rows.count == g.edgeCount, "\(name) \(key)")
            for r in rows {
                let got = try #require(byPair["\(r[0] as! String)|\(r[1] as! String)"], "\(name) \(key) \(r)")
                #expect(close(got, r[2] as! Double), "\(name) \(key) \(r[0])-\(r[1]): \(got) vs \(r[2])")
            }
        }
    }

    @Test("approximate betweenness: within epsilon of exact on ba_10k, same on 1 and 2 threads")
    func approximation() throws {
        let l = try GoldenTests.load("ba_10k")
        let exact = (l.golden["node_metrics"] as! [String: [String: Double]])["betweenness"]!
        let eps = 0.05
        let one = Parallel.$forcedThreads.withValue(1) { Betweenness.approximate(l.graph, epsilon: eps, delta: 0.1, seed: 7) }
        let two = Parallel.$forcedThreads.withValue(2) { Betweenness.approximate(l.graph, epsilon: eps, delta: 0.1, seed: 7) }
        #expect(one.values == two.values)
        let maxErr = l.graph.labels.indices.map { abs(one.values[$0] - exact[l.graph.labels[$0]]!) }.max()!
        #expect(maxErr <= eps, "max error \(maxErr)")
        #expect(one.samples > 0 && one.vertexDiameter >= 2)
        let other = Betweenness.approximate(l.graph, epsilon: eps, delta: 0.1, seed: 8)
        #expect(other.values != one.values, "the seed matters")
    }

    @Test("Katz with alpha at or beyond 1/λ_max is an error naming λ_max and the largest valid alpha, never zeros")
    func katzDivergence() throws {
        // λ_max from numpy (networkx adjacency): karate 6.725697727631747, the LFR graph larger.
        let karate = try GoldenTests.load("karate").graph
        #expect(abs(Spectral.spectralRadius(karate) - 6.725697727631747) < 1e-7)
        for alpha in [0.15, 1 / 6.725697727631747, 0.5, 2] {
            do {
                let x = try Spectral.katz(karate, alpha: alpha)
                Issue.record("alpha \(alpha): returned \(x.prefix(3)) instead of an error")
            } catch let e as MeasureError {
                guard case let .katzDiverges(a, lambda) = e else { Issue.record("\(e)"); continue }
                #expect(a == alpha && abs(lambda - 6.725697727631747) < 1e-7)
                #expect(e.description.contains("0.148683") && e.description.contains("λ_max ≈ 6.7257"))
            }
        }
        #expect(try Spectral.katz(karate, alpha: 0.1).allSatisfy { $0 > 0 })
        let lfr = try GoldenTests.load("lfr_mu0.1").graph
        #expect(throws: MeasureError.self) { try Spectral.katz(lfr, alpha: 0.1) }
        // Bipartite (a 4-cycle, λ = 2) and a star (λ = √10): the shift keeps the estimate exact.
        func graph(_ n: Int, _ edges: [(Int, Int)]) -> Graph {
            var b = GraphBuilder(directed: false)
            let ids = (0..<n).map { b.addNode("n\($0)") }
            for (u, v) in edges { _ = b.addEdge(ids[u], ids[v]) }
            return b.build()
        }
        #expect(abs(Spectral.spectralRadius(graph(4, [(0, 1), (1, 2), (2, 3), (3, 0)])) - 2) < 1e-7)
        #expect(abs(Spectral.spectralRadius(graph(11, (1...10).map { (0, $0) })) - 10.0.squareRoot()) < 1e-7)
    }

    @Test("invariants: degree sum = 2m, PageRank sums to 1, relabelling permutes results")
    func invariants() throws {
        let l = try GoldenTests.load("karate")
        let g = l.graph
        #expect(Degree.degree(g).reduce(0, +) == Double(2 * g.edgeCount))
        let pr = try Spectral.pageRank(g)
        #expect(abs(pr.reduce(0, +) - 1) < 1e-12)
        // Reverse the node order: every measure follows its node.
        var b = GraphBuilder(directed: false)
        for v in (0..<g.nodeCount).reversed() { b.addNode(g.labels[v]) }
        for e in (0..<g.edgeCount).reversed() {
            b.addEdge(b.index(of: g.labels[Int(g.edgeTarget[e])])!, b.index(of: g.labels[Int(g.edgeSource[e])])!, weight: g.edgeWeight[e])
        }
        let h = b.build()
        for m in ["betweenness", "closeness", "harmonic", "pagerank", "eigenvector", "core_number", "clustering", "constraint"] {
            let x = try Measures.compute([m], on: g)[0].values
            let y = try Measures.compute([m], on: h)[0].values
            for v in 0..<g.nodeCount {
                let w = h.index(of: g.labels[v])!
                #expect(abs(x[v] - y[w]) <= 1e-9 * max(1, abs(x[v])), "\(m) \(g.labels[v])")
            }
        }
    }

    @Test("edge cases: empty graph, one node, two nodes")
    func tiny() throws {
        for n in 0...2 {
            var b = GraphBuilder(directed: false)
            for i in 0..<n { b.addNode("\(i)") }
            if n == 2 { b.addEdge(0, 1) }
            let g = b.build()
            let all = try Measures.compute(["degree", "betweenness", "closeness", "harmonic", "pagerank", "core_number", "clustering"], on: g)
            for s in all { #expect(s.values.count == n) }
            if n == 2 {
                #expect(all[1].values == [0, 0])
                #expect(all[2].values == [1, 1])
            }
        }
    }

    @Test("Barabási–Albert generator: edge count, no duplicates, seeded")
    func generator() {
        let (s, t) = RandomGraphs.barabasiAlbert(n: 1000, m: 3, seed: 5)
        #expect(s.count == 3 + (1000 - 3 - 1) * 3)
        #expect(Set(zip(s, t).map { "\(min($0, $1))-\(max($0, $1))" }).count == s.count)
        let again = RandomGraphs.barabasiAlbert(n: 1000, m: 3, seed: 5)
        #expect(again.source == s && again.target == t)
        #expect(RandomGraphs.barabasiAlbert(n: 1000, m: 3, seed: 6).target != t)
    }

    @Test("shortest path and neighbourhood")
    func paths() throws {
        let l = try GoldenTests.load("path")
        let g = l.graph
        #expect(try Paths.shortestPath(g, from: 0, to: 5)! == [0, 1, 2, 3, 4, 5])
        #expect(Paths.neighbourhood(g, of: 2, radius: 2).map(\.node) == [1, 3, 0, 4])
        let c = try GoldenTests.load("components").graph
        #expect(try Paths.shortestPath(c, from: c.index(of: "A1")!, to: c.index(of: "Z")!) == nil)
    }
}

@Suite("Measure registry")
struct MeasureRegistryTests {
    @Test("every measure in the registry is documented in the README's measure table, and computes")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = readme.components(separatedBy: "### The centrality CSV (a contract)").last!.components(separatedBy: "\n## ").first!
        let g = try GoldenTests.load("karate").graph
        for m in Measures.catalog {
            #expect(table.contains("`\(m.name)`"), "README measure table lacks `\(m.name)`")
            #expect(Measures.isKnown(m.name) && Measures.isIntegral(m.name) == m.integral)
            let v = try Measures.compute([m.name], on: g)[0]
            #expect(v.values.count == g.nodeCount && v.isIntegral == m.integral)
        }
        #expect(Set(Measures.names).count == Measures.catalog.count)
        #expect(Measures.isKnown("wcc") && Measures.isKnown("betweenness_weighted") && !Measures.isKnown("betweeness"))
    }

    @Test("directed statistics: Freeman degree centralization per mode at most 1 (igraph's bounds), directed modularity as networkx")
    func directedStatistics() throws {
        func star(_ n: Int, both: Bool) -> Graph {
            var b = GraphBuilder(directed: true)
            let ids = (0..<n).map { b.addNode("n\($0)") }
            for v in 1..<n {
                _ = b.addEdge(ids[0], ids[v])
                if both { _ = b.addEdge(ids[v], ids[0]) }
            }
            return b.build()
        }
        let out = try #require(GraphMeasures.directedDegreeCentralization(star(8, both: false)))
        #expect(out.outgoing == 1 && out.incoming < 1 && abs(out.total - 0.5) < 1e-12)
        let mutual = try #require(GraphMeasures.directedDegreeCentralization(star(8, both: true)))
        #expect(abs(mutual.outgoing - 6.0 / 7) < 1e-12 && abs(mutual.incoming - 6.0 / 7) < 1e-12 && abs(mutual.total - 1) < 1e-12)
        // The golden directed graph: values from networkx degree lists with igraph's denominators,
        // and networkx's directed modularity of sna's partition.
        let loaded = try GoldenTests.load("directed")
        let c = try #require(GraphMeasures.directedDegreeCentralization(loaded.graph))
        #expect(abs(c.incoming - 0.0939385234128124) < 1e-12 && abs(c.outgoing - 0.11117494972708991) < 1e-12
                && abs(c.total - 0.06049094097019287) < 1e-12)
        // Fixed partitions (node i in cluster i mod 4; four blocks in node order), so the check is
        // of the formula alone, whatever Leiden finds.
        let n = loaded.graph.nodeCount
        let mod4 = Partition(labels: (0..<n).map { $0 % 4 }), blocks = Partition(labels: (0..<n).map { $0 * 4 / n })
        #expect(abs(Modularity.directed(mod4, in: loaded.graph) - -0.03287310979618673) < 1e-12)
        #expect(abs(Modularity.directed(blocks, in: loaded.graph) - -0.008318909417810529) < 1e-12)
        #expect(Modularity.directed(Communities.leiden(loaded.graph, seed: 1), in: loaded.graph) > 0.2)
    }

    @Test("NaN-safe ranks: NaN after every number, finite values in order (robustness with constraint)")
    func nanSafeRanks() throws {
        #expect(Ranking.order([0.5, .nan, 2, 1, .nan]) == [2, 3, 0, 1, 4])
        #expect(Ranking.competition([0.5, .nan, 2, 2, .nan]) == [3, 4, 1, 1, 4])
        // Constraint is NaN for isolated persons; on the sample the full-data ranks of the finite
        // values must follow the values (no inversions) and every NaN rank comes after them.
        let net = try NetworkBuilder.build(try DatasetLoader.load(fixture("../../samples/noerrebro")))
        let g = net.graph
        let values = try Measures.compute(["constraint"], on: g)[0].values
        let ranks = try Robustness.ranks(g, measure: "constraint", dropNodes: 0, dropTies: 0, runs: 1, topK: 5, seed: 1).map(\.rank)
        let finite = values.indices.filter { values[$0].isFinite }
        let nans = values.indices.filter { values[$0].isNaN }
        #expect(!nans.isEmpty)
        for a in finite { for b in finite where values[a] > values[b] { #expect(ranks[a] < ranks[b]) } }
        #expect(nans.allSatisfy { v in finite.allSatisfy { ranks[$0] < ranks[v] } })
    }
}
