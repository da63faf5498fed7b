import Foundation
import Testing
@testable import Network

@Suite("Co-offending weight")
struct CoOffendingWeightTests {
    func build(_ rule: CoOffendingWeight) throws -> Graph {
        let ds = try DatasetLoader.load(fixture("twomode/davis"))
        var o = BuildOptions()
        o.coOffendingWeight = rule
        o.directed = false
        return try NetworkBuilder.build(ds, options: o).graph
    }

    func weights(_ g: Graph) -> [String: Double] {
        var w: [String: Double] = [:]
        for e in 0..<g.edgeCount {
            let a = g.labels[Int(g.edgeSource[e])], b = g.labels[Int(g.edgeTarget[e])]
            w[min(a, b) + "-" + max(a, b), default: 0] += g.edgeWeight[e]
        }
        return w
    }

    @Test("newman equals networkx's collaboration_weighted_projected_graph on Davis's southern women (1e-12)")
    func newman() throws {
        let ref = try readJSON(fixture("twomode/davis/newman.json"))["edges"] as! [[String: Any]]
        let w = weights(try build(.newman))
        #expect(w.count == ref.count)
        for r in ref {
            let key = (r["source"] as! String) + "-" + (r["target"] as! String)
            let got = w[key] ?? .nan
            #expect(abs(got - (r["weight"] as! Double)) <= 1e-12, "\(key): \(got)")
        }
    }

    @Test("count gives the number of shared cases; the ties are the same as newman's")
    func count() throws {
        let c = weights(try build(.count)), n = weights(try build(.newman))
        #expect(c.keys.sorted() == n.keys.sorted())
        #expect(c.values.allSatisfy { $0 >= 1 && $0 == $0.rounded() })
        #expect(c.values.reduce(0, +) == 322)
    }
}
