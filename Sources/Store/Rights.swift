import Foundation
import GRDB
import Network
import Screening

// Who acts (the policy's roles, the two-person rule), the person's rights (requests and
// restriction, LED Arts. 14-16) and quality audits (a random sample for peer review).

extension Store {
    /// The policy in force: the latest proposal run's (nil before the first run).
    static func policyInForce(_ db: Database) throws -> Policy? {
        guard let r = try Row.fetchOne(db, sql: "SELECT id, policy FROM proposal_run ORDER BY id DESC LIMIT 1") else { return nil }
        let id: Int64 = try col(r, "id", "proposal_run")
        return try Policy(yaml: try col(r, "policy", "proposal_run"), file: "the policy of proposal run \(id)")
    }

    /// The policy of proposal run `run`.
    static func runPolicy(_ db: Database, run: Int64) throws -> Policy? {
        guard let text = try String.fetchOne(db, sql: "SELECT policy FROM proposal_run WHERE id = ?", arguments: [run]) else { return nil }
        return try Policy(yaml: text, file: "the policy of proposal run \(run)")
    }

    /// Refuses `action` unless this account holds `role` under the roles in force (the latest
    /// run's policy) and, when the command was given a policy, under that one too (so nobody
    /// grants themselves a role by passing a policy of their own).
    func require(_ role: Role, _ action: String, _ db: Database, also given: Policy? = nil) throws {
        for (policy, whose) in [(try Store.policyInForce(db), "the roles in force, from the latest proposal run's policy"), (given, "the policy given")] {
            guard let policy, !policy.allows(account, as: role) else { continue }
            throw StoreError.refused(message: "account \(account) may not \(action): role \(role.rawValue) (held by \(policy.accounts(for: role)?.joined(separator: ", ") ?? "any account") under \(whose))")
        }
    }

    /// Whether the two-person rule holds for decisions on run `run`: its own policy's rule, or
    /// that of the policy in force when it was made (a run cannot lift the rule for itself).
    static func twoPersonRule(_ db: Database, run: Int64) throws -> Bool {
        if try runPolicy(db, run: run)?.twoPersonRule ?? true { return true }
        guard let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM proposal_run WHERE id < ?", arguments: [run]) else { return false }
        return try runPolicy(db, run: before)?.twoPersonRule ?? true
    }

    /// The account that made proposal run `run` (nil for runs before accounts were kept).
    static func runAccount(_ db: Database, run: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT account FROM run_account WHERE run_id = ?", arguments: [run])
    }
}

// MARK: Requests

/// A person's request about their entry (LED 2016/680 Arts. 14-16).
public enum RequestKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// Access to what is held about them (Art. 14).
    case access
    /// The entry contested (they say it is wrong).
    case contest
    /// A correction asked for (Art. 16(1)).
    case rectification
    /// Erasure asked for (Art. 16(2)).
    case erasure

    /// Whether an open request of this kind restricts the entry (Art. 16(3): while accuracy is
    /// contested, or erasure is weighed, the entry is not used).
    public var restricts: Bool { self != .access }
}

public enum RequestOutcome: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// An access request answered (the access report sent).
    case answered
    /// What was asked for was done.
    case granted
    /// Refused, with the reason (the person can complain to the supervisory authority).
    case refused
    /// The entry corrected.
    case corrected
    /// The data erased.
    case erased
}

/// A recorded request and what became of it.
public struct PersonRequest: Sendable {
    public var id: Int64
    public var personID: String
    public var kind: RequestKind
    public var received: Day
    /// The day the answer is due (received + the policy's `request_days`).
    public var due: Day
    public var note: String
    public var recordedBy: String
    public var account: String
    public var outcome: RequestOutcome?
    public var outcomeReason: String?
    public var resolvedOn: Day?
    public var resolvedBy: String?

    /// Open and restricting: the entry is left out of lists, packs and exports.
    public var restricting: Bool { outcome == nil && kind.restricts }
}

