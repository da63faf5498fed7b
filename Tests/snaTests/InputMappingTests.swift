import Foundation
import Testing

/// The unit's own exports (issue 26): headers mapped (a columns.yaml or the Danish headers sna
/// knows), near misses and missing columns named with what follows, every fault of a run in one
/// pass, and a person of unknown age never treated as an adult.
@Suite("input mapping and unknown age")
struct InputMappingTests {
    /// A copy of the sample with its files rewritten by `edit` (file name → header map, line edits).
    static func copy(_ edit: (URL) throws -> Void) throws -> URL {
        let dir = try tempDir()
        let data = dir.appendingPathComponent("data")
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("samples/noerrebro"), to: data)
        try? FileManager.default.removeItem(at: data.appendingPathComponent("truth"))
        try edit(data)
        return data
    }

    static func rewrite(_ file: URL, _ change: (inout [String]) -> Void) throws {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        change(&lines)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    static func renameHeaders(_ data: URL, _ renames: [String: [String: String]]) throws {
        for (file, map) in renames {
            try rewrite(data.appendingPathComponent(file)) { lines in
                lines[0] = lines[0].split(separator: ",").map { map[String($0)] ?? String($0) }.joined(separator: ",")
            }
        }
    }

    @Test("Danish headers in every file, or a columns.yaml, give byte-identical proposals; a mapped header the file lacks is an error")
    func danish() throws {
        let data = try Self.copy { d in
            try Self.renameHeaders(d, [
                "persons.csv": ["name": "navn", "birth_date": "fødselsdato", "municipality": "kommune", "district": "bydel"],
                "cases.csv": ["case_id": "sagsnummer", "date": "dato", "crime_code": "gerningskode", "place": "sted"],
                "case_persons.csv": ["case_id": "sagsnummer", "role": "rolle"],
                "affiliations.csv": ["group": "gruppe", "since": "fra", "until": "til", "source": "kilde", "confidence": "sikkerhed"],
                "sightings.csv": ["place": "sted", "date": "dato"],
                "log.csv": ["category": "kategori", "since": "siden"],
            ])
        }
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let sample = try sna(["propose", "samples/noerrebro", "--format", "csv"])
        let danish = try sna(["propose", data.path, "--format", "csv"])
        #expect(danish.status == 0, "\(danish.stderr)")
        #expect(danish.stdout == sample.stdout)
        let v = try sna(["validate", data.path])
        #expect(v.status == 0 && v.stderr.contains("column 'fødselsdato' read as birth_date"), "\(v.stderr)")
        // A unit's own header through columns.yaml.
        let own = try Self.copy { d in try Self.renameHeaders(d, ["persons.csv": ["municipality": "bopael_kommune"]]) }
        defer { try? FileManager.default.removeItem(at: own.deletingLastPathComponent()) }
        let yaml = own.deletingLastPathComponent().appendingPathComponent("columns.yaml")
        try "persons:\n  municipality: bopael_kommune\n".write(to: yaml, atomically: true, encoding: .utf8)
        let mapped = try sna(["propose", own.path, "--columns", yaml.path, "--format", "csv"])
        #expect(mapped.status == 0 && mapped.stdout == sample.stdout, "\(mapped.stderr)")
        // Kept with the pull: the store reads it as the folder did.
        let db = own.deletingLastPathComponent().appendingPathComponent("s.sqlite").path
        #expect(try sna(["ingest", own.path, "--as-of", "2015-12-29", "--store", db, "--columns", yaml.path]).status == 0)
        let stored = try sna(["propose", db, "--format", "csv"])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(stored.stdout.split(separator: "\n").count == sample.stdout.split(separator: "\n").count)
        // Without the mapping the screening refuses, naming the column and the option.
        let refused = try sna(["propose", own.path])
        #expect(refused.status == 1 && refused.stderr.contains("field 'municipality'") && refused.stderr.contains("--columns"), "\(refused.stderr)")
        try "persons:\n  municipality: kommune_x\n".write(to: yaml, atomically: true, encoding: .utf8)
        let wrong = try sna(["propose", own.path, "--columns", yaml.path])
        #expect(wrong.status == 1 && wrong.stderr.contains("'kommune_x', which the header does not have"), "\(wrong.stderr)")
    }

    @Test("birthdate: validate names the near miss and that nobody's age is known; nobody is routed to SSP+")
    func nearMiss() throws {
        let data = try Self.copy { d in try Self.renameHeaders(d, ["persons.csv": ["birth_date": "birthdate"]]) }
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let v = try sna(["validate", data.path])
        #expect(v.stderr.contains("column 'birthdate' looks like birth_date"), "\(v.stderr)")
        #expect(v.stderr.contains("no birth_date column") && v.stderr.contains("all 280 persons are of unknown age"), "\(v.stderr)")
        let p = try sna(["propose", data.path, "--format", "csv"])
        #expect(p.status == 0 && !p.stdout.contains("ssp_handover"), "no one of unknown age goes to SSP+")
        #expect(p.stdout.contains("age unknown"))
    }

    @Test("one minor's birth date blanked: not named with --names, flagged age_unknown, not routed to SSP+")
    func blankMinor() throws {
        let sample = try sna(["propose", "samples/noerrebro", "--format", "csv"])
        let youth = try #require(sample.stdout.split(separator: "\n").first { $0.contains(",youth_screening,") }?.split(separator: ",")[1])
        var name = ""
        let data = try Self.copy { d in
            try Self.rewrite(d.appendingPathComponent("persons.csv")) { lines in
                for i in lines.indices where lines[i].hasPrefix("\(youth),") {
                    var f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    name = f[1]; f[2] = ""
                    lines[i] = f.joined(separator: ",")
                }
            }
        }
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let json = try sna(["propose", data.path, "--format", "json"])
        let all = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["proposals"] as! [[String: Any]]
        let mine = all.filter { $0["person_id"] as? String == String(youth) }
        #expect(!mine.isEmpty && mine.allSatisfy { ($0["flags"] as! [String]).contains("age_unknown") && ($0["evidence"] as! String).hasPrefix("age unknown") })
        #expect(!mine.contains { $0["reason"] as? String == "ssp_handover" })
        let export = try sna(["export", data.path, "--format", "json", "--names", "--purpose", "test"])
        #expect(export.status == 0 && !name.isEmpty && !export.stdout.contains(name), "a person of unknown age is not named")
        let v = try sna(["validate", data.path])
        #expect(v.stderr.contains("1 person has no birth date (\(youth))"), "\(v.stderr)")
    }

    @Test("five independent faults in three files: validate reports all five, exit 1")
    func five() throws {
        let data = try Self.copy { d in
            try Self.rewrite(d.appendingPathComponent("persons.csv")) { l in
                l[4] = l[4].replacingOccurrences(of: "1985-10-24", with: "24-10-1985")
                l[9] = l[9].replacingOccurrences(of: ",free,", with: ",jail,")
            }
            try Self.rewrite(d.appendingPathComponent("cases.csv")) { l in
                l[2] = l[2].replacingOccurrences(of: "2012-01-11", with: "2012-13-11")
                l[6] = String(l[6].dropLast())
            }
            try Self.rewrite(d.appendingPathComponent("affiliations.csv")) { l in l[3] = l[3].replacingOccurrences(of: "possible", with: "maybe") }
        }
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let v = try sna(["validate", data.path])
        let errors = v.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") && $0.contains(".csv:") }
        #expect(v.status == 1)
        #expect(errors.count == 5, "\(v.stderr)")
        for needle in ["persons.csv:5: field 'birth_date'", "persons.csv:10: field 'status'", "cases.csv:3: field 'date'", "cases.csv:7:", "affiliations.csv:4: field 'confidence'"] {
            #expect(errors.contains { $0.contains(needle) }, "\(needle)\n\(v.stderr)")
        }
    }
}

