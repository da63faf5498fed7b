import CrimePicture
import Foundation
import Network
import Screening
import Testing

/// Issue 29: the crime picture against the document's own figures, an independent count and
/// an independent E-test (scripts/crime_reference.py, written from the README's definitions).
@Suite("crime picture")
struct CrimesTests {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func runPython(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python!)
        p.arguments = [repoRoot.appendingPathComponent("scripts/crime_reference.py").path] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("the Poisson Z on the document's counts: 24 → 47, 34 → 11, 7 → 1, 2 → 0")
    func goldenZ() {
        for (before, now, z) in [(24.0, 47.0, 3.91), (34, 11, -5.03), (7, 1, -3.29), (2, 0, -2.83)] {
            let got = CountTest.poissonZ(now: now, before: before)
            #expect(abs(got - 2 * (now.squareRoot() - before.squareRoot())) < 1e-12)
            #expect((got * 100).rounded() / 100 == z, "\(before) → \(now): \(got)")
        }
    }

    @Test("Wheeler's WDD example: treated 80 → 20, control 100 → 50 gives WDD = −10, SE = 15.8")
    func wddExample() {
        let w = CountTest.wdd(t0: 80, t1: 20, c0: 100, c1: 50)
        #expect(w.wdd == -10)
        #expect(abs(w.se - 250.0.squareRoot()) < 1e-12 && (w.se * 10).rounded() / 10 == 15.8)
    }

    @Test("the E-test equals an independent implementation on a grid of counts and lengths", .enabled(if: python != nil))
    func eTestGrid() throws {
        let lines = try Self.runPython(["etest-grid"]).split(separator: "\n")
        #expect(lines.count == 7 * 6 * 4)
        for l in lines {
            let f = l.split(separator: " ").map(String.init)
            let (x1, t1, x0, t0, p) = (Int(f[0])!, Double(f[1])!, Int(f[2])!, Double(f[3])!, Double(f[4])!)
            let got = CountTest.eTest(x1: x1, t1: t1, x0: x0, t0: t0)
            #expect(abs(got - p) < 1e-9, "E-test \(x1)/\(t1) vs \(x0)/\(t0): \(got) vs \(p)")
        }
        // The document's violence figures: a clear change.
        #expect(CountTest.eTest(x1: 47, t1: 1, x0: 24, t0: 1) < 0.01)
    }

    /// A copy of `folder` with a places.csv mapping its case places to districts (every third
    /// place to the focus district), for a second data set with a focus area.
    static func withPlaces(_ folder: String) throws -> URL {
        let dir = try tempDir().appendingPathComponent("data")
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent(folder), to: dir)
        try? FileManager.default.removeItem(at: dir.appendingPathComponent("policy.yaml"))
        let ds = try DatasetLoader.load(dir.path)
        let places = Array(Set(ds.cases.compactMap(\.place).filter { !$0.isEmpty })).sorted()
        var csv = "place,district\n"
        for (i, p) in places.enumerated() { csv += "\"\(p)\",\(i % 3 == 0 ? "Indre Nørrebro" : "District \(i % 4)")\n" }
        try csv.write(to: dir.appendingPathComponent("places.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("per quarter and code group, the counts equal an independent count (the sample, and a blind scenario with places)",
          .enabled(if: python != nil), arguments: ["samples/noerrebro", "samples/scenarios/blind1"])
    func countsMatchIndependentCount(_ folder: String) throws {
        let dir = folder == "samples/noerrebro" ? repoRoot.appendingPathComponent(folder) : try Self.withPlaces(folder)
        for unit in ["quarter", "year"] {
            let expected = try Self.runPython(["count", dir.path, unit]).split(separator: "\n").dropFirst().map(String.init)
            let r = try sna(["crimes", dir.path, "--by", unit, "--format", "csv"])
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "period,area,group,cases,initiative,tagged,baseline,z,p,pct_change")
            var got: [String: String] = [:]
            for l in lines.dropFirst() {
                let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                got["\(f[0]),\(f[1]),\(f[2])"] = "\(f[3]),\(f[4])"
            }
            #expect(expected.count > 20)
            for e in expected {
                let f = e.split(separator: ",").map(String.init)
                #expect(got["\(f[0]),\(f[1]),\(f[2])"] == "\(f[3]),\(f[4])", "\(folder) \(unit): \(e) vs \(got["\(f[0]),\(f[1]),\(f[2])"] ?? "missing")")
            }
        }
    }

