import GRDB
import Network
import Screening

/// One figure of the evaluation (`sna log evaluation`): the CSV contract's row
/// `indicator,value,goal,unit`.
public struct Indicator: Sendable, Equatable {
    /// The group it belongs to, as the source document arranges its figures.
    public enum Group: String, Sendable, CaseIterable {
        case log = "The log"
        case coordination = "Coordination group: screening and concern letters"
        case ssp = "SSP+ (18 and over)"
        case dks = "DKS (under 18)"
        case rights = "Rights and quality audits"
    }
    public var key: String
    /// nil: not applicable in the period (a share of nothing).
    public var value: Double?
    public var goal: Double?
    public var unit: String
    public var group: Group
    /// What it counts, in words (the table view and the report show it).
    public var meaning: String

    /// The value as the CSV writes it: a count as an integer, a percent to one decimal, "" when
    /// not applicable.
    public static func format(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return v == v.rounded() ? String(Int64(v)) : formatNumber((v * 10).rounded() / 10)
    }
}

/// The evaluation's figures for a period, from the store: the log's size and custody share, the
/// decided changes, the coordination meetings, the SSP+ hand-overs and the DKS deadlines.
///
/// Conventions (README "Follow-up and the evaluation"): the period is `[from, to]`, both days
/// included; the log on a day holds every event effective on or before it; a decision later
/// revoked counts as not made; SSP+ statuses are each handed-over person's latest status on
/// `to`; a share counts the deadlines that fell in the period (met: the status recorded on or
/// before the due day), and is empty when none fell in it.
public enum LogEvaluation {
    public static func compute(store s: Store, from: Day, to: Day, policy: Policy = .default) throws -> [Indicator] {
        try series(store: s, periods: [(from, to)], policy: policy)[0]
    }

    /// The figures for several periods (e.g. quarter by quarter), reading the follow-ups and each
    /// pull's custody status once.
    public static func series(store s: Store, periods: [(from: Day, to: Day)], policy: Policy = .default) throws -> [[Indicator]] {
        let items = try s.followUpItems()
        let pulls = try s.pulls()
        var cache: [Int64: PersonFacts] = [:]
        return try periods.map { p in
            let facts = try PersonFacts.cached(store: s, pulls: pulls, on: p.to, policy: policy, cache: &cache)
            return try compute(store: s, from: p.from, to: p.to, policy: policy, items: items, facts: facts)
        }
    }

