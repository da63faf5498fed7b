import Foundation
import Testing
@testable import Network

@Suite("Time-respecting paths")
struct TimeRespectingTests {
    func network(_ path: String) throws -> PersonNetwork {
        var o = BuildOptions()
        o.directed = false
        return try NetworkBuilder.build(try DatasetLoader.load(fixture(path)), options: o)
    }

    @Test("a chain that exists untimed but not in time order is refused; the max gap is honoured; same-day steps follow")
    func handBuilt() throws {
        let net = try network("timed")
        let g = net.graph
        let c = TimeRespectingPaths.contacts(net)
        func reach(_ a: String, gap: Int? = nil) -> TimeRespectingPaths.Reach {
            TimeRespectingPaths.reach(g.nodeCount, contacts: c, source: g.index(of: a)!, maxGap: gap)
        }
        let C = g.index(of: "C")!, A = g.index(of: "A")!, F = g.index(of: "F")!
        #expect(try Paths.shortestPath(g, from: A, to: C, weights: .none)?.count == 3)
        #expect(reach("A").path(to: C) == nil)
        let back = reach("C").path(to: A)
        #expect(back?.map { g.labels[$0.to] } == ["B", "A"])
        #expect(back?.map { $0.day.description } == ["2020-01-05", "2020-01-10"])
        #expect(reach("C", gap: 5).path(to: A) != nil)
        #expect(reach("C", gap: 4).path(to: A) == nil)
        #expect(reach("D", gap: 0).path(to: F)?.count == 2)
        #expect(reach("C").earliest[A]?.description == "2020-01-10")
    }

    @Test("on the sample every path found is in time order within the gap, and reach never exceeds the untimed component")
    func sample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var o = BuildOptions()
        o.directed = false
        let net = try NetworkBuilder.build(try DatasetLoader.load(root.appendingPathComponent("samples/noerrebro").path), options: o)
        let g = net.graph
        let c = TimeRespectingPaths.contacts(net)
        let comps = Components(g)
        for s in stride(from: 0, to: g.nodeCount, by: 17) {
            for gap in [nil, 30] as [Int?] {
                let r = TimeRespectingPaths.reach(g.nodeCount, contacts: c, source: s, maxGap: gap)
                for t in 0..<g.nodeCount where t != s {
                    guard let hops = r.path(to: t) else { continue }
                    #expect(comps.membership[t] == comps.membership[s])
                    #expect(hops.first?.from == s && hops.last?.to == t)
                    for i in 1..<max(1, hops.count) {
                        #expect(hops[i].from == hops[i - 1].to)
                        let d = hops[i].day.ordinal - hops[i - 1].day.ordinal
                        #expect(d >= 0 && (gap == nil || d <= gap!))
                    }
                    #expect(hops.last?.day == r.earliest[t])
                }
            }
        }
    }
}
