import Foundation
import GRDB
import Network
import Screening
import Store
import Testing

let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sample = repo.appendingPathComponent("samples/noerrebro").path

func tempStore() throws -> (Store, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("sna.sqlite").path
    return (try Store(path: path, create: true), dir)
}

@Suite("store")
struct StoreTests {
    @Test("ingest keeps the pull, the log baseline and an audit record; file mode 0600, WAL")
    func ingest() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let folder = try DatasetLoader.load(sample)
        #expect(r.pull.id == 1 && r.pull.persons == folder.persons.count && r.baselineEntries == folder.log.count)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let mode = try DatabaseQueue(path: store.path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // The pull rebuilds to the same dataset as the folder.
        let (_, ds) = try store.dataset()
        #expect(ds.persons.map(\.id) == folder.persons.map(\.id) && ds.cases.count == folder.cases.count)
        #expect(ds.participations.count == folder.participations.count && ds.log.count == folder.log.count)
        // A second pull of the same files stores no new file content; the log is not re-imported.
        let r2 = try store.ingest(folder: sample, asOf: Day(iso: "2016-01-31")!, by: "analyst1", purpose: nil)
        #expect(r2.unchangedFiles.count == 9 && r2.baselineEntries == 0 && r2.logDifferences.isEmpty)
        // Pulls stay in date order.
        #expect(throws: StoreError.self) { try store.ingest(folder: sample, asOf: Day(iso: "2015-01-01")!, by: "a", purpose: nil) }
        #expect(try store.pulls().count == 2)
        #expect(try store.integrityProblems().isEmpty)
        #expect(try store.verifyAudit().records == 2)
    }

    @Test("a folder with errors is not ingested and leaves the store as it was")
    func badFolder() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try "id,name\nP1,x\nP1,y\n".write(to: bad.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try store.ingest(folder: bad.path, asOf: Day(iso: "2015-01-01")!, by: "a", purpose: nil) }
        #expect(try store.pulls().isEmpty && store.auditRecords().isEmpty)
    }

    @Test("proposals, decisions and the log round-trip; stale and repeated decisions are refused")
    func decisions() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let (pull, ds) = try store.dataset()
        let made = try Screening.propose(ds, asOf: pull.asOf)
        let (run, saved) = try store.saveProposals(made, pull: pull, policy: .default, by: "analyst1", purpose: nil) { _ in "{}" }
        #expect(run == 1 && saved.first?.id == "R1-001")
        let add = try #require(saved.first { $0.action == .add })
        let remove = try #require(saved.first { $0.action == .remove })
        let before = try store.logState()
        #expect(before[add.personID] == nil && before[remove.personID] != nil)
        _ = try store.opened(as: "decider").decide([.init(proposalID: add.id, verdict: .accept, by: "group", reason: "agreed at meeting", attestation: "read"),
                              .init(proposalID: remove.id, verdict: .reject, by: "group", reason: "still active per SSP", attestation: "read")], purpose: nil)
        let after = try store.logState()
        #expect(after[add.personID]?.category == add.category)
        #expect(after[remove.personID] == before[remove.personID])
        #expect(try store.history(person: add.personID).last?.decidedBy == "group")
        // Deciding again is refused; so is a batch with an unknown id (and then nothing of it lands).
        #expect {
            try store.opened(as: "decider").decide([.init(proposalID: add.id, verdict: .reject, by: "x", reason: "y", attestation: "read")], purpose: nil)
        } throws: { e in
            guard case StoreError.alreadyDecided(let id, "accept", "group", _, nil) = e else { return false }
            return id == add.id
        }
        let other = try #require(saved.first { $0.action == .recategorize || ($0.action == .remove && $0.id != remove.id) })
        #expect {
            try store.opened(as: "decider").decide([.init(proposalID: other.id, verdict: .accept, by: "x", reason: "y", attestation: "read"),
                              .init(proposalID: "R9-999", verdict: .accept, by: "x", reason: "y", attestation: "read")], purpose: nil)
        } throws: { e in
            guard case StoreError.unknownProposal("R9-999", _, nil) = e else { return false }
            return true
        }
        #expect(try store.logState() == after)
        // The log as of a day before the decision's effective date is the baseline.
        #expect(try store.logState(asOf: Day(iso: "2015-12-30")!) == before)
        // A route may follow an add of the same person in the same run.
        if let pair = saved.first(where: { p in p.action == .add && p.id != add.id && saved.contains { $0.personID == p.personID && $0.action == .route } }) {
            let route = saved.first { $0.personID == pair.personID && $0.action == .route }!
            _ = try store.opened(as: "decider").decide([.init(proposalID: pair.id, verdict: .accept, by: "g", reason: "r", attestation: "read"),
                                  .init(proposalID: route.id, verdict: .accept, by: "g", reason: "r", attestation: "read")], purpose: nil)
            #expect(try store.logState()[pair.personID]?.routes == [route.reason.route!])
        } else {
            Issue.record("the sample should have an add with a route")
        }
        // A new run supersedes the old proposals.
        let (_, ds2) = try store.dataset()
        _ = try store.saveProposals(try Screening.propose(ds2, asOf: pull.asOf), pull: pull, policy: .default, by: "a", purpose: nil) { _ in "{}" }
        #expect {
            try store.opened(as: "decider").decide([.init(proposalID: other.id, verdict: .accept, by: "x", reason: "y", attestation: "read")], purpose: nil)
        } throws: { e in
            guard case StoreError.superseded(_, 1, 2, nil) = e else { return false }
            return true
        }
        #expect(try store.verifyAudit().problems.isEmpty)
    }

    @Test("a proposal run made before the log changed is refused as stale when saved, with the case saying so")
    func stale() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let (pull, ds) = try store.dataset()
        let made = try Screening.propose(ds, asOf: pull.asOf)   // read the log before the decision below
        let (_, first) = try store.saveProposals(made, pull: pull, policy: .default, by: "a", purpose: nil) { _ in "{}" }
        let remove = try #require(first.first { $0.action == .remove })
        _ = try store.opened(as: "decider").decide([.init(proposalID: remove.id, verdict: .accept, by: "g", reason: "r", attestation: "read")], purpose: nil)
        // A second run saved from the screening made before that decision (a concurrent
        // propose): refused as a whole, naming the person whose entry changed.
        #expect {
            try store.saveProposals(made, pull: pull, policy: .default, by: "a", purpose: nil) { _ in "{}" }
        } throws: { e in
            guard case let StoreError.stale(id, person, then, now, nil) = e else { return false }
            return id == "(new run)" && person == remove.personID && then == remove.currentCategory?.rawValue && now == nil
        }
        // A fresh screening saves.
        let (_, ds2) = try store.dataset()
        let (run2, _) = try store.saveProposals(try Screening.propose(ds2, asOf: pull.asOf), pull: pull, policy: .default, by: "a", purpose: nil) { _ in "{}" }
        #expect(run2 == 2)
    }

    @Test("audit verify finds an edited record and a deleted one")
    func tamper() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        for i in 0..<4 { try store.recordAction(by: "analyst\(i)", action: .export, what: "export \(i)", purpose: "meeting") }
        #expect(try store.verifyAudit().problems.isEmpty && store.verifyAudit().records == 5)
        let q = try DatabaseQueue(path: store.path)
        try q.write { try $0.execute(sql: "UPDATE audit SET by = 'someone else' WHERE seq = 3") }
        let edited = try store.verifyAudit()
        #expect(edited.problems.contains { $0.contains("record 3") && $0.contains("edited") })
        try q.write { try $0.execute(sql: "UPDATE audit SET by = 'analyst1' WHERE seq = 3") }
        #expect(try store.verifyAudit().problems.isEmpty)
        try q.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 2") }
        let deleted = try store.verifyAudit()
        #expect(deleted.problems.contains { $0.contains("record 2") } && deleted.problems.contains { $0.contains("record 3") })
    }

    @Test("candidate lists: persons put forward within the window are known")
    func candidateWindow() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.saveCandidateList(["P1", "P2"], asOf: Day(iso: "2015-11-20")!, criteria: "test", by: "a", purpose: nil, names: false)
        #expect(try store.recentlyPutForward(before: Day(iso: "2015-12-31")!, weeks: 8) == ["P1", "P2"])
        #expect(try store.recentlyPutForward(before: Day(iso: "2016-01-31")!, weeks: 8).isEmpty)
    }

    @Test("Day arithmetic in days round-trips")
    func days() {
        let d = Day(iso: "2016-02-28")!
        #expect(d.adding(days: 1).description == "2016-02-29" && d.adding(days: 2).description == "2016-03-01")
        #expect(Day(iso: "1969-12-31")!.adding(days: 1).description == "1970-01-01")
        #expect(Day(iso: "2015-12-31")!.adding(days: -56).description == "2015-11-05")
    }
}