    static func compute(store s: Store, from: Day, to: Day, policy: Policy, items: [FollowUpItem], facts: PersonFacts) throws -> [Indicator] {
        try s.read { db in
            var out: [Indicator] = []
            func add(_ key: String, _ v: Double?, goal: Double? = nil, _ unit: String, _ g: Indicator.Group, _ meaning: String) {
                out.append(Indicator(key: key, value: v, goal: goal, unit: unit, group: g, meaning: meaning))
            }
            func share(_ n: Int, _ d: Int) -> Double? { d == 0 ? nil : Double(n) / Double(d) * 100 }
            func inPeriod(_ d: Day) -> Bool { d >= from && d <= to }

            // The log.
            let start = try LogBook.state(db, asOf: from), end = try LogBook.state(db, asOf: to)
            var sizes = [start.count, end.count]
            let days = try String.fetchAll(db, sql: "SELECT DISTINCT effective FROM log_event WHERE effective > ? AND effective <= ? ORDER BY effective",
                                           arguments: [from, to])
            for d in days { if let day = Day(iso: d) { sizes.append(try LogBook.state(db, asOf: day).count) } }
            let deprived = end.keys.filter { facts.of($0).deprived }.count
            let minors = end.keys.filter { facts.of($0).minor }.count
            var changes: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT p.action, p.reason, COUNT(*) AS n FROM decision d JOIN proposal p ON p.id = d.proposal_id
                WHERE d.verdict = 'accept' AND d.id NOT IN (SELECT decision_id FROM revocation) AND d.effective >= ? AND d.effective <= ?
                GROUP BY p.action, p.reason
                """, arguments: [from, to]) {
                let action: String = try col(r, "action", "proposal"), reason: String = try col(r, "reason", "proposal")
                changes[action == "remove" ? "remove:" + reason : action, default: 0] += try col(r, "n", "decision") as Int
            }

            // Meetings and the persons put forward to them.
            let meetings = try FollowUpBook.meetings(db).filter { inPeriod($0.day) }
            let candidates = items.filter { $0.track == .candidate && inPeriod($0.meetingDay ?? $0.start) }
            let outcomes: Set<FollowUpStatus> = [.screened, .letterSent, .notRelevant, .referred]
            let screened = items.filter { $0.track == .candidate && $0.events.contains { outcomes.contains($0.status) && inPeriod($0.day) } }.count
            let letters = items.filter { $0.track == .candidate && $0.events.contains { $0.status == .letterSent && inPeriod($0.day) } }.count

            // SSP+: persons handed over in the period, by their latest status on `to`.
            let ssp = items.filter { $0.track == .ssp && inPeriod($0.start) }
            var sspStatus: [FollowUpStatus?] = []
            for it in ssp { sspStatus.append(it.events.last { $0.day <= to }?.status) }
            let contacted = sspStatus.filter { [.contacted, .positiveDevelopment, .concern].contains($0) }.count

            // DKS: decisions and the deadlines that fell in the period.
            let youth = items.filter { $0.track == .youth }
            var decisionsDue = 0, decisionsOnTime = 0, followUpsDue = 0, followUpsOnTime = 0, decisions = 0, visits = 0
            for it in youth {
                let decision = it.decision
                if let d = decision, inPeriod(d.day) { decisions += 1 }
                let due = it.decisionDue(policy)
                if inPeriod(due) {
                    decisionsDue += 1
                    if let d = decision, d.day <= due { decisionsOnTime += 1 }
                }
                for v in it.homeVisits(policy) {
                    if inPeriod(v.visit.day) { visits += 1 }
                    guard inPeriod(v.due) else { continue }
                    followUpsDue += 1
                    if let f = v.followUp, f.day <= v.due { followUpsOnTime += 1 }
                }
            }

            let L = Indicator.Group.log, C = Indicator.Group.coordination, S = Indicator.Group.ssp, D = Indicator.Group.dks
            add("log_size_start", Double(start.count), "persons", L, "on the log on \(from)")
            add("log_size_end", Double(end.count), "persons", L, "on the log on \(to)")
            add("log_size_min", Double(sizes.min() ?? 0), "persons", L, "smallest log in the period")
            add("log_size_max", Double(sizes.max() ?? 0), "persons", L, "largest log in the period")
            add("deprived_share", end.isEmpty ? nil : share(deprived, end.count), goal: Double(policy.deprivedGoal), "percent", L,
                "of the log on \(to) deprived of liberty (\(deprived) of \(end.count); custody from \(facts.label))")
            add("removed_not_eligible", Double(changes["remove:not_eligible"] ?? 0), "persons", L, "removed: not eligible (residence)")
            add("removed_inactive", Double(changes["remove:inactive"] ?? 0), "persons", L, "removed: inactive")
            add("added", Double(changes["add"] ?? 0), "persons", L, "added by decision")
            add("put_forward", Double(candidates.count), "persons", C, "put forward to \(meetings.count) meeting\(meetings.count == 1 ? "" : "s")")
            add("screened", Double(screened), goal: Double(policy.screeningGoal), "persons", C, "screened at a meeting")
            add("letters_sent", Double(letters), goal: Double(policy.screeningGoal), "persons", C, "sent a concern letter")
            add("handed_over_ssp", Double(ssp.count), "persons", S, "handed over to SSP+ (route decided)")
            add("ssp_contacted", Double(contacted), "persons", S, "of them contacted (latest status on \(to))")
            add("ssp_positive", Double(sspStatus.filter { $0 == .positiveDevelopment }.count), "persons", S, "… in a positive development")
            add("ssp_concern", Double(sspStatus.filter { $0 == .concern }.count), "persons", S, "… still of concern")
            add("ssp_awaiting_letter", Double(sspStatus.filter { $0 == .awaitingLetter }.count), "persons", S, "waiting for the concern letter")
            add("ssp_no_contact", Double(sspStatus.filter { $0 == .noContact }.count), "persons", S, "no contact (custody, moved, declined)")
            add("youth_decisions", Double(decisions), "decisions", D, "concern-talk decisions recorded")
            add("youth_decisions_on_time_share", share(decisionsOnTime, decisionsDue), "percent", D,
                "of the \(decisionsDue) decisions due in the period taken within \(policy.youthDecisionHours) h of the gang case")
            add("follow_ups_on_time_share", share(followUpsOnTime, followUpsDue), "percent", D,
                "of the \(followUpsDue) home-visit follow-ups due in the period done within \(policy.followUpDays) days")
            // Beyond the contract's rows.
            add("removed_no_evidence", Double(changes["remove:no_evidence"] ?? 0), "persons", L, "removed: no evidence left")
            add("recategorized", Double(changes["recategorize"] ?? 0), "persons", L, "category changed by decision")
            add("deprived", Double(deprived), "persons", L, "deprived of liberty on \(to)")
            add("minors", Double(minors), "persons", L, "under \(policy.youthAge) on the log on \(to)")
            add("meetings", Double(meetings.count), "meetings", C, "coordination meetings held")
            add("ssp_no_status", Double(sspStatus.filter { $0 == nil }.count), "persons", S, "handed over, no status recorded yet")
            add("youth_screenings", Double(youth.filter { inPeriod($0.start) }.count), "persons", D, "routed to DKS youth screening")
            add("home_visits", Double(visits), "visits", D, "home visits")
            // The person's rights and the quality audits (tables since v7).
            if try db.tableExists("quality_sample") {
                let R = Indicator.Group.rights
                let years = Double(to.ordinal - from.ordinal + 1) / 365.25
                // An audit is a sample of the log on a day in the period whose every entry was
                // reviewed; the same draw twice (same day and entries) counts once.
                var seenDraws = Set<String>()
                let samples = try Store.qualitySamples(db).filter { q in
                    inPeriod(q.asOf) && seenDraws.insert(q.asOf.description + ":" + q.entries.map(\.personID).joined(separator: " ")).inserted
                }
                let entries = samples.flatMap(\.entries)
                let complete = samples.filter { q in q.entries.allSatisfy { $0.finding != nil } }
                add("quality_audits", Double(complete.count), goal: (years * Double(policy.auditsPerYear)).rounded(), "audits", R,
                    "random samples of the log in the period reviewed in full (goal: audits_per_year \(policy.auditsPerYear) a year; the same draw twice counts once)")
                add("quality_audits_open", Double(samples.count - complete.count), "audits", R, "samples drawn in the period with entries not yet reviewed")
                add("quality_entries_reviewed", Double(entries.filter { $0.finding != nil }.count), "entries", R,
                    "of \(entries.count) sampled entries reviewed")
                add("quality_corrected_or_removed", Double(entries.filter { $0.finding == .corrected || $0.finding == .removed }.count), "entries", R,
                    "sampled entries the review found wrong (corrected or removed)")
                let requests = try Store.requests(db, person: nil)
                let due = requests.filter { inPeriod($0.due) }
                let onTime = due.filter { q in q.resolvedOn.map { $0 <= q.due } ?? false }
                add("requests_received", Double(requests.filter { inPeriod($0.received) }.count), "requests", R, "access, contest, rectification and erasure requests received")
                add("requests_on_time_share", share(onTime.count, due.count), "percent", R,
                    "of the \(due.count) requests due in the period answered within request_days (\(policy.requestDays))")
                add("requests_open_late", Double(requests.filter { q in q.received <= to && q.due < to && (q.resolvedOn.map { $0 > to } ?? true) }.count), "requests", R,
                    "open on \(to) after their due day (CalGang: deemed denied)")
            }
            return out
        }
    }
}

