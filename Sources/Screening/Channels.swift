import Network

/// How much a line of evidence, or a proposal as a whole, weighs: `strong` rests on a direct
/// record (a serious case with members, a confirmed affiliation, the registered address, a long
/// silence), `moderate` on one channel of less weight or two that agree, `weak` on what the data
/// barely shows (and every `review`).
public enum EvidenceStrength: String, Sendable, CaseIterable, Comparable {
    case strong, moderate, weak
    var rank: Int { switch self { case .strong: 0; case .moderate: 1; case .weak: 2 } }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// One channel's evidence about one person, with its dates and ids: what the screening read and
/// how much it weighed.
public struct ChannelEvidence: Sendable, Equatable {
    public enum Channel: String, Sendable, CaseIterable {
        /// Cases as suspect together with members (initiative cases never count).
        case coOffending = "co_offending"
        /// Seen with members (a place on a day) or named together in an initiative case:
        /// presence in the milieu, never crime.
        case coPresence = "co_presence"
        /// Analyst links (links.csv) to members.
        case links
        /// The affiliation register, its history included.
        case affiliation
        /// Serious cases as suspect, with anyone.
        case ownOffending = "own_offending"
        /// Activity on any channel: the last time the person was seen.
        case activity
        /// The registered address.
        case residence
        /// The log's earlier call.
        case log
    }
    public var channel: Channel
    public var strength: EvidenceStrength
    /// True when the line speaks for the entry (keeping or adding), false when against.
    public var supports: Bool
    public var text: String
    /// The other persons the text names (by id), so that what names a person can be found
    /// without reading the text (a purge scrubs exactly these).
    public var persons: [String]
    public init(channel: Channel, strength: EvidenceStrength, supports: Bool, text: String, persons: [String] = []) {
        self.channel = channel; self.strength = strength; self.supports = supports; self.text = text; self.persons = persons
    }
}

/// A day on which a person was with members: where (a place, or an initiative case) and whom.
public struct CoPresence: Sendable {
    public var day: Day
    /// The place of a sighting, or `case <id>` for an initiative case.
    public var at: String
    public var members: [String]
    /// True for an initiative case (police activity naming the person with members).
    public var initiative: Bool
}

/// An analyst link to a member.
public struct MemberLink: Sendable {
    public var member: String
    public var type: String
    public var sourceInfo: String?
    public var date: Day?
}

/// The milieu as the data records it, read once per screening: who is a member, who was with
/// whom where, who is linked to whom, and when each person was last seen on any channel. Every
/// table is built in one pass over its input (linear in sightings, cases and links; a place-day
/// costs the square of its persons, at most ``Policy/locationMaxPersons``).
struct Milieu {
    /// Persons with an affiliation of at least the policy's confidence (recorded by as-of, not
    /// ended before the evidence window of as-of), or core on the current log.
    var isMember: [Bool]
    /// Per person: days with members, newest first (sightings and initiative cases).
    var coPresence: [[CoPresence]]
    /// Per person: links to members.
    var links: [[MemberLink]]
    /// Per person: the last day on any channel (a case in any role but victim or witness, not
    /// an initiative case; a sighting with members; a dated link) up to as-of, and on which.
    var lastSeen: [(day: Day, how: String)?]
    /// Per person: the last case (not an initiative case; any role but victim or witness) or
    /// dated link up to as-of: activity of the person's own.
    var lastActive: [(day: Day, how: String)?]
    /// Groups per person: every affiliation recorded up to as-of (the screening's group cases
    /// read the same table), for switches.
    let groupsOf: [String: Set<String>]

