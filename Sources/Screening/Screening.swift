import Network

/// One piece of case evidence: a case as suspect.
public struct CaseRef: Sendable, Equatable {
    public var id: String
    public var date: Day
    public var crimeCode: String
    public init(id: String, date: Day, crimeCode: String) { self.id = id; self.date = date; self.crimeCode = crimeCode }
}

/// One proposal: an assessment for people to decide on, never a decision. It carries the rule
/// that fired, the figures behind it and the cases, affiliations and ties it rests on.
public struct Proposal: Sendable {
    public var id: String
    public var personID: String
    public var action: ProposalAction
    /// The proposed category (nil for removals and routes).
    public var category: LogCategory?
    public var reason: ProposalReason
    /// One-line summary of the evidence.
    public var summary: String
    /// The rule that fired, in words, with its thresholds (generated from the policy's values).
    public var rule: String
    /// Named figures (coreness, counts, dates) behind the proposal.
    public var figures: [(name: String, value: String)]
    /// The cases behind it, newest first.
    public var cases: [CaseRef]
    /// Current affiliations (group, confidence).
    public var affiliations: [(group: String, confidence: String)]
    /// The category on the current log, if any.
    public var currentCategory: LogCategory?
    /// Flags for the people deciding.
    public var flags: [ProposalFlag]
    /// For a youth screening route: the gang case its concern-talk decision is due after (the
    /// newest in the evidence window), if any.
    public var trigger: CaseRef?
    /// How strong the proposal is, from the channels behind it (``Screening/strength(_:_:_:)``).
    public var strength: EvidenceStrength = .weak
    /// Every channel that supports or weakens the proposal, with its dates and ids.
    public var channels: [ChannelEvidence] = []

    public init(id: String, personID: String, action: ProposalAction, category: LogCategory?, reason: ProposalReason,
                summary: String, rule: String, figures: [(name: String, value: String)], cases: [CaseRef],
                affiliations: [(group: String, confidence: String)], currentCategory: LogCategory?, flags: [ProposalFlag]) {
        self.id = id; self.personID = personID; self.action = action; self.category = category; self.reason = reason
        self.summary = summary; self.rule = rule; self.figures = figures; self.cases = cases
        self.affiliations = affiliations; self.currentCategory = currentCategory; self.flags = flags
    }

    /// The route this proposal asks for, if it is a route.
    public var route: RouteKind? { action == .route ? reason.route : nil }
    /// The other persons the evidence names, sorted, once each.
    public var mentions: [String] { Array(Set(channels.flatMap(\.persons)).subtracting([personID])).sorted() }
}

