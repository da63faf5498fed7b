import Network

/// How the log that accepting every proposal would give compares with a known true log: the
/// unit's check of the rules on data whose answer it knows (a past year decided by hand, a
/// synthetic scenario), and ours.
public struct Evaluation: Sendable {
    /// Rows and columns: A1, A2, B1, B2, then "not on log".
    public static let labels = LogCategory.all.map(\.rawValue) + ["not on log"]

    /// counts[true][proposed], indexed as ``labels``.
    public var counts: [[Int]]
    /// Persons whose proposed entry differs from the truth, in input order.
    public var disagreements: [Disagreement]

    public struct Disagreement: Sendable {
        public var personID: String
        public var truth: LogCategory?
        public var proposed: LogCategory?
        public var current: LogCategory?
        /// The proposals for the person (actions and reasons) and their evidence, or the
        /// assessment's when nothing was proposed.
        public var evidence: String
    }

    /// A recall or precision figure with its counts.
    public struct Rate: Sendable, CustomStringConvertible {
        public var hits: Int
        public var of: Int
        public var value: Double? { of == 0 ? nil : Double(hits) / Double(of) }
        public var description: String { value.map { "\(hits)/\(of) = " + String(format: "%.3f", $0) } ?? "0/0" }
    }

    static func index(_ c: LogCategory?) -> Int { c.map { LogCategory.all.firstIndex(of: $0)! } ?? 4 }

    /// Core recall: true tier-1 persons proposed with tier 1 (either area).
    public var coreRecall: Rate { tierRecall(.core) }
    /// Peripheral recall: true tier-2 persons on the proposed log (either tier or area).
    public var peripheralRecall: Rate {
        let rows = LogCategory.all.indices.filter { LogCategory.all[$0].tier == .peripheral }
        return Rate(hits: rows.map { r in (0..<4).map { counts[r][$0] }.reduce(0, +) }.reduce(0, +),
                    of: rows.map { counts[$0].reduce(0, +) }.reduce(0, +))
    }
    /// True core persons given exactly their category.
    public var coreExact: Rate {
        let rows = LogCategory.all.indices.filter { LogCategory.all[$0].tier == .core }
        return Rate(hits: rows.map { counts[$0][$0] }.reduce(0, +), of: rows.map { counts[$0].reduce(0, +) }.reduce(0, +))
    }
    /// Precision of the proposed log: persons on it who are on the true log.
    public var logPrecision: Rate {
        Rate(hits: (0..<4).map { c in (0..<4).map { counts[$0][c] }.reduce(0, +) }.reduce(0, +),
             of: (0..<4).map { c in (0..<5).map { counts[$0][c] }.reduce(0, +) }.reduce(0, +))
    }

    /// Tier recall: true persons of `tier` proposed with that tier.
    public func tierRecall(_ tier: LogCategory.Tier) -> Rate {
        let rows = LogCategory.all.indices.filter { LogCategory.all[$0].tier == tier }
        let cols = rows
        return Rate(hits: rows.map { r in cols.map { counts[r][$0] }.reduce(0, +) }.reduce(0, +),
                    of: rows.map { counts[$0].reduce(0, +) }.reduce(0, +))
    }

    /// Tier precision: persons proposed with `tier` whose true tier is `tier`.
    public func tierPrecision(_ tier: LogCategory.Tier) -> Rate {
        let cols = LogCategory.all.indices.filter { LogCategory.all[$0].tier == tier }
        return Rate(hits: cols.map { c in cols.map { counts[$0][c] }.reduce(0, +) }.reduce(0, +),
                    of: cols.map { c in (0..<5).map { counts[$0][c] }.reduce(0, +) }.reduce(0, +))
    }

    /// Recall and precision of one category (exact match).
    public func categoryRecall(_ c: LogCategory) -> Rate {
        let i = Self.index(c)
        return Rate(hits: counts[i][i], of: counts[i].reduce(0, +))
    }
    public func categoryPrecision(_ c: LogCategory) -> Rate {
        let i = Self.index(c)
        return Rate(hits: counts[i][i], of: (0..<5).map { counts[$0][i] }.reduce(0, +))
    }

