import Crypto
import Foundation
import GRDB
import Network
import Screening
@testable import Store
import Testing

/// The audit trail as evidence (issue 27): each attack an insider with write access to the
/// store file can make is seen by `verify`, and the recording commands refuse to build on it.
@Suite("audit trail as evidence")
struct EvidenceTests {
    /// A store with the sample ingested, a run and a decision.
    func decided() throws -> (Store, URL, DatabaseQueue) {
        let (store, dir) = try tempStore()
        _ = try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let ds = try store.dataset().1
        let proposals = try Screening.propose(ds, asOf: Day(iso: "2015-12-31")!, policy: .default)
        let saved = try store.saveProposals(proposals, pull: try store.pulls()[0], policy: .default, by: "analyst1", purpose: nil, detail: { _ in "{}" })
        let remove = try #require(saved.proposals.first { $0.action == .remove })
        _ = try store.opened(as: "decider").decide([Store.DecisionRequest(proposalID: remove.id, verdict: .accept, by: "TSG", reason: "agreed", effective: nil, attestation: "read")], purpose: nil)
        return (store, dir, try DatabaseQueue(path: store.path))
    }

    @Test("laundering: a hand edit is not taken into the next record; the command stops, naming table and row")
    func laundering() throws {
        let (store, dir, q) = try decided()
        defer { try? FileManager.default.removeItem(at: dir) }
        try q.write { try $0.execute(sql: "UPDATE decision SET reason = 'forged' WHERE id = 1") }
        #expect {
            try store.recordAction(by: "x", action: .export, what: "export", purpose: nil)
        } throws: { e in
            guard case let StoreError.tampered(_, problems) = e else { return false }
            return problems.contains { $0.contains("table decision") && $0.contains("changed row 1") }
        }
        // Nothing was recorded, and verify (with or without the noted head) still sees it.
        let v = try store.verifyAudit()
        #expect(v.records == 3)
        #expect(v.problems.contains { $0.contains("table decision") })
    }

    @Test("incremental digests: an edit that hides from the write's cheap check (edit count reset) is still seen by verify after later records, and the digests match a full recomputation")
    func incrementalDigests() throws {
        let (store, dir, q) = try decided()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Untouched: every record's maintained digests are what a full pass over the rows gives.
        let last = try #require(try store.auditRecords().last)
        let key = Store.digestKey(store.sealKey)
        let full = try store.read { db in try Store.rowHashes(db) }
        let recorded = Store.parseState(last.state)
        for t in full { #expect(recorded[t.table] == Store.tableSum(t.table, t.rows, key: key).text, "\(t.table)") }
        #expect(recorded["edits"] != nil)
        // An insider edits a decision and sets its edit count back: the next write's cheap check
        // passes, and the write records on top...
        try q.write { db in
            let n = try Int.fetchOne(db, sql: "SELECT n FROM edit_count WHERE tbl = 'decision'")!
            try db.execute(sql: "UPDATE decision SET reason = 'forged' WHERE id = 1")
            try db.execute(sql: "UPDATE edit_count SET n = ? WHERE tbl = 'decision'", arguments: [n])
        }
        try store.recordAction(by: "x", action: .export, what: "export", purpose: nil)
        try store.recordAction(by: "x", action: .export, what: "export again", purpose: nil)
        // ...but its digests come from sna's own changes: verify names the edited row.
        let v = try store.verifyAudit()
        #expect(v.problems.contains { $0.contains("table decision") && $0.contains("changed row 1") }, "\(v.problems)")
        // A change sna makes itself is taken in row by row: a decision more, and verify is clean
        // of everything but the forged row.
        let (store2, dir2, _) = try decided()
        defer { try? FileManager.default.removeItem(at: dir2) }
        let open = try store2.proposals().filter { $0.verdict == nil && $0.action == .add }.first!
        _ = try store2.opened(as: "decider").decide([Store.DecisionRequest(proposalID: open.id, verdict: .reject, by: "TSG", reason: "no", effective: nil, attestation: "read")], purpose: nil)
        #expect(try store2.verifyAudit().problems.isEmpty)
        let state = Store.parseState(try #require(try store2.auditRecords().last).state)
        for t in try store2.read({ db in try Store.rowHashes(db) }) {
            #expect(state[t.table] == Store.tableSum(t.table, t.rows, key: Store.digestKey(store2.sealKey)).text, "\(t.table)")
        }
    }

    @Test("forgery: a record appended, or the whole chain rewritten, without the key breaks the seals")
    func forgery() throws {
        let (store, dir, q) = try decided()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try store.verifyAudit().problems.isEmpty)
        // Append a record whose SHA-256 chain is right (state copied) but made without the key.
        try q.write { db in
            let last = try #require(try AuditRecord.fetchOne(db, sql: "SELECT * FROM audit ORDER BY seq DESC LIMIT 1"))
            let h = AuditRecord.digest(seq: last.seq + 1, at: last.at, by: "mallory", action: "export", what: "nothing", purpose: "", prev: last.hash,
                                       state: last.state, salt: "00", persons: "")
            try db.execute(sql: "INSERT INTO audit (seq, at, by, action, what, purpose, prev, hash, state, salt, persons, seal) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                           arguments: [last.seq + 1, last.at, "mallory", "export", "nothing", "", last.hash, h, last.state, "00", "", String(repeating: "a", count: 64)])
        }
        #expect(try store.verifyAudit().problems.contains { $0.contains("record 4") && $0.contains("seal") })
        try q.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 4") }
        // Rewrite record 2 and re-hash every later record: the chain holds, the seals do not.
        try q.write { db in
            var prev = Store.genesis
            for var r in try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq") {
                if r.seq == 2 { r.by = "someone else" }
                r.prev = prev
                r.hash = r.computed
                try db.execute(sql: "UPDATE audit SET by = ?, prev = ?, hash = ? WHERE seq = ?", arguments: [r.by, r.prev, r.hash, r.seq])
                prev = r.hash
            }
        }
        let v = try store.verifyAudit()
        #expect(!v.problems.contains { $0.contains("edited") || $0.contains("does not follow") })
        #expect(v.problems.contains { $0.contains("record 2") && $0.contains("seal") }, "\(v.problems)")
        // Without the key file verify says what it could not check.
        let key = store.keyPath
        try FileManager.default.moveItem(atPath: key, toPath: key + ".away")
        let unkeyed = try Store(path: store.path, readOnly: true).verifyAudit()
        #expect(unkeyed.warnings.contains { $0.contains("not checked") })
        // And a writable store without its key records nothing.
        #expect(throws: StoreError.self) { try Store(path: store.path).recordAction(by: "x", action: .export, what: "x", purpose: nil) }
    }

    @Test("the schema is under the chain: a trigger that drops records, a deleted migration row")
    func schema() throws {
        let (store, dir, q) = try decided()
        defer { try? FileManager.default.removeItem(at: dir) }
        try q.write { try $0.execute(sql: "CREATE TRIGGER quiet BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END") }
        #expect(try store.verifyAudit().problems.contains { $0.contains("trigger quiet") })
        #expect(throws: StoreError.self) { try store.recordAction(by: "x", action: .disclose, what: "names", purpose: "p") }
        try q.write { try $0.execute(sql: "DROP TRIGGER quiet") }
        #expect(try store.verifyAudit().problems.isEmpty)
        try q.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%'") }
        #expect(try store.verifyAudit().problems.contains { $0.contains("migrations table") })
        // Opening it for writing is refused with a message, not a raw SQLite error.
        #expect { try Store(path: store.path) } throws: { e in "\(e)".contains("migrations table lacks 'v3") }
    }

    @Test("anchors: a truncated chain no longer holds an anchored head")
    func anchors() throws {
        let (store, dir, q) = try decided()
        defer { try? FileManager.default.removeItem(at: dir) }
        let head = try #require(try store.auditRecords().last)
        #expect(try store.verifyAudit(anchors: [(head.seq, head.hash)]).problems.isEmpty)
        try q.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = ?", arguments: [head.seq]) }
        #expect(try store.verifyAudit(anchors: [(head.seq, head.hash)]).problems.contains { $0.hasPrefix("anchor:") })
    }

    @Test("a store an earlier sna made verifies read-only with a warning, and on its first write is upgraded, recorded and sealed")
    func upgrade() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-v5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sna.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5: review proposals and strength")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO pull (id, as_of, source, ingested_at, ingested_by, persons, cases, log_entries) VALUES (1, '2015-12-31', 's', '2026-01-01T09:00:00Z', 'a', 0, 0, 0)")
            let state = try Store.stateDigest(db).map { "\($0.table)=\($0.digest)" }.joined(separator: ";")
            try Store.saveRowHashes(db)
            let h = AuditRecord.digest(seq: 1, at: "2026-01-01T09:00:00Z", by: "a", action: "ingest", what: "pull 1", purpose: "", prev: Store.genesis, state: state)
            try db.execute(sql: "INSERT INTO audit (seq, at, by, action, what, purpose, prev, hash, state) VALUES (1, '2026-01-01T09:00:00Z', 'a', 'ingest', 'pull 1', '', ?, ?, ?)",
                           arguments: [Store.genesis, h, state])
        }
        try queue.close()
        let read = try Store(path: path, readOnly: true).verifyAudit()
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.warnings.contains { $0.contains("earlier sna") })
        let store = try Store(path: path)
        let v = try store.verifyAudit()
        #expect(v.problems.isEmpty && v.warnings.isEmpty, "\(v.problems) \(v.warnings)")
        #expect(try store.auditRecords().map(\.action) == ["ingest", "migrate"])
        #expect(try store.auditRecords().allSatisfy { !$0.seal.isEmpty })
    }

    @Test("two lists saved at once never share a person within the window")
    func concurrentLists() async throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.recordAction(by: "a", action: .export, what: "start", purpose: nil)
        let path = store.path
        let day = Day(iso: "2015-12-31")!
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<4 {
                group.addTask {
                    do {
                        try Store(path: path).saveCandidateList(["P1", "P2", "P\(10 + i)"], asOf: day, criteria: "t", by: "a\(i)", purpose: nil, names: false,
                                                               windowWeeks: 8)
                        return true
                    } catch StoreError.candidatesTaken {
                        return false
                    } catch {
                        return false
                    }
                }
            }
            var out: [Bool] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(try store.verifyAudit().problems.isEmpty)
    }
}