/// Assessment of one person, from which proposals follow: the evidence model. Every figure is
/// read as of ``anchor`` — the as-of date, or for a person deprived of liberty the last
/// activity before custody (the evidence custody interrupted).
public struct Assessment: Sendable {
    public var personID: String
    /// The log area when the person is eligible (nil: not eligible).
    public var area: LogCategory.Area?
    public var eligible: Bool { area != nil }
    /// The day the evidence is read as of.
    public var anchor: Day
    /// Last case as suspect (initiative cases never count).
    public var lastActivity: Day?
    /// The last day on any channel (a case in any role but victim or witness, a sighting, a
    /// dated link), and on which.
    public var lastSeen: (day: Day, how: String)?
    /// Silent on every channel within the inactivity window before as-of.
    public var inactive: Bool
    public var deprived: Bool
    public var age: Int?
    public var minor: Bool
    /// No readable birth date: a possible minor, never treated as an adult.
    public var ageUnknown: Bool { age == nil }
    /// The person's groups (affiliations of any confidence overlapping the evidence window).
    public var groups: [String]
    /// Place in the core/periphery split of the group's co-offending neighbourhood (one line
    /// of evidence, never a gate).
    public var inCore: Bool
    public var coreness: Double
    /// Serious cases as suspect with a co-suspect of the person's own group (by affiliation,
    /// at the case date), in the persistence window, newest first.
    public var seriousGroupCases: [CaseRef]
    /// Distinct calendar half-years among ``seriousGroupCases``.
    public var halfYears: Int
    /// Cases as suspect (any crime) with a co-suspect who is a group member, in the evidence
    /// window: the person's tie to the milieu through crime.
    public var groupCases: [CaseRef]
    /// Serious group cases in the evidence window (the count the structural rule uses).
    public var seriousGroupCasesInWindow: Int
    /// The latest case with a group member in the persistence window (the tie that keeps a
    /// person on the log while they are active).
    public var lastGroupCase: CaseRef?
    /// All cases as suspect in the evidence window, newest first.
    public var casesInWindow: [CaseRef]
    public var affiliations: [(group: String, confidence: AffiliationConfidence?)]
    /// An affiliation of at least the policy's `min_affiliation_confidence`.
    public var strongAffiliation: Bool
    public var confirmed: Bool
    /// The newest gang-conflict case (the policy's tag) among the cases in the window: the
    /// case that starts the youth decision's deadline.
    public var lastGangCase: CaseRef?
    /// A gang-conflict case (the policy's tag) among the cases in the window.
    public var gangCase: Bool { lastGangCase != nil }
    /// Which core rule holds: persistence, structure, or none.
    public var coreBy: CoreBasis?
    public enum CoreBasis: String, Sendable { case persistence, structure, position }
    public var isCore: Bool { coreBy != nil }
    /// Days with members in the evidence window, newest first (sightings and initiative cases).
    public var coPresence: [CoPresence] = []
    /// Distinct days among ``coPresence``.
    public var coPresenceDays = 0
    /// Co-presence on at least the policy's `copresence_min_days` distinct days.
    public var repeatedCoPresence = false
    /// Links to members (dated in the evidence window, or undated).
    public var memberLinks: [MemberLink] = []
    /// Distinct members among ``memberLinks``.
    public var linkedMembers = 0
    /// Distinct members reached by links, shared cases or co-presence on two days or more.
    public var memberContacts = 0
    /// Serious cases as suspect (with anyone) in the evidence window, newest first.
    public var seriousCases: [CaseRef] = []
    /// An affiliation overlapping the anchor that is weaker than the policy's confidence.
    public var weakAffiliation = false
    /// The latest ended affiliation when none is current: its group and end, and what the data
    /// shows after it (the groups of members met since; empty: no contact since).
    public var ended: (group: String, until: Day, since: [String], contact: Bool)?
    /// Young (under `young_adult_age`), a serious case as suspect and repeated co-presence with
    /// members: an at-risk youth, tied as peripheral.
    public var atRisk = false
    /// At least `core_min_member_contacts` members reached, one by a link or a case or with an
    /// affiliation of at least the policy's confidence: keeps a stamperson on the log core
    /// without new serious cases (the log's call and the register's agree with the position).
    public var positionAmongMembers = false
    /// The last case (not an initiative case; any role but victim or witness) or dated link.
    public var lastActive: (day: Day, how: String)?
    /// Days seen with members within the inactivity window.
    public var recentCoPresenceDays = 0
    /// Neither municipality nor district recorded: residence unknown.
    public var residenceUnknown = false
    /// A tie to the milieu: a group case, an affiliation of at least the policy's confidence,
    /// an at-risk youth's serious offending with repeated co-presence with members, or a core
    /// rule (persistence, structure, position). Co-presence and links alone never tie: they are
    /// where the police and the analysts looked as much as who was there; they show activity,
    /// support a core position and make an entry worth a review.
    public var tied = false
    /// Evidence that keeps a person already on the log: a tie now, or a case with a group
    /// member within the persistence window (the tie that put them there still stands while
    /// they are active).
    public var hasEvidence: Bool { tied || lastGroupCase != nil }
    /// Some sign of the milieu that does not tie on its own: a weak affiliation, a link to a
    /// member, repeated co-presence with members, or contact after an ended affiliation.
    /// An entry with only this is for the group to review: the data cannot decide.
    public var someEvidence: Bool {
        weakAffiliation || linkedMembers >= 1 || repeatedCoPresence || (ended?.contact ?? false)
    }
    /// Active: seen on some channel within the inactivity window, or deprived of liberty.
    public var active: Bool { !inactive || deprived }
    /// Whether the evidence puts the person on the log: eligible, active and tied.
    public var belongsOnLog: Bool { eligible && active && tied }
    public var tier: LogCategory.Tier { isCore ? .core : .peripheral }
    public var category: LogCategory? { area.map { LogCategory(area: $0, tier: tier) } }
}

