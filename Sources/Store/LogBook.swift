import Foundation
import GRDB
import Network

/// A person's entry on the log at some date.
public struct LogState: Sendable, Equatable {
    public var category: String
    /// The day the person entered (this stay on the log).
    public var since: Day
    /// Routes decided while on the log (`youth_screening`, `ssp_handover`), oldest first.
    public var routes: [String]
}

/// One event in the log's history, with the decision behind it.
public struct LogEvent: Sendable {
    public var personID: String
    public var kind: String
    public var category: String?
    public var note: String
    public var effective: Day
    public var recordedAt: String
    public var decidedBy: String?
    public var decisionReason: String?
    public var proposalID: String?
}

/// A stored proposal and what became of it.
public struct StoredProposal: Sendable {
    public var id: String
    public var runID: Int64
    public var asOf: Day
    public var personID: String
    public var action: String
    public var category: String?
    public var reason: String
    public var evidence: String
    public var rule: String
    public var currentCategory: String?
    public var verdict: String?
    public var decidedBy: String?
    public var decisionReason: String?
}

/// Reading and changing the log: the log is the fold of its events in (effective date, id)
/// order; an event comes from a decision on a proposal or from the first pull's baseline.
enum LogBook {
    static func state(_ db: Database, asOf: Day?) throws -> [String: LogState] {
        var sql = "SELECT person_id, kind, category, note, effective FROM log_event"
        var args: StatementArguments = []
        if let asOf { sql += " WHERE effective <= ?"; args = [asOf.description] }
        sql += " ORDER BY effective, id"
        var out: [String: LogState] = [:]
        for r in try Row.fetchAll(db, sql: sql, arguments: args) {
            let id: String = r["person_id"]
            let day = Day(iso: r["effective"] as String)!
            switch r["kind"] as String {
            case "enter": out[id] = LogState(category: r["category"], since: day, routes: [])
            case "leave": out[id] = nil
            case "category": out[id]?.category = r["category"]
            case "route": out[id]?.routes.append(r["note"])
            default: break
            }
        }
        return out
    }
}

extension Store {
    /// The log on `asOf` (default: with every decision so far).
    public func logState(asOf: Day? = nil) throws -> [String: LogState] {
        try read { db in try LogBook.state(db, asOf: asOf) }
    }