    /// Removals that are right: the person is truly off the log.
    public var removalPrecision: Rate
    /// `review` outcomes against the size of the proposed log (review counted as keeping).
    public var reviews: Rate
    /// Presence on the log (any category) against the truth: the stale log as it was, and after
    /// accepting every proposal.
    public var stale: LogFit
    public var proposed: LogFit
    /// Per strength level: the proposals of that level that were right, and the log after
    /// accepting only the proposals of that level or stronger.
    public var byStrength: [(strength: EvidenceStrength, right: Rate, log: LogFit)]

    /// Precision, recall and F1 of a log's membership against the true log's.
    public struct LogFit: Sendable {
        public var precision: Rate
        public var recall: Rate
        public var f1: Double? {
            guard let p = precision.value, let r = recall.value, p + r > 0 else { return nil }
            return 2 * p * r / (p + r)
        }
        init(_ log: [String: LogCategory], truth: [String: LogCategory?], persons: [Person]) {
            var hits = 0, size = 0, real = 0
            for person in persons {
                let t = (truth[person.id] ?? nil) != nil, l = log[person.id] != nil
                if t && l { hits += 1 }
                if l { size += 1 }
                if t { real += 1 }
            }
            precision = Rate(hits: hits, of: size)
            recall = Rate(hits: hits, of: real)
        }
    }

    /// Whether a proposal agrees with the truth: an entry (add, recategorize, keep) has the true
    /// category; a removal, the person truly off; a review or route, the person truly on.
    static func right(_ p: Proposal, _ t: LogCategory?) -> Bool {
        switch p.action {
        case .add, .recategorize, .keep: return t == p.category
        case .remove: return t == nil
        case .review, .route: return t != nil
        }
    }

    /// The log after accepting every proposal (add, remove, recategorize) on `ds.log`.
    public static func proposedLog(_ ds: Dataset, _ proposals: [Proposal]) -> [String: LogCategory] {
        var log: [String: LogCategory] = [:]
        for e in ds.log { if let c = LogCategory(rawValue: e.category) { log[e.personID] = c } }
        for p in proposals {
            switch p.action {
            case .add, .recategorize: log[p.personID] = p.category
            case .remove: log[p.personID] = nil
            case .route, .keep, .review: break
            }
        }
        return log
    }

    /// Compares the proposed log with `truth` (person id → category, nil = not on the log) over
    /// every person of the dataset; persons missing from `truth` count as "not on log".
    public init(_ ds: Dataset, proposals: [Proposal], assessments: [Assessment], truth: [String: LogCategory?]) {
        let proposed = Self.proposedLog(ds, proposals)
        var current: [String: LogCategory] = [:]
        for e in ds.log { current[e.personID] = LogCategory(rawValue: e.category) }
        var byPerson: [String: [Proposal]] = [:]
        for p in proposals { byPerson[p.personID, default: []].append(p) }
        var assessed: [String: Assessment] = [:]
        for a in assessments { assessed[a.personID] = a }
        let removals = proposals.filter { $0.action == .remove }
        removalPrecision = Rate(hits: removals.filter { (truth[$0.personID] ?? nil) == nil }.count, of: removals.count)
        reviews = Rate(hits: proposals.filter { $0.action == .review }.count, of: proposed.count)
        stale = LogFit(current, truth: truth, persons: ds.persons)
        self.proposed = LogFit(proposed, truth: truth, persons: ds.persons)
        byStrength = EvidenceStrength.allCases.map { level in
            let at = proposals.filter { $0.strength == level && $0.action != .route }
            let accepted = proposals.filter { $0.strength <= level }
            return (level, Rate(hits: at.filter { Self.right($0, truth[$0.personID] ?? nil) }.count, of: at.count),
                    LogFit(Self.proposedLog(ds, accepted), truth: truth, persons: ds.persons))
        }
        counts = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        disagreements = []
        for person in ds.persons {
            let t = truth[person.id] ?? nil
            let p = proposed[person.id]
            counts[Self.index(t)][Self.index(p)] += 1
            guard t != p else { continue }
            let ps = byPerson[person.id] ?? []
            let evidence = ps.isEmpty
                ? (assessed[person.id].map { Screening.summary($0, "no proposal") } ?? "no proposal")
                : ps.map { "\($0.action.rawValue) \($0.category?.rawValue ?? "") (\($0.reason.rawValue)): \($0.summary)" }.joined(separator: " | ")
            disagreements.append(Disagreement(personID: person.id, truth: t, proposed: p, current: current[person.id], evidence: evidence))
        }
    }
}
