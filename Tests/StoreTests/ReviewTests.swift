import Foundation
import GRDB
import Network
import Screening
@testable import Store
import Testing

@Suite("review proposals in the store")
struct ReviewTests {
    @Test("accepting a review keeps the entry, rejecting removes it, revoking the rejection puts it back; strengths are kept; verify passes")
    func review() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let (pull, ds) = try store.dataset()
        let entries = Array(ds.log.prefix(2))
        let made = entries.map { e -> Proposal in
            var p = Proposal(id: "", personID: e.personID, action: .review, category: LogCategory(rawValue: e.category), reason: .weakEvidence,
                             summary: "last seen 2015-11-01; the data cannot decide; the group decides", rule: "review", figures: [], cases: [],
                             affiliations: [], currentCategory: LogCategory(rawValue: e.category), flags: [])
            p.strength = .weak
            return p
        }
        let (_, saved) = try store.saveProposals(made, pull: pull, policy: .default, by: "analyst1", purpose: nil) { _ in "{}" }
        let before = try store.logState()
        _ = try store.opened(as: "decider").decide([.init(proposalID: saved[0].id, verdict: .accept, by: "group", reason: "still active per SSP", attestation: "read"),
                              .init(proposalID: saved[1].id, verdict: .reject, by: "group", reason: "moved abroad", attestation: "read")], purpose: nil)
        let after = try store.logState()
        #expect(after[entries[0].personID] == before[entries[0].personID])
        #expect(after[entries[1].personID] == nil && before[entries[1].personID] != nil)
        #expect(try store.proposals().map(\.strength) == [.weak, .weak])
        _ = try store.opened(as: "decider").revoke(saved[1].id, by: "group", reason: "not moved after all", effective: nil, purpose: nil)
        #expect(try store.logState()[entries[1].personID]?.category == before[entries[1].personID]?.category)
        #expect(try store.verifyAudit().problems.isEmpty)
    }

    @Test("a store made before reviews opens: its proposals, their rowids and decisions survive the rebuilt table")
    func upgrade() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sna.sqlite").path
        // The schema as it was before v5, with a pull, a run, two proposals and a decision.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v4: follow-up and meetings")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO pull (id, as_of, source, ingested_at, ingested_by, persons, cases, log_entries) VALUES (1, '2015-12-31', 's', 't', 'a', 0, 0, 0);
                INSERT INTO proposal_run (id, pull_id, as_of, policy, created_at, created_by) VALUES (1, 1, '2015-12-31', '', 't', 'a');
                INSERT INTO proposal (rowid, id, run_id, person_id, action, category, reason, evidence, rule, current_category, detail)
                    VALUES (7, 'R1-001', 1, 'P1', 'add', 'A2', 'peripheral', 'e', 'r', NULL, '{}'),
                           (9, 'R1-002', 1, 'P2', 'remove', NULL, 'inactive', 'e', 'r', 'B2', '{}');
                INSERT INTO decision (id, proposal_id, verdict, decided_by, reason, decided_at, effective) VALUES (1, 'R1-002', 'accept', 'g', 'x', 't', '2015-12-31');
                """)
        }
        try queue.close()
        _ = try Store(path: path)
        let check = try DatabaseQueue(path: path)
        try check.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, id, action FROM proposal ORDER BY rowid").map { "\($0[0] as Int64) \($0[1] as String) \($0[2] as String)" }
            #expect(rows == ["7 R1-001 add", "9 R1-002 remove"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision d JOIN proposal p ON p.id = d.proposal_id") == 1)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // review is now an action the table accepts.
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'proposal'")?.contains("'review'") == true)
        }
    }
}

@Suite("store file")
struct StoreFileTests {
    @Test("a 0-byte file made beforehand with another mode (or owner) is not reused: a fresh 0600 file of this account replaces it")
    func emptyFileReplaced() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sna.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o666]))
        var before = stat()
        #expect(stat(path, &before) == 0)
        let store = try Store(path: path, create: true)
        #expect(store.created)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_ino != before.st_ino, "a new file, not the one made beforehand")
        #expect(after.st_mode & 0o777 == 0o600 && after.st_uid == getuid())
    }
}
