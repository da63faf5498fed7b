import Foundation
import GRDB
import Network
import Screening

// Following through: what happened after a route was decided (DKS youth screening, SSP+
// hand-over) and what the coordination meeting did with the persons put forward. Each status is
// an audited event with a date, an actor and a note; deadlines run on calendar days.

/// What is followed up.
public enum FollowUpTrack: String, Sendable, CaseIterable, DatabaseValueConvertible {
    /// A decided DKS youth screening route (`R<run>-<nnn>`).
    case youth
    /// A decided SSP+ hand-over route (`R<run>-<nnn>`).
    case ssp
    /// A person on a recorded candidate list (`<list>/<person>`): what the meeting did.
    case candidate

    public var label: String {
        switch self {
        case .youth: "youth screening (DKS)"
        case .ssp: "SSP+ hand-over"
        case .candidate: "candidate of a coordination meeting"
        }
    }
}

/// A follow-up status. Raw values are the command line's and the store's words.
public enum FollowUpStatus: String, Sendable, CaseIterable, DatabaseValueConvertible {
    /// DKS decided whether to hold a concern talk (detail `talk` or `no_talk`).
    case decision
    /// A home visit (the concern talk); its follow-up is due within `follow_up_days`.
    case homeVisit = "home_visit"
    /// The initiatives started at a home visit were checked.
    case followUp = "follow_up"
    /// SSP+ made contact.
    case contacted
    /// SSP+: in a positive development (education, work, mentoring).
    case positiveDevelopment = "positive_development"
    /// SSP+: contacted and still of concern.
    case concern
    /// SSP+ waits for the police's concern letter before contact.
    case awaitingLetter = "awaiting_letter"
    /// SSP+: no contact (detail `custody`, `moved`, `declined` or other text).
    case noContact = "no_contact"
    /// The coordination meeting screened the person.
    case screened
    /// A concern letter was sent.
    case letterSent = "letter_sent"
    /// The meeting found the person not relevant for a letter.
    case notRelevant = "not_relevant"
    /// Referred to another body (detail: to whom).
    case referred

    public var track: FollowUpTrack {
        switch self {
        case .decision, .homeVisit, .followUp: .youth
        case .contacted, .positiveDevelopment, .concern, .awaitingLetter, .noContact: .ssp
        case .screened, .letterSent, .notRelevant, .referred: .candidate
        }
    }

    /// The statuses of a track, for messages.
    public static func of(_ track: FollowUpTrack) -> [FollowUpStatus] { allCases.filter { $0.track == track } }

    /// The detail a status takes, in words (nil: none).
    public var detailHelp: String? {
        switch self {
        case .decision: "talk or no_talk"
        case .noContact: "the reason: custody, moved, declined or other text"
        case .referred: "to whom"
        default: nil
        }
    }

    /// The detail as stored, or the reason it is not acceptable.
    func normalizedDetail(_ raw: String) -> Result<String, FollowUpRefusal> {
        let d = raw.trimmingCharacters(in: .whitespaces)
        switch self {
        case .decision:
            let k = d.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
            guard k == "talk" || k == "no_talk" else {
                return .failure(.init(d.isEmpty ? "a decision says talk or no_talk" : "a decision says talk or no_talk, not '\(d)'"))
            }
            return .success(k)
        case .noContact, .referred:
            guard !d.isEmpty else { return .failure(.init("\(rawValue) needs \(detailHelp!)")) }
            return .success(self == .noContact && ["custody", "moved", "declined"].contains(d.lowercased()) ? d.lowercased() : d)
        default:
            guard d.isEmpty else { return .failure(.init("\(rawValue) takes no detail ('\(d)'); put it in the note")) }
            return .success("")
        }
    }
}

/// Why a follow-up cannot be recorded.
public struct FollowUpRefusal: Error, Equatable, Sendable {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// One recorded follow-up.
public struct FollowUpEvent: Sendable, Equatable {
    public var status: FollowUpStatus
    public var detail: String
    public var note: String
    public var day: Day
    public var recordedAt: String
    public var recordedBy: String

