import Foundation
import Testing

/// Periods and timelines, against reference values computed independently with networkx
/// (scripts/make-phased.py writes Tests/Fixtures/phased/ and its expected.csv).
@Suite("periods and timeline")
struct TimelineTests {
    static let phased = "Tests/Fixtures/phased"

    /// expected.csv as (period, id) → (degree, betweenness), in file order.
    func expected() throws -> [(period: String, id: String, degree: Double, betweenness: Double)] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("\(Self.phased)/expected.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { l in
            let f = l.split(separator: ",").map(String.init)
            return (f[0], f[1], Double(f[2])!, Double(f[3])!)
        }
    }

    @Test("timeline --by period: each phase's persons and normalized betweenness equal networkx's, in period then input order",
          arguments: [("numbered", ["1": "1", "2": "2", "3": "3", "4": "4"]),
                      ("dated", ["1": "2009-01-15", "2": "2009-05-20", "3": "2009-09-10", "4": "2010-02-03"])])
    func timelineMatchesNetworkx(_ variant: String, _ names: [String: String]) throws {
        let r = try sna(["timeline", "\(Self.phased)/\(variant)", "--by", "period", "--measures", "degree,betweenness", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,period,degree,betweenness")
        let got = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let want = try expected()
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            #expect(g[0] == w.id && g[1] == names[w.period], "\(g) vs \(w)")
            #expect(Double(g[2]) == w.degree)
            #expect(abs(Double(g[3])! - w.betweenness) < 1e-9, "\(g[0]) in \(g[1]): \(g[3]) vs \(w.betweenness)")
        }
        // The principal becomes the top broker after the seizures.
        let p = try sna(["timeline", "\(Self.phased)/\(variant)", "--measures", "betweenness", "--person", "P01"])
        #expect(p.stdout.contains("1 of 23") && p.stdout.contains("4 of 17"), "\(p.stdout)")
    }

    @Test("--from/--to select ISO period values; --period selects labels; a filter that matches nothing names the values")
    func periodFilters() throws {
        // Phases 2 and 3 (2009-05-20, 2009-09-10) hold the ties of 2009-03-01 … 2009-12-31.
        var r = try sna(["stats", "\(Self.phased)/dated", "--from", "2009-03-01", "--to", "2009-12-31", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let want = try expected().filter { $0.period == "2" || $0.period == "3" }
        let n = try sna(["stats", "\(Self.phased)/numbered", "--period", "2,3", "--format", "json"])
        #expect(n.status == 0, "\(n.stderr)")
        func field(_ s: String, _ k: String) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]).flatMap { $0[k] }.map { "\($0)" }
        }
        #expect(field(r.stdout, "edges") == field(n.stdout, "edges") && field(r.stdout, "edges") != nil)
        #expect(r.stdout.contains("2009-05-20") && r.stdout.contains("2009-09-10") && !r.stdout.contains("2009-01-15"))
        // --period keeps the persons active in the period.
        #expect(field(n.stdout, "nodes") == String(Set(want.map(\.id)).count))
        r = try sna(["stats", "\(Self.phased)/numbered", "--period", "2,3", "--keep-inactive", "--format", "json"])
        #expect(field(r.stdout, "nodes") == "30")
        r = try sna(["centrality", "\(Self.phased)/numbered", "--period", "7"])
        #expect(r.status == 1 && r.stderr.contains("--period 7 matches nothing") && r.stderr.contains("1, 2, 3, 4"), "\(r.stderr)")
        r = try sna(["centrality", "samples/noerrebro", "--period", "1"])
        #expect(r.status == 1 && r.stderr.contains("no period values"), "\(r.stderr)")
    }

    @Test("timeline --by year on the sample: one row per active person per year, years in order; a sliding window widens them")
    func timelineByYear() throws {
        let r = try sna(["timeline", "samples/noerrebro", "--by", "year", "--measures", "degree", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let years = rows.map { $0[1] }
        #expect(years == years.sorted() && Set(years) == ["2012", "2013", "2014", "2015"])
        #expect(rows.allSatisfy { Int($0[2])! > 0 })  // active persons only
        let w = try sna(["timeline", "samples/noerrebro", "--by", "year", "--window", "24", "--measures", "degree", "--format", "csv"])
        #expect(w.stdout.split(separator: "\n").count > r.stdout.split(separator: "\n").count)
        let q = try sna(["timeline", "samples/noerrebro", "--by", "quarter", "--measures", "degree", "--top", "3"])
        #expect(q.status == 0 && q.stdout.contains("2015-Q4"), "\(q.stderr)")
    }

    @Test("changes between two phases: entered and left equal the phases' person sets; new ties carry their evidence; rises sorted")
    func changesBetweenPhases() throws {
        let r = try sna(["changes", "\(Self.phased)/numbered", "--from-period", "2", "--to-period", "3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let want = try expected()
        let two = want.filter { $0.period == "2" }.map(\.id), three = want.filter { $0.period == "3" }.map(\.id)
        #expect(j["entered"] as? [String] == three.filter { !two.contains($0) })
        #expect(j["left"] as? [String] == two.filter { !three.contains($0) })
        let ties = try #require(j["new_ties"] as? [[String: Any]])
        #expect(!ties.isEmpty && ties.allSatisfy { ($0["evidence"] as? [String])?.first?.contains("links.csv:") == true })
        let moves = try #require((j["moves"] as? [String: Any])?["betweenness"] as? [[String: Any]])
        let changes = moves.map { ($0["after"] as! Double) - ($0["before"] as! Double) }
        #expect(changes == changes.sorted(by: >))
        // The principal's rise: phase 2 → 3 betweenness from networkx.
        let p01 = try #require(moves.first { $0["id"] as? String == "P01" })
        let b2 = want.first { $0.period == "2" && $0.id == "P01" }!.betweenness, b3 = want.first { $0.period == "3" && $0.id == "P01" }!.betweenness
        #expect(abs((p01["before"] as! Double) - b2) < 1e-9 && abs((p01["after"] as! Double) - b3) < 1e-9)
        let t = try sna(["changes", "\(Self.phased)/numbered", "--from-period", "2", "--to-period", "3"])
        #expect(t.stdout.contains("entered (") && t.stdout.contains("clusters:"))
    }

    @Test("an edge-list CSV with a period column: each period's network of its own persons")
    func edgeListPeriods() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("edges.csv")
        try "source,target,weight,period\na,b,1,1\nb,c,1,1\nc,d,1,2\nd,e,1,2\ne,a,1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try sna(["timeline", file.path, "--measures", "degree,betweenness", "--format", "csv"])
        #expect(r.stdout == "id,period,degree,betweenness\na,1,1,0.0\nb,1,2,1.0\nc,1,1,0.0\na,2,1,0.0\nc,2,1,0.0\nd,2,2,0.6666666666666666\ne,2,2,0.6666666666666666\n", "\(r.stdout)\(r.stderr)")
    }
}