/// Purge removes exactly the person (issue 27, item 4), on ids that are bare numbers.
@Suite("purge by whole tokens")
struct PurgeTokenTests {
    /// Persons 1…6 (numeric ids, as london_gang has them), cases between them, a log.
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-numeric-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func w(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        try w("persons.csv", """
            id,name,birth_date,municipality,district
            1,Arvid Kronborg,1990-01-01,København,Indre Nørrebro
            2,Bent Lystrup,1991-02-02,København,Indre Nørrebro
            3,Xylander Quist,1992-03-03,København,Indre Nørrebro
            4,Dorit Fjeldsø,1993-04-04,København,Indre Nørrebro
            12,Egon Vammen,1994-05-05,København,Indre Nørrebro
            13,Frode Ulvsund,1995-06-06,København,Indre Nørrebro

            """)
        try w("cases.csv", """
            case_id,date,crime_code,place,tags
            C1,2015-06-01,73241,Folkets Park,
            C2,2015-07-01,73241,Folkets Park,
            C3,2010-01-01,73241,Folkets Park,

            """)
        try w("case_persons.csv", """
            case_id,person_id,role
            C1,1,suspect
            C1,2,suspect
            C1,4,suspect
            C2,12,suspect
            C2,13,suspect
            C2,1,suspect
            C3,3,suspect

            """)
        try w("affiliations.csv", """
            person_id,group,since,until,source,confidence
            1,LTF,2012-01-01,,EAS,confirmed
            2,LTF,2012-01-01,,EAS,confirmed
            4,LTF,2012-01-01,,EAS,probable
            12,LTF,2012-01-01,,EAS,probable

            """)
        try w("log.csv", """
            person_id,category,since
            1,A1,2014-01-01
            2,A2,2014-01-01
            4,A2,2014-01-01
            12,A2,2014-01-01

            """)
        return dir
    }