    /// "decision (talk) on 2015-03-02 by DKS".
    public var summary: String { "\(status.rawValue)\(detail.isEmpty ? "" : " (\(detail))") on \(day) by \(recordedBy)" }
}

/// A thing followed up: a decided route or a candidate of a list, with its history.
public struct FollowUpItem: Sendable {
    /// `R1-012` or `3/P0012`.
    public var item: String
    public var personID: String
    public var track: FollowUpTrack
    /// The day the item began: the route's effective day, or the list's as-of day.
    public var start: Day
    /// Youth screening: the gang case the decision is due after (id and day), if any.
    public var triggerCase: String?
    public var triggerDay: Day?
    /// Candidate: the meeting the list was put to (nil for a list recorded without one).
    public var meetingDay: Day?
    /// Oldest first.
    public var events: [FollowUpEvent]

    /// The latest status of the track's own kind (for SSP+: the person's current status).
    public var latest: FollowUpEvent? { events.last }

    /// The earliest day a follow-up may carry: a DKS decision may precede the log's route
    /// decision (it runs from the gang case), other items begin with their route or list.
    public var earliestDay: Day { track == .youth ? min(triggerDay ?? start, start) : start }

    /// Youth screening: the recorded concern-talk decision, if any.
    public var decision: FollowUpEvent? { events.first { $0.status == .decision } }

    /// Youth screening: the day the decision is due, `youth_decision_hours` (rounded up to whole
    /// days: cases carry a date, not a time) after the gang case, else after the route's decision.
    public func decisionDue(_ policy: Policy) -> Day {
        (triggerDay ?? start).adding(days: (policy.youthDecisionHours + 23) / 24)
    }

    /// Youth screening: each home visit with its follow-up's due day (`follow_up_days` later)
    /// and the follow-up that answered it (when the next home visit or follow-up is one).
    public func homeVisits(_ policy: Policy) -> [(visit: FollowUpEvent, due: Day, followUp: FollowUpEvent?)] {
        events.indices.filter { events[$0].status == .homeVisit }.map { i in
            let next = events[(i + 1)...].first { $0.status == .homeVisit || $0.status == .followUp }
            return (events[i], events[i].day.adding(days: policy.followUpDays), next?.status == .followUp ? next : nil)
        }
    }
}

/// The rules of order between statuses: which status may follow which.
public enum FollowUpRules {
    /// nil when `status` may follow `history` (oldest first), else the reason it may not.
    public static func refusal(_ status: FollowUpStatus, detail: String, after history: [FollowUpEvent]) -> String? {
        func last(_ s: FollowUpStatus...) -> FollowUpEvent? { history.last { s.contains($0.status) } }
        switch status {
        case .decision:
            if let d = last(.decision) { return "the decision was recorded already: \(d.summary); one decision per youth screening" }
        case .homeVisit:
            guard let d = last(.decision) else { return "no decision recorded yet: record `decision talk` first" }
            if d.detail != "talk" { return "the decision was no talk (\(d.summary)): a home visit follows a decision to talk" }
        case .followUp:
            guard let v = last(.homeVisit) else { return "no home visit recorded: a follow-up checks a home visit's initiatives" }
            if let l = last(.homeVisit, .followUp), l.status == .followUp {
                return "the last home visit (\(v.day)) was followed up already: \(l.summary)"
            }
        case .awaitingLetter:
            if let c = last(.contacted) { return "contacted already (\(c.summary)): the concern letter is awaited before contact" }
            if let l = history.last, l.status == .awaitingLetter { return "already awaiting the letter: \(l.summary)" }
        case .contacted:
            if let l = history.last, [.contacted, .positiveDevelopment, .concern].contains(l.status) {
                return "contacted already; the latest status is \(l.summary)"
            }
        case .positiveDevelopment, .concern:
            guard let l = history.last, [.contacted, .positiveDevelopment, .concern].contains(l.status) else {
                if let l = history.last { return "\(status.rawValue) follows a contact; the latest status is \(l.summary): record `contacted` first" }
                return "\(status.rawValue) follows a contact: record `contacted` first"
            }
            if l.status == status { return "the latest status is \(l.summary) already" }
        case .noContact:
            if let l = history.last, l.status == .noContact { return "the latest status is \(l.summary) already" }
        case .screened:
            if let s = last(.screened, .letterSent, .notRelevant) { return "screened already: \(s.summary)" }
        case .letterSent:
            if let s = last(.letterSent) { return "a letter was sent already: \(s.summary)" }
            if let s = last(.notRelevant) { return "found not relevant (\(s.summary)): no letter follows; record `screened` at a later meeting first" }
        case .notRelevant:
            if let s = last(.letterSent) { return "a letter was sent (\(s.summary)): not relevant contradicts it" }
            if let s = last(.notRelevant) { return "found not relevant already: \(s.summary)" }
        case .referred:
            if let s = history.last(where: { $0.status == .referred && $0.detail.lowercased() == detail.lowercased() }) {
                return "referred there already: \(s.summary)"
            }
        }
        return nil
    }
}

/// Something due: a youth decision, a home visit's follow-up, or a meeting's outcome for a
/// candidate.
public struct DueItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The concern-talk decision of a youth screening.
        case decision
        /// The follow-up of a home visit.
        case followUp = "follow_up"
        /// What the meeting did with a candidate.
        case outcome
    }
    public var item: String
    public var personID: String
    public var track: FollowUpTrack
    public var kind: Kind
    public var due: Day
    /// Days past the deadline on the as-of day (negative: days left).
    public var daysOverdue: Int
    /// What the deadline runs from, in words.
    public var from: String
    /// The day the item was made (a route's decision or trigger, a list's as-of day): ages
    /// are judged on it, so a person who was a minor then stays unnamed.
    public var made: Day? = nil
}

