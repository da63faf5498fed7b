import Foundation
import GRDB
import Store
import Testing

/// Record, then show (issue 27, item 5): with the store's write lock held by another program,
/// and on a read-only store, no command lets a name out without a record (or --unrecorded).
@Suite("record, then show", .serialized)
struct RecordThenShowTests {
    func ingested() throws -> (URL, String) {
        let dir = try tempDir()
        let db = dir.appendingPathComponent("sna.sqlite").path
        let r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    func records(_ db: String) throws -> Int {
        try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit") ?? 0 }
    }

    @Test("with the write lock held elsewhere: names go nowhere, to stdout or to -o, and nothing is half-recorded")
    func locked() throws {
        let (dir, db) = try ingested()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try records(db)
        var config = Configuration()
        config.busyMode = .timeout(1)
        config.allowsUnsafeTransactions = true  // the lock is held across calls on purpose
        let q = try DatabaseQueue(path: db, configuration: config)
        let out = dir.appendingPathComponent("names.csv").path
        try q.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let env = ["SNA_BUSY_TIMEOUT": "1"]
        let commands: [[String]] = [
            ["centrality", db, "--top", "5", "--names", "--purpose", "p"],
            ["ego", db, "P0012", "--names", "--purpose", "p"],
            ["export", db, "--names", "--purpose", "p", "--format", "csv", "-o", out],
            ["candidates", db, "--names", "--purpose", "p", "--top", "3"],
            ["groups", db, "--names", "--purpose", "p"],
            ["person", "P0012", db],
        ]
        for c in commands {
            let r = try sna(c, environment: env)
            #expect(r.status != 0, "\(c): \(r.stdout.prefix(200))")
            #expect(r.stdout.isEmpty, "\(c) printed without a record: \(r.stdout.prefix(200))")
            #expect(r.stderr.contains("busy"), "\(c): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        // No staged temporary is left beside the output either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        try q.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        try q.close()
        #expect(try records(db) == before)
        // Once the lock is gone the same command records, then prints.
        let ok = try sna(["centrality", db, "--top", "5", "--names", "--purpose", "p"])
        #expect(ok.status == 0 && !ok.stdout.isEmpty)
        #expect(try records(db) == before + 1)
    }

    @Test("a read-only store: names need --unrecorded and a purpose, said on stderr; --unrecorded on a store that records is refused")
    func readOnly() throws {
        let (dir, db) = try ingested()
        defer { chmod(db, 0o600); try? FileManager.default.removeItem(at: dir) }
        // Fold the WAL in, then take every write bit away.
        let q = try DatabaseQueue(path: db)
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try q.close()
        #expect(try sna(["centrality", db, "--top", "3", "--unrecorded", "--names", "--purpose", "p"]).status != 0)
        chmod(db, 0o400)
        let refused = try sna(["centrality", db, "--top", "3", "--names", "--purpose", "p"])
        #expect(refused.status != 0 && refused.stdout.isEmpty && refused.stderr.contains("--unrecorded"), "\(refused.stderr)")
        let shown = try sna(["centrality", db, "--top", "3", "--names", "--purpose", "p", "--unrecorded"])
        #expect(shown.status == 0 && !shown.stdout.isEmpty, "\(shown.stderr)")
        #expect(shown.stderr.contains("NOT RECORDED"))
        // Pseudonymous output needs no record.
        #expect(try sna(["centrality", db, "--top", "3"]).status == 0)
    }

    @Test("a candidates preview with names is recorded; a person looked up by name needs a purpose and is recorded")
    func previewsAndLookups() throws {
        let (dir, db) = try ingested()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try records(db)
        #expect(try sna(["candidates", db, "--names", "--purpose", "meeting prep", "--top", "3"]).status == 0)
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let name = String(persons.split(separator: "\n")[1].split(separator: ",")[1])
        let bare = try sna(["person", name, db])
        #expect(bare.status != 0 && bare.stdout.isEmpty && bare.stderr.contains("--purpose"), "\(bare.stderr)")
        #expect(try sna(["person", name, db, "--purpose", "a call from the school"]).status == 0)
        let shown = try sna(["audit", "show", "--store", db, "--action", "disclose", "--format", "csv"]).stdout
        #expect(shown.contains("candidates preview") && shown.contains("looked up by name"), "\(shown)")
        #expect(try records(db) == before + 2)
    }

    @Test("audit anchor appends the head; verify --anchor catches a truncated tail")
    func anchor() throws {
        let (dir, db) = try ingested()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["propose", db])
        let file = dir.appendingPathComponent("anchors.txt").path
        let a = try sna(["audit", "anchor", "--store", db, "--to", file])
        #expect(a.status == 0 && a.stdout.hasPrefix("sna-anchor 2 "), "\(a.stdout)")
        #expect(try sna(["audit", "verify", "--store", db, "--anchor", file]).status == 0)
        let q = try DatabaseQueue(path: db)
        try q.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 2") }
        let v = try sna(["audit", "verify", "--store", db, "--anchor", file])
        #expect(v.status != 0 && v.stderr.contains("anchor: record 2"), "\(v.stderr)")
        try Data("not an anchor\n".utf8).write(to: URL(fileURLWithPath: file))
        let bad = try sna(["audit", "verify", "--store", db, "--anchor", file])
        #expect(bad.status != 0 && bad.stderr.contains("anchors.txt:1"), "\(bad.stderr)")
    }

    @Test("the report folder is swapped in whole, 0700; a folder of other files is refused untouched")
    func reportFolder() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let refused = try sna(["report", "samples/noerrebro", "-o", other.path, "--candidates", "0", "--robustness-runs", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("other files"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
        let out = dir.appendingPathComponent("pack")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        chmod(out.path, 0o777)
        for _ in 0..<2 {
            let r = try sna(["report", "samples/noerrebro", "-o", out.path, "--candidates", "0", "--robustness-runs", "0"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var st = stat()
        #expect(stat(out.path, &st) == 0 && st.st_mode & 0o777 == 0o700)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