/// Unbounded inputs that once crashed or never ended (issue 27, item 9): each a clear error, or
/// an answer.
@Suite("bounded options")
struct BoundedOptionTests {
    @Test("--epsilon below 0.001 is refused; --radius beyond the network ends; a policy file over 1 MiB is refused unread")
    func bounds() throws {
        let e = try sna(["centrality", "samples/noerrebro", "--measures", "betweenness", "--epsilon", "1e-10"])
        #expect(e.status != 0 && e.stderr.contains("--epsilon must be at least 0.001"), "\(e.stderr)")
        let r = try sna(["ego", "samples/noerrebro", "P0012", "--radius", "1000000000000000000", "--format", "csv"])
        #expect(r.status == 0 && r.stdout.split(separator: "\n").count > 10)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("policy.yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let h = try FileHandle(forWritingTo: big)
        try h.truncate(atOffset: 2 << 30)
        try h.close()
        let p = try sna(["propose", "samples/noerrebro", "--policy", big.path])
        #expect(p.status == 1 && p.stderr.contains("is over 1 MiB"), "\(p.stderr)")
    }

    @Test("-o onto a FIFO or a symbolic link is refused and leaves it as it was")
    func outputTargets() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let r = try sna(["export", "samples/noerrebro", "--format", "csv", "-o", fifo])
        #expect(r.status == 1 && r.stderr.contains("it is a FIFO"), "\(r.stderr)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
        let target = dir.appendingPathComponent("real.csv").path
        try "keep\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let l = try sna(["export", "samples/noerrebro", "--format", "csv", "-o", link])
        #expect(l.status == 1 && l.stderr.contains("symbolic link"), "\(l.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
    }

    @Test("a 2 GB sparse edge list stops at its first oversize field, naming line and field")
    func sparse() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("edges.csv").path
        try "source,target\n".write(toFile: path, atomically: true, encoding: .utf8)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: 2 << 30)
        try h.close()
        let r = try sna(["stats", path])
        #expect(r.status == 1 && r.stderr.contains("edges.csv:2: field 'source': field longer than 1 MB"), "\(r.stderr)")
    }

    @Test("a node-link JSON id over 1 MB is an error naming the field")
    func bigJSONID() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.json").path
        try ("{\"nodes\": [{\"id\": \"" + String(repeating: "x", count: 2 << 20) + "\"}], \"links\": []}").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try sna(["stats", path])
        #expect(r.status == 1 && r.stderr.contains("field 'nodes[0].id': an id longer than 1 MB"), "\(r.stderr.prefix(300))")
    }
}