/// Screens a dataset as of a day against its current log (`log.csv`) and proposes who enters,
/// leaves, changes category or is routed — the monthly screening the analysis section does by
/// hand.
///
/// Evidence (all within `evidenceMonths` before as-of): non-initiative cases as suspect,
/// co-offending ties (initiative cases and victim/witness roles never count), current
/// affiliations of at least `minAffiliationConfidence`, and the person's place in the
/// core/periphery structure of the co-offending network (Borgatti–Everett, discrete core and
/// continuous coreness, seeded).
public enum Screening {
    public static func assess(_ ds: Dataset, asOf: Day, policy: Policy = .default, seed: UInt64 = 1) throws -> [Assessment] {
        try requireResidence(ds)
        let windowStart = asOf.adding(months: -policy.evidenceMonths)
        let activityStart = asOf.adding(months: -policy.inactivityMonths)
        let initiative = policy.initiativeRule
        // Co-offending network of the window: the structural line of evidence.
        var o = BuildOptions()
        o.links = LinkSelection(parsing: "co-offending")
        o.from = windowStart
        o.to = asOf
        o.directed = false
        o.initiative = initiative
        let net = try NetworkBuilder.build(ds, options: o)
        let g = net.graph
        // Primary group per person (most confident current affiliation): whose split places them.
        var primary: [String: (rank: Int, group: String)] = [:]
        for a in ds.affiliations where a.overlaps(from: asOf, to: asOf) {
            let rank = a.confidence.map { [.confirmed: 0, .probable: 1, .possible: 2][$0]! } ?? 3
            if let b = primary[a.personID], b.rank <= rank { continue }
            primary[a.personID] = (rank, a.group)
        }
        var coreness = CorePeriphery.continuous(g).coreness
        var inCore = CorePeriphery.discrete(g, seed: seed, coreness: coreness).core
        let groupOf = (0..<g.nodeCount).map { primary[g.labels[$0]]?.group }
        for s in CorePeriphery.withinGroups(g, groupOf: groupOf, seed: seed, coreness: true) {
            for (i, v) in s.nodes.enumerated() where groupOf[v] == s.group {
                inCore[v] = s.split.core[i]
                coreness[v] = s.coreness![i]
            }
        }
        // Groups per person: every affiliation recorded up to as-of, whatever its dates (an
        // affiliation is often registered after the crimes that revealed it, and a switcher's
        // old group-mates were group-mates).
        var affiliationsOf: [String: [Affiliation]] = [:]
        for a in ds.affiliations { affiliationsOf[a.personID, default: []].append(a) }
        var groupsOf: [String: Set<String>] = [:]
        for a in ds.affiliations where a.since.map({ $0 <= asOf }) ?? true { groupsOf[a.personID, default: []].insert(a.group) }
        // Cases as suspect per person (non-initiative), and co-suspects per case.
        var casesOf: [String: [Int]] = [:]
        var suspects: [String: [String]] = [:]
        var caseIndex: [String: Int] = [:]
        for (i, c) in ds.cases.enumerated() { caseIndex[c.id] = i }
        for p in ds.participations where p.role == .suspect {
            guard let ci = caseIndex[p.caseID] else { continue }
            if initiative.matches(ds.cases[ci], ds.crimeCodes) { continue }
            casesOf[p.personID, default: []].append(ci)
            suspects[p.caseID, default: []].append(p.personID)
        }
        func ref(_ c: Case) -> CaseRef { CaseRef(id: c.id, date: c.date, crimeCode: c.crimeCode) }
        // The other channels: co-presence, links, activity on any channel. Members are persons
        // with an affiliation of at least the policy's confidence, or core on the current log
        // (the group's earlier call).
        let onLogCore = Set(ds.log.filter { LogCategory(rawValue: $0.category)?.tier == .core }.map(\.personID))
        let milieu = Milieu(ds, asOf: asOf, policy: policy, onLogCore: onLogCore, groupsOf: groupsOf, caseIndex: caseIndex)
        var result: [Assessment] = []
        for (pi, person) in ds.persons.enumerated() {
            let v = g.index(of: person.id)
            let myCases = (casesOf[person.id] ?? []).map { ds.cases[$0] }.filter { $0.date <= asOf }.sorted { $0.date > $1.date }
            let last = myCases.first?.date
            let deprived = person.status?.isDeprivedOfLiberty == true
            // Custody interrupts the evidence: read it as of the custody start when the data has
            // one (a `status_since` or `custody_since` column in persons.csv), else as of the
            // last activity before custody.
            let custodyStart = person.attributes.first { $0.key == "status_since" || $0.key == "custody_since" }
                .flatMap { Day(iso: $0.value) }.map { min($0, asOf) }
            let anchor = deprived ? (custodyStart ?? last ?? asOf) : asOf
            let evidenceStart = anchor.adding(months: -policy.evidenceMonths)
            let persistenceStart = anchor.adding(months: -policy.persistenceMonths)
            let inWindow = myCases.filter { $0.date >= evidenceStart && $0.date <= anchor }
            // Group cases: a co-suspect shares a group with the person on the case date (or,
            // for a person without an affiliation then, is a member of any group).
            var groupCases: [CaseRef] = [], seriousGroup: [CaseRef] = [], seriousInWindow = 0
            var lastGroupCase: CaseRef?
            var halves = Set<Int>()
            for c in myCases where c.date >= min(evidenceStart, persistenceStart) && c.date <= anchor {
                // A group the person had left before the case does not count as theirs: with
                // every affiliation ended (a switch without a new record), any member counts.
                let mine = Set((affiliationsOf[person.id] ?? []).filter { a in
                    (a.since.map { $0 <= asOf } ?? true) && (a.until.map { $0 >= c.date } ?? true) }.map(\.group))
                let others = (suspects[c.id] ?? []).filter { $0 != person.id }
                let withGroup = others.contains { o in
                    let theirs = groupsOf[o] ?? []
                    return mine.isEmpty ? !theirs.isEmpty : !theirs.isDisjoint(with: mine)
                }
                guard withGroup else { continue }
                if c.date >= persistenceStart && lastGroupCase == nil { lastGroupCase = ref(c) }
                let serious = ds.crimeCodes.isSerious(c.crimeCode)
                if c.date >= evidenceStart {
                    groupCases.append(ref(c))
                    if serious { seriousInWindow += 1 }
                }
                // Persistence counts serious cases with members of the person's own group (for a
                // person without a recorded affiliation: with members of any group, so a regular
                // who is not yet on the intelligence's books is judged by what he does).
                if serious && c.date >= persistenceStart {
                    seriousGroup.append(ref(c))
                    halves.insert(c.date.year * 2 + (c.date.month > 6 ? 1 : 0))
                }
            }
            let affs = (affiliationsOf[person.id] ?? []).filter { $0.overlaps(from: anchor, to: anchor) }
                .map { (group: $0.group, confidence: $0.confidence) }
            let windowGroups = (affiliationsOf[person.id] ?? []).filter { $0.overlaps(from: evidenceStart, to: anchor) }.map(\.group)
            let strongAffiliation = affs.contains { ($0.confidence ?? .possible) <= policy.minAffiliationConfidence }
            let confirmed = affs.contains { $0.confidence == .confirmed }
            let age = person.birthDate.map { $0.age(on: asOf) }
            let core = v.map { inCore[$0] } ?? false
            let cn = v.map { coreness[$0] } ?? 0
            var basis: Assessment.CoreBasis?
            // Persistence: sustained serious offending with the own group makes a person core
            // whatever their place in the network.
            if seriousGroup.count >= policy.coreMinSeriousGroupCases && halves.count >= policy.coreMinHalfYears {
                basis = .persistence
            } else if (core || cn >= policy.coreMinCoreness) && strongAffiliation {
                // Structure supports, never replaces, the offending: for an established member
                // (an affiliation of at least the policy's confidence) in the group's core, one
                // serious group case fewer suffices, still spread over time (or, with a
                // confirmed affiliation, without the spread).
                let inWindowHalves = Set(seriousGroup.filter { $0.date >= evidenceStart }.map { $0.date.year * 2 + ($0.date.month > 6 ? 1 : 0) }).count
                if seriousInWindow >= policy.coreMinSeriousCasesWithCore && inWindowHalves >= policy.coreMinHalfYears
                    || confirmed && seriousInWindow >= policy.coreMinSeriousCasesIfConfirmed {
                    basis = .structure
                }
            }
            // Co-presence, links and contacts with members in the evidence window.
            let present = milieu.coPresence[pi].filter { $0.day >= evidenceStart && $0.day <= anchor }
            let presentDays = Set(present.map(\.day)).count
            // Repeated co-presence counts the days the person was seen with members; days the
            // police named them together in an initiative case are listed, never counted.
            let repeated = Set(present.filter { !$0.initiative }.map(\.day)).count >= policy.copresenceMinDays
            let linked = milieu.links[pi].filter { l in l.date.map { $0 >= evidenceStart && $0 <= anchor } ?? true }
            let linkedMembers = Set(linked.map(\.member)).count
            var daysWith: [String: Set<Day>] = [:]
            for c in present where !c.initiative { for m in c.members { daysWith[m, default: []].insert(c.day) } }
            var contacts = Set(linked.map(\.member))
            var hard = contacts
            for c in inWindow {
                for o in suspects[c.id] ?? [] where o != person.id {
                    if let j = ds.personIndex[o], milieu.isMember[j] { contacts.insert(o); hard.insert(o) }
                }
            }
            for (m, days) in daysWith where days.count >= 2 { contacts.insert(m) }
            let serious = inWindow.filter { ds.crimeCodes.isSerious($0.crimeCode) }
            let weakAffiliation = !strongAffiliation && !affs.isEmpty
            // An ended affiliation with none current: what the data shows after its end.
            var ended: (group: String, until: Day, since: [String], contact: Bool)?
            if affs.isEmpty, let last = (affiliationsOf[person.id] ?? []).filter({ a in a.until.map { $0 < anchor } ?? false })
                .max(by: { ($0.until!, $0.group) < ($1.until!, $1.group) }), let until = last.until {
                var met = Set<String>()
                for c in present where c.day > until { met.formUnion(c.members) }
                for l in linked where l.date.map({ $0 > until }) ?? false { met.insert(l.member) }
                for c in myCases where c.date > until && c.date <= anchor {
                    for o in suspects[c.id] ?? [] where o != person.id && !(groupsOf[o] ?? []).isEmpty { met.insert(o) }
                }
                let groups = Set(met.flatMap { groupsOf[$0] ?? [] }).sorted()
                ended = (last.group, until, groups, !met.isEmpty)
            }
            let young = age.map { $0 < policy.youngAdultAge } ?? true
            let atRisk = young && !serious.isEmpty && repeated
            // Position: a leader who orders rather than acts — no case as suspect in the window
            // (whoever acts is judged by the offending rules) — shows as many members reached
            // through links and meetings, at least one of them by a link.
            if basis == nil && strongAffiliation && inWindow.isEmpty && contacts.count >= policy.coreMinMemberContacts && !hard.isEmpty {
                basis = .position
            }
            // Activity on any channel within the inactivity window: a case (not an initiative
            // case) in any role but victim or witness, a dated link, or repeated co-presence
            // with members (one sighting is a patrol's note, not a sign of life in the milieu).
            let recentDays = Set(milieu.coPresence[pi].filter { !$0.initiative && $0.day >= activityStart && $0.day <= asOf }.map(\.day)).count
            let active = (milieu.lastActive[pi].map { $0.day >= activityStart } ?? false) || recentDays >= policy.copresenceMinDays
            var seen = Set<String>()
            var assessment = Assessment(
                personID: person.id, area: policy.area(municipality: person.municipality, district: person.district),
                anchor: anchor, lastActivity: last, lastSeen: milieu.lastSeen[pi],
                inactive: !active,
                deprived: deprived, age: age, minor: policy.isMinor(age: age),
                groups: windowGroups.filter { seen.insert($0).inserted },
                inCore: core, coreness: cn, seriousGroupCases: seriousGroup, halfYears: halves.count,
                groupCases: groupCases, seriousGroupCasesInWindow: seriousInWindow, lastGroupCase: lastGroupCase,
                casesInWindow: inWindow.map(ref), affiliations: affs, strongAffiliation: strongAffiliation, confirmed: confirmed,
                lastGangCase: inWindow.filter { $0.tags.contains(policy.gangConflictTag) }
                    .max { ($0.date, $0.id) < ($1.date, $1.id) }.map(ref),
                coreBy: basis)
            assessment.coPresence = present
            assessment.coPresenceDays = presentDays
            assessment.repeatedCoPresence = repeated
            assessment.memberLinks = linked
            assessment.linkedMembers = linkedMembers
            assessment.memberContacts = contacts.count
            assessment.seriousCases = serious.map(ref)
            assessment.weakAffiliation = weakAffiliation
            assessment.ended = ended
            assessment.atRisk = atRisk
            assessment.lastActive = milieu.lastActive[pi]
            assessment.recentCoPresenceDays = recentDays
            assessment.residenceUnknown = person.municipality == nil && person.district == nil
            assessment.positionAmongMembers = contacts.count >= policy.coreMinMemberContacts && (!hard.isEmpty || strongAffiliation)
            assessment.tied = basis != nil || strongAffiliation || !groupCases.isEmpty || atRisk
            result.append(assessment)
        }
        return result
    }

