import Foundation
import GRDB
import Network
import Screening
@testable import Store
import Testing

/// Issue 28: one schema catalog, who acts, the person's rights, corrections, quality audits.
@Suite("catalog, roles and rights", .serialized)
struct RightsTests {
    /// A store with a realistic history that leaves a row in every fact table: two pulls,
    /// proposals (an analyst's account), decisions and a revocation (a decider's), a youth
    /// route with its trigger, a recorded candidate list and its meeting, follow-ups, a request
    /// and its answer, a quality sample and a finding.
    static func history() throws -> (store: Store, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-rights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("sna.sqlite").path
        let analyst = try Store(path: path, create: true, account: "anna")
        try analyst.ingest(folder: sample, asOf: Day(iso: "2015-06-30")!, by: "analyst1", purpose: nil)
        try analyst.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let (pull, ds) = try analyst.dataset()
        let made = try Screening.propose(ds, asOf: pull.asOf)
        let (_, saved) = try analyst.saveProposals(made, pull: pull, policy: .default, by: "analyst1", purpose: nil) { _ in "{}" }
        let decider = try Store(path: path, account: "carl")
        let add = try #require(saved.first { $0.action == .add })
        let remove = try #require(saved.first { $0.action == .remove })
        let youth = try #require(saved.first { $0.route == .youthScreening && $0.trigger != nil })
        let ssp = try #require(saved.first { $0.route == .sspHandover })
        _ = try decider.decide([add, remove, youth, ssp].map { .init(proposalID: $0.id, verdict: .accept, by: "TSG", reason: "agreed", attestation: "TSG has read the evidence") },
                               purpose: nil)
        _ = try decider.revoke(remove.id, by: "TSG", reason: "entered in error", effective: nil, purpose: nil)
        let onLog = try analyst.logState().keys.sorted()
        try analyst.saveCandidateList(Array(onLog.prefix(3)), asOf: pull.asOf, criteria: "test", by: "analyst1", purpose: nil, names: false)
        try analyst.recordFollowUps([.init(item: "1/\(onLog[0])", status: .screened, day: pull.asOf.adding(days: 1), note: "talked", by: "ssp")], purpose: nil)
        let q = try analyst.recordRequest(person: onLog[1], kind: .access, received: pull.asOf, note: "letter", by: "analyst1", purpose: nil, policy: .default)
        try decider.resolveRequest(q.id, outcome: .answered, reason: "report sent", day: pull.asOf.adding(days: 10), by: "dpo", purpose: nil)
        let sampleDrawn = try analyst.drawQualitySample(n: 5, seed: 7, asOf: pull.asOf, by: "analyst1", purpose: nil)
        try decider.recordQualityFinding(sample: sampleDrawn.id, person: sampleDrawn.entries[0].personID, finding: .confirmed, reason: "ok",
                                         day: pull.asOf.adding(days: 3), by: "peer", purpose: nil)
        return (analyst, dir)
    }

    @Test("the catalog holds every table this version's migrations make, with their person-id and free-text columns")
    func catalogMatchesSchema() throws {
        let q = try DatabaseQueue()
        try Schema.migrator.migrate(q)
        let problems = try q.read { try Catalog.problems($0) }
        #expect(problems.isEmpty, "\(problems)")
        // Every fact table is bound into the chain.
        #expect(Store.factTables == Catalog.factTables)
    }