    @Test("z and percent change follow the formula on every row; initiative cases are never crime")
    func rowsFollowTheFormula() throws {
        let r = try sna(["crimes", "samples/noerrebro", "--by", "year", "--format", "csv", "--compare", "Vesterbro"])
        #expect(r.status == 0, "\(r.stderr)")
        var tested = 0
        for l in r.stdout.split(separator: "\n").dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let cases = Double(f[3])!
            if f[2] == "police_business" { #expect(cases == 0) }
            guard let b = Double(f[6]) else { #expect(f[7].isEmpty && f[0] == "2012"); continue }
            let z = Double(f[7])!
            #expect(abs(z - 2 * (cases.squareRoot() - b.squareRoot())) < 1e-9)
            if b == 0 || cases == 0 { #expect(f[9].isEmpty) } else { #expect(abs(Double(f[9])! - (cases - b) / b * 100) < 1e-9) }
            let p = Double(f[8])!
            #expect(p >= 0 && p <= 1)
            tested += 1
        }
        #expect(tested == 3 * 3 * 5)
    }

    @Test("a baseline of 2 and a period of 0 give Z = −2.83 and an empty percent change; a seasonal baseline uses the same quarter")
    func emptyBaselineAndSeasonal() throws {
        let dir = try tempDir()
        try "id\nP1\n".write(to: dir.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        var cases = "case_id,date,crime_code,place,tags\n"
        cases += "A1,2012-02-01,73241,X,\nA2,2012-08-01,73241,X,\n"  // 2012: 2 violence
        cases += "A3,2013-02-01,76319,X,\n"                           // 2013: none
        cases += "A4,2014-02-10,73241,X,\nA5,2014-02-11,73241,X,\nA6,2014-02-12,73241,X,\n"
        try cases.write(to: dir.appendingPathComponent("cases.csv"), atomically: true, encoding: .utf8)
        let ds = try DatasetLoader.load(dir.path)
        var o = CrimePicture.Options()
        o.unit = .year
        o.baseline = DaySpan("2012")
        let p = try CrimePicture(ds, policy: .default, options: o)
        let r2013 = try #require(p.row(CrimePeriod(.year, year: 2013, index: 0), "all", "violence"))
        #expect(r2013.baseline == 2 && r2013.cases == 0 && r2013.pctChange == nil)
        #expect(((r2013.z ?? 0) * 100).rounded() / 100 == -2.83)
        // Seasonal, by quarter: 2014 Q1 (3) against the Q1s of 2012 and 2013 (1 and 0: mean 0.5).
        var s = CrimePicture.Options()
        s.unit = .quarter
        s.seasonal = true
        let q = try CrimePicture(ds, policy: .default, options: s)
        let q1 = try #require(q.row(CrimePeriod(.quarter, year: 2014, index: 1), "all", "violence"))
        #expect(q1.baseline == 0.5 && q1.cases == 3)
        #expect(abs(q1.z! - 2 * (3.0.squareRoot() - 0.5.squareRoot())) < 1e-12)
        #expect(abs(q1.p! - CountTest.eTest(x1: 3, t1: 1, x0: 1, t0: 2)) < 1e-15)
        // Quarters against a year baseline of another season: the year scaled by length.
        var y = CrimePicture.Options()
        y.unit = .quarter
        y.baseline = DaySpan("2012Q1..2012Q2")
        let h = try CrimePicture(ds, policy: .default, options: y)
        let q3 = try #require(h.row(CrimePeriod(.quarter, year: 2013, index: 3), "all", "violence"))
        #expect(q3.baseline != nil && abs(q3.baseline! - 1.0 * 92 / 182) < 1e-12)
    }

    @Test("bad places and districts files are errors naming the file, line and field; an unknown comparison district is said")
    func badInput() throws {
        let dir = try tempDir()
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("samples/noerrebro"), to: dir.appendingPathComponent("d"))
        let d = dir.appendingPathComponent("d")
        var r = try sna(["crimes", d.path, "--compare", "Atlantis"])
        #expect(r.status == 1 && r.stderr.contains("no place is in district 'Atlantis'"), "\(r.stderr)")
        try "place,district,latitude\nA,B,12\nA,C,13\n".write(to: d.appendingPathComponent("places.csv"), atomically: true, encoding: .utf8)
        r = try sna(["crimes", d.path])
        #expect(r.status == 1 && r.stderr.contains("places.csv:3") && r.stderr.contains("listed twice"), "\(r.stderr)")
        try "place,district,latitude\nA,B,123\n".write(to: d.appendingPathComponent("places.csv"), atomically: true, encoding: .utf8)
        r = try sna(["crimes", d.path])
        #expect(r.status == 1 && r.stderr.contains("places.csv:2") && r.stderr.contains("latitude"), "\(r.stderr)")
        try FileManager.default.removeItem(at: d.appendingPathComponent("places.csv"))
        try "district,population\nX,many\n".write(to: d.appendingPathComponent("districts.csv"), atomically: true, encoding: .utf8)
        r = try sna(["crimes", d.path])
        #expect(r.status == 1 && r.stderr.contains("districts.csv:2") && r.stderr.contains("population"), "\(r.stderr)")
        r = try sna(["crimes", "samples/noerrebro", "--baseline", "last year"])
        #expect(r.status != 0 && r.stderr.contains("--baseline"))
    }

    @Test("the meeting pack shows the crime picture, with crimes.csv beside it")
    func packSection() throws {
        let dir = try tempDir()
        let r = try sna(["report", "samples/noerrebro", "-o", dir.appendingPathComponent("pack").path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("pack/index.html"), encoding: .utf8)
        #expect(html.contains("Crime picture") && html.contains("Police business") && html.contains("Where cases concentrate"))
        #expect(html.contains("robbery in the focus area (Indre Nørrebro) fell from 40 to 20, 2012 → 2015: Z = −3.7"))
        let csv = try String(contentsOf: dir.appendingPathComponent("pack/crimes.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("period,area,group,cases,initiative,tagged,baseline,z,p,pct_change\n2012Q1,all,homicide,"))
    }

    @Test("a blind review's cases: --from keeps the baseline, no periods past the data, overlapping areas and bad codes said")
    func reviewCases() throws {
        func row(_ args: [String], _ key: String) throws -> String? {
            try sna(["crimes", "samples/noerrebro", "--format", "csv"] + args).stdout.split(separator: "\n").first { $0.hasPrefix(key) }.map(String.init)
        }
        let whole = try #require(try row(["--by", "quarter"], "2013Q1,all,violence,"))
        #expect(try row(["--by", "quarter", "--from", "2013"], "2013Q1,all,violence,") == whole)
        #expect(try row(["--by", "quarter", "--from", "2013-02-15"], "2013Q1,all,violence,") == whole)
        let r = try sna(["crimes", "samples/noerrebro", "--by", "year", "--from", "2011-01-01", "--to", "2017-12-31", "--format", "csv"])
        #expect(!r.stdout.contains("\n2016,") && !r.stdout.contains("\n2011,") && r.stderr.contains("the data ends on 2015-12-31"))
        let c = try sna(["crimes", "samples/noerrebro", "--compare", "Indre Nørrebro"])
        #expect(c.status == 1 && c.stderr.contains("is a focus district"))
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = dir.appendingPathComponent("d")
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("samples/noerrebro"), to: d)
        let cases = d.appendingPathComponent("cases.csv")
        let text = try String(contentsOf: cases, encoding: .utf8)
        try text.replacingOccurrences(of: "C2012-0002,2012-01-11,73251,", with: "C2012-0002,2012-01-11,73 251,").write(to: cases, atomically: true, encoding: .utf8)
        let b = try sna(["crimes", d.path, "--by", "year"])
        #expect(b.status == 0 && b.stdout.contains("note: 1 case has a crime code that is not a number"))
        try FileManager.default.removeItem(at: cases)
        try? FileManager.default.removeItem(at: d.appendingPathComponent("case_persons.csv"))
        let m = try sna(["crimes", d.path])
        #expect(m.status == 1 && m.stderr.contains("has no cases.csv"), "\(m.stderr)")
    }
}
