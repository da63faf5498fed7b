import Foundation
import Testing

/// Findings of issue 17 that are about the command line: formats by extension, spreadsheet
/// habits, duplicate ingests, validate on a store, audit filters, the person summary.
@Suite("command-line polish", .serialized)
struct CLIPolishTests {
    @Test("render: the format comes from the extension; an unknown one is an error naming the choices")
    func formatByExtension() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["jpg", "gif"] {
            let out = dir.appendingPathComponent("x.\(ext)").path
            let r = try sna(["render", "samples/noerrebro", "--view", "ego:P0012", "-o", out])
            #expect(r.status != 0 && r.stderr.contains("dot, svg, png, pdf") && !FileManager.default.fileExists(atPath: out), "\(r.stderr)")
        }
        let r = try sna(["render", "samples/noerrebro", "--view", "ego:P0012", "--format", "png", "-o", dir.appendingPathComponent("x.svg").path])
        #expect(r.status != 0 && r.stderr.contains("--format says png"))
        let g = try sna(["render", "samples/noerrebro", "--view", "groups", "-o", dir.appendingPathComponent("g.gv").path])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("g.gv"), encoding: .utf8).hasPrefix("graph groups {"))
    }

    @Test("spreadsheet habits: rows of only delimiters are skipped with a note; a day-month-year date gets a hint")
    func excelHabits() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id;name;birth_date\nP1;A;1990-01-02\nP2;B;1991-03-04\n;;\n;;\n".write(to: folder.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        try "source;target;type\nP1;P2;family\n;;\n".write(to: folder.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        var r = try sna(["validate", folder.path])
        #expect(r.status == 0 && r.stderr.contains("persons.csv:4: 2 empty rows") && r.stderr.contains("links.csv:3: 1 empty row"), "\(r.stderr)")
        r = try sna(["stats", folder.path])
        #expect(r.status == 0 && r.stderr.contains("empty rows") && r.stdout.contains("nodes"), "\(r.stderr)")
        try "id;name;birth_date\nP1;A;23-02-1990\n".write(to: folder.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        r = try sna(["validate", folder.path])
        #expect(r.status == 1 && r.stderr.contains("persons.csv:2: field 'birth_date'") && r.stderr.contains("yyyy-mm-dd"), "\(r.stderr)")
    }

    @Test("a duplicate ingest asks for --force; validate checks a store's pull; audit show filters; sna person")
    func storeHabits() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sna.sqlite").path
        var r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--by", "analyst"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--by", "analyst"])
        #expect(r.status == 1 && r.stderr.contains("--force"), "\(r.stderr)")
        r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--by", "analyst", "--force"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["validate", db])
        #expect(r.status == 0 && r.stdout.contains("280 persons"), "\(r.stdout)\(r.stderr)")
        r = try sna(["propose", db, "--by", "analyst", "--format", "csv"])
        let first = try #require(r.stdout.split(separator: "\n").dropFirst().first { $0.contains(",remove,") }?.split(separator: ","))
        r = try snaDecider(["decide", String(first[0]), "accept", "--store", db, "--by", "TSG", "--reason", "agreed"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["audit", "show", "--store", db, "--person", String(first[1]), "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1 && rows.allSatisfy { $0.contains(",TSG,decide,") }, "\(r.stdout)")
        r = try sna(["audit", "show", "--store", db, "--actor", "analyst", "--action", "ingest", "--format", "csv"])
        #expect(r.stdout.split(separator: "\n").count == 3)
        r = try sna(["audit", "show", "--store", db, "--action", "nonsense"])
        #expect(r.status != 0 && r.stderr.contains("ingest, propose, decide"))
        r = try sna(["person", String(first[1]), db])
        #expect(r.status == 0 && r.stdout.contains("log history") && r.stdout.contains("proposals") && r.stdout.contains(String(first[0])), "\(r.stdout)\(r.stderr)")
        // Pseudonymous unless asked; a name finds the person.
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let row = try #require(persons.split(separator: "\n").first { $0.hasPrefix(String(first[1]) + ",") }?.split(separator: ","))
        #expect(!r.stdout.contains(String(row[1])))
        r = try sna(["person", String(row[1]), db, "--names", "--purpose", "TSG meeting"])
        #expect(r.status == 0 && r.stdout.hasPrefix(String(first[1])), "\(r.stdout)\(r.stderr)")
    }

    @Test("one meaning per option: --actor names who acts (--by still works there); --by partitions, and an actor's name given to it is an error")
    func actorAndPartition() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sna.sqlite").path
        var r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--actor", "analyst7"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["ingest", "samples/noerrebro", "--as-of", "2016-01-31", "--store", db, "--by", "analyst8"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["audit", "show", "--store", db, "--format", "csv"])
        #expect(r.stdout.contains(",analyst7,ingest,") && r.stdout.contains(",analyst8,ingest,"))
        r = try sna(["propose", db, "--actor", "a", "--by", "b"])
        #expect(r.status != 0 && r.stderr.contains("give --actor once"), "\(r.stderr)")
        r = try sna(["clusters", "samples/noerrebro", "--by", "analyst7"])
        #expect(r.status == 1 && r.stderr.contains("who acts is --actor"), "\(r.stderr)")
        r = try sna(["clusters", "samples/noerrebro", "--by", "district", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let help = try sna(["decide", "--help"])
        #expect(help.stdout.contains("--actor <name>") && !help.stdout.contains("--by <"))
    }

    @Test("one spelling for how many: keyplayers --top (the old --k still works, both at once is an error)")
    func keyPlayersTop() throws {
        let top = try sna(["keyplayers", "samples/noerrebro", "--top", "2", "--format", "json"])
        let old = try sna(["keyplayers", "samples/noerrebro", "--k", "2", "--format", "json"])
        #expect(top.status == 0 && old.status == 0, "\(top.stderr)\(old.stderr)")
        #expect(top.stdout == old.stdout)
        let both = try sna(["keyplayers", "samples/noerrebro", "--top", "2", "--k", "3"])
        #expect(both.status != 0 && both.stderr.contains("old spelling"))
    }

    @Test("--iterations -1 parses as the help writes it (issue 18), and equals --iterations=-1")
    func negativeIterations() throws {
        let spaced = try sna(["clusters", "samples/noerrebro", "--iterations", "-1", "--format", "csv"])
        let joined = try sna(["clusters", "samples/noerrebro", "--iterations=-1", "--format", "csv"])
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout == joined.stdout)
        let katz = try sna(["centrality", "samples/noerrebro", "--measures", "katz"])
        #expect(katz.status != 0 && katz.stderr.contains("katz diverges") && katz.stderr.contains("λ_max ≈ 29.95"), "\(katz.stderr)")
        let fine = try sna(["centrality", "samples/noerrebro", "--measures", "katz", "--alpha", "0.03", "--format", "csv"])
        #expect(fine.status == 0 && !fine.stdout.contains(",0\n"), "\(fine.stderr)")
    }
}