    static let day = Day(iso: "2015-12-31")!

    /// A store with the numeric-id folder ingested as of ``day``, and the folders to remove.
    func ingested() throws -> (Store, [URL]) {
        let data = try folder()
        let (store, dir) = try tempStore()
        _ = try store.ingest(folder: data.path, asOf: PurgeTokenTests.day, by: "analyst1", purpose: nil)
        return (store, [data, dir])
    }

    @Test("a purge of person 3 leaves every other person's evidence and every record not naming 3 as it was; the name typed in a reason is gone from the file")
    func numericIDs() throws {
        let (store, dirs) = try ingested()
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        let day = PurgeTokenTests.day
        let ds = try store.dataset().1
        let saved = try store.saveProposals(try Screening.propose(ds, asOf: day, policy: .default), pull: try store.pulls()[0], policy: .default,
                                            by: "analyst1", purpose: nil, detail: { p in "{\"n\": 3, \"days\": [1, 2, 3, 4]}" })
        let other = try #require(saved.proposals.first { $0.personID != "3" })
        // A reason that names person 3 as typed, and records whose text holds the digits 3 and 12.
        _ = try store.opened(as: "decider").decide([Store.DecisionRequest(proposalID: other.id, verdict: .reject, by: "TSG", reason: "seen with Xylander last week; 3 cases", effective: nil, attestation: "read")],
                         purpose: "meeting 3")
        try store.recordAction(by: "a", action: .export, what: "export dot to out.dot (3 nodes) (pull 1)", purpose: "12 copies")
        try store.recordAction(by: "a", action: .disclose, what: "person summary of 3 (pseudonymous)", purpose: "check", persons: ["3"])
        let q = try DatabaseQueue(path: store.path)
        let before = try q.read { db in try Row.fetchAll(db, sql: "SELECT id, person_id, evidence, detail FROM proposal ORDER BY id") }
        let auditBefore = try store.auditRecords()

        let n = try store.purge(PurgePlan(persons: [(id: "3", since: Day(iso: "2010-01-01")!, why: "test")], cutoff: day), by: "dpo", purpose: "retention")
        let after = try q.read { db in try Row.fetchAll(db, sql: "SELECT id, person_id, evidence, detail FROM proposal ORDER BY id") }
        for (b, a) in zip(before, after) where (b["person_id"] as String) != "3" {
            let named = try q.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM proposal_mention WHERE proposal_id = ? AND person_id LIKE 'purged-%')", arguments: [b["id"] as String]) } ?? false
            if !named {
                #expect(a["evidence"] as String == b["evidence"] as String)
                #expect(a["detail"] as String == b["detail"] as String)
            }
        }
        // Only the records that named person 3 became tombstones: the person summary, and the
        // decision whose reason typed the name; "3 nodes", "pull 1", "12 copies" name nobody.
        let purgeRecord = try #require(try store.auditRecords().last)
        let stones = purgeRecord.what.components(separatedBy: "tombstones: ").last!.split(separator: " ").map { Int64($0.split(separator: ":")[0])! }
        let named = auditBefore.filter { $0.persons.split(separator: " ").contains("3") || $0.what.contains("Xylander") }.map(\.seq)
        #expect(stones == named, "\(purgeRecord.what)")
        #expect(n == named.count)
        for r in try store.auditRecords() where !stones.contains(r.seq) && r.seq < purgeRecord.seq {
            #expect(auditBefore.first { $0.seq == r.seq }?.what == r.what)
        }
        // The name, and its parts as typed, are in none of the file's bytes.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path + suffix))
            #expect(bytes.range(of: Data("Xylander".utf8)) == nil)
            #expect(bytes.range(of: Data("Quist".utf8)) == nil)
        }
        let verified = try store.verifyAudit().problems
        #expect(verified.isEmpty, "\(verified)")
        // A tombstone edited afterwards shows.
        try q.write { try $0.execute(sql: "UPDATE audit SET what = 'rewritten' WHERE seq = ?", arguments: [stones[0]]) }
        #expect(try store.verifyAudit().problems.contains { $0.contains("tombstone") })
    }

    @Test("a second purge of the same plan does nothing; tombstone ids continue across purges")
    func serialized() throws {
        let (store, dirs) = try ingested()
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        let day = PurgeTokenTests.day
        let plan = PurgePlan(persons: [(id: "3", since: Day(iso: "2010-01-01")!, why: "test")], cutoff: day)
        try store.purge(plan, by: "dpo", purpose: nil)
        let records = try store.auditRecords().count
        #expect(try store.purge(plan, by: "dpo", purpose: nil) == 0)
        #expect(try store.auditRecords().count == records)
        #expect(try store.auditRecords().last?.persons == "purged-1")
        try store.purge(PurgePlan(persons: [(id: "13", since: Day(iso: "2010-01-01")!, why: "test")], cutoff: day), by: "dpo", purpose: nil)
        #expect(try store.auditRecords().last?.persons == "purged-2")
        #expect(try store.verifyAudit().problems.isEmpty)
    }

    @Test("Scrub matches whole tokens: P1 never touches P12, a bare number only where the text names the person")
    func tokens() {
        let s = Scrub(ids: ["P1", "4"], names: ["Anne-Marie Holm"])
        #expect(s.text("with P12, P1 and P1.", numeric: false) == "with P12, [purged] and [purged].")
        #expect(s.text("on 4 days with 4", numeric: false) == "on 4 days with 4")
        #expect(s.text("on 4 days", numeric: true) == "on [purged] days")
        #expect(s.text("met anne-marie and HOLM; Holmgaard stays", numeric: false) == "met [purged] and [purged]; Holmgaard stays")
        #expect(s.text("2024-01-04 and 0.4", numeric: true) == "2024-01-04 and 0.4")
    }
}
