import Foundation
import Testing
@testable import Network

/// Every node measure of this issue checked against networkx 3.6.1 values in
/// `Fixtures/golden/*/golden.json` (see that README for the conventions and tolerances).
@Suite("Golden values (networkx 3.6.1)")
struct GoldenTests {
    /// The registry's measures no golden file holds, each with why (a new measure must be
    /// added to the golden files or here).
    static let notInGolden: [String: String] = [
        "approx_betweenness": "random sampling: checked against exact betweenness within epsilon (MeasureTests)",
        "closeness_out_wf_false": "closeness_out's reachable-set variant: the same kernel as closeness_in_wf_false, checked there",
        "eccentricity": "no golden key: its largest and smallest values on the largest component are checked against networkx's diameter and radius (graph metrics)",
    ]

    /// Every golden key is a measure of the registry (with `_weighted` only where weights
    /// change the measure), and every registry measure is in a golden file or in
    /// ``notInGolden``.
    @Test("golden keys and the measure registry agree: no golden key left unchecked, no measure left without a reference")
    func keysFromRegistry() throws {
        var keys = Set<String>()
        for name in Self.graphs { keys.formUnion((try Self.load(name).golden["node_metrics"] as! [String: Any]).keys) }
        for k in keys.sorted() { #expect(Measures.isKnown(k), "golden key \(k) is no measure of the registry") }
        let bases = Set(keys.map { Measures.info(Measures.parse($0).base)?.name ?? $0 })
        for m in Measures.names where !bases.contains(m) { #expect(Self.notInGolden[m] != nil, "measure \(m) has no golden reference") }
        for m in Self.notInGolden.keys { #expect(!bases.contains(m), "\(m) is in the golden files now: drop it from notInGolden") }
        #expect(!Measures.isKnown("degree_weighted") && Measures.isKnown("betweenness_weighted"))
        #expect(throws: MeasureError.self) { try Measures.compute(["degree_weighted"], on: try Self.load("karate").graph) }
    }

    /// Iterative measures: absolute 1e-8 (golden README); everything else: relative 1e-9.
    static let iterative: Set<String> = ["eigenvector", "eigenvector_weighted", "pagerank", "pagerank_weighted", "katz", "katz_weighted",
                                          "hits_hub", "hits_authority"]

    static func matches(_ key: String, _ got: Double, _ want: Double) -> Bool {
        iterative.contains(key) ? abs(got - want) <= 1e-8 : close(got, want)
    }

    static let graphs = ["karate", "florentine", "davis", "davis_women_projection", "kite", "path", "star",
                         "components", "directed", "weighted_random", "multiedge",
                         "lfr_mu0.1", "lfr_mu0.2", "lfr_mu0.3"]

    struct Loaded {
        let graph: Graph
        let golden: [String: Any]
    }

    static func load(_ name: String) throws -> Loaded {
        let golden = try readJSON(fixture("golden/\(name)/golden.json"))
        let ds = try DatasetLoader.load(fixture("golden/\(name)"))
        var o = BuildOptions()
        o.directed = golden["directed"] as? Bool ?? false
        o.keepEvidence = false
        let net = try NetworkBuilder.build(ds, options: o)
        return Loaded(graph: net.graph, golden: golden)
    }

    @Test("node measures match", arguments: graphs)
    func nodeMeasures(_ name: String) throws {
        let l = try Self.load(name)
        let metrics = l.golden["node_metrics"] as! [String: [String: Any]]
        let nodes = l.golden["nodes"] as! [String]
        #expect(nodes == l.graph.labels, "node order must follow nodes.csv")
        let present = metrics.keys.sorted()
        #expect(!present.isEmpty)
        let scores = try Measures.compute(present, on: l.graph)
        var checked = 0
        for s in scores {
            let ref = metrics[s.name]!
            for (v, id) in l.graph.labels.enumerated() {
                let got = s.values[v]
                guard let want = ref[id] as? Double else {
                    #expect(got.isNaN, "\(name) \(s.name)[\(id)]: networkx gives null (NaN), we give \(got)")
                    checked += 1
                    continue
                }
                #expect(Self.matches(s.name, got, want), "\(name) \(s.name)[\(id)] = \(got), networkx \(want)")
                checked += 1
            }
        }
        #expect(checked >= present.count * l.graph.nodeCount)
    }

    @Test("graph metrics match", arguments: graphs)
    func graphMetrics(_ name: String) throws {
        let l = try Self.load(name)
        let gm = l.golden["graph_metrics"] as! [String: Any]
        let g = l.graph
        #expect(g.nodeCount == gm["n_nodes"] as! Int)
        #expect(g.edgeCount == gm["n_edges"] as! Int)
        #expect(g.selfLoopCount == gm["n_self_loops"] as! Int)
        if let tw = gm["total_weight"] as? Double { #expect(close(g.totalWeight, tw)) }
        #expect(close(g.density, gm["density"] as! Double))
        let key = g.directed ? "weakly_connected_components" : "components"
        let want = (gm[key] as! [[String]]).map { Set($0) }
        let comps = Components(g)
        let got = comps.members.map { Set($0.map { g.labels[$0] }) }
        #expect(got == want, "components in golden order (size desc, then smallest id)")
        if !g.directed, let membership = (l.golden["node_metrics"] as! [String: [String: Any]])["component"] {
            for (v, id) in g.labels.enumerated() {
                #expect(comps.membership[v] == membership[id] as! Int)
            }
        }
    }

    @Test("multiedge: duplicate and reversed lines merge with summed weights, one self-loop")
    func multiedgeConvention() throws {
        let l = try Self.load("multiedge")
        let g = l.graph
        var w: [String: Double] = [:]
        for e in 0..<g.edgeCount {
            let a = g.labels[Int(g.edgeSource[e])], b = g.labels[Int(g.edgeTarget[e])]
            w[[a, b].sorted().joined(separator: "-")] = g.edgeWeight[e]
        }
        #expect(w == ["a-b": 3, "b-c": 1, "c-d": 2, "d-d": 2, "d-e": 3, "a-e": 1, "c-e": 1, "e-f": 2])
    }

    @Test("ba_10k: every measure it has, at the golden tolerances")
    func ba10k() throws {
        let l = try Self.load("ba_10k")
        let metrics = l.golden["node_metrics"] as! [String: [String: Any]]
        let scores = try Measures.compute(["degree", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector",
                                           "core_number", "clustering"], on: l.graph)
        for s in scores {
            let ref = metrics[s.name]!
            var bad = 0
            for (v, id) in l.graph.labels.enumerated() where !Self.matches(s.name, s.values[v], ref[id] as! Double) { bad += 1 }
            #expect(bad == 0, "ba_10k \(s.name): \(bad) values off")
        }
    }

    @Test("parallel betweenness is bit-identical to the serial order of sums")
    func parallelDeterminism() throws {
        let l = try Self.load("lfr_mu0.2")
        let (serial, serialW) = try Parallel.$forcedThreads.withValue(1) {
            (try Betweenness.compute(l.graph), try Betweenness.compute(l.graph, weights: .strength))
        }
        let (parallel, parallelW) = try Parallel.$forcedThreads.withValue(2) {
            (try Betweenness.compute(l.graph), try Betweenness.compute(l.graph, weights: .strength))
        }
        #expect(serial == parallel)
        #expect(serialW == parallelW)
    }
}

/// Whole-graph structure against the golden `graph_metrics`.
@Suite("Golden graph structure (networkx 3.6.1)")
struct GoldenStructureTests {
    @Test("articulation points, bridges, distances, transitivity, assortativity", arguments: GoldenTests.graphs)
    func structure(_ name: String) throws {
        let l = try GoldenTests.load(name)
        let g = l.graph
        let gm = l.golden["graph_metrics"] as! [String: Any]
        if let ap = gm["articulation_points"] as? [String] {
            let cut = CutStructure(g)
            #expect(cut.articulationPoints.map { g.labels[$0] }.sorted() == ap.sorted())
            let want = Set((gm["bridges"] as! [[String]]).map { $0.sorted().joined(separator: "|") })
            let got = Set(cut.bridges.map { [g.labels[$0.0], g.labels[$0.1]].sorted().joined(separator: "|") })
            #expect(got == want)
        }
        let suffix = g.directed ? "_largest_scc" : ""
        for weighted in [false, true] {
            let w = weighted ? "_weighted" : ""
            guard let diam = gm["diameter\(suffix)\(w)"] as? Double else { continue }
            let s = try Distances.largestComponentSummary(g, weights: weighted ? .distance : .none)
            #expect(close(s.diameter, diam), "\(name) diameter\(w)")
            if let r = gm["radius\(suffix)\(w)"] as? Double { #expect(close(s.radius, r), "\(name) radius\(w)") }
            if !g.directed, let r = gm["radius\(suffix)\(w)"] as? Double {
                // The eccentricity measure on the largest component: its max and min.
                let ecc = try Measures.compute(["eccentricity" + w], on: g)[0].values
                let comps = Components(g)
                let largest = (0..<g.nodeCount).filter { comps.membership[$0] == 0 }.map { ecc[$0] }
                #expect(close(largest.max()!, diam) && close(largest.min()!, r), "\(name) eccentricity\(w)")
            }
            #expect(close(s.averageShortestPathLength, gm["average_shortest_path_length\(suffix)\(w)"] as! Double), "\(name) aspl\(w)")
        }
        if !g.directed {
            #expect(close(GraphMeasures.transitivity(g), gm["transitivity"] as! Double))
            #expect(GraphMeasures.triangles(g) == gm["triangles_total"] as! Int)
            if let a = gm["degree_assortativity"] as? Double { #expect(close(GraphMeasures.degreeAssortativity(g), a)) }
        }
        let clustering = Clustering.local(g)
        #expect(close(clustering.reduce(0, +) / Double(g.nodeCount), gm["average_clustering"] as! Double))
        if g.directed {
            let want = (gm["strongly_connected_components"] as! [[String]]).map { Set($0) }
            let scc = StrongComponents(g)
            #expect(scc.members.map { Set($0.map { g.labels[$0] }) } == want)
        }
    }

    @Test("Freeman centralization of a star is 1, of a cycle 0")
    func centralization() throws {
        var b = GraphBuilder(directed: false)
        for i in 0..<6 { b.addNode("\(i)") }
        for i in 1..<6 { b.addEdge(0, Int32(i)) }
        let star = b.build()
        for m in ["degree", "betweenness", "closeness", "harmonic", "eigenvector"] {
            let s = try Measures.compute([m], on: star)[0]
            #expect(abs(GraphMeasures.centralization(s, nodeCount: 6)! - 1) < 1e-9, "\(m)")
        }
        var c = GraphBuilder(directed: false)
        for i in 0..<6 { c.addNode("\(i)") }
        for i in 0..<6 { c.addEdge(Int32(i), Int32((i + 1) % 6)) }
        let cycle = c.build()
        let d = try Measures.compute(["degree"], on: cycle)[0]
        #expect(GraphMeasures.centralization(d, nodeCount: 6) == 0)
    }
}
