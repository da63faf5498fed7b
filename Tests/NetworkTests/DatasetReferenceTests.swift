import Foundation
import Testing
@testable import Network

/// The published research networks in `Fixtures/datasets` load as they are and match their
/// `reference.json` (networkx 3.6.1 on the aggregated undirected graph, values rounded to 6
/// decimals there).
@Suite("Research datasets")
struct DatasetReferenceTests {
    static let names = ["london_gang", "noordin_top", "montreal_street_gangs", "sicilian_mafia_montagna", "hijackers_911"]

    @Test("counts, density, components and top-10 lists", arguments: names)
    func reference(_ name: String) throws {
        let ref = try readJSON(fixture("datasets/\(name)/reference.json"))
        let ds = try DatasetLoader.load(fixture("datasets/\(name)"))
        #expect(ds.layout == .dataset)
        var o = BuildOptions()
        o.directed = false
        let net = try NetworkBuilder.build(ds, options: o)
        let g = net.graph
        #expect(g.selfLoopCount == 0)
        #expect(g.nodeCount == ref["nodes"] as! Int)
        #expect(g.edgeCount == ref["edges"] as! Int)
        #expect(close(g.totalWeight, ref["total_weight"] as! Double))
        #expect(abs(g.density - (ref["density"] as! Double)) <= 5e-7)
        let stats = NetworkStatistics(net)
        #expect(stats.components == ref["components"] as! Int)
        #expect(stats.largestComponent == ref["largest_component_nodes"] as! Int)
        #expect(stats.isolates == ref["isolates"] as! Int)

        let scores = try Measures.compute(["degree", "strength", "betweenness"], on: g)
        for (key, s, tol) in [("degree_top10", scores[0], 0.0), ("weighted_degree_top10", scores[1], 0.0),
                              ("betweenness_top10", scores[2], 5e-7)] {
            let top = ref[key] as! [String: Any]
            let list = top["top"] as! [[String: Any]]
            // Every listed person has the listed value.
            for entry in list {
                let id = entry["id"] as! String
                let v = try #require(g.index(of: id), "\(name): \(id) missing")
                #expect(abs(s.values[v] - (entry["value"] as! Double)) <= tol, "\(name) \(key) \(id)")
            }
            // Our top 10 has the same values in the same order, and the same boundary.
            let ours = s.top(list.count).map { s.values[$0] }
            for (a, b) in zip(ours, list.map { $0["value"] as! Double }) { #expect(abs(a - b) <= tol, "\(name) \(key)") }
            let tenth = top["tenth_value"] as! Double
            let atOrAbove = s.values.filter { $0 >= tenth - tol }.count
            #expect(atOrAbove == top["nodes_at_or_above_tenth_value"] as! Int, "\(name) \(key) boundary")
        }
    }
}