    /// The screening refuses what it cannot judge: a dataset with cases or a log whose
    /// `persons.csv` has no municipality column read would have every entry proposed for
    /// removal as not eligible. The error names the column and the mapping option.
    public static func requireResidence(_ ds: Dataset) throws {
        guard ds.layout == .dataset, !ds.log.isEmpty || !ds.cases.isEmpty, !ds.personColumns.contains("municipality") else { return }
        throw InputError(file: ds.location + "/persons.csv", line: 1, field: "municipality",
                         "no municipality column was read, so nobody's eligibility can be judged (every log entry would be proposed for removal); "
                            + "name your column with --columns FILE (YAML: persons: {municipality: YOUR_HEADER}; README \"Input\"). Header read: \(ds.personColumns.joined(separator: ", "))")
    }

    /// What to do about a person's entry on the log (nil: nothing to propose).
    enum EntryDecision {
        case add(LogCategory)
        case remove(ProposalReason)
        case recategorize(from: LogCategory, to: LogCategory)
        case keep(LogCategory)
        case review(ProposalReason)
    }

    /// The first step: the person's entry. The proposed log holds exactly the persons whose
    /// evidence puts them there (eligible, active or deprived of liberty, tied to the milieu),
    /// so adding and keeping follow one rule. A person deprived of liberty keeps the category
    /// unless the evidence read as of custody gives one.
    static func entryDecision(_ a: Assessment, current: LogCategory?) -> EntryDecision? {
        if let current {
            // Removal needs positive evidence that the person left: a registered address
            // outside, silence on every channel, or nothing but police activity and victim or
            // witness roles. Where the data shows some contact that does not tie, or no address
            // at all, the group reviews the entry.
            if a.residenceUnknown { return .review(.residenceUnknown) }
            guard let area = a.area else { return .remove(.notEligible) }
            if a.inactive && !a.deprived { return .remove(.inactive) }
            if !a.hasEvidence && !a.deprived { return a.someEvidence ? .review(.weakEvidence) : .remove(.noEvidence) }
            // The group's earlier category is itself evidence (it may rest on what operative
            // units know): a stamperson becomes a bobler only when the data says the offending
            // stopped — no serious group case in the evidence window while free. In custody the
            // category is never lowered (the evidence custody interrupted still stands).
            var tier = a.tier
            if current.tier == .core && tier == .peripheral && (a.deprived || a.seriousGroupCasesInWindow > 0 || a.positionAmongMembers) { tier = .core }
            let category = LogCategory(area: area, tier: tier)
            return category != current ? .recategorize(from: current, to: category) : .keep(current)
        }
        guard a.belongsOnLog, let category = a.category else { return nil }
        return .add(category)
    }