/// A coordination meeting.
public struct Meeting: Sendable, Equatable {
    public var id: Int64
    public var day: Day
    public var createdBy: String
    public var lists: [Int64]
    public var putForward: Int
}

extension Store {
    // MARK: Items

    /// Every item that can be followed up, in item order (routes by run and number, then lists).
    public func followUpItems() throws -> [FollowUpItem] {
        try read { db in try FollowUpBook.items(db) }
    }

    /// One item by its id, or an error saying what ids look like.
    public func followUpItem(_ id: String) throws -> FollowUpItem {
        try read { db in try FollowUpBook.item(db, id, path: path, origin: nil) }
    }

    /// A follow-up to record.
    public struct FollowUpRequest: Sendable {
        public var item: String
        public var status: FollowUpStatus
        public var detail: String
        /// The day it happened (default: today).
        public var day: Day?
        public var note: String
        public var by: String
        /// `file:line` of a batch row, for errors.
        public var origin: String?
        public init(item: String, status: FollowUpStatus, detail: String = "", day: Day? = nil, note: String = "", by: String, origin: String? = nil) {
            self.item = item; self.status = status; self.detail = detail; self.day = day; self.note = note; self.by = by; self.origin = origin
        }
    }

    /// Records follow-ups, all or none (one transaction), each with an audit record. A status
    /// of another track, a status that cannot follow the item's last ones, a day before the item
    /// began or after today, or a day before the item's last follow-up is refused with the reason.
    @discardableResult
    public func recordFollowUps(_ requests: [FollowUpRequest], purpose: String?) throws -> [String] {
        let today = self.today
        return try write { db in
            var done: [String] = []
            for q in requests {
                func refuse(_ why: String) -> StoreError { .followUpRefused(item: q.item, status: q.status.rawValue, why: why, origin: q.origin) }
                let item = try FollowUpBook.item(db, q.item, path: path, origin: q.origin)
                guard q.status.track == item.track else {
                    throw refuse("\(q.item) is a \(item.track.label); its statuses are \(FollowUpStatus.of(item.track).map(\.rawValue).joined(separator: ", "))")
                }
                let detail: String
                switch q.status.normalizedDetail(q.detail) {
                case let .success(d): detail = d
                case let .failure(r): throw refuse(r.reason)
                }
                let day = q.day ?? today
                if day > today { throw refuse("\(day) is after today (\(today)): record what has happened") }
                if day < item.earliestDay {
                    let what = item.track == .youth && item.triggerDay != nil ? "the gang case \(item.triggerCase ?? "") on \(item.triggerDay!)"
                        : item.track == .candidate ? "the list's as-of day \(item.start)" : "the route's decision (effective \(item.start))"
                    throw refuse("\(day) is before \(what)")
                }
                if let l = item.events.last, day < l.day { throw refuse("\(day) is before the item's last follow-up (\(l.summary))") }
                if let why = FollowUpRules.refusal(q.status, detail: detail, after: item.events) { throw refuse(why) }
                let by = q.by.trimmingCharacters(in: .whitespaces)
                guard !by.isEmpty else { throw refuse("say who with --by") }
                try db.execute(sql: """
                    INSERT INTO followup (item, person_id, track, status, detail, note, day, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [item.item, item.personID, item.track, q.status, detail, q.note, day, now(), by])
                let text = "\(item.item) \(item.personID): \(q.status.rawValue)\(detail.isEmpty ? "" : " (\(detail))") on \(day)"
                try audit(db, by: by, action: .followup, what: text + (q.note.isEmpty ? "" : ": \(q.note)"), purpose: purpose, persons: [item.personID])
                done.append(text)
            }
            return done
        }
    }

    /// What is overdue on `asOf` or due within `within` days after it, by deadline.
    public func dueItems(asOf: Day, within: Int, policy: Policy) throws -> [DueItem] {
        let items = try followUpItems()
        return FollowUpBook.due(items, asOf: asOf, policy: policy).filter { $0.due <= asOf.adding(days: within) }
    }

    // MARK: Meetings

    /// Every recorded meeting, oldest first.
    public func meetings() throws -> [Meeting] {
        try read { db in try FollowUpBook.meetings(db) }
    }

    /// Records a meeting on `day` (one a day).
    @discardableResult
    public func addMeeting(_ day: Day, by: String, purpose: String?) throws -> Int64 {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM meeting WHERE day = ?", arguments: [day]) ?? false {
                throw StoreError.meetingExists(day: day)
            }
            let id = try FollowUpBook.insertMeeting(db, day, by: by, now: now())
            try audit(db, by: by, action: .meeting, what: "meeting \(id) on \(day)", purpose: purpose)
            return id
        }
    }

    /// The next meeting on or after `from`: the earliest recorded meeting from that day, else
    /// the cadence (the last meeting + `everyWeeks` weeks, stepped until it is not before
    /// `from`), else `from` itself (no meeting recorded yet). `basis` says which.
    public func nextMeeting(from: Day, everyWeeks: Int) throws -> (day: Day, recorded: Meeting?, basis: String) {
        let all = try meetings()
        return FollowUpBook.next(all, from: from, everyWeeks: everyWeeks)
    }
}

/// The follow-up tables, read and written inside the store's transactions.
enum FollowUpBook {
    static func parseID(_ id: String) -> (run: Bool, list: Int64?, person: String?) {
        if id.uppercased().hasPrefix("R"), id.contains("-"), !id.contains("/") { return (true, nil, nil) }
        let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return (false, nil, nil) }
        var l = parts[0]
        if l.uppercased().hasPrefix("L") { l.removeFirst() }
        return (false, Int64(l), parts[1].isEmpty ? nil : parts[1])
    }

    static func events(_ db: Database, item: String? = nil) throws -> [String: [FollowUpEvent]] {
        var out: [String: [FollowUpEvent]] = [:]
        let sql = "SELECT * FROM followup" + (item == nil ? "" : " WHERE item = ?") + " ORDER BY day, id"
        for r in try Row.fetchAll(db, sql: sql, arguments: item.map { [$0] } ?? []) {
            let key: String = try col(r, "item", "followup")
            out[key, default: []].append(FollowUpEvent(
                status: try col(r, "status", "followup"), detail: try col(r, "detail", "followup"), note: try col(r, "note", "followup"),
                day: try col(r, "day", "followup"), recordedAt: try col(r, "recorded_at", "followup"), recordedBy: try col(r, "recorded_by", "followup")))
        }
        return out
    }

    static let routeSQL = """
        SELECT p.id, p.person_id, p.reason, d.effective, t.case_id, t.day AS trigger_day
        FROM proposal p JOIN decision d ON d.proposal_id = p.id LEFT JOIN route_trigger t ON t.proposal_id = p.id
        WHERE p.action = 'route' AND d.verdict = 'accept' AND d.id NOT IN (SELECT decision_id FROM revocation)
        """
    static let candidateSQL = """
        SELECT c.list_id, c.person_id, l.as_of, (SELECT MIN(m.day) FROM meeting_list ml JOIN meeting m ON m.id = ml.meeting_id WHERE ml.list_id = l.id) AS meeting_day
        FROM candidate c JOIN candidate_list l ON l.id = c.list_id
        """

    static func routeItem(_ r: Row, events: [String: [FollowUpEvent]]) throws -> FollowUpItem {
        let id: String = try col(r, "id", "proposal")
        let reason: ProposalReason = try col(r, "reason", "proposal")
        return FollowUpItem(item: id, personID: try col(r, "person_id", "proposal"), track: reason == .youthScreening ? .youth : .ssp,
                            start: try col(r, "effective", "decision"), triggerCase: try optCol(r, "case_id", "route_trigger"),
                            triggerDay: try optCol(r, "trigger_day", "route_trigger"), meetingDay: nil, events: events[id] ?? [])
    }

    static func candidateItem(_ r: Row, events: [String: [FollowUpEvent]]) throws -> FollowUpItem {
        let list: Int64 = try col(r, "list_id", "candidate"), person: String = try col(r, "person_id", "candidate")
        let id = "\(list)/\(person)"
        return FollowUpItem(item: id, personID: person, track: .candidate, start: try col(r, "as_of", "candidate_list"),
                            triggerCase: nil, triggerDay: nil, meetingDay: try optCol(r, "meeting_day", "meeting"), events: events[id] ?? [])
    }

    static func items(_ db: Database) throws -> [FollowUpItem] {
        let ev = try events(db)
        var out: [FollowUpItem] = []
        // Route ids sort by run, then number (R2-010 after R2-009, R10-001 after R9-…).
        let routes = try Row.fetchAll(db, sql: routeSQL + " ORDER BY p.run_id, p.rowid").map { try routeItem($0, events: ev) }
        out += routes
        out += try Row.fetchAll(db, sql: candidateSQL + " ORDER BY c.list_id, c.rank").map { try candidateItem($0, events: ev) }
        return out
    }

    static func item(_ db: Database, _ id: String, path: String, origin: String?) throws -> FollowUpItem {
        let parsed = parseID(id)
        if parsed.run {
            let ev = try events(db, item: id)
            if let r = try Row.fetchOne(db, sql: routeSQL + " AND p.id = ?", arguments: [id]) { return try routeItem(r, events: ev) }
            // Say why it is not an item.
            guard let p = try Row.fetchOne(db, sql: """
                SELECT p.action, p.person_id, d.verdict FROM proposal p LEFT JOIN decision d ON d.proposal_id = p.id WHERE p.id = ?
                """, arguments: [id]) else {
                throw StoreError.unknownProposal(id: id, path: path, origin: origin)
            }
            let action: String = try col(p, "action", "proposal")
            let verdict: String? = try optCol(p, "verdict", "decision")
            let why = action != ProposalAction.route.rawValue ? "it is an \(action) proposal, not a route: follow-ups are for decided routes and candidates"
                : verdict == nil ? "the route has not been decided (sna decide \(id) accept …)" : "the route was \(verdict == "reject" ? "rejected" : "revoked"): nothing to follow up"
            throw StoreError.noFollowUpItem(item: id, why: why, origin: origin)
        }
        guard let list = parsed.list, let person = parsed.person else {
            throw StoreError.noFollowUpItem(item: id, why: "an item is a decided route's proposal id (R1-012) or LIST/PERSON for a candidate of a recorded list (3/P0012)", origin: origin)
        }
        let ev = try events(db, item: "\(list)/\(person)")
        guard let r = try Row.fetchOne(db, sql: candidateSQL + " WHERE c.list_id = ? AND c.person_id = ?", arguments: [list, person]) else {
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM candidate_list WHERE id = ?", arguments: [list]) ?? false
            throw StoreError.noFollowUpItem(item: id, why: exists ? "\(person) is not on candidate list \(list) (`sna candidates show \(list)`)" : "no candidate list \(list) (`sna meeting list` shows the meetings and their lists)", origin: origin)
        }
        return try candidateItem(r, events: ev)
    }

    /// Every deadline still open on `asOf` (and those not yet due), by due day and item.
    static func due(_ items: [FollowUpItem], asOf: Day, policy: Policy) -> [DueItem] {
        var out: [DueItem] = []
        for it in items {
            func add(_ kind: DueItem.Kind, _ due: Day, _ from: String) {
                out.append(DueItem(item: it.item, personID: it.personID, track: it.track, kind: kind, due: due,
                                   daysOverdue: asOf.ordinal - due.ordinal, from: from, made: it.earliestDay))
            }
            switch it.track {
            case .youth:
                // Only what had begun by the as-of day.
                guard it.earliestDay <= asOf else { continue }
                if it.decision == nil {
                    let from = it.triggerDay.map { "gang case \(it.triggerCase ?? "") on \($0)" } ?? "route decided \(it.start)"
                    add(.decision, it.decisionDue(policy), "\(from) + \(policy.youthDecisionHours) h")
                }
                // Each home visit whose follow-up is still missing on the as-of day.
                for v in it.homeVisits(policy) where v.visit.day <= asOf && !(v.followUp.map { $0.day <= asOf } ?? false) {
                    add(.followUp, v.due, "home visit \(v.visit.day) + \(policy.followUpDays) days")
                }
            case .candidate:
                guard it.start <= asOf else { continue }
                let outcome = it.events.contains { [.screened, .letterSent, .notRelevant, .referred].contains($0.status) && $0.day <= asOf }
                if !outcome {
                    add(.outcome, it.meetingDay ?? it.start, it.meetingDay.map { "meeting on \($0)" } ?? "list as of \(it.start)")
                }
            case .ssp:
                continue
            }
        }
        return out.sorted { ($0.due, $0.item, $0.kind.rawValue) < ($1.due, $1.item, $1.kind.rawValue) }
    }

    // MARK: Meetings

    static func meetings(_ db: Database) throws -> [Meeting] {
        try Row.fetchAll(db, sql: "SELECT * FROM meeting ORDER BY day").map { r in
            let id: Int64 = try col(r, "id", "meeting")
            let lists = try Int64.fetchAll(db, sql: "SELECT list_id FROM meeting_list WHERE meeting_id = ? ORDER BY list_id", arguments: [id])
            let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM candidate c JOIN meeting_list ml ON ml.list_id = c.list_id WHERE ml.meeting_id = ?", arguments: [id]) ?? 0
            return Meeting(id: id, day: try col(r, "day", "meeting"), createdBy: try col(r, "created_by", "meeting"), lists: lists, putForward: n)
        }
    }

    static func insertMeeting(_ db: Database, _ day: Day, by: String, now: String) throws -> Int64 {
        try db.execute(sql: "INSERT INTO meeting (day, created_at, created_by) VALUES (?, ?, ?)", arguments: [day, now, by])
        return db.lastInsertedRowID
    }

    static func next(_ all: [Meeting], from: Day, everyWeeks: Int) -> (day: Day, recorded: Meeting?, basis: String) {
        if let m = all.first(where: { $0.day >= from }) { return (m.day, m, "recorded meeting \(m.id)") }
        guard let last = all.last else { return (from, nil, "no meeting recorded yet") }
        var d = last.day
        while d < from { d = d.adding(days: 7 * everyWeeks) }
        return (d, nil, "every \(everyWeeks) weeks after the meeting on \(last.day)")
    }
}
