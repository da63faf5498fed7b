import Foundation
import Testing

/// Issue 30: what the meeting sees.
@Suite("what the meeting sees", .serialized)
struct MeetingViewTests {
    @Test("a recategorization names what changed; on a store, a district move names the move and the pulls")
    func categoryChangeSaysWhy() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("samples/noerrebro"), to: data)
        let db = dir.appendingPathComponent("sna.sqlite").path
        #expect(try sna(["ingest", data.path, "--as-of", "2015-06-30", "--store", db]).status == 0)
        // P0001 (A2, Indre Nørrebro) moves to Nordvest before the second pull.
        let persons = data.appendingPathComponent("persons.csv")
        let text = try String(contentsOf: persons, encoding: .utf8)
        try text.replacingOccurrences(of: "P0001,Torben Thomsen,1990-02-23,København,Indre Nørrebro,", with: "P0001,Torben Thomsen,1990-02-23,København,Nordvest,")
            .write(to: persons, atomically: true, encoding: .utf8)
        #expect(try sna(["ingest", data.path, "--as-of", "2015-12-31", "--store", db]).status == 0)
        let r = try sna(["propose", db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains(",P0001,recategorize,") }, "\(r.stdout.prefix(400))")
        #expect(line.contains("A2 → B2: area A → B: lives in Nordvest now, outside the focus district (Indre Nørrebro)"), "\(line)")
        #expect(line.contains("moved from Indre Nørrebro to Nordvest between the pulls of 2015-06-30 and 2015-12-31"), "\(line)")
        // On a folder, every recategorization says what changed (tier, area or both).
        let f = try sna(["propose", "samples/noerrebro", "--format", "csv"])
        let recats = f.stdout.split(separator: "\n").filter { $0.contains(",recategorize,") }
        #expect(!recats.isEmpty && recats.allSatisfy { $0.contains(": area ") || $0.contains(": tier ") })
    }

    @Test("the pack is scoped: --links changes its rankings and page 1 says which network it shows")
    func packScope() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("default"), b = dir.appendingPathComponent("sightings")
        #expect(try sna(["report", "samples/noerrebro", "-o", a.path, "--robustness-runs", "5"]).status == 0)
        #expect(try sna(["report", "samples/noerrebro", "-o", b.path, "--robustness-runs", "5", "--links", "co-offending,location,analyst"]).status == 0)
        let ha = try String(contentsOf: a.appendingPathComponent("index.html"), encoding: .utf8)
        let hb = try String(contentsOf: b.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(ha.contains("network shown") && ha.contains("co-offending and analyst links (the default"))
        #expect(hb.contains("ties of kind co-offending,location,analyst (--links)"))
        let sa = try String(contentsOf: a.appendingPathComponent("scores.csv"), encoding: .utf8)
        let sb = try String(contentsOf: b.appendingPathComponent("scores.csv"), encoding: .utf8)
        #expect(sa != sb)
        let r = try sna(["report", "samples/noerrebro", "-o", dir.appendingPathComponent("x").path, "--from", "2015-13-01"])
        #expect(r.status != 0 && r.stderr.contains("--from"))
    }
}