    /// `groupsOf` and `caseIndex`: the screening's own tables, read once.
    init(_ ds: Dataset, asOf: Day, policy: Policy, onLogCore: Set<String>, groupsOf: [String: Set<String>], caseIndex: [String: Int]) {
        let n = ds.persons.count
        func idx(_ id: String) -> Int? { ds.personIndex[id] }
        let memberSince = asOf.adding(months: -policy.evidenceMonths)
        var isMember = [Bool](repeating: false, count: n)
        for a in ds.affiliations where a.since.map({ $0 <= asOf }) ?? true {
            guard (a.confidence ?? .possible) <= policy.minAffiliationConfidence, a.until.map({ $0 >= memberSince }) ?? true,
                  let i = idx(a.personID) else { continue }
            isMember[i] = true
        }
        for id in onLogCore { if let i = idx(id) { isMember[i] = true } }
        /// Keeps the latest (day, how) up to as-of.
        func latest(_ slot: inout (day: Day, how: String)?, _ d: Day, _ how: @autoclosure () -> String) {
            guard d <= asOf, slot.map({ $0.day < d }) ?? true else { return }
            slot = (d, how())
        }
        var lastSeen = [(day: Day, how: String)?](repeating: nil, count: n)
        var lastActive = [(day: Day, how: String)?](repeating: nil, count: n)
        /// Activity of the person's own: also the last time seen.
        func act(_ i: Int, _ d: Day, _ how: String) {
            latest(&lastActive[i], d, how)
            latest(&lastSeen[i], d, how)
        }
        var coPresence = [[CoPresence]](repeating: [], count: n)
        // Sightings by place and day.
        struct PlaceDay: Hashable, Comparable {
            let day: Day, place: String
            static func < (a: Self, b: Self) -> Bool { (a.day, a.place) < (b.day, b.place) }
        }
        var placeDays: [PlaceDay: [Int]] = [:]
        for s in ds.sightings where s.date <= asOf {
            guard let i = idx(s.personID) else { continue }
            placeDays[PlaceDay(day: s.date, place: s.place), default: []].append(i)
        }
        for key in placeDays.keys.sorted() {
            let people = Array(Set(placeDays[key]!)).sorted()
            guard people.count >= 2, people.count <= policy.locationMaxPersons else { continue }
            let members = people.filter { isMember[$0] }
            guard !members.isEmpty else { continue }
            for p in people {
                let with = members.filter { $0 != p }.map { ds.persons[$0].id }
                guard !with.isEmpty else { continue }
                coPresence[p].append(CoPresence(day: key.day, at: key.place, members: with, initiative: false))
            }
        }
        // Cases: activity in any role but victim or witness; initiative cases with members.
        var named: [Int: [Int]] = [:]
        let initiative = policy.initiativeRule
        for p in ds.participations where p.role != .victim && p.role != .witness {
            guard let ci = caseIndex[p.caseID], let i = idx(p.personID) else { continue }
            let c = ds.cases[ci]
            // An initiative case shows where the police looked: co-presence when members are
            // named with the person, never activity of the person's own.
            if initiative.matches(c, ds.crimeCodes) {
                if c.date <= asOf { named[ci, default: []].append(i) }
            } else {
                act(i, c.date, "case \(c.id) (\(p.role.rawValue))")
            }
        }
        for ci in named.keys.sorted() {
            let people = named[ci]!
            let members = people.filter { isMember[$0] }
            guard !members.isEmpty, people.count <= policy.locationMaxPersons else { continue }
            let c = ds.cases[ci]
            for p in people {
                let with = members.filter { $0 != p }.map { ds.persons[$0].id }
                if !with.isEmpty { coPresence[p].append(CoPresence(day: c.date, at: "case \(c.id)", members: with, initiative: true)) }
            }
        }
        // A sighting on a day an initiative case names the person is the stop's own record:
        // police activity, listed with the case, not a meeting.
        for i in coPresence.indices {
            let stopDays = Set(coPresence[i].filter(\.initiative).map(\.day))
            if !stopDays.isEmpty { coPresence[i].removeAll { !$0.initiative && stopDays.contains($0.day) } }
            coPresence[i].sort { ($0.day, $0.at) > ($1.day, $1.at) }
            if let c = coPresence[i].first(where: { !$0.initiative }) { latest(&lastSeen[i], c.day, "seen at \(c.at) with members") }
        }
        // Links.
        var links = [[MemberLink]](repeating: [], count: n)
        for l in ds.links {
            guard let a = idx(l.sourceID), let b = idx(l.targetID), a != b else { continue }
            if let d = l.date {
                act(a, d, "link \(l.type) \(d)")
                act(b, d, "link \(l.type) \(d)")
            }
            if l.date.map({ $0 > asOf }) ?? false { continue }
            if isMember[b] { links[a].append(MemberLink(member: l.targetID, type: l.type, sourceInfo: l.sourceInfo, date: l.date)) }
            if isMember[a] { links[b].append(MemberLink(member: l.sourceID, type: l.type, sourceInfo: l.sourceInfo, date: l.date)) }
        }
        self.isMember = isMember
        self.coPresence = coPresence
        self.links = links
        self.lastSeen = lastSeen
        self.lastActive = lastActive
        self.groupsOf = groupsOf
    }
}

extension Screening {
    /// Every channel's evidence about a person, in a fixed order: what supports the entry and
    /// what weakens it, with dates and ids.
    static func channels(_ a: Assessment, policy: Policy, onLog: LogCategory?) -> [ChannelEvidence] {
        var out: [ChannelEvidence] = []
        func ids(_ cs: [CaseRef]) -> String {
            cs.prefix(3).map { "\($0.id) \($0.date) \($0.crimeCode)" }.joined(separator: "; ") + (cs.count > 3 ? "; …" : "")
        }
        if a.seriousGroupCasesInWindow > 0 {
            out.append(.init(channel: .coOffending, strength: .strong, supports: true,
                             text: "\(a.seriousGroupCasesInWindow) serious of \(a.groupCases.count) cases with members in \(policy.evidenceMonths) months (\(ids(a.groupCases)))"))
        } else if !a.groupCases.isEmpty {
            out.append(.init(channel: .coOffending, strength: .moderate, supports: true,
                             text: "\(a.groupCases.count) case\(a.groupCases.count == 1 ? "" : "s") with members in \(policy.evidenceMonths) months (\(ids(a.groupCases)))"))
        } else if let c = a.lastGroupCase {
            out.append(.init(channel: .coOffending, strength: .weak, supports: true,
                             text: "last case with members \(c.id) \(c.date) \(c.crimeCode), before the \(policy.evidenceMonths)-month window"))
        }
        for af in a.affiliations {
            let s: EvidenceStrength = af.confidence == .confirmed ? .strong : (af.confidence ?? .possible) <= policy.minAffiliationConfidence ? .moderate : .weak
            out.append(.init(channel: .affiliation, strength: s, supports: true, text: "affiliation \(af.group) \(af.confidence?.rawValue ?? "unstated")"))
        }
        if let e = a.ended {
            if e.contact {
                let switched = e.since.filter { $0 != e.group }
                out.append(.init(channel: .affiliation, strength: .weak, supports: true,
                                 text: "affiliation \(e.group) ended \(e.until); since then with members"
                                    + (switched.isEmpty ? "" : " of \(switched.joined(separator: ", "))")
                                    + (switched.isEmpty || e.since.contains(e.group) ? "" : " (reads as a switch)")))
            } else {
                out.append(.init(channel: .affiliation, strength: .moderate, supports: false,
                                 text: "affiliation \(e.group) ended \(e.until), no contact with members since"))
            }
        }
        if a.linkedMembers > 0 {
            let top = a.memberLinks.sorted { ($0.date ?? Day(ordinal: 0), $0.member) > ($1.date ?? Day(ordinal: 0), $1.member) }.prefix(2)
            let shown = top.map { "\($0.type) \($0.member)\($0.date.map { " \($0)" } ?? "")\($0.sourceInfo.map { " (\($0))" } ?? "")" }
            out.append(.init(channel: .links, strength: a.linkedMembers >= 2 ? .moderate : .weak, supports: true,
                             text: "linked to \(a.linkedMembers) member\(a.linkedMembers == 1 ? "" : "s"): \(shown.joined(separator: "; "))\(a.memberLinks.count > 2 ? "; …" : "")",
                             persons: top.map(\.member)))
        }
        if a.coPresenceDays > 0 {
            let stops = Set(a.coPresence.filter(\.initiative).map(\.day)).count
            let latest = a.coPresence.prefix(1).map { "\($0.day) \($0.at) with \($0.members.prefix(2).joined(separator: ", "))\($0.members.count > 2 ? ", …" : "")" }
            out.append(.init(channel: .coPresence, strength: a.repeatedCoPresence ? .moderate : .weak, supports: true,
                             text: "with members on \(a.coPresenceDays) day\(a.coPresenceDays == 1 ? "" : "s")\(stops > 0 ? " (\(stops) in initiative cases)" : "") (latest \(latest.joined(separator: "; ")))",
                             persons: a.coPresence.prefix(1).flatMap { $0.members.prefix(2) }))
        }
        if a.memberContacts >= policy.coreMinMemberContacts {
            out.append(.init(channel: .links, strength: a.positionAmongMembers && a.strongAffiliation ? .moderate : .weak, supports: true,
                             text: "central among members: \(a.memberContacts) reached"))
        }
        if !a.seriousCases.isEmpty && a.seriousGroupCasesInWindow < a.seriousCases.count {
            out.append(.init(channel: .ownOffending, strength: a.atRisk ? .moderate : .weak, supports: true,
                             text: "\(a.seriousCases.count) serious case\(a.seriousCases.count == 1 ? "" : "s") as suspect (\(ids(a.seriousCases)))"
                                + (a.atRisk ? "; under \(policy.youngAdultAge) with co-presence with members: at risk" : "")))
        }
        if a.inactive && !a.deprived {
            out.append(.init(channel: .activity, strength: a.recentCoPresenceDays == 0 ? .strong : .moderate, supports: false,
                             text: inactivity(a, policy)))
        } else if let seen = a.lastSeen {
            out.append(.init(channel: .activity, strength: .weak, supports: true, text: "last seen \(seen.day) (\(seen.how))"))
        }
        if a.residenceUnknown {
            out.append(.init(channel: .residence, strength: .weak, supports: false, text: "no municipality or district recorded"))
        } else if a.area == nil {
            out.append(.init(channel: .residence, strength: .strong, supports: false, text: "registered outside \(policy.eligibleMunicipalities.joined(separator: ", "))"))
        }
        if let onLog {
            out.append(.init(channel: .log, strength: .weak, supports: true, text: "on the log as \(onLog)"))
        }
        return out
    }

