/// What a proposal asks the target-selection group to do.
public enum ProposalAction: String, Sendable, CaseIterable {
    case add, remove, recategorize, route, keep
}

/// One proposal: an assessment for people to decide on, never a decision. It carries the rule
/// that fired, the figures behind it and the cases, affiliations and ties it rests on.
public struct Proposal: Sendable {
    public var id: String
    public var personID: String
    public var action: ProposalAction
    /// A1, A2, B1 or B2 (empty for removals and routes without a category).
    public var category: String?
    /// Short code: core, peripheral, not_eligible, inactive, no_evidence, youth_screening,
    /// ssp_handover, unchanged.
    public var reason: String
    /// One-line summary of the evidence.
    public var summary: String
    /// The rule that fired, in words, with its thresholds.
    public var rule: String
    /// Named figures (coreness, counts, dates) behind the proposal.
    public var figures: [(name: String, value: String)]
    /// The cases behind it (id, date, crime code), newest first.
    public var cases: [(id: String, date: Day, crimeCode: String)]
    /// Current affiliations (group, confidence).
    public var affiliations: [(group: String, confidence: String)]
    /// The category on the current log, if any.
    public var currentCategory: String?
    /// Flags for the people deciding (minor, deprived of liberty, 24-hour deadline).
    public var flags: [String]
}

