import Foundation
import GRDB
import Network
import Screening

/// A person's entry on the log at some date.
public struct LogState: Sendable, Equatable {
    public var category: LogCategory
    /// The day the person entered (this stay on the log).
    public var since: Day
    /// Routes decided while on the log, oldest first.
    public var routes: [RouteKind]
}

/// One event in the log's history, with the decision behind it.
public struct LogEvent: Sendable, FetchableRecord {
    public var personID: String
    public var kind: LogEventKind
    public var category: LogCategory?
    public var note: String
    public var effective: Day
    public var recordedAt: String
    public var decidedBy: String?
    public var decisionReason: String?
    public var proposalID: String?
    /// The event reverses a decision (a correction): who revoked it, when, and why.
    public var revokedBy: String?
    public var revocationReason: String?
    public var revokedAt: String?
    /// The decision's own verdict and action, for a correction ("revoked: accepted add A2").
    public var revokedWhat: String?
    /// The operating-system account that revoked (revocations since v7).
    public var revokedAccount: String?

    public init(row r: Row) throws {
        personID = try col(r, "person_id", "log_event")
        kind = try col(r, "kind", "log_event")
        category = try optCol(r, "category", "log_event")
        note = try col(r, "note", "log_event")
        effective = try col(r, "effective", "log_event")
        recordedAt = try col(r, "recorded_at", "log_event")
        decidedBy = try optCol(r, "decided_by", "decision")
        decisionReason = try optCol(r, "decision_reason", "decision")
        proposalID = try optCol(r, "proposal_id", "decision")
        revokedBy = try optCol(r, "revoked_by", "revocation")
        revocationReason = try optCol(r, "revocation_reason", "revocation")
        revokedAt = try optCol(r, "revoked_at", "revocation")
        revokedWhat = try optCol(r, "revoked_what", "revocation")
        revokedAccount = r.hasColumn("revoked_account") ? try optCol(r, "revoked_account", "revocation_account") : nil
    }

    /// Whether this event is the correction, not the original decision.
    public var isCorrection: Bool { revokedBy != nil }
}

/// A stored proposal and what became of it.
public struct StoredProposal: Sendable, FetchableRecord {
    public var id: String
    public var runID: Int64
    public var asOf: Day
    public var personID: String
    public var action: ProposalAction
    public var category: LogCategory?
    public var reason: ProposalReason
    public var evidence: String
    public var rule: String
    public var currentCategory: LogCategory?
    public var verdict: Verdict?
    public var decidedBy: String?
    public var decisionReason: String?
    /// When the decision took effect (nil while open).
    public var effective: Day?
    /// Whether the decision was later revoked (a correction).
    public var revoked: Bool
    /// The proposal's strength (nil for proposals stored before strengths were kept).
    public var strength: EvidenceStrength?
    /// The revocation, when there is one: who, why, on which day it took effect.
    public var revokedBy: String?
    public var revocationReason: String?
    public var revokedEffective: Day?

    public init(row r: Row) throws {
        strength = (try optCol(r, "strength", "proposal_strength") as String?).flatMap(EvidenceStrength.init(rawValue:))
        effective = try optCol(r, "effective", "decision")
        revokedBy = try optCol(r, "revoked_by", "revocation")
        revocationReason = try optCol(r, "revocation_reason", "revocation")
        revokedEffective = try optCol(r, "revoked_effective", "revocation")
        revoked = (try optCol(r, "revoked", "revocation") as Int64?).map { $0 != 0 } ?? (revokedBy != nil)
        id = try col(r, "id", "proposal")
        runID = try col(r, "run_id", "proposal")
        asOf = try col(r, "as_of", "proposal_run")
        personID = try col(r, "person_id", "proposal")
        action = try col(r, "action", "proposal")
        category = try optCol(r, "category", "proposal")
        reason = try col(r, "reason", "proposal")
        evidence = try col(r, "evidence", "proposal")
        rule = try col(r, "rule", "proposal")
        currentCategory = try optCol(r, "current_category", "proposal")
        verdict = try optCol(r, "verdict", "decision")
        decidedBy = try optCol(r, "decided_by", "decision")
        decisionReason = try optCol(r, "decision_reason", "decision")
    }
}