    /// The second step, for a person who will be on the log: youth screening for minors, SSP+
    /// hand-over for eligible peripheral persons of the youth age or more who are free (no
    /// hand-over while in custody).
    static func routeDecision(_ a: Assessment, tier: LogCategory.Tier) -> RouteKind? {
        if a.minor { return .youthScreening }
        // SSP+ is for 18 and over: a person of unknown age may be a minor.
        if a.ageUnknown { return nil }
        if tier == .peripheral && a.eligible && !a.deprived { return .sspHandover }
        return nil
    }

    /// The rule texts, generated from the values the rules use.
    public struct Rules: Sendable {
        public let policy: Policy
        public init(_ policy: Policy) { self.policy = policy }
        var municipalities: String { policy.eligibleMunicipalities.joined(separator: ", ") }
        var initiative: String {
            "initiative cases (\(policy.initiativeCodes.joined(separator: ", "))"
                + (policy.initiativeTags.isEmpty ? "" : "; tags \(policy.initiativeTags.joined(separator: ", "))") + ") never count"
        }
        public var onLog: String {
            "on the log: resident in \(municipalities), active in \(policy.inactivityMonths) months (a case in any role but victim or witness, a dated link, or co-presence with members on \(policy.copresenceMinDays) days) (or deprived of liberty), and tied to the milieu: a case with a member of a group in \(policy.evidenceMonths) months, an affiliation of at least \(policy.minAffiliationConfidence.rawValue), under \(policy.youngAdultAge) with a serious case and co-presence with members on \(policy.copresenceMinDays) days, or a core rule; co-presence and links alone never tie (they show activity); \(initiative)"
        }
        public var add: String { "add: " + onLog }
        public var core: String {
            "core: ≥ \(policy.coreMinSeriousGroupCases) serious cases with members of the own group over ≥ \(policy.coreMinHalfYears) half-years in \(policy.persistenceMonths) months (persistence), or in the group's core/periphery core (coreness ≥ \(formatNumber(policy.coreMinCoreness))) with ≥ \(policy.coreMinSeriousCasesWithCore) serious group cases in \(policy.evidenceMonths) months (≥ \(policy.coreMinSeriousCasesIfConfirmed) with a confirmed affiliation), or by position: an affiliation of at least \(policy.minAffiliationConfidence.rawValue) and ≥ \(policy.coreMinMemberContacts) members reached by links, cases or co-presence on two days (one by a link or a case); otherwise peripheral; in custody the evidence is read as of the last activity and the category stays without new evidence"
        }
        public var area: String { "area A = \(policy.focusDistricts.joined(separator: ", "))" }
        public var notEligible: String { "not resident in an eligible municipality (\(municipalities))" }
        public var inactive: String { "inactive: no case in any role but victim or witness (initiative cases aside) and no dated link in \(policy.inactivityMonths) months, and seen with members on fewer than \(policy.copresenceMinDays) days; not deprived of liberty" }
        public var noEvidence: String {
            "no tie to the milieu and no other sign of it: no case with a group member in \(policy.persistenceMonths) months, no affiliation, no link to a member, no core rule; only police activity (stops, sightings), victim or witness roles, or offending without any contact with members; not deprived of liberty"
        }
        public var youth: String { "under \(policy.youthAge) on the as-of date → DKS youth screening" }
        public var ssp: String { "peripheral, \(policy.youthAge) or older and free → SSP+ hand-over candidate" }
        public var review: String {
            "review: on the log, active within \(policy.inactivityMonths) months, no tie to the milieu but some contact (an affiliation weaker than \(policy.minAffiliationConfidence.rawValue), a link to a member, co-presence with members on \(policy.copresenceMinDays) days, or contact after an ended affiliation): the data cannot decide keeping or removing; accepting keeps the entry, rejecting removes it"
        }
        public var residenceUnknown: String {
            "review: on the log with no municipality or district recorded: eligibility cannot be judged; accepting keeps the entry, rejecting removes it"
        }
    }