    @Test("a table added in a trial change without a catalog entry fails the catalog check")
    func trialTableFails() throws {
        let q = try DatabaseQueue()
        var m = Schema.migrator
        m.registerMigration("trial: notes") { db in
            try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL, note TEXT NOT NULL)")
            try db.execute(sql: "CREATE TABLE request_extra (id INTEGER PRIMARY KEY)")
        }
        try m.migrate(q)
        let problems = try q.read { try Catalog.problems($0) }
        #expect(problems.contains { $0.contains("table note has no catalog entry") })
        #expect(problems.contains { $0.contains("table request_extra has no catalog entry") })
        // A column added to a declared table without declaring it fails too.
        let q2 = try DatabaseQueue()
        var m2 = Schema.migrator
        m2.registerMigration("trial: a reason on meetings") { db in try db.execute(sql: "ALTER TABLE meeting ADD COLUMN reason TEXT") }
        m2.registerMigration("trial: a person on meetings") { db in try db.execute(sql: "ALTER TABLE meeting ADD COLUMN person_id TEXT") }
        try m2.migrate(q2)
        let p2 = try q2.read { try Catalog.problems($0) }
        #expect(p2.contains { $0.contains("meeting.reason is free text") })
        #expect(p2.contains { $0.contains("meeting.person_id holds a person id") })
    }

    /// A copy of the store (checkpointed, with its key) to edit by hand.
    static func copy(_ store: Store, to name: String, in dir: URL) throws -> String {
        let q = try DatabaseQueue(path: store.path)
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try q.close()
        let path = dir.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: store.path, toPath: path)
        try FileManager.default.copyItem(atPath: store.keyPath, toPath: Store.keyPath(for: path))
        return path
    }

    /// A hand edit through SQLite itself, foreign keys and checks off (as an insider would).
    static func edit(_ path: String, _ body: (Database) throws -> Void) throws {
        var c = Configuration()
        c.foreignKeysEnabled = false
        let q = try DatabaseQueue(path: path, configuration: c)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.inTransaction { try body(db); return .commit }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try q.close()
    }

    @Test("hand edits in every fact table of a realistic history are detected: update, delete, insert")
    func everyTableTamper() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try store.verifyAudit().problems.isEmpty)
        var covered: [String] = []
        for table in Catalog.factTables {
            let rows = try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            #expect(rows > 0, "the history leaves table \(table) empty: its tampering would go untested")
            guard rows > 0 else { continue }
            for kind in ["update", "delete", "insert"] {
                let path = try Self.copy(store, to: "\(table)-\(kind).sqlite", in: dir)
                try Self.edit(path) { db in
                    let cols = try db.columns(in: table)
                    let row = try #require(try Row.fetchOne(db, sql: "SELECT rowid AS k, * FROM \(table) ORDER BY rowid LIMIT 1"))
                    let key: Int64 = row["k"]
                    switch kind {
                    case "update":
                        // The last column: text gets a suffix, a number grows, a blob a byte.
                        let c = cols.last!.name
                        let v = row[c] as DatabaseValue
                        switch v.storage {
                        case .int64, .double: try db.execute(sql: "UPDATE \(table) SET \(c) = \(c) + 1 WHERE rowid = ?", arguments: [key])
                        case .blob: try db.execute(sql: "UPDATE \(table) SET \(c) = CAST(\(c) || 'x' AS BLOB) WHERE rowid = ?", arguments: [key])
                        default: try db.execute(sql: "UPDATE \(table) SET \(c) = COALESCE(\(c), '') || 'x' WHERE rowid = ?", arguments: [key])
                        }
                    case "delete":
                        try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [key])
                    default:
                        // A copy of the first row with every value changed (so no key clashes).
                        let values: [DatabaseValue] = cols.map { c in
                            let v = row[c.name] as DatabaseValue
                            switch v.storage {
                            case let .int64(i): return (i + 100_000).databaseValue
                            case let .string(s): return (s + "-x").databaseValue
                            default: return v
                            }
                        }
                        try db.execute(sql: "INSERT INTO \(table) (\(cols.map(\.name).joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", ")))",
                                       arguments: StatementArguments(values))
                    }
                }
                let problems = try Store(path: path, readOnly: true).verifyAudit().problems
                #expect(!problems.isEmpty, "\(kind) in \(table) went unnoticed")
                #expect(problems.contains { $0.contains(table) }, "\(kind) in \(table): \(problems.prefix(3))")
                // And nothing is recorded on top of it (a stored file's contents are checked
                // whenever a pull is read: nothing is built from an edited file).
                if table == "blob" && kind == "update" {
                    #expect(throws: StoreError.self) { try Store(path: path, readOnly: true).dataset(pull: 1) }
                } else {
                    #expect(throws: StoreError.self) { try Store(path: path).recordAction(by: "x", action: .export, what: "x", purpose: nil) }
                }
                covered.append("\(table):\(kind)")
            }
        }
        #expect(covered.count == 3 * Catalog.factTables.count)
    }

    @Test("a decision by the account that made the run is refused; the record names the account; roles refuse in words")
    func twoPersonAndRoles() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let analyst = try store.opened(as: "anna")
        try analyst.ingest(folder: sample, asOf: Day(iso: "2015-12-31")!, by: "analyst1", purpose: nil)
        let (pull, ds) = try analyst.dataset()
        var policy = Policy.default
        policy.roles = ["analyst: anna", "decider: carl dora", "purger: dpo"]
        let (_, saved) = try analyst.saveProposals(try Screening.propose(ds, asOf: pull.asOf), pull: pull, policy: policy, by: "analyst1", purpose: nil) { _ in "{}" }
        let add = try #require(saved.first { $0.action == .add })
        let request = Store.DecisionRequest(proposalID: add.id, verdict: .accept, by: "TSG", reason: "agreed", attestation: "TSG has read the evidence")
        // The run's own account: a decider too here, but the two-person rule stops it.
        var both = policy
        both.roles = ["analyst: anna", "decider: anna carl dora"]
        #expect { try analyst.decide([request], purpose: nil) } throws: { "\($0)".contains("may not decide") }
        #expect { try store.opened(as: "eve").decide([request], purpose: nil) } throws: { "\($0)".contains("account eve may not decide: role decider (held by carl, dora") }
        #expect { try store.opened(as: "carl").decide([Store.DecisionRequest(proposalID: add.id, verdict: .accept, by: "TSG", reason: "agreed")], purpose: nil) } throws: {
            "\($0)".contains("attestation")
        }
        #expect { try store.opened(as: "carl").ingest(folder: sample, asOf: Day(iso: "2016-01-31")!, by: "x", purpose: nil) } throws: { "\($0)".contains("may not ingest: role analyst") }
        _ = try store.opened(as: "carl").decide([request], purpose: nil)
        let last = try #require(try store.auditRecords().last)
        #expect(last.account == "carl" && last.by == "TSG" && last.what.contains("attested: TSG has read the evidence"))
        #expect(try store.auditRecords().first { $0.action == "propose" }?.account == "anna")
        #expect(try store.decisionAccounts()[add.id] == "carl")
        // Who acts is changed by a decider only: an analyst cannot grant herself the decider
        // role or lift the rule with a policy of her own, nor go back to the built-in roles.
        let (_, ds2) = try analyst.dataset()
        both.twoPersonRule = false
        let made2 = try Screening.propose(ds2, asOf: pull.asOf)
        #expect { try analyst.saveProposals(made2, pull: pull, policy: both, by: "analyst1", purpose: nil) { _ in "{}" } } throws: {
            "\($0)".contains("account anna may not change who acts")
        }
        #expect { try analyst.saveProposals(made2, pull: pull, policy: .default, by: "analyst1", purpose: nil) { _ in "{}" } } throws: {
            "\($0)".contains("may not change who acts")
        }
        // The decider carl changes them (recorded); the run is his own, so dora decides on it,
        // and a run cannot lift the rule for itself: carl may not decide his run.
        let carl = try store.opened(as: "carl")
        let (run2, again) = try carl.saveProposals(made2, pull: pull, policy: both, by: "carl", purpose: nil) { _ in "{}" }
        #expect(try store.auditRecords().last?.what.contains("who acts changed") == true)
        let other = try #require(again.first { $0.action == .add })
        #expect { try carl.decide([.init(proposalID: other.id, verdict: .reject, by: "TSG", reason: "no", attestation: "read")], purpose: nil) } throws: {
            "\($0)".contains("two-person rule")
        }
        _ = try store.opened(as: "dora").decide([.init(proposalID: other.id, verdict: .reject, by: "TSG", reason: "no", attestation: "read")], purpose: nil)
        // From the next run on, under the lifted rule, anna (now a decider too) may decide her own.
        let (_, third) = try analyst.saveProposals(try Screening.propose(try analyst.dataset().1, asOf: pull.asOf), pull: pull, policy: both, by: "analyst1", purpose: nil) { _ in "{}" }
        #expect(run2 == 2)
        let mine = try #require(third.first { $0.action == .add })
        _ = try analyst.decide([.init(proposalID: mine.id, verdict: .reject, by: "TSG", reason: "no", attestation: "read")], purpose: nil)
        // The maker of a run does not revoke its decisions under the rule either.
        #expect { try analyst.revoke(add.id, by: "x", reason: "y", effective: nil, purpose: nil) } throws: { "\($0)".contains("anna may not revoke") }
        _ = try store.opened(as: "carl").revoke(add.id, by: "TSG", reason: "entered in error", effective: nil, purpose: nil)
        #expect(try store.verifyAudit().problems.isEmpty)
    }

    @Test("a contest is due 30 days later and restricts the entry until resolved; a route can be revoked")
    func requestsAndRoutes() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        let person = try #require(try store.logState().keys.sorted().last)
        let received = Day(iso: "2016-01-05")!
        let q = try store.recordRequest(person: person, kind: .contest, received: received, note: "not me", by: "a", purpose: nil, policy: .default)
        #expect(q.due == received.adding(days: 30) && q.restricting)
        #expect(try store.restricted()[person]?.id == q.id)
        #expect { try store.recordRequest(person: "NOBODY", kind: .access, received: received, note: "", by: "a", purpose: nil, policy: .default) } throws: {
            "\($0)".contains("no person NOBODY")
        }
        let decider = try store.opened(as: "carl")
        #expect { try decider.resolveRequest(q.id, outcome: .answered, reason: "x", day: received, by: "d", purpose: nil) } throws: { "\($0)".contains("not answered") }
        let done = try decider.resolveRequest(q.id, outcome: .refused, reason: "the entry stands", day: received.adding(days: 31), by: "d", purpose: nil)
        #expect(done.outcome == .refused && !done.restricting)
        #expect(try store.restricted()[person] == nil)
        #expect(try store.auditRecords().last?.what.contains("1 days late") == true)
        // The SSP+ route decided in the history: revoked, it no longer counts.
        let route = try #require(try store.allProposals().first { $0.action == .route && $0.reason == .sspHandover && $0.verdict == .accept })
        #expect(try store.decidedRoutes()[route.personID]?.contains(.sspHandover) == true)
        _ = try decider.revoke(route.id, by: "TSG 2016-02-01", reason: "wrong person", effective: nil, purpose: nil)
        #expect(try store.decidedRoutes()[route.personID]?.contains(.sspHandover) != true)
        let history = try store.history(person: route.personID)
        let correction = try #require(history.last)
        #expect(correction.isCorrection && correction.revokedBy == "TSG 2016-02-01" && correction.revocationReason == "wrong person")
        #expect(try store.verifyAudit().problems.isEmpty)
    }

    @Test("a quality sample is the same for the same seed; findings are kept; the evaluation counts audits")
    func qualitySamples() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        let day = Day(iso: "2015-12-31")!
        let a = try store.drawQualitySample(n: 8, seed: 99, asOf: day, by: "a", purpose: nil)
        let b = try store.drawQualitySample(n: 8, seed: 99, asOf: day, by: "a", purpose: nil)
        let c = try store.drawQualitySample(n: 8, seed: 100, asOf: day, by: "a", purpose: nil)
        #expect(a.entries.map(\.personID) == b.entries.map(\.personID))
        #expect(a.entries.map(\.personID) != c.entries.map(\.personID))
        #expect(Set(a.entries.map(\.personID)).count == 8)
        let log = try store.logState(asOf: day)
        #expect(a.entries.allSatisfy { log[$0.personID]?.category.rawValue == $0.category })
        #expect { try store.opened(as: "carl").recordQualityFinding(sample: a.id, person: "NOT-IN", finding: .confirmed, reason: "x", day: day, by: "p", purpose: nil) } throws: {
            "\($0)".contains("is not in quality sample")
        }
        // Reviewed in full, a sample is an audit; the same draw twice counts once.
        let decider = try store.opened(as: "carl")
        for e in a.entries { try decider.recordQualityFinding(sample: a.id, person: e.personID, finding: .confirmed, reason: "ok", day: store.today, by: "peer", purpose: nil) }
        for e in b.entries { try decider.recordQualityFinding(sample: b.id, person: e.personID, finding: .confirmed, reason: "ok", day: store.today, by: "peer", purpose: nil) }
        #expect { try decider.recordQualityFinding(sample: c.id, person: c.entries[0].personID, finding: .confirmed, reason: "x", day: Day(iso: "2015-01-01")!, by: "p", purpose: nil) } throws: {
            "\($0)".contains("between that day and today")
        }
        let rows = try LogEvaluation.compute(store: store, from: Day(iso: "2015-01-01")!, to: day)
        #expect(rows.first { $0.key == "quality_audits" }?.value == 1)
        #expect(rows.first { $0.key == "quality_audits_open" }?.value == 2)
        #expect(rows.first { $0.key == "quality_audits" }?.goal == 3)
        #expect(rows.first { $0.key == "quality_entries_reviewed" }?.value == 9)
    }

    @Test("the log's composition adds up to the log and the data in every dimension")
    func composition() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = try LogComposition.compute(store: store)
        let pulls = try store.pulls()
        #expect(Set(rows.map(\.period)) == Set(pulls.map(\.asOf)))
        for pull in pulls {
            let ds = try store.dataset(pull: pull.id).1
            let log = try store.logState(asOf: pull.asOf)
            for dim in LogComposition.dimensions {
                let mine = rows.filter { $0.period == pull.asOf && $0.dimension == dim }
                #expect(mine.reduce(0) { $0 + $1.inData } == ds.persons.count)
                #expect(mine.reduce(0) { $0 + $1.onLog } == log.count)
            }
        }
        #expect(LogComposition.ageBand(nil) == "unknown" && LogComposition.ageBand(17) == "15-17" && LogComposition.ageBand(18) == "18-24")
    }
}

