import Foundation
import Testing
@testable import Network

@Suite("Leads (link prediction)")
struct LinkPredictionTests {
    static let methods: [LinkPrediction.Method] = [.adamicAdar, .resourceAllocation, .commonNeighbours]

    func graph(_ name: String) throws -> Graph {
        var o = BuildOptions()
        o.directed = false
        return try NetworkBuilder.build(try DatasetLoader.load(fixture("datasets/\(name)")), options: o).graph
    }

    @Test("Adamic–Adar, resource allocation and common neighbours equal networkx on the research datasets (1e-12, same pairs)",
          arguments: DatasetReferenceTests.names)
    func networkx(_ name: String) throws {
        let g = try graph(name)
        let ref = try readJSON(fixture("datasets/\(name)/leads.json"))
        for m in Self.methods {
            let want = ref[m.rawValue] as! [[Any]]
            var got: [String: Double] = [:]
            for l in LinkPrediction.leads(g, method: m) { got[g.labels[l.source] + " " + g.labels[l.target]] = l.score }
            #expect(got.count == want.count, "\(name) \(m)")
            for r in want {
                let key = (r[0] as! String) + " " + (r[1] as! String)
                let s = (r[2] as! NSNumber).doubleValue
                #expect(abs((got[key] ?? .nan) - s) <= 1e-12, "\(name) \(m) \(key)")
            }
        }
    }

    @Test("a lead is never a tie; shared neighbours are the evidence; Katz counts longer walks")
    func path() throws {
        // a - b - c - d: a/c and b/d share one neighbour; a/d only a walk of length 3.
        var b = GraphBuilder(directed: false)
        let a = b.addNode("a"), bb = b.addNode("b"), c = b.addNode("c"), d = b.addNode("d")
        b.addEdge(a, bb); b.addEdge(bb, c); b.addEdge(c, d)
        let g = b.build()
        let cn = LinkPrediction.leads(g, method: .commonNeighbours)
        #expect(cn.map { "\(g.labels[$0.source])\(g.labels[$0.target])" } == ["ac", "bd"])
        #expect(cn[0].shared.map { g.labels[$0] } == ["b"])
        let katz = LinkPrediction.leads(g, method: .katz, katzBeta: 0.1, katzLength: 3)
        let ad = katz.first { g.labels[$0.source] == "a" && g.labels[$0.target] == "d" }
        #expect(abs((ad?.score ?? 0) - 0.001) < 1e-15)
        // a–c: one walk of length 2 (β²) and none of length 3 on a path.
        let ac = katz.first { g.labels[$0.source] == "a" && g.labels[$0.target] == "c" }
        #expect(abs((ac?.score ?? 0) - 0.01) < 1e-15)
        #expect(!katz.contains { g.labels[$0.source] == "a" && g.labels[$0.target] == "b" })
    }

    @Test("evaluation is seeded: same seed, same AUC; it beats chance on a clustered network")
    func evaluation() throws {
        let g = try graph("london_gang")
        let x = LinkPrediction.evaluate(g, method: .adamicAdar, share: 0.1, seed: 7)
        let y = LinkPrediction.evaluate(g, method: .adamicAdar, share: 0.1, seed: 7)
        #expect(x != nil && x == y)
        #expect((x?.auc ?? 0) > 0.7)
        #expect(x?.hidden == 32)
    }
}