/// Reading and changing the log: the log is the fold of its events in (effective date, id)
/// order; an event comes from a decision on a proposal or from the first pull's baseline.
enum LogBook {
    static func state(_ db: Database, asOf: Day?) throws -> [String: LogState] {
        // A route whose decision was revoked (in effect by `asOf`) no longer counts.
        var sql = """
            SELECT person_id, kind, category, note, effective FROM log_event e
            WHERE NOT (kind = 'route' AND EXISTS (SELECT 1 FROM revocation v WHERE v.decision_id = e.decision_id AND v.effective <= ?))
            """
        var args: StatementArguments = [asOf?.description ?? "9999-12-31"]
        if let asOf { sql += " AND effective <= ?"; args += [asOf.description] }
        sql += " ORDER BY effective, id"
        var out: [String: LogState] = [:]
        for r in try Row.fetchAll(db, sql: sql, arguments: args) {
            let id: String = try col(r, "person_id", "log_event")
            let day: Day = try col(r, "effective", "log_event")
            switch try col(r, "kind", "log_event") as LogEventKind {
            case .enter: out[id] = LogState(category: try col(r, "category", "log_event"), since: day, routes: [])
            case .leave: out[id] = nil
            case .category: out[id]?.category = try col(r, "category", "log_event")
            case .route:
                let note: String = try col(r, "note", "log_event")
                guard let route = RouteKind(rawValue: note) else { throw BadValue(table: "log_event", column: "note", value: note) }
                out[id]?.routes.append(route)
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
            // Who acts is changed only by a decider: a run whose policy gives other roles or
            // another two-person rule than those in force needs the decider role in force (and
            // then, the run being the decider's own, another account decides on it). Any other
            // run needs the analyst role, in force and in the policy given.
            var governance = ""
            if let inForce = try Store.policyInForce(db), inForce.roles != policy.roles || inForce.twoPersonRule != policy.twoPersonRule {
                guard inForce.allows(account, as: .decider) else {
                    throw StoreError.refused(message: "account \(account) may not change who acts: this run's policy changes the roles or the two-person rule, and that needs the decider role (held by \(inForce.accounts(for: .decider)?.joined(separator: ", ") ?? "any account") under the roles in force); propose with a policy that keeps them (--policy)")
                }
                governance = "; who acts changed: roles \(policy.roles.joined(separator: "; ")), two_person_rule \(policy.twoPersonRule)"
            } else {
                try require(.analyst, "propose", db, also: policy)
            }
            // Re-checked in the saving transaction: a decision taken since the screening read
            // the log makes the run stale as a whole (it would propose changes already made).
            let log = try LogBook.state(db, asOf: nil)
            for p in proposals where p.action != .route && log[p.personID]?.category != p.currentCategory {
                throw StoreError.stale(id: "(new run)", person: p.personID, then: p.currentCategory?.rawValue,
                                       now: log[p.personID]?.category.rawValue, origin: nil)
            }
            try db.execute(sql: "INSERT INTO proposal_run (pull_id, as_of, policy, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [pull.id, pull.asOf, policy.yaml, now(), by])
            let run = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO run_account (run_id, account) VALUES (?, ?)", arguments: [run, account])
            var out = proposals
            for i in out.indices {
                let n = String(i + 1)
                out[i].id = "R\(run)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n
                let p = out[i]
                // Statements prepared once for the run (tens of thousands of rows in a city).
                try db.cachedStatement(sql: """
                    INSERT INTO proposal (id, run_id, person_id, action, category, reason, evidence, rule, current_category, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [p.id, run, p.personID, p.action, p.category, p.reason, p.summary, p.rule,
                                             p.currentCategory, detail(p)])
                try db.cachedStatement(sql: "INSERT INTO proposal_strength (proposal_id, strength) VALUES (?, ?)").execute(arguments: [p.id, p.strength.rawValue])
                for m in p.mentions {
                    try db.cachedStatement(sql: "INSERT INTO proposal_mention (proposal_id, person_id) VALUES (?, ?)").execute(arguments: [p.id, m])
                }
                if let t = p.trigger, p.route == .youthScreening {
                    try db.cachedStatement(sql: "INSERT INTO route_trigger (proposal_id, case_id, day) VALUES (?, ?, ?)").execute(arguments: [p.id, t.id, t.date])
                }
            }
            var counts: [String: Int] = [:]
            for p in out { counts[p.action.rawValue, default: 0] += 1 }
            let summary = ProposalAction.allCases.compactMap { a in counts[a.rawValue].map { "\($0) \(a.rawValue)" } }.joined(separator: ", ")
            try audit(db, by: by, action: .propose, what: "run \(run) on pull \(pull.id) as of \(pull.asOf): \(out.count) proposals (\(summary)); policy sha256:\(Store.sha256(Data(policy.yaml.utf8)).prefix(16))\(governance)",
                      purpose: purpose)
            return (run, out)
        }
    }

    /// A decision to make: a proposal id, accept or reject, and why.
    public struct DecisionRequest: Sendable {
        public var proposalID: String
        public var verdict: Verdict
        public var by: String
        public var reason: String
        /// When the change takes effect on the log (default: the proposal's as-of date).
        public var effective: Day?
        /// Where the request came from (`file:line` of a batch), for errors.
        public var origin: String?
        /// The decider's attestation ("I have read the evidence …"), kept with the decision
        /// and in its audit record; a decision without one is refused.
        public var attestation: String
        public init(proposalID: String, verdict: Verdict, by: String, reason: String, effective: Day? = nil, origin: String? = nil,
                    attestation: String = "") {
            self.proposalID = proposalID; self.verdict = verdict; self.by = by; self.reason = reason
            self.effective = effective; self.origin = origin; self.attestation = attestation
        }
    }

    /// Records decisions, all or none (one transaction), and applies accepted ones to the log.
    /// A proposal can be decided once, only while its run is the latest, and only while the
    /// log still reads as it did when the proposal was made (otherwise it is stale: propose again).
    ///
    /// Who acts: the account must hold the decider role (the roles in force), and under the
    /// two-person rule of the proposal's run policy it may not be the account that made the
    /// run. Each decision keeps the account and the attestation.
    public func decide(_ requests: [DecisionRequest], purpose: String?) throws -> [String] {
        try write { db in
            try require(.decider, "decide", db)
            let latestRun = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM proposal_run")
            var done: [String] = []
            var seen = Set<String>()
            for q in requests {
                let o = q.origin
                guard seen.insert(q.proposalID).inserted else { throw StoreError.decidedTwiceInBatch(id: q.proposalID, origin: o) }
                guard let r = try Row.fetchOne(db, sql: """
                    SELECT p.*, r.as_of FROM proposal p JOIN proposal_run r ON r.id = p.run_id WHERE p.id = ?
                    """, arguments: [q.proposalID]) else {
                    throw StoreError.unknownProposal(id: q.proposalID, path: path, origin: o)
                }
                let p = try StoredProposal(row: r)
                if q.attestation.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw StoreError.refused(message: "\(o.map { "\($0): " } ?? "")proposal \(q.proposalID): a decision carries the decider's attestation that they have read the evidence (`sna decide … --attest`)")
                }
                if try Store.twoPersonRule(db, run: p.runID), let maker = try Store.runAccount(db, run: p.runID), maker == account {
                    throw StoreError.refused(message: "\(o.map { "\($0): " } ?? "")account \(account) may not decide \(q.proposalID): it made proposal run \(p.runID), and the two-person rule (policy two_person_rule) wants another account to decide")
                }
                if let d = try Row.fetchOne(db, sql: "SELECT verdict, decided_by, decided_at FROM decision WHERE proposal_id = ?", arguments: [q.proposalID]) {
                    throw StoreError.alreadyDecided(id: q.proposalID, verdict: try col(d, "verdict", "decision"),
                                                    by: try col(d, "decided_by", "decision"), at: try col(d, "decided_at", "decision"), origin: o)
                }
                if let latestRun, p.runID != latestRun {
                    throw StoreError.superseded(id: q.proposalID, run: p.runID, latestRun: latestRun, origin: o)
                }
                let now = try LogBook.state(db, asOf: nil)[p.personID]
                // A route does not depend on the category (it may follow an add in the same run).
                if p.action != .route && now?.category != p.currentCategory {
                    throw StoreError.stale(id: q.proposalID, person: p.personID, then: p.currentCategory?.rawValue,
                                           now: now?.category.rawValue, origin: o)
                }
                if p.action == .route, let route = p.reason.route,
                   try Bool.fetchOne(db, sql: "SELECT 1 FROM log_event e WHERE person_id = ? AND kind = 'route' AND note = ? AND decision_id NOT IN (SELECT decision_id FROM revocation)",
                                     arguments: [p.personID, route.rawValue]) ?? false {
                    throw StoreError.alreadyRouted(id: q.proposalID, person: p.personID, route: route.rawValue, origin: o)
                }
                let effective = q.effective ?? p.asOf
                if effective < p.asOf {
                    throw StoreError.refused(message: "\(o.map { "\($0): " } ?? "")proposal \(q.proposalID): a change cannot take effect on \(effective), before the day it was proposed on (\(p.asOf))")
                }
                let stamp = self.now()
                try db.execute(sql: "INSERT INTO decision (proposal_id, verdict, decided_by, reason, decided_at, effective) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [q.proposalID, q.verdict, q.by, q.reason, stamp, effective])
                let decision = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO decision_attestation (decision_id, account, attestation) VALUES (?, ?, ?)",
                               arguments: [decision, account, q.attestation])
                let category = p.category?.rawValue
                // A review inverts the usual reading: accepting confirms the entry (the decision
                // is the confirmation, the log unchanged), rejecting removes it.
                if q.verdict == .accept || p.action == .review {
                    let event: (kind: LogEventKind, category: LogCategory?, note: String)? = switch p.action {
                    case .add: (.enter, p.category, "added as \(category ?? "?") (\(p.reason.rawValue))")
                    case .remove: (.leave, nil, "removed (\(p.reason.rawValue))")
                    case .recategorize: (.category, p.category, "\(p.currentCategory?.rawValue ?? "?") → \(category ?? "?")")
                    case .route: (.route, nil, p.reason.rawValue)
                    case .keep: nil
                    case .review: q.verdict == .accept ? nil : (.leave, nil, "removed on review (\(p.reason.rawValue))")
                    }
                    if let event {
                        try db.execute(sql: """
                            INSERT INTO log_event (person_id, kind, category, note, effective, recorded_at, decision_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [p.personID, event.kind, event.category, event.note, effective, stamp, decision])
                    }
                }
                let what = "\(p.action.rawValue)\(category.map { " \($0)" } ?? "") \(p.personID)"
                try audit(db, by: q.by, action: .decide, what: "\(q.verdict.pastTense) \(q.proposalID) (\(what)): \(q.reason); attested: \(q.attestation)", purpose: purpose, persons: [p.personID])
                done.append("\(q.proposalID): \(q.verdict.pastTense) (\(what))")
            }
            return done
        }
    }

    /// Revokes an accepted or rejected decision: a new event that reverses what the decision
    /// did to the log (an add becomes a leave, a removal an entry in the earlier category, a
    /// change of category the category before), recorded with who and why; the decision itself
    /// is kept. A revoked rejection lets the screening propose the same again. A route cannot be
    /// revoked (record what followed instead).
    public func revoke(_ proposalID: String, by: String, reason: String, effective: Day?, purpose: String?) throws -> String {
        try write { db in
            try require(.decider, "revoke", db)
            guard let r = try Row.fetchOne(db, sql: """
                SELECT p.*, r.as_of, d.id AS decision_id, d.verdict, d.decided_by, d.reason AS decision_reason, d.effective
                FROM proposal p JOIN proposal_run r ON r.id = p.run_id LEFT JOIN decision d ON d.proposal_id = p.id WHERE p.id = ?
                """, arguments: [proposalID]) else {
                throw StoreError.unknownProposal(id: proposalID, path: path, origin: nil)
            }
            let p = try StoredProposal(row: r)
            guard let verdict = p.verdict, let decisionID: Int64 = try optCol(r, "decision_id", "decision"), let decided = p.effective else {
                throw StoreError.notRevocable(id: proposalID, why: "it has not been decided")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM revocation WHERE decision_id = ?", arguments: [decisionID]) ?? false {
                throw StoreError.notRevocable(id: proposalID, why: "it was revoked already")
            }
            // The two-person rule holds for corrections too: the run's maker does not undo
            // the decisions on it.
            if try Store.twoPersonRule(db, run: p.runID), let maker = try Store.runAccount(db, run: p.runID), maker == account {
                throw StoreError.refused(message: "account \(account) may not revoke \(proposalID): it made proposal run \(p.runID), and the two-person rule (policy two_person_rule) wants another account to decide")
            }
            // A route revoked (entered in error, the wrong person): its route no longer counts
            // from the revocation's day; what followed stays recorded.
            let day = max(effective ?? decided, decided)
            let stamp = self.now()
            try db.execute(sql: "INSERT INTO revocation (decision_id, revoked_by, reason, revoked_at, effective) VALUES (?, ?, ?, ?, ?)",
                           arguments: [decisionID, by, reason, stamp, day])
            try db.execute(sql: "INSERT INTO revocation_account (revocation_id, account) VALUES (?, ?)", arguments: [db.lastInsertedRowID, account])
            if verdict == .accept || p.action == .review {
                let state = try LogBook.state(db, asOf: nil)[p.personID]
                let event: (LogEventKind, LogCategory?)? = switch p.action {
                case .add: state == nil ? nil : (.leave, nil)
                case .remove: p.currentCategory.map { (.enter, $0) }
                case .recategorize: p.currentCategory.map { (.category, $0) }
                // The route no longer counts (``LogBook/state``); the event shows the correction.
                case .route: verdict == .accept ? (.route, nil) : nil
                case .keep: nil
                // A rejected review removed the entry: revoking it puts the entry back.
                case .review: verdict == .reject && state == nil ? p.currentCategory.map { (.enter, $0) } : nil
                }
                if let (kind, category) = event {
                    try db.execute(sql: """
                        INSERT INTO log_event (person_id, kind, category, note, effective, recorded_at, decision_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [p.personID, kind, category, "revoked \(proposalID): \(reason)", day, stamp, decisionID])
                }
            }
            let what = "revoked \(proposalID) (\(verdict.pastTense) \(p.action.rawValue)\(p.category.map { " \($0)" } ?? "") \(p.personID)): \(reason)"
            try audit(db, by: by, action: .decide, what: what, purpose: purpose, persons: [p.personID])
            return what
        }
    }

    /// The proposals of a run (default the latest) with their decisions.
    public func proposals(run: Int64? = nil, person: String? = nil) throws -> [StoredProposal] {
        try read { db in
            var sql = """
                SELECT p.*, r.as_of, d.verdict, d.decided_by, d.reason AS decision_reason, d.effective, st.strength,
                       v.revoked_by, v.reason AS revocation_reason, v.effective AS revoked_effective
                FROM proposal p JOIN proposal_run r ON r.id = p.run_id LEFT JOIN decision d ON d.proposal_id = p.id
                LEFT JOIN proposal_strength st ON st.proposal_id = p.id LEFT JOIN revocation v ON v.decision_id = d.id
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
            return try StoredProposal.fetchAll(db, sql: sql, arguments: args)
        }
    }

    /// Every stored proposal of every run, with its decision, oldest first.
    public func allProposals() throws -> [StoredProposal] {
        try read { db in
            try StoredProposal.fetchAll(db, sql: """
                SELECT p.*, r.as_of, d.verdict, d.decided_by, d.reason AS decision_reason, d.effective, st.strength,
                       (SELECT COUNT(*) FROM revocation v WHERE v.decision_id = d.id) AS revoked,
                       v.revoked_by, v.reason AS revocation_reason, v.effective AS revoked_effective
                FROM proposal p JOIN proposal_run r ON r.id = p.run_id LEFT JOIN decision d ON d.proposal_id = p.id
                LEFT JOIN proposal_strength st ON st.proposal_id = p.id LEFT JOIN revocation v ON v.decision_id = d.id
                ORDER BY p.run_id, p.rowid
                """)
        }
    }

    /// The routes decided for each person (a route is decided once: the screening does not
    /// propose it again).
    public func decidedRoutes() throws -> [String: Set<RouteKind>] {
        try read { db in
            var out: [String: Set<RouteKind>] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT DISTINCT person_id, note FROM log_event WHERE kind = 'route' AND decision_id NOT IN (SELECT decision_id FROM revocation)") {
                let note: String = try col(r, "note", "log_event")
                guard let route = RouteKind(rawValue: note) else { throw BadValue(table: "log_event", column: "note", value: note) }
                out[try col(r, "person_id", "log_event") as String, default: []].insert(route)
            }
            return out
        }
    }

    /// Every decided proposal per person, for the screening's memory.
    public func pastDecisions() throws -> [String: [PastDecision]] {
        try read { db in
            let rows = try StoredProposal.fetchAll(db, sql: """
                SELECT p.*, r.as_of, d.verdict, d.decided_by, d.reason AS decision_reason, d.effective
                FROM proposal p JOIN proposal_run r ON r.id = p.run_id JOIN decision d ON d.proposal_id = p.id
                WHERE d.id NOT IN (SELECT decision_id FROM revocation)
                ORDER BY d.id
                """)
            var out: [String: [PastDecision]] = [:]
            for p in rows {
                guard let v = p.verdict, let eff = p.effective else { continue }
                out[p.personID, default: []].append(PastDecision(
                    proposalID: p.id, action: p.action, category: p.category, reason: p.reason, accepted: v == .accept,
                    by: p.decidedBy ?? "", effective: eff, why: p.decisionReason ?? ""))
            }
            return out
        }
    }

    /// A person's log history: every event, oldest first, with who decided it and why.
    public func history(person: String) throws -> [LogEvent] {
        try read { db in
            try LogEvent.fetchAll(db, sql: """
                SELECT e.*, d.decided_by, d.reason AS decision_reason, d.proposal_id,
                       CASE WHEN e.note LIKE 'revoked %' THEN v.revoked_by END AS revoked_by,
                       CASE WHEN e.note LIKE 'revoked %' THEN v.reason END AS revocation_reason,
                       CASE WHEN e.note LIKE 'revoked %' THEN v.revoked_at END AS revoked_at,
                       CASE WHEN e.note LIKE 'revoked %' THEN d.verdict || ' ' || p.action || COALESCE(' ' || p.category, '') END AS revoked_what,
                       CASE WHEN e.note LIKE 'revoked %' THEN ra.account END AS revoked_account
                FROM log_event e LEFT JOIN decision d ON d.id = e.decision_id LEFT JOIN revocation v ON v.decision_id = d.id
                LEFT JOIN proposal p ON p.id = d.proposal_id LEFT JOIN revocation_account ra ON ra.revocation_id = v.id
                WHERE e.person_id = ? ORDER BY e.effective, e.id
                """, arguments: [person])
        }
    }

    /// Every day on which the log changed (by decisions only, or also by baseline entries),
    /// oldest first.
    public func logChangeDays(decisionsOnly: Bool = false) throws -> [Day] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT effective FROM log_event\(decisionsOnly ? " WHERE decision_id IS NOT NULL" : "") ORDER BY effective")
                .map { s in
                    guard let d = Day(iso: s) else { throw BadValue(table: "log_event", column: "effective", value: s) }
                    return d
                }
        }
    }

    // MARK: Candidate lists

    /// Persons put forward on a candidate list dated in (`day` − `weeks`, `day`].
    public func recentlyPutForward(before day: Day, weeks: Int) throws -> Set<String> {
        try read { db in try Self.recentlyPutForward(db, before: day, weeks: weeks) }
    }

    static func recentlyPutForward(_ db: Database, before day: Day, weeks: Int) throws -> Set<String> {
        let start = day.adding(days: -7 * weeks)
        return Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT c.person_id FROM candidate c JOIN candidate_list l ON l.id = c.list_id
            WHERE l.as_of > ? AND l.as_of <= ?
            """, arguments: [start, day]))
    }

    /// A recorded candidate list.
    public struct CandidateList: Sendable {
        public var id: Int64
        public var asOf: Day
        public var createdAt: String
        public var createdBy: String
        public var criteria: String
        public var personIDs: [String]
    }

    /// The recorded list `id` (default: the latest), or nil.
    public func candidateList(_ id: Int64? = nil) throws -> CandidateList? {
        try read { db in
            let sql = id == nil ? "SELECT * FROM candidate_list ORDER BY id DESC LIMIT 1" : "SELECT * FROM candidate_list WHERE id = ?"
            guard let r = try Row.fetchOne(db, sql: sql, arguments: id.map { [$0] } ?? []) else { return nil }
            let listID: Int64 = try col(r, "id", "candidate_list")
            let ids = try String.fetchAll(db, sql: "SELECT person_id FROM candidate WHERE list_id = ? ORDER BY rank", arguments: [listID])
            return CandidateList(id: listID, asOf: try col(r, "as_of", "candidate_list"), createdAt: try col(r, "created_at", "candidate_list"),
                                 createdBy: try col(r, "created_by", "candidate_list"), criteria: try col(r, "criteria", "candidate_list"),
                                 personIDs: ids)
        }
    }

    /// Saves a candidate list and its audit record, attached to a coordination meeting: the one
    /// on `meeting` (recorded if new), else the next one from the list's as-of day
    /// (``nextMeeting(from:everyWeeks:)``). Returns the list's id and the meeting's day.
    @discardableResult
    ///
    /// `windowWeeks`: persons on a list within that many weeks before `asOf` may not be on
    /// this one; read inside the saving transaction (under the write lock), so two lists saved
    /// at once never share a person: the second gets ``StoreError/candidatesTaken(persons:)``
    /// and draws again.
    public func saveCandidateList(_ personIDs: [String], asOf: Day, criteria: String, by: String, purpose: String?, names: Bool,
                                  meeting: Day? = nil, everyWeeks: Int = Policy.default.meetingEveryWeeks,
                                  windowWeeks: Int = 0) throws -> (list: Int64, meeting: Day) {
        try write { db in
            try require(.analyst, "record a candidate list", db)
            if windowWeeks > 0 {
                let taken = try Self.recentlyPutForward(db, before: asOf, weeks: windowWeeks).intersection(personIDs)
                if !taken.isEmpty { throw StoreError.candidatesTaken(persons: taken.sorted()) }
            }
            try db.execute(sql: "INSERT INTO candidate_list (as_of, created_at, created_by, criteria) VALUES (?, ?, ?, ?)",
                           arguments: [asOf, now(), by, criteria])
            let list = db.lastInsertedRowID
            for (i, id) in personIDs.enumerated() {
                try db.execute(sql: "INSERT INTO candidate (list_id, rank, person_id) VALUES (?, ?, ?)", arguments: [list, i + 1, id])
            }
            let day = try meeting ?? FollowUpBook.next(FollowUpBook.meetings(db), from: asOf, everyWeeks: everyWeeks).day
            if day < asOf { throw StoreError.meetingBeforeList(meeting: day, asOf: asOf) }
            let existing = try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE day = ?", arguments: [day])
            let meetingID = try existing ?? FollowUpBook.insertMeeting(db, day, by: by, now: now())
            try db.execute(sql: "INSERT INTO meeting_list (list_id, meeting_id) VALUES (?, ?)", arguments: [list, meetingID])
            try audit(db, by: by, action: .candidates,
                      what: "list \(list) as of \(asOf) for the meeting on \(day): \(personIDs.count) persons (\(criteria))\(names ? ", with names" : "")", purpose: purpose,
                      persons: personIDs)
            return (list, day)
        }
    }
}