    /// How strong a proposal is. For an entry (add, keep, recategorize, route) from the
    /// milieu channels that support it (co-offending, affiliation, links, co-presence, own
    /// offending; activity and the log's own call do not count): `strong` with core by
    /// persistence, or a strong channel and a second of at least moderate weight; `moderate`
    /// with one strong channel or two moderate ones; `weak` otherwise. A removal: `strong` for a
    /// registered address outside or silence on every channel with no current affiliation of
    /// weight, or with nothing but police activity and victim or witness roles; `moderate` when
    /// something speaks against it. A review is always `weak`.
    static func strength(_ a: Assessment, _ action: ProposalAction, _ reason: ProposalReason, _ channels: [ChannelEvidence]) -> EvidenceStrength {
        switch action {
        case .review:
            return .weak
        case .remove:
            switch reason {
            case .notEligible: return .strong
            case .inactive: return a.strongAffiliation || a.recentCoPresenceDays > 0 ? .moderate : .strong
            default: return a.coPresenceDays == 0 && !a.weakAffiliation && a.ended == nil ? .strong : .moderate
            }
        case .add, .recategorize, .keep, .route:
            let milieu: Set<ChannelEvidence.Channel> = [.coOffending, .affiliation, .links, .coPresence, .ownOffending]
            var best: [ChannelEvidence.Channel: EvidenceStrength] = [:]
            for c in channels where c.supports && milieu.contains(c.channel) {
                best[c.channel] = min(best[c.channel] ?? .weak, c.strength)
            }
            let grades = best.values.sorted()
            if a.coreBy == .persistence { return .strong }
            if grades.first == .strong && grades.count >= 2 && grades[1] <= .moderate { return .strong }
            if grades.first == .strong || grades.filter({ $0 <= .moderate }).count >= 2 { return .moderate }
            return .weak
        }
    }
}