extension RightsTests {
    @Test("a purge follows the catalog: the person's id leaves every person-id column, and their id and name every free text")
    func purgeReadsCatalog() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The person with an answered access request and a reviewed quality finding's peer.
        let person = try #require(try store.requests().first?.personID)
        let decider = try store.opened(as: "carl")
        let sampleDrawn = try store.drawQualitySample(n: 300, seed: 1, asOf: Day(iso: "2015-12-31")!, by: "a", purpose: nil)
        try decider.recordQualityFinding(sample: sampleDrawn.id, person: person, finding: .removed, reason: "\(person) moved away", day: Day(iso: "2016-01-02")!, by: "peer", purpose: nil)
        _ = try store.recordRequest(person: person, kind: .erasure, received: Day(iso: "2016-01-03")!, note: "asks \(person) be erased", by: "a", purpose: nil, policy: .default)
        try store.opened(as: "dpo").purge(PurgePlan(persons: [(id: person, since: Day(iso: "2010-01-01")!, why: "test")], cutoff: Day(iso: "2011-01-01")!),
                                          by: "dpo", purpose: "erasure request")
        try store.read { db in
            for spec in Catalog.tables where spec.role == .fact {
                for c in spec.personColumns {
                    let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(spec.name) WHERE \(c) = ?", arguments: [person]) ?? 0
                    #expect(n == 0, "\(spec.name).\(c) still holds \(person)")
                }
                for c in spec.freeText + spec.generated {
                    for v in try String.fetchAll(db, sql: "SELECT \(c) FROM \(spec.name)") {
                        #expect(!v.split(whereSeparator: { !Scrub.isTokenChar($0) }).contains { $0 == person || $0 == person + "." }, "\(spec.name).\(c): \(v)")
                    }
                }
            }
            let requests = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE person_id LIKE 'purged-%'") ?? 0
            #expect(requests == 2)
        }
        #expect(try store.verifyAudit().problems.isEmpty)
    }
}

extension RightsTests {
    @Test("an edited audit record or a deleted key row stops every write, and a write never hides it")
    func auditTamperStopsWrites() throws {
        let (store, dir) = try Self.history()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edited = try Self.copy(store, to: "account.sqlite", in: dir)
        try Self.edit(edited) { try $0.execute(sql: "UPDATE audit SET account = 'carl' WHERE seq = 2") }
        #expect { try Store(path: edited).recordAction(by: "x", action: .export, what: "x", purpose: nil) } throws: { "\($0)".contains("record 2: contents do not match") }
        let unkeyed = try Self.copy(store, to: "key.sqlite", in: dir)
        try Self.edit(unkeyed) { try $0.execute(sql: "DELETE FROM audit_key") }
        #expect { try Store(path: unkeyed).recordAction(by: "x", action: .export, what: "x", purpose: nil) } throws: { "\($0)".contains("audit_key row is gone") }
        #expect(try !Store(path: unkeyed, readOnly: true).verifyAudit().problems.isEmpty)
    }
}