    /// Saves a proposal run for a pull; its proposals get ids `R<run>-<nnn>`. Earlier runs'
    /// undecided proposals are superseded (they can no longer be decided on).
    public func saveProposals(_ proposals: [Proposal], pull: Pull, policy: Policy, by: String, purpose: String?,
                              detail: (Proposal) -> String) throws -> (run: Int64, proposals: [Proposal]) {
        try write { db in
            try db.execute(sql: "INSERT INTO proposal_run (pull_id, as_of, policy, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [pull.id, pull.asOf.description, policy.yaml, now(), by])
            let run = db.lastInsertedRowID
            var out = proposals
            for i in out.indices {
                let n = String(i + 1)
                out[i].id = "R\(run)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n
                let p = out[i]
                try db.execute(sql: """
                    INSERT INTO proposal (id, run_id, person_id, action, category, reason, evidence, rule, current_category, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [p.id, run, p.personID, p.action.rawValue, p.category, p.reason, p.summary, p.rule,
                                     p.currentCategory, detail(p)])
            }
            var counts: [String: Int] = [:]
            for p in out { counts[p.action.rawValue, default: 0] += 1 }
            let summary = ProposalAction.allCases.compactMap { a in counts[a.rawValue].map { "\($0) \(a.rawValue)" } }.joined(separator: ", ")
            try audit(db, by: by, action: "propose", what: "run \(run) on pull \(pull.id) as of \(pull.asOf): \(out.count) proposals (\(summary))", purpose: purpose)
            return (run, out)
        }
    }

    /// A decision to make: a proposal id, accept or reject, and why.
    public struct DecisionRequest: Sendable {
        public var proposalID: String
        public var accept: Bool
        public var by: String
        public var reason: String
        /// When the change takes effect on the log (default: the proposal's as-of date).
        public var effective: Day?
        /// Where the request came from (`file:line` of a batch), for errors.
        public var origin: String?
        public init(proposalID: String, accept: Bool, by: String, reason: String, effective: Day? = nil, origin: String? = nil) {
            self.proposalID = proposalID; self.accept = accept; self.by = by; self.reason = reason
            self.effective = effective; self.origin = origin
        }
    }

    /// Records decisions, all or none (one transaction), and applies accepted ones to the log.
    /// A proposal can be decided once, only while its run is the latest, and only while the
    /// log still reads as it did when the proposal was made (otherwise it is stale: propose again).
    public func decide(_ requests: [DecisionRequest], purpose: String?) throws -> [String] {
        try write { db in
            let latestRun = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM proposal_run")
            var done: [String] = []
            var seen = Set<String>()
            for q in requests {
                let at = q.origin.map { "\($0): " } ?? ""
                guard seen.insert(q.proposalID).inserted else { throw StoreError("\(at)proposal \(q.proposalID) is decided twice in this batch") }
                guard let r = try Row.fetchOne(db, sql: """
                    SELECT p.*, r.as_of FROM proposal p JOIN proposal_run r ON r.id = p.run_id WHERE p.id = ?
                    """, arguments: [q.proposalID]) else {
                    throw StoreError("\(at)no proposal \(q.proposalID) (`sna propose \(path)` makes proposals; ids look like R1-001)")
                }
                if let d = try Row.fetchOne(db, sql: "SELECT verdict, decided_by, decided_at FROM decision WHERE proposal_id = ?", arguments: [q.proposalID]) {
                    throw StoreError("\(at)proposal \(q.proposalID) was already decided: \(d["verdict"] as String) by \(d["decided_by"] as String) at \(d["decided_at"] as String)")
                }
                let run: Int64 = r["run_id"]
                if let latestRun, run != latestRun {
                    throw StoreError("\(at)proposal \(q.proposalID) is from run \(run), superseded by run \(latestRun): decide on the newer proposals")
                }
                let person: String = r["person_id"]
                let action: String = r["action"]
                let category: String? = r["category"]
                let current: String? = r["current_category"]
                let now = try LogBook.state(db, asOf: nil)[person]
                // A route does not depend on the category (it may follow an add in the same run).
                if action != "route" && now?.category != current {
                    throw StoreError("\(at)proposal \(q.proposalID) is stale: it was made when \(person) was \(current.map { "on the log as \($0)" } ?? "not on the log"), now \(now.map { "on the log as \($0.category)" } ?? "not on the log"); run `sna propose` again")
                }
                let effective = q.effective ?? Day(iso: r["as_of"] as String)!
                let stamp = self.now()
                try db.execute(sql: "INSERT INTO decision (proposal_id, verdict, decided_by, reason, decided_at, effective) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [q.proposalID, q.accept ? "accept" : "reject", q.by, q.reason, stamp, effective.description])
                let decision = db.lastInsertedRowID
                if q.accept {
                    let event: (kind: String, category: String?, note: String)? = switch action {
                    case "add": ("enter", category, "added as \(category ?? "?") (\(r["reason"] as String))")
                    case "remove": ("leave", nil, "removed (\(r["reason"] as String))")
                    case "recategorize": ("category", category, "\(current ?? "?") → \(category ?? "?")")
                    case "route": ("route", nil, r["reason"] as String)
                    default: nil
                    }
                    if let event {
                        try db.execute(sql: """
                            INSERT INTO log_event (person_id, kind, category, note, effective, recorded_at, decision_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [person, event.kind, event.category, event.note, effective.description, stamp, decision])
                    }
                }
                try audit(db, by: q.by, action: "decide",
                          what: "\(q.accept ? "accepted" : "rejected") \(q.proposalID) (\(action)\(category.map { " \($0)" } ?? "") \(person)): \(q.reason)",
                          purpose: purpose)
                done.append("\(q.proposalID): \(q.accept ? "accepted" : "rejected") (\(action)\(category.map { " \($0)" } ?? "") \(person))")
            }
            return done
        }
    }