extension Store {
    static func requests(_ db: Database, person: String?) throws -> [PersonRequest] {
        var sql = """
            SELECT q.*, o.outcome, o.reason AS outcome_reason, o.day AS resolved_on, o.recorded_by AS resolved_by
            FROM request q LEFT JOIN request_outcome o ON o.request_id = q.id
            """
        var args: StatementArguments = []
        if let person { sql += " WHERE q.person_id = ?"; args = [person] }
        sql += " ORDER BY q.id"
        return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
            PersonRequest(id: try col(r, "id", "request"), personID: try col(r, "person_id", "request"), kind: try col(r, "kind", "request"),
                          received: try col(r, "received", "request"), due: try col(r, "due", "request"), note: try col(r, "note", "request"),
                          recordedBy: try col(r, "recorded_by", "request"), account: try col(r, "account", "request"),
                          outcome: try optCol(r, "outcome", "request_outcome"), outcomeReason: try optCol(r, "outcome_reason", "request_outcome"),
                          resolvedOn: try optCol(r, "resolved_on", "request_outcome"), resolvedBy: try optCol(r, "resolved_by", "request_outcome"))
        }
    }

    /// Every request (a person's, or all), oldest first.
    public func requests(person: String? = nil) throws -> [PersonRequest] {
        try read { db in try Store.requests(db, person: person) }
    }

    /// Persons whose entry is restricted now (an open contest, rectification or erasure
    /// request), with the request.
    public func restricted() throws -> [String: PersonRequest] {
        var out: [String: PersonRequest] = [:]
        for q in try requests() where q.restricting && out[q.personID] == nil { out[q.personID] = q }
        return out
    }

    /// Records a request received on `received`; it is due `policy.requestDays` later. The
    /// person must be known to the store (in a pull, on the log or in a proposal).
    @discardableResult
    public func recordRequest(person: String, kind: RequestKind, received: Day, note: String, by: String, purpose: String?, policy: Policy) throws -> PersonRequest {
        try write { db in
            try require(.analyst, "record a request", db)
            guard try isKnown(db, person) else {
                throw StoreError.refused(message: "no person \(person) in \(path) (not in the latest pull, on the log or in a proposal)")
            }
            if received > today { throw StoreError.refused(message: "a request received on \(received) is in the future (today is \(today))") }
            if received < Day(iso: "1970-01-01")! { throw StoreError.refused(message: "\(received) is not a day a request was received") }
            let due = received.adding(days: policy.requestDays)
            try db.execute(sql: """
                INSERT INTO request (person_id, kind, received, due, note, recorded_at, recorded_by, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [person, kind, received, due, note, now(), by, account])
            let id = db.lastInsertedRowID
            try audit(db, by: by, action: .request, what: "request \(id): \(kind.rawValue) by \(person), received \(received), due \(due)\(kind.restricts ? "; the entry is restricted until it is resolved" : "")",
                      purpose: purpose, persons: [person])
            return try Store.requests(db, person: person).first { $0.id == id }!
        }
    }

    /// Records what became of request `id`.
    @discardableResult
    public func resolveRequest(_ id: Int64, outcome: RequestOutcome, reason: String, day: Day, by: String, purpose: String?) throws -> PersonRequest {
        try write { db in
            try require(.decider, "resolve a request", db)
            guard let q = try Store.requests(db, person: nil).first(where: { $0.id == id }) else {
                throw StoreError.refused(message: "no request \(id) (`sna request list` shows them)")
            }
            if let o = q.outcome { throw StoreError.refused(message: "request \(id) was resolved already: \(o.rawValue) on \(q.resolvedOn?.description ?? "?") by \(q.resolvedBy ?? "?")") }
            if day < q.received { throw StoreError.refused(message: "request \(id) was received \(q.received): it cannot be resolved on \(day), before that") }
            if day > today { throw StoreError.refused(message: "request \(id) cannot be resolved on \(day), in the future (today is \(today))") }
            let fits: Bool = switch q.kind {
            case .access: outcome == .answered || outcome == .refused
            case .contest, .rectification: outcome != .answered && outcome != .erased
            case .erasure: outcome == .erased || outcome == .refused || outcome == .granted
            }
            guard fits else { throw StoreError.refused(message: "a \(q.kind.rawValue) request is not \(outcome.rawValue)") }
            try db.execute(sql: """
                INSERT INTO request_outcome (request_id, outcome, reason, day, recorded_at, recorded_by, account) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, outcome, reason, day, now(), by, account])
            try audit(db, by: by, action: .request, what: "request \(id) (\(q.kind.rawValue) by \(q.personID)) \(outcome.rawValue) on \(day)\(day > q.due ? ", \(day.ordinal - q.due.ordinal) days late" : ""): \(reason)",
                      purpose: purpose, persons: [q.personID])
            return try Store.requests(db, person: q.personID).first { $0.id == id }!
        }
    }

    /// Whether `person` appears in the store: the latest pull, the log, or a proposal.
    func isKnown(_ db: Database, _ person: String) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM log_event WHERE person_id = ? UNION SELECT 1 FROM proposal WHERE person_id = ? LIMIT 1",
                             arguments: [person, person]) ?? false { return true }
        guard let pull = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM pull") else { return false }
        var files: [String: Data] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT f.name, b.bytes FROM pull_file f JOIN blob b ON b.hash = f.hash WHERE f.pull_id = ?", arguments: [pull]) {
            files[try col(r, "name", "pull_file")] = try col(r, "bytes", "blob") as Data
        }
        return try Store.loadPull(files, location: "\(path)#pull\(pull)").personIndex[person] != nil
    }
}