/// Assessment of one person, from which proposals follow.
public struct Assessment: Sendable {
    public var personID: String
    public var eligible: Bool
    public var area: String?          // "A" / "B" / nil when not eligible or unknown
    public var lastActivity: Day?
    public var inactive: Bool
    public var deprived: Bool
    public var age: Int?
    public var inCore: Bool
    public var coreness: Double
    public var seriousCasesWithCore: [(id: String, date: Day, crimeCode: String)]
    public var casesInWindow: [(id: String, date: Day, crimeCode: String)]
    public var affiliations: [(group: String, confidence: AffiliationConfidence?)]
    public var isCore: Bool
    public var hasEvidence: Bool
    public var category: String? { guard eligible, let area else { return nil }; return area + (isCore ? "1" : "2") }
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
        let whole = CorePeriphery.discrete(g, seed: seed)
        let wholeCoreness = CorePeriphery.continuous(g).coreness
        var inCoreOf = whole.core
        var corenessOf = wholeCoreness
        var groupNames: [String] = []
        var seenGroup = Set<String>()
        for p in ds.persons { if let x = primary[p.id]?.group, seenGroup.insert(x).inserted { groupNames.append(x) } }
        for name in groupNames {
            var keep = [Bool](repeating: false, count: g.nodeCount)
            for v in 0..<g.nodeCount where primary[g.labels[v]]?.group == name {
                keep[v] = true
                for k in Int(g.out.offsets[v])..<Int(g.out.offsets[v + 1]) { keep[Int(g.out.targets[k])] = true }
            }
            let (sub, original) = g.subgraph(keepNode: keep)
            let split = CorePeriphery.discrete(sub, seed: seed)
            let cn = CorePeriphery.continuous(sub).coreness
            for (i, v) in original.enumerated() where primary[g.labels[v]]?.group == name {
                inCoreOf[v] = split.core[i]
                corenessOf[v] = cn[i]
            }
        }
        let split = (core: inCoreOf, unused: 0)
        let coreness = corenessOf
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
        for (pi, person) in ds.persons.enumerated() {
            _ = pi
            let v = g.index(of: person.id)
            let inCore = v.map { split.core[$0] } ?? false
            let cn = v.map { coreness[$0] } ?? 0
            let myCases = (casesOf[person.id] ?? []).map { ds.cases[$0] }.filter { $0.date <= asOf }
            let inWindow = myCases.filter { $0.date >= windowStart }
            let last = myCases.map(\.date).max()
            var seriousWithCore: [(id: String, date: Day, crimeCode: String)] = []
            for c in inWindow where ds.crimeCodes.isSerious(c.crimeCode) {
                let others = (suspects[c.id] ?? []).filter { $0 != person.id }
                if others.contains(where: { id in g.index(of: id).map { split.core[$0] } ?? false }) {
                    seriousWithCore.append((c.id, c.date, c.crimeCode))
                }
            }
            let affs = ds.affiliations.filter { $0.personID == person.id && $0.overlaps(from: asOf, to: asOf) }
                .map { (group: $0.group, confidence: $0.confidence) }
            let strongAffiliation = affs.contains { ($0.confidence ?? .possible) <= policy.minAffiliationConfidence }
            let confirmed = affs.contains { $0.confidence == .confirmed }
            let eligible = person.municipality.map { policy.eligibleMunicipalities.contains($0) } ?? false
            let area: String? = eligible ? (person.district.map { policy.focusDistricts.contains($0) } == true ? "A" : "B") : nil
            let deprived = person.status?.isDeprivedOfLiberty == true
            let inactive = !(last.map { $0 >= activityStart } ?? false)
            let isCore = (inCore || cn >= policy.coreMinCoreness)
                && (seriousWithCore.count >= policy.coreMinSeriousCasesWithCore
                    || (confirmed && seriousWithCore.count >= policy.coreMinSeriousCasesIfConfirmed))
            result.append(Assessment(personID: person.id, eligible: eligible, area: area, lastActivity: last,
                                     inactive: inactive, deprived: deprived, age: person.birthDate.map { $0.age(on: asOf) },
                                     inCore: inCore, coreness: cn, seriousCasesWithCore: seriousWithCore,
                                     casesInWindow: inWindow.sorted { $0.date > $1.date }.map { ($0.id, $0.date, $0.crimeCode) },
                                     affiliations: affs, isCore: isCore,
                                     hasEvidence: !inWindow.isEmpty || strongAffiliation))
        }
        return result
    }

    /// Proposals for the current log (`ds.log`): add, remove, recategorize, route, and with
    /// `includeKeep` a `keep` row for every assessed person whose entry stays as it is.
    public static func propose(_ ds: Dataset, asOf: Day, policy: Policy = .default, seed: UInt64 = 1,
                               includeKeep: Bool = false) throws -> [Proposal] {
        let assessments = try assess(ds, asOf: asOf, policy: policy, seed: seed)
        var onLog: [String: String] = [:]
        for e in ds.log { onLog[e.personID] = e.category }
        var out: [Proposal] = []
        func figures(_ a: Assessment) -> [(name: String, value: String)] {
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
        func summary(_ a: Assessment, _ lead: String) -> String {
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
        func make(_ a: Assessment, _ action: ProposalAction, _ category: String?, _ reason: String, _ rule: String,
                  _ lead: String, flags: [String] = []) -> Proposal {
            var fl = flags
            if a.deprived { fl.append("deprived_of_liberty") }
            if let age = a.age, age < policy.youthAge { fl.append("minor") }
            return Proposal(id: "", personID: a.personID, action: action, category: category, reason: reason,
                            summary: summary(a, lead), rule: rule, figures: figures(a), cases: a.casesInWindow,
                            affiliations: a.affiliations.map { ($0.group, $0.confidence?.rawValue ?? "") },
                            currentCategory: onLog[a.personID], flags: fl)
        }
        let addRule = "add: eligible, a case as suspect in \(policy.inactivityMonths) months, and an affiliation of at least \(policy.minAffiliationConfidence.rawValue), serious co-offending with a core person, or a place in the core"
        let coreRule = "core: in the discrete core of the group or coreness ≥ \(policy.coreMinCoreness), and ≥ \(policy.coreMinSeriousCasesWithCore) serious co-offending cases with core persons in \(policy.evidenceMonths) months (≥ \(policy.coreMinSeriousCasesIfConfirmed) with a confirmed affiliation); otherwise peripheral"
        for a in assessments {
            let current = onLog[a.personID]
            let minor = a.age.map { $0 < policy.youthAge } ?? false
            if let current {
                if !a.eligible {
                    out.append(make(a, .remove, nil, "not_eligible", "not resident in an eligible municipality (\(policy.eligibleMunicipalities.joined(separator: ", ")))",
                                    "not eligible (residence outside \(policy.eligibleMunicipalities.joined(separator: ", ")))"))
                    continue
                }
                if a.inactive && !a.deprived {
                    out.append(make(a, .remove, nil, "inactive", "no case as suspect in \(policy.inactivityMonths) months and not deprived of liberty",
                                    "no activity since \(a.lastActivity?.description ?? "ever")"))
                    continue
                }
                if !a.hasEvidence && !a.deprived {
                    out.append(make(a, .remove, nil, "no_evidence", "no case as suspect in \(policy.evidenceMonths) months and no affiliation of at least \(policy.minAffiliationConfidence.rawValue)",
                                    "no evidence left"))
                    continue
                }
                let category = a.category!
                if category != current {
                    out.append(make(a, .recategorize, category, a.isCore ? "core" : "peripheral", coreRule + "; area A = \(policy.focusDistricts.joined(separator: ", "))",
                                    "\(current) → \(category)"))
                } else if includeKeep {
                    out.append(make(a, .keep, current, "unchanged", "category still fits", "stays \(current)"))
                }
            } else {
                // A new entry needs recent cases and a tie to the milieu: an affiliation of at
                // least the policy's confidence, serious co-offending with a core person, or the core.
                let strongAffiliation = a.affiliations.contains { ($0.confidence ?? .possible) <= policy.minAffiliationConfidence }
                guard a.eligible, !a.inactive, !a.casesInWindow.isEmpty,
                      a.isCore || strongAffiliation || !a.seriousCasesWithCore.isEmpty else { continue }
                let category = a.category!
                out.append(make(a, .add, category, a.isCore ? "core" : "peripheral", addRule + "; " + coreRule, a.isCore ? "core" : "peripheral"))
            }
            // Routes for persons on (or proposed for) the log.
            if minor {
                let gang = a.casesInWindow.contains { c in ds.cases.first { $0.id == c.id }?.tags.contains("Bandekonflikt") == true }
                out.append(make(a, .route, nil, "youth_screening", "under \(policy.youthAge) on the as-of date → DKS youth screening",
                                "under \(policy.youthAge): youth screening" + (gang ? ", gang case: decide on a concern talk within \(policy.youthDecisionHours) hours" : ""),
                                flags: gang ? ["decision_within_\(policy.youthDecisionHours)h"] : []))
            } else if !a.isCore && a.eligible && !a.deprived {
                out.append(make(a, .route, nil, "ssp_handover", "peripheral and \(policy.youthAge) or older → SSP+ hand-over candidate",
                                "peripheral, \(a.age.map { "age \($0)" } ?? "age unknown"): SSP+ hand-over candidate"))
            }
        }
        for i in out.indices { let n = String(i + 1); out[i].id = "\(asOf)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n }
        return out
    }
}