    /// The proposals of a run (default the latest) with their decisions.
    public func proposals(run: Int64? = nil, person: String? = nil) throws -> [StoredProposal] {
        try read { db in
            var sql = """
                SELECT p.*, r.as_of, d.verdict, d.decided_by, d.reason AS decision_reason
                FROM proposal p JOIN proposal_run r ON r.id = p.run_id LEFT JOIN decision d ON d.proposal_id = p.id
                """
            var args: StatementArguments = []
            if let person {
                sql += " WHERE p.person_id = ?"; args = [person]
            } else if let run {
                sql += " WHERE p.run_id = ?"; args = [run]
            } else {
                sql += " WHERE p.run_id = (SELECT MAX(id) FROM proposal_run)"
            }
            sql += " ORDER BY p.run_id, p.rowid"
            return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                StoredProposal(id: r["id"], runID: r["run_id"], asOf: Day(iso: r["as_of"] as String)!, personID: r["person_id"],
                               action: r["action"], category: r["category"], reason: r["reason"], evidence: r["evidence"],
                               rule: r["rule"], currentCategory: r["current_category"], verdict: r["verdict"],
                               decidedBy: r["decided_by"], decisionReason: r["decision_reason"])
            }
        }
    }

    /// A person's log history: every event, oldest first, with who decided it and why.
    public func history(person: String) throws -> [LogEvent] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, d.decided_by, d.reason AS decision_reason, d.proposal_id
                FROM log_event e LEFT JOIN decision d ON d.id = e.decision_id
                WHERE e.person_id = ? ORDER BY e.effective, e.id
                """, arguments: [person]).map { r in
                LogEvent(personID: r["person_id"], kind: r["kind"], category: r["category"], note: r["note"],
                         effective: Day(iso: r["effective"] as String)!, recordedAt: r["recorded_at"], decidedBy: r["decided_by"],
                         decisionReason: r["decision_reason"], proposalID: r["proposal_id"])
            }
        }
    }

    /// Every day on which the log changed (by decisions only, or also by baseline entries),
    /// oldest first.
    public func logChangeDays(decisionsOnly: Bool = false) throws -> [Day] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT effective FROM log_event\(decisionsOnly ? " WHERE decision_id IS NOT NULL" : "") ORDER BY effective")
                .compactMap(Day.init(iso:))
        }
    }

    // MARK: Candidate lists

    /// Persons put forward on a candidate list dated in (`day` − `weeks`, `day`].
    public func recentlyPutForward(before day: Day, weeks: Int) throws -> Set<String> {
        let start = day.adding(days: -7 * weeks)
        return try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT c.person_id FROM candidate c JOIN candidate_list l ON l.id = c.list_id
                WHERE l.as_of > ? AND l.as_of <= ?
                """, arguments: [start.description, day.description]))
        }
    }

    /// Saves a candidate list and its audit record.
    @discardableResult
    public func saveCandidateList(_ personIDs: [String], asOf: Day, criteria: String, by: String, purpose: String?, names: Bool) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO candidate_list (as_of, created_at, created_by, criteria) VALUES (?, ?, ?, ?)",
                           arguments: [asOf.description, now(), by, criteria])
            let list = db.lastInsertedRowID
            for (i, id) in personIDs.enumerated() {
                try db.execute(sql: "INSERT INTO candidate (list_id, rank, person_id) VALUES (?, ?, ?)", arguments: [list, i + 1, id])
            }
            try audit(db, by: by, action: "candidates",
                      what: "list \(list) as of \(asOf): \(personIDs.count) persons (\(criteria))\(names ? ", with names" : "")", purpose: purpose)
            return list
        }
    }
}
