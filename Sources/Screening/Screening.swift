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

    public init(id: String, personID: String, action: ProposalAction, category: LogCategory?, reason: ProposalReason,
                summary: String, rule: String, figures: [(name: String, value: String)], cases: [CaseRef],
                affiliations: [(group: String, confidence: String)], currentCategory: LogCategory?, flags: [ProposalFlag]) {
        self.id = id; self.personID = personID; self.action = action; self.category = category; self.reason = reason
        self.summary = summary; self.rule = rule; self.figures = figures; self.cases = cases
        self.affiliations = affiliations; self.currentCategory = currentCategory; self.flags = flags
    }

    /// The route this proposal asks for, if it is a route.
    public var route: RouteKind? { action == .route ? reason.route : nil }
}

/// Assessment of one person, from which proposals follow.
public struct Assessment: Sendable {
    public var personID: String
    /// The log area when the person is eligible (nil: not eligible).
    public var area: LogCategory.Area?
    public var eligible: Bool { area != nil }
    public var lastActivity: Day?
    public var inactive: Bool
    public var deprived: Bool
    public var age: Int?
    public var minor: Bool
    public var inCore: Bool
    public var coreness: Double
    public var seriousCasesWithCore: [CaseRef]
    public var casesInWindow: [CaseRef]
    public var affiliations: [(group: String, confidence: AffiliationConfidence?)]
    /// An affiliation of at least the policy's `min_affiliation_confidence`.
    public var strongAffiliation: Bool
    /// A gang-conflict case (the policy's tag) among the cases in the window.
    public var gangCase: Bool
    public var isCore: Bool
    public var hasEvidence: Bool
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
        let windowStart = asOf.adding(months: -policy.evidenceMonths)
        let activityStart = asOf.adding(months: -policy.inactivityMonths)
        // Co-offending network of the window.
        var o = BuildOptions()
        o.links = LinkSelection(parsing: "co-offending")
        o.from = windowStart
        o.to = asOf
        o.directed = false
        let net = try NetworkBuilder.build(ds, options: o)
        let g = net.graph
        // "Core" and "peripheral" are relative to a group: each person is placed by the
        // core/periphery split of their primary group's neighbourhood (the group's members and
        // everyone they co-offend with); persons without a group by the whole network's split.
        var primary: [String: (rank: Int, group: String)] = [:]
        for a in ds.affiliations where a.overlaps(from: asOf, to: asOf) {
            let rank = a.confidence.map { [.confirmed: 0, .probable: 1, .possible: 2][$0]! } ?? 3
            if let b = primary[a.personID], b.rank <= rank { continue }
            primary[a.personID] = (rank, a.group)
        }
        var inCore = CorePeriphery.discrete(g, seed: seed).core
        var coreness = CorePeriphery.continuous(g).coreness
        let groupOf = (0..<g.nodeCount).map { primary[g.labels[$0]]?.group }
        for s in CorePeriphery.withinGroups(g, groupOf: groupOf, seed: seed, coreness: true) {
            for (i, v) in s.nodes.enumerated() where groupOf[v] == s.group {
                inCore[v] = s.split.core[i]
                coreness[v] = s.coreness![i]
            }
        }
        // Cases as suspect per person (non-initiative), and co-suspects per case.
        var casesOf: [String: [Int]] = [:]
        var suspects: [String: [String]] = [:]
        var caseIndex: [String: Int] = [:]
        for (i, c) in ds.cases.enumerated() { caseIndex[c.id] = i }
        for p in ds.participations where p.role == .suspect {
            guard let ci = caseIndex[p.caseID] else { continue }
            if ds.crimeCodes.isInitiative(ds.cases[ci].crimeCode) { continue }
            casesOf[p.personID, default: []].append(ci)
            suspects[p.caseID, default: []].append(p.personID)
        }
        var result: [Assessment] = []
        for person in ds.persons {
            let v = g.index(of: person.id)
            let core = v.map { inCore[$0] } ?? false
            let cn = v.map { coreness[$0] } ?? 0
            let myCases = (casesOf[person.id] ?? []).map { ds.cases[$0] }.filter { $0.date <= asOf }
            let inWindow = myCases.filter { $0.date >= windowStart }
            let last = myCases.map(\.date).max()
            var seriousWithCore: [CaseRef] = []
            for c in inWindow where ds.crimeCodes.isSerious(c.crimeCode) {
                let others = (suspects[c.id] ?? []).filter { $0 != person.id }
                if others.contains(where: { id in g.index(of: id).map { inCore[$0] } ?? false }) {
                    seriousWithCore.append(CaseRef(id: c.id, date: c.date, crimeCode: c.crimeCode))
                }
            }
            let affs = ds.affiliations.filter { $0.personID == person.id && $0.overlaps(from: asOf, to: asOf) }
                .map { (group: $0.group, confidence: $0.confidence) }
            let strongAffiliation = affs.contains { ($0.confidence ?? .possible) <= policy.minAffiliationConfidence }
            let confirmed = affs.contains { $0.confidence == .confirmed }
            let age = person.birthDate.map { $0.age(on: asOf) }
            let isCore = (core || cn >= policy.coreMinCoreness)
                && (seriousWithCore.count >= policy.coreMinSeriousCasesWithCore
                    || (confirmed && seriousWithCore.count >= policy.coreMinSeriousCasesIfConfirmed))
            result.append(Assessment(
                personID: person.id, area: policy.area(municipality: person.municipality, district: person.district),
                lastActivity: last, inactive: !(last.map { $0 >= activityStart } ?? false),
                deprived: person.status?.isDeprivedOfLiberty == true, age: age, minor: policy.isMinor(age: age),
                inCore: core, coreness: cn, seriousCasesWithCore: seriousWithCore,
                casesInWindow: inWindow.sorted { $0.date > $1.date }.map { CaseRef(id: $0.id, date: $0.date, crimeCode: $0.crimeCode) },
                affiliations: affs, strongAffiliation: strongAffiliation,
                gangCase: inWindow.contains { $0.tags.contains(policy.gangConflictTag) },
                isCore: isCore, hasEvidence: !inWindow.isEmpty || strongAffiliation))
        }
        return result
    }

    /// What to do about a person's entry on the log (nil: nothing to propose).
    enum EntryDecision {
        case add(LogCategory)
        case remove(ProposalReason)
        case recategorize(from: LogCategory, to: LogCategory)
        case keep(LogCategory)
    }

    /// The first step: the person's entry. Removal (not eligible, inactive and free, no evidence
    /// and free), a change of category, or for a person not on the log, an add when the
    /// evidence is recent and ties the person to the milieu.
    static func entryDecision(_ a: Assessment, current: LogCategory?) -> EntryDecision? {
        if let current {
            guard let category = a.category else { return .remove(.notEligible) }
            if a.inactive && !a.deprived { return .remove(.inactive) }
            if !a.hasEvidence && !a.deprived { return .remove(.noEvidence) }
            return category != current ? .recategorize(from: current, to: category) : .keep(current)
        }
        // A new entry needs recent cases and a tie to the milieu: an affiliation of at least
        // the policy's confidence, serious co-offending with a core person, or the core.
        guard let category = a.category, !a.inactive, !a.casesInWindow.isEmpty,
              a.isCore || a.strongAffiliation || !a.seriousCasesWithCore.isEmpty else { return nil }
        return .add(category)
    }

    /// The second step, for a person who will be on the log: youth screening for minors, SSP+
    /// hand-over for free, eligible peripheral persons of the youth age or more.
    static func routeDecision(_ a: Assessment) -> RouteKind? {
        if a.minor { return .youthScreening }
        if !a.isCore && a.eligible && !a.deprived { return .sspHandover }
        return nil
    }

    /// The rule texts, generated from the values the rules use.
    public struct Rules: Sendable {
        public let policy: Policy
        public init(_ policy: Policy) { self.policy = policy }
        var municipalities: String { policy.eligibleMunicipalities.joined(separator: ", ") }
        public var add: String {
            "add: eligible, a case as suspect in \(policy.inactivityMonths) months, and an affiliation of at least \(policy.minAffiliationConfidence.rawValue), serious co-offending with a core person, or a place in the core"
        }
        public var core: String {
            "core: in the discrete core of the group or coreness ≥ \(formatNumber(policy.coreMinCoreness)), and ≥ \(policy.coreMinSeriousCasesWithCore) serious co-offending cases with core persons in \(policy.evidenceMonths) months (≥ \(policy.coreMinSeriousCasesIfConfirmed) with a confirmed affiliation); otherwise peripheral"
        }
        public var area: String { "area A = \(policy.focusDistricts.joined(separator: ", "))" }
        public var notEligible: String { "not resident in an eligible municipality (\(municipalities))" }
        public var inactive: String { "no case as suspect in \(policy.inactivityMonths) months and not deprived of liberty" }
        public var noEvidence: String {
            "no case as suspect in \(policy.evidenceMonths) months and no affiliation of at least \(policy.minAffiliationConfidence.rawValue)"
        }
        public var youth: String { "under \(policy.youthAge) on the as-of date → DKS youth screening" }
        public var ssp: String { "peripheral and \(policy.youthAge) or older → SSP+ hand-over candidate" }
    }

    /// Proposals for the current log (`ds.log`): add, remove, recategorize, route, and with
    /// `includeKeep` a `keep` row for every assessed person whose entry stays as it is.
    public static func propose(_ ds: Dataset, asOf: Day, policy: Policy = .default, seed: UInt64 = 1,
                               includeKeep: Bool = false) throws -> [Proposal] {
        let assessments = try assess(ds, asOf: asOf, policy: policy, seed: seed)
        var onLog: [String: LogCategory] = [:]
        for e in ds.log { onLog[e.personID] = LogCategory(rawValue: e.category) }
        let rules = Rules(policy)
        var out: [Proposal] = []
        func make(_ a: Assessment, _ action: ProposalAction, _ category: LogCategory?, _ reason: ProposalReason, _ rule: String,
                  _ lead: String, flags: [ProposalFlag] = []) -> Proposal {
            var fl = flags
            if a.deprived { fl.append(.deprivedOfLiberty) }
            if a.minor { fl.append(.minor) }
            return Proposal(id: "", personID: a.personID, action: action, category: category, reason: reason,
                            summary: summary(a, lead), rule: rule, figures: figures(a), cases: a.casesInWindow,
                            affiliations: a.affiliations.map { ($0.group, $0.confidence?.rawValue ?? "") },
                            currentCategory: onLog[a.personID], flags: fl)
        }
        for a in assessments {
            let current = onLog[a.personID]
            let tierReason: ProposalReason = a.isCore ? .core : .peripheral
            // Step 1: the entry.
            var onLogAfter = current != nil
            switch entryDecision(a, current: current) {
            case nil:
                break
            case let .remove(reason):
                onLogAfter = false
                switch reason {
                case .notEligible:
                    out.append(make(a, .remove, nil, .notEligible, rules.notEligible, "not eligible (residence outside \(rules.municipalities))"))
                case .inactive:
                    out.append(make(a, .remove, nil, .inactive, rules.inactive, "no activity since \(a.lastActivity?.description ?? "ever")"))
                default:
                    out.append(make(a, .remove, nil, .noEvidence, rules.noEvidence, "no evidence left"))
                }
            case let .recategorize(from, to):
                out.append(make(a, .recategorize, to, tierReason, rules.core + "; " + rules.area, "\(from) → \(to)"))
            case let .keep(category):
                if includeKeep { out.append(make(a, .keep, category, .unchanged, "category still fits", "stays \(category)")) }
            case let .add(category):
                onLogAfter = true
                out.append(make(a, .add, category, tierReason, rules.add + "; " + rules.core, tierReason.rawValue))
            }
            // Step 2: the route, for persons on (or proposed for) the log.
            guard onLogAfter, let route = routeDecision(a) else { continue }
            switch route {
            case .youthScreening:
                out.append(make(a, .route, nil, .youthScreening, rules.youth,
                                "under \(policy.youthAge): youth screening" + (a.gangCase ? ", gang case: decide on a concern talk within \(policy.youthDecisionHours) hours" : ""),
                                flags: a.gangCase ? [.decisionWithin(hours: policy.youthDecisionHours)] : []))
            case .sspHandover:
                out.append(make(a, .route, nil, .sspHandover, rules.ssp,
                                "peripheral, \(a.age.map { "age \($0)" } ?? "age unknown"): SSP+ hand-over candidate"))
            }
        }
        for i in out.indices { let n = String(i + 1); out[i].id = "\(asOf)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n }
        return out
    }

    static func figures(_ a: Assessment) -> [(name: String, value: String)] {
        var f: [(name: String, value: String)] = [
            ("coreness", formatNumber((a.coreness * 1000).rounded() / 1000)),
            ("in_core", a.inCore ? "yes" : "no"),
            ("serious_cases_with_core", String(a.seriousCasesWithCore.count)),
            ("cases_in_window", String(a.casesInWindow.count)),
        ]
        if let d = a.lastActivity { f.append(("last_activity", d.description)) }
        if let age = a.age { f.append(("age", String(age))) }
        if a.deprived { f.append(("deprived_of_liberty", "yes")) }
        return f
    }

    static func summary(_ a: Assessment, _ lead: String) -> String {
        var parts = [lead]
        if !a.seriousCasesWithCore.isEmpty {
            parts.append("\(a.seriousCasesWithCore.count) serious co-offending case\(a.seriousCasesWithCore.count == 1 ? "" : "s") with core persons ("
                         + a.seriousCasesWithCore.prefix(3).map { "\($0.id) \($0.date) \($0.crimeCode)" }.joined(separator: "; ")
                         + (a.seriousCasesWithCore.count > 3 ? "; …" : "") + ")")
        } else if !a.casesInWindow.isEmpty {
            parts.append("\(a.casesInWindow.count) case\(a.casesInWindow.count == 1 ? "" : "s") as suspect in window (latest \(a.casesInWindow[0].id) \(a.casesInWindow[0].date))")
        }
        if !a.affiliations.isEmpty {
            parts.append("affiliation " + a.affiliations.map { "\($0.group) \($0.confidence?.rawValue ?? "unstated")" }.joined(separator: ", "))
        }
        parts.append("coreness \(formatNumber((a.coreness * 100).rounded() / 100))\(a.inCore ? " (core)" : "")")
        return parts.joined(separator: "; ")
    }
}
