import Foundation
import Testing
@testable import Network

/// Cavallaro et al. (PLOS ONE 2020), the Montagna mafia network: the share of the largest
/// component left after removing the most-between person, recomputed after each removal.
@Suite("Disruption curves")
struct DisruptionTests {
    func layer(_ type: String) throws -> Graph {
        let ds = try DatasetLoader.load(fixture("datasets/sicilian_mafia_montagna"))
        var o = BuildOptions()
        o.directed = false
        o.links = LinkSelection(parsing: type)
        return try NetworkBuilder.build(ds, options: o).graph
    }

    func shares(_ g: Graph, mode: Disruption.Mode, step: Int, steps: Int) throws -> [Double] {
        try Disruption.curve(g, steps: steps, stepSize: step, mode: mode) { try Betweenness.compute($0) }
            .map { ($0.largestShare * 1e4).rounded() / 1e4 }
    }

    @Test("sequential betweenness removal equals the published curves (both layers, 4 decimals)")
    func sequential() throws {
        #expect(try shares(layer("meeting"), mode: .sequential, step: 1, steps: 5) == [1, 0.9565, 0.7391, 0.7174, 0.5000, 0.4239])
        #expect(try shares(layer("phone_call"), mode: .sequential, step: 1, steps: 5) == [1, 0.7640, 0.5730, 0.4270, 0.3933, 0.2472])
    }

    @Test("block removal (5 per step, meetings) equals the published figures")
    func block() throws {
        let s = try shares(layer("meeting"), mode: .block, step: 5, steps: 3)
        #expect(s == [1, 0.8370, 0.2609, 0.1196])
    }

    @Test("a star falls apart at its centre; ties go to the smaller id; the curve stops when nobody is left")
    func star() throws {
        var b = GraphBuilder(directed: false)
        let c = b.addNode("c")
        for i in 0..<4 { b.addEdge(c, b.addNode("l\(i)")) }
        let g = b.build()
        let rows = Disruption.curve(g, steps: 9, stepSize: 2, mode: .sequential) { Degree.degree($0) }
        #expect(rows[1].removed.map { g.labels[$0] } == ["c", "l0"])
        #expect(rows[1].largest == 1 && rows[1].components == 3 && rows[1].isolates == 3)
        #expect(rows[1].fragmentation == 1)
        #expect(rows.last?.persons == 0 && rows.count == 4)
        // Block: one computation, so after the centre is gone the leaves (all degree 1) go by id.
        let block = Disruption.curve(g, steps: 1, stepSize: 3, mode: .block) { Degree.degree($0) }
        #expect(block[1].removed.map { g.labels[$0] } == ["c", "l0", "l1"])
        #expect(block[1].largestShare == 0.2)
    }
}

@Suite("Layers")
struct LayerTests {
    @Test("Montagna: meeting layer 101 persons and 256 ties, phone 100 and 124; 47 persons in both")
    func montagna() throws {
        let ds = try DatasetLoader.load(fixture("datasets/sicilian_mafia_montagna"))
        var o = BuildOptions()
        o.directed = false
        let m = Layers(try NetworkBuilder.build(ds, options: o))
        #expect(m.layers == [Layers.Layer(name: "meeting", persons: 101, ties: 256), Layers.Layer(name: "phone_call", persons: 100, ties: 124)])
        #expect(m.overlaps.count == 1 && m.overlaps[0].persons == 47)
        // Participation: 0 for a person tied in one layer only, above 0 for one in both.
        let p = m.participation
        let both = (0..<p.count).filter { m.member[0][$0] && m.member[1][$0] }
        #expect(both.count == 47 && both.allSatisfy { p[$0] > 0 && p[$0] <= 0.5 })
        #expect((0..<p.count).filter { m.member[0][$0] != m.member[1][$0] }.allSatisfy { p[$0] == 0 })
    }
}

@Suite("Pairwise sensitivity")
struct SensitivityTests {
    @Test("no errors: every order holds; with errors it is seeded and below 1; the next-lower person is found past ties")
    func sensitivity() throws {
        let ds = try DatasetLoader.load(fixture("datasets/london_gang"))
        var o = BuildOptions()
        o.directed = false
        let g = try NetworkBuilder.build(ds, options: o).graph
        let exact = try Robustness.sensitivity(g, measure: "degree", dropNodes: 0, dropTies: 0, runs: 3, seed: 1, pairs: 2_000)
        #expect(exact.pairwise == 1 && exact.pairs == 2_000)
        let deg = Degree.degree(g)
        let lowest = deg.min()!
        for v in 0..<g.nodeCount {
            #expect(deg[v] == lowest ? exact.aboveNext[v].isNaN : exact.aboveNext[v] == 1)
        }
        let a = try Robustness.sensitivity(g, measure: "betweenness", dropNodes: 0.1, dropTies: 0.1, runs: 20, seed: 5, pairs: 5_000)
        let b = try Robustness.sensitivity(g, measure: "betweenness", dropNodes: 0.1, dropTies: 0.1, runs: 20, seed: 5, pairs: 5_000)
        #expect(a == b || (a.pairwise == b.pairwise && a.pairs == b.pairs))
        #expect(a.pairwise > 0.5 && a.pairwise < 1)
    }
}
