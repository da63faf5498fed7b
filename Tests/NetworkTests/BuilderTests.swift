import Foundation
import Testing
@testable import Network

@Suite("Network builder")
struct BuilderTests {
    @Test("every edge's kinds add up to its weight; evidence matches co-offending counts")
    func kindsAddUp() throws {
        let ds = try DatasetLoader.load(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/noerrebro").path)
        for links in ["all", "co-offending", "family,location", "analyst"] {
            var o = BuildOptions()
            o.links = LinkSelection(parsing: links)
            let net = try NetworkBuilder.build(ds, options: o)
            let g = net.graph
            #expect(net.edgeKinds.count == g.edgeCount)
            for e in 0..<g.edgeCount {
                let parts = net.edgeKinds[e]
                #expect(!parts.isEmpty)
                #expect(abs(parts.reduce(0) { $0 + $1.weight } - g.edgeWeight[e]) < 1e-9, "\(links) edge \(e)")
                let co = parts.first { $0.kind == .coOffending }?.weight ?? 0
                let coEvidence = net.evidence[e].filter { if case .coOffending = $0 { return true } else { return false } }.count
                #expect(Double(coEvidence) == co, "co-offending weight = number of shared cases")
            }
        }
    }

    @Test("initiative cases and victims make no co-offending ties unless asked")
    func initiative() throws {
        let persons = "id\nA\nB\nC\n"
        let cases = "case_id,date,crime_code\nC1,2014-01-01,61615\nC2,2014-02-01,73241\n"
        let roles = "case_id,person_id,role\nC1,A,suspect\nC1,B,suspect\nC2,A,suspect\nC2,C,victim\n"
        let tmp = try TempDataset(["persons.csv": persons, "cases.csv": cases, "case_persons.csv": roles])
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        #expect(try NetworkBuilder.build(ds).graph.edgeCount == 0)
        var o = BuildOptions()
        o.includeInitiativeCases = true
        let net = try NetworkBuilder.build(ds, options: o)
        #expect(net.graph.edgeCount == 1)
        #expect(net.summary.casesUsed == 2)
    }
}