// MARK: Quality audits

public enum QualityFinding: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The entry is right as it stands.
    case confirmed
    /// The entry needed a correction (its category, its route): made by a decision.
    case corrected
    /// The entry should not be on the log: its removal goes through a decision.
    case removed
}

/// A random sample of log entries drawn for peer review, and what the review found.
public struct QualitySample: Sendable {
    public struct Entry: Sendable {
        public var rank: Int
        public var personID: String
        public var category: String
        public var finding: QualityFinding?
        public var reason: String?
        public var day: Day?
        public var by: String?
    }
    public var id: Int64
    public var asOf: Day
    public var seed: UInt64
    public var drawnBy: String
    public var account: String
    public var drawnAt: String
    public var entries: [Entry]
}

extension Store {
    /// Draws `n` entries of the log on `asOf` uniformly at random (a seeded shuffle of the
    /// entries in id order: the same log and seed draw the same sample) and records them.
    @discardableResult
    public func drawQualitySample(n: Int, seed: UInt64, asOf: Day, by: String, purpose: String?) throws -> QualitySample {
        try write { db in
            try require(.analyst, "draw a quality sample", db)
            let log = try LogBook.state(db, asOf: asOf)
            guard !log.isEmpty else { throw StoreError.refused(message: "the log is empty on \(asOf): nothing to sample") }
            var ids = log.keys.sorted()
            var rng = SplitMix64(seed: seed)
            for i in stride(from: ids.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                ids.swapAt(i, j)
            }
            let drawn = Array(ids.prefix(max(1, n)))
            try db.execute(sql: "INSERT INTO quality_sample (as_of, seed, n, drawn_at, drawn_by, account) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [asOf, Int64(bitPattern: seed), drawn.count, now(), by, account])
            let id = db.lastInsertedRowID
            for (i, p) in drawn.enumerated() {
                try db.execute(sql: "INSERT INTO quality_entry (sample_id, rank, person_id, category) VALUES (?, ?, ?, ?)",
                               arguments: [id, i + 1, p, log[p]!.category.rawValue])
            }
            try audit(db, by: by, action: .quality, what: "quality sample \(id): \(drawn.count) of \(log.count) log entries on \(asOf) (seed \(seed))",
                      purpose: purpose, persons: drawn)
            return try Store.qualitySamples(db).first { $0.id == id }!
        }
    }

    /// Records the review's finding on one sampled entry.
    public func recordQualityFinding(sample: Int64, person: String, finding: QualityFinding, reason: String, day: Day, by: String, purpose: String?) throws {
        try write { db in
            try require(.decider, "record a quality finding", db)
            guard let s = try Store.qualitySamples(db).first(where: { $0.id == sample }) else {
                throw StoreError.refused(message: "no quality sample \(sample) (`sna audit samples` lists them)")
            }
            guard let e = s.entries.first(where: { $0.personID == person }) else {
                throw StoreError.refused(message: "\(person) is not in quality sample \(sample) (\(s.entries.map(\.personID).prefix(8).joined(separator: ", "))\(s.entries.count > 8 ? ", …" : ""))")
            }
            if let f = e.finding { throw StoreError.refused(message: "\(person) in sample \(sample) was reviewed already: \(f.rawValue) by \(e.by ?? "?")") }
            if day < s.asOf || day > today {
                throw StoreError.refused(message: "a review of sample \(sample) (the log on \(s.asOf)) is made between that day and today (\(today)), not on \(day)")
            }
            try db.execute(sql: """
                INSERT INTO quality_outcome (sample_id, person_id, outcome, reason, day, recorded_at, recorded_by, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sample, person, finding, reason, day, now(), by, account])
            try audit(db, by: by, action: .quality, what: "quality sample \(sample): \(person) \(finding.rawValue): \(reason)", purpose: purpose, persons: [person])
        }
    }

    static func qualitySamples(_ db: Database) throws -> [QualitySample] {
        var out: [QualitySample] = []
        for r in try Row.fetchAll(db, sql: "SELECT * FROM quality_sample ORDER BY id") {
            let id: Int64 = try col(r, "id", "quality_sample")
            let entries = try Row.fetchAll(db, sql: """
                SELECT e.rank, e.person_id, e.category, o.outcome, o.reason, o.day, o.recorded_by FROM quality_entry e
                LEFT JOIN quality_outcome o ON o.sample_id = e.sample_id AND o.person_id = e.person_id
                WHERE e.sample_id = ? ORDER BY e.rank
                """, arguments: [id]).map { e in
                QualitySample.Entry(rank: try col(e, "rank", "quality_entry"), personID: try col(e, "person_id", "quality_entry"),
                                    category: try col(e, "category", "quality_entry"), finding: try optCol(e, "outcome", "quality_outcome"),
                                    reason: try optCol(e, "reason", "quality_outcome"), day: try optCol(e, "day", "quality_outcome"),
                                    by: try optCol(e, "recorded_by", "quality_outcome"))
            }
            let seed: Int64 = try col(r, "seed", "quality_sample")
            out.append(QualitySample(id: id, asOf: try col(r, "as_of", "quality_sample"), seed: UInt64(bitPattern: seed),
                                     drawnBy: try col(r, "drawn_by", "quality_sample"), account: try col(r, "account", "quality_sample"),
                                     drawnAt: try col(r, "drawn_at", "quality_sample"), entries: entries))
        }
        return out
    }

    /// Every quality sample, oldest first, with the findings so far.
    public func qualitySamples() throws -> [QualitySample] { try read { db in try Store.qualitySamples(db) } }
}

/// SplitMix64: a small, fixed generator, so a seed draws the same sample on every platform.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Store {
    /// The account that took each decision, by proposal id (decisions since v7).
    public func decisionAccounts() throws -> [String: String] {
        try read { db in
            guard try db.tableExists("decision_attestation") else { return [:] }
            var out: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT d.proposal_id, a.account FROM decision d JOIN decision_attestation a ON a.decision_id = d.id") {
                out[try col(r, "proposal_id", "decision")] = try col(r, "account", "decision_attestation") as String
            }
            return out
        }
    }
}