    /// Proposals for the current log (`ds.log`): add, remove, recategorize, route, and with
    /// `includeKeep` a `keep` row for every assessed person whose entry stays as it is.
    /// `assessments`: the result of ``assess(_:asOf:policy:seed:)`` for the same arguments, when
    /// the caller has it already (it is computed otherwise).
    public static func propose(_ ds: Dataset, asOf: Day, policy: Policy = .default, seed: UInt64 = 1,
                               includeKeep: Bool = false, assessments given: [Assessment]? = nil) throws -> [Proposal] {
        let assessments = try given ?? assess(ds, asOf: asOf, policy: policy, seed: seed)
        var onLog: [String: LogCategory] = [:]
        for e in ds.log { onLog[e.personID] = LogCategory(rawValue: e.category) }
        let rules = Rules(policy)
        // Identity notes: possible duplicates are flagged, namesakes named; nothing is merged.
        var identity: [String: [String]] = [:]
        var duplicates = Set<String>()
        var namesakes: [String: [String]] = [:]
        for n in ds.identityNotes() {
            for (x, y) in [(n.first, n.second), (n.second, n.first)] {
                if n.kind == .possibleDuplicate {
                    duplicates.insert(x)
                    identity[x, default: []].append("possible duplicate of \(y) (\(n.why)): check before deciding, evidence not pooled")
                } else {
                    namesakes[x, default: []].append("namesake of \(y) (\(n.why)): a different person")
                }
            }
        }
        // At most five identity notes a proposal, the possible duplicates first, with a count
        // of the rest (a common name is shared by hundreds).
        let sharing = ds.nameCounts()
        for id in Set(identity.keys).union(namesakes.keys) {
            var all = (identity[id] ?? []) + (namesakes[id] ?? [])
            let others = max(0, (sharing[id] ?? 1) - 1)
            let named = all.count
            if all.count > 5 { all = Array(all.prefix(5)) }
            let unnamed = max(others, named) - all.count
            if unnamed > 0 { all.append("\(unnamed) more \(unnamed == 1 ? "person shares" : "persons share") the name (sna validate lists the possible duplicates)") }
            identity[id] = all
        }
        var out: [Proposal] = []
        func make(_ a: Assessment, _ action: ProposalAction, _ category: LogCategory?, _ reason: ProposalReason, _ rule: String,
                  _ lead: String, flags: [ProposalFlag] = []) -> Proposal {
            var fl = flags
            if a.deprived { fl.append(.deprivedOfLiberty) }
            if a.minor { fl.append(.minor) }
            if a.ageUnknown { fl.append(.ageUnknown) }
            if duplicates.contains(a.personID) { fl.append(.possibleDuplicate) }
            var text = (a.ageUnknown ? "age unknown (no birth date: a possible minor, not routed to SSP+); " : "") + summary(a, lead)
            if let notes = identity[a.personID] { text += "; " + notes.joined(separator: "; ") }
            var p = Proposal(id: "", personID: a.personID, action: action, category: category, reason: reason,
                             summary: text, rule: rule, figures: figures(a), cases: a.casesInWindow,
                             affiliations: a.affiliations.map { ($0.group, $0.confidence?.rawValue ?? "") },
                             currentCategory: onLog[a.personID], flags: fl)
            p.channels = channels(a, policy: policy, onLog: onLog[a.personID])
            p.strength = strength(a, action, reason, p.channels)
            // The channels the summary does not already name.
            let extra = p.channels.filter { c in
                [.coPresence, .links, .ownOffending].contains(c.channel) || c.channel == .affiliation && c.text.contains(" ended ")
            }.map(\.text)
            if !extra.isEmpty { p.summary += "; " + extra.joined(separator: "; ") }
            return p
        }
        for a in assessments {
            let current = onLog[a.personID]
            let tierReason: ProposalReason = a.isCore ? .core : .peripheral
            // Step 1: the entry.
            var onLogAfter = current != nil
            var tierAfter = current?.tier ?? a.tier
            switch entryDecision(a, current: current) {
            case nil:
                break
            case let .remove(reason):
                onLogAfter = false
                switch reason {
                case .notEligible:
                    out.append(make(a, .remove, nil, .notEligible, rules.notEligible, "not eligible (residence outside \(rules.municipalities))"))
                case .inactive:
                    out.append(make(a, .remove, nil, .inactive, rules.inactive, inactivity(a, policy)))
                default:
                    out.append(make(a, .remove, nil, .noEvidence, rules.noEvidence, "no evidence left"))
                }
            case let .recategorize(from, to):
                tierAfter = to.tier
                out.append(make(a, .recategorize, to, to.tier == .core ? .core : .peripheral, rules.core + "; " + rules.area,
                                "\(from) → \(to): " + Screening.whatChanged(from, to, person: ds.personIndex[a.personID].map { ds.persons[$0] }, policy: policy)))
            case let .keep(category):
                if includeKeep { out.append(make(a, .keep, category, .unchanged, "category still fits", "stays \(category)")) }
            case let .review(reason):
                // Decided like any proposal: accepting keeps the entry (a confirmation), rejecting
                // removes it. No route until the entry is decided.
                let seen = a.lastSeen.map { "last seen \($0.day) (\($0.how))" } ?? "never seen on any channel"
                let why = reason == .residenceUnknown ? "no municipality or district recorded" : "some contact with the milieu, none that ties"
                out.append(make(a, .review, current, reason, reason == .residenceUnknown ? rules.residenceUnknown : rules.review,
                                "\(seen); \(why): the data cannot decide; the group decides"))
                continue
            case let .add(category):
                onLogAfter = true
                tierAfter = category.tier
                out.append(make(a, .add, category, tierReason, rules.add + "; " + rules.core, tierReason.rawValue))
            }
            // Step 2: the route, for persons on (or proposed for) the log.
            guard onLogAfter, let route = routeDecision(a, tier: tierAfter) else { continue }
            switch route {
            case .youthScreening:
                var p = make(a, .route, nil, .youthScreening, rules.youth,
                             "under \(policy.youthAge): youth screening" + (a.lastGangCase.map { ", gang case \($0.id) on \($0.date): decide on a concern talk within \(policy.youthDecisionHours) hours" } ?? ""),
                             flags: a.gangCase ? [.decisionWithin(hours: policy.youthDecisionHours)] : [])
                p.trigger = a.lastGangCase
                out.append(p)
            case .sspHandover:
                out.append(make(a, .route, nil, .sspHandover, rules.ssp,
                                "peripheral, \(a.age.map { "age \($0)" } ?? "age unknown"): SSP+ hand-over candidate"))
            }
        }
        for i in out.indices { let n = String(i + 1); out[i].id = "\(asOf)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n }
        return out
    }

    /// What "inactive" rests on, in words: the last case or link, and how seldom the person
    /// was seen with members in the inactivity window.
    static func inactivity(_ a: Assessment, _ policy: Policy) -> String {
        let own = a.lastActive.map { "no case or dated link since \($0.day) (\($0.how))" } ?? "no case or dated link at all"
        guard a.recentCoPresenceDays > 0 else { return "silent on every channel for \(policy.inactivityMonths) months: " + own }
        return "inactive: \(own); seen with members on only \(a.recentCoPresenceDays) day\(a.recentCoPresenceDays == 1 ? "" : "s") in \(policy.inactivityMonths) months (activity needs \(policy.copresenceMinDays))"
    }

    static func figures(_ a: Assessment) -> [(name: String, value: String)] {
        var f: [(name: String, value: String)] = [
            ("core_by", a.coreBy?.rawValue ?? "none"),
            ("serious_group_cases", String(a.seriousGroupCases.count)),
            ("half_years", String(a.halfYears)),
            ("group_cases_in_window", String(a.groupCases.count)),
            ("serious_group_cases_in_window", String(a.seriousGroupCasesInWindow)),
            ("coreness", formatNumber((a.coreness * 1000).rounded() / 1000)),
            ("in_core", a.inCore ? "yes" : "no"),
            ("cases_in_window", String(a.casesInWindow.count)),
        ]
        if !a.groups.isEmpty { f.append(("groups", a.groups.joined(separator: "+"))) }
        if let d = a.lastActivity { f.append(("last_activity", d.description)) }
        if let age = a.age { f.append(("age", String(age))) }
        if a.deprived { f.append(("deprived_of_liberty", "yes")); f.append(("evidence_as_of", a.anchor.description)) }
        return f
    }

    /// One line of evidence, the CSV contract's `evidence` column: the lead, then a minor's
    /// mark, custody, the offending with the group, affiliations and the structural position.
    static func summary(_ a: Assessment, _ lead: String) -> String {
        var parts = [lead]
        if a.minor { parts.append("minor" + (a.age.map { " (age \($0))" } ?? "")) }
        if a.deprived { parts.append("deprived of liberty: evidence as of \(a.anchor)") }
        func list(_ cs: [CaseRef]) -> String {
            cs.prefix(3).map { "\($0.id) \($0.date) \($0.crimeCode)" }.joined(separator: "; ") + (cs.count > 3 ? "; …" : "")
        }
        if !a.seriousGroupCases.isEmpty {
            parts.append("\(a.seriousGroupCases.count) serious case\(a.seriousGroupCases.count == 1 ? "" : "s") with own group over \(a.halfYears) half-year\(a.halfYears == 1 ? "" : "s") (\(list(a.seriousGroupCases)))")
        } else if !a.groupCases.isEmpty {
            parts.append("\(a.groupCases.count) case\(a.groupCases.count == 1 ? "" : "s") with group members (\(list(a.groupCases)))")
        } else if !a.casesInWindow.isEmpty {
            parts.append("\(a.casesInWindow.count) case\(a.casesInWindow.count == 1 ? "" : "s") as suspect, none with group members (latest \(a.casesInWindow[0].id) \(a.casesInWindow[0].date))")
        }
        if !a.affiliations.isEmpty {
            parts.append("affiliation " + a.affiliations.map { "\($0.group) \($0.confidence?.rawValue ?? "unstated")" }.joined(separator: ", "))
        }
        parts.append("coreness \(formatNumber((a.coreness * 100).rounded() / 100))\(a.inCore ? " (in the group's core)" : "")")
        if let b = a.coreBy { parts.append("core by \(b.rawValue)") }
        return parts.joined(separator: "; ")
    }
}

/// An earlier decision of the target-selection group on a person (from the store).
public struct PastDecision: Sendable {
    public var proposalID: String
    public var action: ProposalAction
    public var category: LogCategory?
    public var reason: ProposalReason
    public var accepted: Bool
    public var by: String
    /// The day the decision took effect.
    public var effective: Day
    public var why: String
    public init(proposalID: String, action: ProposalAction, category: LogCategory?, reason: ProposalReason, accepted: Bool,
                by: String, effective: Day, why: String) {
        self.proposalID = proposalID; self.action = action; self.category = category; self.reason = reason
        self.accepted = accepted; self.by = by; self.effective = effective; self.why = why
    }
}

extension Screening {
    /// Proposals with the group's memory: a proposal for a person with an earlier decision says
    /// so (flag `decided_before`, and the decision in the evidence); a proposal the group
    /// rejected before, unchanged (same action, category and reason), is not made again unless
    /// a case dated after that decision is among its evidence — then the new cases are named.
    /// Returns the proposals kept and the ones left out (with the rejection that explains it).
    public static func remember(_ proposals: [Proposal], decisions: [String: [PastDecision]])
        -> (kept: [Proposal], withheld: [(proposal: Proposal, rejected: PastDecision)]) {
        var kept: [Proposal] = [], withheld: [(Proposal, PastDecision)] = []
        // A route is withheld with the entry proposal it follows.
        var withheldPersons = Set<String>()
        for var p in proposals {
            guard let past = decisions[p.personID], let last = past.max(by: { $0.effective < $1.effective }) else {
                kept.append(p)
                continue
            }
            if p.action == .route && withheldPersons.contains(p.personID) { continue }
            let same = past.filter { !$0.accepted && $0.action == p.action && $0.category == p.category && $0.reason == p.reason }
                .max(by: { $0.effective < $1.effective })
            if let rejected = same {
                let newCases = p.cases.filter { $0.date > rejected.effective }
                if newCases.isEmpty {
                    withheld.append((p, rejected))
                    withheldPersons.insert(p.personID)
                    continue
                }
                p.summary += "; new since the rejection of \(rejected.effective): " + newCases.prefix(3).map { "\($0.id) \($0.date)" }.joined(separator: ", ")
            }
            p.flags.append(.decidedBefore)
            p.summary += "; earlier: \(last.accepted ? "accepted" : "rejected") \(last.action.rawValue)\(last.category.map { " \($0)" } ?? "") \(last.effective) by \(last.by): \(last.why)"
            kept.append(p)
        }
        return (kept, withheld)
    }
}

extension Screening {
    /// What a recategorization changes, in words: the tier (core or peripheral), the area (where
    /// the person lives now against the focus districts), or both.
    public static func whatChanged(_ from: LogCategory, _ to: LogCategory, person p: Person?, policy: Policy) -> String {
        var parts: [String] = []
        if from.area != to.area {
            let place = p.flatMap { $0.district ?? $0.municipality } ?? "an unrecorded district"
            let focus = policy.focusDistricts.joined(separator: ", ")
            parts.append(to.area == .a
                ? "area \(from.area.rawValue) → \(to.area.rawValue): lives in \(place) now, a focus district"
                : "area \(from.area.rawValue) → \(to.area.rawValue): lives in \(place) now, outside the focus district\(policy.focusDistricts.count == 1 ? "" : "s") (\(focus))")
        }
        if from.tier != to.tier {
            parts.append("tier \(from.tier.rawValue) → \(to.tier.rawValue): \(to.tier == .core ? "core by the evidence below" : "no longer core by the evidence below")")
        }
        return parts.isEmpty ? "category changed" : parts.joined(separator: "; ")
    }
}
